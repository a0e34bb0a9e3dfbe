"""The decode core: the tokenizer, definitions, sense choice, streaming and in-place expansion."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhsjargon import decode as core
from nhsjargon import knowledge as kb
from nhsjargon.decode import scanner as scanning
from nhsjargon.decode.assemble import result
from nhsjargon.decode.inline import expand_blocks, expansions, plural
from nhsjargon.decode.reading import LONG_LINE, READ_BYTES, TextReader
from nhsjargon.decode.results import Found, Unknown
from nhsjargon.decode.scanner import Scanner
from nhsjargon.decode.tokens import AcronymTable, table_for, tokens
from nhsjargon.errors import InputError
from nhsjargon.knowledge import index
from nhsjargon.model import Entry, KnowledgeBase

DOCS_OVERLAY = Path(__file__).parent / "fixtures" / "documents_overlay.yaml"


@pytest.fixture
def docs(mini_base: Path) -> KnowledgeBase:
    """The fixture base with acronyms of every shape (A&E, 111, NHSE/I, PbR, 5YFV), both STPs, PHE."""
    return kb.load([DOCS_OVERLAY], use_cache=False)


@pytest.fixture
def table(docs: KnowledgeBase) -> AcronymTable:
    return AcronymTable(docs)


def words(text: str, table: AcronymTable) -> list[tuple[str, bool]]:
    return [(word, key is not None) for word, key, _ in tokens(text, table)]


def test_the_acronym_table_is_built_once_per_base(docs: KnowledgeBase, mini: KnowledgeBase) -> None:
    """Decoding many files with one base reuses its table; another base gets its own."""
    assert table_for(docs) is table_for(docs)
    assert Scanner(docs).table is table_for(docs)
    other = table_for(mini)
    assert other is not table_for(docs) and set(other.senses) != set(table_for(docs).senses)


# ---------------------------------------------------------------- the tokenizer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ICS and the ICB.", [("ICS", True), ("ICB", True)]),
        (
            "Two CCGs, the ICB's board, the ICB\u2019s chair, the CCGs' budgets",
            [("CCG", True), ("ICB", True), ("ICB", True), ("CCG", True)],
        ),
        ("Go to A&E or ring 111.", [("A&E", True), ("111", True)]),
        ("NHSE/I asked the STP/ACS leads", [("NHSE/I", True), ("STP", True), ("ACS", True)]),
        ("PbR tariffs and PBR", [("PbR", True), ("PBR", True)]),
        ("The 5YFV said so.", [("5YFV", True)]),
        ("(ICS) and (ICSs) and ICS (Integrated", [("ICS", True), ("ICS", True), ("ICS", True)]),
        ("ICS-wide, non-NHS, **ICB**, _ACO_", [("ICS", True), ("NHS", True), ("ICB", True), ("ACO", True)]),
        ("CCGS AND STPS", [("CCGS", True), ("STPS", True)]),  # a shouted heading
        ("FOO and BLRs and XYZ/QRS", [("FOO", False), ("BLR", False), ("XYZ", False), ("QRS", False)]),
        ("In 2018, 14 of the 300,000 and 1990s", []),  # numbers are not acronyms
        ("The UK, the US, a PDF, OK, I, XIV and Part IV", [("UK", False), ("US", False), ("PDF", False)]),
        ("McKinsey, iPhone, Dr Who, ICSx, mHealth", []),  # not acronym-shaped
        ("A1 and M62 and Q3", []),  # one capital is not an acronym
        (
            "The eRS, iBCF and s75 deals",
            [("eRS", False), ("iBCF", False), ("s75", False)],
        ),  # small letters first
        ("A" * 40 + " and ICS", [("ICS", True)]),  # longer than any acronym: not one
    ],
)
def test_tokens(table: AcronymTable, text: str, expected: list[tuple[str, bool]]) -> None:
    assert words(text, table) == expected


def test_token_offsets_point_at_the_acronym(table: AcronymTable) -> None:
    text = "See (ICS) and STP/ACS, eRS."
    for word, _, offset in tokens(text, table):
        assert text[offset : offset + len(word)] == word


# ---------------------------------------------------------------- definitions


@pytest.mark.parametrize(
    "text",
    [
        "The Integrated Care System (ICS) is new.",
        "the integrated care system (ICS) is new",  # any case
        "Integrated care systems (ICSs) are new.",  # plural
        "INTEGRATED CARE SYSTEM (ICS)",
        "The ICS (Integrated Care System) is new.",  # the other order
        "The ICS (the integrated care system) is new.",
        "our Integrated Care\nSystem (ICS) is new",  # wrapped onto two lines
        "an Integrated Care System, or ICS, is new",
        "the Accountable Care Organisation (ACO)",
        "Multi-specialist Community-based Provider (MCP)",  # spells the letters, not the KB's name
        "Sustainability & Transformation Programme (STP)",
    ],
)
def test_definitions_are_recognised(docs: KnowledgeBase, text: str) -> None:
    overlay = index.build([*docs.entries, _entry("mcp", "MCP", "Multispecialty Community Provider")], [])
    decoded = core.decode_text(text, overlay)
    assert decoded.terms and all(found.defined_at_first_use for found in decoded.terms), decoded.terms


@pytest.mark.parametrize(
    "text",
    [
        "The ICS is new.",
        "The ICS (see below) is new.",
        "Care in the system (ICS) is new.",  # words that neither name nor spell it
        "We asked GPs or ICS leads.",
        "An ICS, (Integrated Care System) aside",
    ],
)
def test_not_definitions(docs: KnowledgeBase, text: str) -> None:
    found = {f.acronym: f for f in core.decode_text(text, docs).terms}
    assert not found["ICS"].defined


def test_definition_later_than_first_use(docs: KnowledgeBase) -> None:
    found = core.decode_text("The ICS.\n\nThe Integrated Care System (ICS).\n", docs).terms[0]
    assert found.defined and not found.defined_at_first_use
    assert [d.line for d in found.definitions] == [3]


def _entry(entry_id: str, acronym: str, name: str) -> Entry:
    return Entry(id=entry_id, acronym=acronym, name=name, definition="A test entry.")


# ---------------------------------------------------------------- counting


def test_counts_first_lines_and_unknown(docs: KnowledgeBase) -> None:
    text = "Intro line\nThe ICS and CCGs.\nMore ICSs, the ICS's board, FOO.\nFOOs and (ICS).\n"
    decoded = core.decode_text(text, docs, "doc.md")
    by_acronym = {f.acronym: f for f in decoded.terms}
    assert by_acronym["ICS"].count == 4 and by_acronym["ICS"].first_line == 2
    assert by_acronym["ICS"].first_column == 5 and by_acronym["ICS"].first_form == "ICS"
    assert by_acronym["CCG"].count == 1 and by_acronym["CCG"].first_form == "CCGs"
    assert decoded.unknown == (Unknown("FOO", 2, 3, 29),)
    assert decoded.lines == 4


def test_the_capitals_of_letters_and_emphasis_are_not_unknown_jargon(docs: KnowledgeBase) -> None:
    decoded = core.decode_text("PLEASE NOTE: a REMINDER from the ICS. THANKS, and kind REGARDS. FOO.", docs)
    assert [unknown.token for unknown in decoded.unknown] == ["FOO"]
    assert [found.acronym for found in decoded.terms] == ["ICS"]


def test_a_misspelling_counts_as_its_entry(docs: KnowledgeBase) -> None:
    decoded = core.decode_text("A WPB here, a WBP there.", docs)
    assert [(f.acronym, f.count) for f in decoded.terms] == [("WPB", 2)]
    assert decoded.terms[0].first_form == "WPB"


# ---------------------------------------------------------------- choosing a sense


def sense_of(found: Found) -> str:
    """The id of the base's sense a finding was given (it must have one)."""
    assert found.entry is not None, found
    return found.entry.id


