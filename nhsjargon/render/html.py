"""The exported glossary as one self-contained HTML page: a small linked site that works offline.

Every term is an article anchored by its id (`#icb`), shown as its short card with the rest
in a <details> on demand; related terms are links. Search ranks with the CLI's own index and
weights (embedded as JSON; the script folds a query as `search_words` does), shows the best
fifty with the matches highlighted, and writes itself into the address (`#q=...`) so a search
can be shared; following a link or editing the fragment updates the page. The timeline and
the comparisons readers ask for come after the terms.

Everything is inline and a Content-Security-Policy forbids loading anything else, so the file
can be emailed or put on a shared drive. All text is escaped; only http(s) sources are links.
Without JavaScript every card is simply shown.
"""

from __future__ import annotations

import json
from html import escape

from nhsjargon.text import one_line
from nhsjargon.views import Card, Cards, Part, Table

PAGE = 50  # cards shown at first and per "Show more"

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_STYLE = """
:root { --fg: #1d1d1f; --bg: #fff; --muted: #5b616b; --line: #d8dde3; --accent: #005eb8; --mark: #fff3b0; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --bg: #16181b; --muted: #a2a9b3; --line: #33383f; --accent: #6cb4ff; --mark: #5c4a00; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 0 1rem 4rem; color: var(--fg); background: var(--bg);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; overflow-wrap: anywhere; }
header { position: sticky; top: 0; z-index: 1; background: var(--bg); padding: .5rem 0 .6rem;
         border-bottom: 1px solid var(--line); }
h1 { font-size: 1.3rem; margin: .25rem 0 .4rem; }
nav { font-size: .95rem; margin-bottom: .4rem; } nav a { margin-right: 1rem; }
input[type=search] { width: 100%; font: inherit; padding: .55rem .75rem; border: 1px solid var(--line);
                     border-radius: .4rem; background: var(--bg); color: var(--fg); }
#count { color: var(--muted); margin: .4rem 0 0; font-size: .9rem; }
#answer { margin: .3rem 0 0; font-weight: 600; }
article { border-bottom: 1px solid var(--line); padding: .9rem 0; scroll-margin-top: 9rem; }
article:target { background: linear-gradient(90deg, var(--mark), transparent 40%); }
article h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
.summary { color: var(--muted); margin: 0 0 .3rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .3rem 0; font-size: .92rem; }
dt { color: var(--muted); } dd { margin: 0; }
h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
a { color: var(--accent); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
details { margin-top: .4rem; } summary { cursor: pointer; color: var(--accent); }
button { font: inherit; padding: .45rem 1rem; margin: 1rem 0; border: 1px solid var(--line); border-radius: .4rem;
         background: var(--bg); color: var(--accent); cursor: pointer; }
section.extra { margin-top: 2.5rem; } section.extra > h2 { font-size: 1.2rem; scroll-margin-top: 9rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .9rem; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { white-space: nowrap; } td:first-child { white-space: nowrap; }
tr.differs td:first-child { font-weight: 600; }
.status { display: inline-block; font-size: .75rem; padding: 0 .45rem; border-radius: 1rem;
          border: 1px solid currentColor; margin-left: .4rem; vertical-align: middle; }
.status-current { color: #1f7a35; } .status-proposed { color: #0b7285; }
.status-abolished { color: #b42318; } .status-historical { color: var(--muted); }
.status-renamed, .status-merged, .status-replaced { color: #9a6700; }
@media (max-width: 40rem) {
  body { padding: 0 .75rem 3rem; } dl { grid-template-columns: 1fr; } dd { margin-bottom: .3rem; }
  table { font-size: .85rem; } td:first-child { white-space: normal; }
}
@media print {
  header { position: static; } input, #count, nav, button { display: none; } article[hidden] { display: block; }
  details { display: block; }
}
"""

