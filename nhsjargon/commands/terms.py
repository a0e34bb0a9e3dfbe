"""Looking terms up: explain, expand, list, search, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from nhsjargon.commands import lookups
from nhsjargon.commands.common import check_choices, knowledge, show
from nhsjargon.commands.options import (
    AsOfOption,
    CategoryOption,
    DataOption,
    FormatOption,
    StatusOption,
    TermsArgument,
)
from nhsjargon.errors import DataError, UnknownTermError
from nhsjargon.model import CATEGORIES, STATUSES


def explain(
    terms: TermsArgument,
    fmt: FormatOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Explain terms: every sense, its dates, what it became, related terms and sources.

    Example: nhsjargon explain ACO ICSs 'clinical commissioning group' --as-of 2019
    """
    lookups.explain_terms(terms, fmt, data, as_of)


def expand(terms: TermsArgument, fmt: FormatOption = None, data: DataOption = None) -> None:
    """Print what each acronym stands for, one line per term.

    Example: nhsjargon expand ACO ICS CCG
    """
    lookups.expand_terms(terms, fmt, data)


def list_terms(
    category: CategoryOption = None,
    status: StatusOption = None,
    fmt: FormatOption = None,
    data: DataOption = None,
) -> None:
    """List the terms in the knowledge base, optionally by category and status.

    Example: nhsjargon list --category model --status current
    """
    from nhsjargon import lookup
    from nhsjargon.views import list_view

    categories = check_choices(category, list(CATEGORIES), "--category")
    statuses = check_choices(status, list(STATUSES), "--status")
    knowledge_base = knowledge(data)
    show(list_view(lookup.select(knowledge_base, categories, statuses)), fmt)


def search(
    text: Annotated[str, typer.Argument(help="Words to look for in names and definitions.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")] = 20,
    fmt: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Search names, aliases and definitions; best matches first.

    Example: nhsjargon search "whole population budget"
    """
    from nhsjargon import lookup
    from nhsjargon.views import search_view

    knowledge_base = knowledge(data)
    results = lookup.search(knowledge_base, text, limit)
    if not results:
        raise UnknownTermError(f"nothing matches {text!r}", hint="try fewer or shorter words")
    show(search_view(text, results), fmt)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Overlay files to check (default: the built-in knowledge base).",
                       show_default=False),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Apply the built-in base's rules (sources, inverses) to PATHs.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """Check knowledge-base files: schema, dates, duplicate ids, references.

    Example: nhsjargon validate my-terms.yaml
    """
    from nhsjargon.validate import validate_files
    from nhsjargon.views import validation_view

    report = validate_files(list(paths or ()), strict=strict or not paths)
    show(validation_view(report), fmt)
    if report.problems:
        raise DataError(f"{len(report.problems)} problem(s) found")
