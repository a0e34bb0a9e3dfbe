"""Find, load, validate and index the knowledge base and users' overlay files, with a cache.

Loading is the one slow step of every command (YAML parsing and validation), so the
validated `KnowledgeBase` is stored in a per-user cache keyed on the files' identity
and the package version; a later run with the same files reads it back in a few ms.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias

from nhsjargon import __version__
from nhsjargon.errors import DataError, file_error
from nhsjargon.keys import acronym_compact, compact
from nhsjargon.model import (
    ATTRIBUTES,
    CATEGORIES,
    ID_PATTERN,
    INVERSE_RELATION,
    STATUSES,
    Entry,
    Event,
    KnowledgeBase,
    PartialDate,
    Relation,
    Source,
)

DATA_ENV = "NHSJARGON_DATA"
BASE_ENV = "NHSJARGON_BASE"  # replaces the built-in base entirely (tests; organisations with their own)
CACHE_ENV = "NHSJARGON_CACHE_DIR"
MAX_FILE_BYTES = 64 * 1024 * 1024
STATUS_ORDER = {status: rank for rank, status in enumerate(STATUSES)}

_ENTRY_FIELDS = frozenset(
    "id acronym name aliases misspellings category status introduced ended definition notes "
    "related attributes sources".split()
)
_EVENT_FIELDS = frozenset({"date", "title", "terms", "source"})
_TOP_FIELDS = frozenset({"schema", "terms", "events"})
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")

# Paths are plain str or PathLike: pathlib is left out of the cached start-up path (it costs
# about as much to import as the rest of a cached lookup).
FilePath: TypeAlias = "str | os.PathLike[str]"


# ---------------------------------------------------------------- locating files


def builtin_path() -> str:
    """The shipped terms.yaml: inside the installed package, or the checkout's data/ folder."""
    if os.environ.get(BASE_ENV):
        return os.environ[BASE_ENV]
    package_dir = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(package_dir, "data", "terms.yaml"),
                      os.path.join(os.path.dirname(package_dir), "data", "terms.yaml")):
        if os.path.isfile(candidate):
            return candidate
    from importlib.resources import files  # only for a package imported from a zip

    resource = files("nhsjargon").joinpath("data/terms.yaml")
    if resource.is_file():
        return str(resource)
    raise DataError("the built-in knowledge base (terms.yaml) is missing from this installation",
                    hint="reinstall nhsjargon")


def overlay_paths(
    cli_paths: Sequence[FilePath] = (), environ: Mapping[str, str] | None = None
) -> list[FilePath]:
    """Overlay files from NHSJARGON_DATA (os.pathsep-separated), then from --data, in that order."""
    env = os.environ if environ is None else environ
    from_env: list[FilePath] = [part for part in env.get(DATA_ENV, "").split(os.pathsep) if part.strip()]
    return from_env + list(cli_paths)


# ---------------------------------------------------------------- reading YAML


def _safe_loader() -> Any:
    """yaml's safe loader (libyaml's C parser where present), minus timestamp resolution.

    Dates stay text so that PartialDate reads them and reports "2019-02-30" as a
    validation problem instead of yaml raising a bare ValueError.
    """
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    timestamp = "tag:yaml.org,2002:timestamp"
    resolvers = {
        first: [(tag, pattern) for tag, pattern in rules if tag != timestamp]
        for first, rules in base.yaml_implicit_resolvers.items()
    }
    return type("JargonLoader", (base,), {"yaml_implicit_resolvers": resolvers})


