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
from pathlib import Path

from nhsjargon.text import one_line
from nhsjargon.views import Card, Cards, Part, Table

PAGE = 50  # cards shown at first and per "Show more"

_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

_HERE = Path(__file__).parent


def _asset(name: str) -> str:
    """The page's own style sheet or script (kept as files of their own languages), without the
    comment lines that head the file: they are for whoever edits it, not for the page."""
    lines = (_HERE / name).read_text(encoding="utf-8").splitlines(keepends=True)
    while lines and lines[0].startswith(("//", "/*")):
        del lines[0]
    return "\n" + "".join(lines)


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
            more = f"{_facts(rest)}{_sections(full.sections)}"
            parts.append(f"<details><summary>More about {_text(label)}</summary>{more}</details>")
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
        code = _asset("page.js").replace("/*PAGE*/50", str(PAGE))
        index = f'<script type="application/json" id="index">{_script_json(view.index)}</script>'
        script = f"{index}\n<script>{code}</script>"
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nhsjargon">
<title>{_text(title)}</title>
<style>{_asset("page.css")}</style>
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
