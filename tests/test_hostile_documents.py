"""Hostile documents for decode and check: nothing interpreted, nothing leaks, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Runner

pytestmark = pytest.mark.usefixtures("mini_base")

FORBIDDEN = ("\x1b", "\x07", "\x00", "\u202e", "\u2066", "Traceback")


def write(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "doc.txt"
    path.write_bytes(content)
    return str(path)


def assert_clean(*streams: str) -> None:
    for stream in streams:
        for bad in FORBIDDEN:
            assert bad not in stream, (bad, stream[:200])


@pytest.mark.parametrize(
    "line",
    [
        "[bold red]The ICB[/] and the [link=https://evil.example]CCG[/link].",
        "\x1b[31mThe ICB\x1b[0m and the CCG.\x1b]0;title\x07",
        "The ICB\x07\x07 and the CCG.",
        "The \u202eICB\u202c and the \u2066CCG\u2069.",
    ],
)
@pytest.mark.parametrize("fmt", ["text", "rich", "markdown", "csv"])
def test_markup_and_escapes_are_neither_run_nor_shown(
    run: Runner, tmp_path: Path, line: str, fmt: str
) -> None:
    result = run("decode", write(tmp_path, line.encode()), "--format", fmt)
    assert result.code == 0, result
    assert "ICB" in result.out and "CCG" in result.out
    assert_clean(result.out, result.err)


def test_rich_markup_is_printed_literally_by_inline(run: Runner, tmp_path: Path) -> None:
    result = run("decode", "--inline", write(tmp_path, b"[bold]The ICB[/bold] meets.\n"))
    assert result.out.startswith("[bold]The ICB (Integrated Care Board)[/bold] meets.")


def test_nul_bytes_are_refused_as_binary(run: Runner, tmp_path: Path) -> None:
    result = run("decode", write(tmp_path, b"The ICB\x00\x00\x00 meets.\n" * 50))
    assert result.code == 4
    assert result.err.startswith("nhsjargon: error: ") and result.err.count("\n") == 1
    assert_clean(result.out, result.err)


def test_invalid_utf8_is_replaced_with_one_warning(run: Runner, tmp_path: Path) -> None:
    result = run("decode", "--format", "json", write(tmp_path, b"The ICB \xff\xfe meets the CCG.\n"))
    assert result.code == 0
    assert {term["acronym"] for term in json.loads(result.out)["terms"]} == {"ICB", "CCG"}
    assert result.err.count("\n") == 1 and "UTF-8" in result.err


def test_ten_megabyte_single_line(run: Runner, tmp_path: Path) -> None:
    content = b"The ICB replaced the CCG. " * 400_000  # ~10 MB and no line break
    result = run("decode", "--format", "json", write(tmp_path, content))
    assert result.code == 0
    counts = {term["acronym"]: term["count"] for term in json.loads(result.out)["terms"]}
    assert counts == {"ICB": 400_000, "CCG": 400_000}


def test_check_on_hostile_input_reports_cleanly(run: Runner, tmp_path: Path) -> None:
    result = run("check", write(tmp_path, b"\x1b[2J[bold]The ICS\x07 is new.\n"))
    assert result.code == 1
    assert "ICS is never defined" in result.out
    assert_clean(result.out, result.err)


def test_empty_and_whitespace_documents(run: Runner, tmp_path: Path) -> None:
    for content in (b"", b"\n\n   \t\n"):
        result = run("decode", "--format", "json", write(tmp_path, content))
        assert result.code == 0 and json.loads(result.out) == {
            "date": None,
            "terms": [],
            "unknown": [],
            "families": [],
            "people": [],
        }
        assert run("check", write(tmp_path, content)).code == 0
