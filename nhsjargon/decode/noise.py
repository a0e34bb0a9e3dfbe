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

_FENCE = re.compile(r"(?m)^[ \t]{0,3}(```+|~~~+)[^\n]*$")
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")
_PARAGRAPH = re.compile(r"(?:^|\n)[ \t]*(?:[-*+>][ \t]+)?(\d{1,4}(?:\.\d{1,3})*)[.)](?=[ \t])")
# A question number in a select committee transcript: "Q12 Chair: Good afternoon".
_QUESTION = re.compile(r"(?:^|\n)[ \t]*(Q\d{1,4})(?=[ \t]+[A-Z][^\n:]{0,60}:)")
# A command paper's number: "Cm 3807", "Cmnd 6453" (House of Commons papers, "HC 972", keep HC).
_COMMAND_PAPER = re.compile(r"\bCm(?:nd|d)?\.? ?\d{1,5}\b")
_SHOUTED = re.compile(r"(?:^|\n)([^a-z\n]*[A-Z]{2,}[^a-z\n]*)(?=\n|$)")
_ALPHA_WORD = re.compile(r"[A-Z][A-Z'\u2019&-]+")


def _blank(text: str) -> str:
    """The same length of text, spaces for everything but line breaks."""
    return "".join("\n" if c == "\n" else " " for c in text) if "\n" in text else " " * len(text)


class Masker:
    """Masks the noise of one document, block by block, in order."""

    def __init__(self) -> None:
        self.fence: str | None = None  # the fence that opened a code block still open
        self.in_comment = False
        self.first = True

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
            ("://", _URL),
            ("www.", _URL),
            ("@", _EMAIL),
            ("<", _TAG),
        ):
            if needle in block:
                spans += [match.span() for match in pattern.finditer(block)]
        spans += [match.span() for match in _POSTCODE.finditer(block)]
        spans += [match.span(1) for match in _PARAGRAPH.finditer(block)]
        if "Q" in block:
            spans += [match.span(1) for match in _QUESTION.finditer(block)]
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


def shouted_lines(block: str) -> list[tuple[int, int]]:
    """Spans of lines written in capitals with at least two words: "MINUTES OF THE MEETING"."""
    found = []
    for match in _SHOUTED.finditer(block):
        if len(_ALPHA_WORD.findall(match.group(1))) >= 2:
            found.append(match.span(1))
    return found


UNITS = frozenset(
    "KB MB GB TB PB KM KG MG ML MM CM KW KWH MW MWH GW HZ KHZ MHZ GHZ PX PT AM PM BST GMT "
    "UTC DPI FPS RPM MPH KPH".split()
)


def after_number(before: str) -> bool:
    """Whether a word stands right after a number ("297 KB", "10am"), as a unit does."""
    stripped = before.rstrip(" \u00a0")
    return bool(stripped) and stripped[-1].isdigit() and len(before) - len(stripped) <= 1
