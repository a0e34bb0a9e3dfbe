"""Check a draft: acronyms used before they are defined, and jargon that is out of date.

Pure and terminal-free: it reads a `decode.Decoded` document and returns findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from nhsjargon.decode import COMMON_WORDS, SUFFIX, Decoded, Found, Occurrence
from nhsjargon.keys import acronym_compact
from nhsjargon.lookup import successor_phrases
from nhsjargon.model import KnowledgeBase

# Acronyms any reader of an English health document knows: they need no definition unless
# --strict is given. Kept short on purpose; `--allow ACR` adds a document's own. Everyday
# acronyms that are not NHS jargon (UK, VAT, CEO, PDF: decode.COMMON_WORDS) are allowed too.
DEFAULT_ALLOWED: tuple[str, ...] = ("NHS", "GP", "A&E", "111", "999", "ICU", "MRI", "COVID")

UNDEFINED = "undefined"
OUTDATED = "outdated"

# A sentence that speaks of the past ("CCGs were abolished", "the former STP") is history, not
# stale jargon; such uses of a gone term are not flagged.
_HISTORICAL = re.compile(
    r"\b(?:was|were|had|former(?:ly)?|previous(?:ly)?|abolished|replaced|renamed|merged|dissolved|"
    r"until|used\s+to|predecessors?|no\s+longer|took\s+over|became|superseded|historic(?:al|ally)?|"
    r"legacy|ended|disbanded|then|old)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n\s*\n|\n\s*(?:[-*\u2022#]|\d+\.)\s")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    acronym: str
    kind: str  # UNDEFINED or OUTDATED
    message: str
    id: str  # the knowledge-base entry


def allow_keys(allow: Iterable[str], strict: bool) -> frozenset[str]:
    """The acronyms that need no definition, as comparison keys."""
    chosen = list(allow) + ([] if strict else [*DEFAULT_ALLOWED, *COMMON_WORDS])
    return frozenset(acronym_compact(value) for value in chosen if acronym_compact(value))


def check(
    decoded: Decoded,
    knowledge: KnowledgeBase,
    today: dt.date,
    allowed: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every undefined first use and every outdated term in one decoded document, in order."""
    findings = []
    for found in decoded.terms:
        if acronym_compact(found.acronym) not in allowed and not found.defined_at_first_use:
            findings.append(Finding(decoded.name, found.first_line, found.first_column, found.acronym,
                                    UNDEFINED, _undefined_message(found), found.entry.id))
        stale = _outdated(found, knowledge, today)
        if stale is not None:
            findings.append(Finding(decoded.name, stale.line, stale.column, found.acronym, OUTDATED,
                                    _outdated_message(found, knowledge), found.entry.id))
    findings.sort(key=lambda f: (f.line, f.column, f.kind != UNDEFINED))
    return findings


def _undefined_message(found: Found) -> str:
    written = SUFFIX.sub("", found.first_form)
    if acronym_compact(written) != acronym_compact(found.acronym):  # a misspelling: WBP for WPB
        message = f"{written} used before it is defined ({found.entry.name}; usually {found.acronym})"
    else:
        message = f"{found.acronym} used before it is defined ({found.entry.name})"
    later = [definition.line for definition in found.definitions if definition.offset > found.first_offset]
    if later:
        message += f"; it is defined on line {later[0]}"
    return message


def _outdated(found: Found, knowledge: KnowledgeBase, today: dt.date) -> Occurrence | None:
    """The first use that writes of a gone term as if it were current, if any."""
    entry = found.entry
    if entry.ended is None or entry.ended.last_day >= today:
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
    message = f"{found.acronym} is out of date: {entry.name} ended {entry.ended} ({entry.status})"
    successors = successor_phrases(knowledge, entry, since="from")
    if successors:
        message += "; " + "; ".join(successors)
    return message
