"""Finding entries: exact lookup with plurals and variants, suggestions, successors, filters."""

from __future__ import annotations

from nhsjargon.dates import PartialDate
from nhsjargon.errors import UnknownTermError
from nhsjargon.keys import acronym_compact, compact, singular_forms
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import SUCCESSOR_RELATIONS

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Sequence

MAX_QUERY = 200  # characters of a query shown back in a message


def candidate_keys(query: str) -> list[str]:
    """Every index key a query may match, most literal first (a possessive's singular first:
    "PA's" is the PA's, not PAS). Keys without the "&" come after every form with it, so
    "A&Cs" is A&C's plural before it is ACS."""
    keys: list[str] = []
    forms = (query, *singular_forms(query))
    if query.rstrip().endswith(("'s", "\u2019s")):
        forms = (*forms[1:], query)
    literal = [key for form in forms for key in (form.strip().casefold(), compact(form))]
    for key in (*literal, *(acronym_compact(form) for form in forms)):
        if key and key not in keys:
            keys.append(key)
    return keys


def _spelling_rank(entry: Entry, forms: tuple[str, ...]) -> tuple[bool, int]:
    """Folding joins spellings ("LD" and "L&D"; "PAs", physician associates, and "PAS"): among
    the senses readers mean (a minor sense stays last), one written exactly as asked, or as its
    singular ("LDs"), comes first, then one whose acronym differs only in case."""
    if entry.acronym in forms or any(alias in forms for alias in entry.aliases):
        return entry.minor, 0
    acronym = (entry.acronym or "").casefold()
    return entry.minor, 1 if any(acronym == form.casefold() for form in forms) else 2


def spelt_first(senses: Sequence[Entry], asked: str) -> tuple[Entry, ...]:
    """`senses` (in listing order) with those written as `asked` first; see `_spelling_rank`."""
    asked = asked.strip()
    forms = (asked, *singular_forms(asked))
    return tuple(sorted(senses, key=lambda entry: _spelling_rank(entry, forms)))


def find(knowledge: KnowledgeBase, query: str) -> tuple[Entry, ...]:
    """All senses of `query`, best first; empty when nothing matches. Case matters only to
    the order, and to a plural written in capitals ("PAs" finds PA and PAS, "PAS" only PAS)."""
    if len(query) > 500:  # no name is that long: do not fold megabytes
        return ()
    found: dict[str, None] = {}
    plural = plural_of_capitals(query)
    for key in candidate_keys(query):
        found.update(dict.fromkeys(knowledge.index.get(key, ())))
        if found and not plural:
            break
    return spelt_first([knowledge.by_id[entry_id] for entry_id in found], query) if found else ()


def plural_of_capitals(query: str) -> bool:
    """ "PAs", "ACs", "SABs": capitals and a small s read as a plural, so the singular's senses
    (physician associates) are found beside the acronym the letters also spell (PAS). Not with
    "&" ("C&Es" is C&E's plural, not CE) or an apostrophe (a possessive)."""
    text = query.strip()
    return len(text) >= 3 and text[-1] == "s" and text[:-1].isupper() and text[:-1].isalnum()


def suggest(knowledge: KnowledgeBase, query: str, limit: int = 3) -> list[str]:
    """Close spellings of known acronyms and names, for "did you mean" hints."""
    target = compact(query[:200])
    if not target or len(target) > 80:  # nothing close to a term name is that long
        return []
    import difflib

    labels: dict[str, str] = {}
    starting: list[str] = []  # names that begin with a word given whole ("Dudley": the Dudley entries)
    word = len(target) >= 4 and any(c.islower() for c in query)  # a word, not an acronym
    for key, ids in knowledge.index.items():
        if len(key) <= len(target) + 3:
            labels.setdefault(key, ids[0])
        elif word and key.startswith(target):
            labels.setdefault(key, ids[0])
            starting.append(key)
    close = [key for key in labels if len(key) <= len(target) + 3]
    matches = sorted(starting, key=len)[:limit] + difflib.get_close_matches(
        target, close, n=limit * 3, cutoff=0.6
    )
    if not matches and len(target) > 2:
        matches = [key for key in close if key.startswith(target[:-1]) and len(key) <= len(target) + 1]
    suggestions: list[str] = []
    for key in matches:
        label = knowledge.by_id[labels[key]].label
        if label not in suggestions:
            suggestions.append(label)
    return suggestions[:limit]


