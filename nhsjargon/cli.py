"""The command line: parse arguments, call the core, hand a view to the renderer.

Errors become one line on stderr and a documented exit code (see errors.py); nothing here
prints a traceback, draws on the terminal or knows how a format looks. Help is plain text
when piped. Options that apply to every command (--data, --no-pager) may come before the
command; `nhsjargon TERM` means `nhsjargon explain TERM`; `nhsjargon help [COMMAND]` works.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nhsjargon import __version__
from nhsjargon.commands import documents, models, terms
from nhsjargon.commands.runtime import PROG, exit_for, fail
from nhsjargon.errors import EXIT_USAGE
from nhsjargon.launch import COMMANDS, command_like

GLOBAL_FLAGS = ("--no-pager",)  # options every command takes, moved after the command when given before
GLOBAL_VALUES = ("--data", "-d")


def _click_exceptions() -> Any:
    """Typer 0.2x vendors click as typer._click; older Typer uses click itself."""
    try:
        from typer._click import exceptions  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - depends on the installed Typer
        from click import exceptions  # type: ignore[import-not-found,no-redef,unused-ignore]
    return exceptions


class JargonGroup(TyperGroup):
    """Runs a command and turns every user-facing failure into one line and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        # Typer's own main() turns a closed pipe into exit 1 before main() below sees it
        try:
            return super().invoke(ctx)
        except (BrokenPipeError, OSError) as exc:
            exit_for(exc)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        exceptions = _click_exceptions()
        try:
            result = super().main(*args, **kwargs)
        except exceptions.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError" or not exc.format_message():
                # no arguments: the help, as --help gives it (Click puts it in the error)
                if exc.format_message() and exc.ctx is not None:
                    from nhsjargon.render import write

                    try:
                        write(exc.ctx.get_help() + "\n")
                    except OSError as error:
                        exit_for(error)
                raise SystemExit(0) from None
            command = exc.ctx.command_path if exc.ctx is not None else PROG
            fail(f"{exc.format_message()} (see '{command} --help')", EXIT_USAGE)
        except exceptions.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except typer.Abort:
            exit_for(KeyboardInterrupt())
        except Exception as exc:  # JargonError, a closed pipe, or a bug: handled in one place
            exit_for(exc)
        except KeyboardInterrupt as exc:
            exit_for(exc)
        if isinstance(result, int) and result:  # typer.Exit(code) returns the code here
            raise SystemExit(result)
        return result


def _help_mode() -> str | None:
    """Rich help on a terminal; plain text (no boxes, no colour) when piped."""
    try:
        return "markdown" if sys.stdout.isatty() else None
    except (AttributeError, ValueError):
        return None


app = typer.Typer(
    name=PROG,
    cls=JargonGroup,
    help="Decode the English NHS's organisational jargon: ICS, ICB, ICP, STP, ACO, MCP, PACS, CCG...",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=_help_mode(),  # type: ignore[arg-type]
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Examples: nhsjargon ICB | nhsjargon explain ACO --full | nhsjargon search 'what replaced CCGs'. "
    "Shell completion: nhsjargon --install-completion.",
)


def _version(value: bool) -> None:
    if value:
        from nhsjargon.render import write

        write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Decode the English NHS's organisational jargon, past and present.

    Example: nhsjargon explain ICP
    """


def help_command(
    ctx: typer.Context,
    command: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMMAND]", show_default=False, help="The command to explain (default: all of them)."
        ),
    ] = None,
) -> None:
    """Show the help of nhsjargon, or of one command.

    Example: nhsjargon help decode
    """
    from nhsjargon.render import write

    group = ctx.parent.command if ctx.parent is not None else None
    assert isinstance(group, TyperGroup) and ctx.parent is not None
    if command is None:
        write(group.get_help(ctx.parent) + "\n")
        return
    chosen = group.get_command(ctx.parent, command)
    if chosen is None:
        import difflib

        close = difflib.get_close_matches(command, group.list_commands(ctx.parent), n=1)
        from nhsjargon.errors import UsageError

        raise UsageError(
            f"no command {command!r}", hint=f"did you mean {close[0]}?" if close else f"see '{PROG} help'"
        )
    with chosen.make_context(command, [], parent=ctx.parent, resilient_parsing=True) as sub:
        write(chosen.get_help(sub) + "\n")


# Each command lives in nhsjargon/commands/; registering them here keeps the order of --help.
app.command()(terms.explain)
app.command()(terms.expand)
app.command(name="list")(terms.list_terms)
app.command()(terms.search)
app.command()(models.compare)
app.command()(models.timeline)
app.command()(models.lineage)
app.command()(models.graph)
app.command()(terms.changes)
app.command()(documents.decode)
app.command()(documents.check)
app.command()(documents.export)
app.command()(terms.validate)
app.command(name="help")(help_command)


def normalise_argv(argv: Sequence[str]) -> list[str]:
    """Options for every command given before it are moved after it; a first word that is not a
    command means `explain`."""
    args = list(argv)
    moved: list[str] = []
    while args and args[0].startswith("-"):
        word = args[0]
        name = word.split("=", 1)[0]
        if word in GLOBAL_FLAGS:
            moved.append(args.pop(0))
        elif name in GLOBAL_VALUES and ("=" in word or len(args) > 1):
            moved.append(args.pop(0))
            if "=" not in word:
                moved.append(args.pop(0))
        else:
            break
    if not args:
        return moved  # only options: let Typer say what is missing, or show the help
    if not args[0].startswith("-") and args[0] not in COMMANDS and not command_like(args[0]):
        args.insert(0, "explain")
    elif args[0].startswith("-") and not moved:
        return list(argv)  # --help, --version, --install-completion...
    return [args[0], *moved, *args[1:]]


def main(argv: Sequence[str] | None = None) -> None:
    """Run the Typer application (launch.main tries the fast path first)."""
    import os

    args = list(sys.argv[1:] if argv is None else argv)
    if not os.environ.get("_NHSJARGON_COMPLETE"):
        args = normalise_argv(args)
    app(args=args, prog_name=PROG)
