"""The whole knowledge base as one document to share (export): every term's card, the timeline
and the comparisons readers ask for, and for the HTML page the search index it ranks with."""

from __future__ import annotations

from array import array
from typing import Any

from nhsjargon.compare import showcase
from nhsjargon.knowledge.index import SEARCH_FIELDS, STOP_WORDS, search_words
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import PREDECESSOR_RELATIONS, SUCCESSOR_RELATIONS
from nhsjargon.search import EXACT, FIELD_WEIGHTS, grammar
from nhsjargon.views import Block, Cards, Table
from nhsjargon.views.models import compare_view, event_data, timeline_view
from nhsjargon.views.terms import entries_csv, entry_card, entry_data


def export_view(knowledge: KnowledgeBase, version: str) -> Cards:
    """Every entry as its short card with the full one behind it, sorted by acronym or name;
    then the timeline of events and the SHOWCASE comparisons."""
    entries = sorted(knowledge.entries, key=lambda e: (e.label.casefold(), e.id))
    blocks = []
    for entry in entries:
        short = entry_card(knowledge, entry)
        short.more = entry_card(knowledge, entry, full=True)
        blocks.append(Block((short,)))
    events = sorted(knowledge.events, key=lambda event: event.date.key())
    appendix: list[Table] = [timeline_view(knowledge, events, "Timeline")] if events else []
    appendix += [compare_view(comparison) for comparison in showcase(knowledge)]
    return Cards(
        blocks=tuple(blocks),
        title=f"NHS jargon: {len(entries)} terms (nhsjargon {version})",
        data={
            "version": version,
            "terms": [entry_data(entry) for entry in entries],
            "events": [event_data(event) for event in events],
        },
        csv=entries_csv(entries),
        appendix=tuple(appendix),
        index=site_index(knowledge),
    )


def site_index(knowledge: KnowledgeBase) -> dict[str, Any]:
    """What the HTML page needs to rank a query as `search.search` does: the postings of every
    word (entry number * 8 + field, the numbers of `knowledge.entries`), the field weights, the
    stop words, the lookup keys of each entry for exact hits, and each entry's name words for
    the phrase bonus; `ids` says which article each number is; and for relation questions
    ("what replaced CCGs") their phrasings and each entry's successors and predecessors."""
    # sorted: a base just built and one read from the cache hold their keys in different orders,
    # and the same base must give the same page
    words = {word: array("I", blob).tolist() for word, blob in sorted((knowledge.words or {}).items())}
    entries = knowledge.entries
    numbers = {entry.id: number for number, entry in enumerate(entries)}
    # the lookup index itself (every way of writing each term, best sense first), by number
    keys = {key: [numbers[i] for i in ids if i in numbers] for key, ids in sorted(knowledge.index.items())}
    names = [" ".join(search_words(" ".join((entry.name, *entry.aliases)))) for entry in entries]
    after: dict[int, list[int]] = {}
    before: dict[int, list[int]] = {}
    for number, entry in enumerate(entries):
        for link in entry.related:
            if link.id in numbers and link.relation in SUCCESSOR_RELATIONS:
                after.setdefault(number, []).append(numbers[link.id])
            elif link.id in numbers and link.relation in PREDECESSOR_RELATIONS:
                before.setdefault(number, []).append(numbers[link.id])
    for linked in (*after.values(), *before.values()):  # in date order, as the CLI answers
        linked.sort(key=lambda n: _in_time(entries[n]))
    return {
        "ids": [entry.id for entry in entries],
        "labels": [entry.label for entry in entries],
        "full": [entry.full_label for entry in entries],
        "fields": list(SEARCH_FIELDS),
        "weights": [FIELD_WEIGHTS[field] for field in SEARCH_FIELDS],
        "stop": sorted(STOP_WORDS),
        "exact": EXACT,
        "words": words,
        "keys": keys,
        "names": names,
        "after": after,
        "before": before,
        "questions": grammar(),
    }


def _in_time(entry: Entry) -> tuple[tuple[int, int, int], str]:
    return (entry.introduced.key() if entry.introduced else (9999, 0, 0), entry.id)
