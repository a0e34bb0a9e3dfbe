"""The options and arguments the commands share, each declared once for Typer.

The --format choices are built from the format names in render/__init__.py; --as-of is one
declaration whose help each command words for itself. Completion offers term acronyms, ids
and lower-case names, and the values of --status, --category and --relation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from nhsjargon.commands.runtime import knowledge
from nhsjargon.errors import JargonError
from nhsjargon.render import DIAGRAM_FORMATS, PAGE_FORMATS, SHARED_FORMATS
from nhsjargon.schema import CATEGORIES, INVERSE_RELATION, STATUSES


def _choice(choices: tuple[str, ...]) -> Any:
    """A case-insensitive choice: Typer's own type where it has one (0.2x vendors click)."""
    try:
        from typer._types import TyperChoice  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the installed Typer
        from click import Choice as TyperChoice  # type: ignore[import-not-found,no-redef,unused-ignore]
    return TyperChoice(choices, case_sensitive=False)


def complete_term(incomplete: str) -> list[str]:
    """Acronyms, ids and names for shell completion (from the cached knowledge base)."""
    try:
        knowledge_base = knowledge(None)
    except JargonError:
        return []
    prefix = incomplete.casefold()
    found: set[str] = set()
    for entry in knowledge_base.entries:
        for label in (entry.acronym, entry.id, entry.name.casefold()):
            if label and label.casefold().startswith(prefix):
                found.add(label)
    return sorted(found, key=lambda label: (label.casefold(), label))[:200]


def _completer(values: tuple[str, ...] | list[str]) -> Any:
    def complete(incomplete: str) -> list[str]:
        return [value for value in values if value.startswith(incomplete.casefold())]

    return complete


def format_option(choices: tuple[str, ...], help_text: str) -> Any:
    """--format/-f with these choices (case-insensitive)."""
    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        autocompletion=_completer(choices),
        click_type=_choice(choices),
        help=f"{help_text} One of: {', '.join(choices)}. Default: rich on a terminal, text in a pipe.",
    )


FormatOption = Annotated[str | None, format_option(SHARED_FORMATS, "Output format.")]
GraphFormatOption = Annotated[
    str | None,
    format_option(
        SHARED_FORMATS + DIAGRAM_FORMATS,
        "Output format: mermaid or dot for a diagram's source (markdown gives a mermaid block); the others "
        "list the links.",
    ),
]
ExportFormatOption = Annotated[
    str | None,
    format_option(
        SHARED_FORMATS + PAGE_FORMATS, "Output format: html is one self-contained page that works offline."
    ),
]


def as_of_option(help_text: str) -> Any:
    """--as-of DATE, with help that says what the date means for this command."""
    return typer.Option(
        "--as-of",
        metavar="DATE",
        show_default=False,
        help=f"{help_text} DATE is YYYY, YYYY-MM, YYYY-MM-DD or 'today'.",
    )


AsOfOption = Annotated[str | None, as_of_option("Show the term as it was on this date.")]
DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        "-d",
        metavar="FILE",
        show_default=False,
        readable=False,  # the loader reports an unreadable file (exit 3), as for $NHSJARGON_DATA
        help="A YAML file of your own terms laid over the built-in base (repeatable; also $NHSJARGON_DATA). "
        "May come before the command too.",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager", help="Print straight to the terminal, never through a pager ($PAGER, less -FRX)."
    ),
]
FullOption = Annotated[
    bool,
    typer.Option(
        "--full",
        help="Everything the base holds: notes, model attributes, every relation and source, every sense.",
    ),
]
TermsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="TERM...",
        show_default=False,
        autocompletion=complete_term,
        help="Acronyms, names or ids, e.g. ACO 'clinical commissioning group' icp-provider.",
    ),
]
TermArgument = Annotated[
    str,
    typer.Argument(
        metavar="TERM",
        show_default=False,
        autocompletion=complete_term,
        help="An acronym, name or id, e.g. ICS.",
    ),
]
OptionalTermArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="[TERM]",
        show_default=False,
        autocompletion=complete_term,
        help="Only this term and its lineage (default: everything).",
    ),
]
CategoryOption = Annotated[
    list[str] | None,
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        show_default=False,
        autocompletion=_completer(list(CATEGORIES)),
        help=f"Only this category (repeatable): {', '.join(CATEGORIES)}.",
    ),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--status",
        "-s",
        metavar="STATUS",
        show_default=False,
        autocompletion=_completer(list(STATUSES)),
        help=f"Only this status (repeatable): {', '.join(STATUSES)}.",
    ),
]
RelationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relation",
        "-r",
        metavar="RELATION",
        show_default=False,
        autocompletion=_completer(sorted(INVERSE_RELATION)),
        help="Only these kinds of link (repeatable), e.g. replaced_by, part_of, evolved_into.",
    ),
]
LimitOption = Annotated[
    int,
    typer.Option(
        "--limit", "-n", metavar="N", show_default=False, help="Show at most N results (default 20)."
    ),
]
FromOption = Annotated[
    int | None, typer.Option("--from", metavar="YEAR", show_default=False, help="Start at this year.")
]
ToOption = Annotated[
    int | None, typer.Option("--to", metavar="YEAR", show_default=False, help="End with this year.")
]
