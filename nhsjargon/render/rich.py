"""The terminal renderer: the only module that imports rich.

Every string is wrapped in `Text`, never parsed as console markup, so "[bold]" in a user's
file or a definition prints as written. Prose is kept to 100 columns however wide the
terminal; sources are terminal hyperlinks where the terminal supports them.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.text import Text

from nhsjargon.render import PROSE_WIDTH, Terminal
from nhsjargon.render.plain import chart_lines
from nhsjargon.text import one_line
from nhsjargon.views import Chart, Diagram, Findings, Pairs, Report, Table, Tree, TreeNode

if TYPE_CHECKING:  # rich.table, rich.tree and rich.panel are imported only by what draws them
    from rich.tree import Tree as RichTree

    from nhsjargon.views import View

STATUS_STYLES = {
    "current": "green",
    "proposed": "cyan",
    "renamed": "yellow",
    "merged": "yellow",
    "replaced": "yellow",
    "abolished": "red",
    "historical": "bright_black",
}


def console(terminal: Terminal, file: io.StringIO) -> Console:
    """The one console factory: width and colour decided from the terminal settings."""
    return Console(
        file=file,
        width=terminal.width or (None if terminal.is_terminal else PROSE_WIDTH),
        force_terminal=terminal.color,
        no_color=not terminal.color,
        color_system="auto" if terminal.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


def error_console() -> Console:
    return Console(stderr=True, highlight=False, markup=False, emoji=False)


@contextlib.contextmanager
def progress(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr that disappears when done; yields a function taking bytes done."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=error_console(),
        transient=True,
    )
    with bar:
        task = bar.add_task(one_line(description), total=total)
        yield lambda done: bar.update(task, completed=done)


def render(view: View, terminal: Terminal) -> str:
    buffer = io.StringIO()
    out = console(terminal, buffer)
    out.print(renderable(view, out.width, terminal))
    return buffer.getvalue()


def renderable(view: View, width: int, terminal: Terminal | None = None) -> RenderableType:
    if isinstance(view, Table):
        return _table(view)
    if isinstance(view, Pairs):
        from rich.table import Table as RichTable

        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column()
        for term, meaning in view.items:
            grid.add_row(Text(one_line(term)), Text(one_line(meaning)))
        return grid
    if isinstance(view, Report):
        parts = [_table(section) for section in view.sections if section.rows or section.notes]
        return Group(*parts, *(Text(one_line(note)) for note in view.notes))
    if isinstance(view, Findings):
        return Group(_table(view.table), *(Text(one_line(note)) for note in view.notes))
    if isinstance(view, Diagram):
        return _table(view.links)
    if isinstance(view, Tree):
        return _tree(view)
    assert isinstance(view, Chart)  # Cards are render/ansi.py's
    return _chart(view, width)


def _table(view: Table) -> RenderableType:
    from rich.table import Table as RichTable

    table = RichTable(
        title=Text(one_line(view.title), style="bold") if view.title else None,
        box=box.ROUNDED,
        show_lines=any(len(c) > 60 for row in view.rows for c in row) and len(view.columns) > 2,
        header_style="bold",
    )
    for column in view.columns:
        table.add_column(Text(one_line(column)), overflow="fold")
    for i, row in enumerate(view.rows):
        marked = bool(view.marked and view.marked[i])
        cells = [Text(one_line(cell), style=STATUS_STYLES.get(cell, "")) for cell in row]
        if marked:
            cells[0] = Text.assemble(("\u2260 ", "bold yellow"), cells[0])
        table.add_row(*cells, style="yellow" if marked else None)
    parts: list[RenderableType] = [Text(one_line(lead), style="bold") for lead in view.lead]
    parts += [table] if view.rows else []
    parts += [Text(one_line(note)) for note in view.notes]
    return Group(*parts)


def _tree(view: Tree) -> RenderableType:
    from rich.tree import Tree as RichTree

    def label(node: TreeNode) -> Text:
        text = Text(one_line(node.label), style="bold")
        if node.note:
            text.append(f"  {one_line(node.note)}", style="dim")
        return text

    def add(branch: RichTree, node: TreeNode) -> None:
        for child in node.children:
            add(branch.add(label(child)), child)

    tree = RichTree(label(view.root))
    add(tree, view.root)
    if view.title:
        return Group(Text(one_line(view.title), style="bold"), tree)
    return tree


def _chart(view: Chart, width: int) -> RenderableType:
    """Bars as wide as the console allows once labels and notes have their room."""
    return Text(
        chart_lines(view, full="\u2588", open_end="\u25b6", empty="\u00b7", total=width),
        no_wrap=True,
        overflow="ellipsis",
    )
