"""Looking terms up: explain, expand, list, search, changes, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nhsjargon.commands import answers
from nhsjargon.commands.options import (
    AsOfOption,
    CategoryOption,
    DataOption,
    FormatOption,
    FullOption,
    LimitOption,
    NoPagerOption,
    StatusOption,
    TermsArgument,
)
from nhsjargon.commands.runtime import as_of_date, check_choices, knowledge, show
from nhsjargon.errors import DataError, UsageError
from nhsjargon.schema import CATEGORIES, STATUSES


def explain(
    terms: TermsArgument,
    full: FullOption = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Explain terms: what each stands for, its status and dates, what it came from and became.

    Shows the most relevant sense as a card (the current one, or the one in use at --as-of),
    then a line for each other sense; --full shows everything. TERM is an acronym, a name, a
    plural, an alias or an id. `nhsjargon TERM` does the same.

    Example: nhsjargon explain ICS --as-of 2019
    """
    answers.explain_terms(terms, fmt, data, as_of, full, not no_pager)


def expand(
    terms: TermsArgument, fmt: FormatOption = None, data: DataOption = None, no_pager: NoPagerOption = False
) -> None:
    """Print what each acronym stands for, one line per term (every sense).

    Example: nhsjargon expand ACO ICS CCG
    """
    answers.expand_terms(terms, fmt, data, not no_pager)


def list_terms(
    category: CategoryOption = None,
    status: StatusOption = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """List the terms in the knowledge base, optionally by category and status.

    Example: nhsjargon list --category model --status current
    """
    from nhsjargon import lookup
    from nhsjargon.views.terms import list_view

    categories = check_choices(category, list(CATEGORIES), "--category")
    statuses = check_choices(status, list(STATUSES), "--status")
    show(list_view(lookup.select(knowledge(data), categories, statuses)), fmt, not no_pager)


def search(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="WORDS...",
            show_default=False,
            help="Words or a question, quoted or not: what replaced CCGs.",
        ),
    ],
    limit: LimitOption = 20,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Search names, aliases, definitions and notes, best matches first; answer questions.

    Exact acronym and name matches come first, then the rest by relevance. Relation questions
    are answered from the base: "what replaced CCGs", "what did STPs become", "what came
    before ICSs"; "ICB vs ICP" points to compare.

    Example: nhsjargon search what replaced CCGs
    """
    if limit < 1:
        raise UsageError(f"--limit: {limit} is not a number of results", hint="give 1 or more")
    answers.search_terms(" ".join(words), limit, fmt, data, not no_pager)


def changes(
    since: Annotated[
        str,
        typer.Option(
            "--since",
            metavar="DATE",
            show_default=False,
            help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", show_default=False, help="Up to this date (default: today)."),
    ] = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """What changed in a window: terms introduced, renamed, merged, replaced or ended, and events.

    For someone back in the field after time away: every dated change the base knows of.

    Example: nhsjargon changes --since 2024-01
    """
    import datetime as dt

    from nhsjargon.changes import changes as core
    from nhsjargon.views.models import changes_view

    start = as_of_date(since)
    end = as_of_date(until) if until else dt.date.today()
    assert start is not None and end is not None
    from nhsjargon.dates import PartialDate

    first = (
        PartialDate.parse(since.strip()).first_day if since.strip().lower() not in ("today", "now") else start
    )
    if first > end:
        raise UsageError(
            f"--since {since} is after --until {until or 'today'}", hint="give the earlier date to --since"
        )
    show(changes_view(core(knowledge(data), first, end), first, end), fmt, not no_pager)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[FILE...]",
            show_default=False,
            help="Overlay files to check (default: the built-in knowledge base).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Apply the built-in base's rules (sources, categories, end dates) to FILEs."
        ),
    ] = False,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Check knowledge-base files: fields, dates, duplicate ids and keys, references, links.

    Every problem is listed as FILE:LINE: entry: problem.

    Example: nhsjargon validate my-terms.yaml
    """
    from nhsjargon.knowledge.report import validate_files
    from nhsjargon.views.terms import validation_view

    report = validate_files([*(data or ()), *(paths or ())], strict=strict or not (paths or data))
    show(validation_view(report), fmt, not no_pager)
    if report.problems:
        raise DataError(f"{len(report.problems)} problem(s) found")
