"""What every command shares: loading the knowledge base, showing a view, warnings, errors.

Nothing here imports Typer, so that the fast path (launch.py) can run explain, expand and
search without paying for it. This is the layer that speaks the command line's language:
hints that name commands or flags are composed here, from what the core reports.
"""

from __future__ import annotations

import sys

from nhsjargon.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    DataError,
    JargonError,
    UnknownTermError,
    UsageError,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    import os
    from collections.abc import Sequence
    from typing import NoReturn

    from nhsjargon.model import KnowledgeBase
    from nhsjargon.views import View

PROG = "nhsjargon"


def knowledge(data: Sequence[str | os.PathLike[str]] | None) -> KnowledgeBase:
    from nhsjargon import knowledge as base

    return base.load(base.overlay_paths(data or ()))


def show(view: View, fmt: str | None, page: bool = True) -> None:
    """Emit `view` in `fmt` (a --format choice), or the default for where stdout goes; long
    output on a terminal goes through the pager unless `page` is False (--no-pager)."""
    from nhsjargon.render import Terminal, emit

    terminal = Terminal.detect()
    emit(view, fmt.lower() if fmt else terminal.default_format(), terminal, page=page)


def warn(message: str) -> None:
    """One warning line on stderr, in every format."""
    from nhsjargon.text import one_line

    sys.stderr.write(f"{PROG}: warning: {one_line(message)}\n")


def as_of_date(value: str | None) -> dt.date | None:
    """--as-of: today, now, or YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits (the last day it names)."""
    if value is None:
        return None
    import datetime as dt

    from nhsjargon.dates import FIRST_YEAR, LAST_YEAR, PartialDate

    text = value.strip()
    if text.lower() in ("today", "now"):
        return dt.date.today()
    try:
        return PartialDate.parse(text).last_day
    except ValueError as exc:
        if "outside" in str(exc):
            raise UsageError(
                f"--as-of: {text!r} is outside the dates nhsjargon handles",
                hint=f"give a date from {FIRST_YEAR:04d} to {LAST_YEAR}",
            ) from None
        raise UsageError(
            f"--as-of: {text!r} is not a date", hint="use YYYY, YYYY-MM or YYYY-MM-DD, or 'today'"
        ) from None


def report_unknown(unknown: Sequence[JargonError]) -> None:
    """Print all but the last unknown-term error, then raise the last (exit code 1)."""
    if not unknown:
        return
    for exc in unknown[:-1]:
        sys.stderr.write(f"{PROG}: error: {message_for(exc)}\n")
    raise unknown[-1]


def check_choices(values: Sequence[str] | None, allowed: Sequence[str], option: str) -> list[str]:
    chosen = [value.strip().lower() for value in values or ()]
    for value in chosen:
        if value not in allowed:
            import difflib

            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"choose from {', '.join(allowed)}"
            raise UsageError(f"{option}: unknown value {value!r}", hint=hint)
    return chosen


def message_for(exc: JargonError) -> str:
    """The one line for an error, with the hint this layer can give."""
    from nhsjargon.text import one_line

    if isinstance(exc, UnknownTermError) and not exc.hint:
        exc.hint = (
            f"did you mean {' or '.join(exc.suggestions)}?"
            if exc.suggestions
            else f"try '{PROG} search WORD'"
        )
    if isinstance(exc, DataError) and not exc.hint and len(exc.problems) > 1 and exc.path:
        exc.hint = f"run '{PROG} validate {exc.path}' to see them all"
    return one_line(str(exc))


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr, then exit."""
    from nhsjargon.text import one_line

    try:
        sys.stderr.write(f"{PROG}: error: {one_line(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nowhere to say it: the exit code says it
    raise SystemExit(code)


def silence_stdout() -> None:
    """After `| head` closes the pipe, point stdout at /dev/null so the final flush is quiet."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # AttributeError: stdout was never open
        pass


def exit_for(exc: BaseException) -> NoReturn:
    """The one place that turns a failure into its line on stderr and its exit code."""
    import os

    if isinstance(exc, JargonError):
        fail(message_for(exc), exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        try:
            sys.stderr.write("\n")
        except (OSError, ValueError):
            pass
        raise SystemExit(EXIT_INTERRUPTED) from None
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == 32):
        silence_stdout()
        raise SystemExit(0) from None
    if isinstance(exc, OSError) and exc.errno in (5, 27, 28, 122):  # EIO, EFBIG, ENOSPC, EDQUOT
        silence_stdout()  # what is still buffered would fail again at exit (exit 120)
        fail(f"cannot write output: {exc.strerror}", 1)
    if os.environ.get("NHSJARGON_DEBUG") or not isinstance(exc, Exception):
        raise exc
    fail(
        f"internal error: {type(exc).__name__}: {exc} (set NHSJARGON_DEBUG=1 to see the "
        f"traceback, and please report it)",
        EXIT_INTERNAL,
    )
