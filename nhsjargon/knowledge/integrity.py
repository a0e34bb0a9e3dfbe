"""Checks across entries: references that point nowhere, and the shipped base's stricter rules."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from nhsjargon.model import Entry, Event
from nhsjargon.schema import ATTRIBUTES, INVERSE_RELATION


def _place(item: Entry | Event) -> str:
    return f"{item.origin}:{item.line}" if item.line else item.origin


def _suggestion(wrong: str, ids: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(wrong, list(ids), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def check_references(
    entries: Sequence[Entry], events: Iterable[Event], written: Collection[str] = ()
) -> list[str]:
    """Relations and event terms must name entries that exist.

    `written` holds ids that appear in the files but failed validation: pointing at one of
    those is not reported again, so one typo gives one message.
    """
    ids = {entry.id for entry in entries}
    problems = []
    for entry in entries:
        for link in entry.related:
            if link.id == entry.id:
                problems.append(f"{_place(entry)}: entry '{entry.id}': relates to itself")
            elif link.id not in ids and link.id not in written:
                problems.append(
                    f"{_place(entry)}: entry '{entry.id}': related {link.relation} -> "
                    f"'{link.id}' names no entry{_suggestion(link.id, ids)}"
                )
    for event in events:
        for term in event.terms:
            if term not in ids and term not in written:
                problems.append(
                    f"{_place(event)}: event {event.date} '{event.title}': term '{term}' "
                    f"names no entry{_suggestion(term, ids)}"
                )
    return problems


def check_pairs(entries: Sequence[Entry]) -> list[str]:
    """Each pair of entries is linked once: in one direction (the inverse is derived) and by one
    relation. Two links between the same entries, on either side, are a problem."""
    problems = []
    by_id = {entry.id: entry for entry in entries}
    for entry in entries:
        targets = [link.id for link in entry.related if not link.derived]
        for twice in sorted({target for target in targets if targets.count(target) > 1}):
            kinds = ", ".join(link.relation for link in entry.related if link.id == twice)
            problems.append(
                f"{_place(entry)}: entry '{entry.id}': several relations to '{twice}' "
                f"({kinds}); keep the one that is true"
            )
        for link in entry.related:
            other = by_id.get(link.id)
            if other is None or link.derived or link.id <= entry.id:
                continue  # each pair looked at once, from the entry with the smaller id
            back = [mine for mine in other.related if mine.id == entry.id and not mine.derived]
            if back:
                same = back[0].relation == INVERSE_RELATION[link.relation]
                what = "its inverse" if same else f"'{back[0].relation}'"
                problems.append(
                    f"{_place(entry)}: entry '{entry.id}': {link.relation} -> '{link.id}' is "
                    f"written again on '{link.id}' as {what} (line {other.line}); write each "
                    f"link once, the other side is derived"
                )
    return problems


def check_strict(entries: Sequence[Entry]) -> list[str]:
    """The shipped base's extra rules: sources, categories, model attributes, end dates."""
    problems = []
    for entry in entries:
        where = f"{_place(entry)}: entry '{entry.id}'"
        if not entry.sources:
            problems.append(f"{where}: needs at least one source")
        if entry.category == "local":
            problems.append(f"{where}: needs a category (local names belong in overlays)")
        if entry.category == "model" and len(entry.attributes) < len(ATTRIBUTES):
            missing = sorted(set(ATTRIBUTES) - {key for key, _ in entry.attributes})
            problems.append(
                f"{where}: a model needs every comparison attribute; missing {', '.join(missing)}"
            )
        for text in (entry.name, *entry.aliases, *entry.misspellings):
            if text.count("(") != text.count(")"):
                problems.append(f"{where}: unbalanced parentheses in {text!r} (a list split at a comma?)")
        if entry.status in ("abolished", "renamed", "merged") and entry.ended is None:
            problems.append(f"{where}: status '{entry.status}' needs an 'ended' date")
        seen_sources = set()
        for source in entry.sources:
            if source.url in seen_sources:
                problems.append(f"{where}: source {source.url} is listed twice")
            seen_sources.add(source.url)
    return problems
