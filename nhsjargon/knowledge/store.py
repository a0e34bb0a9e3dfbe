"""The binary form of a built knowledge base: the per-user cache and the compiled base.

    magic (8 bytes) | crc32 of the rest (4) | header length (8) | header | entry blobs | search blob

Everything is marshal (no code runs on load, unlike pickle). The header holds the key that
says which files it was built from, the ids in order with each entry's place, the lookup
index and the events; an entry is decoded only when a command looks at it, and the search
index only when a command searches, so a lookup costs about the same with 500 or 20,000
entries. The checksum covers the header length and the header, so damage anywhere means
"not usable", never a wrong answer. Entries are laid out by `model.ENTRY_FIELDS`.
"""

from __future__ import annotations

import marshal
from _collections_abc import Mapping  # collections.abc's classes; already imported by os at start-up

from nhsjargon.model import ENTRY_FIELDS, Count, Entry, Event, KnowledgeBase, PartialDate, Relation, Source

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

FORMAT = 5  # bump when the layout below changes
MAGIC = b"NHSJKB" + bytes([FORMAT]) + b"\n"
_CRC_AT, _LENGTH_AT, _HEADER_AT = 8, 12, 20


class Damaged(Exception):
    """A stored base that cannot be used: the caller discards it and builds afresh."""


# ---------------------------------------------------------------- entries as plain values


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


def _event_plain(event: Event) -> tuple[object, ...]:
    return (
        event.date.plain(),
        event.title,
        event.terms,
        (event.source.title, event.source.url),
        event.origin,
        event.line,
    )


def _event_from_plain(values: tuple[object, ...]) -> Event:
    date, title, terms, source, origin, line = values
    return Event(PartialDate(*date), title, terms, Source(*source), origin, line)  # type: ignore[misc,arg-type]


# ---------------------------------------------------------------- lazily decoded parts


class StoredEntries(Mapping[str, Entry]):
    """Entries by id, decoded from the stored bytes on first use."""

    def __init__(
        self,
        body: memoryview,
        places: dict[str, tuple[int, int]],
        on_damage: Callable[[], KnowledgeBase] | None,
    ) -> None:
        self._body, self._places = body, places
        self._decoded: dict[str, Entry] = {}
        self._on_damage = on_damage
        self._fallback: KnowledgeBase | None = None

    def __getitem__(self, entry_id: str) -> Entry:
        entry = self._decoded.get(entry_id)
        if entry is not None:
            return entry
        start, length = self._places[entry_id]
        try:
            entry = entry_from_plain(marshal.loads(self._body[start : start + length]))
        except Exception as exc:  # noqa: BLE001 - damage found late: rebuild from the files
            if self._on_damage is None:
                raise Damaged(str(exc)) from None
            if self._fallback is None:
                self._fallback = self._on_damage()
            return self._fallback.by_id[entry_id]
        self._decoded[entry_id] = entry
        return entry

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


class StoredWords(Mapping[str, bytes]):
    """The search index (word -> postings), decoded on first use."""

    def __init__(self, blob: memoryview) -> None:
        self._blob = blob
        self._words: dict[str, bytes] | None = None

    def _load(self) -> dict[str, bytes]:
        if self._words is None:
            try:
                self._words = marshal.loads(self._blob)
            except Exception as exc:  # noqa: BLE001
                raise Damaged(str(exc)) from None
        return self._words

    def __getitem__(self, word: str) -> bytes:
        return self._load()[word]

    def __contains__(self, word: object) -> bool:
        return word in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


# ---------------------------------------------------------------- packing and unpacking


def pack(key: str, knowledge: KnowledgeBase) -> bytes:
    entries = knowledge.entries
    blobs = [marshal.dumps(entry_plain(entry)) for entry in entries]  # type: ignore[arg-type]
    places: dict[str, tuple[int, int]] = {}
    offset = 0
    for entry, blob in zip(entries, blobs, strict=False):
        places[entry.id] = (offset, len(blob))
        offset += len(blob)
    search = marshal.dumps(dict(knowledge.words or {}))
    events = tuple(_event_plain(event) for event in knowledge.events)
    header = marshal.dumps((key, places, knowledge.index, events, offset, len(search)))  # type: ignore[arg-type]
    return _seal(header, b"".join(blobs) + search)


def unpack(
    data: bytes, key: str | None, on_damage: Callable[[], KnowledgeBase] | None = None
) -> KnowledgeBase:
    """The knowledge base in `data`; Damaged if it is not whole or was built for another key
    (None accepts any key: the compiled base, whose key the caller checks with `stored_key`)."""
    import zlib

    if data[:_CRC_AT] != MAGIC or len(data) < _HEADER_AT:
        raise Damaged("not a knowledge-base file of this version")
    view = memoryview(data)
    if int.from_bytes(data[_CRC_AT:_LENGTH_AT], "little") != zlib.crc32(view[_LENGTH_AT:]):
        raise Damaged("checksum mismatch (truncated or damaged)")
    size = int.from_bytes(data[_LENGTH_AT:_HEADER_AT], "little")
    try:
        stored_key, places, index, events, search_at, search_size = marshal.loads(
            view[_HEADER_AT : _HEADER_AT + size]
        )
        body = view[_HEADER_AT + size :]
        if key is not None and stored_key != key:
            raise Damaged("built from other files")
        if search_at + search_size != len(body) or not isinstance(places, dict):
            raise Damaged("inconsistent layout")
        timeline = tuple(_event_from_plain(event) for event in events)
    except Damaged:
        raise
    except Exception as exc:  # noqa: BLE001 - any surprise in stored bytes means "rebuild"
        raise Damaged(str(exc)) from None
    return KnowledgeBase(
        None, timeline, index, StoredEntries(body, places, on_damage), StoredWords(body[search_at:])
    )


def _seal(header: bytes, body: bytes | memoryview) -> bytes:
    import zlib

    rest = len(header).to_bytes(8, "little") + header + bytes(body)
    return MAGIC + zlib.crc32(rest).to_bytes(4, "little") + rest


def rekey(data: bytes, key: str) -> bytes:
    """The same stored base under another key (the compiled base, copied into the cache)."""
    size = int.from_bytes(data[_LENGTH_AT:_HEADER_AT], "little")
    header = marshal.loads(data[_HEADER_AT : _HEADER_AT + size])
    return _seal(marshal.dumps((key, *header[1:])), memoryview(data)[_HEADER_AT + size :])


def stored_key(data: bytes) -> str | None:
    """The key a stored base was built for, without checking or decoding the rest."""
    try:
        size = int.from_bytes(data[_LENGTH_AT:_HEADER_AT], "little")
        key = marshal.loads(data[_HEADER_AT : _HEADER_AT + size])[0]
    except Exception:  # noqa: BLE001
        return None
    return key if isinstance(key, str) else None
