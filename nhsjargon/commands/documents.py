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

from nhsjargon.commands.options import (
    DataOption,
    ExportFormatOption,
    FormatOption,
    NoPagerOption,
    as_of_option,
)
from nhsjargon.commands.runtime import PROG, as_of_date, knowledge, show, warn
from nhsjargon.errors import FindingsError, InputError, UsageError, file_error

if TYPE_CHECKING:
    from nhsjargon.decode import Decoded
    from nhsjargon.model import KnowledgeBase

PROGRESS_BYTES = 16 * 1024 * 1024  # show a progress bar (on a terminal) from this size up
STDIN_NAME = "<stdin>"

DocumentArgument = Annotated[
    str,
    typer.Argument(
        metavar="FILE", show_default=False, help="A text or Markdown file; - reads standard input."
    ),
]
WrittenOption = Annotated[
    str | None,
    as_of_option(
        "When the document was written, if it does not say (it overrides the date the document gives itself)."
    ),
]
CheckAsOfOption = Annotated[
    str | None,
    as_of_option(
        "Check as of this date (default: the document's own date, else today): "
        "terms in use then are not outdated."
    ),
]


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


def _decode(
    path: str, knowledge_base: KnowledgeBase, day: dt.date | None, tee: BinaryIO | None = None
) -> Decoded:
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
        warn(f"{decoded.name} is not valid UTF-8; {decoded.replaced} undecodable byte(s) read as U+FFFD")
    return decoded


def decode(
    file: DocumentArgument,
    inline: Annotated[
        bool,
        typer.Option("--inline", help="Print the document back with each acronym expanded at its first use."),
    ] = False,
    as_of: WrittenOption = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """List the acronyms a document uses: meaning, uses, first use, and whether it defines them.

    Reads plain text or Markdown from FILE, or standard input with -. The document's own
    definitions count ("Did Not Attend (DNA)"), so do its date ("Published: 11 June 2018") and
    its neighbouring terms when an acronym has several senses; the output says why each was
    chosen. Words nobody defines are listed apart; headings in capitals, codes, postcodes,
    people's initials and Markdown code are not jargon. --format markdown gives a glossary
    to paste at the end of a report; --inline prints the document back, expanded.

    Example: nhsjargon decode board-paper.md --format markdown > glossary.md
    """
    if inline and fmt is not None and fmt.lower() in ("json", "csv"):
        raise UsageError("--inline prints the document itself", hint="use --format text or markdown")
    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    if not inline:
        from nhsjargon.views.documents import decode_view

        hint = f"Add your own terms with --data FILE (see '{PROG} validate --help')."
        show(decode_view(_decode(file, knowledge_base, day), hint), fmt, not no_pager)
        return
    _inline(file, knowledge_base, day)


def _inline(file: str, knowledge_base: KnowledgeBase, day: dt.date | None) -> None:
    """Two passes: the first finds each acronym's first use; the second copies the text with the
    expansions in. Input that cannot be read twice (standard input, a pipe such as <(...)) is
    kept in a temporary file: on disk, not in memory."""
    import tempfile

    from nhsjargon.decode import TextReader
    from nhsjargon.decode.inline import expand_blocks, expansions
    from nhsjargon.render import write
    from nhsjargon.text import clean

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
            for block in expand_blocks(TextReader(source, decoded.name), inserts):
                write(clean(block))


def check(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            show_default=False,
            help="Documents to check (text or Markdown); - reads standard input.",
        ),
    ],
    allow: Annotated[
        list[str] | None,
        typer.Option(
            "--allow",
            "-a",
            metavar="ACR",
            show_default=False,
            help="Let this acronym go undefined too (repeatable, or comma-separated).",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Allow none by default: even NHS, GP, A&E, 111 and everyday ones (UK, CEO) must be defined.",
        ),
    ] = False,
    as_of: CheckAsOfOption = None,
    fmt: FormatOption = None,
    data: DataOption = None,
    no_pager: NoPagerOption = False,
) -> None:
    """Check drafts for acronyms a reader cannot decode, and for out-of-date jargon.

    Prints FILE:LINE:COL: message for each acronym that is never defined, used before the line
    that defines it, defined against every sense the knowledge base knows (a likely slip), or
    unknown to the document and the base alike; and for a body or model that had gone by the
    document's date written of as current (with its successor). NHS, GP, A&E, 111 and everyday
    acronyms (UK, CEO, PDF) need no definition unless --strict. Exit 1 when it finds anything,
    0 when the drafts are clean, so it can run in a document's CI.

    Example: nhsjargon check report.md --allow ICB --as-of 2021-03
    """
    from nhsjargon.drafts import allow_keys
    from nhsjargon.drafts import check as check_document
    from nhsjargon.views.documents import check_summary, check_view

    knowledge_base = knowledge(data)
    day = as_of_date(as_of)
    allowed = allow_keys([part for value in allow or () for part in value.split(",")], strict)
    if files.count("-") > 1:
        raise UsageError("standard input (-) can be read only once")
    findings = []
    for file in files:
        decoded = _decode(file, knowledge_base, day)
        findings += check_document(decoded, knowledge_base, day or dt.date.today(), allowed)
    show(check_view(findings, len(files)), fmt, not no_pager)
    if findings:
        raise FindingsError(check_summary(findings, len(files)))


def export(fmt: ExportFormatOption = None, data: DataOption = None, no_pager: NoPagerOption = False) -> None:
    """Export the whole knowledge base as one document to share: Markdown, JSON, CSV or HTML.

    --format html writes one self-contained page (style, script and search index inline,
    nothing fetched from the network): every term's card, linked, searchable offline.

    Example: nhsjargon export --format html > nhs-jargon.html
    """
    from nhsjargon import __version__
    from nhsjargon.views.glossary import export_view

    show(export_view(knowledge(data), __version__), fmt, not no_pager)
