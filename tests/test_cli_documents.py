"""decode, check and export through the CLI: on the fixture base, and on the shipped base."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nhsjargon import knowledge as kb
from nhsjargon.model import KnowledgeBase
from tests.conftest import FIXTURES, Runner

PROBLEMS = FIXTURES / "draft_problems.md"
CLEAN = FIXTURES / "draft_clean.md"
BOARD_PAPER = FIXTURES / "board_paper_2018.md"
CLEAN_FULL = FIXTURES / "clean_full.md"
DOCS_OVERLAY = FIXTURES / "documents_overlay.yaml"

# Every acronym board_paper_2018.md uses (written for these tests, in the manner of the seed
# documents); WBP is the seeds' misspelling of WPB.
BOARD_PAPER_ACRONYMS = {
    "NHS",
    "MCP",
    "PACS",
    "WPB",
    "ACO",
    "LCO",
    "ICO",
    "ACC",
    "STP",
    "CCG",
    "ACS",
    "ICS",
    "CQUIN",
    "QOF",
    "111",
    "A&E",
    "OOH",
    "GP",
    "LMC",
    "RCGP",
    "HSJ",
    "GPES",
    "CQRS",
    "PCN",
    "DES",
}


# ---------------------------------------------------------------- decode, on the fixture base


@pytest.mark.usefixtures("mini_base")
class TestDecode:
    def test_text_lists_known_and_unknown(self, run: Runner) -> None:
        result = run("decode", str(PROBLEMS))
        assert result.code == 0 and result.err == "", result
        lines = result.out.splitlines()
        assert lines[0] == f"{PROBLEMS}: 4 acronym(s)"
        assert lines[1].split() == ["acronym", "meaning", "from", "uses", "first", "use", "defined"]
        assert lines[2].split() == [
            "CCG",
            "Clinical",
            "Commissioning",
            "Group",
            "knowledge",
            "base",
            "2",
            "3:52",
            "no",
        ]
        assert lines[5].split() == [
            "ICS",
            "Integrated",
            "Care",
            "System",
            "knowledge",
            "base",
            "3",
            "4:5",
            "line",
            "6",
        ]
        assert "Not defined in the document and not in the knowledge base: 2" in result.out
        assert re.search(r"^NHS +1 +7:5$", result.out, re.M)

    def test_json_shape(self, run: Runner) -> None:
        document = json.loads(run("decode", str(PROBLEMS), "--format", "json").out)
        assert set(document) == {"date", "terms", "unknown", "families", "people"}
        icp = next(term for term in document["terms"] if term["acronym"] == "ICP")
        assert {
            "acronym",
            "id",
            "name",
            "source",
            "count",
            "first_line",
            "first_column",
            "defined",
            "definition",
        } <= set(icp)
        assert icp["id"] == "icp-partnership" and icp["defined"] is True and icp["source"] == "knowledge base"
        assert icp["definition"] == {"line": 4, "column": 61, "long_form": "Integrated Care Partnership"}
        assert icp["choice"] == "the document defines it on line 4 as 'Integrated Care Partnership'"
        assert {"token": "GP", "count": 1, "first_line": 7, "first_column": 17} in document["unknown"]

    def test_markdown_is_a_glossary(self, run: Runner) -> None:
        out = run("decode", str(PROBLEMS), "--format", "markdown").out
        assert out.startswith(
            "## Glossary\n\n| Acronym | Meaning |\n| --- | --- |\n| CCG | Clinical Commissioning Group |"
        )
        assert out.rstrip().endswith("<!-- nhsjargon: not in the knowledge base: GP, NHS -->")

    def test_csv_has_terms_then_unknown(self, run: Runner) -> None:
        rows = list(csv.reader(io.StringIO(run("decode", str(PROBLEMS), "-f", "csv").out)))
        assert rows[0] == [
            "kind",
            "acronym",
            "id",
            "name",
            "source",
            "count",
            "first_line",
            "first_column",
            "defined_line",
        ]
        assert rows[1][:3] == ["term", "CCG", "ccg"] and rows[-1][:2] == ["unknown", "NHS"]

    def test_stdin(self, run: Runner) -> None:
        result = run("decode", "-", "--format", "json", input="The ICS and the ICB.\n")
        assert [term["acronym"] for term in json.loads(result.out)["terms"]] == ["ICB", "ICS"]

    def test_inline_expands_first_uses_only(self, run: Runner) -> None:
        result = run("decode", "--inline", str(PROBLEMS))
        assert result.code == 0, result
        assert result.out.splitlines() == [
            "# Joining up care in our area",
            "",
            "Our integrated care board (ICB) took over from the CCGs (Clinical Commissioning Groups) in July"
            " 2022.",
            "The ICS (Integrated Care System) sets the strategy; its Integrated Care Partnership (ICP) meets"
            " monthly.",
            "",
            "Every ICS has one ICB. The Integrated Care System (ICS) covers 1.2 million people.",
            "The NHS and our GP practices work with the CCG on the new contracts.",
        ]

    def test_inline_from_stdin(self, run: Runner) -> None:
        result = run("decode", "--inline", "-", input="Ask the ICB.\n")
        assert result.out == "Ask the ICB (Integrated Care Board).\n"

    def test_inline_is_not_json(self, run: Runner) -> None:
        result = run("decode", "--inline", str(PROBLEMS), "--format", "json")
        assert result.code == 2 and "--inline prints the document itself" in result.err

    def test_escape_sequences_never_reach_the_output(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "evil.txt"
        document.write_bytes(b"The \x1b[31mICS\x1b[0m and \x1b]0;title\x07 FOO\x9b and \x07 the ICB.\n")
        for args in ((), ("--inline",), ("--format", "rich"), ("--format", "markdown")):
            out = run("decode", str(document), *args).out
            assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, args
        assert "ICS (Integrated Care System)" in run("decode", "--inline", str(document)).out

    def test_invalid_utf8_is_read_with_a_warning(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "latin1.txt"
        document.write_bytes("Caf\u00e9 ICS\n".encode("latin-1"))
        result = run("decode", str(document), "--format", "json")
        assert result.code == 0 and json.loads(result.out)["terms"][0]["acronym"] == "ICS"
        assert result.err == (
            f"nhsjargon: warning: {document} is not valid UTF-8; 1 undecodable byte(s) read as U+FFFD\n"
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\x00\x01\x02ELF binary", "looks like a binary file, not text"),
            (b"\xff\xfeI\x00C\x00S\x00", "UTF-16 text is not supported"),
        ],
    )
    def test_binary_is_one_line_exit_4(
        self, run: Runner, tmp_path: Path, content: bytes, message: str
    ) -> None:
        document = tmp_path / "file.bin"
        document.write_bytes(content)
        result = run("decode", str(document))
        assert result.code == 4 and result.out == ""
        assert result.err.startswith("nhsjargon: error: ") and message in result.err
        assert result.err.count("\n") == 1

    @pytest.mark.parametrize(
        ("make", "message"),
        [
            (lambda path: path / "missing.txt", "no such file"),
            (lambda path: path, "is a directory"),
        ],
    )
    def test_unreadable_input_is_exit_4(
        self, run: Runner, tmp_path: Path, make: object, message: str
    ) -> None:
        assert callable(make)
        result = run("decode", str(make(tmp_path)))
        assert result.code == 4 and message in result.err and result.err.count("\n") == 1

    def test_empty_document(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "empty.txt"
        document.write_text("", encoding="utf-8")
        assert run("decode", str(document)).out == f"{document}: no acronyms found\n"
        assert json.loads(run("decode", str(document), "-f", "json").out) == {
            "date": None,
            "terms": [],
            "unknown": [],
            "families": [],
            "people": [],
        }

    def test_overlay_terms_are_known(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "doc.txt"
        document.write_text("Go to A&E, ring 111, or read the 5YFV.\n", encoding="utf-8")
        result = run("decode", str(document), "--data", str(DOCS_OVERLAY), "-f", "json")
        assert [t["acronym"] for t in json.loads(result.out)["terms"]] == ["111", "5YFV", "A&E"]

    def test_rich_in_a_pipe_keeps_to_100_columns(
        self, run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("COLUMNS")
        document = tmp_path / "doc.txt"
        document.write_text(
            "The ICP is a statutory joint committee of local authorities that writes the "
            "integrated care strategy with the ICB.\n",
            encoding="utf-8",
        )
        out = run("decode", str(document), "--format", "rich").out
        assert max(len(line) for line in out.splitlines()) <= 100


# ---------------------------------------------------------------- check, on the fixture base


@pytest.mark.usefixtures("mini_base")
class TestCheck:
    def test_findings_as_file_line_message_exit_1(self, run: Runner) -> None:
        result = run("check", str(PROBLEMS))
        assert result.code == 1
        assert result.out.splitlines() == [
            f"{PROBLEMS}:3:52: CCG is never defined (Clinical Commissioning Group)",
            f"{PROBLEMS}:4:5: ICS is used on line 4 but defined on line 6 (Integrated Care System)",
            f"{PROBLEMS}:7:44: CCG is out of date: Clinical Commissioning Group ended 2022-06-30 "
            "(abolished); replaced by ICB (Integrated Care Board) from 2022-07-01",
        ]
        assert result.err == (
            "nhsjargon: error: 3 finding(s) in 1 file(s): 1 never defined, 1 defined late, 1 outdated\n"
        )

    def test_a_clean_draft_passes_with_0(self, run: Runner) -> None:
        result = run("check", str(CLEAN))
        assert result.code == 0 and result.out == "No problems found in 1 file(s).\n" and result.err == ""

    def test_json_findings(self, run: Runner) -> None:
        result = run("check", str(PROBLEMS), "--format", "json")
        findings = json.loads(result.out)
        assert result.code == 1 and len(findings) == 3
        assert findings[0] == {
            "file": str(PROBLEMS),
            "line": 3,
            "column": 52,
            "acronym": "CCG",
            "kind": "undefined",
            "id": "ccg",
            "message": "CCG is never defined (Clinical Commissioning Group)",
        }
        assert [f["kind"] for f in findings] == ["undefined", "late", "outdated"]

    def test_json_when_clean_is_an_empty_list(self, run: Runner) -> None:
        assert json.loads(run("check", str(CLEAN), "-f", "json").out) == []

    def test_as_of_a_date_before_the_change(self, run: Runner) -> None:
        result = run("check", str(PROBLEMS), "--as-of", "2021")
        assert result.code == 1 and "out of date" not in result.out and len(result.out.splitlines()) == 2

    def test_allow(self, run: Runner) -> None:
        result = run("check", str(PROBLEMS), "--allow", "ccg,ics", "--as-of", "2021-06")
        assert result.code == 0 and result.out == "No problems found in 1 file(s).\n"

    def test_default_allow_list_and_strict(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "doc.md"
        document.write_text("Go to A&E or ring 111; see your GP. The NHS is free.\n", encoding="utf-8")
        assert run("check", str(document), "--data", str(DOCS_OVERLAY)).code == 0
        strict = run("check", str(document), "--data", str(DOCS_OVERLAY), "--strict")
        assert strict.code == 1
        flagged = [line.split(": ")[1].split()[0] for line in strict.out.splitlines()]
        assert flagged == ["A&E", "111", "GP", "NHS"]

    def test_help_names_the_default_allow_list(self, run: Runner) -> None:
        help_text = " ".join(run("check", "--help").out.split())
        assert all(acronym in help_text for acronym in ("NHS", "GP", "A&E", "111", "UK", "CEO"))

    def test_several_files_and_stdin(self, run: Runner) -> None:
        result = run("check", str(CLEAN), "-", str(PROBLEMS), "-f", "csv", input="The ICB.\n")
        rows = list(csv.reader(io.StringIO(result.out)))
        assert rows[0] == ["file", "line", "column", "acronym", "kind", "message", "id"]
        assert [row[0] for row in rows[1:]] == ["<stdin>"] + [str(PROBLEMS)] * 3

    def test_history_is_not_stale_jargon(self, run: Runner, tmp_path: Path) -> None:
        document = tmp_path / "history.md"
        document.write_text(
            "Clinical commissioning groups (CCGs) were abolished in 2022.\n\n"
            "Before then, each CCG had a governing body.\n\nEach CCG commissions our services.\n",
            encoding="utf-8",
        )
        result = run("check", str(document), "-f", "json")
        assert [(f["kind"], f["line"]) for f in json.loads(result.out)] == [("outdated", 5)]

    def test_a_missing_file_is_exit_4(self, run: Runner) -> None:
        result = run("check", str(CLEAN), "nope.md")
        assert result.code == 4 and "nope.md: no such file" in result.err


# ---------------------------------------------------------------- export


class TagCounter(HTMLParser):
    """Collects what a static test of the exported page needs."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.script_text = ""
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "script":
            self.script_text += data
        else:
            self.text += data


