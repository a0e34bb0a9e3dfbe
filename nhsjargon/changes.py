"""What changed in a window of time: terms that began or ended, and the events, in date order."""

from __future__ import annotations

import datetime as dt

from nhsjargon.dates import PartialDate
from nhsjargon.lookup import successors
from nhsjargon.model import KnowledgeBase

ENDINGS = {
    "renamed": "renamed",
    "merged": "merged",
    "replaced": "replaced",
    "abolished": "abolished",
    "historical": "ended",
}


class Change:
    __slots__ = ("date", "kind", "title", "terms")

    def __init__(self, date: PartialDate, kind: str, title: str, terms: tuple[str, ...]) -> None:
        self.date, self.kind, self.title, self.terms = date, kind, title, terms


def _within(date: PartialDate, since: dt.date, until: dt.date) -> bool:
    return (
        since <= date.first_day
        and date.last_day <= until
        or (date.day is None and since <= date.last_day and date.first_day <= until)
    )


def changes(knowledge: KnowledgeBase, since: dt.date, until: dt.date) -> list[Change]:
    """Terms introduced, renamed, merged, replaced or ended, and events, from `since` to `until`."""
    found: list[Change] = []
    for entry in knowledge.entries:
        if entry.introduced and _within(entry.introduced, since, until):
            kind = "proposed" if entry.status == "proposed" else "introduced"
            found.append(Change(entry.introduced, kind, f"{entry.full_label} {kind}", (entry.id,)))
        if entry.ended and _within(entry.ended, since, until):
            kind = ENDINGS.get(entry.status, "ended")
            after = [
                f"{relation.replace('_', ' ')} {target.full_label}"
                for relation, target, _ in successors(knowledge, entry)
            ]
            title = f"{entry.full_label} {kind} (last day {entry.ended})" + (
                f"; {'; '.join(after)}" if after else ""
            )
            found.append(
                Change(
                    entry.ended, kind, title, (entry.id, *(t.id for _, t, _ in successors(knowledge, entry)))
                )
            )
    for event in knowledge.events:
        if _within(event.date, since, until):
            found.append(Change(event.date, "event", event.title, event.terms))
    return sorted(found, key=lambda change: (change.date.key(), change.kind != "event", change.title))
