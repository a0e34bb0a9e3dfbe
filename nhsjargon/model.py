"""The knowledge base's data model: immutable, validated, free of I/O and of the terminal.

The records are NamedTuples rather than dataclasses: they are as immutable, and creating
the classes and loading thousands of instances from the cache is several times cheaper,
which matters for a command that should answer as fast as `import typer`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import NamedTuple

CATEGORIES: dict[str, str] = {
    "body": "an organisation, or a type of organisation",
    "model": "a model of care, partnership or system",
    "contract": "a contract, contractual form or agreement",
    "finance": "money, payment, funding and incentives",
    "policy": "a plan, strategy, white paper, review or framework",
    "legislation": "an Act or statutory instrument",
    "planning": "a statutory planning, assessment, scrutiny or involvement instrument",
    "association": "a professional body, royal college, union, think tank or journal",
    "service": "a service or care setting",
    "role": "a job or role",
    "programme": "a national programme or initiative",
    "digital": "an IT system, data service or piece of digital infrastructure",
    "concept": "an idea or approach",
    "geography": "a footprint or level of the system",
    "general": "a general acronym that NHS papers use",
    "local": "a local name from a user's own file (the default for overlay entries)",
}

STATUSES: dict[str, str] = {
    "current": "exists or is in use today",
    "proposed": "announced or planned, not yet in place",
    "renamed": "still exists under another name",
    "merged": "absorbed into another body",
    "replaced": "superseded by something else",
    "abolished": "formally ended",
    "historical": "fallen out of use",
}

# Each relation and its inverse; symmetric relations map to themselves.
INVERSE_RELATION: dict[str, str] = {
    "evolved_into": "evolved_from",
    "evolved_from": "evolved_into",
    "replaced_by": "replaces",
    "replaces": "replaced_by",
    "renamed_to": "renamed_from",
    "renamed_from": "renamed_to",
    "merged_into": "absorbed",
    "absorbed": "merged_into",
    "part_of": "has_part",
    "has_part": "part_of",
    "kind_of": "has_kind",
    "has_kind": "kind_of",
    "established_by": "establishes",
    "establishes": "established_by",
    "accountable_to": "oversees",
    "oversees": "accountable_to",
    "contrasts_with": "contrasts_with",
    "see_also": "see_also",
}
SUCCESSOR_RELATIONS = frozenset({"evolved_into", "replaced_by", "renamed_to", "merged_into"})
PREDECESSOR_RELATIONS = frozenset({"evolved_from", "replaces", "renamed_from", "absorbed"})

# Comparison attributes written in the YAML, in display order, with their row labels.
ATTRIBUTES: dict[str, str] = {
    "scope": "Scope of services",
    "population": "Population served",
    "budget": "Budget and payment",
    "contract": "Contract form(s)",
    "legal_status": "Legal status and accountability",
    "held_by": "Who leads or holds it",
}

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(NamedTuple):
    """A date known to the year, the month or the day, as sources often give only a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read YYYY, YYYY-MM or YYYY-MM-DD (a str, an int year, or a date from YAML)."""
        if isinstance(value, dt.datetime):
            raise ValueError(f"expected a date, not a date and time: {value!r}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        match = _DATE_PATTERN.match(str(value).strip())
        if not match:
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if not 1 <= year <= 9998:  # so that every day and the day after it are real dates
            raise ValueError(f"year out of range in {value!r}")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range in {value!r}")
        if day is not None and month is not None:
            import calendar  # imported when needed: start-up time

            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"day out of range in {value!r}")
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        month = self.month or 12
        if self.day:
            return dt.date(self.year, month, self.day)
        import calendar

        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


class Source(NamedTuple):
    title: str
    url: str


class Relation(NamedTuple):
    relation: str
    id: str


class Entry(NamedTuple):
    """One sense of a term: "ICP" has several entries, one per meaning."""

    id: str
    name: str
    definition: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    category: str = "local"
    status: str = "current"
    introduced: PartialDate | None = None
    ended: PartialDate | None = None
    notes: tuple[str, ...] = ()
    related: tuple[Relation, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()
    origin: str = ""  # the file the entry came from, for error messages and `validate`

    @property
    def label(self) -> str:
        """The short form a reader knows it by: the acronym, else the name."""
        return self.acronym or self.name

    @property
    def full_label(self) -> str:
        """"ICB (Integrated Care Board)", or just the name when there is no acronym."""
        return f"{self.acronym} ({self.name})" if self.acronym else self.name

    @property
    def title(self) -> str:
        return f"{self.acronym}: {self.name}" if self.acronym else self.name

    @property
    def is_comparable(self) -> bool:
        return bool(self.attributes)

    def attribute(self, key: str) -> str | None:
        return dict(self.attributes).get(key)

    def era(self) -> str:
        """A span such as "2013-04-01 to 2022-06-30", "since 2022-07-01" or "2017 to ?"."""
        if self.introduced and self.ended:
            return f"{self.introduced} to {self.ended}"
        if self.introduced:
            return f"since {self.introduced}" if self.status in ("current", "proposed") else (
                f"{self.introduced} to ?"
            )
        if self.ended:
            return f"until {self.ended}"
        return "dates not recorded"

    def active_on(self, day: dt.date) -> bool:
        """Whether this sense was in use on `day`; `ended` is the last day it existed."""
        if self.status == "proposed":
            return False
        if self.introduced and day < self.introduced.first_day:
            return False
        return not (self.ended and day > self.ended.last_day)


class Event(NamedTuple):
    date: PartialDate
    title: str
    terms: tuple[str, ...]
    source: Source
    origin: str = ""


class KnowledgeBase:
    """All entries and events, with the lookup indexes built once at load time.

    `by_id` may be a lazy mapping (the cache decodes entries on first use); `entries`,
    in the files' order, is then built the first time a command asks for all of them.
    """

    __slots__ = ("_entries", "events", "index", "by_id")

    def __init__(
        self,
        entries: tuple[Entry, ...] | None,
        events: tuple[Event, ...] = (),
        index: dict[str, tuple[str, ...]] | None = None,
        by_id: Mapping[str, Entry] | None = None,
    ) -> None:
        self._entries = entries
        self.events = events
        # normalised key -> ids of the entries it names (several for an ambiguous acronym)
        self.index = index if index is not None else {}
        self.by_id: Mapping[str, Entry] = (
            by_id if by_id is not None else {entry.id: entry for entry in entries or ()})

    @property
    def entries(self) -> tuple[Entry, ...]:
        if self._entries is None:
            self._entries = tuple(self.by_id.values())
        return self._entries

    def get(self, entry_id: str) -> Entry:
        return self.by_id[entry_id]

    def __len__(self) -> int:
        return len(self.by_id)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KnowledgeBase):
            return NotImplemented
        return (self.entries, self.events) == (other.entries, other.events)

    __hash__ = None  # type: ignore[assignment]  # mutable indexes: not hashable

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self.entries)} entries, {len(self.events)} events)"
