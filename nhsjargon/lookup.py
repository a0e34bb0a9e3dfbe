"""Finding entries: exact lookup with plurals and variants, suggestions, ranked search."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from nhsjargon.errors import UnknownTermError
from nhsjargon.keys import acronym_compact, compact, normalise, singular_forms
from nhsjargon.model import Entry, KnowledgeBase

_WORD = re.compile(r"[0-9a-z]+")


def candidate_keys(query: str) -> list[str]:
    """Every index key a query may match, most literal first."""
    keys: list[str] = []
    for form in (query, *singular_forms(query)):
        for key in (form.strip().casefold(), compact(form), acronym_compact(form)):
            if key and key not in keys:
                keys.append(key)
    return keys


def find(knowledge: KnowledgeBase, query: str) -> tuple[Entry, ...]:
    """All senses of `query`, best first; empty when nothing matches."""
    for key in candidate_keys(query):
        ids = knowledge.index.get(key)
        if ids:
            return tuple(knowledge.by_id[entry_id] for entry_id in ids)
    return ()


def suggest(knowledge: KnowledgeBase, query: str, limit: int = 3) -> list[str]:
    """Close spellings of known acronyms and names, for "did you mean" hints."""
    import difflib

    labels: dict[str, str] = {}
    for entry in knowledge.entries:
        for text in (entry.acronym, entry.name, *entry.aliases):
            if text:
                labels.setdefault(compact(text), entry.acronym or entry.name)
    target = compact(query)
    if not target or len(target) > 80:  # nothing close to a term name is that long
        return []
    matches = difflib.get_close_matches(target, list(labels), n=limit * 3, cutoff=0.6)
    if not matches and len(target) > 2:
        matches = [key for key in labels if key.startswith(target[:-1]) and len(key) <= len(target) + 1]
    suggestions: list[str] = []
    for key in matches:
        label = labels[key]
        if label not in suggestions:
            suggestions.append(label)
    return suggestions[:limit]


def resolve(knowledge: KnowledgeBase, query: str) -> tuple[Entry, ...]:
    """Like `find`, but an unknown term is an error that carries suggestions."""
    senses = find(knowledge, query)
    if senses:
        return senses
    hints = suggest(knowledge, query)
    shown = query if len(query) <= 60 else query[:57] + "..."
    raise UnknownTermError(
        f"unknown term {shown!r}",
        hint=f"did you mean {' or '.join(hints)}?" if hints else "try 'nhsjargon search WORD'",
    )


def active_at(senses: Sequence[Entry], day: dt.date) -> tuple[Entry, ...]:
    """The senses in use on `day` (possibly none)."""
    return tuple(entry for entry in senses if entry.active_on(day))


def successor_phrases(knowledge: KnowledgeBase, entry: Entry, since: str = "since") -> list[str]:
    """What took over from a sense, and when: ["replaced by ICB (Integrated Care Board) since 2022-07-01"]."""
    from nhsjargon.model import SUCCESSOR_RELATIONS

    phrases = []
    for link in entry.related:
        target = knowledge.by_id.get(link.id)
        if link.relation in SUCCESSOR_RELATIONS and target is not None:
            phrases.append(f"{link.relation.replace('_', ' ')} {target.full_label}"
                           f"{_when_taken_over(entry, link.relation, target, since)}")
    return phrases


def _when_taken_over(entry: Entry, relation: str, successor: Entry, since: str) -> str:
    """When the successor took over.

    A rename, merger or replacement happens as the old term ends: the day after `ended`
    (NHS England began in 2013, which is not when HEE merged into it). A term that evolved
    into something did so when that began (STPs into ACSs in 2017, not when STPs ended).
    """
    if entry.ended is not None and relation != "evolved_into":
        if entry.ended.day is None:
            return f" after {entry.ended}"
        return f" {since} {entry.ended.last_day + dt.timedelta(days=1)}"
    if successor.introduced and (entry.introduced is None
                                 or successor.introduced.first_day > entry.introduced.first_day):
        return f" {since} {successor.introduced}"
    return ""


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


def search(knowledge: KnowledgeBase, text: str, limit: int | None = None) -> list[tuple[Entry, float]]:
    """Rank entries by how well names, aliases and definitions match the words of `text`."""
    words = _WORD.findall(normalise(text))
    if not words:
        return []
    phrase = " ".join(words)
    scored: list[tuple[Entry, float]] = []
    for entry in knowledge.entries:
        acronym = acronym_compact(entry.acronym or "")
        name = normalise(entry.name)
        aliases = normalise(" | ".join(entry.aliases))
        definition = normalise(entry.definition)
        name_words = set(_WORD.findall(name)) | set(_WORD.findall(aliases))
        definition_words = _WORD.findall(definition)
        score = 0.0
        for word in words:
            if word == acronym:
                score += 12
            if word in name_words:
                score += 5
            elif any(w.startswith(word) for w in name_words) and len(word) > 2:
                score += 2
            hits = definition_words.count(word)
            if hits:
                score += 1 + min(hits, 4) * 0.5
        if score == 0:
            continue
        if len(words) > 1 and phrase in name:
            score += 10
        elif len(words) > 1 and phrase in definition:
            score += 4
        if all(word in name_words or word == acronym for word in words):
            score += 3
        scored.append((entry, score))
    scored.sort(key=lambda pair: (-pair[1], pair[0].label.casefold(), pair[0].id))
    return scored[:limit] if limit else scored
