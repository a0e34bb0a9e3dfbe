"""Fault injection, output: a full disk, a closed stdout, a reader that stops early.

A failed write is exit 1 with one line on stderr, never exit 0 with truncated output and never
"internal error"; a closed pipe is quiet and exit 0 for every command, help included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.faults import can_mount_a_small_disk, nhsjargon, shell

pytestmark = pytest.mark.subprocess

FULL = "nhsjargon: error: cannot write output: No space left on device\n"
DRAFT = str(FIXTURES / "draft_problems.md")

COMMANDS = [
    ["--version"],
    ["--help"],
    ["explain", "--help"],
    ["explain", "ICS"],
    ["explain", "ICS", "--format", "json"],
    ["search", "integrated care"],
    ["list"],
    ["compare", "ICB", "ICP"],
    ["timeline", "--chart"],
    ["lineage", "CCG"],
    ["graph", "--format", "dot"],
    ["changes", "--since", "2020"],
    ["decode", DRAFT],
    ["decode", "--inline", DRAFT],
    ["export", "--format", "json"],
]


# Unbuffered, every write goes straight out: the ones whose output is many writes.
UNBUFFERED = [["--help"], ["explain", "ICS"], ["decode", "--inline", DRAFT], ["export", "--format", "json"]]
# A closed stdout: the fast path, Typer's own output, a table, a document.
CLOSED = [
    ["--version"],
    ["--help"],
    ["explain", "ICS"],
    ["search", "integrated care"],
    ["list"],
    ["timeline", "--chart"],
    ["decode", DRAFT],
    ["export", "--format", "json"],
]


def quoted(argv: list[str]) -> str:
    return " ".join(f"'{arg}'" for arg in argv)


@pytest.mark.parametrize(
    ("argv", "unbuffered"),
    [(argv, "") for argv in COMMANDS] + [(argv, "1") for argv in UNBUFFERED],
    ids=[" ".join(argv[:2]) for argv in COMMANDS]
    + [" ".join(argv[:2]) + " unbuffered" for argv in UNBUFFERED],
)
def test_a_full_disk_is_exit_1_with_one_line(argv: list[str], unbuffered: str) -> None:
    result = shell(f'"$NHSJ" {quoted(argv)} > /dev/full', PYTHONUNBUFFERED=unbuffered)
    assert (result.returncode, result.stderr) == (1, FULL)


@pytest.mark.skipif(not can_mount_a_small_disk(), reason="no user mount namespace (unshare -rm) here")
@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_a_disk_that_fills_part_way_is_never_exit_0(tmp_path: Path, unbuffered: str) -> None:
    """The export (about 7 MB of JSON) fills a 64 KiB disk after its first writes: every short
    write is seen, buffered or not."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs -o size=64k tmpfs '{disk}' && \"$NHSJ\" export --format json > '{disk}/out'; "
        f"echo \"exit=$?\"; stat -c %s '{disk}/out'"
    )
    result = shell(f"unshare -rm bash -c {quoted([script])}", PYTHONUNBUFFERED=unbuffered)
    lines = result.stdout.split()
    assert lines[0] == "exit=1" and 0 < int(lines[1]) <= 64 * 1024, result
    assert result.stderr == FULL


@pytest.mark.parametrize("argv", CLOSED, ids=lambda argv: " ".join(argv[:2]))
def test_a_closed_stdout_is_quiet_and_exit_0(argv: list[str]) -> None:
    result = shell(f'"$NHSJ" {quoted(argv)} >&-; echo "exit=$?"')
    assert result.stdout == "exit=0\n" and result.stderr == ""


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["help"], ["explain", "--help"], ["list"], ["export", "--format", "html"]]
)
def test_a_reader_that_stops_after_one_line_gets_a_quiet_exit_0(argv: list[str]) -> None:
    result = shell(f'"$NHSJ" {quoted(argv)} | head -1; echo "exit=${{PIPESTATUS[0]}}"')
    assert result.stdout.endswith("\nexit=0\n") and result.stdout.count("\n") == 2
    assert result.stderr == ""


def test_the_fast_path_and_the_full_cli_report_the_same_way(tmp_path: Path) -> None:
    """`explain ICS` runs without Typer, `explain ICS --data x` through it: one message for both."""
    overlay = tmp_path / "mine.yaml"
    overlay.write_text("terms: []\n", encoding="utf-8")
    fast = shell('"$NHSJ" explain ICS > /dev/full')
    full = shell(f'"$NHSJ" explain ICS --data "{overlay}" > /dev/full')
    assert (fast.returncode, fast.stderr) == (full.returncode, full.stderr) == (1, FULL)


def test_output_that_the_terminal_cannot_encode_is_one_line_not_a_traceback() -> None:
    result = nhsjargon("explain", "ACO", "--full", PYTHONIOENCODING="ascii")  # its notes have dashes
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (
        "nhsjargon: error: cannot write output: the terminal's encoding (ascii) cannot show it "
        "(set PYTHONIOENCODING=utf-8)\n"
    )
