"""The terminal renderer: the only module that imports rich.

Every string is wrapped in `Text`, never parsed as console markup, so "[bold]" in a
user's file or a definition prints as written.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from nhsjargon.render import Terminal
from nhsjargon.render.clean import one_line
from nhsjargon.render.plain import chart_lines
from nhsjargon.views import Cards, Chart, Pairs, Report, Table, Tree, TreeNode, View

if TYPE_CHECKING:  # rich.table and rich.tree are imported only by the renderers that draw them
    from rich.tree import Tree as RichTree

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
        width=terminal.width or (None if terminal.is_terminal else 100),
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

    bar = Progress(TextColumn("{task.description}", markup=False), BarColumn(), DownloadColumn(),
                   TimeRemainingColumn(), console=error_console(), transient=True)
    with bar:
        task = bar.add_task(one_line(description), total=total)
        yield lambda done: bar.update(task, completed=done)


def render(view: View, terminal: Terminal) -> str:
    buffer = io.StringIO()
    out = console(terminal, buffer)
    if terminal.is_terminal:
        out.print(renderable(view, out.width))
    else:
        # Tables and panels need a width even in a pipe; lines of prose do not, and are
        # printed whole rather than wrapped at it.
        for part in _flatten(renderable(view, out.width)):
            out.print(part, soft_wrap=isinstance(part, Text))
    return buffer.getvalue()


def _flatten(item: RenderableType) -> list[RenderableType]:
    if isinstance(item, Group):
        return [part for child in item.renderables for part in _flatten(child)]
    return [item]


def renderable(view: View, width: int | None = None) -> RenderableType:
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
    if isinstance(view, Cards):
        return _cards(view)
    if isinstance(view, Report):
        parts = [_table(section) for section in view.sections if section.rows or section.notes]
        return Group(*parts, *(Text(one_line(note)) for note in view.notes))
    if isinstance(view, Tree):
        return _tree(view)
    return _chart(view, width)


def _table(view: Table) -> RenderableType:
    from rich.table import Table as RichTable

    table = RichTable(
        title=Text(one_line(view.title), style="bold") if view.title else None,
        box=box.ROUNDED,
        show_lines=any("\n" in c or len(c) > 60 for row in view.rows for c in row),
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
    parts: list[RenderableType] = [table] if view.rows else []
    parts += [Text(one_line(note)) for note in view.notes]
    return Group(*parts)


def _cards(view: Cards) -> RenderableType:
    lines = (view.title, *view.headlines)
    parts: list[RenderableType] = [Text(one_line(line), style="bold") for line in lines if line]
    for card in view.cards:
        # labelled lines rather than a grid: explain then needs no rich.table (start-up time)
        width = max((len(label) for label, _ in card.facts), default=0) + 2
        body: list[RenderableType] = []
        for label, value in card.facts:
            style = STATUS_STYLES.get(value.split(" ")[0], "") if label == "Status" else ""
            body.append(Text.assemble((label.ljust(width), "bold"), (one_line(value), style)))
        body += [Text(""), Text(one_line(card.body))]
        for heading, items in card.sections:
            body.append(Text(""))
            body.append(Text(heading, style="bold underline"))
            body += [Text("\u2022 ") + Text(one_line(item)) for item in items]
        parts.append(Panel(Group(*body), title=Text(one_line(card.title), style="bold cyan"),
                           title_align="left", box=box.ROUNDED))
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


def _chart(view: Chart, width: int | None) -> RenderableType:
    """Bars as wide as the console allows once labels and notes have their room."""
    bar_width = 60
    if width:
        label_width = max((len(one_line(bar.label)) for bar in view.bars), default=0)
        note_width = max((len(one_line(bar.note)) + 2 for bar in view.bars if bar.note), default=0)
        bar_width = max(20, min(80, width - label_width - 2 - note_width))
    return Text(chart_lines(view, full="\u2588", open_end="\u25b6", empty="\u00b7", width=bar_width),
                no_wrap=True, overflow="ellipsis")
