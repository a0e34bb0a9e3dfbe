"""decode and check read the document (issue 10), through the CLI on the shipped base.

The texts are our own, written to reproduce each pattern real NHS papers show: minutes with
people's initials, headings in capitals, codes and postcodes; definitions in every NHS style;
Markdown structure; a document that dates itself. Their acronyms are ones the base is sure to
know at any size (PACS, STP, ICS, GP), so the assertions hold as the base grows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nhsjargon.model import KnowledgeBase
from tests.conftest import FIXTURES, Runner

MINUTES = FIXTURES / "board_minutes_2022.txt"


def decoded(run: Runner, path: Path, *options: str) -> dict[str, Any]:
    result = run("decode", "--format", "json", *options, str(path))
    assert result.code in (0, 1), result
    document: dict[str, Any] = json.loads(result.out)
    return document


def listed(document: dict[str, Any]) -> set[str]:
    """Every token decode lists as jargon: known, defined or unknown (not people)."""
    terms = {term["acronym"] for term in document["terms"]} | {
        term["as_written"] for term in document["terms"]
    }
    return terms | {unknown["token"] for unknown in document["unknown"]}


@pytest.fixture
def minutes(run: Runner, full_base: KnowledgeBase) -> dict[str, Any]:
    return decoded(run, MINUTES)


def term(document: dict[str, Any], acronym: str) -> dict[str, Any]:
    return next(t for t in document["terms"] if acronym in (t["acronym"], t["as_written"].rstrip("s")))


# ---------------------------------------------------------------- definitions the text gives


def test_a_definition_the_base_lacks_is_listed_from_the_document(minutes: dict[str, Any]) -> None:
    hwh = term(minutes, "HWH")
    assert (hwh["name"], hwh["source"], hwh["id"]) == ("Healthwatch Harrow", "document", None)
    assert (
        hwh["defined"]
        and hwh["definition"]["line"] == 10
        and hwh["definition"]["long_form"] == "Healthwatch Harrow"
    )


def test_the_text_picks_the_sense_it_defines(minutes: dict[str, Any]) -> None:
    pacs = term(minutes, "PACS")  # "primary and acute hospital systems (PACS)": the care model, not imaging
    assert pacs["id"] == "pacs-care-model" and pacs["definition"]["line"] == 12
    assert "defines it on line 12" in pacs["choice"]
    stp = term(minutes, "STP")  # "STPs – sustainability and transformation plans –"
    assert (
        stp["id"] == "stp-plan"
        and stp["definition"]["long_form"] == "sustainability and transformation plans"
    )


def test_known_as_and_capitalised_definitions(minutes: dict[str, Any]) -> None:
    dna = term(minutes, "DNA")
    assert dna["defined"] and dna["definition"]["long_form"] == "Did Not Attend"


# ---------------------------------------------------------------- noise


def test_headings_codes_postcodes_units_and_numbers_are_not_jargon(minutes: dict[str, Any]) -> None:
    noise = {
        "MINUTES",
        "MEETING",
        "BOARD",
        "PUBLIC",
        "CONFIRMED",
        "HA1",
        "3EX",
        "ICBP",
        "PUB25",
        "111",
        "Q12",
        "Cm",
        "KB",
    }
    assert not noise & listed(minutes)


def test_a_numbered_code_family_is_reported_once(minutes: dict[str, Any]) -> None:
    assert minutes["families"] == [
        {
            "codes": "SR2-SR9",
            "members": ["SR2", "SR3", "SR4", "SR5", "SR7", "SR9"],
            "count": 6,
            "first_line": 15,
        }
    ]
    assert not {"SR2", "SR9"} & listed(minutes)


def test_people_are_listed_apart_even_when_their_initials_are_an_acronym(minutes: dict[str, Any]) -> None:
    people = {person["initials"]: person["name"] for person in minutes["people"]}
    assert people["TA"] == "Tracy Allen" and people["PS"] == "Priya Shah" and people["OQ"] == "Omar Qureshi"
    assert people["GP"] == "Grace Palmer"  # the base knows GP, but here it is a lay member
    assert not {"TA", "GP", "PS", "OQ", "MBa", "MBA"} & listed(
        minutes
    )  # "(JBl) (MBa) (LCr)": a run of people


def test_common_acronyms_are_never_silently_dropped(minutes: dict[str, Any]) -> None:
    assert {"UK", "IT", "ICS"} <= listed(minutes)


def test_people_are_named_in_the_text_output(run: Runner, full_base: KnowledgeBase) -> None:
    text = run("decode", str(MINUTES)).out
    assert "People's initials left out: TA, GP, PS, OQ" in text


# ---------------------------------------------------------------- the document's own date


def test_the_meeting_date_under_its_heading_dates_the_document(minutes: dict[str, Any]) -> None:
    assert minutes["date"]["date"] == "2022-03-03" and minutes["date"]["stated"] is True
    assert minutes["date"]["line"] == 2 and "Thursday 3 March 2022" in minutes["date"]["reason"]


def test_as_of_overrides_the_documents_date(run: Runner, full_base: KnowledgeBase) -> None:
    document = decoded(run, MINUTES, "--as-of", "2017-01-01")
    assert document["date"]["date"] == "2017-01-01" and document["date"]["reason"] == "--as-of"


def test_a_heading_date_is_used_and_said(run: Runner, full_base: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "newsletter.md"
    path.write_text("# Practice newsletter – April 2025\n\nThe ICB wrote to every PCN in 2019 and 2019.\n")
    document = decoded(run, path)
    assert document["date"]["date"] == "2025-04-30" and "heading" in document["date"]["reason"]
    assert "Dated 2025-04-30: the date in its heading" in run("decode", str(path)).out


# ---------------------------------------------------------------- Markdown structure


def test_markdown_code_links_comments_and_front_matter_are_not_read(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "page.md"
    path.write_text(
        "---\ntitle: QQA notes\n---\n"
        "Read [the ICS guide](https://example.org/ZZB/guide) first.\n"
        "<!-- YYC is a draft word -->\n"
        "Run `XXD --help` or:\n\n```\nWWE = 1\n```\n"
        "The STP ended.\n"
    )
    tokens = listed(decoded(run, path))
    assert {"ICS", "STP"} <= tokens
    assert not {"QQA", "ZZB", "YYC", "XXD", "WWE"} & tokens


# ---------------------------------------------------------------- check, for the writer


def test_check_tells_never_defined_from_defined_late_and_unknown(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "draft.md"
    path.write_text(
        "The PCN met the ICB.\n\nLater: primary care networks (PCNs) grew. We met the FOO team about XYZQ.\n"
    )
    result = run("check", str(path))
    assert result.code == 1
    lines = result.out.splitlines()
    assert f"{path}:1:5: PCN is used on line 1 but defined on line 3" in lines[0]
    assert any(line.startswith(f"{path}:1:17: ICB is never defined (") for line in lines)
    assert f"{path}:3:69: XYZQ is never defined, and not in the knowledge base" in lines
    assert "FOO" in result.out


def test_check_does_not_call_history_stale(run: Runner, full_base: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "history.md"
    path.write_text(
        "Integrated care systems (ICSs) grew out of sustainability and transformation "
        "partnerships (STPs), formed in 2016.\n"
    )
    assert run("check", str(path)).code == 0


def test_check_uses_the_era_of_an_undated_document(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "old.md"
    path.write_text(
        "Clinical commissioning groups (CCGs) set budgets for 2016 and 2017; in 2017 each CCG planned.\n"
    )
    result = run("check", str(path))
    assert "out of date" not in result.out and result.code == 0


def test_a_slip_against_every_sense_is_flagged(run: Runner, full_base: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "slip.md"
    path.write_text("The integrated care service (ICS) met.\n")
    result = run("check", str(path))
    assert result.code == 1 and "a likely slip" in result.out


# ---------------------------------------------------------------- --inline


def test_inline_reuses_the_texts_definitions_and_keeps_names_whole(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    path = tmp_path / "inline.md"
    path.write_text(
        "NHS England asked each ICS and the primary and acute hospital systems (PACS) to report.\n"
    )
    out = run("decode", "--inline", str(path)).out
    assert out.startswith(
        "NHS England (NHS: National Health Service) asked each ICS (Integrated Care System) and"
    )
    assert "(PACS)" in out and "((" not in out and "PACS (" not in out


def test_small_words_of_a_heading_are_not_acronyms_even_when_the_base_has_them(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    """IT, AS, WHO, SO and ME are acronyms in the base; in a heading that reads as a sentence they
    are words, in a heading of names ("IT STRATEGY") and in prose they are the acronym."""
    from nhsjargon import lookup

    assert all(lookup.find(full_base, word) for word in ("IT", "AS", "WHO", "SO", "ME"))
    path = tmp_path / "paper.txt"
    path.write_text(
        "WHAT IT MEANS FOR US AS A SYSTEM\n"
        "The ICS met in May.\n"
        "WHO WE ARE AND SO WHAT THE ICS DOES\n"
        "WHAT IS IT?\n"
        "WHO, WHAT AND WHY\n"
        "The board agreed the plan.\n",
        encoding="utf-8",
    )
    found = listed(decoded(run, path))
    assert "ICS" in found
    assert not {"IT", "AS", "WHO", "SO"} & found
    path.write_text(
        "IT STRATEGY AND DIGITAL PLAN\nWHO GUIDANCE ON HAND HYGIENE\nME SERVICES FOR ADULTS\n",
        encoding="utf-8",
    )
    assert {"IT", "WHO", "ME"} <= listed(decoded(run, path))
    path.write_text("WHAT IT MEANS FOR US\nThe IT team met the ICS.\n", encoding="utf-8")
    assert {"IT", "ICS"} <= listed(decoded(run, path))


def test_the_sense_written_as_the_document_writes_it_is_chosen(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    """A paper that writes LD means learning disability, not L&D (liaison and diversion)."""
    from nhsjargon import lookup

    assert {"LD", "L&D"} <= {sense.acronym for sense in lookup.find(full_base, "LD")}
    path = tmp_path / "paper.txt"
    path.write_text("The LD team met the community nurses.\n", encoding="utf-8")
    document = decoded(run, path)
    (term,) = [term for term in document["terms"] if term["as_written"] == "LD"]
    assert (term["acronym"], term["name"]) == ("LD", "Learning disability")
    assert term["choice"].endswith("so the one written LD")


def test_a_paper_that_writes_ld_and_l_and_d_gets_both(
    run: Runner, full_base: KnowledgeBase, tmp_path: Path
) -> None:
    """The base knows LD and L&D as different acronyms, so a written "&" keeps them apart, each
    with its own count and meaning, even where the words nearby point to only one of them. (L&D
    has two senses of its own, so the paper says which it means.)"""
    path = tmp_path / "paper.txt"
    path.write_text(
        "The L&D (liaison and diversion) service sees people in custody. LD nurses support people with"
        " a learning disability.\n"
        "The LD register grew.\n",
        encoding="utf-8",
    )
    document = decoded(run, path)
    terms = {term["as_written"]: term for term in document["terms"]}
    assert (terms["L&D"]["name"], terms["L&D"]["count"]) == ("Liaison and diversion", 1)
    assert (terms["LD"]["name"], terms["LD"]["count"]) == ("Learning disability", 2)
    path.write_text("L&DS IN CUSTODY\n\nThe L&D team met.\n", encoding="utf-8")  # a shouted plural
    (term,) = decoded(run, path)["terms"]
    assert (term["acronym"], term["count"]) == ("L&D", 2)
