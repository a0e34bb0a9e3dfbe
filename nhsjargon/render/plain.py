"""Plain text for pipes and files: no colour, no box drawing.

Lines wrap only when a width is known (a terminal, or COLUMNS): prose at that width or 100
columns, whichever is less, with hanging indents; tables on word boundaries. A plain pipe gets
one line per row and per paragraph, for grep. A side-by-side comparison always wraps (at 100).
"""

from __future__ import annotations

from nhsjargon.render import PROSE_WIDTH, Terminal
from nhsjargon.text import one_line, wrap_words
from nhsjargon.views import Card, Cards, Chart, Diagram, Findings, Pairs, Report, Table, Tree, TreeNode

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from nhsjargon.views import View


def render(view: View, terminal: Terminal | None = None) -> str:
    width = terminal.width if terminal is not None else None
    if isinstance(view, Table):
        return table(view, width)
    if isinstance(view, Pairs):
        return "\n".join(f"{one_line(term)}: {one_line(meaning)}" for term, meaning in view.items)
    if isinstance(view, Cards):
        return cards(view, min(width, PROSE_WIDTH) if width else None)
    if isinstance(view, Tree):
        return _tree(view)
    if isinstance(view, Chart):
        return chart_lines(view, full="=", open_end=">", empty=" ", total=width)
    if isinstance(view, Diagram):
        return table(view.links, width)
    if isinstance(view, Findings):
        lines = [f"{one_line(where)}: {one_line(message)}" for where, message in view.items]
        return "\n".join(lines or [one_line(note) for note in view.notes])
    return _report(view, width)


def fill(text: str, width: int | None, first: str = "", rest: str = "") -> list[str]:
    """`text` as lines: one line when no width is known, else wrapped with a hanging indent."""
    line = one_line(text)
    if not width or len(first) + len(line) <= width:
        return [first + line]
    return wrap_words(line, width, first, rest) or [first]


