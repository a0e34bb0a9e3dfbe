"""Checking a draft for its writer: acronyms never defined, used before their definition,
defined against what the base knows, unknown to anyone, or written of as current when gone.

Pure and terminal-free: it reads a `decode.Decoded` document and returns findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from nhsjargon.decode.definitions import near_miss
from nhsjargon.decode.results import Decoded, Found, Occurrence
from nhsjargon.keys import acronym_compact
from nhsjargon.lookup import successors
from nhsjargon.model import KnowledgeBase

UNDEFINED = "undefined"  # known to the base, never defined in the document
LATE = "late"  # used before the line that defines it
UNKNOWN = "unknown"  # neither defined in the document nor known to the base
SLIP = "slip"  # defined in a way that contradicts every sense the base knows
OUTDATED = "outdated"  # gone by the document's date, and written of as current
KINDS = (UNDEFINED, LATE, UNKNOWN, SLIP, OUTDATED)

# A sentence that speaks of the past ("CCGs were abolished", "ICSs grew out of STPs,
# partnerships formed in 2016", "the former STP") is history, not stale jargon.
_HISTORICAL = re.compile(
    r"\b(?:was|were|had\s+been|had|former(?:ly)?|previous(?:ly)?|abolished|replaced|renamed|merged|"
    r"dissolved|until|used\s+to|predecessors?|no\s+longer|took\s+over|became|superseded|historic(?:al|ally)?|"
    r"legacy|ended|disbanded|old|grew\s+(?:out\s+)?(?:of|from)|evolved|formed|created|established|set\s+up|"
    r"introduced|launched|originally|at\s+the\s+time|back\s+in|earlier|predated|preceded|succeeded|"
    r"(?:in|from|since|by|between)\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n\s*(?:[-*\u2022#]|\d+\.)\s")


class Finding:
    __slots__ = ("file", "line", "column", "acronym", "kind", "message", "id")

    def __init__(
        self, file: str, line: int, column: int, acronym: str, kind: str, message: str, id: str | None
    ) -> None:  # noqa: A002
        self.file, self.line, self.column, self.acronym = file, line, column, acronym
        self.kind, self.message, self.id = kind, message, id

    def data(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def well_known() -> tuple[str, ...]:
    """Acronyms any reader of an English health document knows (data/well_known.txt): they need
    no definition unless --strict."""
    from nhsjargon.knowledge.files import word_list

    return word_list("well_known.txt")


def allow_keys(allow: Iterable[str], strict: bool) -> frozenset[str]:
    """The acronyms that need no definition, as comparison keys."""
    chosen = list(allow) + ([] if strict else list(well_known()))
    return frozenset(key for value in chosen if (key := acronym_compact(value)))


def check(
    decoded: Decoded, knowledge: KnowledgeBase, today: dt.date, allowed: frozenset[str] = frozenset()
) -> list[Finding]:
    """Every finding in one decoded document, in the order of the text."""
    findings = []
    # A document is checked as of its own date, stated or inferred from the years it mentions:
    # CCGs in a 2019 paper are not stale. Only a document with no date is checked as of today.
    now = decoded.date.date if decoded.date is not None else today
    for found in decoded.terms:
        where = (decoded.name, found.first_line, found.first_column, found.acronym)
        excused = acronym_compact(found.acronym) in allowed
        later = [d for d in found.definitions if d.offset > found.first_offset]
        if not found.defined_at_first_use and not excused:
            if later:
                findings.append(Finding(*where, LATE, _late(found, later[0].line), found.id))
            elif not found.defined:
                findings.append(Finding(*where, UNDEFINED, _undefined(found), found.id))
        for definition in found.definitions:
            meant = near_miss(definition.long_form, found.senses) if not definition.senses else None
            if meant is not None:
                findings.append(
                    Finding(
                        decoded.name,
                        definition.line,
                        definition.column,
                        found.acronym,
                        SLIP,
                        f"{found.acronym} is defined as '{definition.long_form}', but the "
                        f"knowledge base knows {found.acronym} as {meant.name}: a likely slip",
                        meant.id,
                    )
                )
                break
        stale = _outdated(found, now)
        if stale is not None:
            findings.append(
                Finding(
                    decoded.name,
                    stale.line,
                    stale.column,
                    found.acronym,
                    OUTDATED,
                    _outdated_message(found, knowledge),
                    found.id,
                )
            )
    for unknown in decoded.unknown:
        if acronym_compact(unknown.token) not in allowed:
            findings.append(
                Finding(
                    decoded.name,
                    unknown.first_line,
                    unknown.first_column,
                    unknown.token,
                    UNKNOWN,
                    f"{unknown.token} is never defined, and not in the knowledge base",
                    None,
                )
            )
    findings.sort(key=lambda f: (f.line, f.column, KINDS.index(f.kind)))
    return findings


def _written(found: Found) -> str:
    from nhsjargon.decode.tokens import SUFFIX

    written = SUFFIX.sub("", found.first_form) or found.acronym
    if found.entry is not None and acronym_compact(written) != acronym_compact(found.acronym):
        return f"{written} (usually {found.acronym})"  # a misspelling: WBP for WPB
    return found.acronym


def _undefined(found: Found) -> str:
    return f"{_written(found)} is never defined ({found.name})"


def _late(found: Found, line: int) -> str:
    return f"{_written(found)} is used on line {found.first_line} but defined on line {line} ({found.name})"


def _outdated(found: Found, today: dt.date) -> Occurrence | None:
    """The first use that writes of a gone term as if it were current, if any."""
    entry = found.entry
    if entry is None or entry.ended is None or entry.ended.last_day >= today:
        return None
    for occurrence in found.contexts:
        if not is_historical(occurrence):
            return occurrence
    if found.contexts:
        return None
    return Occurrence(found.first_offset, found.first_line, found.first_column, "", found.acronym, "")


def is_historical(occurrence: Occurrence) -> bool:
    """Whether the sentence around a use speaks of the past."""
    before = _SENTENCE_END.split(occurrence.before)[-1]
    after = _SENTENCE_END.split(occurrence.after, maxsplit=1)[0]
    return bool(_HISTORICAL.search(before + occurrence.written + after))


def _outdated_message(found: Found, knowledge: KnowledgeBase) -> str:
    entry = found.entry
    assert entry is not None
    message = f"{found.acronym} is out of date: {entry.name} ended {entry.ended} ({entry.status})"
    after = [
        f"{relation.replace('_', ' ')} {target.full_label}" + (f" {when}" if when else "")
        for relation, target, when in successors(knowledge, entry)
    ]
    return message + ("; " + "; ".join(after) if after else "")
