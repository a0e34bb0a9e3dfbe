"""Hostile queries: markup, escapes, control characters, huge and odd input: nothing interpreted."""

from __future__ import annotations

import pytest

from tests.conftest import Runner

pytestmark = pytest.mark.usefixtures("mini_base")

HOSTILE = [
    "[bold red]ICS[/]",
    "[/]",
    "[link=https://evil.example]x[/link]",
    "\x1b[31mICS\x1b[0m",
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "ICS\x07\x07",
    "I\u202eSC",
    "\u200fICS",
    "ICS\x00",
    "\udcff\udcfe",
]


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("command", ["explain", "expand", "search"])
def test_hostile_query_is_one_clean_line(run: Runner, query: str, command: str) -> None:
    result = run(command, query)
    assert result.code in (0, 1), result
    for stream in (result.out, result.err):
        assert "\x1b" not in stream and "\x07" not in stream and "\x00" not in stream
        assert "\u202e" not in stream and "Traceback" not in stream
    if result.code == 1:
        assert result.err.startswith("nhsjargon: error: ") and result.err.count("\n") == 1


def test_markup_in_a_query_is_shown_literally_in_the_error(run: Runner) -> None:
    result = run("explain", "[bold]nothing[/bold]")
    assert "[bold]nothing[/bold]" in result.err


def test_ten_megabyte_query(run: Runner) -> None:
    result = run("search", "ICS " * 2_500_000)
    assert result.code == 0 and "Integrated Care System" in result.out


def test_ten_megabyte_unknown_term_is_shortened_in_the_message(run: Runner) -> None:
    result = run("explain", "Q" * 10_000_000)
    assert result.code == 1
    assert len(result.err) < 500


def test_escape_sequences_in_rich_output_are_dropped(run: Runner) -> None:
    result = run("explain", "\x1b[2JICS", "--format", "rich")
    assert result.code == 1 and "\x1b" not in result.err
