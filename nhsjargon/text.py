"""Keep text from files and the knowledge base from driving the terminal.

Below both the core (decode strips escapes from documents) and the renderers (every cell is
cleaned before it is printed). The patterns are compiled on first use: most text is printable
and never needs them, and `re` costs start-up time. Also the small text helpers the renderers
share: a cell on one line, a line broken between words.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import re

_patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None


def _compiled() -> tuple[re.Pattern[str], re.Pattern[str]]:
    global _patterns
    if _patterns is None:
        import re

        # ANSI/VT escape sequences (CSI, OSC, and lone ESC + char), C0/C1 controls except tab and
        # newline, and the Unicode bidirectional controls that can reorder what a reader sees.
        _patterns = (
            re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"),
            re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"),
        )
    return _patterns


def clean(text: str) -> str:
    """Text safe to print: escape sequences and control characters removed."""
    if text.isprintable():
        return text
    escapes, controls = _compiled()
    return controls.sub("", escapes.sub("", text))


def strip_escapes(text: str) -> str:
    """Text without terminal escape sequences (ESC [31m and the like), controls left alone."""
    return _compiled()[0].sub("", text) if "\x1b" in text else text


def one_line(text: str) -> str:
    """Clean text folded onto one line, for table cells."""
    if text.isprintable() and "  " not in text:
        return text.strip()
    return " ".join(clean(text).split())


def wrap_words(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """`text` in lines of at most `width` characters, broken only between words (a word longer
    than a line gets a line of its own), the first line after `first` and the others after
    `rest`. textwrap's wrap with break_long_words and break_on_hyphens off, for what `one_line`
    gives (one line, single spaces), without the `re` that textwrap costs at start-up; unlike
    textwrap it breaks at any whitespace, non-breaking spaces included."""
    lines: list[str] = []
    words: list[str] = []
    indent, length = first, 0
    for word in text.split():
        if words and length + 1 + len(word) > width - len(indent):
            lines.append(indent + " ".join(words))
            words, indent, length = [word], rest, len(word)
        else:
            length += len(word) + (1 if words else 0)
            words.append(word)
    if words:
        lines.append(indent + " ".join(words))
    return lines


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most `limit` characters, for messages that quote a user's value."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."
