"""Every `$ nhsjargon ...` example in README.md, run for real: its shown output must still hold.

Lines of shown output containing "..." are elisions and are skipped; the other lines must
appear in the real output, in order. Examples read `draft.md` and `minutes.md`, copies of test fixtures.
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
    shutil.copy(FIXTURES / "minutes.md", tmp_path / "minutes.md")
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


# ---------------------------------------------------------------- README's JSON shapes


def _fields(shape: object, seen: set[object]) -> set[str]:
    """Every key of a JSON shape, the keys of the TypedDicts inside it included."""
    import typing

    if shape in seen:
        return set()
    origin = typing.get_origin(shape)
    if origin is not None:  # list[X], X | None, dict[str, X]
        return {name for arg in typing.get_args(shape) for name in _fields(arg, seen)}
    if typing.is_typeddict(shape):
        seen.add(shape)
        hints = typing.get_type_hints(shape)
        return set(hints) | {name for hint in hints.values() for name in _fields(hint, seen)}
    return set()


def _readme_shapes() -> dict[str, set[str]]:
    """The README's JSON table: command -> the quoted names in its row."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## JSON shapes") : text.index("## Exit codes")]
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, re.MULTILINE)
    return {command: set(re.findall(r'"([a-z_]+)"', cell)) for command, cell in rows}


def test_the_readme_json_table_names_every_key_and_no_other() -> None:
    from nhsjargon.views.shapes import SHAPES, EntryData

    entry_keys = _fields(EntryData, set())
    table = _readme_shapes()
    assert set(table) == set(SHAPES) - {"explain", "list", "export"}
    for command, names in table.items():
        wanted = _fields(SHAPES[command], {EntryData}) | ({"score"} if command == "search" else set())
        assert names == wanted, command
    text = README.read_text(encoding="utf-8")
    block = text[text.index("```json", text.index("## JSON shapes")) :]
    example = set(re.findall(r'"([a-z_]+)":', block[: block.index("```\n", 7)]))
    from nhsjargon.schema import ATTRIBUTES

    # the entry example shows every field of an entry, and a model's attributes
    assert example == entry_keys | set(ATTRIBUTES)
