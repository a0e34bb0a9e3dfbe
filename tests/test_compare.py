"""The compare core: choosing senses, lining up rows, marking differences, the summary."""

from __future__ import annotations

import datetime as dt

import pytest

from nhsjargon import compare
from nhsjargon.errors import UnknownTermError, UsageError
from nhsjargon.knowledge import index
from nhsjargon.model import Entry, KnowledgeBase
from nhsjargon.schema import ATTRIBUTES


def entries(knowledge: KnowledgeBase, *ids: str) -> list[Entry]:
    return [knowledge.get(entry_id) for entry_id in ids]


@pytest.mark.parametrize(
    ("query", "day", "expected"),
    [
        ("PACS", None, "pacs-care-model"),  # the imaging system has no comparison attributes
        ("STP", None, "stp-partnership"),  # the plan is a policy, not a model
        ("icp-provider", None, "icp-provider"),  # ids name one sense
        ("Integrated Care Partnership", None, "icp-partnership"),
        ("ICP", dt.date(2019, 6, 30), "icp-provider"),  # a date settles an ambiguous acronym
        ("PACS", dt.date(2010, 1, 1), "pacs-care-model"),  # no model then: still the model sense
        ("CCGs", None, "ccg"),  # a body with attributes can be compared too
    ],
)
def test_choose_picks_the_comparable_sense(
    models: KnowledgeBase, query: str, day: dt.date | None, expected: str
) -> None:
    assert compare.choose(models, query, day or dt.date.today()).entry.id == expected


def test_choose_takes_the_sense_in_use_and_says_which(models: KnowledgeBase) -> None:
    chosen = compare.choose(models, "ICP", dt.date.today())
    assert chosen.entry.id == "icp-partnership"
    assert chosen.note.startswith(
        "ICP: compared Integrated Care Partnership (icp-partnership), the sense in use "
        "today; other senses: icp-provider"
    )


def test_choose_asks_only_when_no_sense_fits(models: KnowledgeBase) -> None:
    with pytest.raises(compare.Ambiguous) as info:
        compare.choose(models, "ICP", dt.date(1990, 1, 1))
    message = str(info.value)
    assert "'ICP' has 2 senses that can be compared, none in use on 1990-01-01" in message
    assert "icp-partnership (Integrated Care Partnership" in message and "nhsjargon" not in message


def test_choose_refuses_what_is_not_a_model(models: KnowledgeBase) -> None:
    with pytest.raises(UsageError, match="'WPB' is not a model"):
        compare.choose(models, "WPB", dt.date.today())


def test_choose_unknown_term_is_exit_1_with_suggestion(models: KnowledgeBase) -> None:
    with pytest.raises(UnknownTermError) as info:
        compare.choose(models, "MCPP", dt.date.today())
    assert info.value.exit_code == 1 and "MCP" in info.value.suggestions


@pytest.mark.parametrize("count", [0, 1, 6])
def test_compare_takes_two_to_five(count: int) -> None:
    with pytest.raises(UsageError, match="2 to 5 terms"):
        compare.check_count(count)


def test_compare_refuses_the_same_entry_twice(models: KnowledgeBase) -> None:
    with pytest.raises(UsageError, match="named twice"):
        compare.compare(models, entries(models, "aco", "aco"))


def test_rows_cover_attributes_then_derived_in_order(models: KnowledgeBase) -> None:
    result = compare.compare(models, entries(models, "mcp", "pacs-care-model"))
    derived = ["era", "status", "predecessor", "successor"]
    assert [row.attribute for row in result.rows] == [*ATTRIBUTES, *derived]
    assert all(len(row.values) == 2 for row in result.rows)


def test_differences_are_marked_exactly(models: KnowledgeBase) -> None:
    result = compare.compare(models, entries(models, "mcp", "pacs-care-model"))
    differs = {row.attribute: row.differs for row in result.rows}
    assert differs == {
        "scope": True,
        "population": False,
        "budget": False,
        "contract": True,
        "legal_status": False,
        "held_by": True,
        "era": False,
        "status": False,
        "predecessor": False,
        "successor": False,
    }
    assert [row.attribute for row in result.differing] == ["scope", "contract", "held_by"]


