"""Comparing models side by side: choose the senses, line up their attributes, say what differs.

Pure functions: they return a `Comparison` (rows plus a plain-English summary) and never
print. Only entries with comparison attributes (models, and bodies such as CCG and ICB
that carry them) can be compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from nhsjargon.dates import PartialDate
from nhsjargon.errors import UsageError
from nhsjargon.lineage import Succession
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import ATTRIBUTES

MIN_TERMS, MAX_TERMS = 2, 5

# Rows derived from dates, status and relations, shown after the six written attributes.
DERIVED: dict[str, str] = {
    "era": "Era",
    "status": "Status",
    "predecessor": "Came from",
    "successor": "Became",
}
ROW_LABELS: dict[str, str] = {**ATTRIBUTES, **DERIVED}

_LINK_PHRASES = {
    "evolved_into": "{a} evolved into {b}",
    "replaced_by": "{a} was replaced by {b}",
    "renamed_to": "{a} was renamed {b}",
    "merged_into": "{a} merged into {b}",
}


@dataclass(frozen=True)
class Row:
    attribute: str  # a key of ROW_LABELS
    values: tuple[str | None, ...]  # one per entry, in order; None when not recorded
    differs: bool

    @property
    def label(self) -> str:
        return ROW_LABELS[self.attribute]


@dataclass(frozen=True)
class Comparison:
    entries: tuple[Entry, ...]
    labels: tuple[str, ...]  # what to call each entry: the acronym, or the name if acronyms clash
    rows: tuple[Row, ...]
    summary: tuple[str, ...]  # sentences

    @property
    def differing(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.differs)


# ---------------------------------------------------------------- choosing the senses


class NotComparable(UsageError):
    """A term with no sense that carries comparison attributes."""


class Ambiguous(UsageError):
    """A term with several comparable senses and nothing to choose between them."""


class Chosen:
    """The sense compared for one term, and (when there was a choice) a line saying which."""

    __slots__ = ("entry", "note")

    def __init__(self, entry: Entry, note: str = "") -> None:
        self.entry, self.note = entry, note


def check_count(count: int) -> None:
    if not MIN_TERMS <= count <= MAX_TERMS:
        raise UsageError(f"compare needs {MIN_TERMS} to {MAX_TERMS} terms, got {count}")


def choose(knowledge: KnowledgeBase, query: str, day: dt.date) -> Chosen:
    """The one comparable sense `query` means on `day`.

    An acronym with one comparable sense means that sense (PACS: the care model, not the
    imaging system); with several (ICP), the one in use on `day` (today, by default) settles
    it, and the note says so; Ambiguous when none or several are in use then.
    """
    from nhsjargon import lookup

    senses = lookup.resolve(knowledge, query)
    comparable = [sense for sense in senses if sense.is_comparable]
    if not comparable:
        names = "; ".join(f"{sense.name} ({sense.category})" for sense in senses)
        raise NotComparable(
            f"{query!r} is not a model and cannot be compared: {names} has no comparison attributes"
        )
    if len(comparable) == 1:
        return Chosen(comparable[0])
    current = [sense for sense in comparable if sense.active_on(day)]  # in sense order: most relevant first
    models = [sense for sense in current if sense.category == "model"]
    current = models or current
    if current:
        when = "today" if day == dt.date.today() else f"on {day}"
        others = ", ".join(sense.id for sense in comparable if sense is not current[0])
        return Chosen(
            current[0],
            f"{query}: compared {current[0].name} ({current[0].id}), the sense in use "
            f"{when}; other senses: {others}",
        )
    options = ", ".join(f"{sense.id} ({sense.name}, {sense.era()})" for sense in comparable)
    raise Ambiguous(
        f"{query!r} has {len(comparable)} senses that can be compared, none in use on {day}: {options}"
    )


def distinct_labels(entries: Sequence[Entry]) -> tuple[str, ...]:
    """Acronyms, except where two entries share one: then their names."""
    labels = [entry.label for entry in entries]
    return tuple(entry.name if labels.count(entry.label) > 1 else entry.label for entry in entries)


# ---------------------------------------------------------------- the rows


def _same(values: Sequence[str | None]) -> bool:
    keys = {" ".join(value.casefold().split()).rstrip(".") if value else None for value in values}
    return len(keys) == 1


def _names(entries: Sequence[Entry]) -> str | None:
    return "; ".join(entry.full_label for entry in entries) or None


def compare(knowledge: KnowledgeBase, entries: Sequence[Entry]) -> Comparison:
    """Line up 2 to 5 different entries' attributes, era, status and lineage."""
    check_count(len(entries))
    for i, entry in enumerate(entries):
        if entry in entries[:i]:
            raise UsageError(f"{entry.title} is named twice; compare needs different terms")
    links = Succession.of(knowledge)
    rows: list[Row] = []
    for key in ATTRIBUTES:
        values = tuple(entry.attribute(key) for entry in entries)
        if any(values):
            rows.append(Row(key, values, not _same(values)))
    derived: dict[str, tuple[str | None, ...]] = {
        "era": tuple(entry.era() for entry in entries),
        "status": tuple(entry.status for entry in entries),
        "predecessor": tuple(
            _names([knowledge.by_id[i] for _, i in links.predecessors(entry.id)]) for entry in entries
        ),
        "successor": tuple(
            _names([knowledge.by_id[i] for _, i in links.successors(entry.id)]) for entry in entries
        ),
    }
    rows += [Row(key, values, not _same(values)) for key, values in derived.items()]
    labels = distinct_labels(entries)
    summary = summarise(knowledge, tuple(entries), labels, tuple(rows), links)
    return Comparison(tuple(entries), labels, tuple(rows), summary)


