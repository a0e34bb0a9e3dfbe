"""explain, expand, list, search and validate through the CLI, on the fixture knowledge base."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Runner
from tests.golden_helper import assert_golden

pytestmark = pytest.mark.usefixtures("mini_base")


def test_explain_is_a_short_card(run: Runner) -> None:
    result = run("explain", "ACO")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == "ACO: Accountable Care Organisation"
    assert lines[1] == "  renamed, 2016 to 2018-08; renamed to ICP (Integrated Care Provider) after 2018-08"
    assert "  Became: ICP (Integrated Care Provider)" in lines and "  Sources: Test source" in lines
    assert "https://" not in result.out and "Notes:" not in result.out  # the rest is for --full


def test_explain_full_has_everything(run: Runner) -> None:
    out = run("explain", "ACO", "--full").out
    for expected in (
        "  Category: model",
        "  Renamed to: ICP (Integrated Care Provider)",
        "  Model:",
        "    - Test source <https://example.org/aco>",
    ):
        assert expected in out, expected


def test_explain_says_what_replaced_a_gone_term(run: Runner) -> None:
    result = run("explain", "CCG")
    assert "replaced by ICB (Integrated Care Board) from 2022-07-01" in result.out


def test_explain_shows_the_most_relevant_sense_then_a_line_for_each_other(run: Runner) -> None:
    out = run("explain", "ICP").out
    assert out.startswith("ICP has 2 senses; the most relevant first\nICP: Integrated Care Partnership\n")
    assert out.endswith(
        "Other senses:\n  2. icp-provider: Integrated Care Provider (historical, from 2018-08, "
        "end not recorded)\n"
    )


def test_explain_as_of_says_what_it_was_then(run: Runner) -> None:
    out = run("explain", "ICP", "--as-of", "2019-06").out
    assert out.startswith(
        "ICP: Integrated Care Provider, as of 2019-06-30\n"
        "  in use on 2019-06-30 since 2018-08; now historical\n"
    )
    assert "  2. icp-partnership: Integrated Care Partnership (current, since 2022-07-01)" in out


def test_explain_as_of_does_not_claim_an_undated_sense_was_in_use(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "undated.yaml"
    overlay.write_text(
        "terms:\n  - {id: qzx, acronym: QZX, name: Quiet Zone Exchange, status: historical,"
        " definition: A local name with no dates.}\n",
        encoding="utf-8",
    )
    out = run("explain", "QZX", "--as-of", "1066", "--data", str(overlay)).out
    assert out.startswith(
        "QZX: Quiet Zone Exchange, as of 1066-12-31\n"
        "  its start is not recorded, so it may not yet have been in use on 1066-12-31; now historical\n"
    )


def test_explain_text_golden(run: Runner) -> None:
    assert_golden("explain_icp.txt", run("explain", "ICP").out)


def test_explain_markdown_golden(run: Runner) -> None:
    assert_golden("explain_ccg.md", run("explain", "CCG", "--format", "markdown").out)


def test_explain_rich_is_a_panel_without_colour_in_tests(run: Runner) -> None:
    result = run("explain", "ICB", "--format", "rich")
    assert "\u256d" in result.out and "Integrated Care Board" in result.out
    assert "\x1b[" not in result.out


@pytest.mark.parametrize("colour", [False, True])
def test_explain_rich_golden(run: Runner, monkeypatch: pytest.MonkeyPatch, colour: bool) -> None:
    """The terminal card at 80 columns, with colour and without (tealdeer keeps both twins)."""
    monkeypatch.setenv("COLUMNS", "80")
    if colour:
        monkeypatch.delenv("NO_COLOR")
        monkeypatch.setenv("FORCE_COLOR", "1")
    out = run("explain", "CCG", "--format", "rich").out
    assert ("\x1b[" in out) is colour
    assert_golden(f"explain_ccg.rich{'.colour' if colour else ''}.txt", out)


def test_explain_json_shape(run: Runner) -> None:
    entries = json.loads(run("explain", "icb", "--format", "json").out)
    assert [entry["id"] for entry in entries] == ["icb"]
    assert {
        "id",
        "acronym",
        "name",
        "definition",
        "status",
        "introduced",
        "ended",
        "related",
        "sources",
    } <= set(entries[0])
    assert {"relation": "replaces", "id": "ccg"} in entries[0]["related"]
    assert entries[0]["sources"][0] == {"title": "Test source", "url": "https://example.org/icb"}


def test_unknown_term_one_line_suggestion_exit_1(run: Runner) -> None:
    result = run("explain", "ICSS")
    assert result.code == 1
    assert result.out == ""
    assert result.err == "nhsjargon: error: unknown term 'ICSS' (did you mean ICS?)\n"


def test_known_terms_still_shown_when_one_is_unknown(run: Runner) -> None:
    result = run("expand", "ACO", "XYZZYQ", "ICS")
    assert result.code == 1
    assert result.out == "ACO: Accountable Care Organisation\nICS: Integrated Care System\n"
    assert "unknown term 'XYZZYQ'" in result.err and result.err.count("\n") == 1


def test_expand_one_line_per_term_all_senses(run: Runner) -> None:
    result = run("expand", "ACO", "ICP", "ccgs")
    assert result.out.splitlines() == [
        "ACO: Accountable Care Organisation",
        "ICP: Integrated Care Partnership; Integrated Care Provider",
        "CCG: Clinical Commissioning Group",
    ]


def test_expand_starts_each_line_with_the_term_asked_for(run: Runner, tmp_path: Path) -> None:
    """Senses of different acronyms: the line starts with the one asked for (QZX, not the
    QZXA that also goes by it), or the query itself when none is written so (a plural)."""
    overlay = tmp_path / "senses.yaml"
    overlay.write_text(
        "terms:\n"
        "  - {id: a-qzxa, acronym: QZXA, aliases: [QZX], name: Quiet Zone Exchange Alliance,"
        " status: current, definition: One sense.}\n"
        "  - {id: b-qzx, acronym: QZX, name: Quiet Zone Exchange, status: historical, definition: Another.}\n"
        "  - {id: c-qz, acronym: QZ, name: Quiet Zone, status: current, definition: A third.}\n"
        "  - {id: d-qzs, acronym: QZS, name: Quiet Zone Service, status: current, definition: A fourth.}\n",
        encoding="utf-8",
    )
    lines = run("expand", "QZX", "qzx", "QZs", "Qzx", "--data", str(overlay)).out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["QZX", "QZX", "QZs", "QZX"]
    assert lines[2] == "QZs: Quiet Zone; Quiet Zone Service"


def test_list_filters_and_counts(run: Runner) -> None:
    result = run("list", "--category", "model", "--status", "current")
    lines = result.out.splitlines()
    assert lines[0].split() == ["term", "name", "category", "status", "when"]
    assert len(lines) == 4 and lines[-1] == "2 term(s)"


def test_list_rejects_unknown_category_with_hint(run: Runner) -> None:
    result = run("list", "--category", "modle")
    assert result.code == 2
    assert "did you mean model?" in result.err


def test_list_json_and_csv_carry_every_entry(run: Runner) -> None:
    entries = json.loads(run("list", "--format", "json").out)
    assert len(entries) == 8
    rows = list(csv.reader(io.StringIO(run("list", "--format", "csv").out)))
    assert rows[0][:3] == ["id", "acronym", "name"] and len(rows) == 9
    assert len({len(row) for row in rows}) == 1


def test_search_ranks_and_reports_nothing(run: Runner) -> None:
    assert run("search", "population budget").out.splitlines()[2].startswith("WPB")
    missing = run("search", "zebra crossing")
    assert missing.code == 1 and "nothing matches" in missing.err


def test_bad_option_is_one_line_exit_2(run: Runner) -> None:
    result = run("list", "--bogus")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "No such option" in result.err


def test_version(run: Runner) -> None:
    from nhsjargon import __version__

    assert run("--version").out == f"nhsjargon {__version__}\n"


def test_overlay_through_data_option(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "terms:\n  - {id: dicg, acronym: DICG, name: Dudley Integrated Care Group,"
        " definition: A local name.}\n",
        encoding="utf-8",
    )
    assert run("expand", "DICG", "--data", str(overlay)).out == "DICG: Dudley Integrated Care Group\n"


def test_broken_overlay_is_exit_3_one_line(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text("terms: [\n", encoding="utf-8")
    result = run("explain", "ACO", "--data", str(overlay))
    assert result.code == 3
    assert result.err.startswith("nhsjargon: error: ") and "malformed YAML" in result.err
    assert result.err.count("\n") == 1


def test_validate_reports_every_problem(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text(
        "terms:\n  - {id: a, name: A, definition: x, status: gone}\n"
        "  - {id: b, name: B, definition: y, related: [{relation: part_of, id: zz}]}\n",
        encoding="utf-8",
    )
    result = run("validate", str(overlay))
    assert result.code == 3
    assert "status" in result.out and "'zz' names no entry" in result.out
    assert "2 problem(s) found" in result.err


def test_validate_builtin_passes(run: Runner) -> None:
    result = run("validate", "--format", "json")
    assert result.code == 0, result
    assert json.loads(result.out)["valid"] is True


def test_markup_in_overlay_text_is_printed_literally(run: Runner, tmp_path: Path) -> None:
    overlay = tmp_path / "markup.yaml"
    overlay.write_text(
        "terms:\n  - {id: mk, acronym: MK, name: '[bold red]Loud[/]', "
        "definition: 'Has [link=https://x]markup[/link] and \\e[31mANSI\\a.'}\n",
        encoding="utf-8",
    )
    result = run("explain", "MK", "--data", str(overlay), "--format", "rich")
    assert "[bold red]Loud[/]" in result.out
    assert "\x1b" not in result.out and "\x07" not in result.out
