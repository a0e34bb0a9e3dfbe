"""Fault injection, documents: floods of distinct tokens, giant tokens across block boundaries,
NUL bytes anywhere, and HTML in what a report pastes.

Documents are read in flat memory whatever they hold; a token longer than any acronym is not
an acronym and is never split into fragments; Markdown output escapes HTML from overlays and
documents. (The 200 MB figures are measured by benchmarks/hostile_memory.py.)
"""

from __future__ import annotations

import json
import random
import string
from pathlib import Path

import pytest

from nhsjargon.decode.reading import READ_BYTES
from tests.conftest import MINI
from tests.faults import MIB, nhsjargon, peak_memory

pytestmark = pytest.mark.subprocess


def capitals(path: Path, size: int, shortest: int, longest: int, seed: int = 1) -> Path:
    """`size` bytes of random distinct-looking capital-letter tokens, 60,000 to a line."""
    pick = random.Random(seed)
    written = 0
    with path.open("w", encoding="ascii") as handle:
        while written < size:
            line = " ".join(
                "".join(pick.choices(string.ascii_uppercase, k=pick.randint(shortest, longest)))
                for _ in range(60_000)
            )
            handle.write(line + "\n")
            written += len(line) + 1
    return path


def terms(*args: str) -> list[str]:
    result = nhsjargon("decode", "--format", "json", *args, NHSJARGON_BASE=str(MINI))
    assert result.returncode == 0 and result.stderr == "", result
    decoded = json.loads(result.stdout)
    return [term["acronym"] for term in decoded["terms"]] + [item["acronym"] for item in decoded["unknown"]]


@pytest.mark.parametrize(("shortest", "longest"), [(2, 7), (8, 40)], ids=["acronym-sized", "long"])
def test_a_flood_of_distinct_tokens_stays_in_bounded_memory(
    tmp_path: Path, shortest: int, longest: int
) -> None:
    flood = capitals(tmp_path / "flood.txt", 2 * MIB, shortest, longest)  # the bound is met by 1 MiB
    code, peak = peak_memory("decode", str(flood), "--format", "json")
    assert code == 0 and peak < 64 * MIB, f"peak {peak / MIB:.1f} MiB"


@pytest.mark.parametrize("length", [3 * READ_BYTES + 17, 10_000, 25])
def test_a_token_longer_than_any_acronym_is_neither_listed_nor_split(tmp_path: Path, length: int) -> None:
    document = tmp_path / "giant.txt"
    document.write_text(f"The ICS met. {'A' * length} The ICB met.\n", encoding="ascii")
    assert terms(str(document)) == ["ICB", "ICS"]


def test_a_giant_token_of_mixed_letters_is_not_split_either(tmp_path: Path) -> None:
    document = tmp_path / "giant.txt"
    document.write_text("ICS " + "ICSAB" * (READ_BYTES // 2) + " ICB\n", encoding="ascii")
    assert terms(str(document)) == ["ICB", "ICS"]


@pytest.mark.parametrize("where", [0, 100, 8 * 1024 + 5, 3 * READ_BYTES + 3, "end"])
def test_a_nul_byte_anywhere_is_refused_the_same_way(tmp_path: Path, where: int | str) -> None:
    text = b"The ICB met the PCN. " * (4 * READ_BYTES // 21)
    at = len(text) if where == "end" else int(where)
    document = tmp_path / "binary.txt"
    document.write_bytes(text[:at] + b"\x00" + text[at:])
    result = nhsjargon("decode", str(document), NHSJARGON_BASE=str(MINI))
    assert result.returncode == 4 and result.stdout == ""
    assert result.stderr == (
        f"nhsjargon: error: {document}: looks like a binary file, not text (a NUL byte at byte {at:,})\n"
    )


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)>"


def test_markdown_escapes_html_from_an_overlay(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        f'terms:\n  - {{id: qqx, acronym: QQX, name: "{HOSTILE}", definition: "{HOSTILE} *stars*"}}\n',
        encoding="utf-8",
    )
    for argv in (
        ["explain", "QQX", "--full"],
        ["search", "alert"],
        ["list"],
        ["export"],
    ):
        result = nhsjargon(*argv, "--format", "markdown", "--data", str(overlay), NHSJARGON_BASE=str(MINI))
        assert result.returncode == 0, result
        assert "<script" not in result.stdout and "<img" not in result.stdout, argv
        assert "&lt;script&gt;" in result.stdout


def test_markdown_escapes_html_from_a_document(tmp_path: Path) -> None:
    document = tmp_path / "paper.md"
    document.write_text(
        f"The Quiet Zone Exchange (QZX {HOSTILE}) met the ICB.\nThe QZX and the ICB agreed.\n",
        encoding="utf-8",
    )
    for argv in (["decode"], ["check"]):
        result = nhsjargon(*argv, str(document), "--format", "markdown", NHSJARGON_BASE=str(MINI))
        assert "<script" not in result.stdout and "<img" not in result.stdout, (argv, result)
