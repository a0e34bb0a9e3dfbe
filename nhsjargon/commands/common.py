"""What every command shares: loading the knowledge base, showing a view, reporting errors.

Nothing here imports Typer, so that the fast path in entry.py can run explain and expand
without paying for it; the Typer option types live in options.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, NoReturn

from nhsjargon.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, JargonError, UsageError
from nhsjargon.model import KnowledgeBase, PartialDate
from nhsjargon.render import Format, Terminal, emit
from nhsjargon.views import View

if TYPE_CHECKING:  # pathlib stays out of the start-up path
    from pathlib import Path

PROG = "nhsjargon"


def knowledge(data: Sequence[Path] | None) -> KnowledgeBase:
    from nhsjargon import kb

    return kb.load(kb.overlay_paths(data or ()))


def show(view: View, fmt: Enum | None) -> None:
    """Emit `view` in `fmt` (a --format choice), or the default for where stdout goes."""
    terminal = Terminal.detect()
    emit(view, Format(fmt.value) if fmt else terminal.default_format(), terminal)


def as_of_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    if value.strip().lower() in ("today", "now"):
        return dt.date.today()
    try:
        return PartialDate.parse(value.strip()).last_day
    except ValueError:
        hint = "use YYYY, YYYY-MM or YYYY-MM-DD"
        raise UsageError(f"--as-of: {value!r} is not a date", hint=hint) from None


def report_unknown(unknown: Sequence[JargonError]) -> None:
    """Print all but the last unknown-term error, then raise the last (exit code 1)."""
    if not unknown:
        return
    from nhsjargon.render.clean import one_line

    for exc in unknown[:-1]:
        sys.stderr.write(f"{PROG}: error: {one_line(str(exc))}\n")
    raise unknown[-1]


def check_choices(values: Sequence[str] | None, allowed: Sequence[str], option: str) -> list[str]:
    import difflib

    chosen = [value.strip().lower() for value in values or ()]
    for value in chosen:
        if value not in allowed:
            close = difflib.get_close_matches(value, allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"choose from {', '.join(allowed)}"
            raise UsageError(f"{option}: unknown value {value!r}", hint=hint)
    return chosen


def fail(message: str, code: int) -> NoReturn:
    """One line on stderr, then exit."""
    from nhsjargon.render.clean import one_line

    sys.stderr.write(f"{PROG}: error: {one_line(message)}\n")
    sys.stderr.flush()
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
        fail(str(exc), exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        sys.stderr.write("\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    if isinstance(exc, BrokenPipeError):
        silence_stdout()
        raise SystemExit(0) from None
    if os.environ.get("NHSJARGON_DEBUG") or not isinstance(exc, Exception):
        raise exc
    fail(f"internal error: {type(exc).__name__}: {exc} (set NHSJARGON_DEBUG=1 to see the "
         f"traceback, and please report it)", EXIT_INTERNAL)
