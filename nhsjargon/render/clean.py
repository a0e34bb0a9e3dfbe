"""Keep text from files and the knowledge base from driving the terminal."""

from __future__ import annotations

import re

# ANSI/VT escape sequences (CSI, OSC, and lone ESC + char), C0/C1 controls except tab and newline,
# and the Unicode bidirectional controls that can reorder what a reader sees.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text safe to print: escape sequences and control characters removed."""
    if text.isprintable():
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def strip_escapes(text: str) -> str:
    """Text without terminal escape sequences (ESC [31m and the like), controls left alone."""
    return _ESCAPES.sub("", text) if "\x1b" in text else text


def one_line(text: str) -> str:
    """Clean text folded onto one line, for table cells."""
    return " ".join(clean(text).split())
