"""The check core (drafts.py): never defined, defined late, unknown, likely slips, stale jargon."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nhsjargon import drafts as core
from nhsjargon import knowledge as kb
from nhsjargon.decode import decode_text
from nhsjargon.decode.results import Occurrence
from nhsjargon.drafts import well_known
from nhsjargon.model import KnowledgeBase

TODAY = dt.date(2025, 1, 1)


@pytest.fixture
def docs(mini_base: Path) -> KnowledgeBase:
    return kb.load([Path(__file__).parent / "fixtures" / "documents_overlay.yaml"], use_cache=False)


def findings(
    text: str,
    knowledge: KnowledgeBase,
    today: dt.date = TODAY,
    allow: tuple[str, ...] = (),
    strict: bool = False,
) -> list[tuple[int, str, str]]:
    decoded = decode_text(text, knowledge, "doc.md")
    return [
        (f.line, f.kind, f.message)
        for f in core.check(decoded, knowledge, today, core.allow_keys(allow, strict))
    ]


def test_defined_at_first_use_in_either_order(docs: KnowledgeBase) -> None:
    assert findings("The Integrated Care Board (ICB) and the ICS (integrated care system).", docs) == []


def test_undefined_and_defined_later(docs: KnowledgeBase) -> None:
    assert findings("The ICB.\nAn integrated care board (ICB).\nThe ICS.", docs) == [
        (1, "late", "ICB is used on line 1 but defined on line 2 (Integrated Care Board)"),
        (3, "undefined", "ICS is never defined (Integrated Care System)"),
    ]


def test_a_misspelling_is_named_as_written(docs: KnowledgeBase) -> None:
    assert findings("A WBP.", docs) == [
        (1, "undefined", "WBP (usually WPB) is never defined (Whole Population Budget)")
    ]


def test_allow_list_strict_and_allow(docs: KnowledgeBase) -> None:
    text = "The NHS, your GP, A&E and 111."
    assert findings(text, docs) == []
    assert [line[2].split()[0] for line in findings(text, docs, strict=True)] == ["NHS", "GP", "A&E", "111"]
    assert {"NHS", "GP", "A&E", "111", "UK", "CEO"} <= set(well_known())
    assert findings(text, docs, strict=True, allow=("nhs", "GP", "a&e", "111")) == []


def test_outdated_names_the_successor_and_date(docs: KnowledgeBase) -> None:
    assert findings("Public Health England (PHE) runs the campaign.", docs) == [
        (
            1,
            "outdated",
            "PHE is out of date: Public Health England ended 2021-09-30 (abolished); replaced by "
            "UKHSA (UK Health Security Agency) from 2021-10-01",
        )
    ]
    assert findings("Public Health England (PHE) runs the campaign.", docs, today=dt.date(2021, 9, 30)) == []


def test_outdated_is_reported_where_written_of_as_current(docs: KnowledgeBase) -> None:
    text = (
        "Public Health England (PHE) was abolished in 2021.\n\n"
        "Its predecessor bodies merged into PHE in 2013.\n\nPHE publishes the data.\n"
    )
    assert [(line, kind) for line, kind, _ in findings(text, docs)] == [(5, "outdated")]


@pytest.mark.parametrize(
    ("before", "after", "historical"),
    [
        ("In 2013 the ", " was formed. It publishes data.", True),  # "was" in the sentence
        ("ICSs grew out of ", "s, partnerships formed in 2016.", True),  # historical framing
        ("Until 2021 the ", " ran the campaign.", True),
        ("The former ", " published data.", True),
        ("It ended. The ", " publishes data.", False),  # "ended" is in the sentence before
        ("- The ", " publishes data\n- it was big", False),  # list items are sentences
        ("Contact the ", " today.", False),
    ],
)
def test_is_historical(before: str, after: str, historical: bool) -> None:
    assert core.is_historical(Occurrence(0, 1, 1, before, "PHE", after)) is historical


def test_unknown_and_undefined_acronyms_are_findings(docs: KnowledgeBase) -> None:
    assert findings("We met the FOO team about XYZQ.", docs) == [
        (1, "unknown", "FOO is never defined, and not in the knowledge base"),
        (1, "unknown", "XYZQ is never defined, and not in the knowledge base"),
    ]


def test_a_definition_against_every_sense_is_a_likely_slip(docs: KnowledgeBase) -> None:
    assert findings("Our ICS (integrated care service) is new.", docs) == [
        (
            1,
            "slip",
            "ICS is defined as 'integrated care service', but the knowledge base knows ICS as "
            "Integrated Care System: a likely slip",
        )
    ]


def test_a_document_that_dates_itself_is_checked_as_of_then(docs: KnowledgeBase) -> None:
    text = "Published: 3 March 2019\n\nPublic Health England (PHE) runs the campaign.\n"
    assert findings(text, docs) == []
