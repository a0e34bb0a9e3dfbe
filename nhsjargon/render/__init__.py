"""One output layer for every command: pick a format, then `emit(view, fmt, terminal)`.

The format names are plain strings, declared once here; the Typer options are built from
these tuples. Writing is checked: a full disk or an I/O error is an OutputError (one line,
exit 1), never a silent truncation; a closed pipe is a BrokenPipeError, which ends quietly.
"""

from __future__ import annotations

import os
import sys

from nhsjargon.views import Cards, Diagram

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import TextIO

    from nhsjargon.views import View

SHARED_FORMATS = ("rich", "text", "markdown", "json", "csv")
DIAGRAM_FORMATS = ("mermaid", "dot")  # a graph's source in a diagram language
PAGE_FORMATS = ("html",)  # the whole glossary as a page (export)
FORMATS = SHARED_FORMATS + DIAGRAM_FORMATS + PAGE_FORMATS
PROSE_WIDTH = 100  # prose wraps at the terminal's width or this, whichever is less


class Terminal:
    """What stdout is, decided once per run so tests can set it."""

    __slots__ = ("is_terminal", "color", "width", "height", "hyperlinks")

    def __init__(
        self,
        is_terminal: bool,
        color: bool,
        width: int | None = None,
        height: int | None = None,
        hyperlinks: bool = False,
    ) -> None:
        self.is_terminal, self.color, self.width, self.height = is_terminal, color, width, height
        self.hyperlinks = hyperlinks  # OSC 8 links: a terminal with colour that is not "dumb"

    @classmethod
    def detect(cls, stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> Terminal:
        env = os.environ if environ is None else environ
        stream = sys.stdout if stream is None else stream
        try:
            is_terminal = bool(stream.isatty())
        except (AttributeError, ValueError):
            is_terminal = False
        dumb = env.get("TERM") == "dumb"
        if env.get("NO_COLOR"):
            color = False
        elif env.get("FORCE_COLOR"):
            color = True
        else:
            color = is_terminal and not dumb
        width = _number(env.get("COLUMNS"))
        height = _number(env.get("LINES"))
        if is_terminal and (width is None or height is None):
            try:
                size = os.get_terminal_size(stream.fileno())
                width, height = width or size.columns, height or size.lines
            except (OSError, ValueError, AttributeError):
                pass
        return cls(is_terminal, color, width, height, hyperlinks=is_terminal and color and not dumb)

    def default_format(self) -> str:
        """rich on a terminal (or where FORCE_COLOR asks for colour), text in a pipe."""
        return "rich" if self.is_terminal or self.color else "text"

    @property
    def prose_width(self) -> int:
        return min(self.width or PROSE_WIDTH, PROSE_WIDTH)


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and 0 < int(text) < 10_000 else None


def formats_of(view: View) -> tuple[str, ...]:
    """The formats a view comes in: the shared five, plus its own languages."""
    if isinstance(view, Diagram):
        return SHARED_FORMATS + DIAGRAM_FORMATS
    if isinstance(view, Cards) and view.title:
        return SHARED_FORMATS + PAGE_FORMATS
    return SHARED_FORMATS


def render(view: View, fmt: str, terminal: Terminal) -> str:
    """The view as text in `fmt` (rich output rendered through a Rich console)."""
    if fmt not in formats_of(view):
        from nhsjargon.errors import UsageError

        raise UsageError(
            f"--format {fmt} is not available here", hint=f"choose {', '.join(formats_of(view))}"
        )
    if fmt == "text":
        from nhsjargon.render import plain

        return plain.render(view, terminal)
    if fmt == "json":
        from nhsjargon.render import data

        return data.to_json(view)
    if fmt == "csv":
        from nhsjargon.render import data

        return data.to_csv(view)
    if fmt == "markdown":
        from nhsjargon.render import markdown

        return markdown.render(view)
    if fmt in DIAGRAM_FORMATS:
        from nhsjargon.render import diagrams

        assert isinstance(view, Diagram)
        return diagrams.to_mermaid(view) if fmt == "mermaid" else diagrams.to_dot(view)
    if fmt == "html":
        from nhsjargon.render import html

        assert isinstance(view, Cards)
        return html.page(view)
    if isinstance(view, Cards):  # drawn without Rich: see render/ansi.py
        from nhsjargon.render import ansi

        return ansi.render(view, terminal)
    from nhsjargon.render import rich

    return rich.render(view, terminal)


def emit(view: View, fmt: str, terminal: Terminal, stream: TextIO | None = None, page: bool = False) -> None:
    """Write the view to stdout (through a pager, when `page` and it is taller than the screen)."""
    text = render(view, fmt, terminal)
    if text and not text.endswith("\n"):
        text += "\n"
    if page and terminal.is_terminal and terminal.height and text.count("\n") >= terminal.height:
        from nhsjargon.render.pager import page_text

        if page_text(text, terminal):
            return
    write(text, stream)


def write(text: str, stream: TextIO | None = None) -> None:
    """Write all of `text`, or raise: short writes are retried, failures are OutputError."""
    out = sys.stdout if stream is None else stream
    if out is None:  # started with stdout closed (`>&-`): as good as a closed pipe
        raise BrokenPipeError("standard output is closed")
    try:
        descriptor = out.fileno()
        encoding, errors = out.encoding or "utf-8", out.errors or "strict"
    except (AttributeError, OSError, ValueError):
        descriptor = -1
    try:
        if descriptor < 0:
            out.write(text)
            out.flush()
            return
        out.flush()
        data = memoryview(text.encode(encoding, errors))
        while data:
            written = os.write(descriptor, data)
            data = data[written:]
    except BrokenPipeError:
        raise
    except UnicodeEncodeError as exc:
        from nhsjargon.errors import OutputError

        raise OutputError(
            f"cannot write output: the terminal's encoding ({exc.encoding}) cannot show it",
            hint="set PYTHONIOENCODING=utf-8",
        ) from None
    except OSError as exc:
        from nhsjargon.errors import OutputError

        raise OutputError(f"cannot write output: {exc.strerror or exc}") from None
