"""The relationship graph: one edge per pair of inverses, neighbourhoods, Mermaid and DOT text."""

from __future__ import annotations

import pytest

from nhsjargon import graph
from nhsjargon.graph import Edge
from nhsjargon.knowledge import index
from nhsjargon.model import Entry, KnowledgeBase, Relation
from nhsjargon.render import diagrams
from nhsjargon.views import Diagram
from nhsjargon.views.models import graph_view


def drawn(knowledge: KnowledgeBase, result: graph.Graph) -> Diagram:
    return graph_view(knowledge, result, "Relationships")


def edges(result: graph.Graph) -> set[tuple[str, str, str]]:
    return {(edge.source, edge.relation, edge.target) for edge in result.edges}


def test_inverse_pairs_are_drawn_once_forwards(mini: KnowledgeBase) -> None:
    # mini.yaml writes ccg replaced_by icb once; the inverse is derived
    result = graph.build(mini)
    assert edges(result) == {
        ("ccg", "replaced_by", "icb"),
        ("icb", "part_of", "ics"),
        ("acs", "renamed_to", "ics"),
        ("aco", "renamed_to", "icp-provider"),
        ("aco", "see_also", "wpb"),
        ("icp-partnership", "contrasts_with", "icp-provider"),
    }
    assert len(result.edges) == len(edges(result))


def test_relation_filter_accepts_either_name_of_a_pair(mini: KnowledgeBase) -> None:
    assert edges(graph.build(mini, relations=["replaces"])) == {("ccg", "replaced_by", "icb")}
    only = graph.build(mini, relations=["part_of", "renamed_to"])
    assert {edge.relation for edge in only.edges} == {"part_of", "renamed_to"}
    assert {entry.id for entry in only.nodes} == {"icb", "ics", "acs", "aco", "icp-provider"}


def test_a_terms_neighbourhood(models: KnowledgeBase) -> None:
    result = graph.build(models, [models.get("ics")])
    assert {entry.id for entry in result.nodes} == {"ics", "acs", "stp-partnership", "stp-plan", "icb"}
    assert ("stp-partnership", "evolved_into", "acs") in edges(result)
    assert not any("ccg" in edge for edge in edges(result))


def test_nodes_in_time_order(mini: KnowledgeBase) -> None:
    ids = [entry.id for entry in graph.build(mini, [mini.get("ics")]).nodes]
    assert ids == ["acs", "ics", "icb"]


def test_mermaid_source(mini: KnowledgeBase) -> None:
    text = diagrams.to_mermaid(drawn(mini, graph.build(mini, [mini.get("ics")])))
    assert text == (
        "flowchart LR\n"
        '  acs["ACS<br/>Accountable Care System"]\n'
        '  ics["ICS<br/>Integrated Care System"]\n'
        '  icb["ICB<br/>Integrated Care Board"]\n'
        "  acs -->|renamed to| ics\n"
        "  icb -.->|part of| ics\n"
        "  classDef gone stroke-dasharray:4 3,color:#666\n"
        "  class acs gone\n"
    )


@pytest.mark.parametrize(
    ("entry_id", "expected"),
    [("icp-provider", "icp_provider"), ("end", "t_end"), ("111", "t_111"), ("graph", "t_graph")],
)
def test_mermaid_ids_are_safe(entry_id: str, expected: str) -> None:
    assert diagrams.mermaid_id(entry_id) == expected


def _awkward() -> KnowledgeBase:
    odd = Entry(
        "odd", 'The "quoted" <b>#1</b> \\ name', "X.", acronym="A&E", related=(Relation("see_also", "end"),)
    )
    end = Entry("end", "End", "Y.", related=(Relation("see_also", "odd"),))
    return index.build([odd, end], [])


def test_mermaid_escapes_labels() -> None:
    knowledge = _awkward()
    text = diagrams.to_mermaid(drawn(knowledge, graph.build(knowledge)))
    assert 'odd["A&E<br/>The #quot;quoted#quot; #lt;b#gt;#35;1#lt;/b#gt; \\ name"]' in text
    assert "t_end -.-|see also| odd" in text


def test_dot_escapes_labels_and_styles_edges() -> None:
    knowledge = _awkward()
    text = diagrams.to_dot(drawn(knowledge, graph.build(knowledge)))
    assert r'"odd" [label="A&E\nThe \"quoted\" <b>#1</b> \\ name"];' in text
    assert '"end" -> "odd" [label="see also", style=dotted, dir=none];' in text
    assert text.startswith("digraph nhsjargon {\n") and text.endswith("}\n")


def test_edge_words() -> None:
    assert Edge("a", "replaced_by", "b").words == "replaced by"


def test_mermaid_limits_are_reported(mini: KnowledgeBase) -> None:
    small = drawn(mini, graph.build(mini))
    assert diagrams.mermaid_too_big(small, diagrams.to_mermaid(small)) is None
    nodes = graph.build(mini).nodes
    many = drawn(mini, graph.Graph(nodes, tuple(Edge("ccg", "see_also", "icb") for _ in range(501))))
    assert diagrams.mermaid_too_big(many, "") == "501 links is more than Mermaid draws by default (500)"
    assert "characters" in (diagrams.mermaid_too_big(small, "x" * 50_001) or "")


def test_a_filtered_neighbourhood_keeps_only_linked_terms(models: KnowledgeBase) -> None:
    result = graph.build(models, [models.get("ics")], relations=["part_of"])
    assert {entry.id for entry in result.nodes} == {"ics", "icb"}
    alone = graph.build(models, [models.get("wpb")], relations=["part_of"])
    assert [entry.id for entry in alone.nodes] == ["wpb"] and alone.edges == ()
