"""Every `$ nhsjargon ...` example in README.md, run for real: its shown output must still hold.

Lines of shown output containing "..." are elisions and are skipped; the other lines must
appear in the real output, in order. Examples read `draft.md`, a copy of a test fixture.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.test_install import installed_command

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"```\n(\$ nhsjargon .*?)```", re.DOTALL)


def examples() -> list[tuple[str, list[str]]]:
    found = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        command, *shown = block.rstrip("\n").split("\n")
        found.append((command[2:], shown))
    return found


def test_the_readme_has_examples() -> None:
    assert len(examples()) >= 12


@pytest.mark.subprocess
@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_readme_example_output_holds(command: str, shown: list[str], tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "draft_problems.md", tmp_path / "draft.md")
    bin_dir = str(Path(installed_command()).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "NO_COLOR": "1",
        "COLUMNS": "100",
    }
    env.pop("NHSJARGON_BASE", None)
    env.pop("NHSJARGON_DATA", None)
    result = subprocess.run(
        ["bash", "-c", command + " 2>&1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    actual = result.stdout.splitlines()
    position = 0
    for line in shown:
        if "..." in line or not line.strip():
            continue
        while position < len(actual) and actual[position].rstrip() != line.rstrip():
            position += 1
        assert position < len(actual), (
            f"README line not in the output of {command!r}:\n{line}\n--- actual ---\n{result.stdout}"
        )
        position += 1
