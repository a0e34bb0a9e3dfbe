"""Comparing models and following how they evolved: compare, timeline, lineage, graph."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from nhsjargon.commands.common import PROG, as_of_date, check_choices, knowledge, report_unknown, show
from nhsjargon.commands.options import (
    AsOfOption,
    DataOption,
    FormatOption,
    GraphFormat,
    GraphFormatOption,
    complete_term,
)
from nhsjargon.errors import JargonError, UnknownTermError
from nhsjargon.model import Entry, KnowledgeBase

FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years --from and --to accept

ModelsArgument = Annotated[
    list[str],
    typer.Argument(help="2 to 5 models or bodies, by acronym, name or id (e.g. MCP PACS icp-provider).",
                   autocompletion=complete_term, show_default=False),
]
TermArgument = Annotated[
    str, typer.Argument(help="An acronym, name or id, e.g. ICS.", autocompletion=complete_term,
                        show_default=False),
]
OptionalTermArgument = Annotated[
    str | None,
    typer.Argument(help="Follow only this term's lineage (default: everything).",
                   autocompletion=complete_term, show_default=False),
]
FromOption = Annotated[
    int | None,
    typer.Option("--from", metavar="YEAR", min=FIRST_YEAR, max=LAST_YEAR, help="Start at this year."),
]
ToOption = Annotated[
    int | None,
    typer.Option("--to", metavar="YEAR", min=FIRST_YEAR, max=LAST_YEAR, help="End with this year."),
]


def _senses(knowledge_base: KnowledgeBase, term: str) -> tuple[Entry, ...]:
    """Every sense of `term`: an ambiguous acronym's timeline, lineage or graph covers them all."""
    from nhsjargon import lookup

    return lookup.resolve(knowledge_base, term)


def _names(entries: tuple[Entry, ...]) -> str:

    return " / ".join(entry.full_label for entry in entries)


def compare(
    terms: ModelsArgument,
    only_differences: Annotated[
        bool, typer.Option("--only-differences", "-D", help="Hide the rows where all of them agree.")
    ] = False,
    fmt: FormatOption = None,
    data: DataOption = None,
    as_of: AsOfOption = None,
) -> None:
    """Compare 2 to 5 models side by side: attributes, era, status, what came before and after.

    Rows where the models differ are marked, and a plain-English summary follows the table.
    An acronym means its sense that can be compared (PACS: the care model); where several can
    (ICP), name one by its id (icp-provider) or pick a date with --as-of.

    Example: nhsjargon compare MCP PACS --only-differences
    """
    from nhsjargon import compare as core
    from nhsjargon.views import compare_view

    core.check_count(len(terms))
    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    chosen: list[Entry] = []
    unknown: list[JargonError] = []
    for term in terms:
        try:
            chosen.append(core.choose(knowledge_base, term, day))
        except UnknownTermError as exc:
            unknown.append(exc)
    report_unknown(unknown)
    show(compare_view(core.compare(knowledge_base, chosen), only_differences), fmt)


def timeline(
    term: OptionalTermArgument = None,
    start: FromOption = None,
    end: ToOption = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Draw the lifespans of models as bars on a year axis.")
    ] = False,
    fmt: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Events in date order, or with --chart the lifespans of models as bars on a year axis.

    With TERM, only its whole lineage: for ICS, the STP plans and partnerships, the ACSs, the
    rename to ICS and the statutory ICBs and ICPs. --chart draws each model (or each term of
    TERM's lineage) as a bar, so overlaps such as CCGs and STPs show at a glance.

    Example: nhsjargon timeline ICS --from 2015 --to 2022   (or: nhsjargon timeline --chart)
    """
    import datetime as dt

    from nhsjargon import timeline as core
    from nhsjargon.views import lifespan_view, timeline_view

    window = core.Window(start, end)
    knowledge_base = knowledge(data)
    about = _senses(knowledge_base, term) if term else ()
    lineages = "its lineage" if len(about) == 1 else "their lineages"
    subject = f" of {_names(about)} and {lineages}" if about else ""
    period = f", {window.describe()}" if window.describe() else ""
    if chart:
        today = dt.date.today()
        spans = core.lifespans(knowledge_base, about, window)
        first = start if start is not None else min((s.first.year for s in spans), default=today.year)
        last = end if end is not None else max(
            [first, today.year, *(s.last.year for s in spans if s.last is not None)])
        title = f"Lifespans{subject or ' of models'}, {first} to {last}"
        show(lifespan_view(spans, first, last, today, title), fmt)
        return
    events = core.events(knowledge_base, about, window)
    followed = core.followed(knowledge_base, about) if about else None
    show(timeline_view(knowledge_base, events, f"Timeline{subject}{period}", followed), fmt)


def lineage(term: TermArgument, fmt: FormatOption = None, data: DataOption = None) -> None:
    """Show what a term came from and what it became, as a tree forward in time.

    Each branch says how one led to the next (renamed to, evolved into, replaced by), with
    dates and status; what a model includes (an ICS's ICB and ICP) hangs under it.

    Example: nhsjargon lineage ICS
    """
    from nhsjargon.lineage import lineage_tree
    from nhsjargon.views import lineage_view

    knowledge_base = knowledge(data)
    senses = _senses(knowledge_base, term)
    show(lineage_view(lineage_tree(knowledge_base, senses), list(senses)), fmt)


def graph(
    term: Annotated[
        str | None,
        typer.Argument(help="Draw only this term's neighbourhood (default: every linked term).",
                       autocompletion=complete_term, show_default=False),
    ] = None,
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", "-r", metavar="RELATION",
                     help="Only these kinds of link (repeatable), e.g. replaced_by, part_of, evolved_into."),
    ] = None,
    fmt: GraphFormatOption = None,
    data: DataOption = None,
) -> None:
    """Print the relationship graph as Mermaid or Graphviz source, for a report or a web page.

    --format mermaid prints a flowchart to paste into Markdown that renders Mermaid (markdown
    wraps it in a ```mermaid block); --format dot prints Graphviz input (nhsjargon graph -f dot
    | dot -Tsvg > graph.svg). The other formats list the links. Terms that are gone are dashed.

    Example: nhsjargon graph ICS --format mermaid
    """
    from nhsjargon import graph as core
    from nhsjargon.model import INVERSE_RELATION
    from nhsjargon.views import graph_view

    relations = check_choices(relation, sorted(INVERSE_RELATION), "--relation")
    knowledge_base = knowledge(data)
    about = _senses(knowledge_base, term) if term else ()
    result = core.build(knowledge_base, about, relations)
    title = f"Relationships of {_names(about)}" if about else "Relationships"
    view = graph_view(knowledge_base, result, title)
    show(view, fmt)
    if fmt in (GraphFormat.mermaid, GraphFormat.markdown):
        too_big = core.mermaid_too_big(result, dict(view.alternates)["mermaid"])
        if too_big:
            sys.stderr.write(f"{PROG}: warning: {too_big}; narrow it with TERM or --relation\n")
