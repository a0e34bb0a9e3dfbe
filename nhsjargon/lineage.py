"""How terms succeeded one another: predecessors, successors, lineages and lineage trees.

Succession links are read in both directions, so an overlay that writes only
`replaced_by` on one entry (without the inverse `replaces` on the other, which the
shipped base must have) still gives a complete lineage. Every walk keeps a `seen`
set: a cycle in a user's file ends the walk instead of looping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import INVERSE_RELATION, PREDECESSOR_RELATIONS, SUCCESSOR_RELATIONS

Link = tuple[str, str]  # (relation, id), the relation read from the side of the entry holding it


@dataclass(frozen=True)
class Succession:
    """Each entry's successors and predecessors, from links written on either side."""

    later: dict[str, tuple[Link, ...]]  # id -> (successor relation, successor id)
    earlier: dict[str, tuple[Link, ...]]  # id -> (predecessor relation, predecessor id)
    parts: dict[str, tuple[str, ...]]  # id -> ids it includes (has_part, or part_of on the part)

    @classmethod
    def of(cls, knowledge: KnowledgeBase) -> Succession:
        later: dict[str, list[Link]] = {}
        earlier: dict[str, list[Link]] = {}
        parts: dict[str, list[str]] = {}

        def add(table: dict[str, list[Link]], key: str, link: Link) -> None:
            links = table.setdefault(key, [])
            if link[1] not in {existing for _, existing in links}:
                links.append(link)

        for entry in knowledge.entries:
            for link in entry.related:
                if link.id not in knowledge.by_id or link.id == entry.id:
                    continue
                if link.relation in SUCCESSOR_RELATIONS:
                    add(later, entry.id, (link.relation, link.id))
                    add(earlier, link.id, (INVERSE_RELATION[link.relation], entry.id))
                elif link.relation in PREDECESSOR_RELATIONS:
                    add(earlier, entry.id, (link.relation, link.id))
                    add(later, link.id, (INVERSE_RELATION[link.relation], entry.id))
                elif link.relation == "has_part":
                    _append_new(parts.setdefault(entry.id, []), link.id)
                elif link.relation == "part_of":
                    _append_new(parts.setdefault(link.id, []), entry.id)
        return cls(
            {key: tuple(value) for key, value in later.items()},
            {key: tuple(value) for key, value in earlier.items()},
            {key: tuple(value) for key, value in parts.items()},
        )

    def successors(self, entry_id: str) -> tuple[Link, ...]:
        return self.later.get(entry_id, ())

    def predecessors(self, entry_id: str) -> tuple[Link, ...]:
        return self.earlier.get(entry_id, ())

    def wholes(self, entry_id: str) -> tuple[str, ...]:
        """The ids `entry_id` is part of."""
        return tuple(whole for whole, parts in self.parts.items() if entry_id in parts)


