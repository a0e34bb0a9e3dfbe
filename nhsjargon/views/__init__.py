"""Format-neutral results that commands hand to the renderer.

A command builds one view; `render.emit` turns it into rich, text, markdown, JSON, CSV or a
diagram language. Every view carries `data` (the JSON document README.md promises for its
command; its shape is in views/shapes.py) and `csv` (the same result as one flat table).
Views hold data only: how anything looks (Markdown, Mermaid, DOT) is the renderer's business.

Plain classes with __slots__: cheap to define, which matters for a command that should
answer in a few milliseconds.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

Row = tuple[str, ...]


class Flat:
    """A result as one table: a header row and rows of equal length (CSV)."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: tuple[str, ...], rows: tuple[Row, ...]) -> None:
        self.columns, self.rows = columns, rows


class Table:
    """Rows under column headings: list, search, compare, timeline, validate."""

    __slots__ = ("columns", "rows", "data", "csv", "title", "lead", "notes", "marked", "mark_label", "wrap")

    def __init__(
        self,
        columns: tuple[str, ...],
        rows: tuple[Row, ...],
        data: Any,
        csv: Flat | None = None,
        title: str = "",
        notes: tuple[str, ...] = (),
        marked: tuple[bool, ...] = (),
        mark_label: str = "",
        wrap: bool = False,
        lead: tuple[str, ...] = (),
    ) -> None:
        self.columns, self.rows, self.data, self.title, self.notes = columns, rows, data, title, notes
        self.lead = lead  # lines before the rows: a question's answer comes before the matches
        self.marked, self.mark_label, self.wrap = marked, mark_label, wrap  # wrap: long cells may wrap
        if csv is None and mark_label and marked:
            csv = Flat(
                (*columns, mark_label),
                tuple((*row, "yes" if mark else "no") for row, mark in zip(rows, marked, strict=False)),
            )
        self.csv = csv or Flat(columns, rows)


class Pairs:
    """One `term: meaning` line each (expand)."""

    __slots__ = ("items", "data", "csv")

    def __init__(self, items: tuple[tuple[str, str], ...], data: Any) -> None:
        self.items, self.data = items, data
        self.csv = Flat(("term", "meaning"), items)


Part = tuple[str, str]  # (text, the id of the entry it names, or "")


class Card:
    """One entry: title, a status line, the definition, labelled facts (whose parts may name
    other entries), sections of items, and its sources."""

    __slots__ = ("title", "status", "summary", "body", "facts", "sections", "sources", "anchor", "more")

    def __init__(
        self,
        title: str,
        summary: str,
        body: str,
        facts: tuple[tuple[str, tuple[Part, ...]], ...] = (),
        sections: tuple[tuple[str, tuple[str, ...]], ...] = (),
        sources: tuple[tuple[str, str], ...] = (),
        status: str = "",
        anchor: str = "",
        more: Card | None = None,
    ) -> None:
        self.title, self.summary, self.body, self.facts = title, summary, body, facts
        self.sections, self.sources = sections, sources
        self.status = status  # the entry's status word, for styling
        self.anchor = anchor  # the entry's id: where links to it point
        self.more = more  # the full card behind a short one: a page shows it on demand, a document instead


class Block:
    """What one query shows: a headline (for an ambiguous or out-of-date query), its card(s),
    and one line per further sense ("2. icp-provider: Integrated Care Provider, 2017 to 2018")."""

    __slots__ = ("headline", "cards", "others")

    def __init__(self, cards: tuple[Card, ...], headline: str = "", others: tuple[str, ...] = ()) -> None:
        self.cards, self.headline, self.others = cards, headline, others


class Cards:
    """Blocks of cards under an optional title (explain; export, the whole glossary, with the
    timeline and comparisons as `appendix` tables and, for the HTML page, its search `index`)."""

    __slots__ = ("blocks", "data", "csv", "title", "notes", "appendix", "index")

    def __init__(
        self,
        blocks: tuple[Block, ...],
        data: Any,
        csv: Flat,
        title: str = "",
        notes: tuple[str, ...] = (),
        appendix: tuple[Table, ...] = (),
        index: Any = None,
    ) -> None:
        self.blocks, self.data, self.csv, self.title, self.notes = blocks, data, csv, title, notes
        self.appendix, self.index = appendix, index

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for block in self.blocks for card in block.cards)