def test_an_ambiguous_acronym_takes_the_sense_its_definition_names(docs: KnowledgeBase) -> None:
    found = core.decode_text("The Integrated Care Partnership (ICP) met.", docs).terms[0]
    assert (
        sense_of(found) == "icp-partnership"
        and "defines it on line 1 as 'Integrated Care Partnership'" in found.choice
    )


@pytest.mark.parametrize(
    ("text", "expected", "because"),
    [
        (
            "In 2016 each area wrote an STP for five years: a plan for the footprint, by 2016.",
            "stp-plan",
            "'plan' nearby",
        ),
        (
            "The STP partnership board meets; it is a standing partnership of NHS bodies and councils.",
            "stp-partnership",
            "'partnership' nearby",
        ),
        ("The ACO and the PACS vanguards and the STP, all in 2016.", "stp-plan", "2016"),
    ],
)
def test_an_ambiguous_acronym_takes_the_sense_that_fits(
    docs: KnowledgeBase, text: str, expected: str, because: str
) -> None:
    found = {f.acronym: f for f in core.decode_text(text, docs).terms}["STP"]
    assert sense_of(found) == expected and because in found.choice, found.choice


def test_era_of_the_other_terms_decides(docs: KnowledgeBase) -> None:
    found = {f.acronym: f for f in core.decode_text("The ACO, the ACS and the ICP.", docs).terms}["ICP"]
    assert sense_of(found) == "icp-provider" and "neighbouring terms ACO" in found.choice
    newer = {f.acronym: f for f in core.decode_text("The ICB and the ICP.", docs).terms}["ICP"]
    assert sense_of(newer) == "icp-partnership"


