"""What in a document is not prose to decode: masked out (replaced by spaces, so that offsets
and line numbers stay true) before acronyms are looked for.

Markdown and HTML-like structure (front matter, fenced and inline code, link targets, HTML
comments and tags), addresses (URLs, e-mail), postcodes, and paragraph numbers at the start
of a line ("111. Two of these models ..." is not NHS 111), question numbers in transcripts
("Q12 Chair:") and command paper numbers ("Cm 3807"). Shouted lines (headings in
capitals) are found here and masked by the scanner, which knows which of their words are
real acronyms. Fenced code and comments may span blocks: the masker carries that state.
"""

from __future__ import annotations

import re

from nhsjargon.knowledge.index import STOP_WORDS  # the small words a search ignores

_FENCE = re.compile(r"(?m)^[ \t]{0,3}(```+|~~~+)[^\n]*$")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_URL_REST = re.compile(r"[^\s<>()\[\]\"']*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
# A postcode, as one token ("HA13EX") or its two halves ("HA1" then "3EX"): the scanner asks.
POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
POSTCODE_OUTWARD = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?")
POSTCODE_INWARD = re.compile(r"[0-9][A-Z]{2}")
_INWARD_AFTER = re.compile(r" ?[0-9][A-Z]{2}(?![A-Za-z0-9])")
_OUTWARD_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9][A-Z0-9]? ?$")
_INITIALS_RUN = re.compile(r"(?:\([A-Z][A-Za-z]{1,3}\)\s*){3,}")
_BRACKETED = re.compile(r"\(([A-Z][A-Za-z]{1,3})\)")
# Matched at the start of a line: a paragraph number ("111. Two of these models"), and a
# question number in a select committee transcript ("Q12 Chair: Good afternoon").
_PARAGRAPH = re.compile(r"[ \t]*(?:[-*+>][ \t]+)?(\d{1,4}(?:\.\d{1,3})*)[.)](?=[ \t])")
_QUESTION = re.compile(r"[ \t]*(Q\d{1,4})(?=[ \t]+[A-Z][^\n:]{0,60}:)")
# A command paper's number: "Cm 3807", "Cmnd 6453" (House of Commons papers, "HC 972", keep HC).
_COMMAND_PAPER = re.compile(r"\bCm(?:nd|d)?\.? ?\d{1,5}\b")
_CAPITALS = re.compile(r"[A-Z]{2}")
_NUMBERED_START = frozenset("0123456789-*+>Q")  # where a paragraph or question number may start
_ALPHA_WORD = re.compile(r"[A-Z][A-Z'\u2019&-]+")


# Small English words (a search's stop words and a few more), some of which the base also knows
# as acronyms (IT, AS, WHO, SO, ME ...). In a heading in capitals that reads as a sentence ("WHAT
# IT MEANS FOR US") they are words; in a heading of names ("IT STRATEGY AND DIGITAL PLAN") and in
# prose they are the acronym.
HEADING_WORDS = STOP_WORDS | frozenset("am go he her his me my no not up us".split())
SENTENCE_LIKE = 2  # other small words a heading needs before its small words are read as words


def heading_word(word: str) -> str:
    """A heading's word as HEADING_WORDS holds it: lower case, without punctuation or "'s"."""
    word = word.strip(".,;:!?()[]\"'‘’“”").lower()
    for ending in ("'s", "’s"):
        if word.endswith(ending):
            word = word[: -len(ending)]
    return word


def _blank(text: str) -> str:
    """The same length of text, spaces for everything but line breaks."""
    return "".join("\n" if c == "\n" else " " for c in text) if "\n" in text else " " * len(text)