@pytest.mark.usefixtures("mini_base")
class TestExport:
    def test_markdown_is_one_document(self, run: Runner) -> None:
        out = run("export", "--format", "markdown").out
        assert out.startswith("# NHS jargon: 8 terms (nhsjargon ")
        assert "## ICP: Integrated Care Provider" in out and "\n## Timeline\n" in out
        cards = out.split("\n## Timeline\n")[0]
        assert cards.count("\n## ") == 8 and cards.count("- **Category:**") == 8  # every card in full
        assert "\n## Comparing CCG (Clinical Commissioning Group) and ICB (Integrated Care Board)\n" in out
        assert "- [Test source](<https://example.org/aco>)" in out

    def test_json_has_every_entry_and_event(self, run: Runner) -> None:
        document = json.loads(run("export", "--format", "json").out)
        assert len(document["terms"]) == 8 and len(document["events"]) == 3
        assert document["terms"][0]["id"] == "aco"

    def test_csv_one_row_per_entry(self, run: Runner) -> None:
        rows = list(csv.reader(io.StringIO(run("export", "--format", "csv").out)))
        assert len(rows) == 9 and len({len(row) for row in rows}) == 1

    def test_html_is_self_contained_and_escaped(self, run: Runner, tmp_path: Path) -> None:
        overlay = tmp_path / "evil.yaml"
        overlay.write_text(
            "terms:\n  - id: evil\n    acronym: EVL\n    name: '<script>alert(1)</script> & co'\n"
            "    definition: 'Quotes \" and <b>tags</b>.'\n",
            encoding="utf-8",
        )
        page = run("export", "--format", "html", "--data", str(overlay)).out
        parser = TagCounter()
        parser.feed(page)
        tags = [tag for tag, _ in parser.tags]
        assert page.startswith("<!DOCTYPE html>") and tags.count("article") == 9
        search_box = next(attrs for tag, attrs in parser.tags if tag == "input")
        assert search_box["type"] == "search" and search_box["id"] == "q" and "autofocus" in search_box
        assert tags.count("script") == 2 and "<script>alert(1)" not in page  # the index and the code
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page and "&lt;b&gt;tags&lt;/b&gt;" in page
        for tag, attrs in parser.tags:  # nothing to fetch: no external script, style, image or font
            fetches = tag in ("script", "link", "img", "iframe") and (attrs.get("src") or attrs.get("href"))
            assert not fetches, (tag, attrs)
        assert "http" not in parser.script_text and "<link" not in page
        assert "default-src 'none'" in page
        assert 'href="https://example.org/aco"' in page  # source links stay links

    def test_the_same_base_gives_the_same_page_from_the_cache_or_not(
        self, run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
        built, cached = (run("export", "--format", "html").out for _ in range(2))
        assert any((tmp_path / "cache").iterdir())  # the second run read what the first wrote
        assert built == cached  # the search index's keys once came out in a different order
        assert "var PAGE = 50;" in built and ":root {" in built  # the script and style sheet inlined


def test_html_links_only_web_addresses() -> None:
    from nhsjargon.render.html import page
    from nhsjargon.views import Block, Card, Cards, Flat

    card = Card(
        "EVL: evil",
        "current",
        "body",
        sources=(("bad", "javascript:alert(1)"), ("good", 'https://example.org/a?b=1&c="2"')),
    )
    html = page(Cards((Block((card,)),), data=None, csv=Flat((), ())))
    assert 'href="javascript:' not in html and "bad javascript:alert(1)" in html
    good = '<a href="https://example.org/a?b=1&amp;c=&quot;2&quot;" rel="noopener noreferrer">good</a>'
    assert good in html


# ---------------------------------------------------------------- the shipped knowledge base


def test_decode_finds_every_acronym_of_a_seed_like_document(run: Runner, full_base: KnowledgeBase) -> None:
    document = json.loads(run("decode", str(BOARD_PAPER), "--format", "json").out)
    assert {term["acronym"] for term in document["terms"]} == BOARD_PAPER_ACRONYMS
    assert document["unknown"] == []
    wpb = next(term for term in document["terms"] if term["acronym"] == "WPB")
    assert wpb["count"] == 2  # WPB and the misspelling WBP
    chosen = {term["acronym"]: term["id"] for term in document["terms"]}
    assert "partnership" in chosen["STP"] and full_base.get(chosen["PACS"]).category == "model"


def test_check_flags_undefined_ones_with_file_and_line(run: Runner, full_base: KnowledgeBase) -> None:
    result = run("check", str(BOARD_PAPER), "--as-of", "2018-06")
    assert result.code == 1
    flagged = {
        line.split(": ", 1)[1].split()[0]: line.split(":")[1]
        for line in result.out.splitlines()
        if "is never defined" in line
    }
    assert flagged["CQUIN"] == "16" and flagged["QOF"] == "16" and flagged["DES"] == "20"
    assert not {"MCP", "PACS", "ACO", "STP", "CCG", "NHS", "GP", "A&E", "111"} & set(flagged)


def test_check_passes_a_clean_document(run: Runner, full_base: KnowledgeBase) -> None:
    result = run("check", str(CLEAN_FULL))
    assert (result.code, result.out, result.err) == (0, "No problems found in 1 file(s).\n", "")


def test_decode_inline_expands_first_uses(run: Runner, full_base: KnowledgeBase) -> None:
    out = run("decode", "--inline", str(BOARD_PAPER)).out
    cquin = full_base.get("cquin").name if "cquin" in full_base.by_id else "Commissioning for Quality"
    assert f"replaces CQUIN ({cquin}" in out
    assert "Multispecialty Community Provider (MCP) and" in out  # defined: left alone
    assert out.count("QOF (") == 1
