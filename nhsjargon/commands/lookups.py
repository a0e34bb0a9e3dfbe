"""explain and expand, the commands people run most, kept free of Typer.

entry.py runs them straight from simple command lines (no Typer import, about half the
start-up time); the Typer commands in terms.py call the same functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING

from nhsjargon.commands.common import as_of_date, knowledge, report_unknown, show
from nhsjargon.errors import JargonError
from nhsjargon.model import Entry

if TYPE_CHECKING:  # pathlib stays out of the start-up path
    from pathlib import Path


def explain_terms(
    terms: Sequence[str], fmt: Enum | None, data: Sequence[Path] | None, as_of: str | None
) -> None:
    """Every sense of every term, or the senses in use on `as_of`; unknown terms exit 1."""
    from nhsjargon import lookup
    from nhsjargon.views import explain_view

    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    found: list[tuple[str, tuple[Entry, ...]]] = []
    none_in_use: set[str] = set()  # terms none of whose senses existed on --as-of: shown whole
    unknown: list[JargonError] = []
    for term in terms:
        try:
            senses = lookup.resolve(knowledge_base, term)
        except JargonError as exc:
            unknown.append(exc)
            continue
        active = lookup.active_at(senses, day) if day else senses
        if not active:
            none_in_use.add(term)
        found.append((term, active or senses))
    if found:
        show(explain_view(knowledge_base, found, day, none_in_use), fmt)
    report_unknown(unknown)


def expand_terms(terms: Sequence[str], fmt: Enum | None, data: Sequence[Path] | None) -> None:
    """One `ACRONYM: meaning` line per term; unknown terms exit 1 after the known ones."""
    from nhsjargon import lookup
    from nhsjargon.views import expand_view

    knowledge_base = knowledge(data)
    found: list[tuple[str, tuple[Entry, ...]]] = []
    unknown: list[JargonError] = []
    for term in terms:
        try:
            found.append((term, lookup.resolve(knowledge_base, term)))
        except JargonError as exc:
            unknown.append(exc)
    if found:
        show(expand_view(found), fmt)
    report_unknown(unknown)
