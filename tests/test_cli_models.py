"""compare, timeline, lineage and graph through the CLI, on the fixture base plus the models overlay."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import MODELS_OVERLAY, Runner
from tests.golden_helper import assert_golden

pytestmark = pytest.mark.usefixtures("mini_base")
OVERLAY = ("--data", str(MODELS_OVERLAY))


# ---------------------------------------------------------------- compare


def test_compare_table_marks_differing_rows(run: Runner) -> None:
    result = run("compare", "MCP", "PACS", *OVERLAY)
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == (
        "Comparing MCP (Multispecialty Community Provider) and PACS (Primary and Acute Care System)"
    )
    assert lines[1].split() == ["attribute", "MCP", "PACS"]
    marked = [line[3:].split("  ")[0] for line in lines if line.startswith("*  ")]
    assert marked == ["Scope of services", "Contract form(s)", "Who leads or holds it"]
    assert "MCP and PACS differ on 3 of 10 points" in result.out


def test_compare_text_golden(run: Runner) -> None:
    assert_golden("compare_aco_icp.txt", run("compare", "ACO", "icp-provider").out)


def test_compare_markdown_golden_is_a_pipe_table(run: Runner) -> None:
    out = run("compare", "CCG", "ICB", "ICS", "--format", "markdown").out
    assert_golden("compare_ccg_icb_ics.md", out)
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert table[0] == "| attribute | CCG | ICB | ICS |" and table[1] == "| --- | --- | --- | --- |"
    assert len(table) == 2 + 10 and all(line.count(" | ") == 3 for line in table)


def test_compare_json_shape(run: Runner) -> None:
    document = json.loads(run("compare", "MCP", "PACS", "ACO", *OVERLAY, "--format", "json").out)
    assert set(document) == {"terms", "chosen", "rows", "summary"}
    assert document["terms"] == ["mcp", "pacs-care-model", "aco"] and document["chosen"] == ""
    assert all(set(row) == {"attribute", "values", "differs"} for row in document["rows"])
    assert all(len(row["values"]) == 3 for row in document["rows"])
    scope = document["rows"][0]
    assert scope == {
        "attribute": "scope",
        "differs": True,
        "values": [
            "GP and community services",
            "Hospital, GP and community services",
            "Most health and care services",
        ],
    }
    predecessor = next(row for row in document["rows"] if row["attribute"] == "predecessor")
    assert predecessor["values"][0] is None  # not recorded is null, not text
    assert isinstance(document["summary"], str) and "MCP evolved into ACO." in document["summary"]


def test_compare_csv_has_a_differs_column(run: Runner) -> None:
    rows = list(csv.reader(io.StringIO(run("compare", "MCP", "PACS", *OVERLAY, "-f", "csv").out)))
    assert rows[0] == ["attribute", "MCP", "PACS", "differs"]
    assert rows[1][0] == "Scope of services" and rows[1][-1] == "yes"
    assert rows[2][-1] == "no"


def test_compare_rich_marks_rows(run: Runner) -> None:
    out = run("compare", "MCP", "PACS", *OVERLAY, "--format", "rich").out
    assert "\u2260 Scope of services" in out and "\u2260 Population served" not in out
    assert "\u256d" in out and "\x1b[" not in out


def test_compare_text_wraps_long_values_side_by_side(run: Runner, tmp_path: Path) -> None:
    long = "a long description of what the model covers, " * 4
    overlay = tmp_path / "long.yaml"
    overlay.write_text(
        "terms:\n"
        + "".join(
            f"  - {{id: m{i}, acronym: M{i}, name: Model {i}, definition: A model., category: model,"
            f" attributes: {{scope: '{long}{i}', held_by: 'Short {i}'}}}}\n"
            for i in (1, 2)
        ),
        encoding="utf-8",
    )
    lines = run("compare", "M1", "M2", "--data", str(overlay)).out.splitlines()
    table = lines[
        1 : lines.index("M1 and M2 differ on 2 of 6 points: scope of services and who leads or holds it.")
    ]
    assert max(len(line) for line in table) <= 100
    scope = table[1 : table.index("")]  # the first row, wrapped onto several lines
    assert len(scope) > 1 and scope[0].startswith("*  Scope of services")
    left = " ".join(line[26:64].strip() for line in scope)
    right = " ".join(line[64:].strip() for line in scope)
    assert left == " ".join((long + "1").split()) and right == " ".join((long + "2").split())
    assert any(line.startswith("*  Who leads or holds it  Short 1 ") for line in table)


def test_only_differences_hides_agreeing_rows(run: Runner) -> None:
    document = json.loads(run("compare", "MCP", "PACS", *OVERLAY, "-D", "-f", "json").out)
    assert [row["attribute"] for row in document["rows"]] == ["scope", "contract", "held_by"]
    assert "They agree on population served" in document["summary"]  # the summary still says so
    text = run("compare", "MCP", "PACS", *OVERLAY, "--only-differences").out
    assert "Population served" not in text.split("\n\n")[0].split("MCP and PACS differ")[0]


def test_compare_three_way(run: Runner) -> None:
    result = run("compare", "ICS", "ICB", "STP", *OVERLAY)
    assert result.code == 0, result
    title, header = result.out.split("\n   attribute", 1)  # a long title wraps at the width (100)
    assert header.split("\n")[0].split() == ["ICS", "ICB", "STP"]
    assert "STP (Sustainability and Transformation Partnership)" in " ".join(title.split())


def test_compare_takes_the_sense_in_use_and_says_which(run: Runner) -> None:
    today = run("compare", "ICP", "ACO")
    assert today.code == 0 and today.out.startswith("Comparing ICP (Integrated Care Partnership) and ACO")
    assert (
        "ICP: compared Integrated Care Partnership (icp-partnership), the sense in use today; other senses: "
        "icp-provider" in " ".join(today.out.split())
    )
    settled = run("compare", "ICP", "ACO", "--as-of", "2019-06")
    assert settled.code == 0, settled
    assert settled.out.startswith("Comparing ICP (Integrated Care Provider) and ACO")


def test_compare_asks_only_when_no_sense_was_in_use(run: Runner) -> None:
    ambiguous = run("compare", "ICP", "ACO", "--as-of", "1990")
    assert ambiguous.code == 2 and ambiguous.out == "" and ambiguous.err.count("\n") == 1
    assert "none in use on 1990-12-31" in ambiguous.err and "icp-provider" in ambiguous.err
    assert "give the id of the one you mean" in ambiguous.err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("compare", "ACO"), 2, "compare needs 2 to 5 terms, got 1"),
        (("compare", "A", "B", "C", "D", "E", "F"), 2, "compare needs 2 to 5 terms, got 6"),
        (("compare", "ACO", "WPB"), 2, "'WPB' is not a model"),
        (("compare", "ACO", "ICSS"), 1, "unknown term 'ICSS' (did you mean ICS?)"),
        (("compare", "ACO", "aco"), 2, "named twice"),
        (("compare", "ACO", "ICS", "--as-of", "soon"), 2, "--as-of: 'soon' is not a date"),
    ],
)
def test_compare_errors_are_one_line(run: Runner, args: tuple[str, ...], code: int, message: str) -> None:
    result = run(*args)
    assert (result.code, result.out) == (code, "")
    assert result.err.startswith("nhsjargon: error: ") and result.err.count("\n") == 1
    assert message in result.err


def test_compare_reports_every_unknown_term(run: Runner) -> None:
    result = run("compare", "XYZZY", "ACO", "QQQQ")
    assert result.code == 1
    assert "'XYZZY'" in result.err and "'QQQQ'" in result.err and result.err.count("\n") == 2


# ---------------------------------------------------------------- timeline


def test_timeline_text_golden(run: Runner) -> None:
    assert_golden("timeline_ics.txt", run("timeline", "ICS", *OVERLAY).out)


def test_timeline_is_chronological_and_complete(run: Runner) -> None:
    events = json.loads(run("timeline", *OVERLAY, "--format", "json").out)
    assert len(events) == 8
    days = [event["date"] for event in events]
    assert days[0] == "2012-03-27" and days[-1] == "2022-07-01"
    assert [d[:4] for d in days] == sorted(d[:4] for d in days)
    assert events[0] == {
        "date": "2012-03-27",
        "title": "Health and Social Care Act 2012 creates CCGs",
        "terms": ["ccg"],
        "source": {"title": "Test source", "url": "https://example.org/e8"},
    }


def test_timeline_window(run: Runner) -> None:
    result = run("timeline", *OVERLAY, "--from", "2015", "--to", "2018")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "Timeline, 2015 to 2018"
    years = [int(line[:4]) for line in lines[2:] if line[:4].isdigit()]
    assert years == [2015, 2015, 2017, 2018]
    assert lines[-1] == "4 event(s), 2015 to 2018-02"


def test_timeline_window_backwards_is_exit_2(run: Runner) -> None:
    result = run("timeline", "--from", "2020", "--to", "2015")
    assert result.code == 2 and "the window starts in 2020, after it ends in 2015" in result.err


def test_timeline_year_out_of_range_is_exit_2(run: Runner) -> None:
    assert run("timeline", "--from", "20").code == 2


def test_timeline_of_an_unknown_term_is_exit_1(run: Runner) -> None:
    result = run("timeline", "ICSS")
    assert result.code == 1 and "did you mean ICS?" in result.err


def test_timeline_csv_carries_ids_and_sources(run: Runner) -> None:
    rows = list(csv.reader(io.StringIO(run("timeline", "ICB", "-f", "csv").out)))
    assert rows[0] == ["date", "title", "terms", "source_title", "source_url"]
    assert rows[1] == [
        "2013-04-01",
        "CCGs take on commissioning",
        "ccg",
        "Test source",
        "https://example.org/e1",
    ]


def test_timeline_markdown_is_a_pipe_table(run: Runner) -> None:
    out = run("timeline", "-f", "markdown").out
    assert out.startswith("## Timeline\n\n| date | event | terms |\n| --- | --- | --- |\n")


def test_lifespan_chart_golden(run: Runner) -> None:
    # a closed window keeps the golden file independent of today's date
    out = run("timeline", "--chart", "--from", "2012", "--to", "2024", *OVERLAY).out
    assert_golden("timeline_chart.txt", out)


def test_lifespan_chart_draws_bars_on_a_year_axis(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS")  # a pipe with no width: bars 60 wide, every note kept
    lines = run("timeline", "--chart", "--from", "2013", "--to", "2022").out.splitlines()
    assert lines[0] == "Lifespans of models, 2013 to 2022"
    assert lines[1].split() == [str(year) for year in range(2013, 2023)]
    ccg = next(line for line in lines if line.startswith("CCG"))
    ics = next(line for line in lines if line.startswith("ICS"))
    assert ccg.index("=") < ics.index("=")  # CCGs began before ICSs...
    assert ics.rstrip().endswith("since 2018-02") and ">" in ics  # ...which still run
    assert ccg.count("=") > ics.count("=")  # 2013-04 to 2022-06 is longer than 2018-02 to the edge


@pytest.mark.parametrize("fmt", ["text", "rich"])
def test_at_60_columns_the_chart_fits_and_a_bar_that_ends_early_in_the_window_shows(
    run: Runner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = run("timeline", "--chart", "--from", "2018", "--to", "2026", "-f", fmt, *OVERLAY).out.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert lines[1].split()[0] == "2018" and lines[1].split()[-1].startswith("202")
    acs = next(line for line in lines if line.startswith("ACS"))  # 2017-03 to 2018-02
    assert acs[len("ACS") :].strip()[:1] in ("=", "\u2588")


def test_at_60_columns_compare_wraps_between_words(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = run("compare", "MCP", "PACS", *OVERLAY).out
    assert max(len(line) for line in out.splitlines()) <= 60
    shown = set(out.split())
    for word in ("attribute", "population", "Population", "Whole", "capitation"):
        assert word in shown or word not in run("compare", "MCP", "PACS", "-f", "json", *OVERLAY).out, word


def test_lifespan_chart_json_and_rich(run: Runner) -> None:
    spans = json.loads(run("timeline", "ICS", "--chart", "-f", "json").out)
    assert [span["id"] for span in spans] == ["acs", "ics", "icb"]
    assert spans[0] == {
        "id": "acs",
        "label": "ACS",
        "name": "Accountable Care System",
        "status": "renamed",
        "introduced": "2017-03",
        "ended": "2018-02",
    }
    rich = run("timeline", "--chart", "-f", "rich").out
    assert "\u2588" in rich and "\u25b6" in rich


# ---------------------------------------------------------------- lineage


def test_lineage_text_golden(run: Runner) -> None:
    assert_golden("lineage_ics.txt", run("lineage", "ICS", *OVERLAY).out)


def test_lineage_of_an_ambiguous_acronym_shows_the_senses_with_a_history(run: Runner) -> None:
    out = run("lineage", "ICP").out  # in the fixture, the partnership has only a "contrasts with" link
    assert out.splitlines()[0] == "Lineage of ICP (Integrated Care Provider)"
    assert "renamed to ICP (Integrated Care Provider)" in out


def test_lineage_shows_every_sense_that_has_one(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "more.yaml"
    overlay.write_text(
        "terms:\n  - {id: icp-partnership, acronym: ICP, name: Integrated Care Partnership,"
        " definition: A joint committee., related: [{relation: part_of, id: ics}]}\n",
        encoding="utf-8",
    )
    first = run("lineage", "ICP", "--data", str(overlay)).out.splitlines()[0]
    assert first == "Lineage of ICP (Integrated Care Partnership) / ICP (Integrated Care Provider)"


def test_lineage_json_is_nested(run: Runner) -> None:
    document = json.loads(run("lineage", "CCG", "-f", "json").out)
    assert document["terms"] == ["ccg"]
    (root,) = document["roots"]
    assert (root["id"], root["relation"], root["children"][0]["id"], root["children"][0]["relation"]) == (
        "ccg",
        None,
        "icb",
        "replaced_by",
    )


def test_lineage_rich_and_markdown(run: Runner) -> None:
    assert "\u2514\u2500\u2500 replaced by ICB" in run("lineage", "CCG", "-f", "rich").out
    assert (
        "    - replaced by ICB (Integrated Care Board) (since 2022-07-01; current)"
        in run("lineage", "CCG", "-f", "markdown").out
    )


# ---------------------------------------------------------------- graph


def test_graph_formats_extend_the_shared_ones() -> None:
    from typer.main import get_command

    from nhsjargon.cli import app
    from nhsjargon.render import DIAGRAM_FORMATS, SHARED_FORMATS

    command = get_command(app).commands["graph"]  # type: ignore[attr-defined]
    choices = next(param for param in command.params if "--format" in param.opts).type.choices
    assert list(choices) == [*SHARED_FORMATS, *DIAGRAM_FORMATS]


def test_graph_mermaid(run: Runner) -> None:
    result = run("graph", "ICS", "--format", "mermaid")
    assert result.err == ""  # well within Mermaid's limits: no warning
    out = result.out
    assert out.startswith("flowchart LR\n") and "  acs -->|renamed to| ics\n" in out


def test_graph_dot(run: Runner) -> None:
    out = run("graph", "-f", "DOT").out
    assert out.startswith("digraph nhsjargon {") and '"ccg" -> "icb" [label="replaced by"];' in out


def test_graph_markdown_is_a_mermaid_block(run: Runner) -> None:
    out = run("graph", "CCG", "-f", "markdown").out
    assert out.startswith(
        "## Relationships of CCG (Clinical Commissioning Group)\n\n```mermaid\nflowchart LR\n"
    )
    assert out.endswith("```\n")


def test_graph_json_and_text(run: Runner) -> None:
    document = json.loads(run("graph", "-r", "replaced_by", "-f", "json").out)
    assert document == {
        "nodes": [
            {"id": "ccg", "acronym": "CCG", "name": "Clinical Commissioning Group", "status": "abolished"},
            {"id": "icb", "acronym": "ICB", "name": "Integrated Care Board", "status": "current"},
        ],
        "edges": [{"from": "ccg", "relation": "replaced_by", "to": "icb"}],
    }
    text = run("graph", "CCG").out.splitlines()
    assert text[1].split() == ["from", "relation", "to"]
    assert "replaced by" in text[2]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("graph", "-f", "svg"), "'svg' is not one of"),
        (("graph", "-r", "replacd_by"), "did you mean replaced_by?"),
    ],
)
def test_graph_bad_options_are_exit_2(run: Runner, args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert result.code == 2 and message in result.err and result.err.count("\n") == 1


# ---------------------------------------------------------------- contract


@pytest.mark.parametrize("command", ["compare", "timeline", "lineage", "graph"])
def test_help_has_an_example_and_the_format_option(run: Runner, command: str) -> None:
    out = run(command, "--help").out
    assert "Example: nhsjargon " + command in " ".join(out.split())
    assert "--format" in out and "--data" in out
