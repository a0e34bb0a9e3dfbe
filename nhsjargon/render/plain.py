"""Plain text for pipes and files: no colour, no box drawing, no wrapping."""

from __future__ import annotations

import math

from nhsjargon.render.clean import clean, one_line
from nhsjargon.views import Cards, Chart, Pairs, Report, Table, Tree, TreeNode, View


def render(view: View) -> str:
    if isinstance(view, Table):
        return _table(view)
    if isinstance(view, Pairs):
        return "\n".join(f"{one_line(term)}: {one_line(meaning)}" for term, meaning in view.items)
    if isinstance(view, Cards):
        return _cards(view)
    if isinstance(view, Tree):
        return _tree(view)
    if isinstance(view, Chart):
        return chart_lines(view, full="=", open_end=">", empty=" ")
    return _report(view)


def aligned(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    """Columns padded to a common width and separated by two spaces; the last is not padded."""
    cells = [tuple(one_line(cell) for cell in row) for row in (columns, *rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    lines = []
    for row in cells:
        padded = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(padded).rstrip())
    return lines


def _table(view: Table) -> str:
    lines = [one_line(view.title)] if view.title else []
    if view.rows:
        columns, rows = view.columns, view.rows
        keep = 1  # the first column (labels) is never wrapped
        if view.marked:
            columns = ("", *columns)
            rows = tuple(("*" if mark else "", *row) for row, mark in zip(rows, view.marked, strict=True))
            keep = 2
        body = wrapped(columns, rows, view.wrap, keep) if view.wrap else aligned(columns, rows)
        lines += body + ([""] if view.notes and "" in body else [])  # set notes apart from wrapped rows
    lines += [one_line(note) for note in view.notes]
    return "\n".join(lines)


def wrapped(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], total: int, keep: int) -> list[str]:
    """Like `aligned`, but long cells after the first `keep` columns wrap onto more lines so the
    table fits `total` characters; rows are then set apart by a blank line."""
    import textwrap

    cells = [tuple(one_line(cell) for cell in row) for row in (columns, *rows)]
    natural = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    if sum(natural) + 2 * (len(columns) - 1) <= total or len(columns) <= keep:
        return aligned(columns, rows)
    room = total - sum(natural[:keep]) - 2 * (len(columns) - 1)
    widths = list(natural)
    narrowest_first = sorted(range(keep, len(columns)), key=lambda i: natural[i])
    while narrowest_first:  # a column narrower than its share keeps its width and leaves the rest
        share = room // len(narrowest_first)
        if natural[narrowest_first[0]] > share:
            for i in narrowest_first:
                widths[i] = max(20, share)
            break
        room -= natural[narrowest_first.pop(0)]
    lines: list[str] = []
    for number, row in enumerate(cells):
        parts = [[cell] if i < keep else textwrap.wrap(cell, widths[i]) or [""] for i, cell in enumerate(row)]
        if number > 1:
            lines.append("")
        for depth in range(max(len(part) for part in parts)):
            texts = [part[depth] if depth < len(part) else "" for part in parts]
            padded = [text.ljust(widths[i]) for i, text in enumerate(texts[:-1])] + [texts[-1]]
            lines.append("  ".join(padded).rstrip())
    return lines


def _report(view: Report) -> str:
    if view.text is not None:
        return clean(view.text)
    blocks = [block for block in (_table(section) for section in view.sections) if block]
    if view.notes:
        blocks.append("\n".join(one_line(note) for note in view.notes))
    return "\n\n".join(blocks)


def _cards(view: Cards) -> str:
    blocks = [one_line(line) for line in (view.title, *view.headlines) if line]
    for card in view.cards:
        lines = [one_line(card.title)]
        width = max(len(label) for label, _ in card.facts) if card.facts else 0
        lines += [f"  {label + ':':<{width + 1}} {one_line(value)}" for label, value in card.facts]
        lines.append("  " + one_line(card.body))
        for heading, items in card.sections:
            lines.append(f"  {heading}:")
            lines += [f"    - {one_line(item)}" for item in items]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _tree(view: Tree) -> str:
    lines = [one_line(view.title)] if view.title else []

    def walk(node: TreeNode, prefix: str, last: bool, root: bool) -> None:
        note = f"  ({one_line(node.note)})" if node.note else ""
        lines.append((one_line(node.label) if root else f"{prefix}{'`-- ' if last else '|-- '}"
                      f"{one_line(node.label)}") + note)
        child_prefix = "" if root else prefix + ("    " if last else "|   ")
        for i, child in enumerate(node.children):
            walk(child, child_prefix, i == len(node.children) - 1, False)

    walk(view.root, "", True, True)
    return "\n".join(lines)


def chart_lines(view: Chart, full: str, open_end: str, empty: str, width: int = 60) -> str:
    """Bars on a shared year axis, drawn with the given characters."""
    span = max(view.last_year + 1 - view.first_year, 1)
    label_width = max((len(one_line(bar.label)) for bar in view.bars), default=0)
    lines = [one_line(view.title)] if view.title else []
    axis = [" "] * width
    step = max(1, math.ceil(6 * span / width))  # a year label and two spaces fit between ticks
    for year in range(view.first_year, view.last_year + 1, step):
        column = int((year - view.first_year) / span * width)
        text = str(year)
        room = axis[max(column - 1, 0):column + len(text) + 1]
        if column + len(text) <= width and all(c == " " for c in room):
            axis[column:column + len(text)] = list(text)
    lines.append(" " * (label_width + 2) + "".join(axis).rstrip())
    for bar in view.bars:
        start = int((bar.start - view.first_year) / span * width)
        end = max(start + 1, int((bar.end - view.first_year) / span * width))
        cells = [empty] * width
        for i in range(max(start, 0), min(end, width)):
            cells[i] = full
        if bar.open_ended and start < width and end > 0:  # at the window's edge if it runs past
            cells[max(min(end, width) - 1, 0)] = open_end
        note = f"  {one_line(bar.note)}" if bar.note else ""
        lines.append(f"{one_line(bar.label):<{label_width}}  {''.join(cells)}".rstrip() + note)
    return "\n".join(lines)
