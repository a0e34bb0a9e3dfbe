"""The timeline and lineage cores: lineages, event order, windows, lifespans, trees, cycles."""

from __future__ import annotations

import datetime as dt

import pytest

from nhsjargon import timeline
from nhsjargon.errors import UsageError
from nhsjargon.knowledge import index
from nhsjargon.lineage import Node, Succession, ancestors, descendants, lineage_ids, lineage_tree
from nhsjargon.model import Entry, KnowledgeBase, Relation


def ids(items: list[Entry]) -> list[str]:
    return [entry.id for entry in items]


# ---------------------------------------------------------------- lineage


def test_ancestors_and_descendants_walk_transitively(models: KnowledgeBase) -> None:
    ics = models.get("ics")
    assert ids(ancestors(models, ics)) == ["acs", "stp-partnership", "stp-plan"]  # nearest first
    assert ids(descendants(models, models.get("stp-plan"))) == ["stp-partnership", "acs", "ics"]
    assert descendants(models, ics) == []


def test_links_written_on_one_side_only_count_both_ways(models: KnowledgeBase) -> None:
    # the overlay says mcp evolved_into aco; mini.yaml's aco says nothing about mcp
    assert "mcp" in ids(ancestors(models, models.get("icp-provider")))
    assert Succession.of(models).predecessors("aco") == (
        ("evolved_from", "mcp"),
        ("evolved_from", "pacs-care-model"),
    )


def test_lineage_with_parts_adds_one_step_only(models: KnowledgeBase) -> None:
    plain = lineage_ids(models, [models.get("ics")])
    with_parts = lineage_ids(models, [models.get("ics")], with_parts=True)
    assert set(plain) == {"ics", "acs", "stp-partnership", "stp-plan"}
    assert set(with_parts) == set(plain) | {"icb"}  # ICB is part of ICS, but CCG (ICB's predecessor) is not
    assert set(lineage_ids(models, [models.get("icb")], with_parts=True)) == {"icb", "ccg", "ics"}


def _cycle() -> KnowledgeBase:
    a = Entry("a", "Alpha", "A.", acronym="A", introduced=None, related=(Relation("renamed_to", "b"),))
    b = Entry("b", "Beta", "B.", acronym="B", related=(Relation("renamed_to", "c"),))
    c = Entry("c", "Gamma", "C.", acronym="C", related=(Relation("renamed_to", "a"),))
    return index.build([a, b, c], [])


def test_cycles_end_instead_of_looping() -> None:
    knowledge = _cycle()
    assert set(ids(descendants(knowledge, knowledge.get("a")))) == {"b", "c"}
    assert set(ids(ancestors(knowledge, knowledge.get("a")))) == {"b", "c"}
    (root,) = lineage_tree(knowledge, [knowledge.get("b")])
    chain = [root.entry.id, root.children[0].entry.id, root.children[0].children[0].entry.id]
    assert chain == ["a", "b", "c"]
    back = root.children[0].children[0].children[0]
    assert back.entry.id == "a" and back.repeat and back.children == () and back.see_under is None


def flatten(node: Node, depth: int = 0) -> list[tuple[int, str, str | None]]:
    rows = [(depth, node.entry.id, node.relation)]
    for child in node.children:
        rows += flatten(child, depth + 1)
    return rows


def test_tree_runs_forward_from_the_oldest_ancestor(models: KnowledgeBase) -> None:
    (root,) = lineage_tree(models, [models.get("ics")])
    assert flatten(root) == [
        (0, "stp-plan", None),
        (1, "stp-partnership", "evolved_into"),
        (2, "acs", "evolved_into"),
        (3, "ics", "renamed_to"),
        (4, "icb", "has_part"),
    ]
    assert [node.entry.id for node in _walk(root) if node.asked] == ["ics"]


def _walk(node: Node) -> list[Node]:
    return [node, *(n for child in node.children for n in _walk(child))]


def test_two_predecessors_merge_and_the_other_path_points_to_it(models: KnowledgeBase) -> None:
    roots = lineage_tree(models, [models.get("icp-provider")])
    assert [root.entry.id for root in roots] == ["mcp", "pacs-care-model"]
    mcp, pacs = roots
    # equally deep and as old: the tie goes to the later id, so ACO is shown in full under PACS
    assert flatten(pacs) == [
        (0, "pacs-care-model", None),
        (1, "aco", "evolved_into"),
        (2, "icp-provider", "renamed_to"),
    ]
    (repeat,) = mcp.children
    assert repeat.entry.id == "aco" and repeat.repeat and repeat.see_under == models.get("pacs-care-model")


