"""One self-contained HTML page of cards with a search box that works offline (export).

Everything the page needs is inline; a Content-Security-Policy forbids loading anything
else, so the file can be emailed or put on a shared drive and opened anywhere. Every piece
of text is escaped, and only http(s) source links become links.
"""

from __future__ import annotations

from html import escape

from nhsjargon.text import one_line
from nhsjargon.views import Card, Cards

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE = """
:root { --fg: #1d1d1f; --bg: #fff; --muted: #5b616b; --line: #d8dde3; --accent: #005eb8; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --bg: #16181b; --muted: #a2a9b3; --line: #33383f; --accent: #6cb4ff; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 4rem; color: var(--fg); background: var(--bg);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
header { position: sticky; top: 0; background: var(--bg); padding: .5rem 0 .75rem;
         border-bottom: 1px solid var(--line); }
h1 { font-size: 1.4rem; margin: .25rem 0 .5rem; }
input[type=search] { width: 100%; font: inherit; padding: .55rem .75rem; border: 1px solid var(--line);
                     border-radius: .4rem; background: var(--bg); color: var(--fg); }
#count { color: var(--muted); margin: .4rem 0 0; font-size: .9rem; }
article { border-bottom: 1px solid var(--line); padding: .9rem 0; }
article h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0;
     font-size: .92rem; }
dt { color: var(--muted); }
dd { margin: 0; }
h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
a { color: var(--accent); }
.status { display: inline-block; font-size: .75rem; padding: 0 .45rem; border-radius: 1rem;
          border: 1px solid currentColor; margin-left: .4rem; vertical-align: middle; }
.status-current { color: #1f7a35; } .status-proposed { color: #0b7285; }
.status-abolished { color: #b42318; } .status-historical { color: var(--muted); }
.status-renamed, .status-merged, .status-replaced { color: #9a6700; }
@media print {
  header { position: static; } input, #count { display: none; } article[hidden] { display: block; }
}
"""

# Words match from the start of a word ("ics" finds ICS, not "statistics"); the acronym or
# name matching comes first. "#q=..." in the address fills the box, so a search can be shared.
_SCRIPT = """
(function () {
  var input = document.getElementById("q"), count = document.getElementById("count");
  var list = document.getElementById("terms");
  var terms = Array.prototype.slice.call(list.querySelectorAll("article"));
  function fold(s) { return s.toLowerCase().normalize("NFKD").replace(/[\\u0300-\\u036f]/g, ""); }
  function esc(s) { return s.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&"); }
  var texts = terms.map(function (t) { return fold(t.getAttribute("data-search")); });
  var heads = terms.map(function (t) { return fold(t.getAttribute("data-label")); });
  function apply() {
    var words = fold(input.value).split(/\\s+/).filter(Boolean);
    var tests = words.map(function (w) { return new RegExp("(^|[^a-z0-9&])" + esc(w)); });
    var shown = [];
    terms.forEach(function (t, i) {
      var hit = tests.every(function (re) { return re.test(texts[i]); });
      t.hidden = !hit;
      if (hit) { shown.push([heads[i] === fold(input.value.trim()) ? 0 : 1, i]); }
    });
    shown.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    shown.forEach(function (pair) { list.appendChild(terms[pair[1]]); });
    terms.forEach(function (t) { if (t.hidden) { list.appendChild(t); } });
    count.textContent = words.length ? shown.length + " of " + terms.length + " terms match"
                                     : terms.length + " terms";
  }
  input.addEventListener("input", function () {
    apply();
    try { history.replaceState(null, "", "#q=" + encodeURIComponent(input.value)); } catch (e) {}
  });
  var m = /(?:^#|&)q=([^&]*)/.exec(location.hash);
  if (m) { try { input.value = decodeURIComponent(m[1]); } catch (e) { input.value = m[1]; } }
  apply();
})();
"""


def _text(value: str) -> str:
    return escape(one_line(value), quote=True)


def _url(url: str) -> str | None:
    return escape(url, quote=True) if url.startswith(("https://", "http://")) else None


def _card(card: Card) -> str:
    label = card.title.split(":", 1)[0]
    search = " ".join(
        [
            card.title,
            card.summary,
            card.body,
            *(part for _, parts in card.facts for part, _ in parts),
            *(item for _, items in card.sections for item in items),
        ]
    )
    parts = [
        f'<article id="{_text(card.anchor)}" data-label="{_text(label)}" data-search="{_text(search)}">',
        f"<h2>{_text(card.title)}"
        + (
            f' <span class="status status-{_text(card.status)}">{_text(card.status)}</span>'
            if card.status
            else ""
        )
        + "</h2>",
        f'<p class="summary">{_text(card.summary)}</p>',
        f"<p>{_text(card.body)}</p>",
    ]
    if card.facts:
        parts.append(
            "<dl>"
            + "".join(
                f"<dt>{_text(label)}</dt><dd>"
                + ", ".join(
                    f'<a href="#{_text(anchor)}">{_text(part)}</a>' if anchor else _text(part)
                    for part, anchor in facts
                )
                + "</dd>"
                for label, facts in card.facts
            )
            + "</dl>"
        )
    for heading, items in card.sections:
        parts.append(
            f"<h3>{_text(heading)}</h3><ul>" + "".join(f"<li>{_text(i)}</li>" for i in items) + "</ul>"
        )
    if card.sources:
        links = "".join(
            f'<li><a href="{url}" rel="noopener noreferrer">{_text(title)}</a></li>'
            if (url := _url(address))
            else f"<li>{_text(title)} {_text(address)}</li>"
            for title, address in card.sources
        )
        parts.append(f"<h3>Sources</h3><ul>{links}</ul>")
    parts.append("</article>")
    return "\n".join(parts)


def page(view: Cards) -> str:
    """The cards as one HTML document with inline style and script and nothing to fetch."""
    title = view.title or "NHS jargon"
    cards = "\n".join(_card(card) for card in view.cards)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nhsjargon">
<title>{_text(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{_text(title)}</h1>
<input type="search" id="q" aria-label="Search the glossary" autocomplete="off" autofocus
       placeholder="Search: an acronym, a name or any word (e.g. ICS, budget)">
<p id="count" aria-live="polite">{len(view.cards)} terms</p>
</header>
<main id="terms">
{cards}
</main>
<script>{_SCRIPT}</script>
</body>
</html>
"""
