"""Diagram languages for a relationship graph: Mermaid (for Markdown pages) and Graphviz DOT.

Succession is drawn as solid arrows, structure dashed, symmetric links without heads; terms
that are gone are dashed.
"""

from __future__ import annotations

from nhsjargon.text import one_line
from nhsjargon.views import Diagram

_MERMAID_WORDS = {
    "end",
    "graph",
    "flowchart",
    "subgraph",
    "style",
    "class",
    "classdef",
    "click",
    "linkstyle",
    "direction",
    "default",
}
# Mermaid's own defaults (maxEdges, maxTextSize); sites such as GitHub do not let a diagram raise them.
MERMAID_MAX_EDGES = 500
MERMAID_MAX_TEXT = 50_000


def mermaid_too_big(diagram: Diagram, text: str) -> str | None:
    """Why Mermaid would refuse to draw this text, or None if it is within its limits."""
    if len(diagram.edges) > MERMAID_MAX_EDGES:
        return f"{len(diagram.edges)} links is more than Mermaid draws by default ({MERMAID_MAX_EDGES})"
    if len(text) > MERMAID_MAX_TEXT:
        return f"{len(text):,} characters is more than Mermaid reads by default ({MERMAID_MAX_TEXT:,})"
    return None


def mermaid_id(entry_id: str) -> str:
    """A Mermaid node id: ids are [a-z0-9-], so '-' -> '_' cannot collide; keywords get a prefix."""
    name = entry_id.replace("-", "_")
    if name in _MERMAID_WORDS or name[:1].isdigit():
        name = "t_" + name
    return name


def _mermaid_text(text: str) -> str:
    text = one_line(text).replace("#", "#35;").replace('"', "#quot;")
    return text.replace("<", "#lt;").replace(">", "#gt;")


def to_mermaid(diagram: Diagram) -> str:
    """A `flowchart LR`."""
    lines = ["flowchart LR"]
    for node in diagram.nodes:
        label = (
            f"{_mermaid_text(node.acronym)}<br/>{_mermaid_text(node.name)}"
            if node.acronym
            else _mermaid_text(node.name)
        )
        lines.append(f'  {mermaid_id(node.id)}["{label}"]')
    arrows = {"succession": "-->", "structure": "-.->", "symmetric": "-.-"}
    for edge in diagram.edges:
        lines.append(
            f"  {mermaid_id(edge.source)} {arrows[edge.kind]}|{_mermaid_text(edge.relation)}| "
            f"{mermaid_id(edge.target)}"
        )
    gone = [mermaid_id(node.id) for node in diagram.nodes if node.gone]
    if gone:
        lines.append("  classDef gone stroke-dasharray:4 3,color:#666")
        lines.append(f"  class {','.join(gone)} gone")
    return "\n".join(lines) + "\n"


def markdown(diagram: Diagram) -> str:
    return f"## {one_line(diagram.title)}\n\n```mermaid\n{to_mermaid(diagram)}```\n"


def _dot_text(text: str) -> str:
    return one_line(text).replace("\\", "\\\\").replace('"', '\\"')


def to_dot(diagram: Diagram) -> str:
    """A `digraph` for Graphviz."""
    lines = [
        "digraph nhsjargon {",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in diagram.nodes:
        label = (
            f"{_dot_text(node.acronym)}\\n{_dot_text(node.name)}" if node.acronym else _dot_text(node.name)
        )
        style = ', style="rounded,dashed"' if node.gone else ""
        lines.append(f'  "{node.id}" [label="{label}"{style}];')
    extras = {"succession": "", "structure": ", style=dashed", "symmetric": ", style=dotted, dir=none"}
    for edge in diagram.edges:
        lines.append(
            f'  "{edge.source}" -> "{edge.target}" [label="{_dot_text(edge.relation)}"{extras[edge.kind]}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
