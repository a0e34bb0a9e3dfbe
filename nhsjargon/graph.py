"""The relationship graph: the terms around one term (or all) and the links between them.

Each pair of inverse relations is drawn once, in its "forward" direction (CCG -> replaced
by -> ICB, ICB -> part of -> ICS), and a symmetric relation once per pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nhsjargon.lineage import Succession, lineage_ids
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import INVERSE_RELATION

SUCCESSION = ("evolved_into", "replaced_by", "renamed_to", "merged_into")
STRUCTURE = ("part_of", "kind_of", "established_by", "accountable_to")
SYMMETRIC = ("contrasts_with", "see_also")
FORWARD = (*SUCCESSION, *STRUCTURE, *SYMMETRIC)  # the direction each edge is drawn in


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
        members |= {
            other.id
            for other in knowledge.entries  # links written only on the other side
            if any(link.id in asked for link in other.related)
        }
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


def edge_kind(relation: str) -> str:
    """How an edge is drawn: succession (solid), structure (dashed) or symmetric (no arrow head)."""
    return "succession" if relation in SUCCESSION else "structure" if relation in STRUCTURE else "symmetric"