def test_as_of_decides_when_nothing_else_does(docs: KnowledgeBase) -> None:
    text = "The ICP."
    assert core.decode_text(text, docs).terms[0].choice.startswith("nothing in the document tells them apart")
    old = core.decode_text(text, docs, as_of=dt.date(2019, 6, 1)).terms[0]
    assert (
        sense_of(old) == "icp-provider"
        and "in use on the document's date (2019-06-01, --as-of)" in old.choice
    )


# ---------------------------------------------------------------- reading and streaming


def read(
    data: bytes, read_bytes: int = READ_BYTES, long_line: int = LONG_LINE
) -> tuple[list[str], TextReader]:
    reader = TextReader(io.BytesIO(data), "doc", read_bytes=read_bytes, long_line=long_line)
    return list(reader), reader


def test_blocks_end_at_line_breaks() -> None:
    blocks, _ = read(b"one ICS\ntwo ICB\nthree\n" * 10, read_bytes=16)
    assert all(block.endswith("\n") for block in blocks)
    assert "".join(blocks) == "one ICS\ntwo ICB\nthree\n" * 10


def test_a_huge_single_line_is_cut_at_spaces_into_bounded_pieces() -> None:
    line = ("ICS CCG " * (10 * 1024 * 1024 // 8)).encode()  # 10 MB, no line break
    blocks, _ = read(line, read_bytes=1 << 20, long_line=1 << 20)
    assert max(len(block) for block in blocks) <= 2 * (1 << 20)
    assert all(block.endswith(" ") for block in blocks[:-1])
    assert sum(len(block) for block in blocks) == len(line)


def test_huge_line_decodes_with_right_columns(docs: KnowledgeBase) -> None:
    text = "x " * 300_000 + "ICS end\nCCG\n"
    reader = TextReader(io.BytesIO(text.encode()), "doc", read_bytes=1000, long_line=4000)
    scanner = Scanner(docs, "doc")
    for block in reader:
        scanner.feed(block, reader.cut_in_word)
    found = {f.acronym: f for f in result(scanner).terms}
    assert (found["ICS"].first_line, found["ICS"].first_column) == (1, 600_001)
    assert (found["CCG"].first_line, found["CCG"].first_column) == (2, 1)


def test_invalid_utf8_is_replaced_and_counted() -> None:
    blocks, reader = read(b"caf\xe9 ICS \xff\xfe\n", read_bytes=4)
    assert "".join(blocks) == "caf\ufffd ICS \ufffd\ufffd\n" and reader.replaced == 3


def test_a_real_replacement_character_is_not_counted() -> None:
    _, reader = read("a \ufffd b\n".encode(), read_bytes=3)  # split across reads, too
    assert reader.replaced == 0


def test_byte_order_mark_is_dropped() -> None:
    blocks, _ = read(b"\xef\xbb\xbfICS\n")
    assert blocks == ["ICS\n"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x00\x00binary", "looks like a binary file"),
        (
            b"ICS and CCG\n" * 100_000 + b"\x00 late",
            "a NUL byte at byte 1,200,000",
        ),  # anywhere, not only early
        (b"\xff\xfeI\x00C\x00S\x00", "UTF-16 text is not supported"),
    ],
)
def test_binary_input_is_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read(data)
    assert caught.value.exit_code == 4


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(
            [
                "ICS",
                "CCGs",
                "(ICB)",
                "the",
                "FOO",
                "\n",
                " ",
                "Integrated Care System",
                "ICS (Integrated Care System)",
                "STP/ACS",
                "A&E",
                "2018",
                "x" * 30,
            ]
        ),
        max_size=80,
    ),
    st.integers(min_value=1, max_value=64),
)
def test_blocks_of_any_size_give_the_same_answer(docs: KnowledgeBase, pieces: list[str], size: int) -> None:
    text = " ".join(pieces) + "\n"
    whole = core.decode_text(text, docs)
    reader = TextReader(io.BytesIO(text.encode()), "doc", read_bytes=size)
    scanner = Scanner(docs, "<text>")
    for block in reader:
        scanner.feed(block, reader.cut_in_word)
    streamed = result(scanner)
    summary = [(f.acronym, f.count, f.first_line, f.first_column, f.defined) for f in whole.terms]
    assert summary == [(f.acronym, f.count, f.first_line, f.first_column, f.defined) for f in streamed.terms]
    assert whole.unknown == streamed.unknown


