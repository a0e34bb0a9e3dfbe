"""Decode a document: every acronym it uses, how often, where first, and whether it defines it.

Pure and terminal-free. Text is read in blocks that end at a line break (an over-long line
is cut at a space), so memory stays flat however large the input. Each block is scanned by
one compiled regular expression whose matches are counted by `collections.Counter` in C;
Python only looks at a token the first time it appears (to classify it and note where) and
at the few occurrences that need context: a parenthesis next to an acronym (a definition,
"Integrated Care System (ICS)" or "ICS (Integrated Care System)"), or an acronym whose
meaning depends on the document (ambiguous, or gone by now).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import BinaryIO

from nhsjargon.errors import InputError
from nhsjargon.keys import acronym_compact, normalise
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.render.clean import strip_escapes

READ_BYTES = 1 << 20  # bytes read at a time
LONG_LINE = 1 << 20  # a line longer than this (in characters) is scanned in pieces
BINARY_PROBE = 8000  # a NUL byte this early means a binary file (git's rule)
MAX_KEYS = 200_000  # distinct tokens remembered before rare unknown ones are forgotten
MAX_CONTEXTS = 20  # occurrences of an ambiguous or outdated term kept with their context
CONTEXT_CHARS = 500  # characters either side of an occurrence kept as its context
LOOK = 500  # characters kept before an acronym (across blocks) for its definition and context

# One token: a word that starts with a capital or digit (or an opening parenthesis before
# one) and has a capital or digit after that: NHS, A&E, PbR, 111, NHSE/I, STP/ACS, and known
# ones with small letters at the end (LINks, RCPsych); then an optional plural or possessive
# (CCGs, ICB's, ICB’s, CCGs'), then a closing parenthesis or " (" when one follows, so that
# definitions show up in the token itself as "(ICS)" or "ICS (". It starts with a character
# class, which lets the regex engine skip quickly over the small letters of ordinary prose.
TOKEN = re.compile(
    r"[(A-Z0-9](?<![^\W_].)(?<!&.)"
    r"[A-Za-z0-9&]*[A-Z0-9][a-z]*"
    r"(?:/[A-Z0-9][A-Za-z0-9&]*)*"
    r"(?:s|'s|\u2019s|s'|s\u2019)?"
    r"(?![^\W_])"
    r"(?:\)| ?\()?"
)
# The shape of one acronym-like word once the parentheses and suffixes are off.
SHAPE = re.compile(r"[A-Z0-9][A-Za-z0-9&]*[A-Z0-9]")
_FORM = re.compile(r"[A-Z0-9][A-Za-z0-9&]*[A-Z0-9][a-z]*(?:/[A-Z0-9][A-Za-z0-9&]*)*")
SUFFIX = re.compile(r"(?<=[A-Z0-9])(?:s|'s|\u2019s|s'|s\u2019)$")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_OR_BEFORE = re.compile(r"(?:,\s*|\s+)or\s*$")
_NAME_AFTER = re.compile(r"[ \t]?\(\s*([^()]{2,200}?)\s*\)")
_WORDS = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_YEAR = re.compile(r"(?:19[5-9]|20[0-4])[0-9]")
_QUALIFIER = re.compile(r"\s*\([^()]*\)")

# Capitalised words and acronyms common in English prose but not NHS jargon: not reported
# as unknown (roman numerals are left out too). Known acronyms always win over this list.
COMMON_WORDS = frozenset(
    """
    UK US USA EU UN GB WHO BBC ITV CEO CFO COO CTO HR IT ICT AI PC TV PDF HTML URL FAQ FAQs OK
    AM PM BC AD GMT BST UTC ID IDs PS NB TBC TBD ASAP FYI RSVP CV MP MPs MEP QC KC PhD MBA DIY
    LTD PLC CIC VAT GDP ONS PR CSV JSON XML API SMS USB CD DVD IP Q&A R&D COVID SARS FY YoY
    A I THE AND OR OF TO IN ON AT FOR BY WITH FROM NOT NO YES IS ARE WAS BE IT AN AS IF SO
    NEW ALL OUR WE YOU HOW WHAT WHY WHO WHEN NOTE NOTES TITLE PAGE CONTENTS SUMMARY APPENDIX
    """.split()
)
_FILLER = frozenset({"and", "&", "of", "the", "for", "in", "on", "to", "with", "a", "an", "at", "by"})
_STOPWORDS = frozenset(
    """that this with from their there which these those have has been were will would could should
    into onto than then them they what when where while also more most such each other some only
    over under between about after before being does done very much many well""".split()
)


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Definition:
    """Where the document defines an acronym, and the senses whose name it gives (none when the
    definition only spells the letters out: "Multi-specialist Community-based Provider (MCP)")."""

    offset: int
    line: int
    senses: tuple[Entry, ...]


@dataclass(frozen=True)
class Occurrence:
    """One use of a term with the text around it (as written: line breaks kept)."""

    offset: int
    line: int
    column: int
    before: str
    written: str
    after: str

    @property
    def context(self) -> str:
        return " ".join((self.before + self.written + self.after).split())


@dataclass(frozen=True)
class Found:
    """One known acronym in a document, with the sense chosen for it."""

    acronym: str
    entry: Entry
    senses: tuple[Entry, ...]
    count: int
    first_line: int
    first_column: int
    first_offset: int  # characters from the start of the text
    first_form: str  # as first written: "CCGs", "ICB's"
    insert_at: int  # where an expansion goes after the first use (after "CCGs", "STP/ACS")
    definitions: tuple[Definition, ...]
    contexts: tuple[Occurrence, ...]  # kept only for ambiguous or dated terms
    choice: str = ""  # why this sense, when there were several ("nearby words: partnership")

    @property
    def defined(self) -> bool:
        return bool(self.definitions)

    @property
    def defined_at_first_use(self) -> bool:
        return any(definition.offset == self.first_offset for definition in self.definitions)


@dataclass(frozen=True)
class Unknown:
    token: str
    count: int
    first_line: int


@dataclass(frozen=True)
class Decoded:
    name: str
    terms: tuple[Found, ...]  # by acronym
    unknown: tuple[Unknown, ...]  # most frequent first
    lines: int
    characters: int
    replaced: int = 0  # undecodable bytes shown as U+FFFD
    forgot_rare: bool = False  # too many distinct tokens: some rare unknown ones went uncounted


# ---------------------------------------------------------------- reading


class TextReader:
    """UTF-8 text from a binary stream, in blocks that end at a line break.

    Iterating reads the stream once; `bytes_read` and `replaced` follow along. A NUL byte
    near the start means a binary file: an InputError, not a page of garbage.
    """

    def __init__(self, stream: BinaryIO, name: str, tee: BinaryIO | None = None,
                 read_bytes: int = READ_BYTES, long_line: int = LONG_LINE) -> None:
        self.stream, self.name, self.tee = stream, name, tee
        self.read_bytes, self.long_line = read_bytes, long_line
        self.bytes_read = 0
        self.replaced = 0

    def __iter__(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
        carry = ""
        last2 = b""
        first = True
        while True:
            try:
                raw = self.stream.read(self.read_bytes)
            except OSError as exc:
                raise InputError(f"{self.name}: cannot read ({exc.strerror or exc})") from None
            if first:
                self._refuse_binary(raw)
                first = False
            if self.tee is not None and raw:
                self.tee.write(raw)
            self.bytes_read += len(raw)
            text = decoder.decode(raw, final=not raw)
            if "\ufffd" in text:  # replacements made, less any U+FFFD written in the file itself
                self.replaced += text.count("\ufffd") - (last2 + raw).count(b"\xef\xbf\xbd")
            last2 = raw[-2:]
            text = carry + text if carry else text
            if "\x1b" in text:  # so that "ESC[31mICS" reads as ICS (and offsets agree on both passes)
                text = strip_escapes(text)
            if not raw:
                if text:
                    yield text
                return
            cut = text.rfind("\n") + 1
            if cut == 0:
                if len(text) < self.long_line:
                    carry = text
                    continue
                # One very long line: cut it at a space so no token is split.
                cut = max(text.rfind(" "), text.rfind("\t")) + 1 or len(text)
            carry = text[cut:]
            yield text[:cut]

    def _refuse_binary(self, raw: bytes) -> None:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(f"{self.name}: UTF-16 text is not supported",
                             hint="convert it first: iconv -f UTF-16 -t UTF-8")
        if b"\x00" in raw[:BINARY_PROBE]:
            raise InputError(f"{self.name}: looks like a binary file, not text")


# ---------------------------------------------------------------- the acronym table


def _looks_like_acronym(text: str) -> bool:
    """Whether TOKEN can match this form of an entry (NHS, A&E, 111, NHSE/I, N3, LINks; not
    "NHS 111" or iBCF, whose first letter is small)."""
    return bool(_FORM.fullmatch(text))


class AcronymTable:
    """The knowledge base's acronyms (and acronym-like aliases and misspellings, e.g. WBP)
    keyed as `keys.acronym_compact` keys them, each with its senses, best first.

    Built from entries' acronyms rather than the whole name index so that a capitalised
    ordinary word ("MONITOR", "VANGUARD") is not taken for an acronym.
    """

    def __init__(self, knowledge: KnowledgeBase) -> None:
        from nhsjargon.kb import sense_order

        primary: dict[str, list[Entry]] = {}
        secondary: dict[str, list[Entry]] = {}
        for entry in knowledge.entries:
            if entry.acronym and _looks_like_acronym(entry.acronym):
                primary.setdefault(acronym_compact(entry.acronym), []).append(entry)
            for form in (*entry.misspellings, *entry.aliases):
                if _looks_like_acronym(form):
                    secondary.setdefault(acronym_compact(form), []).append(entry)
        self.senses: dict[str, tuple[Entry, ...]] = {
            key: tuple(sorted(dict.fromkeys(entries), key=sense_order)) for key, entries in primary.items()}
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
                self.display[key] = next(form for form in (*entries[0].misspellings, *entries[0].aliases)
                                         if acronym_compact(form) == key)

    def get(self, word: str) -> str | None:
        """The table key for an acronym-like word (plural and possessive already off), if known."""
        key = self.canonical.get(acronym_compact(word))
        if key is None and len(word) >= 4 and word.endswith("S") and word[:-1].isupper():
            key = self.canonical.get(acronym_compact(word[:-1]))  # "CCGS" in a shouted heading
        return key


def reportable(word: str) -> bool:
    """Whether an unknown acronym-like word is worth listing (not 2024, not XIV, not UK)."""
    return (sum(c.isupper() for c in word) >= 2 and not word.isdigit() and word not in COMMON_WORDS
            and not _ROMAN.fullmatch(word))


@dataclass(frozen=True)
class Part:
    """One acronym-like word inside a token: "(STP/ACSs)" holds STP and ACS."""

    word: str  # plural and possessive removed
    start: int  # offset in the token
    end: int  # offset after the word and its suffix
    key: str | None  # the acronym table's key; None when unknown


def split_token(token: str, table: AcronymTable) -> tuple[Part, ...]:
    """The acronym-like words in a token matched by TOKEN, known or worth reporting."""
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
    suffix = SUFFIX.search(text)
    word = text[: suffix.start()] if suffix else text
    key = table.get(word)
    if key is None and not ("/" not in word and SHAPE.fullmatch(word) and reportable(word)):
        return None
    return Part(word, offset, offset + len(text), key)


def tokens(text: str, table: AcronymTable) -> list[tuple[str, str | None, int]]:
    """Every acronym-like word in `text` with its table key and offset (for tests and tools)."""
    found = []
    for match in TOKEN.finditer(text):
        for part in split_token(match.group(), table):
            found.append((part.word, part.key, match.start() + part.start))
    return found


# ---------------------------------------------------------------- definitions


def _stem(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _stems(text: str) -> list[str]:
    return [_stem(word) for word in normalise(text).split()]


@functools.lru_cache(maxsize=4096)
def _names(entry: Entry) -> list[list[str]]:
    """Each of an entry's names as word stems, without a qualifier such as "(provider alliance)"."""
    names = (_QUALIFIER.sub("", name) for name in (entry.name, *entry.aliases))
    return [_stems(name) for name in names if " " in name.strip()]


