"""The JSON documents the commands print (README.md's "JSON shapes"), as types.

Imported only by type checkers and tests (typing costs start-up time); tests hold README's
table against these keys.
"""

from __future__ import annotations

from typing import Any, TypedDict


class RelationData(TypedDict):
    relation: str
    id: str


class SourceData(TypedDict):
    title: str
    url: str


class CountData(TypedDict):
    date: str
    count: int
    note: str | None


class EntryData(TypedDict):
    id: str
    acronym: str | None
    name: str
    aliases: list[str]
    misspellings: list[str]
    category: str
    status: str
    minor: bool
    introduced: str | None
    ended: str | None
    definition: str
    notes: list[str]
    related: list[RelationData]
    attributes: dict[str, str]
    counts: list[CountData]
    sources: list[SourceData]


class SenseData(TypedDict):
    id: str
    acronym: str | None
    name: str


class ExpandData(TypedDict):
    term: str
    senses: list[SenseData]


class EventData(TypedDict):
    date: str
    title: str
    terms: list[str]
    source: SourceData


class AnswerData(TypedDict):
    kind: str
    asked: list[str]
    found: list[str]


class SearchData(TypedDict):
    query: str
    answer: AnswerData | None
    results: list[dict[str, Any]]  # an EntryData with "score"


class CompareRowData(TypedDict):
    attribute: str
    values: list[str | None]
    differs: bool


class CompareData(TypedDict):
    terms: list[str]
    chosen: str
    rows: list[CompareRowData]
    summary: str


class LifespanData(TypedDict):
    id: str
    label: str
    name: str
    status: str
    introduced: str
    ended: str | None


class LineageNodeData(TypedDict):
    id: str
    label: str
    name: str
    relation: str | None
    status: str
    era: str
    repeat: bool
    see_under: str | None
    children: list[LineageNodeData]


class LineageData(TypedDict):
    terms: list[str]
    roots: list[LineageNodeData]


class GraphNodeData(TypedDict):
    id: str
    acronym: str | None
    name: str
    status: str


GraphEdgeData = TypedDict("GraphEdgeData", {"from": str, "relation": str, "to": str})


class GraphData(TypedDict):
    nodes: list[GraphNodeData]
    edges: list[GraphEdgeData]


class DateData(TypedDict):
    date: str
    as_written: str
    reason: str
    line: int | None
    stated: bool


class DefinitionData(TypedDict):
    line: int
    column: int
    long_form: str


class DecodedTermData(TypedDict):
    acronym: str
    as_written: str
    id: str | None
    name: str
    source: str
    count: int
    first_line: int
    first_column: int
    defined: bool
    definition: DefinitionData | None
    senses: list[str]
    choice: str | None


class UnknownData(TypedDict):
    token: str
    count: int
    first_line: int
    first_column: int


class FamilyData(TypedDict):
    codes: str
    members: list[str]
    count: int
    first_line: int


class PersonData(TypedDict):
    initials: str
    name: str
    line: int


class DecodeData(TypedDict):
    date: DateData | None
    terms: list[DecodedTermData]
    unknown: list[UnknownData]
    families: list[FamilyData]
    people: list[PersonData]


class FindingData(TypedDict):
    file: str
    line: int
    column: int
    acronym: str
    kind: str
    message: str
    id: str | None


class ExportData(TypedDict):
    version: str
    terms: list[EntryData]
    events: list[EventData]


class FileData(TypedDict):
    path: str
    entries: int
    events: int


class ValidationData(TypedDict):
    valid: bool
    problems: list[str]
    files: list[FileData]


class ChangeData(TypedDict):
    date: str
    kind: str
    title: str
    terms: list[str]


class ChangesData(TypedDict):
    since: str
    until: str
    changes: list[ChangeData]


# command -> the shape of what it prints with --format json
SHAPES: dict[str, Any] = {
    "explain": list[EntryData],
    "list": list[EntryData],
    "expand": list[ExpandData],
    "search": SearchData,
    "compare": CompareData,
    "timeline": list[EventData],
    "timeline --chart": list[LifespanData],
    "lineage": LineageData,
    "graph": GraphData,
    "decode": DecodeData,
    "check": list[FindingData],
    "export": ExportData,
    "validate": ValidationData,
    "changes": ChangesData,
}
