"""GitHub-flavoured Markdown: headings, pipe tables and lists a report can paste."""

from __future__ import annotations

from nhsjargon.render.clean import clean, one_line
from nhsjargon.views import Cards, Pairs, Report, Table, Tree, TreeNode, View


def cell(text: str) -> str:
    """A table cell: one line, pipes escaped."""
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|")


def pipe_table(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> list[str]:
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |",
             "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def render(view: View) -> str:
    if isinstance(view, Report):
        if view.markdown is not None:
            return clean(view.markdown)
        blocks = [render(section) for section in view.sections]
        return "\n\n".join([block for block in blocks if block] + [one_line(n) for n in view.notes])
    if isinstance(view, Table):
        lines = [f"## {one_line(view.title)}", ""] if view.title else []
        columns, rows = view.columns, view.rows
        if view.marked:
            rows = tuple((f"**{row[0]}** \u2260", *row[1:]) if mark else row
                         for row, mark in zip(rows, view.marked, strict=True))
        if rows:
            lines += pipe_table(columns, rows)
        if view.notes:
            lines += ["", *(one_line(note) for note in view.notes)]
        return "\n".join(lines)
    if isinstance(view, Pairs):
        return "\n".join(f"- **{cell(term)}**: {one_line(meaning)}" for term, meaning in view.items)
    if isinstance(view, Cards):
        blocks = [f"# {one_line(view.title)}"] if view.title else []
        blocks += [one_line(line) for line in view.headlines]
        for card in view.cards:
            lines = [f"## {one_line(card.title)}", ""]
            lines += [f"- **{label}:** {one_line(value)}" for label, value in card.facts]
            lines += ["", one_line(card.body)]
            for heading, items in card.sections:
                lines += ["", f"**{heading}**", ""] + [f"- {_link(one_line(item))}" for item in items]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)
    if isinstance(view, Tree):
        lines = [f"## {one_line(view.title)}", ""] if view.title else []

        def walk(node: TreeNode, depth: int) -> None:
            note = f" ({one_line(node.note)})" if node.note else ""
            lines.append(f"{'  ' * depth}- {one_line(node.label)}{note}")
            for child in node.children:
                walk(child, depth + 1)

        walk(view.root, 0)
        return "\n".join(lines)
    lines = [f"## {one_line(view.title)}", ""] if view.title else []  # a Chart
    return "\n".join(lines + pipe_table(view.columns, view.rows))


def _link(item: str) -> str:
    """"Title <https://...>" becomes a Markdown link."""
    if item.endswith(">") and " <http" in item:
        title, url = item[:-1].rsplit(" <", 1)
        target = f"<{url}>" if any(c in url for c in " ()<>") else url
        return f"[{title.replace('[', '(').replace(']', ')')}]({target})"
    return item
