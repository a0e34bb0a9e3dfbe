"""The knowledge base: the built-in base and users' overlays, validated, indexed and cached.

    files.py       where the files are; reading one with a size cap
    yamlio.py      safe YAML with line numbers and no duplicate keys
    validation.py  entries and events from parsed YAML, field by field (schema.ENTRY_FIELDS)
    integrity.py   references, pairs of relations, the shipped base's strict rules
    index.py       overlays merged, inverse relations derived, lookup and search indexes
    store.py       the binary form (the cache, and the base compiled into the wheel)
    plain.py       records as plain values for the binary form, and back
    cache.py       the per-user cache folder

`load()` is the one entry point a command needs.
"""

from __future__ import annotations

import os

from nhsjargon.errors import DataError
from nhsjargon.knowledge import cache, store
from nhsjargon.knowledge.files import BASE_ENV, DATA_ENV, builtin_path, compiled_path, overlay_paths
from nhsjargon.model import Entry, Event, KnowledgeBase

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["BASE_ENV", "CACHE_ENV", "DATA_ENV", "builtin_path", "load", "load_file", "overlay_paths"]
CACHE_ENV = cache.CACHE_ENV


def _summary(path: str, problems: Sequence[str]) -> DataError:
    more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
    return DataError(problems[0] + more, tuple(problems), path=path)


def parse_file(path: str | os.PathLike[str]) -> tuple[list[Entry], list[Event], list[str], set[str]]:
    """Entries, events, problems, and every id written in the file (valid or not)."""
    from nhsjargon.knowledge.validation import failed_ids, read_document
    from nhsjargon.knowledge.yamlio import read_yaml

    data = read_yaml(path)
    entries, events, problems = read_document(data, str(path))
    return entries, events, problems, failed_ids(data)


def load_file(path: str | os.PathLike[str]) -> tuple[list[Entry], list[Event]]:
    """Read and validate one file on its own (references are checked once all files are in)."""
    entries, events, problems, _ = parse_file(path)
    if problems:
        raise _summary(str(path), problems)
    return entries, events


def compiled_key(source: bytes) -> str:
    """What the compiled base records of the YAML it was made from: its size and checksum."""
    import sys
    import zlib

    from nhsjargon.schema import FIELD_NAMES

    return (
        f"compiled|{store.FORMAT}|{','.join(FIELD_NAMES)}|{sys.byteorder}|{len(source)}|"
        f"{zlib.crc32(source):08x}"
    )


def _compiled_base(base: str) -> tuple[KnowledgeBase, bytes] | None:
    """The base compiled into the wheel (and its bytes), if it was made from this terms.yaml."""
    path = compiled_path()
    if path is None:
        return None
    from nhsjargon.knowledge.files import read_bytes

    try:
        data = read_bytes(path, cache.MAX_CACHE_BYTES)
        if store.stored_key(data) != compiled_key(read_bytes(base)):
            return None
        return store.unpack(data, None), data
    except (DataError, store.Damaged):
        return None


def _base_parts(base: str) -> tuple[list[Entry], list[Event], set[str]]:
    found = _compiled_base(base)
    if found is not None:
        compiled = found[0]
        written = [
            entry.replace(related=tuple(link for link in entry.related if not link.derived))
            for entry in compiled.entries
        ]
        return written, list(compiled.events), set()
    entries, events, problems, ids = parse_file(base)
    if problems:
        raise _summary(base, problems)
    return entries, events, ids


def build(overlays: Sequence[str | os.PathLike[str]] = (), base: str | None = None) -> KnowledgeBase:
    """The knowledge base from the files themselves, every file validated."""
    from nhsjargon.knowledge import index
    from nhsjargon.knowledge.integrity import check_pairs, check_references

    base = base or builtin_path()
    entries, events, written = _base_parts(base)
    for path in overlays:
        more_entries, more_events, problems, ids = parse_file(path)
        if problems:
            raise _summary(str(path), problems)
        entries += more_entries
        events += more_events
        written |= ids
    effective = index.merge(entries)
    problems = check_references(effective, events, written - {entry.id for entry in effective})
    problems += check_pairs(effective)
    if problems:
        raise _summary(problems[0].split(":")[0], problems)
    return index.build(effective, events)


def compile_base(path: str) -> bytes:
    """The base in `path` built and stored, to ship in the wheel (see hatch_build.py): the first
    run after installing reads it instead of parsing YAML."""
    from nhsjargon.knowledge.files import read_bytes

    entries, events, problems, _ = parse_file(path)
    if problems:
        raise _summary(path, problems)
    from nhsjargon.knowledge import index

    return store.pack(compiled_key(read_bytes(path)), index.build(entries, events))


def load(overlays: Sequence[str | os.PathLike[str]] = (), *, use_cache: bool = True) -> KnowledgeBase:
    """The built-in base plus overlays, validated and indexed (from the cache when unchanged)."""
    base = builtin_path()
    key = cache.key_for([base, *overlays]) if use_cache else None
    if key is None:
        return build(overlays)
    path = cache.file_for(key)
    opened = cache.open_stored(path)
    if opened is not None:
        try:
            return store.unpack(opened, key, on_damage=lambda: _rebuild(path, overlays))
        except store.Damaged:
            opened.close()
            cache.discard(path)
    if not overlays:  # the compiled base is already what the cache would hold
        found = _compiled_base(base)
        if found is not None:
            cache.write(path, store.rekey(found[1], key))
            return found[0]
    knowledge = build(overlays)
    cache.write(path, store.pack(key, knowledge))
    return knowledge


def _rebuild(path: str, overlays: Sequence[str | os.PathLike[str]]) -> KnowledgeBase:
    """Damage found after the cache was opened: forget it and build from the files."""
    cache.discard(path)
    return build(overlays)
