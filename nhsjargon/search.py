"""Search that understands questions: exact hits first, then ranked matches, and relation
questions ("what replaced CCGs", "what came before ICSs", "ICB vs ICP") answered from the base's
typed relations.

Ranking: each query word (folded like the index: plurals off, stop words out) scores
idf(word) x the weight of the field it is in (acronym 8, name 5, aliases 4, definition 1,
notes 0.5), with a bonus for entries that have every word and for the whole phrase in the
name. The HTML glossary ranks with the same weights (render/html.py embeds this index).
"""

from __future__ import annotations

import math

from nhsjargon.knowledge.index import SEARCH_FIELDS, STOP_WORDS, search_words
from nhsjargon.lookup import find
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import PREDECESSOR_RELATIONS, SUCCESSOR_RELATIONS

FIELD_WEIGHTS = {"acronym": 8.0, "name": 5.0, "aliases": 4.0, "definition": 1.0, "notes": 0.5}
_WEIGHTS = tuple(FIELD_WEIGHTS[field] for field in SEARCH_FIELDS)
MAX_WORDS = 32  # distinct words of a query that count; a longer query is not a question
EXACT = 1000.0  # the score of an exact acronym or name hit, above any ranked one
_ALL_WORDS_BONUS = 1.5
_PHRASE_BONUS = 6.0

# Phrasings of relation questions: (the words before the term, what they ask for).
_ASKS_AFTER = (
    "what replaced",
    "what took over from",
    "what came after",
    "what followed",
    "what succeeded",
    "successor of",
    "successor to",
    "replacement for",
    "replacement of",
    "what happened to",
)
_ASKS_BECAME = ("what did", "what has", "what have")  # ... X become
_ASKS_BEFORE = (
    "what came before",
    "what preceded",
    "what was before",
    "predecessor of",
    "predecessors of",
    "what did",
    "where did",
    "what was replaced by",
    "origin of",
    "origins of",
)
_COMPARE_JOINS = (" vs. ", " vs ", " versus ", " compared with ", " compared to ")


class Hit:
    __slots__ = ("entry", "score")

    def __init__(self, entry: Entry, score: float) -> None:
        self.entry, self.score = entry, score


class Answer:
    """A relation question answered: `asked` the term(s) it is about, `found` the answer."""

    __slots__ = ("kind", "asked", "found", "terms")

    def __init__(
        self, kind: str, asked: tuple[Entry, ...], found: tuple[Entry, ...], terms: tuple[str, ...] = ()
    ) -> None:
        self.kind = kind  # "after", "before" or "compare"
        self.asked, self.found = asked, found
        self.terms = terms  # the question's terms as written ("CCGs"): what the ranking looks for


class Result:
    __slots__ = ("hits", "answer", "words")

    def __init__(self, hits: list[Hit], answer: Answer | None, words: tuple[str, ...]) -> None:
        self.hits, self.answer, self.words = hits, answer, words


def _clean(text: str) -> str:
    return " ".join(text.replace("?", " ").replace("\u2019", "'").split()).strip()


_LEADING = ("the", "a", "an")
_TRAILING = ("become", "becomes", "replace", "come", "from", "mean", "now", "turn", "into", "replaced")
_ENDS_AFTER = ("become", "becomes", "turn", "into")  # "what did X become": what came after
_ENDS_BEFORE = ("replace", "from", "come")  # "what did X replace": what came before


def _term(text: str) -> str:
    """The term in a question: without "the", "a" and a trailing "become", "come from" and the like."""
    words = text.split()
    while words and words[0].casefold() in _LEADING:
        words = words[1:]
    while words and words[-1].casefold() in _TRAILING:
        words = words[:-1]
    return " ".join(words)


def _as_written(term: str, query: str) -> str:
    """`term`, cut from the case-folded query, as the query wrote it: "PAs" (physician
    associates) is not "pas"."""
    folded = query.casefold()
    at = folded.find(term)
    return query[at : at + len(term)] if at >= 0 and len(folded) == len(query) else term


def grammar() -> dict[str, list[str]]:
    """The phrasings of relation questions, for the HTML page to read questions as this does."""
    return {
        "after": list(_ASKS_AFTER),
        "before": list(_ASKS_BEFORE),
        "became": list(_ASKS_BECAME),
        "leading": list(_LEADING),
        "trailing": list(_TRAILING),
        "ends_after": list(_ENDS_AFTER),
        "ends_before": list(_ENDS_BEFORE),
    }


def _linked(
    knowledge: KnowledgeBase, senses: tuple[Entry, ...], relations: frozenset[str]
) -> tuple[Entry, ...]:
    found: dict[str, Entry] = {}
    for sense in senses:
        for link in sense.related:
            if link.relation in relations and link.id in knowledge.by_id:
                found.setdefault(link.id, knowledge.by_id[link.id])
    return tuple(
        sorted(found.values(), key=lambda e: (e.introduced.key() if e.introduced else (9999, 0, 0), e.id))
    )