def test_values_follow_the_order_of_the_terms(models: KnowledgeBase) -> None:
    forward = compare.compare(models, entries(models, "ccg", "icb"))
    backward = compare.compare(models, entries(models, "icb", "ccg"))
    for one, other in zip(forward.rows, backward.rows, strict=True):
        assert one.values == other.values[::-1]
    era = next(row for row in forward.rows if row.attribute == "era")
    assert era.values == ("2013-04-01 to 2022-06-30", "since 2022-07-01")


def test_derived_rows_read_links_written_on_either_side(models: KnowledgeBase) -> None:
    # the overlay writes mcp evolved_into aco, but aco has no evolved_from: it is found anyway
    result = compare.compare(models, entries(models, "mcp", "aco"))
    rows = {row.attribute: row.values for row in result.rows}
    assert rows["successor"] == ("ACO (Accountable Care Organisation)", "ICP (Integrated Care Provider)")
    assert rows["predecessor"] == (
        None,
        "MCP (Multispecialty Community Provider); PACS (Primary and Acute Care System)",
    )


def test_case_and_a_final_full_stop_do_not_count_as_differences() -> None:
    assert compare._same(["A whole population budget.", "a whole  population budget"])
    assert not compare._same(["A budget", None])


def test_clashing_acronyms_are_told_apart_by_name(models: KnowledgeBase) -> None:
    result = compare.compare(models, entries(models, "icp-partnership", "icp-provider", "ics"))
    assert result.labels == ("Integrated Care Partnership", "Integrated Care Provider", "ICS")


def test_summary_names_differences_links_dates_and_status(models: KnowledgeBase) -> None:
    summary = compare.compare(models, entries(models, "mcp", "pacs-care-model")).summary
    assert summary == (
        "MCP and PACS differ on 3 of 10 points: scope of services, contract form(s) and who leads or "
        "holds it.",
        "They agree on population served, budget and payment, legal status and accountability, dates, "
        "status and what came after.",  # neither records a predecessor: no claim about it
        "MCP and PACS (both 2014-10-23 to 2018-08) began at the same time.",
        "Both were in use from 2014-10-23 to 2018-08.",
        "No longer in use: MCP (historical, ended 2018-08) and PACS (historical, ended 2018-08).",
    )


def test_summary_of_a_succession(models: KnowledgeBase) -> None:
    summary = compare.compare(models, entries(models, "ccg", "icb")).summary
    assert "CCG was replaced by ICB." in summary
    assert "In order of appearance: CCG (2013-04-01 to 2022-06-30), then ICB (since 2022-07-01)." in summary
    assert "They were never in use at the same time." in summary
    assert summary[-1] == "Still in use: ICB; no longer in use: CCG (abolished 2022-06-30)."


def test_summary_follows_a_lineage_through_terms_not_compared(models: KnowledgeBase) -> None:
    summary = compare.compare(models, entries(models, "mcp", "icp-provider")).summary
    assert "MCP led to ICP by way of ACO (Accountable Care Organisation)." in summary


def test_summary_of_three_current_models(models: KnowledgeBase) -> None:
    summary = compare.compare(models, entries(models, "ics", "icb", "icp-partnership")).summary
    assert summary[-1] == "All of them are still in use."
    assert not any("were in use from" in sentence for sentence in summary)  # no end: no overlap claim
    assert "ICB and ICP (both since 2022-07-01)" in summary[-2]


def test_summary_when_they_agree_on_everything(models: KnowledgeBase) -> None:

    one = models.get("mcp").replace(id="one", acronym="ONE", related=())
    two = one.replace(id="two", acronym="TWO")
    knowledge = index.build([one, two], [])
    result = compare.compare(knowledge, [one, two])
    assert not result.differing
    assert result.summary[0] == "ONE and TWO agree on all 10 points compared."
