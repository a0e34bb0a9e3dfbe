"""Comparing models and following how they evolved: compare, timeline, lineage, graph."""

from __future__ import annotations

from typing import Annotated

import typer

from nhsjargon.commands.options import (
    DataOption,
    FormatOption,
    FromOption,
    GraphFormatOption,
    NoPagerOption,
    OptionalTermArgument,
    RelationOption,
    TermArgument,
    ToOption,
    as_of_option,
    complete_term,
)
from nhsjargon.commands.runtime import PROG, as_of_date, check_choices, knowledge, report_unknown, show, warn
from nhsjargon.errors import JargonError, UnknownTermError, UsageError
from nhsjargon.model import Entry, KnowledgeBase

ModelsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="TERM...",
        show_default=False,
        autocompletion=complete_term,
        help="2 to 5 models or bodies, by acronym, name or id (e.g. ICB ICP, MCP PACS, icp-provider).",
    ),
]
CompareAsOf = Annotated[str | None, as_of_option("Compare the senses in use on this date (default: today).")]
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years --from and --to accept


def _senses(knowledge_base: KnowledgeBase, term: str) -> tuple[Entry, ...]:
    """The senses of `term` with a history: an ambiguous acronym's timeline, lineage or graph
    covers every sense that has one (lineage.with_history)."""
    from nhsjargon import lookup
    from nhsjargon.lineage import with_history

    return with_history(lookup.resolve(knowledge_base, term))


def _labels(entries: tuple[Entry, ...]) -> str:
    return " / ".join(entry.full_label for entry in entries)


def _year(value: int | None, option: str) -> int | None:
    if value is not None and not FIRST_YEAR <= value <= LAST_YEAR:
        raise UsageError(
            f"{option}: {value} is not a year nhsjargon knows of",
            hint=f"give a year from {FIRST_YEAR} to {LAST_YEAR}",
        )
    return value


def compare(
    terms: ModelsArgument,
    only_differences: Annotated[
        bool, typer.Option("--only-differences", "-D", help="Hide the rows where all of them agree.")
    ] = False,
    as_of: CompareAsOf = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Compare 2 to 5 models side by side: attributes, era, status, what came before and after.

    Rows where they differ are marked, and a plain-English summary follows the table. An
    acronym with several senses that can be compared (ICP) means the one in use today (or at
    --as-of); the output says which. Give an id (icp-provider) for another.

    Example: nhsjargon compare ICB ICP
    """
    import datetime as dt

    from nhsjargon import compare as core
    from nhsjargon.views.models import compare_view

    core.check_count(len(terms))
    knowledge_base = knowledge(data)
    day = as_of_date(as_of) or dt.date.today()
    chosen: list[core.Chosen] = []
    unknown: list[JargonError] = []
    for term in terms:
        try:
            chosen.append(core.choose(knowledge_base, term, day))
        except UnknownTermError as exc:
            unknown.append(exc)
        except core.NotComparable as exc:
            raise UsageError(str(exc), hint=f"see '{PROG} list --category model'") from None
        except core.Ambiguous as exc:
            raise UsageError(
                str(exc), hint="give the id of the one you mean, or a date with --as-of"
            ) from None
    report_unknown(unknown)
    comparison = core.compare(knowledge_base, [choice.entry for choice in chosen])
    notes = tuple(choice.note for choice in chosen if choice.note)
    show(compare_view(comparison, only_differences, notes), fmt, not no_pager)


def timeline(
    term: OptionalTermArgument = None,
    start: FromOption = None,
    end: ToOption = None,
    chart: Annotated[bool, typer.Option("--chart", help="Draw lifespans as bars on a year axis.")] = False,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Events in date order, or with --chart the lifespans of models as bars on a year axis.

    With TERM, only its whole lineage: for ICS, the STP plans and partnerships, the ACSs, the
    rename to ICS and the statutory ICBs and ICPs.

    Example: nhsjargon timeline ICS --from 2015 --to 2022
    """
    import datetime as dt

    from nhsjargon import timeline as core
    from nhsjargon.views.models import lifespan_view, timeline_view

    window = core.Window(_year(start, "--from"), _year(end, "--to"))
    knowledge_base = knowledge(data)
    about = _senses(knowledge_base, term) if term else ()
    lineages = "its lineage" if len(about) == 1 else "their lineages"
    subject = f" of {_labels(about)} and {lineages}" if about else ""
    if chart:
        today = dt.date.today()
        spans = core.lifespans(knowledge_base, about, window)
        first, last = core.chart_years(spans, window, today)
        title = f"Lifespans{subject or ' of models'}, {first} to {last}"
        show(lifespan_view(spans, first, last, today, title), fmt, not no_pager)
        return
    period = f", {window.describe()}" if window.describe() else ""
    events = core.events(knowledge_base, about, window)
    followed = core.followed(knowledge_base, about) if about else None
    show(timeline_view(knowledge_base, events, f"Timeline{subject}{period}", followed), fmt, not no_pager)


def lineage(
    term: TermArgument, fmt: FormatOption = None, data: DataOption = None, no_pager: NoPagerOption = False
) -> None:
    """Show what a term came from and what it became, as a tree forward in time.

    Each branch says how one led to the next (renamed to, evolved into, replaced by), with
    dates and status; what a model includes (an ICS's ICB and ICP) hangs under it.

    Example: nhsjargon lineage ICS
    """
    from nhsjargon.lineage import lineage_tree
    from nhsjargon.views.models import lineage_view

    knowledge_base = knowledge(data)
    senses = _senses(knowledge_base, term)
    show(lineage_view(lineage_tree(knowledge_base, senses), list(senses)), fmt, not no_pager)


def graph(
    term: Annotated[
        str | None,
        typer.Argument(
            metavar="[TERM]",
            show_default=False,
            autocompletion=complete_term,
            help="Draw only this term's neighbourhood (default: every linked term).",
        ),
    ] = None,
    relation: RelationOption = None,
    fmt: GraphFormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Print the relationship graph as Mermaid or Graphviz source, for a report or a web page.

    --format mermaid prints a flowchart for Markdown that renders Mermaid (markdown wraps it in
    a mermaid block); --format dot prints Graphviz input (nhsjargon graph -f dot | dot -Tsvg >
    graph.svg). The other formats list the links. Terms that are gone are dashed.

    Example: nhsjargon graph ICS --format mermaid
    """
    from nhsjargon import graph as core
    from nhsjargon.schema import INVERSE_RELATION
    from nhsjargon.views.models import graph_view

    relations = check_choices(relation, sorted(INVERSE_RELATION), "--relation")
    knowledge_base = knowledge(data)
    about = _senses(knowledge_base, term) if term else ()
    result = core.build(knowledge_base, about, relations)
    title = f"Relationships of {_labels(about)}" if about else "Relationships"
    view = graph_view(knowledge_base, result, title, ("For a diagram: --format mermaid or --format dot.",))
    if fmt and fmt.lower() in ("mermaid", "markdown"):
        from nhsjargon.render.diagrams import mermaid_too_big, to_mermaid

        too_big = mermaid_too_big(view, to_mermaid(view))
        if too_big:
            warn(f"{too_big}; narrow it with TERM or --relation")
    show(view, fmt, not no_pager)