# ---------------------------------------------------------------- the summary


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# How a row reads inside a sentence ("they agree on budget and payment").
_IN_SENTENCE = {
    **{key: label[0].lower() + label[1:] for key, label in ATTRIBUTES.items()},
    "era": "dates",
    "status": "status",
    "predecessor": "what came before",
    "successor": "what came after",
}


def summarise(
    knowledge: KnowledgeBase,
    entries: tuple[Entry, ...],
    labels: tuple[str, ...],
    rows: tuple[Row, ...],
    links: Succession,
) -> tuple[str, ...]:
    """A few plain-English sentences: what differs, how they are linked, when, what is current."""
    name = dict(zip((entry.id for entry in entries), labels, strict=True))
    sentences: list[str] = []
    differing = [_IN_SENTENCE[row.attribute] for row in rows if row.differs]
    # rows where nothing is recorded for any term say nothing about agreement
    agreeing = [
        _IN_SENTENCE[row.attribute]
        for row in rows
        if not row.differs and any(value is not None for value in row.values)
    ]
    if not differing:
        sentences.append(f"{_join(labels)} agree on all {len(rows)} points compared.")
    else:
        sentences.append(
            f"{_join(labels)} differ on {len(differing)} of {len(rows)} points: {_join(differing)}."
        )
        if agreeing:
            sentences.append(f"They agree on {_join(agreeing)}.")
    sentences += _links(knowledge, entries, name, links)
    sentences += _chronology(entries, name)
    sentences.append(_in_use(entries, name))
    return tuple(sentences)


def _links(
    knowledge: KnowledgeBase, entries: Sequence[Entry], name: dict[str, str], links: Succession
) -> list[str]:
    """How the compared entries led to one another, directly or by way of others."""
    sentences = []
    for entry in entries:
        for relation, later in links.successors(entry.id):
            if later in name:
                sentences.append(_LINK_PHRASES[relation].format(a=name[entry.id], b=name[later]) + ".")
        for target in entries:
            path = _path(links, entry.id, target.id)
            if len(path) > 2:
                via = _names([knowledge.by_id[i] for i in path[1:-1]])
                sentences.append(f"{name[entry.id]} led to {name[target.id]} by way of {via}.")
    return sentences


def _path(links: Succession, start: str, goal: str) -> list[str]:
    """The shortest chain of successors from start to goal (empty if there is none)."""
    if start == goal:
        return []
    came_from: dict[str, str] = {start: start}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for _, following in links.successors(current):
            if following in came_from:
                continue
            came_from[following] = current
            if following == goal:
                path = [goal]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            queue.append(following)
    return []


