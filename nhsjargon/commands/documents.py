"""Reading and writing documents: decode, check; and export, the whole base as one document."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from nhsjargon.commands.common import PROG, as_of_date, knowledge, show
from nhsjargon.commands.options import DataOption, ExportFormatOption, FormatOption
from nhsjargon.errors import FindingsError, InputError, UsageError, file_error

if TYPE_CHECKING:
    from nhsjargon.decode import Decoded
    from nhsjargon.model import KnowledgeBase

PROGRESS_BYTES = 16 * 1024 * 1024  # show a progress bar (on a terminal) from this size up
STDIN_NAME = "<stdin>"

DocumentArgument = Annotated[
    str, typer.Argument(metavar="FILE", help="A text or Markdown file; - reads standard input.",
                        show_default=False),
]


# ---------------------------------------------------------------- reading a document


@contextlib.contextmanager
def _opened(path: str) -> Iterator[tuple[BinaryIO, str, int | None]]:
    """The document as a binary stream, its name for messages, and its size when known."""
    if path == "-":
        stream = sys.stdin.buffer
        if sys.stdin.isatty():
            sys.stderr.write(f"{PROG}: reading the document from the terminal; end it with Ctrl-D\n")
        yield stream, STDIN_NAME, _size(stream)
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator resumes
    except OSError as exc:
        raise InputError(file_error(path, exc, "a document")) from None
    with handle:
        yield handle, path, _size(handle)


def _size(stream: BinaryIO) -> int | None:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _decode(path: str, knowledge_base: KnowledgeBase, day: dt.date | None,
            tee: BinaryIO | None = None) -> Decoded:
    """Decode one document, with a progress bar on stderr when it is a terminal and the file big."""
    from nhsjargon.decode import decode_stream

    with _opened(path) as (stream, name, size):
        if size is not None and size >= PROGRESS_BYTES and sys.stderr.isatty():
            from nhsjargon.render.rich import progress

            with progress(size, name) as advance:
                decoded = decode_stream(stream, knowledge_base, name, day, advance, tee)
        else:
            decoded = decode_stream(stream, knowledge_base, name, day, tee=tee)
    if decoded.replaced:
        from nhsjargon.render.clean import one_line

        sys.stderr.write(f"{PROG}: warning: {one_line(decoded.name)} is not valid UTF-8; "
                         f"{decoded.replaced} undecodable byte(s) read as U+FFFD\n")
    return decoded


# ---------------------------------------------------------------- commands


def decode(
    file: DocumentArgument,
    inline: Annotated[
        bool, typer.Option("--inline", help="Print the document back with each acronym expanded at its "
                                             "first use, e.g. 'ICS (Integrated Care System)'.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE",
                     help="When the document was written (YYYY[-MM[-DD]]): prefer senses in use then."),
    ] = None,
    fmt: FormatOption = None,
    data: DataOption = None,
) -> None:
    """List the acronyms a document uses: meaning, uses, first line, and whether it defines them.

    Reads plain text or Markdown from FILE, or standard input with -. Acronym-like words that
    are not in the knowledge base are listed too (add them with --data). Where an acronym has
    several senses, the one that fits the document (its era, the words nearby) is chosen and
    the output says so. --format markdown gives a glossary to paste at the end of a report;
    --inline prints the document back with each acronym expanded at its first use.

    Example: nhsjargon decode board-paper.md --format markdown > glossary.md
    """
    if inline and fmt is not None and fmt.value in ("json", "csv"):
        raise UsageError("--inline prints the document itself", hint="use --format text or markdown")
    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    if not inline:
        from nhsjargon.document_views import decode_view

        show(decode_view(_decode(file, knowledge_base, day)), fmt)
        return

    import tempfile

    from nhsjargon.decode import TextReader, expand_blocks, expansions
    from nhsjargon.render.clean import clean

    # Two passes: the first finds each acronym's first use; the second copies the text with
    # the expansions in. Input that cannot be read twice (standard input, a pipe such as
    # <(...) or /dev/stdin) is kept in a temporary file: on disk, not in memory.
    once_only = file == "-" or not os.path.isfile(file)
    with tempfile.TemporaryFile() if once_only else contextlib.nullcontext() as spool:
        decoded = _decode(file, knowledge_base, day, tee=spool)
        inserts = expansions(decoded)
        with contextlib.ExitStack() as stack:
            if spool is not None:
                spool.seek(0)
                source: BinaryIO = spool
            else:
                source = stack.enter_context(_opened(file))[0]
            out = sys.stdout
            for block in expand_blocks(TextReader(source, decoded.name), inserts):
                out.write(clean(block))
            out.flush()


def check(
    files: Annotated[
        list[str], typer.Argument(metavar="FILE...", show_default=False,
                                  help="Documents to check (text or Markdown); - reads standard input."),
    ],
    allow: Annotated[
        list[str] | None,
        typer.Option("--allow", "-a", metavar="ACR",
                     help="Let this acronym go undefined too (repeatable, or comma-separated)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Allow none by default: even NHS, GP, A&E, 111, 999, ICU, MRI, "
                                            "COVID and everyday ones (UK, VAT, CEO) must be defined.")
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE",
                     help="Check as of this date (YYYY[-MM[-DD]]; default today): terms still in use "
                          "then are not outdated."),
    ] = None,
    fmt: FormatOption = None,
    data: DataOption = None,
) -> None:
    """Check drafts for acronyms used before they are defined, and for out-of-date jargon.

    Prints FILE:LINE: ICS used before it is defined (Integrated Care System) for each acronym
    whose first use does not define it ("Integrated Care System (ICS)" or "ICS (Integrated
    Care System)", any case, plurals too). NHS, GP, A&E, 111, 999, ICU, MRI, COVID and everyday
    acronyms (UK, VAT, CEO, PDF...) need no definition unless --strict. A body or model that
    has gone (CCG, STP...) written of as current gets a warning naming its successor and the
    date. Exits 1 when it finds anything, 0 when the drafts are clean, so it can run in CI.

    Example: nhsjargon check report.md --allow ICB --as-of 2021-03
    """
    from nhsjargon.check import allow_keys
    from nhsjargon.check import check as check_document
    from nhsjargon.document_views import check_view

    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    allowed = allow_keys([part for value in allow or () for part in value.split(",")], strict)
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    findings = []
    for file in files:
        decoded = _decode(file, knowledge_base, day)
        findings += check_document(decoded, knowledge_base, day or dt.date.today(), allowed)
    view = check_view(findings, len(files))
    show(view, fmt)
    if findings:
        raise FindingsError(view.notes[0])


def export(fmt: ExportFormatOption = None, data: DataOption = None) -> None:
    """Export the whole knowledge base as one document to share: Markdown, JSON, CSV or HTML.

    --format html writes a single self-contained page (style and script inline, nothing
    fetched from the network) with a search box that works offline; open it in any browser.
    JSON holds every entry and every event; CSV one row per entry.

    Example: nhsjargon export --format html > nhs-jargon.html
    """
    from nhsjargon import __version__
    from nhsjargon.document_views import export_view

    show(export_view(knowledge(data), __version__), fmt)