def _names_end(phrase: str, entry: Entry) -> bool:
    """Whether `phrase` ends with one of the entry's names, whatever the case, plural or hyphens."""
    words = _stems(phrase)
    for name in _names(entry):
        joined = "".join(name)
        if any("".join(words[-k:]) == joined for k in range(1, len(name) + 3)):
            return True
    return False


def _names_start(content: str, entry: Entry) -> bool:
    words = _stems(content)
    while words and words[0] in ("the", "a", "an"):
        words = words[1:]
    joined = "".join(words)
    return any(joined.startswith("".join(name)) for name in _names(entry))


def _spells(words: list[str], letters: str) -> bool:
    """Whether the words end with ones whose initials spell `letters` ("Sustainability &
    Transformation Plan" spells STP); small words may be skipped, capitalised words ("NHS
    England") give all their letters."""
    i, j = len(letters), len(words) - 1
    while i > 0 and j >= 0:
        word = words[j]
        folded = word.casefold()
        if len(word) > 1 and word.isupper() and letters[:i].endswith(folded):
            i -= len(folded)
        elif folded[:1] == letters[i - 1]:
            i -= 1
        elif folded not in _FILLER:
            return False
        j -= 1
    return i == 0


def _spelled_before(phrase: str, word: str) -> bool:
    letters = "".join(c for c in word.casefold() if c.isalpha())
    if len(letters) < 2:
        return False
    spaced = phrase.replace("&", " & ").split()[-(3 * len(letters)):]
    for words in (spaced, [w for chunk in spaced for w in re.split(r"[-\u2010-\u2015]", chunk)]):
        cleaned = [w for w in (re.sub(r"[^\w&]", "", w) for w in words) if w]
        if _spells(cleaned, letters):
            return True
    return False


