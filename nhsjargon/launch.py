"""The console script: simple command lines skip Typer; everything else goes to the full CLI.

Importing Typer costs several times a whole cached lookup. So `explain`, `expand` and `search`
command lines (and a bare `nhsjargon TERM`) made only of terms and options this parser knows
exactly run directly, through the same functions as the Typer commands; any other command
line, help, completion or doubt goes to Typer. Ctrl-C at any moment, even while modules are
still importing, ends quietly with exit code 130.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence

# command -> {option: takes a value}
FAST = {
    "explain": {"--format": True, "-f": True, "--as-of": True, "--full": False, "--no-pager": False},
    "expand": {"--format": True, "-f": True, "--no-pager": False},
    "search": {"--format": True, "-f": True, "--limit": True, "-n": True, "--no-pager": False},
}
COMMANDS = (
    "explain",
    "expand",
    "list",
    "search",
    "compare",
    "timeline",
    "lineage",
    "graph",
    "changes",
    "decode",
    "check",
    "export",
    "validate",
    "help",
)
SHARED = ("rich", "text", "markdown", "json", "csv")  # render.SHARED_FORMATS, without importing it


def parse_simple(argv: Sequence[str]) -> tuple[str, list[str], dict[str, str]] | None:
    """(command, words, options) for a command line the fast path can run, else None."""
    import os

    if not argv or os.environ.get("_NHSJARGON_COMPLETE"):
        return None
    command, rest = argv[0], list(argv[1:])
    if command not in FAST:
        if command.startswith("-") or command in COMMANDS or not command.strip():
            return None
        command, rest = "explain", list(argv)  # `nhsjargon ICB`: a term, not a command
        if command_like(argv[0]):
            return None
    allowed = FAST[command]
    words: list[str] = []
    options: dict[str, str] = {}
    while rest:
        word = rest.pop(0)
        if word == "--":
            words += rest
            break
        if not word.startswith("-") or word == "-":
            words.append(word)
            continue
        # Click reads "--format=csv" but not "-f=csv" (that value would be "=csv"): do the same
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        key = {"-f": "--format", "-n": "--limit"}.get(name, name)
        if name not in allowed or key in options:
            return None  # help, --data, repeated or unknown options: Typer's job
        if not allowed[name]:
            if equals:
                return None
            options[key] = ""
        elif equals:
            options[key] = value
        elif rest:
            options[key] = rest.pop(0)
        else:
            return None
    if not words:
        return None
    if "--format" in options and options["--format"].lower() not in SHARED:
        return None  # Typer says which formats there are
    if "--limit" in options and not options["--limit"].isdigit():
        return None
    return command, words, options


def command_like(word: str) -> bool:
    """A mistyped command ("explian"), which Typer should name, rather than a term to explain."""
    import difflib

    return word.islower() and bool(difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.8))


def run_fast(command: str, words: list[str], options: dict[str, str]) -> None:
    from nhsjargon.commands import answers

    fmt = options.get("--format")
    page = "--no-pager" not in options
    if command == "explain":
        answers.explain_terms(words, fmt, None, options.get("--as-of"), "--full" in options, page)
    elif command == "expand":
        answers.expand_terms(words, fmt, None, page)
    else:
        answers.search_terms(" ".join(words), int(options.get("--limit", "20")), fmt, None, page)


def main(argv: Sequence[str] | None = None) -> None:
    try:
        args = list(sys.argv[1:] if argv is None else argv)
        simple = parse_simple(args)
        if simple is None:
            from nhsjargon.cli import main as full_cli

            full_cli(args)
            return
        from nhsjargon.commands.runtime import exit_for

        try:
            run_fast(*simple)
        except SystemExit:
            raise
        except BaseException as exc:  # noqa: BLE001 - exit_for reports or re-raises each kind
            exit_for(exc)
    except KeyboardInterrupt:  # while importing, before any handler of ours was in place
        try:
            sys.stderr.write("\n")
        except (OSError, ValueError):
            pass
        raise SystemExit(130) from None
