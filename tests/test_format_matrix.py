"""Every command x every format, as a pipe sees them; and the contract every command keeps.

The commands are read from the Typer app, so a new command is covered as soon as it is
registered, and fails here until it has sample arguments in SAMPLES.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from nhsjargon.cli import app
from nhsjargon.render import SHARED_FORMATS
from tests.conftest import FIXTURES, Runner

# Arguments that make each command succeed on the fixture base (several sets where a
# command has distinct outputs, e.g. timeline's chart).
SAMPLES: dict[str, list[list[str]]] = {
    "explain": [["ICP"], ["CCG", "ICB"]],
    "expand": [["ACO", "ICP", "CCGs"]],
    "list": [[]],
    "search": [["population budget"]],
    "compare": [["CCG", "ICB", "ICS"]],
    "timeline": [["ICS"], ["--chart"]],
    "lineage": [["ICS"]],
    "graph": [["ICS"]],
    "decode": [[str(FIXTURES / "draft_problems.md")]],
    "check": [[str(FIXTURES / "draft_clean.md")]],
    "export": [[]],
    "validate": [[]],
    "changes": [["--since", "2013", "--until", "2022"]],
}

QUIET: set[tuple[str, str]] = set()
ESCAPE = "\x1b"
BOX_DRAWING = re.compile("[\u2500-\u259f\u25b6]")  # box drawing, block elements, the chart's arrow


def registered() -> dict[str, Any]:
    """The Click commands behind the app (Typer vendors Click, so they are duck-typed here)."""
    return dict(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


COMMANDS = sorted(name for name in registered() if name != "help")  # help prints help, in no format


def cases() -> list[tuple[str, list[str]]]:
    return [(name, args) for name in COMMANDS for args in SAMPLES.get(name, [[]])]


def sample(name: str, args: list[str]) -> list[str]:
    if name not in SAMPLES:
        pytest.fail(f"command {name!r} has no sample arguments: add them to SAMPLES in {__file__}")
    return [name, *args]


def test_every_command_has_a_sample() -> None:
    assert set(COMMANDS) == set(SAMPLES), "keep SAMPLES in step with the registered commands"


def pipe_tables_are_well_formed(markdown: str) -> None:
    """Every run of lines starting with "|" is a GitHub pipe table: header, separator, rows."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith("|"):
            i += 1
            continue
        block = []
        while i < len(lines) and lines[i].startswith("|"):
            block.append(lines[i])
            i += 1
        cells = [len(re.findall(r"(?<!\\)\|", line)) for line in block]
        assert len(block) >= 2 and re.fullmatch(r"\|( --- \|)+", block[1]), block[:2]
        assert len(set(cells)) == 1, block


@pytest.mark.usefixtures("mini_base")
@pytest.mark.parametrize("fmt", SHARED_FORMATS)
@pytest.mark.parametrize(
    ("name", "args"), cases(), ids=lambda value: value if isinstance(value, str) else " ".join(value) or "-"
)
def test_every_command_in_every_format(run: Runner, name: str, args: list[str], fmt: str) -> None:
    result = run(*sample(name, args), "--format", fmt)
    assert result.code == 0 and result.err == "", result
    assert bool(result.out.strip()) is ((name, fmt) not in QUIET), result
    assert ESCAPE not in result.out
    if fmt == "json":
        json.loads(result.out)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.out)))
        assert rows and any(rows[0]), "a header row"
        assert len({len(row) for row in rows}) == 1, "rows as long as the header"
    if fmt == "markdown":
        pipe_tables_are_well_formed(result.out)
    if fmt != "rich":
        assert not BOX_DRAWING.search(result.out), BOX_DRAWING.search(result.out)


@pytest.mark.usefixtures("mini_base")
@pytest.mark.parametrize("fmt", ["markdown", "json", "csv"])
@pytest.mark.parametrize("name", COMMANDS)
def test_output_does_not_depend_on_terminal_width(
    run: Runner, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    """Markdown, JSON and CSV are for other programs: never laid out to a width."""
    args = sample(name, SAMPLES.get(name, [[]])[0])
    monkeypatch.setenv("COLUMNS", "30")
    narrow = run(*args, "--format", fmt).out
    monkeypatch.setenv("COLUMNS", "300")
    assert run(*args, "--format", fmt).out == narrow


@pytest.mark.usefixtures("mini_base")
@pytest.mark.parametrize("name", COMMANDS)
def test_force_color_colours_rich_only(run: Runner, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    args = sample(name, SAMPLES.get(name, [[]])[0])
    if name == "check":  # a draft with findings, so that there is a table to colour
        args = [name, str(FIXTURES / "draft_problems.md")]
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    for fmt in ("text", "markdown", "json", "csv"):
        assert ESCAPE not in run(*args, "--format", fmt).out, fmt
    assert ESCAPE in run(*args, "--format", "rich").out
    assert ESCAPE in run(*args).out, "FORCE_COLOR: colour even in a pipe"
    monkeypatch.setenv("NO_COLOR", "1")
    assert ESCAPE not in run(*args, "--format", "rich").out, "NO_COLOR wins"


# ---------------------------------------------------------------- the contract


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_an_example_and_the_format_option(name: str) -> None:
    command = registered()[name]
    help_text = " ".join((command.help or "").split())
    assert len(help_text) > 40, f"{name}: a docstring that says what it does"
    assert f"Example: nhsjargon {name}" in help_text
    options = {opt for param in command.params for opt in param.opts}
    assert "--format" in options and "-f" in options
    format_param = next(param for param in command.params if "--format" in param.opts)
    assert set(SHARED_FORMATS) <= set(format_param.type.choices)


def test_export_formats_extend_the_shared_ones() -> None:
    from nhsjargon.render import PAGE_FORMATS

    command = registered()["export"]
    choices = next(param for param in command.params if "--format" in param.opts).type.choices
    assert list(choices) == [*SHARED_FORMATS, *PAGE_FORMATS]


def test_help_runs_for_every_command(run: Runner) -> None:
    for name in COMMANDS:
        result = run(name, "--help")
        assert result.code == 0 and "Example:" in result.out, name


def test_a_path_sample_exists() -> None:
    for name, arg_sets in SAMPLES.items():
        for args in arg_sets:
            for arg in args:
                if arg.endswith(".md"):
                    assert Path(arg).is_file(), (name, arg)


def test_the_fast_path_knows_every_command() -> None:
    """launch.py tells a term from a command without importing Typer: its list must be complete."""
    from nhsjargon.launch import COMMANDS as KNOWN

    assert set(KNOWN) == set(registered())
