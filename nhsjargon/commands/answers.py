"""explain, expand and search: the commands people run most, kept free of Typer.

launch.py runs them straight from simple command lines (no Typer import, a fraction of the
start-up time); the Typer commands in terms.py call the same functions.
"""

from __future__ import annotations

from nhsjargon.commands.runtime import PROG, as_of_date, knowledge, report_unknown, show
from nhsjargon.errors import JargonError, UnknownTermError, UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import os
    from collections.abc import Sequence

    from nhsjargon.model import Entry


def explain_terms(
    terms: Sequence[str],
    fmt: str | None,
    data: Sequence[str | os.PathLike[str]] | None,
    as_of: str | None,
    full: bool = False,
    page: bool = True,
) -> None:
    """The most relevant sense of each term as a card (with --as-of, as it was then), a line for
    each other sense; unknown terms exit 1 after the known ones are shown."""
    from nhsjargon import lookup

    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    found: list[tuple[str, tuple[Entry, ...]]] = []
    none_in_use: list[str] = []
    unknown: list[JargonError] = []
    for term in terms:
        try:
            senses = lookup.resolve(knowledge_base, term)
        except JargonError as exc:
            unknown.append(exc)
            continue
        if day is not None and not any(sense.introduced for sense in lookup.active_at(senses, day)):
            none_in_use.append(term)  # era_view chooses what to show; the order stays today's
        found.append((term, senses))
    if found:
        if day is not None:
            from nhsjargon.views.eras import era_view

            view = era_view(knowledge_base, found, day, full)
        else:
            from nhsjargon.views.terms import explain_view

            view = explain_view(knowledge_base, found, full)
        if none_in_use and fmt and fmt.lower() in ("json", "csv"):
            from nhsjargon.commands.runtime import warn

            for term in none_in_use:
                warn(f"{term} was not in use on {day}; showing every sense")
        show(view, fmt, page)
    report_unknown(unknown)


def expand_terms(
    terms: Sequence[str], fmt: str | None, data: Sequence[str | os.PathLike[str]] | None, page: bool = True
) -> None:
    """One `ACRONYM: meaning` line per term; unknown terms exit 1 after the known ones."""
    from nhsjargon import lookup
    from nhsjargon.views.terms import expand_view

    knowledge_base = knowledge(data)
    found: list[tuple[str, tuple[Entry, ...]]] = []
    unknown: list[JargonError] = []
    for term in terms:
        try:
            found.append((term, lookup.resolve(knowledge_base, term)))
        except JargonError as exc:
            unknown.append(exc)
    if found:
        show(expand_view(found), fmt, page)
    report_unknown(unknown)


def search_terms(
    text: str, limit: int, fmt: str | None, data: Sequence[str | os.PathLike[str]] | None, page: bool = True
) -> None:
    """Ranked matches, exact hits first; relation questions answered; nothing found exits 1."""
    from nhsjargon import search
    from nhsjargon.views.terms import search_view

    if not text.strip():
        raise UsageError("search needs some words", hint=f"e.g. {PROG} search 'place based'")
    if search.only_stop_words(text):
        raise UsageError(f"{text!r} has no word to search for", hint="add a name or an acronym")
    knowledge_base = knowledge(data)
    result = search.search(knowledge_base, text, limit)
    answer = result.answer
    note = ""
    if answer is not None and answer.kind == "compare":
        labels = " ".join(_argument(entry.label) for entry in answer.asked)
        note = f"To put them side by side: {PROG} compare {labels}"
    if not result.hits and answer is None:
        raise UnknownTermError(f"nothing matches {text[:60]!r}", hint="try fewer or shorter words")
    show(search_view(text, result, note), fmt, page)


def _argument(label: str) -> str:
    return label if label.replace("&", "").replace("/", "").isalnum() else f"'{label}'"
