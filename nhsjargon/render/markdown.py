"""GitHub-flavoured Markdown: headings, pipe tables and lists a report can paste.

Text from the knowledge base, an overlay or a document is escaped, as the HTML export does:
"<script>" prints as text, and brackets, asterisks and backticks cannot make links, emphasis
or code that the writer did not mean.
"""

from __future__ import annotations

from nhsjargon.text import one_line
from nhsjargon.views import Card, Cards, Chart, Diagram, Findings, Pairs, Report, Table, Tree, TreeNode

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from nhsjargon.views import View

_ESCAPES = str.maketrans(
    {"<": "&lt;", ">": "&gt;", "\\": "\\\\", "[": "\\[", "]": "\\]", "*": "\\*", "_": "\\_", "`": "\\`"}
)


def text(value: str) -> str:
    """One line of inline text, safe in Markdown (and in the HTML that Markdown may contain)."""
    return one_line(value).translate(_ESCAPES)


def cell(value: str) -> str:
    """A table cell: inline text with pipes escaped."""
    return text(value).replace("|", "\\|")


def pipe_table(
    columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...], marked: tuple[bool, ...] = ()
) -> list[str]:
    """A pipe table; a marked row's label is bold with a ≠ (the cells are escaped first)."""
    lines = [
        "| " + " | ".join(cell(c) for c in columns) + " |",
        "|" + "|".join(" --- " for _ in columns) + "|",
    ]
    for number, row in enumerate(rows):
        cells = [cell(c) for c in row]
        if number < len(marked) and marked[number] and cells:
            cells[0] = f"**{cells[0]}** \u2260"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def link(title: str, url: str) -> str:
    """A Markdown link; only http(s) addresses become links."""
    if not url.startswith(("https://", "http://")):
        return text(f"{title} <{url}>")
    target = url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")
    return f"[{text(title)}](<{target}>)"


def _table(view: Table) -> str:
    lines = [f"## {text(view.title)}", ""] if view.title else []
    if view.lead:
        lines += [*(text(lead) for lead in view.lead), ""]
    if view.rows:
        lines += pipe_table(view.columns, view.rows, view.marked)
    if view.notes:
        lines += ["", *(text(note) for note in view.notes)]
    return "\n".join(lines)


def _card(card: Card) -> list[str]:
    lines = [f"## {text(card.title)}", "", f"*{text(card.summary)}*", "", text(card.body)]
    if card.facts:
        lines.append("")
        lines += [
            f"- **{text(label)}:** " + ", ".join(text(part) for part, _ in parts)
            for label, parts in card.facts
        ]
    for heading, items in card.sections:
        lines += ["", f"**{text(heading)}**", ""] + [f"- {text(item)}" for item in items]
    if card.sources:
        lines += ["", "**Sources**", ""] + [f"- {link(title, url)}" for title, url in card.sources]
    return lines


def _cards(view: Cards) -> str:
    blocks = [f"# {text(view.title)}"] if view.title else []
    for block in view.blocks:
        lines = [text(block.headline), ""] if block.headline else []
        for card in block.cards:
            lines += _card(card.more or card)  # a document shows the whole card
        if block.others:
            lines += ["", "**Other senses**", ""] + [text(other) for other in block.others]
        blocks.append("\n".join(lines))
    blocks += [text(note) for note in view.notes]
    blocks += [_table(appendix) for appendix in view.appendix]
    return "\n\n".join(blocks)


def _tree(view: Tree) -> str:
    lines = [f"## {text(view.title)}", ""] if view.title else []

    def walk(node: TreeNode, depth: int) -> None:
        note = f" ({text(node.note)})" if node.note else ""
        lines.append(f"{'  ' * depth}- {text(node.label)}{note}")
        for child in node.children:
            walk(child, depth + 1)

    walk(view.root, 0)
    return "\n".join(lines)


def _glossary(view: Report) -> str:
    lines = ["## Glossary", ""]
    if view.glossary:
        lines += pipe_table(("Acronym", "Meaning"), view.glossary)
    else:
        lines.append("No acronyms from the knowledge base were found.")
    if view.glossary_notes:  # notes for the writer, hidden when the Markdown is rendered
        lines += [""] + [f"<!-- nhsjargon: {_comment(note)} -->" for note in view.glossary_notes]
    return "\n".join(lines)


def _comment(note: str) -> str:
    """Text safe inside an HTML comment: no run of dashes survives, or a name could close it early."""
    body = text(note)
    while "--" in body:
        body = body.replace("--", "-")
    return body


def render(view: View) -> str:
    if isinstance(view, Report):
        return _glossary(view)
    if isinstance(view, Table):
        return _table(view)
    if isinstance(view, Pairs):
        return "\n".join(f"- **{cell(term)}**: {text(meaning)}" for term, meaning in view.items)
    if isinstance(view, Cards):
        return _cards(view)
    if isinstance(view, Tree):
        return _tree(view)
    if isinstance(view, Diagram):
        from nhsjargon.render.diagrams import markdown

        return markdown(view)
    if isinstance(view, Findings):
        return _table(view.table)
    assert isinstance(view, Chart)
    lines = [f"## {text(view.title)}", ""] if view.title else []
    return "\n".join(lines + pipe_table(view.csv.columns, view.csv.rows))