def aligned(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """Columns padded to a common width and separated by two spaces; the last is not padded."""
    cells = [tuple(one_line(cell) for cell in row) for row in (columns, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for row in cells:
        padded = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(padded).rstrip())
    return lines


def table(view: Table, width: int | None) -> str:
    lines = fill(view.title, width) if view.title else []
    if view.lead:
        lines += [line for lead in view.lead for line in fill(lead, width)] + ([""] if view.rows else [])
    if view.rows:
        columns, rows = view.columns, view.rows
        keep = 1  # the first column (labels) is never wrapped
        if view.marked:
            columns = ("", *columns)
            rows = tuple(("*" if mark else "", *row) for row, mark in zip(rows, view.marked, strict=False))
            keep = 2
        total = width or (PROSE_WIDTH if view.wrap else 0)
        body = wrapped(columns, rows, total, keep) if total else aligned(columns, rows)
        lines += body + ([""] if view.notes and "" in body else [])  # set notes apart from wrapped rows
    for note in view.notes:
        lines += fill(note, width)
    return "\n".join(lines)


def _shares(natural: list[int], keep: int, room: int, floor: int) -> list[int]:
    """Widths for the wrapping columns: a column narrower than its share keeps its width."""
    widths = list(natural)
    narrowest_first = sorted(range(keep, len(natural)), key=lambda i: natural[i])
    while narrowest_first:
        share = room // len(narrowest_first)
        if natural[narrowest_first[0]] > share:
            for i in narrowest_first:
                widths[i] = max(floor, share)
            break
        room -= natural[narrowest_first.pop(0)]
    return widths


def wrapped(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], total: int, keep: int) -> list[str]:
    """Like `aligned`, but long cells wrap on word boundaries so the table fits `total`
    characters; rows are then set apart by a blank line where a row took several lines."""
    cells = [tuple(one_line(cell) for cell in row) for row in (columns, *rows)]
    natural = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    if sum(natural) + 2 * (len(columns) - 1) <= total or len(columns) <= keep:
        return aligned(columns, rows)
    labels = natural[:keep]
    if total - sum(labels) - 2 * (len(columns) - 1) < 12 * (len(columns) - keep):
        # narrow: labels wrap too, but never inside a word ("attribute", "population")
        longest_word = [
            max((len(word) for row in cells for word in row[i].split()), default=0) for i in range(keep)
        ]
        labels = [
            min(width, max(8, total // (3 * len(columns)), min(word, total // 4)))
            for width, word in zip(labels, longest_word, strict=True)
        ]
        keep = 0
    room = total - sum(labels) - 2 * (len(columns) - 1)
    widths = _shares(labels + natural[len(labels) :], len(labels), room, 8)
    rendered = []
    for row in cells:
        parts = [[cell] if i < keep else wrap_words(cell, widths[i]) or [""] for i, cell in enumerate(row)]
        height = max(len(part) for part in parts)
        rendered.append(
            [
                "  ".join(
                    [
                        (part[depth] if depth < len(part) else "").ljust(widths[i])
                        for i, part in enumerate(parts[:-1])
                    ]
                    + [parts[-1][depth] if depth < len(parts[-1]) else ""]
                ).rstrip()
                for depth in range(height)
            ]
        )
    lines: list[str] = list(rendered[0])
    for number, row_lines in enumerate(rendered[1:], 1):
        tall = len(row_lines) > 1
        if number > 1 and (tall or len(rendered[number - 1]) > 1):
            lines.append("")  # a row that took several lines is set apart from its neighbours
        lines += row_lines
    return lines


def _report(view: Report, width: int | None) -> str:
    blocks = [block for block in (table(section, width) for section in view.sections) if block]
    if view.notes:
        blocks.append("\n".join(line for note in view.notes for line in fill(note, width)))
    return "\n\n".join(blocks)


def card(card: Card, width: int | None, number: str = "") -> list[str]:
    lines = [one_line(number + card.title)]
    lines += fill(card.summary, width, "  ", "    ")
    lines += fill(card.body, width, "  ", "  ")
    for label, parts in card.facts:
        lines += fill(", ".join(text for text, _ in parts), width, f"  {label}: ", "    ")
    for heading, items in card.sections:
        lines.append(f"  {heading}:")
        for item in items:
            lines += fill(item, width, "    - ", "      ")
    if card.sources and card.sections:  # a full card: every source with its address
        lines.append("  Sources:")
        for title, url in card.sources:
            lines += fill(f"{title} <{url}>", width, "    - ", "      ")
    elif card.sources:
        lines += fill("; ".join(title for title, _ in card.sources), width, "  Sources: ", "    ")
    return lines


def cards(view: Cards, width: int | None) -> str:
    blocks = [line for line in (one_line(view.title),) if line]
    for block in view.blocks:
        lines = fill(block.headline, width) if block.headline else []
        for shown in block.cards:
            lines += card(shown.more or shown, width)  # a document shows the whole card
        if block.others:
            lines.append("Other senses:")
            for other in block.others:
                lines += fill(other, width, "  ", "     ")
        blocks.append("\n".join(lines))
    blocks += [line for note in view.notes for line in fill(note, width)]
    blocks += [table(appendix, width) for appendix in view.appendix]
    return "\n\n".join(blocks)


def _tree(view: Tree) -> str:
    lines = [one_line(view.title)] if view.title else []

    def walk(node: TreeNode, prefix: str, last: bool, root: bool) -> None:
        note = f"  ({one_line(node.note)})" if node.note else ""
        lines.append(
            (one_line(node.label) if root else f"{prefix}{'`-- ' if last else '|-- '}{one_line(node.label)}")
            + note
        )
        child_prefix = "" if root else prefix + ("    " if last else "|   ")
        for i, child in enumerate(node.children):
            walk(child, child_prefix, i == len(node.children) - 1, False)

    walk(view.root, "", True, True)
    return "\n".join(lines)


def chart_lines(
    view: Chart, full: str, open_end: str, empty: str, total: int | None = None, width: int = 60
) -> str:
    """Bars on a shared year axis, drawn with the given characters.

    With a `total` width (a terminal, or COLUMNS), labels shrink (to their acronym's width, then
    cut) and the notes go, so that label, bar and axis fit: the axis never breaks.
    """
    import math

    labels = [one_line(bar.label) for bar in view.bars]
    notes = [f"  {one_line(bar.note)}" if bar.note else "" for bar in view.bars]
    label_width = max((len(label) for label in labels), default=0)
    if total:
        note_width = max((len(note) for note in notes), default=0)
        for label_room, keep_notes in (
            (label_width, True),
            (min(label_width, 24), True),
            (min(label_width, 24), False),
            (min(label_width, 12), False),
        ):
            room = total - label_room - 2 - (note_width if keep_notes else 0)
            if room >= 30 or (not keep_notes and label_room <= 12):
                width, label_width = max(min(width, room), 12), label_room
                if not keep_notes:
                    notes = [""] * len(notes)
                break
        labels = [label if len(label) <= label_width else label[: label_width - 1] + "~" for label in labels]
    span = max(view.last_year + 1 - view.first_year, 1)
    lines = [one_line(view.title)] if view.title else []
    axis = [" "] * width
    step = max(1, math.ceil(6 * span / width))  # a year label and two spaces fit between ticks
    for year in range(view.first_year, view.last_year + 1, step):
        column = int((year - view.first_year) / span * width)
        text = str(year)
        around = axis[max(column - 1, 0) : column + len(text) + 1]
        if column + len(text) <= width and all(c == " " for c in around):
            axis[column : column + len(text)] = list(text)
    lines.append(" " * (label_width + 2) + "".join(axis).rstrip())
    for bar, label, note in zip(view.bars, labels, notes, strict=False):
        start = max(int((bar.start - view.first_year) / span * width), 0)
        end = max(
            start + 1, int((bar.end - view.first_year) / span * width)
        )  # in the window: a cell at least
        cells = [empty] * width
        for i in range(start, min(end, width)):
            cells[i] = full
        if bar.open_ended and start < width and end > 0:  # at the window's edge if it runs past
            cells[max(min(end, width) - 1, 0)] = open_end
        lines.append(f"{label:<{label_width}}  {''.join(cells)}".rstrip() + note)
    return "\n".join(lines)
