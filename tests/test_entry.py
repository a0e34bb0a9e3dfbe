"""The fast path for explain/expand: same output and exit codes as the full Typer CLI."""

from __future__ import annotations

import pytest

from nhsjargon import launch as entry
from tests.conftest import Runner


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["explain", "ACO"], ("explain", ["ACO"], {})),
        (["explain", "ACO", "ICB", "-f", "json"], ("explain", ["ACO", "ICB"], {"--format": "json"})),
        (
            ["explain", "--format=markdown", "ICP", "--as-of", "2019"],
            ("explain", ["ICP"], {"--format": "markdown", "--as-of": "2019"}),
        ),
        (["expand", "ACO", "ICS"], ("expand", ["ACO", "ICS"], {})),
    ],
)
def test_simple_command_lines_are_parsed(argv: list[str], expected: tuple[object, ...]) -> None:
    assert entry.parse_simple(argv) == expected


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["list"],
        ["explain"],
        ["explain", "--help"],
        ["explain", "ACO", "-h"],
        ["explain", "ACO", "--data", "x.yaml"],
        ["expand", "ACO", "--as-of", "2019"],
        ["explain", "ACO", "-f"],
        ["explain", "ACO", "-f", "json", "-f", "csv"],
        ["--version"],
        ["explain", "ACO", "--bogus"],
        ["expand", "ACO", "-f=csv"],
    ],
)
def test_anything_else_goes_to_typer(argv: list[str]) -> None:
    assert entry.parse_simple(argv) is None


def test_completion_requests_go_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_NHSJARGON_COMPLETE", "complete_bash")
    assert entry.parse_simple(["explain", "ACO"]) is None


@pytest.mark.usefixtures("mini_base")
@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "ACO"],
        ["explain", "ICP", "-f", "json"],
        ["explain", "ICP", "--as-of", "2019-06"],
        ["explain", "CCG", "--format=markdown"],
        ["expand", "ACO", "ICP", "ccgs"],
        ["expand", "WBP", "-f", "csv"],
        ["explain", "ICSS"],
        ["expand", "ACO", "XYZZYQ"],
        ["expand", "ACO", "-f=csv"],
        ["expand", "ACO", "--format="],
        ["explain", "ACO", "--as-of", "soon"],
        ["explain", "ACO", "-f", "yaml"],
    ],
)
def test_fast_path_matches_the_full_cli(
    run: Runner, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    typer_result = run(*argv)
    code = 0
    try:
        entry.main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    fast = capsys.readouterr()
    assert (code, fast.out, fast.err) == (typer_result.code, typer_result.out, typer_result.err)
