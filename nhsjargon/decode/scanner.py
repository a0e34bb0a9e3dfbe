"""The scanner: one pass over a document's blocks, counting acronyms and noting what matters.

Each block is masked (decode.noise), then scanned by two compiled regular expressions whose
matches are counted by `collections.Counter` in C. Python looks only at a token the first
time it appears (to classify it and note where) and at the few occurrences that need
context: a bracket next to an acronym (a definition), or an acronym whose meaning depends on
the document (ambiguous, or gone by now), or whose first use sits inside a proper name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from nhsjargon.decode import definitions, noise
from nhsjargon.decode.results import Definition, Occurrence, Person
from nhsjargon.decode.tokens import (
    TOKEN,
    Part,
    find_token,
    lower_tokens,
    split_token,
    table_for,
    token_positions,
)
from nhsjargon.keys import acronym_compact
from nhsjargon.model import KnowledgeBase

MAX_KEYS = 100_000  # distinct tokens remembered before rare unknown ones are forgotten
MAX_CONTEXTS = 20  # occurrences of an ambiguous or outdated term kept with their context
MAX_LOOKS = 200  # occurrences of one term looked at one by one, at most
CONTEXT_CHARS = 500  # characters either side of an occurrence kept as its context
LOOK = 500  # characters kept before an acronym (across blocks) for its definition and context
HEAD_CHARS = 16_000  # the start of the document, kept to find its date
DOC = "="  # the prefix of a key for an acronym only the document defines
NAME_REACH = 200  # characters before bracketed initials searched for the person's name


@dataclass
class Term:
    key: str
    first: tuple[int, int, int] | None = None  # offset, line, column
    first_form: str = ""
    insert_at: int = -1  # after the first standalone use: where an expansion may go
    insert_inside: bool = False  # that use is inside brackets: expand with a comma, not new brackets
    named_at: int = -1  # a use inside a proper name ("NHS England"), if no standalone one is found
    definitions: dict[int, Definition] = field(default_factory=dict)
    contexts: dict[int, Occurrence] = field(default_factory=dict)
    word: str = ""
    looked: int = 0  # occurrences looked at one by one: bounded, so a huge document stays fast


class Scanner:
    """Feed it blocks of text in order; `terms`, `counts` and the rest then describe the document."""

    def __init__(self, knowledge: KnowledgeBase, name: str = "<text>") -> None:
        self.knowledge, self.name = knowledge, name
        self.table = table_for(knowledge)  # built once per base, shared by every document
        self.masker = noise.Masker()
        self.counts: Counter[str] = Counter()
        self.parts: dict[str, tuple[Part, ...]] = {}  # tokens that matter, split into parts
        self.watch: dict[str, int] = {}  # tokens whose every occurrence is looked at, with count seen
        self.terms: dict[str, Term] = {}
        self.unknown_first: dict[str, tuple[int, int, int]] = {}  # word -> (line, column, offset)
        self.people: dict[str, Person] = {}
        self.units: set[str] = set()
        self.codes: set[str] = set()  # reference codes (ICBP/2223/036): never acronyms
        self.forgot_rare = False
        self.offset = 0  # characters before the current block
        self.lines_before = 0
        self.line_start = 0  # offset of the start of the line the block begins in
        self.tail = ""
        self.block = ""
        self.scanned = ""  # the block as tokens are counted in it (headings' ordinary words blanked)
        self.head = ""  # the document's first characters, for its date
        self.mark = (0, 1)
        self.attention = self.table.attention  # ambiguous and dated acronyms: contexts are kept

    # -- per block

    def feed(self, block: str, cut_in_word: bool = False) -> None:
        if not block:
            return
        if len(self.head) < HEAD_CHARS:
            self.head += block[: HEAD_CHARS - len(self.head)]
        text = self.masker.mask(block)
        self.block = text  # definitions and contexts are read here, headings in capitals included
        self.mark = (0, self.lines_before + 1)  # a position in the block and its line
        scanned = self._shout_masked(text)
        if cut_in_word:  # the block ends inside a giant word: its last piece is no token
            cut = max(text.rfind(" "), text.rfind("\n"), text.rfind("\t")) + 1
            scanned = text[:cut]
        self.scanned = scanned
        counts = self.counts
        before = len(counts)
        start = 0
        if self.tail and (self.tail[-1].isalnum() or self.tail[-1] == "&"):  # a word carried over: skip it
            while start < len(scanned) and not scanned[start].isspace():
                start += 1
        counts.update(TOKEN.findall(scanned, start))
        counts.update(lower_tokens(scanned, start))
        if len(counts) != before:
            for token in list(islice(counts, before, None)):
                self._new(token)
        if self.watch:
            for token, seen in list(self.watch.items()):
                now = counts[token]
                if now != seen:
                    self.watch[token] = now
                    self._every(token)
        newlines = text.count("\n")
        if newlines:
            self.lines_before += newlines
            self.line_start = self.offset + text.rfind("\n") + 1
        self.offset += len(text)
        self.tail = text[-LOOK:]
        if len(counts) > MAX_KEYS:
            self._forget()

    def _shout_masked(self, block: str) -> str:
        """Headings in capitals: their words that are not known acronyms are not tokens."""
        spans = self.masker.shouted
        if not spans:
            return block
        pieces, last = [], 0
        for start, end in spans:
            words = block[start:end].split(" ")
            small = [noise.heading_word(w) in noise.HEADING_WORDS for w in words]
            sentence = sum(small) - 1 >= noise.SENTENCE_LIKE  # other small words besides one
            words = [
                w if not (is_small and sentence) and self._known(w) else " " * len(w)
                for w, is_small in zip(words, small, strict=True)
            ]
            pieces += [block[last:start], " ".join(words)]
            last = end
        pieces.append(block[last:])
        return "".join(pieces)

    def _known(self, word: str) -> bool:
        """A word of a heading in capitals that is a known acronym (a plural or possessive too)."""
        return bool(self.table.get(word.rstrip("s'")) or self.table.get(word))

    def _new(self, token: str) -> None:
        if "/" in token and any(piece.strip("()").isdigit() for piece in token.split("/")):
            self.codes.add(token)  # a minute or reference number: ICBP/2223/036, 15/208
            return
        parts = split_token(token, self.table)
        if not parts:
            return
        position = find_token(self.scanned, token)
        if position < 0:  # cannot happen: the token was just matched in this block
            position = 0
        if noise.postcode_at(self.scanned, token, position):
            self.codes.add(token)
            return
        bracket = "(" in token or ")" in token
        parts = tuple(
            p for p in parts if not self._not_jargon(token, p, position + p.start, position, bracket)
        )
        if not parts:
            return
        self.parts[token] = parts
        watched = bracket or any(p.key is not None and p.key in self.attention for p in parts)
        for part in parts:
            start = position + part.start
            if part.key is None:
                self._first_unknown(token, part, start)
                if bracket and part.word not in self.people:
                    watched = True
                continue
            term = self.terms.get(part.key)
            if term is None:
                term = self.terms[part.key] = Term(part.key, word=part.word)
            if term.first is None or self.offset + start < term.first[0]:
                line, column = self._where(start)
                term.first = (self.offset + start, line, column)
                term.first_form = part.word + token[part.start + len(part.word) : part.end]
            self._note_use(term, part, start, token, position)
            if not watched:
                self._look(term, part, start, token, position)
        if watched or any(p.key is not None and self.terms[p.key].insert_at < 0 for p in parts if p.key):
            self.watch[token] = 0

    def _not_jargon(self, token: str, part: Part, start: int, position: int, bracket: bool) -> bool:
        """A unit after a number ("297 KB"), or someone's initials: in a run of them ("(MBe)
        (JG) (JBl)") or after the person's name ("Michael Fanning, Director of Nursing (MF)"),
        whether or not the base has an acronym of those letters."""
        word = part.word
        before = self._before(start, token, position)
        if word.upper() in noise.UNITS and noise.after_number(before):
            self.units.add(word)
            return True
        if not bracket:
            return False
        if word in self.people:
            return True
        before_token = before[: len(before) - (start - position)]
        near = before_token[-40:]
        if noise.initials_run(near + self.block[position : position + 40], len(near)):
            self.people[word] = Person(word, "", self._where(start)[0])
            return True
        name = definitions.named_person(before[-NAME_REACH:], word)
        if name:
            self.people[word] = Person(word, name, self._where(start)[0])
            return True
        return False

    def _first_unknown(self, token: str, part: Part, start: int) -> None:
        """An acronym the base does not know: a definition, someone's initials, or unknown."""
        if part.word not in self.unknown_first:
            self.unknown_first[part.word] = (*self._where(start), self.offset + start)
        self._define_unknown(token, part, start, start - part.start)

    def _define_unknown(self, token: str, part: Part, start: int, position: int) -> None:
        if part.word in self.people or DOC + acronym_compact(part.word) in self.terms:
            return
        before = self._before(start, token, position)
        after = self.block[position + part.end : position + part.end + LOOK]
        found = definitions.long_form(before, after, part.word)
        if found is None:
            return
        text, _ = found
        line, column = self._where(start)
        if definitions.is_person(text, part.word, before):
            self.people[part.word] = Person(part.word, text, line)
            return
        key = DOC + acronym_compact(part.word)
        term = self.terms[key] = Term(key, word=part.word)
        offset = self.offset + start
        term.definitions[offset] = Definition(offset, line, column, text, ())

    def _every(self, token: str) -> None:
        """Look at each occurrence of a watched token in the block; stop watching when done."""
        parts = self.parts.get(token, ())
        for position in token_positions(self.scanned, token):
            if not self._wanted(token, parts):
                break
            for part in parts:
                start = position + part.start
                if part.key is None:
                    self._define_unknown(token, part, start, position)
                    continue
                term = self.terms[part.key]
                self._note_use(term, part, start, token, position)
                self._look(term, part, start, token, position)
        if not self._wanted(token, parts):
            del self.watch[token]

    def _wanted(self, token: str, parts: tuple[Part, ...]) -> bool:
        """Whether more occurrences of a token can tell anything: a definition not yet found (a
        token with a bracket), context still short for an ambiguous or dated term, or a first use
        that sat inside a proper name."""
        bracket = "(" in token or ")" in token
        for part in parts:
            if part.key is None:
                if (
                    bracket
                    and part.word not in self.people
                    and DOC + acronym_compact(part.word) not in self.terms
                ):
                    return True
                continue
            term = self.terms[part.key]
            if term.looked >= MAX_LOOKS:
                continue  # NHS only ever inside "NHS England": give up on a standalone use
            if term.insert_at < 0 or (bracket and not term.definitions):
                return True
            if term.key in self.attention and len(term.contexts) < MAX_CONTEXTS:
                return True
        return False

    def _before(self, start: int, token: str, position: int) -> str:
        # the text before an acronym, without the opening bracket that belongs to the token
        block = self.block
        before = block[max(start - LOOK, 0) : start]
        if start < LOOK:
            before = self.tail[-(LOOK - start) :] + before
        return before

    def _note_use(self, term: Term, part: Part, start: int, token: str, position: int) -> None:
        """Where an expansion of --inline may go: after the first use that is not inside a proper
        name ("NHS England" keeps its NHS; the next plain NHS gets the expansion)."""
        if term.insert_at >= 0:
            return
        end = position + len(token.rstrip("( )"))
        after = self.block[end : end + 40]
        in_name = len(after) > 2 and after[0] == " " and after[1].isupper() and after[2:3].islower()
        if in_name and not token.endswith((")", "(")):
            if term.named_at < 0:
                rest = after[1:]
                name_end = 0
                for word in rest.split(" "):
                    if not word[:1].isupper():
                        break
                    name_end += len(word) + 1
                term.named_at = self.offset + end + name_end
            return
        term.insert_at = self.offset + end
        term.insert_inside = token.startswith("(") or token.endswith(")")

    def _look(self, term: Term, part: Part, start: int, token: str, position: int) -> None:
        """Check one occurrence for a definition, and keep its context if the term needs it."""
        term.looked += 1
        block = self.block
        end = position + part.end
        offset = self.offset + start
        if offset in term.definitions or offset in term.contexts:
            return
        before = self._before(start, token, position)
        after = block[end : end + LOOK]
        senses = self.table.senses[term.key]
        line = column = 0
        # Once defined as a sense the base knows, later definitions add nothing: skip the work.
        settled = bool(term.definitions) and any(d.senses for d in term.definitions.values())
        found = None if settled else definitions.long_form(before, after, part.word)
        if found is not None and definitions.is_person(found[0], part.word, before):
            line, column = self._where(start)
            self.people[part.word] = Person(part.word, found[0], line)  # "Richard Chapman (RC)"
            return
        if found is not None:
            line, column = self._where(start)
            named, _ = definitions.matching_senses(found[0], senses)
            term.definitions[offset] = Definition(offset, line, column, found[0], named)
        if term.key in self.attention and len(term.contexts) < MAX_CONTEXTS:
            if not line:
                line, column = self._where(start)
            term.contexts[offset] = Occurrence(
                offset,
                line,
                column,
                before[-CONTEXT_CHARS:],
                block[start:end],
                block[end : end + CONTEXT_CHARS],
            )

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
        """Bound memory on pathological input: drop tokens that are neither known nor frequent,
        raising what counts as frequent until at most half of MAX_KEYS remain."""
        floor = 1
        while True:
            for token, count in list(self.counts.items()):
                parts = self.parts.get(token)
                if parts and (count > floor or any(part.key for part in parts)):
                    continue
                if len(token) == 4 and token.isdigit():
                    continue  # years: the document's date may rest on them
                del self.counts[token]
                self.watch.pop(token, None)
                if parts:
                    del self.parts[token]
                    self.forgot_rare = True
            if len(self.counts) <= MAX_KEYS // 2:
                break
            floor *= 2
        words = {part.word for parts in self.parts.values() for part in parts}
        self.unknown_first = {word: place for word, place in self.unknown_first.items() if word in words}
        self.codes = set()
