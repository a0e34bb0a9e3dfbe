"""The binary form of a built knowledge base: the per-user cache and the compiled base.

    magic (8 bytes) | crc32 of the header (4) | header length (8) | header | parts

Everything is marshal (no code runs on load, unlike pickle). The header holds the key that
says which files it was built from and where each part is, with the part's own checksum:
every entry, each shard of the lookup index (keys by their first character), the events and
the search index. A part is checked and decoded only when a command uses it, so a lookup
reads a few kilobytes whether the base has 500 or 20,000 entries. Damage anywhere means "not
usable" where it is found, never a wrong answer: a damaged header is refused at once, a damaged
part when it is read (the caller then rebuilds from the files). Records are stored as
`plain` lays them out.
"""

from __future__ import annotations

import marshal
from _collections_abc import Mapping, Sequence  # collections.abc's classes, imported by os at start-up

from nhsjargon.knowledge.plain import entry_from_plain, entry_plain, event_from_plain, event_plain
from nhsjargon.model import Entry, Event, KnowledgeBase

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

FORMAT = 6  # bump when the layout below changes
MAGIC = b"NHSJKB" + bytes([FORMAT]) + b"\n"
_CRC_AT, _LENGTH_AT, _HEADER_AT = 8, 12, 20


class Damaged(Exception):
    """A stored base that cannot be used: the caller discards it and builds afresh."""


# ---------------------------------------------------------------- lazily checked and decoded parts

Place = tuple[int, int, int]  # offset in the body, length, crc32


class Opened:
    """A stored base still on disk, read a part at a time (os.pread on a descriptor kept for
    the life of the process): a lookup reads the header and a few kilobytes, not megabytes.
    The file is replaced, never rewritten, so what the descriptor sees does not change."""

    def __init__(self, descriptor: int, size: int) -> None:
        self.descriptor, self.size = descriptor, size

    def close(self) -> None:
        import os

        os.close(self.descriptor)

    def read(self, offset: int, length: int) -> bytes:
        import os

        chunks, done = [], 0
        while done < length:
            if hasattr(os, "pread"):
                chunk = os.pread(self.descriptor, length - done, offset + done)
            else:  # Windows: no pread
                os.lseek(self.descriptor, offset + done, os.SEEK_SET)
                chunk = os.read(self.descriptor, length - done)
            if not chunk:
                break  # shorter than the header says: the caller finds the checksum wrong
            chunks.append(chunk)
            done += len(chunk)
        return b"".join(chunks)


class _InMemory:
    def __init__(self, data: bytes) -> None:
        self._view, self.size = memoryview(data), len(data)

    def read(self, offset: int, length: int) -> memoryview:
        return self._view[offset : offset + length]


class _Body:
    """The stored parts after the header: each checked against its checksum when read, and
    the knowledge base rebuilt from the files (once) if one turns out damaged."""

    def __init__(
        self, source: Opened | _InMemory, start: int, on_damage: Callable[[], KnowledgeBase] | None
    ) -> None:
        self._source, self._start, self._on_damage = source, start, on_damage
        self._fallback: KnowledgeBase | None = None

    def load(self, place: Place) -> Any:
        import zlib

        start, length, crc = place
        blob = self._source.read(self._start + start, length)
        if len(blob) != length or zlib.crc32(blob) != crc:
            raise Damaged("checksum mismatch in a stored part")
        try:
            return marshal.loads(blob)
        except Exception as exc:  # noqa: BLE001 - any surprise in stored bytes means "rebuild"
            raise Damaged(str(exc)) from None

    def fallback(self, error: Damaged) -> KnowledgeBase:
        if self._on_damage is None:
            raise error
        if self._fallback is None:
            self._fallback = self._on_damage()
        return self._fallback


class StoredEntries(Mapping[str, Entry]):
    """Entries by id, decoded from the stored bytes on first use."""

    def __init__(self, body: _Body, places: dict[str, Place]) -> None:
        self._body, self._places = body, places
        self._decoded: dict[str, Entry] = {}

    def __getitem__(self, entry_id: str) -> Entry:
        entry = self._decoded.get(entry_id)
        if entry is not None:
            return entry
        place = self._places[entry_id]
        try:
            entry = entry_from_plain(self._body.load(place))
        except Damaged as damaged:  # found late: answer from the files instead
            return self._body.fallback(damaged).by_id[entry_id]
        self._decoded[entry_id] = entry
        return entry

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def shard_of(key: str) -> str:
    """Which shard of the lookup index holds a key: its first character."""
    return key[:1]