def _spelled_inside(content: str, word: str) -> bool:
    letters = "".join(c for c in word.casefold() if c.isalpha())
    words = [w for w in (re.sub(r"[^\w&]", "", w) for w in content.replace("&", " & ").split()) if w]
    if len(letters) < 2 or not words:
        return False
    for count in range(len(words), 0, -1):  # "Integrated Care System, since 2018" spells ICS early
        if _spells(words[:count], letters) and words[0].casefold()[:1] == letters[0]:
            return True
    return False


_LIST_BEFORE = re.compile(r"(?:[A-Z0-9][A-Za-z0-9&]*(?:'s|\u2019s|s)?[ \t]*/[ \t]*)+$")
_LIST_AFTER = re.compile(r"^(?:[ \t]*/[ \t]*[A-Z0-9][A-Za-z0-9&]*(?:'s|\u2019s|s)?)+")


def _alternatives(phrase: str, limit: int = 8) -> list[str]:
    """The phrase, then each reading of its slashed words ("integrated/accountable care")."""
    words = phrase.split()
    slashed = [i for i, w in enumerate(words) if "/" in w and "://" not in w][-3:]
    variants = [phrase]
    if not slashed:
        return variants
    readings: list[list[str]] = [words]
    for i in slashed:
        readings = [reading[:i] + [choice] + reading[i + 1:]
                    for reading in readings for choice in words[i].split("/") if choice]
    variants += [" ".join(r) for r in readings[:limit]]
    return variants