class TreeNode:
    __slots__ = ("label", "children", "note")

    def __init__(self, label: str, children: tuple[TreeNode, ...] = (), note: str = "") -> None:
        self.label, self.children, self.note = label, children, note


class Tree:
    """A predecessor/successor tree (lineage)."""

    __slots__ = ("root", "data", "csv", "title")

    def __init__(self, root: TreeNode, data: Any, title: str = "") -> None:
        self.root, self.data, self.title = root, data, title
        rows: list[Row] = []

        def walk(node: TreeNode, depth: int) -> None:
            rows.append((str(depth), node.label, node.note))
            for child in node.children:
                walk(child, depth + 1)

        walk(root, 0)
        self.csv = Flat(("depth", "term", "note"), tuple(rows))


class Bar:
    __slots__ = ("label", "start", "end", "open_ended", "note")

    def __init__(
        self, label: str, start: float, end: float, open_ended: bool = False, note: str = ""
    ) -> None:
        self.label, self.start, self.end, self.open_ended, self.note = label, start, end, open_ended, note


class Chart:
    """Lifespans as bars on a year axis (the timeline picture)."""

    __slots__ = ("bars", "first_year", "last_year", "data", "csv", "title")

    def __init__(
        self, bars: tuple[Bar, ...], first_year: int, last_year: int, data: Any, csv: Flat, title: str = ""
    ) -> None:
        self.bars, self.first_year, self.last_year = bars, first_year, last_year
        self.data, self.csv, self.title = data, csv, title


class Node:
    """A term in a diagram."""

    __slots__ = ("id", "acronym", "name", "gone")

    def __init__(self, id: str, acronym: str | None, name: str, gone: bool) -> None:  # noqa: A002
        self.id, self.acronym, self.name, self.gone = id, acronym, name, gone


class Edge:
    """A link in a diagram; `kind` is succession, structure or symmetric (how it is drawn)."""

    __slots__ = ("source", "relation", "target", "kind")

    def __init__(self, source: str, relation: str, target: str, kind: str) -> None:
        self.source, self.relation, self.target, self.kind = source, relation, target, kind


class Diagram:
    """A relationship graph: drawn as Mermaid or DOT, listed as links in the other formats."""

    __slots__ = ("nodes", "edges", "links", "data", "csv", "title", "notes")

    def __init__(
        self,
        nodes: tuple[Node, ...],
        edges: tuple[Edge, ...],
        links: Table,
        data: Any,
        csv: Flat,
        title: str = "",
    ) -> None:
        self.nodes, self.edges, self.links, self.data, self.csv = nodes, edges, links, data, csv
        self.title, self.notes = title, links.notes


class Report:
    """A result about a document (decode): tables one after another, notes under them, and the
    glossary (acronym, meaning) with notes for the writer, which Markdown prints instead."""

    __slots__ = ("sections", "data", "csv", "notes", "glossary", "glossary_notes")

    def __init__(
        self,
        sections: tuple[Table, ...],
        data: Any,
        csv: Flat,
        notes: tuple[str, ...] = (),
        glossary: tuple[tuple[str, str], ...] = (),
        glossary_notes: tuple[str, ...] = (),
    ) -> None:
        self.sections, self.data, self.csv, self.notes = sections, data, csv, notes
        self.glossary, self.glossary_notes = glossary, glossary_notes


class Findings:
    """Problems found in documents (check): `file:line:col: message` in text, a table elsewhere."""

    __slots__ = ("items", "table", "data", "csv", "notes")

    def __init__(
        self,
        items: tuple[tuple[str, str], ...],
        table: Table,
        data: Any,
        csv: Flat,
        notes: tuple[str, ...] = (),
    ) -> None:
        self.items, self.table, self.data, self.csv, self.notes = items, table, data, csv, notes


View = Table | Pairs | Cards | Tree | Chart | Diagram | Report | Findings