class StoredIndex(Mapping[str, tuple[str, ...]]):
    """The lookup index (key -> ids), one shard decoded when a key in it is first asked for."""

    def __init__(self, body: _Body, shards: dict[str, Place]) -> None:
        self._body, self._shards = body, shards
        self._loaded: dict[str, dict[str, tuple[str, ...]]] = {}

    def _shard(self, name: str) -> dict[str, tuple[str, ...]]:
        shard = self._loaded.get(name)
        if shard is None:
            place = self._shards.get(name)
            if place is None:
                shard = {}
            else:
                try:
                    shard = self._body.load(place)
                except Damaged as damaged:
                    whole = self._body.fallback(damaged).index
                    shard = {key: ids for key, ids in whole.items() if shard_of(key) == name}
            self._loaded[name] = shard
        return shard

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._shard(shard_of(key))[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._shard(shard_of(key)).get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._shard(shard_of(key))

    def __iter__(self) -> Iterator[str]:
        for name in self._shards:
            yield from self._shard(name)

    def __len__(self) -> int:
        return sum(len(self._shard(name)) for name in self._shards)


class StoredEvents(Sequence[Event]):
    """The events, decoded when a command first looks at them (a lookup never does)."""

    def __init__(self, body: _Body, place: Place, count: int) -> None:
        self._body, self._place, self._count = body, place, count
        self._events: tuple[Event, ...] | None = None

    def _all(self) -> tuple[Event, ...]:
        if self._events is None:
            try:
                self._events = tuple(event_from_plain(event) for event in self._body.load(self._place))
            except Damaged as damaged:
                self._events = tuple(self._body.fallback(damaged).events)
        return self._events

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._all())

    def __len__(self) -> int:
        return self._count


class StoredWords(Mapping[str, bytes]):
    """The search index (word -> postings), decoded on first use."""

    def __init__(self, body: _Body, place: Place) -> None:
        self._body, self._place = body, place
        self._words: dict[str, bytes] | None = None

    def _load(self) -> dict[str, bytes]:
        if self._words is None:
            try:
                self._words = self._body.load(self._place)
            except Damaged as damaged:
                self._words = dict(self._body.fallback(damaged).words or {})
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


class _Packer:
    """Parts appended to one body, each remembered with its place and checksum."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.offset = 0

    def add(self, value: object) -> Place:
        import zlib

        blob = marshal.dumps(value)  # type: ignore[arg-type]
        place = (self.offset, len(blob), zlib.crc32(blob))
        self.parts.append(blob)
        self.offset += len(blob)
        return place


def pack(key: str, knowledge: KnowledgeBase) -> bytes:
    packer = _Packer()
    places = {entry.id: packer.add(entry_plain(entry)) for entry in knowledge.entries}
    shards: dict[str, dict[str, tuple[str, ...]]] = {}
    for index_key, ids in knowledge.index.items():
        shards.setdefault(shard_of(index_key), {})[index_key] = ids
    shard_places = {name: packer.add(shard) for name, shard in shards.items()}
    events = packer.add(tuple(event_plain(event) for event in knowledge.events))
    search = packer.add(dict(knowledge.words or {}))
    header = (key, places, shard_places, (events, len(knowledge.events)), search, packer.offset)
    return _seal(marshal.dumps(header), b"".join(packer.parts))


def unpack(
    data: bytes | Opened, key: str | None, on_damage: Callable[[], KnowledgeBase] | None = None
) -> KnowledgeBase:
    """The knowledge base stored in `data` (bytes, or a file opened by the cache); Damaged if
    its header is not whole or it was built for another key (None accepts any key: the
    compiled base, whose key the caller checks with `stored_key`). Parts are checked as used."""
    import zlib

    source = data if isinstance(data, Opened) else _InMemory(data)
    start = bytes(source.read(0, _HEADER_AT))
    if start[:_CRC_AT] != MAGIC or len(start) < _HEADER_AT:
        raise Damaged("not a knowledge-base file of this version")
    size = int.from_bytes(start[_LENGTH_AT:_HEADER_AT], "little")
    if size > source.size:
        raise Damaged("inconsistent layout (truncated?)")
    header = source.read(_HEADER_AT, size)
    if int.from_bytes(start[_CRC_AT:_LENGTH_AT], "little") != zlib.crc32(
        header, zlib.crc32(start[_LENGTH_AT:])
    ):
        raise Damaged("checksum mismatch (truncated or damaged)")
    try:
        stored_key, places, shards, (events, count), search, body_size = marshal.loads(header)
        if key is not None and stored_key != key:
            raise Damaged("built from other files")
        if body_size != source.size - _HEADER_AT - size or not isinstance(places, dict):
            raise Damaged("inconsistent layout (truncated?)")
    except Damaged:
        raise
    except Exception as exc:  # noqa: BLE001 - any surprise in stored bytes means "rebuild"
        raise Damaged(str(exc)) from None
    body = _Body(source, _HEADER_AT + size, on_damage)
    return KnowledgeBase(
        None,
        StoredEvents(body, events, count),
        StoredIndex(body, shards),
        StoredEntries(body, places),
        StoredWords(body, search),
    )


def _seal(header: bytes, body: bytes | memoryview) -> bytes:
    import zlib

    sized = len(header).to_bytes(8, "little") + header
    return MAGIC + zlib.crc32(sized).to_bytes(4, "little") + sized + bytes(body)


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