def _append_new(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _walk(start: Iterable[str], step: dict[str, tuple[Link, ...]]) -> list[str]:
    """Every id reachable from `start` along `step`, breadth first, each once."""
    order: list[str] = []
    seen = set(start)
    queue = list(start)
    while queue:
        current = queue.pop(0)
        for _, following in step.get(current, ()):
            if following not in seen:
                seen.add(following)
                order.append(following)
                queue.append(following)
    return order


def ancestors(knowledge: KnowledgeBase, entry: Entry, succession: Succession | None = None) -> list[Entry]:
    """Everything `entry` came from, nearest first (transitively, cycle-safe)."""
    links = succession or Succession.of(knowledge)
    return [knowledge.by_id[i] for i in _walk([entry.id], links.earlier) if i != entry.id]


def descendants(knowledge: KnowledgeBase, entry: Entry, succession: Succession | None = None) -> list[Entry]:
    """Everything `entry` became, nearest first (transitively, cycle-safe)."""
    links = succession or Succession.of(knowledge)
    return [knowledge.by_id[i] for i in _walk([entry.id], links.later) if i != entry.id]


def lineage_ids(
    knowledge: KnowledgeBase,
    entries: Sequence[Entry],
    succession: Succession | None = None,
    *,
    with_parts: bool = False,
) -> list[str]:
    """The entries, their ancestors and descendants; with_parts adds, one step only, what each
    of those includes or is part of (ICS -> ICB and ICP), without walking on from them."""
    links = succession or Succession.of(knowledge)
    ids: list[str] = []
    for entry in entries:
        for entry_id in (entry.id, *_walk([entry.id], links.earlier), *_walk([entry.id], links.later)):
            _append_new(ids, entry_id)
    if with_parts:
        for entry_id in list(ids):
            for related in (*links.parts.get(entry_id, ()), *links.wholes(entry_id)):
                _append_new(ids, related)
    return ids


# ---------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Node:
    """One entry in a lineage tree, under the entry it came from."""

    entry: Entry
    relation: str | None = None  # how the parent led here: renamed_to, replaced_by, has_part...
    children: tuple[Node, ...] = ()
    asked: bool = False  # one of the entries the user asked about
    repeat: bool = False  # shown in full elsewhere in the tree (it has several predecessors, or a cycle)
    see_under: Entry | None = None  # for a repeat: the predecessor it is shown in full under


def _start(entry: Entry) -> tuple[int, str]:
    return (entry.introduced.first_day.toordinal() if entry.introduced else 0, entry.id)


def _depths(family: Sequence[str], parents: dict[str, list[str]]) -> dict[str, int]:
    """Each entry's longest chain of predecessors, capped so that a cycle cannot run forever."""
    depth = dict.fromkeys(family, 0)
    for _ in family:
        changed = False
        for entry_id in family:
            deepest = max((depth[p] + 1 for p in parents[entry_id]), default=0)
            if deepest > depth[entry_id] and deepest < len(family):
                depth[entry_id], changed = deepest, True
        if not changed:
            break
    return depth


_LOOSE = frozenset({"see_also", "contrasts_with"})


def with_history(senses: Sequence[Entry]) -> tuple[Entry, ...]:
    """The senses of a term that have a place in a lineage (a link other than "see also" or
    "contrast with"): the lineage of ICS is the care system's, not that of the children's
    social care software of the same letters. All of them when none has."""
    linked = tuple(sense for sense in senses if any(link.relation not in _LOOSE for link in sense.related))
    return linked or tuple(senses)


def lineage_tree(
    knowledge: KnowledgeBase, entries: Sequence[Entry], succession: Succession | None = None
) -> tuple[Node, ...]:
    """Forward in time from the oldest ancestors: each node's children are its successors.

    Only the entries asked about, their ancestors and descendants appear, plus (as leaves)
    what a node includes. An entry with several predecessors is shown in full under the one
    on its longest chain (ICS under ACS, not under the STP that also led to it), and as a
    repeat that points there under the others.
    """
    links = succession or Succession.of(knowledge)
    by_id = knowledge.by_id
    members = sorted((by_id[i] for i in lineage_ids(knowledge, entries, links)), key=_start)
    family = [entry.id for entry in members]
    parents = {i: [p for _, p in links.predecessors(i) if p in family] for i in family}
    depth = _depths(family, parents)
    home = {i: max(parents[i], key=lambda p: (depth[p], _start(by_id[p]))) for i in family if parents[i]}
    asked = {entry.id for entry in entries}
    shown: dict[str, str | None] = {}  # id -> the parent it is shown in full under (None: a root)

    def build(entry_id: str, relation: str | None, parent: str | None) -> Node:
        entry = by_id[entry_id]
        if entry_id in shown or (parent is not None and home.get(entry_id, parent) != parent):
            return Node(entry, relation, asked=entry_id in asked, repeat=True)
        shown[entry_id] = parent
        nexts = sorted(
            ((rel, i) for rel, i in links.successors(entry_id) if i in family),
            key=lambda link: _start(by_id[link[1]]),
        )
        children = [build(i, rel, entry_id) for rel, i in nexts]
        parts = sorted(links.parts.get(entry_id, ()), key=lambda i: _start(by_id[i]))
        children += [Node(by_id[part], "has_part") for part in parts if part not in family]
        return Node(entry, relation, tuple(children), asked=entry_id in asked)

    roots = [build(i, None, None) for i in family if not parents[i]]
    for entry_id in family:  # a cycle with no way in: start from its oldest member
        if entry_id not in shown:
            roots.append(build(entry_id, None, None))

    def point(node: Node) -> Node:  # now that every entry has its place, repeats can say where
        if node.repeat:
            under = shown.get(node.entry.id)
            return replace(node, see_under=by_id[under] if under else None)
        return replace(node, children=tuple(point(child) for child in node.children))

    return tuple(point(root) for root in roots)
