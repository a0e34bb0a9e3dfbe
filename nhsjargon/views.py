"""Format-neutral results that commands hand to the renderer (NamedTuples: cheap to define).

A command builds one of these views; `render.emit` turns it into rich, text, markdown,
JSON or CSV. Each view carries `data`, the JSON document the README promises for its
command, and can give itself as a flat table for CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, NamedTuple

from nhsjargon.model import ATTRIBUTES, Entry, Event, KnowledgeBase

if TYPE_CHECKING:  # the cores are imported only by the commands that use them (start-up time)
    from nhsjargon.compare import Comparison
    from nhsjargon.graph import Graph
    from nhsjargon.lineage import Node
    from nhsjargon.timeline import Lifespan

Cell = str
Row = tuple[Cell, ...]


class Table(NamedTuple):
    """Rows under column headings: list, search, compare, timeline, decode, check."""

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    data: Any
    title: str = ""
    notes: tuple[str, ...] = ()  # plain-English lines shown under the table
    marked: tuple[bool, ...] = ()  # rows to emphasise (compare marks differing rows)
    mark_label: str = ""  # what a mark means, for formats that show it as a column
    export: tuple[tuple[str, ...], tuple[Row, ...]] | None = None  # fuller columns for CSV
    alternates: tuple[tuple[str, str], ...] = ()  # (format, text) the result also comes as
    wrap: int = 0  # plain text: wrap all but the first column to fit this width (0: never wrap)

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        if self.export is not None:
            return self.export
        if self.mark_label and self.marked:
            return (*self.columns, self.mark_label), tuple(
                (*row, "yes" if mark else "no") for row, mark in zip(self.rows, self.marked, strict=True)
            )
        return self.columns, self.rows


class Pairs(NamedTuple):
    """One `term: meaning` line each, like BSD's wtf: expand."""

    items: tuple[tuple[str, str], ...]
    data: Any
    columns: tuple[str, str] = ("term", "meaning")

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        return self.columns, self.items


class Card(NamedTuple):
    """One entry shown in full: a title, labelled facts, the definition, then sections."""

    title: str
    facts: tuple[tuple[str, str], ...]
    body: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Cards(NamedTuple):
    """Several cards under optional headline lines (explain)."""

    cards: tuple[Card, ...]
    data: Any
    headlines: tuple[str, ...] = ()
    csv_columns: tuple[str, ...] = ()
    csv_rows: tuple[Row, ...] = ()
    title: str = ""  # a heading over them all (export)

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        return self.csv_columns, self.csv_rows


class TreeNode(NamedTuple):
    label: str
    children: tuple[TreeNode, ...] = ()
    note: str = ""


class Tree(NamedTuple):
    """A predecessor/successor tree (lineage)."""

    root: TreeNode
    data: Any
    title: str = ""
    columns: tuple[str, ...] = ("depth", "term", "note")

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        rows: list[Row] = []

        def walk(node: TreeNode, depth: int) -> None:
            rows.append((str(depth), node.label, node.note))
            for child in node.children:
                walk(child, depth + 1)

        walk(self.root, 0)
        return self.columns, tuple(rows)


class Bar(NamedTuple):
    label: str
    start: float  # fractional years
    end: float
    open_ended: bool = False
    note: str = ""


class Chart(NamedTuple):
    """Lifespans as bars on a year axis (the timeline picture)."""

    bars: tuple[Bar, ...]
    first_year: int
    last_year: int
    data: Any
    title: str = ""
    columns: tuple[str, ...] = ("term", "from", "to", "note")
    rows: tuple[Row, ...] = ()

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        return self.columns, self.rows


class Report(NamedTuple):
    """A result about a document (decode, check): tables one after another, notes under them.

    `text` and `markdown`, when set, are what those formats print instead of the tables:
    check's `FILE:LINE: message` lines, decode's glossary. CSV is `export`, one flat table.
    """

    sections: tuple[Table, ...]
    data: Any
    export: tuple[tuple[str, ...], tuple[Row, ...]]
    notes: tuple[str, ...] = ()
    text: str | None = None
    markdown: str | None = None

    def table(self) -> tuple[tuple[str, ...], tuple[Row, ...]]:
        return self.export


View = Table | Pairs | Cards | Tree | Chart | Report


# ---------------------------------------------------------------- shared builders


def entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as the JSON object documented in README.md."""
    return {
        "id": entry.id,
        "acronym": entry.acronym,
        "name": entry.name,
        "aliases": list(entry.aliases),
        "misspellings": list(entry.misspellings),
        "category": entry.category,
        "status": entry.status,
        "introduced": str(entry.introduced) if entry.introduced else None,
        "ended": str(entry.ended) if entry.ended else None,
        "definition": entry.definition,
        "notes": list(entry.notes),
        "related": [{"relation": link.relation, "id": link.id} for link in entry.related],
        "attributes": dict(entry.attributes),
        "sources": [{"title": source.title, "url": source.url} for source in entry.sources],
    }


ENTRY_CSV_COLUMNS = ("id", "acronym", "name", "category", "status", "introduced", "ended",
                     "definition", "related", "sources")


def entry_row(entry: Entry) -> Row:
    return (
        entry.id,
        entry.acronym or "",
        entry.name,
        entry.category,
        entry.status,
        str(entry.introduced or ""),
        str(entry.ended or ""),
        entry.definition,
        "; ".join(f"{link.relation}:{link.id}" for link in entry.related),
        "; ".join(f"{source.title} <{source.url}>" for source in entry.sources),
    )


RELATION_LABELS = {
    "evolved_into": "Evolved into",
    "evolved_from": "Evolved from",
    "replaced_by": "Replaced by",
    "replaces": "Replaces",
    "renamed_to": "Renamed to",
    "renamed_from": "Renamed from",
    "merged_into": "Merged into",
    "absorbed": "Absorbed",
    "part_of": "Part of",
    "has_part": "Includes",
    "kind_of": "A kind of",
    "has_kind": "Kinds",
    "established_by": "Established by",
    "establishes": "Establishes",
    "accountable_to": "Accountable to",
    "oversees": "Oversees",
    "contrasts_with": "Contrasts with",
    "see_also": "See also",
}


def entry_card(knowledge: KnowledgeBase, entry: Entry, successor_note: str = "") -> Card:
    """The full card for one sense: what `explain` shows."""
    status = entry.status + (f" ({successor_note})" if successor_note else "")
    facts: list[tuple[str, str]] = [
        ("Status", status),
        ("When", entry.era()),
        ("Category", entry.category),
    ]
    # an alias that only re-cases or re-spells the name ("accountable care organization") adds nothing
    from nhsjargon.keys import compact

    shown = [alias for alias in entry.aliases if compact(alias) != compact(entry.name)]
    if shown:
        facts.append(("Also called", "; ".join(shown)))
    sections: list[tuple[str, tuple[str, ...]]] = []
    if entry.notes:
        sections.append(("Notes", entry.notes))
    if entry.attributes:
        sections.append(("Model", tuple(f"{ATTRIBUTES[key]}: {value}" for key, value in entry.attributes)))
    grouped: dict[str, list[str]] = {}
    for link in entry.related:
        target = knowledge.by_id.get(link.id)
        if target is not None:
            grouped.setdefault(RELATION_LABELS[link.relation], []).append(target.full_label)
    if grouped:
        lines = tuple(f"{label}: {', '.join(names)}" for label, names in grouped.items())
        sections.append(("Related", lines))
    if entry.sources:
        sections.append(("Sources", tuple(f"{source.title} <{source.url}>" for source in entry.sources)))
    return Card(title=entry.title, facts=tuple(facts), body=entry.definition, sections=tuple(sections))


def _successor_note(knowledge: KnowledgeBase, entry: Entry) -> str:
    """For a sense that is gone: what took over, and since when."""
    if entry.status in ("current", "proposed"):
        return ""
    from nhsjargon.lookup import successor_phrases

    return "; ".join(successor_phrases(knowledge, entry))


def explain_view(
    knowledge: KnowledgeBase, found: list[tuple[str, tuple[Entry, ...]]], day: object = None,
    none_in_use: Collection[str] = (),
) -> Cards:
    """Cards for every sense of every term asked for, with a headline for ambiguous ones."""
    headlines: list[str] = []
    cards: list[Card] = []
    entries: list[Entry] = []
    for query, senses in found:
        if query in none_in_use:
            what = "it" if len(senses) == 1 else f"all {len(senses)} senses"
            headlines.append(f"{query} was not in use on {day}; showing {what}")
        elif len(senses) > 1:
            names = "; ".join(f"{i}. {sense.name}" for i, sense in enumerate(senses, 1))
            when = f" in use on {day}" if day else ""
            headlines.append(f"{query} has {len(senses)} senses{when}: {names}")
        for sense in senses:
            if sense.id in {entry.id for entry in entries}:
                continue
            entries.append(sense)
            cards.append(entry_card(knowledge, sense, _successor_note(knowledge, sense)))
    return Cards(
        cards=tuple(cards),
        data=[entry_data(entry) for entry in entries],
        headlines=tuple(headlines),
        csv_columns=ENTRY_CSV_COLUMNS,
        csv_rows=tuple(entry_row(entry) for entry in entries),
    )


def expand_view(found: list[tuple[str, tuple[Entry, ...]]]) -> Pairs:
    items = tuple((senses[0].acronym or query, "; ".join(sense.name for sense in senses))
                  for query, senses in found)
    data = [{"term": query, "senses": [{"id": s.id, "acronym": s.acronym, "name": s.name} for s in senses]}
            for query, senses in found]
    return Pairs(items=items, data=data)


LIST_COLUMNS = ("term", "name", "category", "status", "when")


def _list_row(entry: Entry) -> Row:
    return (entry.acronym or "", entry.name, entry.category, entry.status, entry.era())


def list_view(entries: list[Entry]) -> Table:
    return Table(
        columns=LIST_COLUMNS,
        rows=tuple(_list_row(entry) for entry in entries),
        data=[entry_data(entry) for entry in entries],
        notes=(f"{len(entries)} term(s)",),
        export=(ENTRY_CSV_COLUMNS, tuple(entry_row(entry) for entry in entries)),
    )


def search_view(text: str, results: list[tuple[Entry, float]]) -> Table:
    return Table(
        columns=("term", "name", "status", "score"),
        rows=tuple((e.acronym or "", e.name, e.status, f"{score:g}") for e, score in results),
        data=[{**entry_data(entry), "score": score} for entry, score in results],
        title=f"Search: {text}",
    )


def validation_view(report: object) -> Table:
    from nhsjargon.validate import ValidationReport

    assert isinstance(report, ValidationReport)
    if report.problems:
        return Table(
            columns=("problem",),
            rows=tuple((problem,) for problem in report.problems),
            data={"valid": False, "problems": list(report.problems),
                  "files": [{"path": f.path, "entries": f.entries, "events": f.events}
                            for f in report.files]},
        )
    return Table(
        columns=("file", "entries", "events", "result"),
        rows=tuple((f.path, str(f.entries), str(f.events), "valid") for f in report.files),
        data={"valid": True, "problems": [],
              "files": [{"path": f.path, "entries": f.entries, "events": f.events} for f in report.files]},
    )


# ---------------------------------------------------------------- compare, timeline, lineage, graph


COMPARE_TEXT_WIDTH = 100


def compare_view(comparison: Comparison, only_differences: bool = False) -> Table:
    """The side-by-side table, differing rows marked, the summary under it."""
    rows = comparison.differing if only_differences else comparison.rows
    entries = comparison.entries
    names = [f"{label} ({entry.name})" if label != entry.name else label
             for label, entry in zip(comparison.labels, entries, strict=True)]
    title = f"Comparing {', '.join(names[:-1])} and {names[-1]}"
    return Table(
        columns=("attribute", *comparison.labels),
        rows=tuple((row.label, *(value or "not recorded" for value in row.values)) for row in rows),
        marked=tuple(row.differs for row in rows),
        mark_label="differs",
        wrap=COMPARE_TEXT_WIDTH,  # side by side, attributes are prose: wrapped, not 400 columns wide
        title=title,
        notes=comparison.summary,
        data={
            "terms": [entry.id for entry in entries],
            "rows": [{"attribute": row.attribute, "values": list(row.values), "differs": row.differs}
                     for row in rows],
            "summary": " ".join(comparison.summary),
        },
    )


def event_data(event: Event) -> dict[str, Any]:
    return {"date": str(event.date), "title": event.title, "terms": list(event.terms),
            "source": {"title": event.source.title, "url": event.source.url}}


def timeline_view(knowledge: KnowledgeBase, events: list[Event], title: str,
                  followed: list[Entry] | None = None) -> Table:
    """Events as rows of date, event and the terms involved (their acronyms)."""

    def labels(ids: tuple[str, ...]) -> str:  # the ids are in JSON and CSV; a reader wants acronyms
        return ", ".join(dict.fromkeys(knowledge.by_id[i].label if i in knowledge.by_id else i for i in ids))

    dates = list(dict.fromkeys(str(event.date) for event in (events[:1] + events[-1:])))
    notes = [f"{len(events)} event(s)" + (f", {' to '.join(dates)}" if dates else "")]
    if followed:
        in_order = sorted(followed, key=lambda entry: (entry.introduced is None, str(entry.introduced)))
        notes.append("Terms followed: " + ", ".join(entry.full_label for entry in in_order))
    return Table(
        columns=("date", "event", "terms"),
        rows=tuple((str(event.date), event.title, labels(event.terms)) for event in events),
        title=title,
        notes=tuple(notes),
        data=[event_data(event) for event in events],
        export=(("date", "title", "terms", "source_title", "source_url"),
                tuple((str(e.date), e.title, " ".join(e.terms), e.source.title, e.source.url)
                      for e in events)),
    )


def lifespan_view(spans: list[Lifespan], first_year: int, last_year: int, today: dt.date,
                  title: str) -> Chart:
    """Lifespans as bars on a year axis; a bar still running ends in an arrow at today."""
    from nhsjargon.compare import distinct_labels
    from nhsjargon.timeline import year_fraction

    labels = distinct_labels([span.entry for span in spans])
    bars = []
    rows: list[Row] = []
    for label, span in zip(labels, spans, strict=True):
        start = year_fraction(span.first)
        if span.last is not None:
            end, open_ended = year_fraction(span.last + dt.timedelta(days=1)), False
        elif span.running:
            end, open_ended = year_fraction(today), True
        else:  # the end is not recorded: mark the start only
            end, open_ended = start, True
        bars.append(Bar(label, start, end, open_ended, span.entry.era()))
        until = str(span.entry.ended) if span.entry.ended else ("today" if span.running else "?")
        rows.append((label, str(span.entry.introduced), until, span.entry.status))
    return Chart(
        bars=tuple(bars),
        first_year=first_year,
        last_year=last_year,
        title=title,
        columns=("term", "from", "to", "status"),
        rows=tuple(rows),
        data=[{"id": span.entry.id, "label": label, "name": span.entry.name, "status": span.entry.status,
               "introduced": str(span.entry.introduced), "ended": str(span.entry.ended) if span.entry.ended
               else None} for label, span in zip(labels, spans, strict=True)],
    )


def _lineage_node(node: Node) -> TreeNode:
    """"renamed to ICS (Integrated Care System)" with its dates and status: the tree reads as history."""
    entry = node.entry
    how = f"{RELATION_LABELS[node.relation].lower()} " if node.relation else ""
    if node.repeat:
        where = f"see under {node.see_under.full_label}" if node.see_under else "shown above"
        return TreeNode(how + entry.full_label, note=where)
    notes = [entry.era(), entry.status] + (["this term"] if node.asked else [])
    return TreeNode(how + entry.full_label, tuple(_lineage_node(child) for child in node.children),
                    "; ".join(notes))


def lineage_view(roots: tuple[Node, ...], asked: list[Entry]) -> Tree:
    """Forward in time from the oldest ancestors; each child says how its parent led to it."""

    def data(node: Node) -> dict[str, Any]:
        return {"id": node.entry.id, "label": node.entry.label, "name": node.entry.name,
                "relation": node.relation, "status": node.entry.status, "era": node.entry.era(),
                "repeat": node.repeat, "see_under": node.see_under.id if node.see_under else None,
                "children": [data(child) for child in node.children]}

    names = " / ".join(entry.full_label for entry in asked)
    return Tree(
        root=TreeNode(f"Lineage of {names}", tuple(_lineage_node(root) for root in roots)),
        data={"terms": [entry.id for entry in asked], "roots": [data(root) for root in roots]},
    )


def graph_data(graph: Graph) -> dict[str, Any]:
    return {
        "nodes": [{"id": e.id, "acronym": e.acronym, "name": e.name, "status": e.status}
                  for e in graph.nodes],
        "edges": [{"from": edge.source, "relation": edge.relation, "to": edge.target}
                  for edge in graph.edges],
    }


def graph_view(knowledge: KnowledgeBase, graph: Graph, title: str) -> Table:
    """The graph as a list of links, for a terminal, a CSV file or JSON."""
    from nhsjargon.graph import to_dot, to_mermaid

    by_id = knowledge.by_id
    mermaid = to_mermaid(graph)
    return Table(
        alternates=(("mermaid", mermaid), ("markdown", f"## {title}\n\n```mermaid\n{mermaid}```\n"),
                    ("dot", to_dot(graph))),
        columns=("from", "relation", "to"),
        rows=tuple((by_id[e.source].full_label, e.words, by_id[e.target].full_label)
                   for e in graph.edges),
        title=title,
        notes=(f"{len(graph.nodes)} term(s), {len(graph.edges)} link(s); for a diagram use "
               f"--format mermaid or --format dot",),
        data=graph_data(graph),
        export=(("from", "relation", "to"), tuple((e.source, e.relation, e.target) for e in graph.edges)),
    )
