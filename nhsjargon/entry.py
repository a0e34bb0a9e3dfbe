"""The console script: simple lookups skip Typer; everything else goes through the full CLI.

Importing Typer costs about as much as the whole of `nhsjargon explain ACO` without it.
So `explain` and `expand` command lines made only of terms and the options this parser
knows exactly (--format/-f, --as-of) run directly, through the same functions as the
Typer commands; any other command line, help, completion or doubt goes to Typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

FAST_COMMANDS = {"explain": ("--format", "-f", "--as-of"), "expand": ("--format", "-f")}


def parse_simple(argv: Sequence[str]) -> tuple[str, list[str], dict[str, str]] | None:
    """(command, terms, options) for a command line the fast path can run, else None."""
    if not argv or argv[0] not in FAST_COMMANDS or os.environ.get("_NHSJARGON_COMPLETE"):
        return None
    allowed = FAST_COMMANDS[argv[0]]
    terms: list[str] = []
    options: dict[str, str] = {}
    rest = list(argv[1:])
    while rest:
        word = rest.pop(0)
        if not word.startswith("-") or word == "-":
            terms.append(word)
            continue
        # Click reads "--format=csv" but not "-f=csv" (that value would be "=csv"): do the same
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        key = "--format" if name == "-f" else name
        if name not in allowed or key in options or (not equals and not rest):
            return None  # help, --data, repeated or unknown options: Typer's job
        options[key] = value if equals else rest.pop(0)
    if not terms:
        return None
    return argv[0], terms, options


def run_fast(command: str, terms: list[str], options: dict[str, str]) -> bool:
    """Run a parsed simple command line; False if an option value needs Typer's message."""
    from nhsjargon.render import SHARED_FORMATS

    fmt = None
    if "--format" in options:
        fmt = next((f for f in SHARED_FORMATS if f.value == options["--format"].lower()), None)
        if fmt is None:
            return False  # Typer says which formats there are
    from nhsjargon.commands import lookups

    if command == "explain":
        lookups.explain_terms(terms, fmt, None, options.get("--as-of"))
    else:
        lookups.expand_terms(terms, fmt, None)
    return True


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    simple = parse_simple(args)
    if simple is not None:
        from nhsjargon.commands.common import exit_for

        try:
            if run_fast(*simple):
                return
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - exit_for reports or re-raises each kind
            exit_for(exc)
    from nhsjargon.cli import main as full_cli

    full_cli(args)