def definition_at(
    before: str, after: str, word: str, senses: tuple[Entry, ...]
) -> tuple[bool, tuple[Entry, ...]]:
    """Whether an acronym with this text around it is being defined, and the senses it names.

    Accepts "Name (ACR)", "Name, or ACR" and "ACR (Name)", whatever the case and number,
    where Name is one of a sense's names or simply spells the acronym's letters.
    """
    # "integrated/accountable care organisations (ICOs/ACOs)": each acronym of a bracketed
    # slash list is defined by the matching alternative of the name before it
    trimmed = _LIST_BEFORE.sub("", before.rstrip(" \t"))
    after = _LIST_AFTER.sub("", after)
    phrase = None
    if trimmed.endswith("(") and after.lstrip(" \t").startswith(")"):
        phrase = trimmed[:-1]
    else:
        match = _OR_BEFORE.search(before)
        if match:
            phrase = before[: match.start()]
    if phrase is not None:
        phrase = " ".join(phrase.split()[-40:])  # the name may wrap onto the line before
        variants = _alternatives(phrase)
        for variant in variants:  # a reading that names a sense first, then one that spells it
            named = tuple(sense for sense in senses if _names_end(variant, sense))
            if named:
                return True, named
        if any(_spelled_before(variant, word) for variant in variants):
            return True, ()
    match = _NAME_AFTER.match(after)
    if match:
        content = " ".join(match.group(1).split())
        named = tuple(sense for sense in senses if _names_start(content, sense))
        if named or _spelled_inside(content, word):
            return True, named
    return False, ()