def _in_use(entries: Sequence[Entry], name: dict[str, str]) -> str:
    current = [name[entry.id] for entry in entries if entry.status == "current"]
    if len(current) == len(entries):
        return "Both are still in use." if len(entries) == 2 else "All of them are still in use."
    proposed = [name[entry.id] for entry in entries if entry.status == "proposed"]
    gone = [
        f"{name[entry.id]} ({_ending(entry)})"
        for entry in entries
        if entry.status not in ("current", "proposed")
    ]
    parts = [f"still in use: {_join(current)}"] if current else []
    parts += [f"proposed: {_join(proposed)}"] if proposed else []
    parts += [f"no longer in use: {_join(gone)}"] if gone else []
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _ending(entry: Entry) -> str:
    """ "renamed 2018-08", "historical, last recorded 2018-08", "historical"."""
    if entry.ended is None:
        return entry.status
    if entry.status == "historical":
        return f"historical, ended {entry.ended}"
    return f"{entry.status} {entry.ended}"


def _chronology(entries: Sequence[Entry], name: dict[str, str]) -> list[str]:
    """Order of appearance and, when every end is known, whether they were in use together."""
    dated = sorted(
        (entry for entry in entries if entry.introduced),
        key=lambda entry: entry.introduced.first_day if entry.introduced else dt.date.min,
    )
    if len(dated) < 2:
        return []
    groups: list[list[Entry]] = []  # entries that began on the same (partial) date
    for entry in dated:
        if groups and groups[-1][0].introduced == entry.introduced:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    described = [_group(group, name) for group in groups]
    if len(groups) == 1:
        sentences = [f"{described[0]} began at the same time."]
    else:
        sentences = [f"In order of appearance: {', then '.join(described)}."]
    ends = [entry.ended for entry in entries if entry.ended]
    if (
        len(dated) < len(entries)
        or not ends
        or any(entry.ended is None and entry.status != "current" for entry in entries)
    ):
        return sentences  # a start or end we do not know, or all still running: no overlap claim
    start: PartialDate = max(
        (entry.introduced for entry in dated if entry.introduced), key=lambda date: date.first_day
    )
    end = min(ends, key=lambda date: date.last_day)
    if start.first_day <= end.last_day:
        together = "Both" if len(entries) == 2 else "All of them"
        sentences.append(f"{together} were in use from {start} to {end}.")
    else:
        sentences.append(
            "They were never in use at the same time."
            if len(entries) == 2
            else "They were never all in use at the same time."
        )
    return sentences


def _group(group: list[Entry], name: dict[str, str]) -> str:
    """ "ACO (2016 to 2018-08)", or "MCP and PACS (both 2014-10-23 to 2018-08)"."""
    eras = {entry.era() for entry in group}
    if len(group) > 1 and len(eras) == 1:
        both = "both" if len(group) == 2 else "all"
        return f"{_join([name[entry.id] for entry in group])} ({both} {eras.pop()})"
    return _join([f"{name[entry.id]} ({entry.era()})" for entry in group])


# ---------------------------------------------------------------- the comparisons readers ask for

# The side-by-side questions the seed documents and board papers keep asking, by id: the
# exported glossary includes each one whose entries the base (with its overlays) has.
SHOWCASE = (
    ("icb", "icp-partnership"),
    ("ccg", "icb"),
    ("stp-partnership", "acs", "ics"),
    ("mcp", "pacs-care-model", "aco"),
    ("icp-provider", "aco", "lco"),
    ("pct", "ccg"),
    ("pcn", "integrated-neighbourhood-team"),
    ("gp-fundholding", "pbc", "ccg"),
    ("nhs-trust", "ft"),
    ("iho", "mnp", "snp"),
)


def showcase(knowledge: KnowledgeBase) -> list[Comparison]:
    """The SHOWCASE comparisons whose entries are all present and comparable."""
    chosen = []
    for ids in SHOWCASE:
        entries = [knowledge.by_id.get(entry_id) for entry_id in ids]
        if all(entry is not None and entry.is_comparable for entry in entries):
            chosen.append(compare(knowledge, [entry for entry in entries if entry is not None]))
    return chosen