def read_yaml(path: FilePath) -> Any:
    """Parse one file safely: no tags beyond plain YAML, no anchors, size-limited."""
    import yaml

    loader = _safe_loader()
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise DataError(f"{path}: file is too large ({size:,} bytes; the limit is "
                            f"{MAX_FILE_BYTES:,})")
        with open(path, "rb") as handle:
            raw = handle.read()
    except DataError:
        raise
    except OSError as exc:
        raise DataError(file_error(path, exc, "a YAML file")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise DataError(f"{path}: contains NUL bytes; not a YAML text file")
    _refuse_aliases(text, path, yaml, loader)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, chosen above
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        problem = exc.problem or exc.context or "invalid YAML"
        raise DataError(f"{path}: malformed YAML at {where}: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: malformed YAML: {exc}") from None
    except RecursionError:
        raise DataError(f"{path}: YAML nested too deeply") from None
    except (ValueError, TypeError) as exc:  # a constructor rejecting a scalar
        raise DataError(f"{path}: invalid YAML value: {exc}") from None


def _refuse_aliases(text: str, path: FilePath, yaml: Any, loader: Any) -> None:
    """Refuse anchors and aliases: the schema needs none, and they enable 'billion laughs'."""
    if "&" not in text and "*" not in text:
        return
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise DataError(f"{path}: line {line}: YAML anchors and aliases are not allowed")
    except yaml.YAMLError:
        return  # the real parse reports the syntax error with its position


# ---------------------------------------------------------------- validation


class _Problems:
    """Collects every problem in a file so a contributor sees them all at once."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.items.append(f"{self.origin}: {where}: {message}")


def _text(value: Any, where: str, field_name: str, problems: _Problems, required: bool) -> str | None:
    if value is None or value == "":
        if required:
            problems.add(where, f"field '{field_name}' is required")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        problems.add(where, f"field '{field_name}' must be text, not {type(value).__name__}")
        return None
    return str(value).strip()


def _text_list(value: Any, where: str, field_name: str, problems: _Problems) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        problems.add(where, f"field '{field_name}' must be a list of text")
        return ()
    items = []
    for item in value:
        text = _text(item, where, field_name, problems, required=True)
        if text:
            items.append(text)
    return tuple(items)


def _date(value: Any, where: str, field_name: str, problems: _Problems) -> PartialDate | None:
    if value is None or value == "":
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        problems.add(where, f"field '{field_name}': {exc}")
        return None


def _source(value: Any, where: str, problems: _Problems) -> Source | None:
    if not isinstance(value, dict):
        problems.add(where, "each source must be a mapping with 'title' and 'url'")
        return None
    unknown = set(value) - {"title", "url"}
    if unknown:
        problems.add(where, f"source has unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    title = _text(value.get("title"), where, "sources.title", problems, required=True)
    url = _text(value.get("url"), where, "sources.url", problems, required=True)
    if url and not url.startswith(("https://", "http://")):
        problems.add(where, f"source url must start with https:// or http://, got {url!r}")
        return None
    return Source(title, url) if title and url else None


def _entry(raw: Any, position: int, problems: _Problems) -> Entry | None:
    if not isinstance(raw, dict):
        problems.add(f"terms[{position}]", "each term must be a mapping of fields")
        return None
    entry_id = raw.get("id")
    where = f"entry '{entry_id}'" if isinstance(entry_id, str) else f"terms[{position}]"
    before = len(problems.items)
    unknown = set(raw) - _ENTRY_FIELDS
    if unknown:
        problems.add(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        problems.add(where, "field 'id' must be a lowercase slug such as 'ics' or 'icp-provider'")
    name = _text(raw.get("name"), where, "name", problems, required=True)
    definition = _text(raw.get("definition"), where, "definition", problems, required=True)
    acronym = _text(raw.get("acronym"), where, "acronym", problems, required=False)
    category = raw.get("category", "local")
    if category not in CATEGORIES:
        problems.add(where, f"field 'category': {category!r} is not one of {', '.join(CATEGORIES)}")
    status = raw.get("status", "current")
    if status not in STATUSES:
        problems.add(where, f"field 'status': {status!r} is not one of {', '.join(STATUSES)}")
    introduced = _date(raw.get("introduced"), where, "introduced", problems)
    ended = _date(raw.get("ended"), where, "ended", problems)
    if introduced and ended and ended.last_day < introduced.first_day:
        problems.add(where, f"'ended' ({ended}) is before 'introduced' ({introduced})")

    related: list[Relation] = []
    raw_related = raw.get("related") or []
    if not isinstance(raw_related, list):
        problems.add(where, "field 'related' must be a list of {relation, id}")
        raw_related = []
    for link in raw_related:
        if not isinstance(link, dict) or set(link) != {"relation", "id"}:
            problems.add(where, f"each related item needs exactly 'relation' and 'id', got {link!r}")
            continue
        if link["relation"] not in INVERSE_RELATION:
            problems.add(where, f"related: unknown relation {link['relation']!r}")
            continue
        if not isinstance(link["id"], str):
            problems.add(where, f"related: id must be text, got {link['id']!r}")
            continue
        related.append(Relation(link["relation"], link["id"]))

    attributes: list[tuple[str, str]] = []
    raw_attributes = raw.get("attributes") or {}
    if not isinstance(raw_attributes, dict):
        problems.add(where, "field 'attributes' must be a mapping")
        raw_attributes = {}
    for key, value in raw_attributes.items():
        if key not in ATTRIBUTES:
            problems.add(where, f"attributes: unknown attribute {key!r} (known: {', '.join(ATTRIBUTES)})")
            continue
        text = _text(value, where, f"attributes.{key}", problems, required=True)
        if text:
            attributes.append((key, text))
    attributes.sort(key=lambda pair: list(ATTRIBUTES).index(pair[0]))

    raw_sources = raw.get("sources") or []
    if not isinstance(raw_sources, list):
        problems.add(where, "field 'sources' must be a list of {title, url}")
        raw_sources = []
    sources = [source for item in raw_sources if (source := _source(item, where, problems))]

    if len(problems.items) > before or not (name and definition and isinstance(entry_id, str)):
        return None
    return Entry(
        id=entry_id,
        name=name,
        definition=" ".join(definition.split()),
        acronym=acronym,
        aliases=_text_list(raw.get("aliases"), where, "aliases", problems),
        misspellings=_text_list(raw.get("misspellings"), where, "misspellings", problems),
        category=category,
        status=status,
        introduced=introduced,
        ended=ended,
        notes=_text_list(raw.get("notes"), where, "notes", problems),
        related=tuple(related),
        attributes=tuple(attributes),
        sources=tuple(sources),
        origin=problems.origin,
    )


def _event(raw: Any, position: int, problems: _Problems) -> Event | None:
    where = f"events[{position}]"
    if not isinstance(raw, dict):
        problems.add(where, "each event must be a mapping")
        return None
    before = len(problems.items)
    unknown = set(raw) - _EVENT_FIELDS
    if unknown:
        problems.add(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    date = _date(raw.get("date"), where, "date", problems)
    if date is None and "date" not in raw:
        problems.add(where, "field 'date' is required")
    title = _text(raw.get("title"), where, "title", problems, required=True)
    terms = _text_list(raw.get("terms"), where, "terms", problems)
    if not terms:
        problems.add(where, "field 'terms' needs at least one entry id")
    source = _source(raw.get("source"), where, problems) if "source" in raw else None
    if source is None and "source" not in raw:
        problems.add(where, "field 'source' is required")
    if len(problems.items) > before or date is None or title is None or source is None:
        return None
    return Event(date, title, terms, source, origin=problems.origin)


def parse_document(data: Any, origin: str) -> tuple[list[Entry], list[Event], list[str]]:
    """Turn one parsed YAML document into entries and events, collecting every problem."""
    problems = _Problems(origin)
    if data is None:
        return [], [], []
    if not isinstance(data, dict):
        problems.add("top level", "expected a mapping with 'terms:' (and optionally 'events:')")
        return [], [], problems.items
    unknown = set(data) - _TOP_FIELDS
    if unknown:
        problems.add("top level", f"unknown key(s): {', '.join(sorted(map(str, unknown)))}")
    if data.get("schema", 1) != 1:
        problems.add("top level", f"unsupported schema version {data.get('schema')!r} (expected 1)")
    raw_terms = data.get("terms") or []
    raw_events = data.get("events") or []
    if not isinstance(raw_terms, list):
        problems.add("terms", "must be a list of entries")
        raw_terms = []
    if not isinstance(raw_events, list):
        problems.add("events", "must be a list of events")
        raw_events = []
    entries = [entry for i, raw in enumerate(raw_terms) if (entry := _entry(raw, i, problems))]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            problems.add(f"entry '{entry.id}'", "duplicate id (each id may appear once per file)")
        seen.add(entry.id)
    events = [event for i, raw in enumerate(raw_events) if (event := _event(raw, i, problems))]
    return entries, events, problems.items


def check_references(entries: Iterable[Entry], events: Iterable[Event]) -> list[str]:
    """Relations and event terms must name entries that exist."""
    ids = {entry.id for entry in entries}
    problems = []
    for entry in entries:
        for link in entry.related:
            if link.id not in ids:
                problems.append(f"{entry.origin}: entry '{entry.id}': related {link.relation} -> "
                                f"'{link.id}' names no entry")
            elif link.id == entry.id:
                problems.append(f"{entry.origin}: entry '{entry.id}': relates to itself")
    for event in events:
        for term in event.terms:
            if term not in ids:
                problems.append(f"{event.origin}: event {event.date} '{event.title}': term '{term}' "
                                f"names no entry")
    return problems


def check_strict(entries: Sequence[Entry]) -> list[str]:
    """The shipped base's extra rules: sources, categories and two-way relationships."""
    problems = []
    by_id = {entry.id: entry for entry in entries}
    for entry in entries:
        where = f"{entry.origin}: entry '{entry.id}'"
        if not entry.sources:
            problems.append(f"{where}: needs at least one source")
        if entry.category == "local":
            problems.append(f"{where}: needs a category (local names belong in overlays)")
        if entry.category == "model" and len(entry.attributes) < len(ATTRIBUTES):
            missing = sorted(set(ATTRIBUTES) - {key for key, _ in entry.attributes})
            problems.append(f"{where}: a model needs every comparison attribute; missing "
                            f"{', '.join(missing)}")
        for text in (entry.name, *entry.aliases, *entry.misspellings):
            if text.count("(") != text.count(")"):
                problems.append(f"{where}: unbalanced parentheses in {text!r} (a list split at a comma?)")
        if entry.status in ("abolished", "renamed", "merged") and entry.ended is None:
            problems.append(f"{where}: status '{entry.status}' needs an 'ended' date")
        targets = [link.id for link in entry.related]
        for twice in sorted({target for target in targets if targets.count(target) > 1}):
            kinds = ", ".join(link.relation for link in entry.related if link.id == twice)
            problems.append(f"{where}: several relations to '{twice}' ({kinds}); keep the one that is true")
        for link in entry.related:
            target = by_id.get(link.id)
            inverse = Relation(INVERSE_RELATION[link.relation], entry.id)
            if target is not None and inverse not in target.related:
                problems.append(f"{where}: {link.relation} -> '{link.id}' lacks its inverse "
                                f"({link.id}: {inverse.relation} -> {entry.id})")
    return problems


# ---------------------------------------------------------------- assembling


def load_file(path: FilePath) -> tuple[list[Entry], list[Event]]:
    """Read and validate one file on its own (references are checked once all files are in)."""
    entries, events, problems = parse_document(read_yaml(path), str(path))
    if problems:
        raise DataError(_summary(path, problems), tuple(problems))
    return entries, events


def _summary(path: FilePath, problems: Sequence[str]) -> str:
    more = f" (and {len(problems) - 1} more problem(s); run 'nhsjargon validate {path}')" if len(
        problems) > 1 else ""
    return problems[0] + more


def build(entries: Sequence[Entry], events: Sequence[Event]) -> KnowledgeBase:
    """Index entries by every way a user may write them; later files override earlier ids."""
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id[entry.id] = entry  # an overlay may redefine a built-in id
    index: dict[str, list[str]] = {}

    def add(key: str, entry_id: str) -> None:
        if key:
            ids = index.setdefault(key, [])
            if entry_id not in ids:
                ids.append(entry_id)

    for entry in by_id.values():
        add(entry.id, entry.id)
        for text in (entry.acronym, entry.name, *entry.aliases, *entry.misspellings):
            if text:
                # "Integrated Care Partnership (statutory joint committee)" is also found without
                # its parenthesis, alongside the other senses of that name
                # only the compact form is kept: lookups try it for every query, and one key
                # per name keeps the index (read on every run) small
                for form in {text, _PARENTHESIS.sub("", text).strip()}:
                    add(compact(form), entry.id)
        if entry.acronym:
            add(acronym_compact(entry.acronym), entry.id)
    ordered = {key: tuple(sorted(ids, key=lambda i: sense_order(by_id[i]))) for key, ids in index.items()}
    return KnowledgeBase(tuple(by_id.values()), tuple(events), ordered, by_id)


def sense_order(entry: Entry) -> tuple[int, int, str]:
    """Current senses first, then the most recently introduced, then by id."""
    started = -(entry.introduced.year if entry.introduced else 0)
    return STATUS_ORDER.get(entry.status, 99), started, entry.id


def load(overlays: Sequence[FilePath] = (), *, use_cache: bool = True) -> KnowledgeBase:
    """The built-in base plus overlays, validated and indexed (from the cache when unchanged)."""
    paths = [builtin_path(), *overlays]
    key = _cache_key(paths) if use_cache else None
    cache_file = _cache_file(key) if key is not None else None
    if cache_file is not None and key is not None:
        cached = _read_cache(cache_file, key)
        if cached is not None:
            return cached
    entries: list[Entry] = []
    events: list[Event] = []
    for path in paths:
        file_entries, file_events = load_file(path)
        entries.extend(file_entries)
        events.extend(file_events)
    effective = list({entry.id: entry for entry in entries}.values())
    problems = check_references(effective, events)
    if problems:
        raise DataError(_summary(problems[0].split(":")[0], problems), tuple(problems))
    knowledge = build(entries, events)
    if cache_file is not None and key is not None:
        _write_cache(cache_file, key, knowledge)
    return knowledge


# ---------------------------------------------------------------- cache


def cache_dir(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get(CACHE_ENV):
        return env[CACHE_ENV]
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nhsjargon")


CACHE_FORMAT = 4  # bump when the cached layout below changes


def _cache_key(paths: Sequence[FilePath]) -> str | None:
    """Changes whenever a file, its size or mtime, the package or Python changes."""
    # Entry's fields are in the key too: a changed record layout must not read an old cache
    parts = [__version__, str(CACHE_FORMAT), ",".join(Entry._fields),
             f"{sys.version_info[0]}.{sys.version_info[1]}"]
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            return None  # let the real load report the missing file
        parts.append(f"{os.path.abspath(path)}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)


def _cache_file(key: str) -> str:
    import zlib

    return os.path.join(cache_dir(), f"kb-{zlib.crc32(key.encode()):08x}.marshal")


# The cache file is a small header (marshal: no code runs on load, unlike pickle) with the
# events, the lookup index and each entry's place in the file, then one marshalled blob per
# entry. A lookup decodes only the entries it shows, so it costs about the same with 400 or
# 20,000 entries; `knowledge.entries` decodes the rest when a command needs them all.

_HEADER_SIZE = 8  # bytes of the header's length, little-endian
_CHECKSUM_SIZE = 4  # crc32 of everything after it: a truncated or damaged file is not used


def _entry_plain(entry: Entry) -> tuple[Any, ...]:
    return (*entry[:8],
            tuple(entry.introduced) if entry.introduced else None,
            tuple(entry.ended) if entry.ended else None,
            entry.notes,
            tuple(tuple(link) for link in entry.related),
            entry.attributes,
            tuple(tuple(source) for source in entry.sources),
            entry.origin)


def _entry_from_plain(fields: tuple[Any, ...]) -> Entry:
    return Entry._make((
        *fields[:8],
        PartialDate(*fields[8]) if fields[8] else None,
        PartialDate(*fields[9]) if fields[9] else None,
        fields[10],
        tuple(Relation(*link) for link in fields[11]),
        fields[12],
        tuple(Source(*source) for source in fields[13]),
        fields[14],
    ))


class _CachedEntries(Mapping[str, Entry]):
    """Entries by id, decoded from the cache file's bytes on first use."""

    def __init__(self, data: bytes, places: dict[str, tuple[int, int]]) -> None:
        self._data = data
        self._places = places
        self._decoded: dict[str, Entry] = {}

    def __getitem__(self, entry_id: str) -> Entry:
        entry = self._decoded.get(entry_id)
        if entry is None:
            import marshal

            start, length = self._places[entry_id]
            entry = _entry_from_plain(marshal.loads(self._data[start:start + length]))
            self._decoded[entry_id] = entry
        return entry

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def _cache_bytes(key: str, knowledge: KnowledgeBase) -> bytes:
    import marshal

    blobs = [marshal.dumps(_entry_plain(entry)) for entry in knowledge.entries]
    places: dict[str, tuple[int, int]] = {}
    offset = 0
    for entry, blob in zip(knowledge.entries, blobs, strict=True):
        places[entry.id] = (offset, len(blob))
        offset += len(blob)
    events = tuple((tuple(event.date), event.title, event.terms, tuple(event.source), event.origin)
                   for event in knowledge.events)
    header = marshal.dumps((key, events, knowledge.index, places))
    payload = header + b"".join(blobs)
    import zlib

    return (len(header).to_bytes(_HEADER_SIZE, "little")
            + zlib.crc32(payload).to_bytes(_CHECKSUM_SIZE, "little") + payload)


def _read_cache(cache_file: str, key: str) -> KnowledgeBase | None:
    import marshal

    try:
        with open(cache_file, "rb") as handle:
            data = handle.read()
        import zlib

        size = int.from_bytes(data[:_HEADER_SIZE], "little")
        start = _HEADER_SIZE + _CHECKSUM_SIZE
        if int.from_bytes(data[_HEADER_SIZE:start], "little") != zlib.crc32(data[start:]):
            return None  # truncated (a crash mid-write) or damaged
        stored_key, events, index, places = marshal.loads(data[start:start + size])
        if stored_key != key:
            return None
        body = data[start + size:]
        timeline = tuple(Event(PartialDate(*date), title, terms, Source(*source), origin)
                         for date, title, terms, source, origin in events)
        return KnowledgeBase(None, timeline, index, _CachedEntries(body, places))
    except Exception:  # noqa: BLE001 - a missing, stale or corrupt cache only means a re-parse
        return None


def _write_cache(cache_file: str, key: str, knowledge: KnowledgeBase) -> None:
    """Write atomically (temp file + rename); a read-only or missing cache folder is no error."""
    folder, name = os.path.split(cache_file)
    temp = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        os.makedirs(folder, exist_ok=True)
        with open(temp, "wb") as handle:
            handle.write(_cache_bytes(key, knowledge))
        os.replace(temp, cache_file)
        _prune_cache(folder)
    except (OSError, ValueError):
        try:
            os.unlink(temp)
        except OSError:
            pass


CACHE_KEEP = 8  # overlay combinations kept at once; older ones are removed


def _prune_cache(folder: str) -> None:
    """Keep the most recently written caches, so alternating overlays do not evict each other.

    Only this module's own files are touched (the folder may be shared): kb-*.marshal caches,
    and temporary files that a killed run left behind more than an hour ago.
    """
    import time

    caches = []
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        if name.startswith("kb-") and name.endswith(".marshal"):
            caches.append(path)
        elif (name.startswith(".kb-") and name.endswith(".tmp")
              and time.time() - os.path.getmtime(path) > 3600):
            os.unlink(path)
    caches.sort(key=os.path.getmtime, reverse=True)
    for stale in caches[CACHE_KEEP:]:
        os.unlink(stale)
