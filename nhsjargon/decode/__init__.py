"""Decode a document: every acronym it uses, what it means there, how often, where first,
whether and how the document defines it, and the date the document gives itself.

Pure and terminal-free, and streaming: memory stays flat however large the input.

    reading.py      the text, in blocks, from a binary stream
    noise.py        what is not prose: code, links, addresses, postcodes, paragraph numbers
    tokens.py       acronym-like tokens and the knowledge base's acronym table
    definitions.py  long forms the document gives (Schwartz and Hearst, extended)
    scanner.py      the one pass over the blocks
    dating.py       the document's own date
    senses.py       the meaning of an ambiguous acronym, with the evidence for it
    assemble.py     the Decoded result
    inline.py       the document back with expansions (--inline)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import BinaryIO

from nhsjargon.decode.assemble import result
from nhsjargon.decode.reading import TextReader
from nhsjargon.decode.results import Decoded
from nhsjargon.decode.scanner import Scanner
from nhsjargon.model import KnowledgeBase

__all__ = ["Decoded", "TextReader", "decode_blocks", "decode_stream", "decode_text"]


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
        scanner.feed(block, reader.cut_in_word)
        if progress is not None:
            progress(reader.bytes_read)
    return result(scanner, as_of, reader.replaced)


def decode_blocks(
    blocks: Iterable[str], knowledge: KnowledgeBase, name: str = "<text>", as_of: dt.date | None = None
) -> Decoded:
    """Decode text given as blocks or lines (each ending at a line break or space)."""
    scanner = Scanner(knowledge, name)
    for block in blocks:
        scanner.feed(block)
    return result(scanner, as_of)


def decode_text(
    text: str, knowledge: KnowledgeBase, name: str = "<text>", as_of: dt.date | None = None
) -> Decoded:
    return decode_blocks([text], knowledge, name, as_of)