def test_a_successor_is_shown_under_its_nearest_predecessor(models: KnowledgeBase) -> None:
    # STP partnership -> ICS directly, and by way of ACS: ICS belongs under ACS, the longer chain
    stp = models.get("stp-partnership")
    linked = stp.replace(related=(*stp.related, Relation("evolved_into", "ics")))
    knowledge = index.build([*models.entries, linked], models.events)
    (root,) = lineage_tree(knowledge, [knowledge.get("ics")])
    partnership = root.children[0]
    acs, direct = partnership.children
    assert (acs.entry.id, acs.children[0].entry.id, acs.children[0].repeat) == ("acs", "ics", False)
    assert (direct.entry.id, direct.repeat, direct.see_under) == ("ics", True, knowledge.get("acs"))


def test_a_term_without_lineage_is_a_tree_of_one(models: KnowledgeBase) -> None:
    (root,) = lineage_tree(models, [models.get("wpb")])
    assert root.entry.id == "wpb" and root.children == () and root.asked


# ---------------------------------------------------------------- timeline


def test_events_are_chronological_whatever_the_file_order(models: KnowledgeBase) -> None:
    dates = [str(event.date) for event in timeline.events(models)]
    assert dates == [
        "2012-03-27",
        "2013-04-01",
        "2014-10-23",
        "2015",
        "2015-12-22",
        "2017-03-31",
        "2018-02",
        "2022-07-01",
    ]
    days = [event.date.first_day for event in timeline.events(models)]
    assert days == sorted(days)


def test_window_keeps_whole_years_inclusive(models: KnowledgeBase) -> None:
    found = timeline.events(models, window=timeline.Window(2015, 2017))
    assert [str(event.date) for event in found] == ["2015", "2015-12-22", "2017-03-31"]
    assert all(2015 <= event.date.year <= 2017 for event in found)
    assert [str(e.date) for e in timeline.events(models, window=timeline.Window(start=2018))] == [
        "2018-02",
        "2022-07-01",
    ]


def test_window_must_run_forwards() -> None:
    with pytest.raises(UsageError, match="the window starts in 2019, after it ends in 2015"):
        timeline.Window(2019, 2015)


def test_events_of_a_term_cover_its_whole_lineage(models: KnowledgeBase) -> None:
    found = timeline.events(models, [models.get("ics")])
    assert [event.title for event in found] == [
        "Planning guidance asks every area for an STP",
        "Next Steps turns STPs into partnerships",
        "Accountable care systems renamed integrated care systems",
        "ICBs replace CCGs",
    ]


def test_lifespans_of_models_in_order_of_start(models: KnowledgeBase) -> None:
    spans = timeline.lifespans(models)
    assert ids([span.entry for span in spans])[:4] == ["ccg", "mcp", "pacs-care-model", "aco"]
    assert "pacs-imaging" not in ids([span.entry for span in spans])  # not a model
    ccg = spans[0]
    assert (ccg.first, ccg.last, ccg.running) == (dt.date(2013, 4, 1), dt.date(2022, 6, 30), False)
    ics = next(span for span in spans if span.entry.id == "ics")
    assert ics.last is None and ics.running


def test_lifespans_in_a_window(models: KnowledgeBase) -> None:
    spans = timeline.lifespans(models, window=timeline.Window(2019, 2020))
    # running or overlapping spans stay; icp-provider (2018-08, end not recorded) counts only at its start
    assert ids([span.entry for span in spans]) == ["ccg", "stp-partnership", "ics"]


def test_lifespans_of_a_lineage(models: KnowledgeBase) -> None:
    spans = timeline.lifespans(models, [models.get("ics")])
    assert ids([span.entry for span in spans]) == ["stp-plan", "acs", "stp-partnership", "ics", "icb"]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 1, 1), 2022.0),
        (dt.date(2022, 7, 2), 2022 + 182 / 365),
        (dt.date(2024, 12, 31), 2024 + 365 / 366),
    ],
)
def test_year_fraction(day: dt.date, expected: float) -> None:
    assert timeline.year_fraction(day) == pytest.approx(expected)


def test_a_proposed_model_is_not_running_yet(models: KnowledgeBase) -> None:
    proposed = models.get("ics").replace(id="future", status="proposed", related=())
    knowledge = index.build([*models.entries, proposed], [])
    span = next(s for s in timeline.lifespans(knowledge) if s.entry.id == "future")
    assert span.running  # drawn as open-ended from its planned start