def test_too_many_distinct_tokens_forgets_rare_ones(
    docs: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scanning, "MAX_KEYS", 50)
    lines = [f"ICS Q{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{i} and FOO\n" for i in range(400)]
    decoded = core.decode_blocks(lines, docs)
    assert decoded.forgot_rare
    assert {f.acronym: f.count for f in decoded.terms} == {"ICS": 400}
    assert decoded.unknown[0] == Unknown("FOO", 400, 1, 14)


def test_tokens_seen_more_than_once_cannot_grow_memory_either(
    docs: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Distinct tokens that each come twice (as random short capitals do in bulk) are not kept
    for being frequent: the bar rises until at most half of MAX_KEYS remain."""
    monkeypatch.setattr(scanning, "MAX_KEYS", 50)
    scanner = Scanner(docs, "<text>")
    largest = 0
    for i in range(400):
        token = f"Q{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}"
        scanner.feed(f"ICS {token} and {token} again\n")
        largest = max(largest, len(scanner.counts))
    assert largest <= 50 + 6  # the limit, plus one line's new tokens before it is enforced
    assert {f.acronym: f.count for f in result(scanner).terms} == {"ICS": 400}


# ---------------------------------------------------------------- expanding in place


def test_expansions_at_first_use_skip_defined_ones(docs: KnowledgeBase) -> None:
    text = "The Integrated Care System (ICS) and the CCGs.\nThe ICB's board; STP/ACS; CCG again.\n"
    decoded = core.decode_text(text, docs)
    out = "".join(expand_blocks([text[:20], text[20:60], text[60:]], expansions(decoded)))
    assert out == (
        "The Integrated Care System (ICS) and the CCGs (Clinical Commissioning Groups).\n"
        "The ICB's (Integrated Care Board) board; STP/ACS (STP: Sustainability and Transformation "
        "Partnership; ACS: Accountable Care System); CCG again.\n"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Integrated Care System", "Integrated Care Systems"),
        ("Health Security Agency", "Health Security Agencies"),
        ("Local Medical Committee", "Local Medical Committees"),
        ("Directed Enhanced Service", "Directed Enhanced Services"),
    ],
)
def test_plural(name: str, expected: str) -> None:
    assert plural(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some integrated/accountable care organisations (ICOs/ACOs) exist.\n", {"ICO": "ico", "ACO": "aco"}),
        (
            "Accountable Care Organisations (ACOs) and the STP/ACS (Accountable Care System).\n",
            {"ACO": "aco", "ACS": "acs"},
        ),
    ],
)
def test_a_bracketed_slash_list_defines_each_acronym(
    shipped: KnowledgeBase, text: str, expected: dict[str, str]
) -> None:
    decoded = core.decode_text(text, shipped)
    defined = {found.acronym: sense_of(found) for found in decoded.terms if found.defined}
    assert defined == expected


def test_a_giant_token_is_neither_counted_nor_cut_into_pieces(docs: KnowledgeBase) -> None:
    data = b"ICS " + b"A" * 3_000_000 + b" CCG\n"
    reader = TextReader(io.BytesIO(data), "doc", read_bytes=1 << 16, long_line=1 << 16)
    scanner = Scanner(docs, "doc")
    for block in reader:
        scanner.feed(block, reader.cut_in_word)
    decoded = result(scanner)
    assert [(f.acronym, f.count) for f in decoded.terms] == [("CCG", 1), ("ICS", 1)]
    assert decoded.unknown == ()


def test_an_acronym_repeated_in_brackets_is_not_initials_nor_defined(docs: KnowledgeBase) -> None:
    # found by the block-size property: "(ICB) (ICB) (ICB)" once read as a run of people, and
    # once as ICB defined by "ICB)"
    decoded = core.decode_text("(ICB) (ICB) \n (ICB)\n", docs)
    assert [(t.acronym, t.count, t.defined) for t in decoded.terms] == [("ICB", 3, False)]
    assert not decoded.people


def test_a_run_of_initials_covers_only_its_own_members(docs: KnowledgeBase) -> None:
    decoded = core.decode_text("Present: (AB) (GH) (EF) and the ICB (ICB) joined.\n", docs)
    assert [p.initials for p in decoded.people] == ["AB", "GH", "EF"]
    assert [t.acronym for t in decoded.terms] == ["ICB"]