# ---------------------------------------------------------------- scanning


@dataclass
class _Term:
    key: str
    first: tuple[int, int, int] | None = None  # offset, line, column
    first_form: str = ""
    insert_at: int = 0
    definitions: dict[int, Definition] = field(default_factory=dict)
    contexts: dict[int, Occurrence] = field(default_factory=dict)


class Scanner:
    """Feed it blocks of text in order (each ending at a token boundary); `result()` gives
    the Decoded document."""

    def __init__(self, knowledge: KnowledgeBase, name: str = "<text>",
                 table: AcronymTable | None = None) -> None:
        self.knowledge = knowledge
        self.name = name
        self.table = table or AcronymTable(knowledge)
        self.counts: Counter[str] = Counter()
        self.parts: dict[str, tuple[Part, ...]] = {}  # tokens that matter, split into parts
        self.watch: dict[str, int] = {}  # tokens whose every occurrence is looked at, with count seen
        self.terms: dict[str, _Term] = {}
        self.unknown_first: dict[str, int] = {}
        self.forgot_rare = False
        self.offset = 0  # characters before the current block
        self.lines_before = 0
        self.line_start = 0  # offset of the start of the line the block begins in
        self.tail = ""
        self.block = ""
        self.mark = (0, 1)
        # Acronyms whose meaning depends on the document: ambiguous ones, and dated ones
        # (a check for outdated terms reads how they are written of).
        self.attention = {key for key, senses in self.table.senses.items()
                          if len(senses) > 1 or any(sense.ended for sense in senses)}

    # -- per block

    def feed(self, block: str) -> None:
        if not block:
            return
        self.block = block
        self.mark = (0, self.lines_before + 1)  # a position in the block and its line
        counts = self.counts
        before = len(counts)
        counts.update(TOKEN.findall(block))
        if len(counts) != before:
            for token in list(islice(counts, before, None)):
                self._new(token)
        if self.watch:
            for token, seen in list(self.watch.items()):
                now = counts[token]
                if now != seen:
                    self.watch[token] = now
                    self._every(token)
        newlines = block.count("\n")
        if newlines:
            self.lines_before += newlines
            self.line_start = self.offset + block.rfind("\n") + 1
        self.offset += len(block)
        self.tail = block[-LOOK:]
        if len(counts) > MAX_KEYS:
            self._forget()

    def _new(self, token: str) -> None:
        parts = split_token(token, self.table)
        if not parts:
            return
        self.parts[token] = parts
        position = _find(self.block, token)
        if position < 0:  # cannot happen: the token was just matched in this block
            position = 0
        watched = any(p.key is not None and ("(" in token or ")" in token or p.key in self.attention)
                      for p in parts)
        for part in parts:
            if part.key is None:
                if part.word not in self.unknown_first:
                    self.unknown_first[part.word] = self._where(position + part.start)[0]
                continue
            term = self.terms.get(part.key)
            if term is None:
                term = self.terms[part.key] = _Term(part.key)
            start = position + part.start
            if term.first is None or self.offset + start < term.first[0]:
                line, column = self._where(start)
                term.first = (self.offset + start, line, column)
                term.first_form = part.word + token[part.start + len(part.word): part.end]
                term.insert_at = self.offset + position + len(token.rstrip("( )"))
                if not watched:
                    self._look(term, part, start, token, position)
        if watched:
            self.watch[token] = 0

    def _every(self, token: str) -> None:
        """Look at each occurrence of a watched token in the block; stop watching when done."""
        known = [(part, self.terms[part.key]) for part in self.parts[token] if part.key is not None]
        for position in _positions(self.block, token):
            if not self._wanted(token, known):
                break
            for part, term in known:
                self._look(term, part, position + part.start, token, position)
        if not self._wanted(token, known):
            del self.watch[token]

    def _wanted(self, token: str, known: list[tuple[Part, _Term]]) -> bool:
        """Whether more occurrences of a token can tell anything: a definition not yet found
        (for tokens with a parenthesis), or context still short for an ambiguous or dated term."""
        for _, term in known:
            if ("(" in token or ")" in token) and not term.definitions:
                return True
            if term.key in self.attention and len(term.contexts) < MAX_CONTEXTS:
                return True
        return False

    def _look(self, term: _Term, part: Part, start: int, token: str, position: int) -> None:
        """Check one occurrence for a definition, and keep its context if the term needs it."""
        block = self.block
        end = position + part.end
        offset = self.offset + start
        if offset in term.definitions or offset in term.contexts:
            return
        before = block[max(start - LOOK, 0):start]
        if start < LOOK:
            before = self.tail[-(LOOK - start):] + before
        after = block[end:end + LOOK]
        senses = self.table.senses[term.key]
        line = column = 0
        # Once defined (as a known sense), later definitions add nothing: skip the work.
        settled = bool(term.definitions) and (
            len(senses) == 1 or any(d.senses for d in term.definitions.values()))
        is_definition, named = (False, ()) if settled else definition_at(before, after, part.word, senses)
        if is_definition:
            line, column = self._where(start)
            term.definitions[offset] = Definition(offset, line, named)
        if term.key in self.attention and len(term.contexts) < MAX_CONTEXTS:
            if not line:
                line, column = self._where(start)
            term.contexts[offset] = Occurrence(offset, line, column, before[-CONTEXT_CHARS:],
                                               block[start:end], block[end:end + CONTEXT_CHARS])

    def _where(self, position: int) -> tuple[int, int]:
        """Line and column (from 1) of a position in the current block.

        Lines are counted from the last position asked about, not from the block's start:
        a block is a megabyte, and the first block can hold hundreds of new tokens.
        """
        block = self.block
        mark, mark_line = self.mark
        if position >= mark:
            line = mark_line + block.count("\n", mark, position)
        else:
            line = mark_line - block.count("\n", position, mark)
        self.mark = (position, line)
        newline = block.rfind("\n", 0, position)
        if newline >= 0:
            return line, position - newline
        return line, self.offset + position - self.line_start + 1

    def _forget(self) -> None:
        """Bound memory on pathological input: drop tokens that are neither known nor frequent."""
        for token, count in list(self.counts.items()):
            parts = self.parts.get(token)
            if parts and (count > 1 or any(part.key for part in parts)) or _YEAR.fullmatch(token):
                continue
            del self.counts[token]
            if parts:
                del self.parts[token]
                self.forgot_rare = True
        words = {part.word for parts in self.parts.values() for part in parts}
        self.unknown_first = {word: line for word, line in self.unknown_first.items() if word in words}

    # -- the result

    def result(self, as_of: dt.date | None = None, replaced: int = 0) -> Decoded:
        totals: Counter[str] = Counter()
        unknown: Counter[str] = Counter()
        for token, parts in self.parts.items():
            count = self.counts.get(token, 0)
            for part in parts:
                if part.key is not None:
                    totals[part.key] += count
                elif "/" not in part.word:
                    unknown[part.word] += count
        evidence = _Evidence(self, totals, as_of)
        found = []
        for key, term in self.terms.items():
            if term.first is None or not totals[key]:
                continue
            senses = self.table.senses[key]
            entry, choice = evidence.choose(term, senses)
            found.append(Found(
                acronym=entry.acronym or self.table.display.get(key) or key.upper(),
                entry=entry,
                senses=senses,
                count=totals[key],
                first_line=term.first[1],
                first_column=term.first[2],
                first_offset=term.first[0],
                first_form=term.first_form,
                insert_at=term.insert_at,
                definitions=tuple(sorted(term.definitions.values(), key=lambda d: d.offset)),
                contexts=tuple(sorted(term.contexts.values(), key=lambda c: c.offset)),
                choice=choice,
            ))
        found.sort(key=lambda f: (f.acronym.casefold(), f.entry.id))
        unknowns = sorted((Unknown(word, count, self.unknown_first.get(word, 0))
                           for word, count in unknown.items() if count), key=lambda u: (-u.count, u.token))
        lines = self.lines_before + (1 if self.offset > self.line_start else 0)
        return Decoded(self.name, tuple(found), tuple(unknowns), lines, self.offset, replaced,
                       self.forgot_rare)