def question(knowledge: KnowledgeBase, text: str) -> Answer | None:
    """A relation question, answered; None if the text is not one (or names no known term)."""
    query = _clean(text)
    folded = query.casefold()
    padded = f" {folded} "
    for join in _COMPARE_JOINS:
        if join in padded:
            left, _, right = padded.partition(join)
            left = left.strip().removeprefix("the difference between").removeprefix("difference between")
            terms = tuple(_as_written(_term(part.strip()), query) for part in (left, right))
            found = [find(knowledge, term) for term in terms]
            if all(found):
                return Answer("compare", (found[0][0], found[1][0]), (), terms)
    if folded.startswith(("difference between ", "the difference between ", "compare ")):
        rest = folded.split("between ", 1)[-1].removeprefix("compare ")
        left, sep, right = rest.partition(" and ")
        first, second = (_as_written(_term(part), query) for part in (left, right))
        if sep and (a := find(knowledge, first)) and (b := find(knowledge, second)):
            return Answer("compare", (a[0], b[0]), (), (first, second))
    asks = [("after", prefix) for prefix in _ASKS_AFTER] + [("before", prefix) for prefix in _ASKS_BEFORE]
    for kind, prefix in asks:
        if not folded.startswith(prefix + " "):
            continue
        rest = query[len(prefix) + 1 :]
        ending = rest.casefold().split()[-1:] or [""]
        if prefix in _ASKS_BECAME:
            kind = "after" if ending[0] in _ENDS_AFTER else ("before" if ending[0] in _ENDS_BEFORE else "")
            if not kind:
                continue
        if prefix == "where did":
            kind = "before"
        senses = find(knowledge, _term(rest))
        if senses:
            relations = SUCCESSOR_RELATIONS if kind == "after" else PREDECESSOR_RELATIONS
            # the senses the base has an answer for (CCG the commissioning group, not the charity)
            answered = tuple(s for s in senses if _linked(knowledge, (s,), relations)) or senses[:1]
            return Answer(kind, answered, _linked(knowledge, answered, relations), (_term(rest),))
    return None


def _postings(blob: bytes) -> memoryview:
    return memoryview(blob).cast("I")


def ranked(knowledge: KnowledgeBase, text: str) -> tuple[dict[int, float], tuple[str, ...]]:
    """Scores by entry number for the words of `text`, and the words that counted."""
    words = tuple(dict.fromkeys(search_words(text)))[:MAX_WORDS]
    index = knowledge.words or {}
    total = max(len(knowledge), 1)
    scores: dict[int, float] = {}
    matched: dict[int, int] = {}
    for word in words:
        blob = index.get(word)
        if not blob:
            continue
        postings = _postings(blob)
        entries = {value >> 3 for value in postings}
        idf = math.log(1 + (total - len(entries) + 0.5) / (len(entries) + 0.5))
        seen = set()
        for value in postings:
            number = value >> 3
            scores[number] = scores.get(number, 0.0) + idf * _WEIGHTS[value & 7]
            if number not in seen:
                seen.add(number)
                matched[number] = matched.get(number, 0) + 1
    if len(words) > 1:
        for number, count in matched.items():
            if count == len(words):
                scores[number] *= _ALL_WORDS_BONUS
    return scores, words


def _exact(knowledge: KnowledgeBase, text: str, answer: Answer | None) -> list[Entry]:
    """The entries a query names outright, best first: a question's answer, then what it asks
    about; else the whole query as an acronym or name, then each acronym in it ("ICB ICP")."""
    if answer is not None:
        return list(dict.fromkeys((*answer.found, *answer.asked)))
    query = _clean(text)
    if len(query) > 200:
        return []
    found = list(find(knowledge, query))
    for word in query.split()[:MAX_WORDS]:
        word = word.strip(",;:.!()")
        if sum(c.isupper() for c in word) >= 2 and word != query:
            found += find(knowledge, word)
    return list(dict.fromkeys(found))


def search(knowledge: KnowledgeBase, text: str, limit: int | None = 20) -> Result:
    """Exact hits first (a question's answer; the query, or an acronym in it), then the ranked
    rest. A question is ranked on its terms alone: "what replaced CCGs" looks for CCGs."""
    answer = question(knowledge, text)
    exact = _exact(knowledge, text, answer)
    scores, words = ranked(knowledge, " ".join(answer.terms) if answer is not None else text)
    ids = list(knowledge.by_id)
    phrase = " ".join(words)
    best = sorted(scores.items(), key=lambda item: -item[1])[: max(limit or 0, 20) * 3]
    hits: dict[str, Hit] = {entry.id: Hit(entry, EXACT - rank) for rank, entry in enumerate(exact)}
    rescored = []
    for number, score in best:
        entry = knowledge.by_id[ids[number]]
        if entry.id in hits:
            continue
        if len(words) > 1 and phrase in " ".join(search_words(entry.name + " " + " ".join(entry.aliases))):
            score += _PHRASE_BONUS * len(words)
        rescored.append(Hit(entry, round(score, 1)))
    rescored.sort(key=lambda hit: (-hit.score, hit.entry.label.casefold(), hit.entry.id))
    found = list(hits.values()) + rescored
    return Result(found[:limit] if limit else found, answer, words)


def only_stop_words(text: str) -> bool:
    """Whether a query has no word a search can use ("what is the")."""
    return not search_words(text) and all(word.casefold() in STOP_WORDS for word in _clean(text).split())
