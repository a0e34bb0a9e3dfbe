"""`explain TERM --as-of DATE`: what a term was then, and what has changed since.

The card is the sense in use on that date (or, if the term had not begun, what its lineage
had in its place), with its status then, the count the base knows for then, the events up
to that date, and a short "since then".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from nhsjargon import lookup
from nhsjargon.model import Entry, Event, KnowledgeBase
from nhsjargon.views import Block, Card, Cards
from nhsjargon.views.terms import entries_csv, entry_card, entry_data, other_sense

EVENTS_SHOWN = 5


def _then(entry: Entry, day: dt.date) -> str:
    """The entry's status on `day`: "in use since 2018-02-02 (until 2022-06-30, then replaced)"."""
    if entry.introduced and day < entry.introduced.first_day:
        return f"not yet in use on {day} (it began {entry.introduced})"
    if entry.ended and day > entry.ended.last_day:
        return f"no longer in use on {day} (it ended {entry.ended}, {entry.status})"
    later = (
        f"; it ended {entry.ended} ({entry.status})"
        if entry.ended
        else ("; still current" if entry.status == "current" else f"; now {entry.status}")
    )
    if not entry.introduced:  # no start date: it cannot be ruled out, nor said to be in use
        return f"its start is not recorded, so it may not yet have been in use on {day}{later}"
    return f"in use on {day} since {entry.introduced}{later}"


def _count_then(entry: Entry, day: dt.date) -> str | None:
    known = [count for count in entry.counts if count.date.first_day <= day]
    if not known:
        return None
    count = known[-1]
    note = f"; {count.note}" if count.note else ""
    return f"{count.count} at {count.date}{note}"


def _lineage_events(knowledge: KnowledgeBase, entry: Entry) -> list[Event]:
    from nhsjargon.timeline import events

    return events(knowledge, (entry,))


# What stood in a term's place before it began, nearest kind of succession first: a former name,
# then what it replaced or grew out of, then (only if they ended as it began) bodies it absorbed.
_IN_PLACE = ("renamed_from", "replaces", "evolved_from")


def _took_over(earlier: Entry, entry: Entry) -> bool:
    """An absorbed body stood in the term's place only if it ended about when the term began
    (NHS England absorbed Monitor in 2022: Monitor did not stand in its place in 2012)."""
    if not (earlier.ended and entry.introduced):
        return False
    return abs((entry.introduced.first_day - earlier.ended.last_day).days) <= 366


def _in_place_of(knowledge: KnowledgeBase, entry: Entry, day: dt.date) -> Entry | None:
    """What the term's lineage had in use on `day`, before the term itself began."""
    seen = {entry.id}
    frontier = [entry]
    while frontier:
        following = []
        for current in frontier:
            earlier_ones = [
                e for relation in _IN_PLACE for e in lookup.related(knowledge, current, (relation,))
            ]
            earlier_ones += [
                e for e in lookup.related(knowledge, current, ("absorbed",)) if _took_over(e, current)
            ]
            for earlier in earlier_ones:
                if earlier.id in seen:
                    continue
                if earlier.active_on(day) and earlier.introduced is not None:
                    return earlier
                seen.add(earlier.id)
                following.append(earlier)
        frontier = following
    return None


def era_card(knowledge: KnowledgeBase, entry: Entry, day: dt.date, full: bool) -> Card:
    card = entry_card(knowledge, entry, full)
    sections = list(card.sections)
    count = _count_then(entry, day)
    facts = list(card.facts)
    if count:
        facts.insert(0, ("Count then", ((count, ""),)))
    history = _lineage_events(knowledge, entry)
    before = [event for event in history if event.date.first_day <= day][-EVENTS_SHOWN:]
    after = [event for event in history if event.date.first_day > day][:EVENTS_SHOWN]
    if before:
        sections.append((f"Up to {day}", tuple(f"{event.date}: {event.title}" for event in before)))
    since = [f"{event.date}: {event.title}" for event in after]
    if entry.ended and entry.ended.last_day > day and not any(str(entry.ended) in line for line in since):
        since.insert(0, f"{entry.ended}: {entry.title} ended ({entry.status})")
    if since:
        sections.append(("Since then", tuple(since)))
    return Card(
        title=f"{card.title}, as of {day}",
        summary=_then(entry, day),
        body=card.body,
        facts=tuple(facts),
        sections=tuple(sections),
        sources=card.sources,
        status=card.status,
        anchor=card.anchor,
    )


def era_view(
    knowledge: KnowledgeBase, found: Sequence[tuple[str, tuple[Entry, ...]]], day: dt.date, full: bool = False
) -> Cards:
    """For each query, the sense in use on `day` as it was then (senses in use first)."""
    blocks = []
    entries: list[Entry] = []
    for query, senses in found:
        # a sense with no start date may or may not have been in use: it is shown only when no
        # dated sense was, and the lineage of the main sense had nothing in its place
        active = [sense for sense in senses if sense.active_on(day) and sense.introduced is not None]
        shown = active[0] if active else senses[0]
        headline = ""
        if not active:
            earlier = _in_place_of(knowledge, shown, day)
            undated = [sense for sense in senses if sense.active_on(day)]
            if earlier is not None:
                headline = f"{query} was not in use on {day}; in its place then: {earlier.full_label}"
                shown = earlier
            elif undated:
                shown = undated[0]
            else:
                headline = f"{query} was not in use on {day}"
        elif len(active) > 1:
            headline = f"{query} had {len(active)} senses in use on {day}; the most relevant first"
        others = tuple(
            other_sense(i, sense) for i, sense in enumerate([s for s in senses if s.id != shown.id], 2)
        )
        cards = [era_card(knowledge, shown, day, full)]
        if full:
            cards += [era_card(knowledge, sense, day, full) for sense in senses if sense.id != shown.id]
            others = ()
        blocks.append(Block(tuple(cards), headline, others))
        entries += [sense for sense in (shown, *senses) if sense not in entries]
    return Cards(
        blocks=tuple(blocks), data=[entry_data(entry) for entry in entries], csv=entries_csv(entries)
    )
