"""The JSON Schema of a knowledge-base file, for editors (data/terms.schema.json), and the YAML
header that documents the same fields: both derived from `schema.ENTRY_FIELDS`."""

from __future__ import annotations

from typing import Any

from nhsjargon.schema import ATTRIBUTES, CATEGORIES, ENTRY_FIELDS, EVENT_FIELDS, INVERSE_RELATION, STATUSES

_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_TEXT = {"type": "string", "minLength": 1}
_SOURCE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "url"],
    "properties": {"title": _TEXT, "url": {"type": "string", "pattern": "^https?://"}},
}

_KINDS: dict[str, dict[str, Any]] = {
    "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
    "text": _TEXT,
    "texts": {"type": "array", "items": _TEXT},
    "category": {"enum": list(CATEGORIES)},
    "status": {"enum": list(STATUSES)},
    "flag": {"type": "boolean"},
    "date": _DATE,
    "relations": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["relation", "id"],
            "properties": {
                "relation": {"enum": list(INVERSE_RELATION)},
                "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            },
        },
    },
    "attributes": {
        "type": "object",
        "additionalProperties": False,
        "properties": {key: {**_TEXT, "description": label} for key, label in ATTRIBUTES.items()},
    },
    "sources": {"type": "array", "items": _SOURCE, "minItems": 1},
    "counts": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "count"],
            "properties": {"date": _DATE, "count": {"type": "integer", "minimum": 0}, "note": _TEXT},
        },
    },
    "source": _SOURCE,
}


def schema() -> dict[str, Any]:
    """The schema of the shipped base (stricter than an overlay: category, status and sources)."""

    def properties(fields: tuple[Any, ...]) -> dict[str, Any]:
        return {field.name: {**_KINDS[field.kind], "description": field.doc} for field in fields}

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/nhsjargon/nhsjargon/data/terms.schema.json",
        "title": "nhsjargon knowledge base",
        "description": (
            "Generated from nhsjargon/schema.py (ENTRY_FIELDS) by tools/kb_format.py; do not edit."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["terms"],
        "properties": {
            "schema": {"const": 1},
            "terms": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [field.name for field in ENTRY_FIELDS if field.required],
                    "properties": properties(ENTRY_FIELDS),
                },
            },
            "events": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [field.name for field in EVENT_FIELDS],
                    "properties": properties(EVENT_FIELDS),
                },
            },
        },
    }


def schema_text() -> str:
    import json

    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def yaml_header() -> str:
    """The comment at the top of data/terms.yaml: what the file is and every field."""
    width = max(len(field.name) for field in (*ENTRY_FIELDS, *EVENT_FIELDS)) + 2
    lines = [
        "# nhsjargon knowledge base: the jargon of the English NHS's organisation, past and present.",
        "#",
        '# Each entry under `terms:` is ONE SENSE of a term: "ICP" has several entries. Definitions are',
        "# written in our own words; every fact is traceable to the `sources` of its entry.",
        "# Add or correct a term as CONTRIBUTING.md says; check with `nhsjargon validate`, tidy with",
        "# `python tools/kb_format.py`. This header and data/terms.schema.json are generated from",
        "# nhsjargon/schema.py (ENTRY_FIELDS): change the fields there.",
        "#",
        "# Fields of an entry (* = required here; overlays need only id, name and definition):",
    ]
    import textwrap

    def wrapped(label: str, text: str, indent: int) -> list[str]:
        return textwrap.wrap(
            text, 100, initial_indent="#   " + label.ljust(indent), subsequent_indent="#   " + " " * indent
        )

    for field in ENTRY_FIELDS:
        lines += wrapped(field.name + ("*" if field.required else ""), field.doc, width)
    lines.append("#")
    lines += wrapped("category:", " | ".join(name for name in CATEGORIES if name != "local"), 12)
    lines += wrapped("status:", " | ".join(STATUSES), 12)
    lines += wrapped("relation:", ", ".join(INVERSE_RELATION), 12)
    lines += wrapped("attributes:", ", ".join(ATTRIBUTES) + " (required for a model)", 12)
    lines += ["#", "# Fields of an event under `events:` (all required):"]
    for field in EVENT_FIELDS:
        lines += wrapped(field.name, field.doc, width)
    lines += ["#", "# Local names (a single trust, a place) belong in users' overlay files, not here."]
    return "\n".join(lines) + "\n"
