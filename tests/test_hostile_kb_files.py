"""Hostile and broken knowledge-base files: a clear message and exit 3, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import Runner

pytestmark = pytest.mark.usefixtures("mini_base")

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
terms: *i
"""


def overlay(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "overlay.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def assert_data_error(run: Runner, path: str, message: str) -> None:
    result = run("explain", "ICB", "--data", path)
    assert result.code == 3, result
    assert result.out == ""
    assert result.err.startswith("nhsjargon: error: ") and result.err.count("\n") == 1, result.err
    assert message in result.err, result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("terms:\n  - id: a\n   name: b\n", "overlay.yaml:3: malformed YAML"),
        ("terms: [unclosed\n", "overlay.yaml:2: malformed YAML"),
        ("terms:\n\t- id: a\n", "malformed YAML"),
        ('terms: "just a string"\n', "terms: must be a list"),
    ],
)
def test_malformed_yaml_names_the_line(run: Runner, tmp_path: Path, content: str, message: str) -> None:
    assert_data_error(run, overlay(tmp_path, content), message)


def test_non_yaml_binary_file(run: Runner, tmp_path: Path) -> None:
    assert_data_error(run, overlay(tmp_path, bytes(range(256)) * 4), "not UTF-8")


def test_nul_bytes(run: Runner, tmp_path: Path) -> None:
    assert_data_error(run, overlay(tmp_path, b"terms: []\n\x00\x00"), "NUL bytes")


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['echo pwned']", "!!python/name:os.system", "!!binary aGVsbG8="],
)
def test_python_and_exotic_tags_are_refused(run: Runner, tmp_path: Path, tag: str) -> None:
    result = run("explain", "ICB", "--data", overlay(tmp_path, f"terms: {tag}\n"))
    assert result.code == 3 and "pwned" not in result.out
    assert "nhsjargon: error:" in result.err


def test_billion_laughs_is_refused_quickly(run: Runner, tmp_path: Path) -> None:
    start = time.perf_counter()
    assert_data_error(run, overlay(tmp_path, BILLION_LAUGHS), "aliases are not allowed")
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: x, name: [a, b], definition: d}", "'name' must be text"),
        ("{id: x, name: n, definition: {a: 1}}", "'definition' must be text"),
        ("{id: 7, name: n, definition: d}", "lowercase slug"),
        ("{id: x, name: n, definition: d, status: 3}", "field 'status'"),
        ("{id: x, name: n, definition: d, related: 5}", "'related' must be a list"),
        ("{id: x, name: n, definition: d, related: [ccg]}", "needs exactly 'relation' and 'id'"),
        ("{id: x, name: n, definition: d, sources: [5]}", "each source must be a mapping"),
        ("{id: x, name: n, definition: d, attributes: [1]}", "'attributes' must be a mapping"),
        ("{id: x, name: n, definition: d, introduced: [2020]}", "expected YYYY"),
        ("{id: x, name: n, definition: d, aliases: [[a]]}", "'aliases' must be text"),
        ("{id: x, name: n, definition: d, colour: blue}", "unknown field 'colour'"),
    ],
)
def test_wrong_types_and_unknown_fields(run: Runner, tmp_path: Path, entry: str, message: str) -> None:
    assert_data_error(run, overlay(tmp_path, f"terms:\n  - {entry}\n"), message)


def test_enormous_file_is_refused_without_parsing(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nhsjargon.knowledge import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1024)
    assert_data_error(run, overlay(tmp_path, "# padding\n" * 200), "file is too large")


def test_deeply_nested_yaml(run: Runner, tmp_path: Path) -> None:
    result = run("explain", "ICB", "--data", overlay(tmp_path, "terms: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert result.code == 3 and "Traceback" not in result.err
