"""The command line: parse arguments, call the core, hand a view to the renderer.

Errors become one line on stderr and a documented exit code (see errors.py); nothing
here prints a traceback, draws on the terminal or knows how a format looks.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from nhsjargon import __version__
from nhsjargon.commands import documents, models, terms
from nhsjargon.commands.common import PROG, exit_for, fail
from nhsjargon.errors import EXIT_USAGE


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
        except BrokenPipeError as exc:
            exit_for(exc)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        exceptions = _click_exceptions()
        try:
            result = super().main(*args, **kwargs)
        except exceptions.UsageError as exc:
            if not exc.format_message():  # no arguments: Typer has printed the help already
                raise SystemExit(EXIT_USAGE) from None
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


app = typer.Typer(
    name=PROG,
    cls=JargonGroup,
    help="Decode the English NHS's organisational jargon: ICS, ICB, ICP, STP, ACO, MCP, PACS, CCG...",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # reflows docstring paragraphs in --help
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Examples: nhsjargon explain ACO | nhsjargon expand ICS ICB ICP | nhsjargon search 'place based'",
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
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


# Each command lives in nhsjargon/commands/; registering them here keeps the order of --help.
app.command()(terms.explain)
app.command()(terms.expand)
app.command(name="list")(terms.list_terms)
app.command()(terms.search)
app.command()(models.compare)
app.command()(models.timeline)
app.command()(models.lineage)
app.command()(models.graph)
app.command()(documents.decode)
app.command()(documents.check)
app.command()(documents.export)
app.command()(terms.validate)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the Typer application (entry.main tries the fast path first)."""
    app(args=list(argv) if argv is not None else None, prog_name=PROG)
