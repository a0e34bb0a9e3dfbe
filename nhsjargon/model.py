"""The knowledge base's data model: records, the vocabularies they use, and the one entry schema.

`ENTRY_FIELDS` is the schema: validation, the cache and compiled layout, the JSON view, the
formatter's field order, the YAML header and the JSON schema for editors are all derived from
it (tests keep the derived files in step).

The records are plain classes with __slots__, treated as immutable. They are built by the
thousand from the cache on every run, and neither `typing` nor `dataclasses` is imported:
each costs more start-up time than a whole cached lookup.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator, Mapping, Sequence

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
STATUS_RANK = {status: rank for rank, status in enumerate(STATUSES)}
GONE_STATUSES = frozenset({"renamed", "merged", "replaced", "abolished", "historical"})

# Each relation and its inverse; symmetric relations map to themselves. A file writes each
# pair of entries once, in either direction: the loader derives the other side.
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
# The direction a pair is drawn and normalised in: CCG -> replaced by -> ICB, ICB -> part of -> ICS.
FORWARD_RELATIONS = (
    "evolved_into",
    "replaced_by",
    "renamed_to",
    "merged_into",
    "part_of",
    "kind_of",
    "established_by",
    "accountable_to",
    "contrasts_with",
    "see_also",
)

# Comparison attributes written in the YAML, in display order, with their row labels.
ATTRIBUTES: dict[str, str] = {
    "scope": "Scope of services",
    "population": "Population served",
    "budget": "Budget and payment",
    "contract": "Contract form(s)",
    "legal_status": "Legal status and accountability",
    "held_by": "Who leads or holds it",
}


# ---------------------------------------------------------------- the schema


class Field:
    """One field of an entry: its name, the kind of value, whether the shipped base requires it
    (`required`) or every file does (`always`), and the sentence that documents it."""

    __slots__ = ("name", "kind", "required", "always", "doc")

    def __init__(self, name: str, kind: str, doc: str, required: bool = False, always: bool = False):
        self.name, self.kind, self.doc = name, kind, doc
        self.required, self.always = required or always, always

    def __repr__(self) -> str:
        return f"Field({self.name!r}, {self.kind!r})"


# kinds: slug, text, texts (a list of text), category, status, flag (true or false), date, relations,
# attributes, counts, sources
ENTRY_FIELDS: tuple[Field, ...] = (
    Field("id", "slug", "unique lowercase slug, e.g. ics, icp-provider, pacs-imaging", always=True),
    Field("acronym", "text", "as usually written: ICS, PbR, A&E, 111, NHSE/I"),
    Field("name", "text", "the expansion or full name", always=True),
    Field(
        "aliases",
        "texts",
        "other names and spellings, former names, other acronyms (not plurals: "
        "plurals and possessives are understood by the code)",
    ),
    Field("misspellings", "texts", "wrong forms met in real documents (WBP for WPB)"),
    Field(
        "category", "category", "what kind of thing it is (overlay entries default to local)", required=True
    ),
    Field("status", "status", "whether it is current, and if not how it ended", required=True),
    Field(
        "minor",
        "flag",
        "true for a sense readers rarely mean (the cancer charity CCG): listed after the other senses",
    ),
    Field("introduced", "date", "YYYY, YYYY-MM or YYYY-MM-DD: when it began, as precisely as sources allow"),
    Field(
        "ended",
        "date",
        "same format: the LAST DAY it existed (CCGs: 2022-06-30); required for abolished, renamed and merged",
    ),
    Field(
        "definition",
        "text",
        "1 to 5 plain-English sentences in our own words; for an ambiguous "
        "acronym, where and when this sense is used",
        always=True,
    ),
    Field("notes", "texts", "caveats, and where sources disagree (dates, counts): say so here"),
    Field(
        "related",
        "relations",
        "[{relation, id}], each pair of entries written ONCE (the inverse is "
        "derived when the base is loaded)",
    ),
    Field("attributes", "attributes", "comparison attributes, required for category model"),
    Field(
        "counts",
        "counts",
        "[{date, count, note}]: how many there were at a date (42 ICSs from "
        "2021-07-01), from the entry's sources",
    ),
    Field(
        "sources",
        "sources",
        "[{title, url}]: where the facts come from, primary sources preferred",
        required=True,
    ),
)
FIELD_NAMES: tuple[str, ...] = tuple(field.name for field in ENTRY_FIELDS)
EVENT_FIELDS: tuple[Field, ...] = (
    Field("date", "date", "when it happened, as precisely as the source allows", always=True),
    Field("title", "text", "what happened, in a line", always=True),
    Field("terms", "texts", "the ids of the entries it concerns", always=True),
    Field("source", "source", "{title, url}: where the date comes from", always=True),
)


# ---------------------------------------------------------------- records


FIRST_YEAR, LAST_YEAR = 1, 9998  # the years a date may have
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


class PartialDate:
    """A date known to the year, the month or the day, as sources often give only a year."""

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read YYYY, YYYY-MM or YYYY-MM-DD (text in ASCII digits, an int year, or a date)."""
        import datetime as dt

        if isinstance(value, dt.datetime):
            raise ValueError(f"expected a date, not a date and time: {value!r}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        text = str(value).strip()
        parts = text.split("-")
        widths = (4, 2, 2)
        if len(parts[0]) > 4 and parts[0].isascii() and parts[0].isdigit() and parts[0][0] != "0":
            raise ValueError(
                f"{text} is outside the dates nhsjargon handles ({FIRST_YEAR:04d} to {LAST_YEAR})"
            )
        if not 1 <= len(parts) <= 3 or any(
            len(part) != width or not (part.isascii() and part.isdigit())
            for part, width in zip(parts, widths, strict=False)
        ):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if not FIRST_YEAR <= year <= LAST_YEAR:  # so that every day and the day after it are real dates
            raise ValueError(
                f"{text} is outside the dates nhsjargon handles ({FIRST_YEAR:04d} to {LAST_YEAR})"
            )
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range in {value!r}")
        if day is not None and month is not None and not 1 <= day <= month_days(year, month):
            raise ValueError(f"day out of range in {value!r}")
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        import datetime as dt

        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        import datetime as dt

        month = self.month or 12
        return dt.date(self.year, month, self.day or month_days(self.year, month))

    def key(self) -> tuple[int, int, int]:
        """For sorting by first day without building a date."""
        return (self.year, self.month or 1, self.day or 1)

    def day_after(self) -> str:
        """The day after the last day, as text: "2022-06-30" -> "2022-07-01"."""
        month = self.month or 12
        day = self.day or month_days(self.year, month)
        if day < month_days(self.year, month):
            return f"{self.year:04d}-{month:02d}-{day + 1:02d}"
        if month < 12:
            return f"{self.year:04d}-{month + 1:02d}-01"
        return f"{self.year + 1:04d}-01-01"

    def plain(self) -> tuple[int, int | None, int | None]:
        return (self.year, self.month, self.day)

    def __iter__(self) -> Iterator[int | None]:
        return iter((self.year, self.month, self.day))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self.plain() == other.plain()

    def __hash__(self) -> int:
        return hash(self.plain())

    def __repr__(self) -> str:
        return f"PartialDate({self})"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


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
