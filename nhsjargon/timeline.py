"""Events in date order and the lifespans of models, for the whole base or one term's lineage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from nhsjargon.errors import UsageError
from nhsjargon.lineage import Succession, lineage_ids
from nhsjargon.model import Entry, Event, KnowledgeBase


@dataclass(frozen=True)
class Window:
    """Whole years from `start` to `end`, inclusive; None leaves that side open."""

    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise UsageError(
                f"the window starts in {self.start}, after it ends in {self.end}",
                hint="give the earlier year first",
            )

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or day.year >= self.start) and (self.end is None or day.year <= self.end)

    def overlaps(self, first: dt.date, last: dt.date | None) -> bool:
        """Whether a span from `first` to `last` (None: still running) meets the window."""
        after_start = self.start is None or last is None or last.year >= self.start
        return after_start and (self.end is None or first.year <= self.end)

    def describe(self) -> str:
        if self.start is not None and self.end is not None:
            return f"{self.start} to {self.end}" if self.start != self.end else str(self.start)
        if self.start is not None:
            return f"from {self.start}"
        return f"up to {self.end}" if self.end is not None else ""


def followed(knowledge: KnowledgeBase, about: Sequence[Entry]) -> list[Entry]:
    """The entries a term's timeline follows: its lineage, plus what each includes or is part of."""
    ids = lineage_ids(knowledge, about, Succession.of(knowledge), with_parts=True)
    return [knowledge.by_id[entry_id] for entry_id in ids]


def events(knowledge: KnowledgeBase, about: Sequence[Entry] = (), window: Window = Window()) -> list[Event]:
    """Events in date order (an event dated only to a year sorts before that year's dated ones);
    with `about`, only those concerning those entries' lineages."""
    wanted = {entry.id for entry in followed(knowledge, about)} if about else None
    chosen = [
        event
        for event in knowledge.events
        if window.holds(event.date.first_day) and (wanted is None or wanted.intersection(event.terms))
    ]
    return sorted(chosen, key=lambda event: event.date.first_day)  # stable: file order breaks ties


@dataclass(frozen=True)
class Lifespan:
    entry: Entry
    first: dt.date
    last: dt.date | None  # the last day; None while still running or when the end is not recorded

    @property
    def running(self) -> bool:
        return self.last is None and self.entry.status in ("current", "proposed")


def lifespans(
    knowledge: KnowledgeBase, about: Sequence[Entry] = (), window: Window = Window()
) -> list[Lifespan]:
    """Dated lifespans in order of start: of `about`'s lineage, or of every comparable model."""
    if about:
        pool = followed(knowledge, about)
    else:
        pool = [entry for entry in knowledge.entries if entry.is_comparable or entry.category == "model"]
    spans = [
        Lifespan(entry, entry.introduced.first_day, entry.ended.last_day if entry.ended else None)
        for entry in pool
        if entry.introduced
    ]
    # An end not recorded is not "still running": such a span counts only where it starts.
    spans = [
        span
        for span in spans
        if window.overlaps(span.first, span.last or (None if span.running else span.first))
    ]
    return sorted(spans, key=lambda span: (span.first, span.entry.id))


def year_fraction(day: dt.date) -> float:
    """2022-07-01 -> 2022.497...: where a day sits on a year axis."""
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def chart_years(spans: Sequence[Lifespan], window: Window, today: dt.date) -> tuple[int, int]:
    """The years a lifespan chart spans: the window's, or from the first start to this year."""
    first = (
        window.start if window.start is not None else min((s.first.year for s in spans), default=today.year)
    )
    last = (
        window.end
        if window.end is not None
        else max([first, today.year, *(s.last.year for s in spans if s.last is not None)])
    )
    return first, last
