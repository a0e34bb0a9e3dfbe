"""Closed pipes and odd corners, in real subprocesses and through the CLI.

Each case here was once a bug: a closed pipe exiting 1 through Typer, `decode --inline`
printing nothing for a pipe, year 0 passing validation then crashing, `--as-of` before
every sense claiming they were in use, `--chart --from` beyond today, bare `nhsjargon`.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, MINI, Runner
from tests.test_install import installed_command

COMMANDS = [
    ["list"],
    ["explain", "ACO"],
    ["explain", "ACO", "--data", str(FIXTURES / "models_overlay.yaml")],
    ["compare", "ACO", "ICS"],
    ["timeline"],
    ["lineage", "CCG"],
    ["graph"],
    ["decode", str(FIXTURES / "draft_problems.md")],
    ["export", "--format", "html"],
]


def run_shell(script: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NHSJARGON_BASE": str(MINI), "NO_COLOR": "1", "NHSJ": installed_command()}
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=60, env=env, check=False
    )


@pytest.mark.subprocess
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv[:2]))
def test_a_closed_pipe_ends_quietly_with_0(argv: list[str]) -> None:
    # `true` exits without reading, so every write after the pipe buffer fills fails
    quoted = " ".join(f"'{arg}'" for arg in argv)
    result = run_shell(f'"$NHSJ" {quoted} | true; echo "exit=${{PIPESTATUS[0]}}"')
    assert result.stdout.strip() == "exit=0", result
    assert result.stderr == ""


@pytest.mark.subprocess
def test_closed_stdout_is_quiet() -> None:
    result = run_shell('"$NHSJ" list >&-; echo "exit=$?"')
    assert result.stdout.strip() == "exit=0" and "Traceback" not in result.stderr


@pytest.mark.subprocess
def test_inline_reads_a_pipe_given_as_a_path() -> None:
    draft = FIXTURES / "draft_problems.md"
    result = run_shell(f'"$NHSJ" decode --inline <(cat "{draft}")')
    assert result.returncode == 0
    assert "CCGs (Clinical Commissioning Groups)" in result.stdout


@pytest.mark.usefixtures("mini_base")
@pytest.mark.parametrize("date", ["'0000'", "'9999-12-31'", "'0000-01-01'"])
def test_years_out_of_range_are_invalid(run: Runner, tmp_path: Path, date: str) -> None:
    overlay = tmp_path / "dates.yaml"
    overlay.write_text(
        f"terms:\n  - {{id: zz, name: Zed, definition: x, introduced: {date}}}\n", encoding="utf-8"
    )
    result = run("validate", str(overlay))
    assert result.code == 3 and "is outside the dates nhsjargon handles (0001 to 9998)" in result.out


@pytest.mark.usefixtures("mini_base")
def test_as_of_before_every_sense_says_so(run: Runner) -> None:
    result = run("explain", "ICP", "--as-of", "1800")
    assert result.code == 0
    assert result.out.startswith(
        "ICP was not in use on 1800-12-31\nICP: Integrated Care Partnership, as of 1800-12-31\n"
        "  not yet in use on 1800-12-31 (it began 2022-07-01)\n"
    )


@pytest.mark.usefixtures("mini_base")
def test_chart_from_a_future_year_keeps_its_window(run: Runner) -> None:
    result = run("timeline", "--chart", "--from", "2100")
    assert result.code == 0 and "2100 to 2100" in result.out.splitlines()[0]


@pytest.mark.usefixtures("mini_base")
def test_bare_command_prints_help_without_an_error_line(run: Runner) -> None:
    result = run()
    assert "Usage" in result.out and "error" not in result.err
