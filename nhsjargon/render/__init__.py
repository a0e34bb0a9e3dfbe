"""One output layer for every command: pick a format, then `emit(view, fmt, terminal)`."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum
from typing import NamedTuple, TextIO

from nhsjargon.views import View


class Format(str, Enum):
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    # Languages only some results come in: a graph (mermaid, dot), the whole glossary (html).
    mermaid = "mermaid"
    dot = "dot"
    html = "html"


SHARED_FORMATS = (Format.rich, Format.text, Format.markdown, Format.json, Format.csv)


class Terminal(NamedTuple):
    """What stdout is, decided once per run so tests can set it."""

    is_terminal: bool
    color: bool
    width: int | None = None

    @classmethod
    def detect(cls, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> Terminal:
        env = os.environ if environ is None else environ
        stream = sys.stdout if stream is None else stream
        try:
            is_terminal = stream.isatty()
        except (AttributeError, ValueError):
            is_terminal = False
        if env.get("NO_COLOR"):
            color = False
        elif env.get("FORCE_COLOR"):
            color = True
        else:
            color = is_terminal and env.get("TERM") != "dumb"
        width = env.get("COLUMNS")
        return cls(is_terminal, color, int(width) if width and width.isdigit() else None)

    def default_format(self) -> Format:
        return Format.rich if self.is_terminal else Format.text


def render(view: View, fmt: Format, terminal: Terminal) -> str:
    """The view as text in `fmt` (rich output rendered through a Rich console).

    A view may carry its own text for a format (`alternates`): a graph's Mermaid and DOT
    source, or the Mermaid block it is in Markdown.
    """
    for name, text in getattr(view, "alternates", ()):
        if name == fmt.value:
            from nhsjargon.render.clean import clean

            return clean(text)
    if fmt is Format.html:
        from nhsjargon.render import html

        return html.render(view)
    if fmt not in SHARED_FORMATS:
        from nhsjargon.errors import UsageError

        raise UsageError(f"--format {fmt.value} is not available here",
                         hint=f"choose {', '.join(f.value for f in SHARED_FORMATS)}")
    if fmt is Format.json:
        from nhsjargon.render import data

        return data.to_json(view)
    if fmt is Format.csv:
        from nhsjargon.render import data

        return data.to_csv(view)
    if fmt is Format.markdown:
        from nhsjargon.render import markdown

        return markdown.render(view)
    if fmt is Format.text:
        from nhsjargon.render import plain

        return plain.render(view)
    from nhsjargon.render import rich

    return rich.render(view, terminal)


def emit(view: View, fmt: Format, terminal: Terminal, stream: TextIO | None = None) -> None:
    """Write the view to stdout; the caller deals with a closed pipe."""
    out = sys.stdout if stream is None else stream
    if out is None:  # started with stdout closed (`>&-`): as good as a closed pipe
        raise BrokenPipeError("standard output is closed")
    text = render(view, fmt, terminal)
    out.write(text if text.endswith("\n") or not text else text + "\n")
    out.flush()
