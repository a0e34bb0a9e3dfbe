"""The options and arguments the commands share, declared once for Typer."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from nhsjargon.commands.common import knowledge
from nhsjargon.errors import JargonError
from nhsjargon.model import CATEGORIES, STATUSES


def complete_term(incomplete: str) -> list[str]:
    """Term names for shell completion (from the cached knowledge base)."""
    try:
        knowledge_base = knowledge(None)
    except JargonError:
        return []
    prefix = incomplete.casefold()
    labels = {entry.acronym or entry.id for entry in knowledge_base.entries}
    return sorted(label for label in labels if label.casefold().startswith(prefix))


# The --format choices: values of render.Format, which renders them all. Every command takes
# the five shared formats; graph and export add their own languages. (tests keep them in step)

class OutputFormat(str, Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"


class GraphFormat(str, Enum):
    """The shared output formats plus two diagram languages."""

    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    mermaid = "mermaid"
    dot = "dot"


GraphFormatOption = Annotated[
    GraphFormat | None,
    typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Output format: mermaid or dot for a diagram's source; markdown gives a ```mermaid block; "
             "rich, text, json and csv list the links. Default: rich on a terminal, text in a pipe.",
    ),
]


class ExportFormat(str, Enum):
    """The shared output formats plus the self-contained HTML page."""

    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


ExportFormatOption = Annotated[
    ExportFormat | None,
    typer.Option(
        "--format", "-f", case_sensitive=False,
        help="Output format: html is one self-contained page with a search box that works offline. "
             "Default: rich on a terminal, text in a pipe.",
    ),
]


FormatOption = Annotated[
    OutputFormat | None,
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
                              metavar="TERM...", autocompletion=complete_term, show_default=False)
]


CategoryOption = Annotated[
    list[str] | None,
    typer.Option("--category", "-c", help=f"Only these categories: {', '.join(CATEGORIES)}."),
]
StatusOption = Annotated[
    list[str] | None,
    typer.Option("--status", "-s", help=f"Only these statuses: {', '.join(STATUSES)}."),
]