def _find(block: str, token: str) -> int:
    return next(_positions(block, token), -1)


def _positions(block: str, token: str) -> Iterator[int]:
    """Where `token` stands as a whole token in `block` (a fast str.find, then the boundaries)."""
    size = len(token)
    check_end = token[-1] not in "()"
    limit = len(block)
    index = block.find(token)
    while index >= 0:
        previous = block[index - 1] if index else " "
        following = block[index + size] if index + size < limit else " "
        if not (previous.isalnum() or previous == "&") and not (
                check_end and (following.isalnum() or following == "&")):
            yield index
        index = block.find(token, index + size)


# ---------------------------------------------------------------- choosing a sense


def _span(entry: Entry) -> tuple[dt.date, dt.date]:
    return (entry.introduced.first_day if entry.introduced else dt.date.min,
            entry.ended.last_day if entry.ended else dt.date.max)


def _overlap(a: Entry, b: Entry) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a0 <= b1 and b0 <= a1


def _words(text: str) -> set[str]:
    return {_stem(word) for word in _WORDS.findall(normalise(text))
            if len(word) >= 4 and word not in _STOPWORDS and not word.isdigit()}


class _Evidence:
    """What the document says about its own time and subject, for ambiguous acronyms."""

    def __init__(self, scanner: Scanner, totals: Counter[str], as_of: dt.date | None) -> None:
        self.as_of = as_of
        table = scanner.table
        self.acronyms = {word for key in table.canonical for word in (key, key + "s")}  # not clues
        # Unambiguous dated terms the document uses: their eras tell when it was written.
        self.anchors = [table.senses[key][0] for key in totals
                        if len(table.senses[key]) == 1 and (table.senses[key][0].introduced
                                                             or table.senses[key][0].ended)]
        years: list[int] = []
        for token, count in scanner.counts.items():
            if len(token) == 4 and _YEAR.fullmatch(token):
                years.extend([int(token)] * min(count, 50))
        self.year = sorted(years)[len(years) // 2] if years else None  # the median

    def choose(self, term: _Term, senses: tuple[Entry, ...]) -> tuple[Entry, str]:
        """The sense that fits: the one the document defines, else the best score on nearby
        words, the era of the other terms, the years mentioned and --as-of; and why."""
        if len(senses) == 1:
            return senses[0], ""
        prefix = ""
        for definition in sorted(term.definitions.values(), key=lambda d: d.offset):
            if len(definition.senses) == 1:
                return definition.senses[0], f"the document defines it so on line {definition.line}"
            if definition.senses:  # a name several senses share: choose among those, in order
                senses = tuple(sense for sense in senses if sense in definition.senses)
                prefix = f"the definition on line {definition.line} fits {len(senses)} of them; "
                break
        context = set().union(*(_words(occurrence.context) for occurrence in term.contexts.values()))
        context -= self.acronyms
        shared = set.intersection(*(_words(" ".join((s.name, *s.aliases, s.definition))) for s in senses))
        fits = [sorted({a.label for a in self.anchors if _overlap(a, sense)}) for sense in senses]
        era_matters = len({len(labels) for labels in fits}) > 1
        in_year = [self.year is not None and _span(s)[0].year <= self.year <= _span(s)[1].year
                   for s in senses]
        on_date = [self.as_of is not None and s.active_on(self.as_of) for s in senses]
        scored = []
        for rank, sense in enumerate(senses):
            name_words = _words(" ".join((sense.name, *sense.aliases))) - shared
            named = sorted(name_words & context)
            described = sorted((_words(sense.definition) - shared - name_words) & context)
            score = 3.0 * len(named) + len(described)
            reasons = []
            if named or described:
                reasons.append("nearby words: " + ", ".join((named + described)[:4]))
            if era_matters and fits[rank]:
                score += 1.5 * len(fits[rank])
                reasons.append("fits the era of " + ", ".join(fits[rank][:4]))
            if in_year[rank] and not all(in_year):
                score += 2
                reasons.append(f"in use in {self.year}, the year the document mentions most")
            if on_date[rank] and not all(on_date):
                score += 5
                reasons.append(f"in use on {self.as_of}")
            scored.append((score, -rank, sense, reasons))
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        best, runner_up = scored[0], scored[1]
        if best[0] == runner_up[0] or not best[3]:
            return best[2], prefix + f"no clue in the document, so the {best[2].status} one"
        return best[2], prefix + "; ".join(best[3])


# ---------------------------------------------------------------- entry points


def decode_stream(
    stream: BinaryIO,
    knowledge: KnowledgeBase,
    name: str = "<stdin>",
    as_of: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    tee: BinaryIO | None = None,
) -> Decoded:
    """Decode a document from a binary stream, block by block; `progress` gets bytes read."""
    reader = TextReader(stream, name, tee=tee)
    scanner = Scanner(knowledge, name)
    for block in reader:
        scanner.feed(block)
        if progress is not None:
            progress(reader.bytes_read)
    return scanner.result(as_of, reader.replaced)


def decode_blocks(blocks: Iterable[str], knowledge: KnowledgeBase, name: str = "<text>",
                  as_of: dt.date | None = None) -> Decoded:
    """Decode text given as blocks or lines (each ending at a line break or space)."""
    scanner = Scanner(knowledge, name)
    for block in blocks:
        scanner.feed(block)
    return scanner.result(as_of)


def decode_text(text: str, knowledge: KnowledgeBase, name: str = "<text>",
                as_of: dt.date | None = None) -> Decoded:
    return decode_blocks([text], knowledge, name, as_of)


# ---------------------------------------------------------------- expanding in place


_TRAILING_QUALIFIER = re.compile(r"\s*\([^()]*\)$")


def plural(name: str) -> str:
    """"Integrated Care Systems", "Agencies": a plural of a name for an expansion of "ICSs"."""
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    return name + "s"


def expansions(decoded: Decoded) -> dict[int, str]:
    """Text to insert after each acronym's first use, keyed by offset: " (Integrated Care
    System)". Acronyms the document defines at their first use are left alone."""
    grouped: dict[int, list[Found]] = {}
    for found in decoded.terms:
        if not found.defined_at_first_use:
            grouped.setdefault(found.insert_at, []).append(found)
    inserts = {}
    for offset, group in grouped.items():
        def meaning(found: Found) -> str:
            # "Integrated Care Partnership (statutory joint committee)": the qualifier tells
            # senses apart in the knowledge base, but the document needs only the name
            name = _TRAILING_QUALIFIER.sub("", found.entry.name) or found.entry.name
            written = found.first_form
            is_plural = written.endswith("s") and not written.endswith(("'s", "\u2019s"))
            return plural(name) if is_plural else name

        if len(group) == 1:
            inserts[offset] = f" ({meaning(group[0])})"
        else:
            group.sort(key=lambda f: f.first_offset)
            inserts[offset] = " (" + "; ".join(f"{f.acronym}: {meaning(f)}" for f in group) + ")"
    return inserts


def expand_blocks(blocks: Iterable[str], inserts: dict[int, str]) -> Iterator[str]:
    """The same blocks with the expansions inserted at their offsets."""
    pending = sorted(inserts.items())
    offset = 0
    index = 0
    for block in blocks:
        end = offset + len(block)
        if index >= len(pending) or pending[index][0] > end:
            yield block
        else:
            pieces = []
            last = 0
            while index < len(pending) and pending[index][0] <= end:
                at, text = pending[index]
                pieces.append(block[last:at - offset])
                pieces.append(text)
                last = at - offset
                index += 1
            pieces.append(block[last:])
            yield "".join(pieces)
        offset = end
