"""What decoding a document finds: its acronyms (known, or defined by the text itself), the
acronym-like words nobody defines, numbered code families, people's initials, and its date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nhsjargon.model import Entry

KNOWLEDGE_BASE = "knowledge base"  # where a meaning came from
DOCUMENT = "document"


@dataclass(frozen=True)
class Definition:
    """Where the document defines an acronym: the long form it gives, and the senses of the
    knowledge base that long form names (none when it names no sense the base knows)."""

    offset: int
    line: int
    column: int
    long_form: str
    senses: tuple[Entry, ...]


@dataclass(frozen=True)
class Occurrence:
    """One use of a term with the text around it (as written: line breaks kept)."""

    offset: int
    line: int
    column: int
    before: str
    written: str
    after: str

    @property
    def context(self) -> str:
        return " ".join((self.before + self.written + self.after).split())


@dataclass(frozen=True)
class Found:
    """One acronym of the document and the meaning chosen for it.

    `entry` is the knowledge-base sense, or None when only the document defines it; `name` is the
    meaning to show (the sense's name, or the document's own long form) and `source` says which.
    """

    acronym: str
    entry: Entry | None
    name: str
    source: str  # KNOWLEDGE_BASE or DOCUMENT
    senses: tuple[Entry, ...]
    count: int
    first_line: int
    first_column: int
    first_offset: int  # characters from the start of the text
    first_form: str  # as first written: "CCGs", "ICB's"
    insert_at: int  # where an expansion goes: after the first standalone use (-1: none)
    definitions: tuple[Definition, ...]
    contexts: tuple[Occurrence, ...]  # kept only for ambiguous or dated terms
    choice: str = ""  # why this meaning, when there was a choice ("the document defines it on line 4")
    insert_inside: bool = False  # that use is inside brackets: expand with a comma
    insert_named: bool = False  # no standalone use: the expansion follows a proper name ("NHS England")

    @property
    def defined(self) -> bool:
        return bool(self.definitions)

    @property
    def defined_at_first_use(self) -> bool:
        return any(definition.offset == self.first_offset for definition in self.definitions)

    @property
    def id(self) -> str | None:
        return self.entry.id if self.entry is not None else None


@dataclass(frozen=True)
class Unknown:
    """An acronym-like word that neither the base nor the document defines."""

    token: str
    count: int
    first_line: int
    first_column: int = 0


@dataclass(frozen=True)
class Family:
    """Numbered codes listed one by one (SR2, SR3 ... SR9): reported once."""

    prefix: str
    members: tuple[str, ...]
    count: int
    first_line: int

    @property
    def label(self) -> str:
        return f"{self.members[0]}-{self.members[-1]}" if len(self.members) > 1 else self.members[0]


@dataclass(frozen=True)
class Person:
    """Initials the document gives for a person ("Tracy Allen (TA)"): not jargon."""

    initials: str
    name: str
    line: int


@dataclass(frozen=True)
class DocumentDate:
    """When the document was written, as far as it says, and how that was worked out."""

    date: dt.date
    text: str  # as written: "11 June 2018", "2019"
    reason: str  # "'Published: 11 June 2018' on line 2"; "the year it mentions most"; "--as-of"
    line: int = 0
    strong: bool = False  # a dated heading or a publication or meeting date, not a guess


@dataclass(frozen=True)
class Decoded:
    name: str
    terms: tuple[Found, ...]  # by acronym
    unknown: tuple[Unknown, ...]  # most frequent first
    lines: int
    characters: int
    replaced: int = 0  # undecodable bytes shown as U+FFFD
    forgot_rare: bool = False  # too many distinct tokens: some rare unknown ones went uncounted
    families: tuple[Family, ...] = ()
    people: tuple[Person, ...] = ()
    date: DocumentDate | None = None