def resolve(knowledge: KnowledgeBase, query: str) -> tuple[Entry, ...]:
    """Like `find`, but an unknown term is an error that carries suggestions."""
    senses = find(knowledge, query)
    if senses:
        return senses
    shown = query if len(query) <= 60 else query[:57] + "..."
    raise UnknownTermError(f"unknown term {shown!r}", suggestions=tuple(suggest(knowledge, query)))


def active_at(senses: Sequence[Entry], day: dt.date) -> tuple[Entry, ...]:
    """The senses in use on `day` (possibly none)."""
    return tuple(entry for entry in senses if entry.active_on(day))


def most_relevant(senses: Sequence[Entry], day: dt.date | None = None) -> Entry:
    """The sense to show first: the first in use on `day`; without a day, the first listed (the
    sense spelt as asked, else a current one: see `find`)."""
    if day is not None:
        for entry in senses:
            if entry.active_on(day):
                return entry
    return senses[0]


def taken_over(entry: Entry, relation: str, successor: Entry) -> PartialDate | str | None:
    """When a successor took over: a rename, merger or replacement as the old term ends (the day
    after `ended`); a term that evolved into something did so when that began (STPs into ACSs in
    2017, not when STPs ended)."""
    if entry.ended is not None and relation != "evolved_into":
        return entry.ended.day_after() if entry.ended.day is not None else None
    if successor.introduced and (
        entry.introduced is None or successor.introduced.key() > entry.introduced.key()
    ):
        return successor.introduced
    return None


def successors(knowledge: KnowledgeBase, entry: Entry) -> list[tuple[str, Entry, str]]:
    """What took over from a sense: (relation, successor, when), in date order. `when` reads
    "from 2022-07-01", "after 2018-08" or "" when not known."""
    found = []
    for link in entry.related:
        target = knowledge.by_id.get(link.id)
        if link.relation in SUCCESSOR_RELATIONS and target is not None:
            date = taken_over(entry, link.relation, target)
            when = (
                f"from {date}"
                if date
                else (f"after {entry.ended}" if entry.ended and link.relation != "evolved_into" else "")
            )
            found.append((link.relation, target, when))
    return sorted(
        found, key=lambda item: (item[1].introduced.key() if item[1].introduced else (9999, 0, 0), item[1].id)
    )


def related(knowledge: KnowledgeBase, entry: Entry, relations: Iterable[str]) -> list[Entry]:
    """The entries linked to `entry` by any of `relations`, in date order."""
    wanted = set(relations)
    found = [
        knowledge.by_id[link.id]
        for link in entry.related
        if link.relation in wanted and link.id in knowledge.by_id
    ]
    return sorted(
        dict.fromkeys(found), key=lambda e: (e.introduced.key() if e.introduced else (9999, 0, 0), e.id)
    )


def select(
    knowledge: KnowledgeBase, categories: Iterable[str] = (), statuses: Iterable[str] = ()
) -> list[Entry]:
    """Entries filtered by category and status, sorted by label."""
    wanted_categories, wanted_statuses = set(categories), set(statuses)
    chosen = [
        entry
        for entry in knowledge.entries
        if (not wanted_categories or entry.category in wanted_categories)
        and (not wanted_statuses or entry.status in wanted_statuses)
    ]
    return sorted(chosen, key=lambda entry: (entry.label.casefold(), entry.id))
