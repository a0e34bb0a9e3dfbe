"""The knowledge base's records: entries, events and the base that holds them.

The records are plain classes with __slots__, treated as immutable. They are built by the
thousand from the cache on every run, and neither `typing` nor `dataclasses` is imported:
each costs more start-up time than a whole cached lookup. Their fields follow
`schema.ENTRY_FIELDS`; dates are `dates.PartialDate`.
"""

from __future__ import annotations

from nhsjargon.dates import PartialDate
from nhsjargon.schema import FIELD_NAMES, GONE_STATUSES, STATUS_RANK

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping, Sequence


class Source:
    __slots__ = ("title", "url")

    def __init__(self, title: str, url: str) -> None:
        self.title, self.url = title, url

    def __iter__(self) -> Iterator[str]:
        return iter((self.title, self.url))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Source) and (self.title, self.url) == (other.title, other.url)

    def __hash__(self) -> int:
        return hash((self.title, self.url))

    def __repr__(self) -> str:
        return f"Source({self.title!r}, {self.url!r})"


class Count:
    """How many of a thing there were at a date: 42 ICSs from 2021-07-01."""

    __slots__ = ("date", "count", "note")

    def __init__(self, date: PartialDate, count: int, note: str = "") -> None:
        self.date, self.count, self.note = date, count, note

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Count) and (self.date, self.count, self.note) == (
            other.date,
            other.count,
            other.note,
        )

    def __hash__(self) -> int:
        return hash((self.date, self.count))

    def __repr__(self) -> str:
        return f"Count({self.date}, {self.count})"


class Relation:
    """A typed link to another entry; `derived` when the file wrote it on the other entry."""

    __slots__ = ("relation", "id", "derived")

    def __init__(self, relation: str, id: str, derived: bool = False) -> None:  # noqa: A002
        self.relation, self.id, self.derived = relation, id, derived

    def __iter__(self) -> Iterator[str]:
        return iter((self.relation, self.id))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relation) and (self.relation, self.id) == (other.relation, other.id)

    def __hash__(self) -> int:
        return hash((self.relation, self.id))

    def __repr__(self) -> str:
        return f"Relation({self.relation!r}, {self.id!r}{', derived' if self.derived else ''})"


