"""Issue 4's "done means", on the shipped knowledge base (skipped while it is still a stand-in)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from nhsjargon.dates import PartialDate
from nhsjargon.model import KnowledgeBase
from tests.conftest import Runner

pytestmark = pytest.mark.usefixtures("full_base")


def test_compare_mcp_pacs_has_six_rows_or_more_and_marks_differences(run: Runner) -> None:
    document = json.loads(run("compare", "MCP", "PACS", "--format", "json").out)
    assert len(document["terms"]) == 2 and document["terms"][0] == "mcp"
    assert document["terms"][1] != "pacs-imaging"  # PACS here is the care model
    assert len(document["rows"]) >= 6
    assert any(row["differs"] for row in document["rows"])
    text = run("compare", "MCP", "PACS").out
    assert text.count("\n*  ") >= 1 and "differ on" in text


def test_compare_three_way_and_markdown(run: Runner) -> None:
    result = run("compare", "MCP", "PACS", "ACO", "--format", "markdown")
    assert result.code == 0, result
    table = [line for line in result.out.splitlines() if line.startswith("|")]
    assert table[0] == "| attribute | MCP | PACS | ACO |" and len(table) >= 2 + 6


def test_timeline_spans_2012_to_today_in_order(run: Runner) -> None:
    events = json.loads(run("timeline", "--format", "json").out)
    years = [int(event["date"][:4]) for event in events]
    assert years[0] <= 2012 and years[-1] >= dt.date.today().year - 1
    assert 2012 in years
    days = [PartialDate.parse(event["date"]).first_day for event in events]
    assert days == sorted(days)


def test_timeline_of_ics_covers_stp_to_icb(run: Runner, full_base: KnowledgeBase) -> None:
    events = json.loads(run("timeline", "ICS", "--format", "json").out)
    acronyms = {full_base.get(term).acronym for event in events for term in event["terms"]}
    assert {"STP", "ACS", "ICS", "ICB", "ICP"} <= acronyms
    first_stp = min(e["date"] for e in events if any(full_base.get(t).acronym == "STP" for t in e["terms"]))
    first_icb = min(e["date"] for e in events if "icb" in e["terms"])
    assert first_stp < first_icb


def test_timeline_window_stays_inside(run: Runner) -> None:
    events = json.loads(run("timeline", "--from", "2015", "--to", "2018", "--format", "json").out)
    assert events and all(2015 <= int(event["date"][:4]) <= 2018 for event in events)


def test_lineage_of_ics_runs_from_stp_through_acs(run: Runner) -> None:
    lines = run("lineage", "ICS").out.splitlines()
    asked = next(i for i, line in enumerate(lines) if "this term" in line)
    assert "renamed to ICS (Integrated Care System)" in lines[asked]  # shown in full under ACS
    assert any("STP (" in line for line in lines[1:asked])
    assert any("ICB (Integrated Care Board)" in line for line in lines[asked + 1 :])
