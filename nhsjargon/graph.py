"""The relationship graph, and its source text for Mermaid and Graphviz (DOT).

Each pair of inverse relations is drawn once, in its "forward" direction (CCG -> replaced
by -> ICB, ICB -> part of -> ICS), and a symmetric relation once per pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nhsjargon.lineage import Succession, lineage_ids
from nhsjargon.model import INVERSE_RELATION, Entry, KnowledgeBase

SUCCESSION = ("evolved_into", "replaced_by", "renamed_to", "merged_into")
STRUCTURE = ("part_of", "kind_of", "established_by", "accountable_to")
SYMMETRIC = ("contrasts_with", "see_also")
FORWARD = (*SUCCESSION, *STRUCTURE, *SYMMETRIC)  # the direction each edge is drawn in

_MERMAID_WORDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click",
                  "linkstyle", "direction", "default"}


@dataclass(frozen=True)
class Edge:
    source: str
    relation: str  # one of FORWARD
    target: str

    @property
    def words(self) -> str:
        return self.relation.replace("_", " ")


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Entry, ...]
    edges: tuple[Edge, ...]


def forward(relation: str) -> bool:
    return relation in FORWARD


def build(knowledge: KnowledgeBase, about: Sequence[Entry] = (), relations: Iterable[str] = ()) -> Graph:
    """The whole graph, or around `about`: its lineage, what each part includes, and its direct links.

    `relations` (forward names, e.g. replaced_by) keeps only those kinds of link.
    """
    wanted = {INVERSE_RELATION[name] if not forward(name) else name for name in relations} or set(FORWARD)
    if about:
        asked = {entry.id for entry in about}
        members = set(lineage_ids(knowledge, about, Succession.of(knowledge), with_parts=True))
        members |= {link.id for entry in about for link in entry.related}
        members |= {other.id for other in knowledge.entries  # links written only on the other side
                    if any(link.id in asked for link in other.related)}
    else:
        members = {entry.id for entry in knowledge.entries}
    edges: dict[Edge, None] = {}
    for entry in knowledge.entries:
        if entry.id not in members:
            continue
        for link in entry.related:
            if link.id not in members or link.id not in knowledge.by_id or link.id == entry.id:
                continue
            if forward(link.relation):
                edge = Edge(entry.id, link.relation, link.id)
            else:
                edge = Edge(link.id, INVERSE_RELATION[link.relation], entry.id)
            if edge.relation in SYMMETRIC and edge.source > edge.target:
                edge = Edge(edge.target, edge.relation, edge.source)
            if edge.relation in wanted:
                edges[edge] = None
    # only terms with a link left (after --relation), and the terms asked about even if alone
    keep = {end for edge in edges for end in (edge.source, edge.target)} | {entry.id for entry in about}
    nodes = sorted((knowledge.by_id[i] for i in keep & set(knowledge.by_id)), key=_order)
    rank = {entry.id: i for i, entry in enumerate(nodes)}
    ordered = sorted(edges, key=lambda e: (rank[e.source], FORWARD.index(e.relation), rank[e.target]))
    return Graph(tuple(nodes), tuple(ordered))


def _order(entry: Entry) -> tuple[int, str]:
    return (entry.introduced.first_day.toordinal() if entry.introduced else 0, entry.id)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _gone(entry: Entry) -> bool:
    return entry.status not in ("current", "proposed")


# ---------------------------------------------------------------- Mermaid

# Mermaid's own defaults (maxEdges, maxTextSize); sites such as GitHub do not let a diagram raise them.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000


def mermaid_too_big(graph: Graph, text: str) -> str | None:
    """Why Mermaid would refuse to draw this text, or None if it is within its limits."""
    if len(graph.edges) > MERMAID_MAX_EDGES:
        return f"{len(graph.edges)} links is more than Mermaid draws by default ({MERMAID_MAX_EDGES})"
    if len(text) > MERMAID_MAX_TEXT:
        return f"{len(text):,} characters is more than Mermaid reads by default ({MERMAID_MAX_TEXT:,})"
    return None


def mermaid_id(entry_id: str) -> str:
    """A Mermaid node id: ids are [a-z0-9-], so '-' -> '_' cannot collide; keywords get a suffix."""
    name = entry_id.replace("-", "_")
    if name in _MERMAID_WORDS or name[:1].isdigit():
        name = "t_" + name
    return name


def _mermaid_text(text: str) -> str:
    text = _flat(text).replace("#", "#35;").replace('"', "#quot;")
    return text.replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(graph: Graph) -> str:
    """A `flowchart LR`: succession as solid arrows, structure dotted, symmetric links without heads."""
    lines = ["flowchart LR"]
    for entry in graph.nodes:
        label = (f"{_mermaid_text(entry.acronym)}<br/>{_mermaid_text(entry.name)}" if entry.acronym
                 else _mermaid_text(entry.name))
        lines.append(f'  {mermaid_id(entry.id)}["{label}"]')
    for edge in graph.edges:
        arrow = "-->" if edge.relation in SUCCESSION else "-.->" if edge.relation in STRUCTURE else "-.-"
        lines.append(f"  {mermaid_id(edge.source)} {arrow}|{edge.words}| {mermaid_id(edge.target)}")
    gone = [mermaid_id(entry.id) for entry in graph.nodes if _gone(entry)]
    if gone:
        lines.append("  classDef gone stroke-dasharray:4 3,color:#666")
        lines.append(f"  class {','.join(gone)} gone")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Graphviz DOT

_DOT_ESCAPE = re.compile(r'(["\\])')


def _dot_text(text: str) -> str:
    return _DOT_ESCAPE.sub(r"\\\1", _flat(text))


def to_dot(graph: Graph) -> str:
    """A `digraph` for Graphviz: gone terms dashed, structure dashed edges, symmetric ones undirected."""
    lines = ["digraph nhsjargon {", "  rankdir=LR;",
             '  node [shape=box, style=rounded, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for entry in graph.nodes:
        label = (f"{_dot_text(entry.acronym)}\\n{_dot_text(entry.name)}" if entry.acronym
                 else _dot_text(entry.name))
        style = ', style="rounded,dashed"' if _gone(entry) else ""
        lines.append(f'  "{entry.id}" [label="{label}"{style}];')
    for edge in graph.edges:
        extra = (", style=dashed" if edge.relation in STRUCTURE
                 else ", style=dotted, dir=none" if edge.relation in SYMMETRIC else "")
        lines.append(f'  "{edge.source}" -> "{edge.target}" [label="{edge.words}"{extra}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
