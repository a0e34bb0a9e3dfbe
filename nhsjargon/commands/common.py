"""What every command shares: the options, loading the knowledge base, showing a view."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from nhsjargon.errors import JargonError, UsageError
from nhsjargon.model import CATEGORIES, STATUSES, KnowledgeBase, PartialDate
from nhsjargon.render import Format, Terminal, emit
from nhsjargon.views import View

PROG = "nhsjargon"

def _complete_term(incomplete: str) -> list[str]:
    """Term names for shell completion (from the cached knowledge base)."""
    try:
        knowledge_base = knowledge(None)
    except JargonError:
        return []
    prefix = incomplete.casefold()
    labels = {entry.acronym or entry.id for entry in knowledge_base.entries}
    return sorted(label for label in labels if label.casefold().startswith(prefix))


FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Output format. Default: rich on a terminal, text in a pipe.",
    ),
]
DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data", "-d", metavar="PATH",
        help="Extra YAML file of terms laid over the built-in base (repeatable; also $NHSJARGON_DATA).",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Show the senses in use on this date (YYYY[-MM[-DD]])."),
]
TermsArgument = Annotated[
    list[str], typer.Argument(help="Acronyms or names, e.g. ACO 'clinical commissioning group'.",
                              autocompletion=_complete_term, show_default=False)
]


def knowledge(data: Sequence[Path] | None) -> KnowledgeBase:
    from nhsjargon import kb

    return kb.load(kb.overlay_paths(data or ()))


def show(view: View, fmt: Format | None) -> None:
    terminal = Terminal.detect()
    emit(view, fmt or terminal.default_format(), terminal)


def as_of_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if value.strip().lower() in ("today", "now"):
        return dt.date.today()
    try:
        return PartialDate.parse(value.strip()).last_day
    except ValueError:
        hint = "use YYYY, YYYY-MM or YYYY-MM-DD"
        raise UsageError(f"--as-of: {value!r} is not a date", hint=hint) from None




def report_unknown(unknown: Sequence[JargonError]) -> None:
    """Print all but the last unknown-term error, then raise the last (exit code 1)."""
    if not unknown:
        return
    from nhsjargon.render.clean import one_line

    for exc in unknown[:-1]:
        sys.stderr.write(f"{PROG}: error: {one_line(str(exc))}\n")
    raise unknown[-1]


def check_choices(values: Sequence[str] | None, allowed: Sequence[str], option: str) -> list[str]:
    import difflib

    chosen = [value.strip().lower() for value in values or ()]
    for value in chosen:
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"choose from {', '.join(allowed)}"
            raise UsageError(f"{option}: unknown value {value!r}", hint=hint)
    return chosen




CategoryOption = Annotated[
    list[str] | None,
    typer.Option("--category", "-c", help=f"Only these categories: {', '.join(CATEGORIES)}."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option("--status", "-s", help=f"Only these statuses: {', '.join(STATUSES)}."),
]
