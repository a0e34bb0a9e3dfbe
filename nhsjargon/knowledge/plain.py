"""Records as plain values (tuples of numbers, strings and tuples) that marshal can store, and
back: the layout of the cache's and the compiled base's parts, laid out by `schema.ENTRY_FIELDS`."""

from __future__ import annotations

from nhsjargon.dates import PartialDate
from nhsjargon.model import Count, Entry, Event, Relation, Source
from nhsjargon.schema import ENTRY_FIELDS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def _date(value: PartialDate | None) -> object:
    return value.plain() if value is not None else None


def _relations(links: Any) -> object:
    return tuple((link.relation, link.id, link.derived) for link in links)


def _sources(sources: Any) -> object:
    return tuple((source.title, source.url) for source in sources)


def _counts(counts: Any) -> object:
    return tuple((count.date.plain(), count.count, count.note) for count in counts)


def _read_date(value: Any) -> PartialDate | None:
    return PartialDate(*value) if value is not None else None


def _read_relations(links: Any) -> tuple[Relation, ...]:
    return tuple(Relation(*link) for link in links)


def _read_sources(sources: Any) -> tuple[Source, ...]:
    return tuple(Source(*source) for source in sources)


def _read_counts(counts: Any) -> tuple[Count, ...]:
    return tuple(Count(PartialDate(*date), number, note) for date, number, note in counts)


_TO_PLAIN: dict[str, Callable[[Any], object]] = {
    "date": _date,
    "relations": _relations,
    "sources": _sources,
    "counts": _counts,
}
_FROM_PLAIN: dict[str, Callable[[Any], object]] = {
    "date": _read_date,
    "relations": _read_relations,
    "sources": _read_sources,
    "counts": _read_counts,
}
_CONVERT_OUT = tuple((field.name, _TO_PLAIN.get(field.kind)) for field in ENTRY_FIELDS)
_CONVERT_IN = tuple((field.name, _FROM_PLAIN.get(field.kind)) for field in ENTRY_FIELDS)


def entry_plain(entry: Entry) -> tuple[object, ...]:
    values = [
        getattr(entry, name) if convert is None else convert(getattr(entry, name))
        for name, convert in _CONVERT_OUT
    ]
    return (*values, entry.origin, entry.line)


def entry_from_plain(values: tuple[object, ...]) -> Entry:
    entry = Entry.__new__(Entry)
    setter = object.__setattr__
    for (name, convert), value in zip(_CONVERT_IN, values, strict=False):
        setter(entry, name, value if convert is None else convert(value))
    setter(entry, "origin", values[-2])
    setter(entry, "line", values[-1])
    return entry


def event_plain(event: Event) -> tuple[object, ...]:
    return (
        event.date.plain(),
        event.title,
        event.terms,
        (event.source.title, event.source.url),
        event.origin,
        event.line,
    )


def event_from_plain(values: tuple[object, ...]) -> Event:
    date, title, terms, source, origin, line = values
    return Event(PartialDate(*date), title, terms, Source(*source), origin, line)  # type: ignore[misc,arg-type]