# Ranking as nhsjargon.search.search does: a relation question's answer, or exact hits (the
# query, or an acronym in it) first,
# then idf x field weight per word, x1.5 when every word is found, +6 per word for the phrase
# in the name. Query words are folded as knowledge.index.search_words folds them.
_SCRIPT = (
    """
(function () {
  "use strict";
  var PAGE = """
    + str(PAGE)
    + """;
  var index = JSON.parse(document.getElementById("index").textContent);
  var input = document.getElementById("q"), count = document.getElementById("count");
  var list = document.getElementById("terms"), more = document.getElementById("more");
  var answer = document.getElementById("answer");
  var articles = Array.prototype.slice.call(list.querySelectorAll("article"));
  var byNumber = [], original = new Map(), stop = new Set(index.stop), total = articles.length;
  articles.forEach(function (a) { byNumber[+a.getAttribute("data-n")] = a; });
  var shown = PAGE, order = articles, words = [];

  function fold(s) { return s.normalize("NFKC").toLowerCase().replace(/&/g, " and ")
    .replace(/ization/g, "isation").replace(/izing/g, "ising").replace(/ize/g, "ise")
    .replace(/[-\\u2010-\\u2015_/.,'\\u2019()]/g, " "); }
  function compact(s) { return fold(s).replace(/[^a-z0-9]/g, ""); }
  function plural(w) {
    if (w.length > 4 && /ies$/.test(w)) { return w.slice(0, -3) + "y"; }
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) { return w.slice(0, -1); }
    return w;
  }
  function searchWords(s) {
    return (fold(s).match(/[0-9a-z]+/g) || []).filter(function (w) {
      return !stop.has(w) && (w.length > 1 || /^[0-9]$/.test(w));
    }).map(plural);
  }
  function exact(query) {
    var found = [], seen = new Set();
    function add(key) {
      (index.keys[key] || []).forEach(function (n) { if (!seen.has(n)) { seen.add(n); found.push(n); } });
    }
    var whole = compact(query);
    add(whole);
    if (!found.length && /s$/.test(whole)) { add(whole.slice(0, -1)); }
    query.split(/\\s+/).forEach(function (w) {
      w = w.replace(/^[,;:.!()]+|[,;:.!()]+$/g, "");
      if ((w.match(/[A-Z]/g) || []).length >= 2 && w !== query.trim()) {
        var key = compact(w.replace(/(['\\u2019]s|s)$/, function (m) { return index.keys[compact(w)] ? m : ""; }));
        add(key);
      }
    });
    return found;
  }
  function lookup(term) {
    var key = compact(term), found = index.keys[key] || [];
    if (!found.length && /s$/.test(key)) { found = index.keys[key.slice(0, -1)] || []; }
    return found;
  }
  function question(query) {
    var q = index.questions, text = query.replace(/\\?/g, " ").replace(/\u2019/g, "'").split(/\\s+/)
      .filter(Boolean).join(" "), low = text.toLowerCase();
    var asks = q.after.map(function (p) { return ["after", p]; })
      .concat(q.before.map(function (p) { return ["before", p]; }));
    for (var i = 0; i < asks.length; i++) {
      var kind = asks[i][0], prefix = asks[i][1];
      if (low.indexOf(prefix + " ") !== 0) { continue; }
      var rest = text.slice(prefix.length + 1).split(" "), ending = rest[rest.length - 1].toLowerCase();
      if (q.became.indexOf(prefix) >= 0) {
        kind = q.ends_after.indexOf(ending) >= 0 ? "after" : (q.ends_before.indexOf(ending) >= 0 ? "before" : "");
        if (!kind) { continue; }
      }
      if (prefix === "where did") { kind = "before"; }
      while (rest.length && q.leading.indexOf(rest[0].toLowerCase()) >= 0) { rest.shift(); }
      while (rest.length && q.trailing.indexOf(rest[rest.length - 1].toLowerCase()) >= 0) { rest.pop(); }
      var term = rest.join(" "), asked = lookup(term);
      var answered = asked.filter(function (n) { return (index[kind][n] || []).length; });
      asked = answered.length ? answered : asked.slice(0, 1);
      if (asked.length) {
        var found = [];
        asked.forEach(function (n) {
          (index[kind][n] || []).forEach(function (m) { if (found.indexOf(m) < 0) { found.push(m); } });
        });
        return { kind: kind, asked: asked, found: found, term: term };
      }
    }
    return null;
  }
  function label(n) { return index.labels[n]; }
  function full(n) { return index.full[n]; }
  function answerText(q) {  // as the CLI words it
    var asked = q.asked.map(full).join(" / "), verb = q.kind === "after" ? "became" : "came from";
    return q.found.length ? asked + " " + verb + ": " + q.found.map(full).join(", ")
                          : "The glossary records nothing that " + asked + " " + verb + ".";
  }
  function rank(query) {
    var asked = question(query);
    var ws = Array.from(new Set(searchWords(asked ? asked.term : query))).slice(0, 32);
    var scores = new Map(), matched = new Map();
    ws.forEach(function (w) {
      var postings = index.words[w];
      if (!postings) { return; }
      var entries = new Set(postings.map(function (v) { return v >> 3; }));
      var idf = Math.log(1 + (total - entries.size + 0.5) / (entries.size + 0.5));
      postings.forEach(function (v) {
        var n = v >> 3;
        scores.set(n, (scores.get(n) || 0) + idf * index.weights[v & 7]);
      });
      entries.forEach(function (n) { matched.set(n, (matched.get(n) || 0) + 1); });
    });
    if (ws.length > 1) {
      var phrase = ws.join(" ");
      scores.forEach(function (score, n) {
        if (matched.get(n) === ws.length) { score *= 1.5; }
        if (index.names[n].indexOf(phrase) >= 0) { score += 6 * ws.length; }
        scores.set(n, score);
      });
    }
    scores.forEach(function (score, n) { scores.set(n, Math.round(score * 10) / 10); });
    var hits = asked ? Array.from(new Set(asked.found.concat(asked.asked))) : exact(query), taken = new Set(hits);
    var rest = Array.from(scores.keys()).filter(function (n) { return !taken.has(n); });
    function before(x, y) { return x < y ? -1 : (x > y ? 1 : 0); }
    rest.sort(function (a, b) {  // as the CLI: score, then label, then id
      return scores.get(b) - scores.get(a) || before(label(a).toLowerCase(), label(b).toLowerCase()) ||
        before(index.ids[a], index.ids[b]);
    });
    return { numbers: hits.concat(rest), words: ws, answer: asked ? answerText(asked) : "" };
  }
  function unmark(a) { if (original.has(a)) { a.innerHTML = original.get(a); original.delete(a); } }
  function markWords(a, ws) {
    if (!ws.length) { return; }
    original.set(a, a.innerHTML);
    var re = new RegExp("(^|[^A-Za-z0-9])(" + ws.map(function (w) {
      return w.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&"); }).join("|") + ")", "gi");
    a.querySelectorAll("h2, .summary, .body").forEach(function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var text = node.nodeValue, last = 0, frag = document.createDocumentFragment(), m;
        re.lastIndex = 0;
        while ((m = re.exec(text))) {
          var start = m.index + m[1].length;
          frag.appendChild(document.createTextNode(text.slice(last, start)));
          var mark = document.createElement("mark");
          mark.textContent = text.slice(start, start + m[2].length);
          frag.appendChild(mark);
          last = start + m[2].length;
        }
        if (last) { frag.appendChild(document.createTextNode(text.slice(last))); node.replaceWith(frag); }
      });
    });
  }
  function draw() {
    articles.forEach(function (a) { unmark(a); a.hidden = true; });
    order.slice(0, shown).forEach(function (a) { list.appendChild(a); a.hidden = false; markWords(a, words); });
    more.hidden = order.length <= shown;
    more.textContent = "Show " + Math.min(PAGE, order.length - shown) + " more";
  }
  function showQuery(query) {
    shown = PAGE;
    answer.hidden = true;
    if (!query.trim()) {
      order = articles; words = [];
      count.textContent = total + " terms";
    } else {
      var result = rank(query);
      order = result.numbers.map(function (n) { return byNumber[n]; });
      words = result.words;
      count.textContent = order.length + " of " + total + " terms match";
      answer.textContent = result.answer;
      answer.hidden = !result.answer;
    }
    draw();
  }
  function follow() {
    var hash = location.hash.slice(1), m = /^q=(.*)$/.exec(hash);
    if (m) {
      try { input.value = decodeURIComponent(m[1]); } catch (e) { input.value = m[1]; }
      showQuery(input.value);
      return;
    }
    var target = hash && document.getElementById(decodeURIComponent(hash));
    if (target && target.tagName === "ARTICLE") {
      input.value = "";
      order = [target]; words = []; shown = PAGE; answer.hidden = true;
      count.textContent = "1 of " + total + " terms: " + target.getAttribute("data-label");
      draw();
      target.scrollIntoView();
      return;
    }
    if (!target) { input.value = ""; showQuery(""); }
  }
  input.addEventListener("input", function () {
    showQuery(input.value);
    try { history.replaceState(null, "", input.value ? "#q=" + encodeURIComponent(input.value) : "#"); }
    catch (e) {}
  });
  more.addEventListener("click", function () { shown += PAGE; draw(); });
  window.addEventListener("hashchange", follow);
  if (location.hash.length > 1) { follow(); } else { showQuery(""); }
})();
"""
)


