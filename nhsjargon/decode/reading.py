"""Reading a document: UTF-8 text from a binary stream, in blocks that end at a line break.

Memory stays flat however large the input: a block is about half a megabyte, and a line longer
than that is cut at a space; one with no space at all (a giant token) is cut anywhere and the
block says so, so that the scanner does not count the pieces of that token as words.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from nhsjargon.errors import InputError
from nhsjargon.text import strip_escapes

READ_BYTES = 1 << 19  # bytes read at a time
LONG_LINE = 1 << 19  # a line longer than this (in characters) is cut


class TextReader:
    """Iterating reads the stream once, yielding text blocks; `bytes_read`, `replaced` and
    `cut_in_word` (the last block ends inside a word) follow along. A NUL byte anywhere means a
    binary file: an InputError, not a page of garbage."""

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        tee: BinaryIO | None = None,
        read_bytes: int = READ_BYTES,
        long_line: int = LONG_LINE,
    ) -> None:
        self.stream, self.name, self.tee = stream, name, tee
        self.read_bytes, self.long_line = read_bytes, long_line
        self.bytes_read = 0
        self.replaced = 0
        self.cut_in_word = False

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
                self._refuse_utf16(raw)
                first = False
            nul = raw.find(b"\x00")
            if nul >= 0:
                raise InputError(
                    f"{self.name}: looks like a binary file, not text (a NUL byte at byte "
                    f"{self.bytes_read + nul:,})"
                )
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
                self.cut_in_word = False
                if text:
                    yield text
                return
            cut = text.rfind("\n") + 1
            in_word = False
            if cut == 0:
                if len(text) < self.long_line:
                    carry = text
                    continue
                # One very long line: cut it at a space; with none, inside its one giant word.
                cut = max(text.rfind(" "), text.rfind("\t")) + 1
                if cut == 0:
                    cut, in_word = len(text), True
            carry = text[cut:]
            self.cut_in_word = in_word
            yield text[:cut]

    def _refuse_utf16(self, raw: bytes) -> None:
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise InputError(
                f"{self.name}: UTF-16 text is not supported",
                hint="convert it first: iconv -f UTF-16 -t UTF-8",
            )
