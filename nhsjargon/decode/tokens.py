"""Acronym-like tokens and the knowledge base's table of acronyms.

TOKEN finds words that start with a capital or digit and have another capital or digit after
that (NHS, A&E, PbR, 111, NHSE/I, STP/ACS, LINks, RCPsych), with an optional plural or
possessive (CCGs, ICB's), and a parenthesis when one touches it, so that definitions show in
the token itself: "(ICS)" or "ICS (". LOWER_TOKEN finds the ones that start with a small
letter: eRS, iBCF, s75. Both are bounded in length: a token longer than any acronym is not
one, so a megabyte-long run of capitals is skipped rather than counted or cut into pieces.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from nhsjargon.keys import acronym_compact
from nhsjargon.model import Entry, KnowledgeBase, sense_order

MAX_WORD = 24  # characters: no acronym is longer (the longest in the base has 12)

TOKEN = re.compile(
    r"[(A-Z0-9](?<![^\W_].)(?<!&.)"
    r"[A-Za-z0-9&]{0,24}[A-Z0-9][a-z]{0,6}"
    r"(?:/[A-Z0-9][A-Za-z0-9&]{0,24}){0,6}"
    r"(?:s|'s|\u2019s|s'|s\u2019)?"
    r"(?![^\W_&])"
    r"(?:\)| ?\()?"
)
LOWER_TOKEN = re.compile(
    r"[a-z](?<![^\W_][a-z])(?<!&[a-z])"
    r"(?:[a-z]?[A-Z][A-Za-z0-9&]{0,20}|(?<=s)[0-9]{1,3}[A-Za-z]?)"
    r"(?:s|'s|\u2019s)?"
    r"(?![^\W_&])"
)
# Where a LOWER_TOKEN may end its small letters: a capital right after a small letter (eRS), or a
# digit right after an s (s75). Both start with a character class the engine scans for fast,
# unlike LOWER_TOKEN, whose first character (any small letter) makes it try almost everywhere.
_MIXED_CASE = re.compile(r"[A-Z](?<=[a-z][A-Z])")
_SECTION_NUMBER = re.compile(r"[0-9](?<=s[0-9])")


def lower_tokens(text: str, start: int = 0) -> list[str]:
    """LOWER_TOKEN.findall(text, start), found from the rare places such a token can turn:
    about twice as fast on ordinary prose, where almost every letter is a small one."""
    found: list[tuple[int, str]] = []
    for pattern, reach in ((_MIXED_CASE, 2), (_SECTION_NUMBER, 1)):
        for match in pattern.finditer(text, start):
            for back in range(1, reach + 1):
                begin = match.start() - back
                if begin < start or not "a" <= text[begin] <= "z":
                    break
                token = LOWER_TOKEN.match(text, begin)
                if token is not None and (begin == start or not _continues(text[begin - 1])):
                    found.append((begin, token.group()))
                    break
    return [token for _, token in sorted(found)]


def _continues(character: str) -> bool:
    """Whether a character before a small letter makes it the middle of a word (LOWER_TOKEN's
    look-behinds: a letter or digit, or &; an underscore does not)."""
    return character.isalnum() or character == "&"


# The shape of one acronym-like word once parentheses and suffixes are off.
SHAPE = re.compile(
    r"[A-Z0-9][A-Za-z0-9&]*[A-Z0-9]|[a-z][a-z]?[A-Z][A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*|s[0-9]{1,3}[A-Za-z]?"
)
SUFFIX = re.compile(r"(?<=[A-Za-z0-9])(?:s|'s|\u2019s|s'|s\u2019)$")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CODE = re.compile(r"([A-Z]{1,6})-?([0-9]{1,4})")

# English words, not acronyms, that turn up in capitals (headings, emphasis): never reported.
# (Not IT: in running text it is information technology, and shouted lines are masked anyway.)
ENGLISH_WORDS = frozenset(
    """