class Masker:
    """Masks the noise of one document, block by block, in order."""

    def __init__(self) -> None:
        self.fence: str | None = None  # the fence that opened a code block still open
        self.in_comment = False
        self.first = True
        self.shouted: list[tuple[int, int]] = []  # the last block's lines in capitals

    def mask(self, block: str) -> str:
        spans: list[tuple[int, int]] = []
        if self.first:
            self.first = False
            if block.startswith("---\n"):  # YAML front matter
                end = block.find("\n---", 3)
                if end > 0:
                    spans.append((0, end + 4))
        self._code_and_comments(block, spans)
        for needle, pattern in (
            ("`", _INLINE_CODE),
            ("](", _LINK_TARGET),
            ("@", _EMAIL),
            ("<", _TAG),
        ):
            if needle in block:
                spans += [match.span() for match in pattern.finditer(block)]
        spans += _addresses(block)
        self.shouted = self._lines(block, spans)
        if "Cm" in block:
            spans += [match.span() for match in _COMMAND_PAPER.finditer(block)]
        if not spans:
            return block
        spans.sort()
        pieces, last = [], 0
        for start, end in spans:
            if end <= last:
                continue
            start = max(start, last)
            pieces += [block[last:start], _blank(block[start:end])]
            last = end
        pieces.append(block[last:])
        return "".join(pieces)

    @staticmethod
    def _lines(block: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """One pass over the lines: paragraph and question numbers at their start go into
        `spans`; lines in capitals with two words or more are returned (a Python loop over
        lines costs less here than three regular expressions over the whole block)."""
        shouted = []
        position = 0
        for line in block.split("\n"):
            if line:
                first = line[0]
                if first in " \t":
                    first = line.lstrip(" \t")[:1]
                if first in _NUMBERED_START:
                    match = (_QUESTION if first == "Q" else _PARAGRAPH).match(line)
                    if match:
                        spans.append((position + match.start(1), position + match.end(1)))
                if (
                    line.isupper()
                    and _CAPITALS.search(line)
                    and not any("a" <= c <= "z" for c in line)
                    and len(_ALPHA_WORD.findall(line)) >= 2
                ):
                    shouted.append((position, position + len(line)))
            position += len(line) + 1
        return shouted

    def _code_and_comments(self, block: str, spans: list[tuple[int, int]]) -> None:
        """Fenced code blocks and HTML comments, which may begin in one block and end in another."""
        position = 0
        if self.fence is not None or "```" in block or "~~~" in block:
            fences = list(_FENCE.finditer(block))
            opened = 0 if self.fence is not None else None
            for match in fences:
                marker = match.group(1)[:3]
                if self.fence is None:
                    self.fence, opened = marker, match.start()
                elif marker == self.fence:
                    spans.append((opened or 0, match.end()))
                    self.fence, opened = None, None
            if self.fence is not None:
                spans.append((opened or 0, len(block)))
        if self.in_comment:
            end = block.find("-->")
            if end < 0:
                spans.append((0, len(block)))
                return
            spans.append((0, end + 3))
            self.in_comment, position = False, end + 3
        while "<!--" in block[position:]:
            start = block.index("<!--", position)
            end = block.find("-->", start + 4)
            if end < 0:
                spans.append((start, len(block)))
                self.in_comment = True
                return
            spans.append((start, end + 3))
            position = end + 3


def _addresses(block: str) -> list[tuple[int, int]]:
    """Web addresses (http://, https://, www.), found with str.find: a regular expression that
    may start anywhere tries every position of a megabyte block."""
    spans = []
    for needle in ("://", "www."):
        index = block.find(needle)
        while index >= 0:
            start = index
            if needle == "://":
                while start > 0 and block[start - 1].isalpha():
                    start -= 1
                if block[start:index].casefold() not in ("http", "https"):
                    index = block.find(needle, index + 3)
                    continue
            end = _URL_REST.match(block, index + len(needle)).end()  # type: ignore[union-attr]
            spans.append((start, end))
            index = block.find(needle, max(end, index + 1))
    return spans


UNITS = frozenset(
    "KB MB GB TB PB KM KG MG ML MM CM KW KWH MW MWH GW HZ KHZ MHZ GHZ PX PT AM PM BST GMT "
    "UTC DPI FPS RPM MPH KPH".split()
)


def after_number(before: str) -> bool:
    """Whether a word stands right after a number ("297 KB", "10am"), as a unit does."""
    stripped = before.rstrip(" \u00a0")
    return bool(stripped) and stripped[-1].isdigit() and len(before) - len(stripped) <= 1


def postcode_at(text: str, token: str, position: int) -> bool:
    """Whether the token at `position` of `text` is (half of) a postcode: "HA13EX", or "HA1"
    before "3EX" (and the reverse), so that neither half is taken for an acronym."""
    if POSTCODE.fullmatch(token):
        return True
    if POSTCODE_OUTWARD.fullmatch(token):
        after = text[position + len(token) : position + len(token) + 5]
        return bool(_INWARD_AFTER.match(after))
    if POSTCODE_INWARD.fullmatch(token):
        before = text[max(position - 6, 0) : position]
        return bool(_OUTWARD_BEFORE.search(before))
    return False


def initials_run(text: str, at: int) -> bool:
    """Whether the token at `at` stands in a run of three or more bracketed initials, at least two
    of them different: the people present at a meeting ("(MBe) (JG) (JBl)"), not one acronym
    repeated ("(ICB) (ICB) (ICB)")."""
    return any(
        run.start() <= at < run.end() and len(set(_BRACKETED.findall(run.group()))) > 1
        for run in _INITIALS_RUN.finditer(text)
    )
