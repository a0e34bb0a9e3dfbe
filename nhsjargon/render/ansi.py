"""The terminal card (explain, export --format rich), drawn without Rich.

A card needs a rounded box, a few colours and wrapped prose; importing Rich costs more than
the whole lookup (about 45 ms of a 55 ms run), and explain is the command people run most.
So cards are drawn here with plain escape codes, to look as Rich's panels do; every other
view in the rich format still goes through render/rich.py. All text is cleaned first, so
nothing from a file or the base can emit an escape of its own.
"""

from __future__ import annotations

from nhsjargon.render import PROSE_WIDTH, Terminal
from nhsjargon.text import one_line
from nhsjargon.views import Card, Cards

RESET = "\x1b[0m"
STYLES = {
    "bold": "1",
    "dim": "2",
    "underline": "4",
    "cyan": "36",
    "green": "32",
    "yellow": "33",
    "red": "31",
    "grey": "90",
}
STATUS_STYLES = {
    "current": "green",
    "proposed": "cyan",
    "renamed": "yellow",
    "merged": "yellow",
    "replaced": "yellow",
    "abolished": "red",
    "historical": "grey",
}


def cell_width(text: str) -> int:
    """Columns a string takes on a terminal (wide East Asian characters take two)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class _Painter:
    def __init__(self, terminal: Terminal) -> None:
        self.color, self.links = terminal.color, terminal.hyperlinks

    def paint(self, text: str, *styles: str) -> str:
        codes = ";".join(STYLES[style] for style in styles if style)
        return f"\x1b[{codes}m{text}{RESET}" if self.color and codes else text

    def link(self, text: str, url: str) -> str:
        if self.links and url.startswith(("https://", "http://")):
            return f"\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\"
        return text


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _card(card: Card, width: int, paint: _Painter) -> list[str]:
    inner = width - 4
    body: list[tuple[str, str]] = []  # (plain text for measuring, painted text)

    def add(text: str, *styles: str, first: str = "", rest: str = "") -> None:
        for number, line in enumerate(_wrap(one_line(text), inner - cell_width(first))):
            lead = first if number == 0 else rest.ljust(cell_width(first))
            body.append(
                (
                    lead + line,
                    (paint.paint(lead, "bold") if lead.strip() else lead) + paint.paint(line, *styles),
                )
            )

    add(card.summary, STATUS_STYLES.get(card.status, ""))
    body.append(("", ""))
    add(card.body)
    if card.facts:
        body.append(("", ""))
        label_width = max(len(label) for label, _ in card.facts) + 2
        for label, parts in card.facts:
            add(", ".join(text for text, _ in parts), first=(label + ":").ljust(label_width))
    for heading, items in card.sections:
        body += [("", ""), (heading, paint.paint(heading, "bold", "underline"))]
        for item in items:
            add(item, first="\u2022 ", rest="  ")
    if card.sources:
        full = bool(card.sections)
        body += [("", ""), ("Sources", paint.paint("Sources", "bold", "underline" if full else ""))]
        for title, url in card.sources:
            for number, line in enumerate(_wrap(one_line(f"{title} {url}" if full else title), inner - 2)):
                lead = "\u2022 " if number == 0 else "  "
                shown = paint.link(line, url) if not full or not line.endswith(url) else line
                body.append((lead + line, lead + shown))
    title = one_line(card.title)
    if cell_width(title) > width - 6:
        title = title[: width - 9] + "..."
    top = (
        "\u256d\u2500 "
        + paint.paint(title, "bold", "cyan")
        + " "
        + "\u2500" * (width - 5 - cell_width(title))
        + "\u256e"
    )
    lines = [top]
    for plain, painted in body:
        lines.append("\u2502 " + painted + " " * max(inner - cell_width(plain), 0) + " \u2502")
    lines.append("\u2570" + "\u2500" * (width - 2) + "\u256f")
    return lines


def render(view: Cards, terminal: Terminal) -> str:
    width = min(terminal.width or PROSE_WIDTH, PROSE_WIDTH + 4)
    paint = _Painter(terminal)
    lines = [paint.paint(one_line(view.title), "bold")] if view.title else []
    for block in view.blocks:
        if block.headline:
            lines += [paint.paint(line, "bold") for line in _wrap(one_line(block.headline), width)]
        for card in block.cards:
            lines += _card(card.more or card, width, paint)  # a document shows the whole card
        if block.others:
            lines.append(paint.paint("Other senses", "bold"))
            lines += ["  " + line for other in block.others for line in _wrap(one_line(other), width - 2)]
    lines += [line for note in view.notes for line in _wrap(one_line(note), width)]
    if view.appendix:  # the exported glossary's timeline and comparisons: plain tables
        from nhsjargon.render.plain import table

        lines += [part for appendix in view.appendix for part in ("", table(appendix, width))]
    return "\n".join(lines) + "\n"