def _text(value: str) -> str:
    return escape(one_line(value), quote=True)


def _url(url: str) -> str | None:
    return escape(url, quote=True) if url.startswith(("https://", "http://")) else None


def _parts(parts: tuple[Part, ...]) -> str:
    return ", ".join(
        f'<a href="#{_text(anchor)}">{_text(part)}</a>' if anchor else _text(part) for part, anchor in parts
    )


def _facts(facts: tuple[tuple[str, tuple[Part, ...]], ...]) -> str:
    if not facts:
        return ""
    return (
        "<dl>"
        + "".join(f"<dt>{_text(label)}</dt><dd>{_parts(parts)}</dd>" for label, parts in facts)
        + "</dl>"
    )


def _sections(sections: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    return "".join(
        f"<h3>{_text(heading)}</h3><ul>" + "".join(f"<li>{_text(item)}</li>" for item in items) + "</ul>"
        for heading, items in sections
    )


def _sources(sources: tuple[tuple[str, str], ...]) -> str:
    if not sources:
        return ""
    links = "".join(
        f'<li><a href="{url}" rel="noopener noreferrer">{_text(title)}</a></li>'
        if (url := _url(address))
        else f"<li>{_text(title)} {_text(address)}</li>"
        for title, address in sources
    )
    return f"<h3>Sources</h3><ul>{links}</ul>"


def _card(card: Card, number: int, hidden: bool) -> str:
    """The short card, and the rest of the full card (every relation, notes, model) on demand.

    Cards past the first page start hidden, so the browser lays out fifty cards, not thousands.
    """
    label = card.title.split(":", 1)[0]
    status = (
        f' <span class="status status-{_text(card.status)}">{_text(card.status)}</span>'
        if card.status
        else ""
    )
    parts = [
        f'<article id="{_text(card.anchor)}" data-n="{number}" data-label="{_text(label)}"'
        + (" hidden>" if hidden else ">"),
        f"<h2>{_text(card.title)}{status}</h2>",
        f'<p class="summary">{_text(card.summary)}</p>',
        f'<p class="body">{_text(card.body)}</p>',
        _facts(card.facts),
        _sources(card.sources),
    ]
    full = card.more
    if full is not None:
        shown = {label for label, _ in card.facts}
        rest = tuple(fact for fact in full.facts if fact[0] not in shown)
        if rest or full.sections:
            parts.append(
                f"<details><summary>More about {_text(label)}</summary>{_facts(rest)}{_sections(full.sections)}</details>"
            )
    elif card.sections:
        parts.append(_sections(card.sections))
    parts.append("</article>")
    return "\n".join(part for part in parts if part)


def _table(view: Table, anchor: str) -> str:
    """A timeline or comparison table; cells naming terms link to them where `view.data` says."""
    head = "".join(f"<th>{_text(column)}</th>" for column in view.columns)
    marked = view.marked or (False,) * len(view.rows)
    rows = "".join(
        ('<tr class="differs">' if mark else "<tr>")
        + "".join(f"<td>{_text(cell)}</td>" for cell in row)
        + "</tr>"
        for row, mark in zip(view.rows, marked, strict=True)
    )
    notes = "".join(f"<p>{_text(note)}</p>" for note in view.notes)
    return (
        f'<h2 id="{anchor}">{_text(view.title)}</h2>'
        f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>{notes}'
    )


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no "</script>", "<!--" or "&" can end or confuse the block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(view: Cards) -> str:
    """The glossary as one HTML document with inline style, script and index; nothing to fetch."""
    title = view.title or "NHS jargon"
    numbers = _entry_numbers(view)
    paged = view.index is not None  # the script shows the first page and pages on demand
    cards = "\n".join(
        _card(card, numbers.get(card.anchor, n), paged and n >= PAGE) for n, card in enumerate(view.cards)
    )
    timeline = [table for table in view.appendix if table.columns[:1] == ("date",)]
    comparisons = [table for table in view.appendix if table not in timeline]
    nav = ['<a href="#">Terms</a>']
    extra = []
    if timeline:
        nav.append('<a href="#timeline">Timeline</a>')
        extra.append(f'<section class="extra">{_table(timeline[0], "timeline")}</section>')
    if comparisons:
        nav.append('<a href="#comparisons">Comparisons</a>')
        tables = "".join(_table(table, f"compare-{n}") for n, table in enumerate(comparisons, 1))
        extra.append(f'<section class="extra" id="comparisons"><h2>Comparisons</h2>{tables}</section>')
    script = ""
    if view.index is not None:
        script = f'<script type="application/json" id="index">{_script_json(view.index)}</script>\n<script>{_SCRIPT}</script>'
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nhsjargon">
<title>{_text(title)}</title>
<style>{_STYLE}</style>
<noscript><style>article[hidden] {{ display: block; }}</style></noscript>
</head>
<body>
<header>
<h1>{_text(title)}</h1>
<nav>{" ".join(nav)}</nav>
<input type="search" id="q" aria-label="Search the glossary" autocomplete="off" autofocus
       placeholder="Search: an acronym, a name or any words (e.g. ICS, what replaced CCGs)">
<p id="count" aria-live="polite">{len(view.cards)} terms</p>
<p id="answer" aria-live="polite" hidden></p>
</header>
<main>
<section id="terms">
{cards}
</section>
<button type="button" id="more" hidden>Show more</button>
{"".join(extra)}
</main>
{script}
</body>
</html>
"""


def _entry_numbers(view: Cards) -> dict[str, int]:
    """Each card's entry number in the search index (the index's own order of entries)."""
    if view.index is None:
        return {}
    return {anchor: number for number, anchor in enumerate(view.index.get("ids", ()))}