class Entry:
    """One sense of a term: "ICP" has several entries, one per meaning.

    Its attributes are ENTRY_FIELDS, then where it came from (`origin` file, `line`).
    """

    __slots__ = (*FIELD_NAMES, "origin", "line")

    id: str
    acronym: str | None
    name: str
    aliases: tuple[str, ...]
    misspellings: tuple[str, ...]
    category: str
    status: str
    minor: bool
    introduced: PartialDate | None
    ended: PartialDate | None
    definition: str
    notes: tuple[str, ...]
    related: tuple[Relation, ...]
    attributes: tuple[tuple[str, str], ...]
    counts: tuple[Count, ...]
    sources: tuple[Source, ...]
    origin: str  # the file the entry came from, for error messages and `validate`
    line: int  # where in that file it starts (0 when not known)

    def __init__(
        self,
        id: str,
        name: str,
        definition: str,
        *,  # noqa: A002
        acronym: str | None = None,
        aliases: tuple[str, ...] = (),
        misspellings: tuple[str, ...] = (),
        category: str = "local",
        status: str = "current",
        minor: bool = False,
        introduced: PartialDate | None = None,
        ended: PartialDate | None = None,
        notes: tuple[str, ...] = (),
        related: tuple[Relation, ...] = (),
        attributes: tuple[tuple[str, str], ...] = (),
        counts: tuple[Count, ...] = (),
        sources: tuple[Source, ...] = (),
        origin: str = "",
        line: int = 0,
    ) -> None:
        self.id, self.name, self.definition, self.acronym = id, name, definition, acronym
        self.aliases, self.misspellings, self.category, self.status = aliases, misspellings, category, status
        self.minor = minor
        self.introduced, self.ended, self.notes, self.related = introduced, ended, notes, related
        self.attributes, self.counts, self.sources = attributes, counts, sources
        self.origin, self.line = origin, line

    def fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in FIELD_NAMES)

    def replace(self, **changes: object) -> Entry:
        values = {name: getattr(self, name) for name in self.__slots__}
        values.update(changes)
        entry = Entry.__new__(Entry)
        for name, value in values.items():
            object.__setattr__(entry, name, value)
        return entry

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self.fields() == other.fields()

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"Entry({self.id!r})"

    @property
    def label(self) -> str:
        """The short form a reader knows it by: the acronym, else the name."""
        return self.acronym or self.name

    @property
    def full_label(self) -> str:
        """ "ICB (Integrated Care Board)", or just the name when there is no acronym."""
        return f"{self.acronym} ({self.name})" if self.acronym else self.name

    @property
    def title(self) -> str:
        return f"{self.acronym}: {self.name}" if self.acronym else self.name

    @property
    def is_comparable(self) -> bool:
        return bool(self.attributes)

    @property
    def gone(self) -> bool:
        return self.status in GONE_STATUSES

    def attribute(self, key: str) -> str | None:
        return dict(self.attributes).get(key)

    def era(self) -> str:
        """A span such as "2013-04-01 to 2022-06-30", "since 2022-07-01" or "2017, end not recorded"."""
        if self.introduced and self.ended:
            return f"{self.introduced} to {self.ended}"
        if self.introduced:
            return (
                f"since {self.introduced}"
                if self.status in ("current", "proposed")
                else (f"from {self.introduced}, end not recorded")
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


def sense_order(entry: Entry) -> tuple[bool, int, int, str]:
    """How the senses of one acronym are listed: a minor sense last; current first, then the
    most recently introduced, then by id."""
    started = -(entry.introduced.year if entry.introduced else 0)
    return entry.minor, STATUS_RANK.get(entry.status, 99), started, entry.id


class Event:
    __slots__ = ("date", "title", "terms", "source", "origin", "line")

    def __init__(
        self,
        date: PartialDate,
        title: str,
        terms: tuple[str, ...],
        source: Source,
        origin: str = "",
        line: int = 0,
    ) -> None:
        self.date, self.title, self.terms, self.source = date, title, terms, source
        self.origin, self.line = origin, line

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Event) and (self.date, self.title, self.terms, self.source) == (
            other.date,
            other.title,
            other.terms,
            other.source,
        )

    def __hash__(self) -> int:
        return hash((self.date, self.title))

    def __repr__(self) -> str:
        return f"Event({self.date}, {self.title!r})"


class KnowledgeBase:
    """All entries and events, with the lookup indexes built once at load time.

    `by_id` may be a lazy mapping (the cache decodes entries on first use); `entries`,
    in the files' order, is then built the first time a command asks for all of them.
    `words` is the search index (see knowledge.index); None until something needs it.
    """

    __slots__ = ("_entries", "events", "index", "by_id", "words")

    def __init__(
        self,
        entries: tuple[Entry, ...] | None,
        events: Sequence[Event] = (),
        index: Mapping[str, tuple[str, ...]] | None = None,
        by_id: Mapping[str, Entry] | None = None,
        words: Mapping[str, bytes] | None = None,
    ) -> None:
        self._entries = entries
        self.events = events
        # normalised key -> ids of the entries it names (several for an ambiguous acronym)
        self.index = index if index is not None else {}
        self.by_id: Mapping[str, Entry] = (
            by_id if by_id is not None else {entry.id: entry for entry in entries or ()}
        )
        self.words = words

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
        return (self.entries, tuple(self.events)) == (other.entries, tuple(other.events))

    __hash__ = None  # type: ignore[assignment]  # mutable indexes: not hashable

    def __repr__(self) -> str:
        return f"KnowledgeBase({len(self.entries)} entries, {len(self.events)} events)"
