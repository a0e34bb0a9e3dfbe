"""Views of models and history: compare, timeline, the lifespan chart, lineage and graph."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from nhsjargon.model import Entry, Event, KnowledgeBase
from nhsjargon.views import Bar, Chart, Diagram, Edge, Flat, Node, Row, Table, Tree, TreeNode
from nhsjargon.views.terms import RELATION_LABELS

if TYPE_CHECKING:  # the cores are imported only by the commands that use them (start-up time)
    from nhsjargon.changes import Change
    from nhsjargon.compare import Comparison
    from nhsjargon.graph import Graph
    from nhsjargon.lineage import Node as LineageNode
    from nhsjargon.timeline import Lifespan
    from nhsjargon.views.shapes import EventData


# ---------------------------------------------------------------- compare, timeline, lineage, graph


def compare_view(
    comparison: Comparison, only_differences: bool = False, chosen: tuple[str, ...] = ()
) -> Table:
    """The side-by-side table, differing rows marked; which sense was compared, and the
    summary, under it. A current term's missing successor reads "still current"."""
    rows = comparison.differing if only_differences else comparison.rows
    entries = comparison.entries
    names = [
        f"{label} ({entry.name})" if label != entry.name else label
        for label, entry in zip(comparison.labels, entries, strict=False)
    ]
    title = f"Comparing {', '.join(names[:-1])} and {names[-1]}"

    def shown(row_attribute: str, value: str | None, entry: Entry) -> str:
        if value:
            return value
        if row_attribute == "successor" and entry.status == "current":
            return "still current"
        return "not recorded"

    return Table(
        columns=("attribute", *comparison.labels),
        rows=tuple(
            (
                row.label,
                *(
                    shown(row.attribute, value, entry)
                    for value, entry in zip(row.values, entries, strict=True)
                ),
            )
            for row in rows
        ),
        marked=tuple(row.differs for row in rows),
        mark_label="differs",
        wrap=True,  # side by side, attributes are prose: wrapped, not 400 columns wide
        title=title,
        notes=(*chosen, *comparison.summary),
        data={
            "terms": [entry.id for entry in entries],
            "chosen": " ".join(chosen),
            "rows": [
                {"attribute": row.attribute, "values": list(row.values), "differs": row.differs}
                for row in rows
            ],
            "summary": " ".join(comparison.summary),
        },
    )


def event_data(event: Event) -> EventData:
    return {
        "date": str(event.date),
        "title": event.title,
        "terms": list(event.terms),
        "source": {"title": event.source.title, "url": event.source.url},
    }


def timeline_view(
    knowledge: KnowledgeBase, events: list[Event], title: str, followed: list[Entry] | None = None
) -> Table:
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
        csv=Flat(
            ("date", "title", "terms", "source_title", "source_url"),
            tuple((str(e.date), e.title, " ".join(e.terms), e.source.title, e.source.url) for e in events),
        ),
        wrap=True,
    )


def lifespan_view(
    spans: list[Lifespan], first_year: int, last_year: int, today: dt.date, title: str
) -> Chart:
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
        until = str(span.entry.ended) if span.entry.ended else ("today" if span.running else "not recorded")
        rows.append((label, str(span.entry.introduced), until, span.entry.status))
    return Chart(
        bars=tuple(bars),
        first_year=first_year,
        last_year=last_year,
        title=title,
        csv=Flat(("term", "from", "to", "status"), tuple(rows)),
        data=[
            {
                "id": span.entry.id,
                "label": label,
                "name": span.entry.name,
                "status": span.entry.status,
                "introduced": str(span.entry.introduced),
                "ended": str(span.entry.ended) if span.entry.ended else None,
            }
            for label, span in zip(labels, spans, strict=True)
        ],
    )


def _lineage_node(node: LineageNode) -> TreeNode:
    """ "renamed to ICS (Integrated Care System)" with its dates and status: the tree reads as history."""
    entry = node.entry
    how = f"{RELATION_LABELS[node.relation].lower()} " if node.relation else ""
    if node.repeat:
        where = f"see under {node.see_under.full_label}" if node.see_under else "shown above"
        return TreeNode(how + entry.full_label, note=where)
    notes = [entry.era(), entry.status] + (["this term"] if node.asked else [])
    return TreeNode(
        how + entry.full_label, tuple(_lineage_node(child) for child in node.children), "; ".join(notes)
    )


def lineage_view(roots: tuple[LineageNode, ...], asked: list[Entry]) -> Tree:
    """Forward in time from the oldest ancestors; each child says how its parent led to it."""

    def data(node: LineageNode) -> dict[str, Any]:
        return {
            "id": node.entry.id,
            "label": node.entry.label,
            "name": node.entry.name,
            "relation": node.relation,
            "status": node.entry.status,
            "era": node.entry.era(),
            "repeat": node.repeat,
            "see_under": node.see_under.id if node.see_under else None,
            "children": [data(child) for child in node.children],
        }

    names = " / ".join(entry.full_label for entry in asked)
    return Tree(
        root=TreeNode(f"Lineage of {names}", tuple(_lineage_node(root) for root in roots)),
        data={"terms": [entry.id for entry in asked], "roots": [data(root) for root in roots]},
    )


def graph_data(graph: Graph) -> dict[str, Any]:
    return {
        "nodes": [
            {"id": e.id, "acronym": e.acronym, "name": e.name, "status": e.status} for e in graph.nodes
        ],
        "edges": [
            {"from": edge.source, "relation": edge.relation, "to": edge.target} for edge in graph.edges
        ],
    }


def graph_view(knowledge: KnowledgeBase, graph: Graph, title: str, notes: tuple[str, ...] = ()) -> Diagram:
    """The graph: nodes and edges for a diagram, and the same links as a table for the rest."""
    from nhsjargon.graph import edge_kind

    by_id = knowledge.by_id
    links = Table(
        columns=("from", "relation", "to"),
        rows=tuple((by_id[e.source].full_label, e.words, by_id[e.target].full_label) for e in graph.edges),
        data=None,
        title=title,
        notes=(f"{len(graph.nodes)} term(s), {len(graph.edges)} link(s)", *notes),
    )
    return Diagram(
        nodes=tuple(Node(e.id, e.acronym, e.name, e.gone) for e in graph.nodes),
        edges=tuple(Edge(e.source, e.words, e.target, edge_kind(e.relation)) for e in graph.edges),
        links=links,
        data=graph_data(graph),
        title=title,
        csv=Flat(("from", "relation", "to"), tuple((e.source, e.relation, e.target) for e in graph.edges)),
    )


def changes_view(changes: list[Change], since: dt.date, until: dt.date) -> Table:
    """What changed between two dates: one row per change, oldest first."""
    return Table(
        columns=("date", "change", "what"),
        rows=tuple((str(change.date), change.kind, change.title) for change in changes),
        title=f"Changes from {since} to {until}",
        notes=(f"{len(changes)} change(s)",),
        data={
            "since": since.isoformat(),
            "until": until.isoformat(),
            "changes": [
                {"date": str(c.date), "kind": c.kind, "title": c.title, "terms": list(c.terms)}
                for c in changes
            ],
        },
        csv=Flat(
            ("date", "kind", "title", "terms"),
            tuple((str(c.date), c.kind, c.title, " ".join(c.terms)) for c in changes),
        ),
        wrap=True,
    )
