"""Turn one parsed YAML document into entries and events, checked field by field.

The checks follow `schema.ENTRY_FIELDS`: each field's kind names its reader below. Every
problem is collected (a contributor sees them all at once) as `file:line: entry 'id': ...`.
"""

from __future__ import annotations

from typing import Any

from nhsjargon.dates import PartialDate
from nhsjargon.knowledge.yamlio import line_of
from nhsjargon.model import Count, Entry, Event, Relation, Source
from nhsjargon.schema import ATTRIBUTES, CATEGORIES, ENTRY_FIELDS, EVENT_FIELDS, INVERSE_RELATION, STATUSES
from nhsjargon.text import shorten

_TOP_FIELDS = ("schema", "terms", "events")
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


def is_slug(value: object) -> bool:
    return (
        isinstance(value, str)
        and bool(value)
        and set(value) <= _ID_CHARS
        and not value.startswith("-")
        and not value.endswith("-")
        and "--" not in value
    )


class Problems:
    """Collects every problem in a file, each with its place."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.items: list[str] = []

    def add(self, line: int, where: str, message: str) -> None:
        place = f"{self.origin}:{line}" if line else self.origin
        self.items.append(f"{place}: {where}: {message}")


def describe(raw: Any, position: int) -> str:
    """How to name an entry in a message: its id, else its acronym or name, else its place."""
    if isinstance(raw, dict):
        entry_id = raw.get("id")
        if isinstance(entry_id, str) and entry_id:
            return f"entry '{shorten(entry_id, 60)}'"
        for key in ("acronym", "name"):
            if isinstance(raw.get(key), str) and raw[key].strip():
                return f"entry {shorten(raw[key], 60)!r} (no id)"
    return f"terms[{position}]"


class _Reader:
    """Reads one mapping's fields; `bad` records a problem at the field's line."""

    def __init__(self, raw: Any, where: str, problems: Problems) -> None:
        self.raw, self.where, self.problems = raw, where, problems
        self.failed = False

    def bad(self, key: str | None, message: str) -> None:
        self.failed = True
        self.problems.add(line_of(self.raw, key), self.where, message)

    def text(self, key: str, value: Any, required: bool) -> str | None:
        if value is None or value == "":
            if required:
                self.bad(key, f"field '{key}' is required")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.bad(key, f"field '{key}' must be text, not {type(value).__name__}")
            return None
        return " ".join(str(value).split())

    def texts(self, key: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.bad(key, f"field '{key}' must be a list of text")
            return ()
        items = [self.text(key, item, required=True) for item in value]
        return tuple(item for item in items if item)

    def date(self, key: str, value: Any) -> PartialDate | None:
        if value is None or value == "":
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            self.bad(key, f"field '{key}': {shorten(str(exc), 120)}")
            return None

    def choice(self, key: str, value: Any, allowed: dict[str, str], default: str) -> str:
        value = default if value is None else value
        if value not in allowed:
            self.bad(key, f"field '{key}': {shorten(str(value), 40)!r} is not one of {', '.join(allowed)}")
        return str(value)

    def source(self, key: str, value: Any) -> Source | None:
        if not isinstance(value, dict):
            self.bad(key, "each source must be a mapping with 'title' and 'url'")
            return None
        unknown = sorted(map(str, set(value) - {"title", "url"}))
        if unknown:
            self.bad(key, f"source has unknown field(s): {shorten(', '.join(unknown))}")
        title = self.text(key, value.get("title"), required=True)
        url = self.text(key, value.get("url"), required=True)
        if url and not url.startswith(("https://", "http://")):
            self.bad(key, f"source url must start with https:// or http://, got {shorten(url)!r}")
            return None
        return Source(title, url) if title and url else None

    def sources(self, key: str, value: Any) -> tuple[Source, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.bad(key, f"field '{key}' must be a list of {{title, url}}")
            return ()
        return tuple(source for item in value if (source := self.source(key, item)))

    def relations(self, key: str, value: Any) -> tuple[Relation, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.bad(key, "field 'related' must be a list of {relation, id}")
            return ()
        links = []
        for link in value:
            if not isinstance(link, dict) or set(link) != {"relation", "id"}:
                self.bad(
                    key, f"each related item needs exactly 'relation' and 'id', got {shorten(repr(link))}"
                )
            elif link["relation"] not in INVERSE_RELATION:
                self.bad(
                    key,
                    f"related: unknown relation {shorten(str(link['relation']), 40)!r} "
                    f"(known: {', '.join(INVERSE_RELATION)})",
                )
            elif not is_slug(link["id"]):
                self.bad(key, f"related: {shorten(str(link['id']), 60)!r} is not an entry id")
            else:
                links.append(Relation(link["relation"], link["id"]))
        return tuple(links)

    def counts(self, key: str, value: Any) -> tuple[Count, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.bad(key, "field 'counts' must be a list of {date, count, note}")
            return ()
        found = []
        for item in value:
            if not isinstance(item, dict) or not {"date", "count"} <= set(item) <= {"date", "count", "note"}:
                self.bad(
                    key,
                    f"each count needs 'date' and 'count' (and may have 'note'), got {shorten(repr(item))}",
                )
                continue
            date = self.date(key, item["date"])
            number = item["count"]
            if isinstance(number, bool) or not isinstance(number, int) or number < 0:
                self.bad(key, f"counts: 'count' must be a whole number, got {shorten(repr(number), 40)}")
                continue
            note = self.text(key, item.get("note"), required=False) or ""
            if date is not None:
                found.append(Count(date, number, note))
        return tuple(sorted(found, key=lambda count: count.date.key()))

    def attributes(self, key: str, value: Any) -> tuple[tuple[str, str], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.bad(key, "field 'attributes' must be a mapping")
            return ()
        found = {}
        for name, text in value.items():
            if name not in ATTRIBUTES:
                self.bad(
                    key,
                    f"attributes: unknown attribute {shorten(str(name), 40)!r} "
                    f"(known: {', '.join(ATTRIBUTES)})",
                )
            elif (checked := self.text(f"attributes.{name}", text, required=True)) is not None:
                found[name] = checked
        return tuple((name, found[name]) for name in ATTRIBUTES if name in found)


def _value(reader: _Reader, kind: str, key: str, raw: Any, always: bool) -> Any:
    value = raw.get(key)
    if kind == "slug":
        if not is_slug(value):
            reader.bad(key, "field 'id' must be a lowercase slug such as 'ics' or 'icp-provider'")
        return value
    if kind == "text":
        return reader.text(key, value, required=always)
    if kind == "texts":
        return reader.texts(key, value)
    if kind == "category":
        return reader.choice(key, value, CATEGORIES, "local")
    if kind == "status":
        return reader.choice(key, value, STATUSES, "current")
    if kind == "flag":
        if value is not None and not isinstance(value, bool):
            reader.bad(key, f"field '{key}' must be true or false")
        return bool(value)
    if kind == "date":
        return reader.date(key, value)
    if kind == "relations":
        return reader.relations(key, value)
    if kind == "attributes":
        return reader.attributes(key, value)
    if kind == "sources":
        return reader.sources(key, value)
    if kind == "counts":
        return reader.counts(key, value)
    raise AssertionError(f"no reader for field kind {kind!r}")


def read_entry(raw: Any, position: int, problems: Problems) -> Entry | None:
    where = describe(raw, position)
    if not isinstance(raw, dict):
        problems.add(0, where, "each term must be a mapping of fields")
        return None
    reader = _Reader(raw, where, problems)
    known = [field.name for field in ENTRY_FIELDS]
    for key in raw:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known)}"
            reader.bad(key, f"unknown field {shorten(str(key), 40)!r} ({hint})")
    values = {field.name: _value(reader, field.kind, field.name, raw, field.always) for field in ENTRY_FIELDS}
    introduced, ended = values["introduced"], values["ended"]
    if introduced and ended and ended.last_day < introduced.first_day:
        reader.bad("ended", f"'ended' ({ended}) is before 'introduced' ({introduced})")
    if reader.failed:
        return None
    return Entry(origin=problems.origin, line=line_of(raw), **values)


def read_event(raw: Any, position: int, problems: Problems) -> Event | None:
    where = f"events[{position}]"
    if not isinstance(raw, dict):
        problems.add(0, where, "each event must be a mapping")
        return None
    reader = _Reader(raw, where, problems)
    for key in raw:
        if key not in {field.name for field in EVENT_FIELDS}:
            reader.bad(key, f"unknown field {shorten(str(key), 40)!r}")
    for field in EVENT_FIELDS:
        if field.name not in raw:
            reader.bad(None, f"field '{field.name}' is required")
    date = reader.date("date", raw.get("date"))
    title = reader.text("title", raw.get("title"), required=True)
    terms = reader.texts("terms", raw.get("terms"))
    if "terms" in raw and not terms:
        reader.bad("terms", "field 'terms' needs at least one entry id")
    source = reader.source("source", raw["source"]) if "source" in raw else None
    if reader.failed or date is None or title is None or source is None:
        return None
    return Event(date, title, terms, source, origin=problems.origin, line=line_of(raw))


def read_document(data: Any, origin: str) -> tuple[list[Entry], list[Event], list[str]]:
    """Entries, events and every problem found in one parsed file."""
    problems = Problems(origin)
    if data is None:
        return [], [], []
    if not isinstance(data, dict):
        problems.add(0, "top level", "expected a mapping with 'terms:' (and optionally 'events:')")
        return [], [], problems.items
    for key in data:
        if key not in _TOP_FIELDS:
            problems.add(
                line_of(data, key),
                "top level",
                f"unknown key {shorten(str(key), 40)!r} (expected {', '.join(_TOP_FIELDS)})",
            )
    if data.get("schema", 1) != 1:
        problems.add(
            line_of(data, "schema"),
            "top level",
            f"unsupported schema version {shorten(repr(data.get('schema')), 20)} (expected 1)",
        )
    raw_terms, raw_events = data.get("terms") or [], data.get("events") or []
    if not isinstance(raw_terms, list):
        problems.add(line_of(data, "terms"), "terms", "must be a list of entries")
        raw_terms = []
    if not isinstance(raw_events, list):
        problems.add(line_of(data, "events"), "events", "must be a list of events")
        raw_events = []
    entries = [entry for i, raw in enumerate(raw_terms) if (entry := read_entry(raw, i, problems))]
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            problems.add(
                entry.line,
                f"entry '{entry.id}'",
                f"duplicate id (also on line {seen[entry.id]}; each id may appear once per file)",
            )
        seen.setdefault(entry.id, entry.line)
    events = [event for i, raw in enumerate(raw_events) if (event := read_event(raw, i, problems))]
    return entries, events, problems.items


def failed_ids(data: Any) -> set[str]:
    """Ids of entries written in `data` (valid or not): references to them are not dangling,
    so that one typo gives one message rather than one per entry that points at it."""
    terms = data.get("terms") if isinstance(data, dict) else None
    return {raw["id"] for raw in terms or () if isinstance(raw, dict) and isinstance(raw.get("id"), str)}
