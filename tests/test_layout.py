"""The house's rules that no linter checks: rooms of a readable size, and a fast path that stays
fast because it never imports the framework (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nhsjargon"
MAX_LINES = 400
FRAMEWORKS = ("typer", "click", "rich")

# Run one command line through the console script's fast path; print the modules it imported.
PROBE = """
import sys
from nhsjargon.launch import main
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
loaded = sorted(sys.modules)
import json  # after the count: json imports re
print(json.dumps([code, loaded]), file=sys.stderr)
"""


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 40  # the walk found the package
    assert {name: lines for name, lines in sizes.items() if lines > MAX_LINES} == {}


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "ICS"],
        ["explain", "ICS", "--format", "json"],
        ["explain", "ICS", "--format", "rich"],  # drawn by render/ansi.py, without Rich
        ["expand", "ICS"],
        ["ICB"],
    ],
)
def test_the_fast_path_imports_no_framework(argv: list[str]) -> None:
    modules = imported_by(argv, answer=argv[1] if len(argv) > 1 else argv[0])
    assert "nhsjargon.launch" in modules
    loaded = [name for name in modules if name.split(".")[0] in FRAMEWORKS]
    assert loaded == []


def imported_by(argv: list[str], answer: str, columns: int = 100) -> list[str]:
    """The modules one successful run of `argv` imported; it must print `answer`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": str(columns)},
    )
    code, modules = json.loads(done.stderr.strip().splitlines()[-1])
    assert code in (0, None) and answer in done.stdout, done.stderr  # the command answered
    return list(modules)


def test_a_search_in_a_pipe_imports_neither_re_nor_textwrap() -> None:
    """`re` (and textwrap, which imports it) cost a search a tenth of its start-up. (The first
    run builds the cache from YAML, which needs `re`; the second is the one measured.)"""
    imported_by(["search", "what replaced CCGs"], "ICB")
    # 60 columns: the table's long names wrap, which textwrap used to do
    modules = imported_by(["search", "what replaced CCGs"], "ICB", columns=60)
    assert "nhsjargon.search" in modules
    assert [name for name in modules if name in ("re", "textwrap")] == []
