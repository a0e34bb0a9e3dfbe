"""Fault injection, knowledge-base files: endless files, pipes, unreadable paths, YAML that hides
data, values too long to print.

`--data` and NHSJARGON_DATA are read with a cap kept while reading; the same fault gives the
same exit code (3) whichever way the file was named; YAML that would silently drop data is an
error naming both lines.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MINI
from tests.faults import MIB, environment, peak_memory, shell
from tests.faults import nhsjargon as installed
from tests.test_install import installed_command

pytestmark = pytest.mark.subprocess

SMALL = str(MINI)  # the fixture base: a failing overlay is never cached, so the base is parsed again


def nhsjargon(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return installed(*args, variables={"NHSJARGON_BASE": SMALL, **extra})


ENTRY = "  - {id: qqa, acronym: QQA, name: Quiet Quarter Alpha, definition: A test term.}\n"


@pytest.mark.parametrize("how", ["--data", "NHSJARGON_DATA"])
def test_an_endless_file_is_refused_quickly_in_bounded_memory(how: str) -> None:
    started = time.monotonic()
    if how == "--data":
        result = nhsjargon("explain", "ICS", "--data", "/dev/zero")
    else:
        result = nhsjargon("explain", "ICS", NHSJARGON_DATA="/dev/zero")
    assert time.monotonic() - started < 5  # refused at the cap (0.1 s here), not read for ever
    assert result.returncode == 3
    assert result.stderr == (
        "nhsjargon: error: /dev/zero: file is too large (over 67,108,864 bytes, the limit)\n"
    )
    code, peak = peak_memory("explain", "ICS", "--data", "/dev/zero", NHSJARGON_BASE=SMALL)
    assert code == 3 and peak < 200 * MIB


def test_a_pipe_still_works_as_an_overlay() -> None:
    result = shell(NHSJARGON_BASE=SMALL, script=f"\"$NHSJ\" expand QQA --data <(printf 'terms:\\n{ENTRY}')")
    assert (result.returncode, result.stdout, result.stderr) == (0, "QQA: Quiet Quarter Alpha\n", "")


@pytest.mark.parametrize("how", ["--data", "NHSJARGON_DATA"])
def test_a_folder_named_as_a_file_exits_3_either_way(tmp_path: Path, how: str) -> None:
    if how == "--data":
        result = nhsjargon("explain", "ICS", "--data", str(tmp_path))
    else:
        result = nhsjargon("explain", "ICS", NHSJARGON_DATA=str(tmp_path))
    assert result.returncode == 3 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"nhsjargon: error: {tmp_path}: ")


def _as_nobody() -> list[str] | None:
    """A prefix that runs a command without the power to read other users' files: none needed
    for an ordinary user; for root (CI), a new user namespace with no mapping (`unshare -U`)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return []
    if shutil.which("unshare") is None:
        return None
    probe = subprocess.run(["unshare", "-U", "true"], capture_output=True, check=False)
    return ["unshare", "-U"] if probe.returncode == 0 else None


@pytest.mark.parametrize("how", ["--data", "NHSJARGON_DATA"])
def test_an_unreadable_file_exits_3_either_way(tmp_path: Path, how: str) -> None:
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("running as root, and no user namespace to drop the power to read every file")
    locked = tmp_path / "locked.yaml"
    locked.write_text(f"terms:\n{ENTRY}", encoding="utf-8")
    locked.chmod(0)
    tmp_path.chmod(0o755)  # the folder stays open: only the file is unreadable
    argv = [*prefix, installed_command(), "explain", "ICS"]
    env = environment(NHSJARGON_BASE=SMALL)
    if how == "--data":
        argv += ["--data", str(locked)]
    else:
        env["NHSJARGON_DATA"] = str(locked)
    env["NHSJARGON_CACHE_DIR"] = str(tmp_path / "cache")
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (3, f"nhsjargon: error: {locked}: permission denied\n")


def test_a_missing_file_exits_3_either_way(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.yaml")
    by_option = nhsjargon("explain", "ICS", "--data", missing)
    by_env = nhsjargon("explain", "ICS", NHSJARGON_DATA=missing)
    assert by_option.returncode == by_env.returncode == 3
    assert by_option.stderr == by_env.stderr and by_option.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"terms:\n{ENTRY}terms:\n  - {{id: qqb, acronym: QQB, name: Quiet B, definition: x}}\n",
            "mine.yaml:3: key 'terms' appears twice in one mapping (lines 1 and 3)",
        ),
        (
            "terms:\n  - id: qqa\n    acronym: QQA\n    name: Quiet Quarter Alpha\n    name: Second Name\n"
            "    definition: x\n",
            "mine.yaml:5: key 'name' appears twice in one mapping (lines 4 and 5)",
        ),
    ],
    ids=["a second terms list", "a field twice in an entry"],
)
def test_duplicate_keys_are_an_error_naming_both_lines(tmp_path: Path, text: str, message: str) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(text, encoding="utf-8")
    for result in (
        nhsjargon("validate", str(overlay)),
        nhsjargon("expand", "QQA", "--data", str(overlay)),
    ):
        assert result.returncode == 3
        assert message in result.stdout + result.stderr


def test_a_megabyte_value_gives_a_short_message(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "terms:\n  - id: qqa\n    acronym: QQA\n    name: Quiet\n    definition: x\n"
        f"    related: [{'x' * 1_000_000}]\n",
        encoding="utf-8",
    )
    result = nhsjargon("validate", str(overlay))
    assert result.returncode == 3
    longest = max(len(line) for line in (result.stdout + result.stderr).splitlines())
    assert longest < 300 and "..." in result.stdout + result.stderr


def test_an_entry_without_id_is_named_by_its_acronym_and_line(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "terms:\n  - id: qqa\n    acronym: QQA\n    name: Quiet\n    definition: x\n"
        "  - acronym: QQB\n    name: Quiet B\n    definition: y\n",
        encoding="utf-8",
    )
    result = nhsjargon("validate", str(overlay))
    assert result.returncode == 3
    assert "mine.yaml:6: entry 'QQB' (no id): field 'id'" in result.stdout
