"""Assemble a knowledge base: overlays over the base, inverse relations derived, indexes built.

Two indexes are built once, when a file changes, and cached:
- the lookup index: every way a user may write a term (acronym, name, alias, misspelling,
  id), folded by `keys`, to the ids of its senses, best first;
- the search index: each word of names, aliases, definitions and notes (folded by
  `search_words`) to its postings, packed as bytes so that loading the cache stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from nhsjargon.keys import acronym_compact, compact, normalise
from nhsjargon.model import Entry, Event, KnowledgeBase, Relation, sense_order
from nhsjargon.schema import INVERSE_RELATION

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import re

# Fields a search looks in, by the number a posting stores (entry number * 8 + field).
SEARCH_FIELDS = ("acronym", "name", "aliases", "definition", "notes")

STOP_WORDS = frozenset(
    """
a an and are as at be been being but by can could did do does for from had has have how i if in into
is it its of on or our so such than that the their them then there these they this those to was we
were what when where which while who whom why will with would you your also about after before between
over under more most other some any each very much many
""".split()
)


def merge(entries: Iterable[Entry]) -> list[Entry]:
    """Later files override earlier ids (an overlay may redefine a built-in entry)."""
    return list({entry.id: entry for entry in entries}.values())


def derive_inverses(entries: Sequence[Entry]) -> list[Entry]:
    """Each entry with the inverse of every link written on other entries added, marked derived."""
    by_id = {entry.id: entry for entry in entries}
    written = [
        entry.replace(related=tuple(link for link in entry.related if not link.derived)) for entry in entries
    ]
    extra: dict[str, list[Relation]] = {}
    linked = {entry.id: {link.id for link in entry.related} for entry in written}
    for entry in written:
        for link in entry.related:
            if link.id not in by_id or link.id == entry.id or entry.id in linked[link.id]:
                continue
            linked[link.id].add(entry.id)
            extra.setdefault(link.id, []).append(Relation(INVERSE_RELATION[link.relation], entry.id, True))
    return [
        entry.replace(related=entry.related + tuple(extra[entry.id])) if entry.id in extra else entry
        for entry in written
    ]


def _parenthesis_free(text: str) -> str:
    """ "Integrated Care Partnership (statutory joint committee)" -> "Integrated Care Partnership"."""
    while "(" in text and ")" in text[text.index("(") :]:
        start = text.index("(")
        end = text.index(")", start)
        text = (text[:start].rstrip() + " " + text[end + 1 :].lstrip()).strip()
    return text


def _article_free(name: str) -> str:
    """ "The Shipman Inquiry" is also found as "Shipman Inquiry"; not a name of one word after
    "The" ("The Lancet", "the Board"), which would take over the bare word."""
    rest = name[4:] if name[:4].casefold() == "the " else ""
    return rest if len(_parenthesis_free(rest).split()) >= 2 else ""


def lookup_index(entries: Sequence[Entry]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}

    def add(key: str, entry_id: str) -> None:
        if key:
            ids = index.setdefault(key, [])
            if entry_id not in ids:
                ids.append(entry_id)

    for entry in entries:
        add(entry.id, entry.id)
        for text in (entry.acronym, entry.name, *entry.aliases, *entry.misspellings):
            if text:
                # a qualified name is also found without its qualifier, beside the other senses
                for form in {text, _parenthesis_free(text)}:
                    add(compact(form), entry.id)
        if entry.acronym:
            add(acronym_compact(entry.acronym), entry.id)
    written = set(index)
    for entry in entries:  # "Shipman Inquiry" for "The Shipman Inquiry", unless it names another
        for text in map(_article_free, (entry.name, *entry.aliases)):
            for form in {text, _parenthesis_free(text)} if text else ():
                if compact(form) not in written:
                    add(compact(form), entry.id)
    by_id = {entry.id: entry for entry in entries}
    return {key: tuple(sorted(ids, key=lambda i: sense_order(by_id[i]))) for key, ids in index.items()}


def fold_word(word: str) -> str:
    """A search word without its plural ending: "ccgs" -> "ccg" (a possessive's "'s" is split off
    by `normalise`)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_WORD: re.Pattern[str] | None = None
# ASCII text split into runs of [0-9a-z] at C speed: every other byte becomes a space
_NON_ALNUM_TO_SPACE = bytes(c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz" else 32 for c in range(256))


def alnum_runs(text: str) -> list[str]:
    """The runs of [0-9a-z] in normalised text; `re` only for the rare text that is not ASCII
    (a query is nearly always ASCII, and `re` costs start-up time)."""
    if text.isascii():
        return text.encode("ascii").translate(_NON_ALNUM_TO_SPACE).decode("ascii").split()
    global _WORD
    if _WORD is None:
        import re

        _WORD = re.compile(r"[0-9a-z]+")
    return _WORD.findall(text)


def search_words(text: str) -> list[str]:
    """The words of `text` a search matches on: folded, without stop words or single letters."""
    return [
        fold_word(word)
        for word in alnum_runs(normalise(text))
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit())
    ]


def search_index(entries: Sequence[Entry]) -> dict[str, bytes]:
    """word -> postings: native uint32 values of entry number * 8 + field, one per field an
    entry has the word in (repeated once more per further use, up to three)."""
    from array import array

    postings: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        texts = (
            entry.acronym or "",
            entry.name,
            " ".join(entry.aliases),
            entry.definition,
            " ".join(entry.notes),
        )
        for field, text in enumerate(texts):
            counts: dict[str, int] = {}
            for word in search_words(text):
                counts[word] = counts.get(word, 0) + 1
            for word, count in counts.items():
                postings.setdefault(word, []).extend([number * 8 + field] * min(count, 3))
    return {word: array("I", values).tobytes() for word, values in postings.items()}


def build(entries: Sequence[Entry], events: Sequence[Event]) -> KnowledgeBase:
    """The knowledge base of these entries (already merged) and events, with both indexes."""
    complete = tuple(derive_inverses(merge(entries)))
    return KnowledgeBase(complete, tuple(events), lookup_index(complete), words=search_index(complete))