THE AND OR OF TO IN ON AT FOR BY WITH FROM NOT NO YES IS ARE WAS BE AN AS IF SO NEW ALL OUR WE
YOU HOW WHAT WHY WHO WHEN NOTE NOTES TITLE PAGE CONTENTS SUMMARY APPENDIX OK ITEM ITEMS AGENDA
MINUTES PRESENT APOLOGIES PART AND/OR
""".split()
)


_KNOWN_FORM = re.compile(
    r"[A-Z0-9][A-Za-z0-9&]*[A-Z0-9][a-z]*(?:/[A-Z0-9][A-Za-z0-9&]*)*|[a-z][a-z]?[A-Z]"
    r"[A-Za-z0-9&]*|s[0-9]{1,3}[A-Za-z]?"
)


def looks_like_acronym(text: str) -> bool:
    """Whether a token can be this form of an entry (NHS, A&E, 111, NHSE/I, N3, LINks, eRS, s75;
    not "NHS 111", which has a space)."""
    return bool(_KNOWN_FORM.fullmatch(text))


class AcronymTable:
    """The knowledge base's acronyms (and acronym-like aliases and misspellings, e.g. WBP)
    keyed as `keys.acronym_compact` keys them, each with its senses, best first (and "L&D" under
    its own key where the base also knows "LD": see `ampersand`).

    Built from entries' acronyms rather than the whole name index so that a capitalised
    ordinary word ("MONITOR", "VANGUARD") is not taken for an acronym.
    """

    def __init__(self, knowledge: KnowledgeBase) -> None:
        primary: dict[str, list[Entry]] = {}
        secondary: dict[str, list[Entry]] = {}
        for entry in knowledge.entries:
            if entry.acronym and looks_like_acronym(entry.acronym):
                primary.setdefault(acronym_compact(entry.acronym), []).append(entry)
            for form in (*entry.misspellings, *entry.aliases):
                if looks_like_acronym(form):
                    secondary.setdefault(acronym_compact(form), []).append(entry)
        self.senses: dict[str, tuple[Entry, ...]] = {
            key: tuple(sorted(dict.fromkeys(entries), key=sense_order)) for key, entries in primary.items()
        }
        # A misspelling or alias (WBP) counts as its entry's own acronym (WPB), not as a term of its own.
        self.canonical: dict[str, str] = {key: key for key in primary}
        self.display: dict[str, str] = {}  # how to write a key whose entries have no acronym (5YFV)
        for key, entries in secondary.items():
            if key in primary:
                continue
            target = entries[0].acronym
            if target and acronym_compact(target) in primary:
                self.canonical[key] = acronym_compact(target)
            else:
                self.canonical[key] = key
                self.senses[key] = tuple(sorted(dict.fromkeys(entries), key=sense_order))
                self.display[key] = next(
                    form
                    for form in (*entries[0].misspellings, *entries[0].aliases)
                    if acronym_compact(form) == key
                )

        # "L&D" and "LD" are different acronyms of the base (liaison and diversion, learning
        # disability): where both forms exist, a written "&" keeps the term apart, so a paper
        # that uses both gets both, each with its own meaning. The plain key keeps every sense
        # (a paper may write LD for L&D); the "&" key only those written with "&".
        self.ampersand: frozenset[str] = frozenset(
            key
            for key, entries in primary.items()
            if any("&" in (entry.acronym or "") for entry in entries)
            and any("&" not in (entry.acronym or "") for entry in entries)
        )
        for key in self.ampersand:
            written = tuple(sense for sense in self.senses[key] if "&" in (sense.acronym or ""))
            self.senses[ampersand_key(key)] = written
        # Acronyms whose meaning depends on the document: ambiguous ones, and dated ones
        # (a check for outdated terms reads how they are written of).
        self.attention = frozenset(
            key
            for key, senses in self.senses.items()
            if len(senses) > 1 or any(sense.ended for sense in senses)
        )

    def get(self, word: str) -> str | None:
        """The table key for an acronym-like word (plural and possessive already off), if known."""
        key = self.canonical.get(acronym_compact(word))
        if key is None and len(word) >= 4 and word.endswith("S") and word[:-1].isupper():
            key = self.canonical.get(acronym_compact(word[:-1]))  # "CCGS" in a shouted heading
        if key in self.ampersand and "&" in word:
            return ampersand_key(key)  # "L&D", and "L&DS" in a shouted heading
        return key


def ampersand_key(key: str) -> str:
    """The table key of an acronym written with "&" whose letters alone are another acronym."""
    return key + "&"


_built: list[tuple[KnowledgeBase, AcronymTable]] = []  # the last base's table


def table_for(knowledge: KnowledgeBase) -> AcronymTable:
    """The base's acronym table, built once per base: `decode` of many files, or a test decoding
    hundreds of snippets, would otherwise rebuild it (tens of milliseconds) for each."""
    if not _built or _built[0][0] is not knowledge:
        _built[:] = [(knowledge, AcronymTable(knowledge))]
    return _built[0][1]


@functools.cache
def english_words() -> frozenset[str]:
    """data/english_words.txt in capitals: words such as CONFIRMED or INTRODUCTION in a heading."""
    from nhsjargon.knowledge.files import word_list

    return ENGLISH_WORDS.union(word.upper() for word in word_list("english_words.txt"))


def is_english_word(word: str) -> bool:
    """Whether a word in capitals is an ordinary English word (KEY, FACTS, MINUTES), not jargon."""
    return word in ENGLISH_WORDS or (len(word) >= 3 and word in english_words())


def reportable(word: str) -> bool:
    """Whether an unknown acronym-like word is worth listing (not 2024, not XIV, not a word)."""
    capitals = sum(c.isupper() for c in word)
    return (
        len(word) <= MAX_WORD
        and (capitals >= 2 or (capitals and word[0].islower()) or word[0] == "s")
        and not word.isdigit()
        and not is_english_word(word)
        and not _ROMAN.fullmatch(word)
    )


def code_parts(word: str) -> tuple[str, int] | None:
    """("SR", 9) for a code such as SR9 or SR-9: letters then a number."""
    match = _CODE.fullmatch(word)
    return (match.group(1), int(match.group(2))) if match else None


@dataclass(frozen=True)
class Part:
    """One acronym-like word inside a token: "(STP/ACSs)" holds STP and ACS."""

    word: str  # plural and possessive removed
    start: int  # offset in the token
    end: int  # offset after the word and its suffix
    key: str | None  # the acronym table's key; None when unknown


def split_token(token: str, table: AcronymTable) -> tuple[Part, ...]:
    """The acronym-like words in a token matched by TOKEN or LOWER_TOKEN, known or reportable."""
    start = 1 if token.startswith("(") else 0
    end = len(token)
    if token.endswith(")"):
        end -= 1
    elif token.endswith("("):
        end -= 2 if token.endswith(" (") else 1
    body = token[start:end]
    whole = _part(body, start, table)
    if whole is not None:
        return (whole,)
    if "/" not in body:
        return ()
    parts = []
    offset = start
    for piece in body.split("/"):
        part = _part(piece, offset, table)
        if part is not None:
            parts.append(part)
        offset += len(piece) + 1
    return tuple(parts)


def _part(text: str, offset: int, table: AcronymTable) -> Part | None:
    suffix = SUFFIX.search(text) if len(text) > 2 else None
    word = text[: suffix.start()] if suffix else text
    key = table.get(word)
    if key is None and table.get(text) is not None:  # an acronym that ends in s: "LINks", "PROMs"
        word, key = text, table.get(text)
    if key is None and not ("/" not in word and SHAPE.fullmatch(word) and reportable(word)):
        return None
    return Part(word, offset, offset + len(text), key)


def tokens(text: str, table: AcronymTable) -> list[tuple[str, str | None, int]]:
    """Every acronym-like word in `text` with its table key and offset (for tests and tools)."""
    found = []
    for pattern in (TOKEN, LOWER_TOKEN):
        for match in pattern.finditer(text):
            for part in split_token(match.group(), table):
                found.append((part.word, part.key, match.start() + part.start))
    return sorted(found, key=lambda item: item[2])


def find_token(block: str, token: str) -> int:
    """Where `token` first stands as a whole token in `block`, or -1."""
    return next(token_positions(block, token), -1)


def token_positions(block: str, token: str) -> Iterator[int]:
    """Where `token` stands as a whole token in `block` (a fast str.find, then the boundaries)."""
    size = len(token)
    check_end = token[-1] not in "()"
    check_start = token[0] != "("
    limit = len(block)
    index = block.find(token)
    while index >= 0:
        previous = block[index - 1] if index else " "
        following = block[index + size] if index + size < limit else " "
        if not (check_start and (previous.isalnum() or previous == "&")) and not (
            check_end and (following.isalnum() or following == "&")
        ):
            yield index
        index = block.find(token, index + size)
