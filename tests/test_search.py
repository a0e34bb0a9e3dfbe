"""Search that understands questions (issue 11): folding, ranking, relation questions; core and CLI."""

from __future__ import annotations

import json

import pytest

from nhsjargon import search
from nhsjargon.model import KnowledgeBase
from tests.conftest import Runner


def first_ids(knowledge: KnowledgeBase, text: str, count: int = 1) -> list[str]:
    return [hit.entry.id for hit in search.search(knowledge, text).hits[:count]]


# ---------------------------------------------------------------- the ranking, on the shipped base


@pytest.mark.parametrize("query", ["CCGs", "CCG's", "ccgs", "the CCGs"])
def test_plurals_possessives_case_and_stop_words_fold(full_base: KnowledgeBase, query: str) -> None:
    assert first_ids(full_base, query) == ["ccg"]


def test_exact_acronyms_in_a_query_come_first(full_base: KnowledgeBase) -> None:
    ids = first_ids(full_base, "ICB ICP", 3)
    assert ids[0] == "icb" and {"icp-partnership", "icp-provider"} & set(ids[1:])
    assert all(hit.score >= search.EXACT - 10 for hit in search.search(full_base, "ICB ICP").hits[:2])


def test_a_name_outranks_a_mention_in_a_definition(full_base: KnowledgeBase) -> None:
    assert first_ids(full_base, "whole population budget") == ["wpb"]
    hits = search.search(full_base, "population health management").hits
    assert hits[0].entry.name.casefold().startswith("population health management")


# ---------------------------------------------------------------- relation questions


@pytest.mark.parametrize(
    ("question", "kind", "asked", "answer"),
    [
        ("what replaced CCGs", "after", "ccg", "icb"),
        ("What replaced CCGs?", "after", "ccg", "icb"),
        ("what did STPs become", "after", "stp-partnership", "ics"),
        ("what came before ICSs", "before", "ics", "stp-partnership"),
        ("what happened to the CCG", "after", "ccg", "icb"),
    ],
)
def test_relation_questions_are_answered_from_typed_relations(
    full_base: KnowledgeBase, question: str, kind: str, asked: str, answer: str
) -> None:
    result = search.search(full_base, question)
    assert result.answer is not None and result.answer.kind == kind
    assert asked in {entry.id for entry in result.answer.asked}
    assert answer in {entry.id for entry in result.answer.found}
    top = [hit.entry.id for hit in result.hits[: len(result.answer.found)]]
    assert answer in top  # the answer leads the matches, not the words "what" or "replaced"


@pytest.mark.parametrize("question", ["ICB vs ICP", "difference between ICB and ICP", "ICB versus ICP"])
def test_comparison_questions_point_to_compare(full_base: KnowledgeBase, question: str) -> None:
    result = search.search(full_base, question)
    assert result.answer is not None and result.answer.kind == "compare"
    assert [entry.acronym for entry in result.answer.asked] == ["ICB", "ICP"]
    assert [hit.entry.acronym for hit in result.hits[:2]] == ["ICB", "ICP"]


def test_a_plain_query_is_not_a_question(full_base: KnowledgeBase) -> None:
    assert search.question(full_base, "integrated care") is None


# ---------------------------------------------------------------- through the CLI


def test_the_answer_comes_first_and_words_need_no_quotes(run: Runner, full_base: KnowledgeBase) -> None:
    out = run("search", "what", "replaced", "CCGs").out.splitlines()
    assert out[0] == "Search: what replaced CCGs"
    assert out[1].startswith("CCG (Clinical Commissioning Group) became: ICB (Integrated Care Board)")
    assert out[4].split()[0] == "ICB" and out[4].split()[-1] == "exact"


def test_compare_pointer_in_text_and_answer_in_json(run: Runner, full_base: KnowledgeBase) -> None:
    assert "To put them side by side: nhsjargon compare ICB ICP" in run("search", "ICB vs ICP").out
    document = json.loads(run("search", "what replaced CCGs", "--format", "json").out)
    answer = document["answer"]
    assert (answer["kind"], answer["asked"], answer["found"][0]) == ("after", ["ccg"], "icb")
    assert document["results"][0]["id"] == "icb" and document["results"][0]["score"] >= search.EXACT - 10


@pytest.mark.parametrize(
    ("words", "code", "message"),
    [
        (("",), 2, "search needs some words"),
        (("what", "is", "the"), 2, "has no word to search for"),
        (("zebra quokka",), 1, "nothing matches"),
    ],
)
def test_empty_stop_word_and_fruitless_searches(
    run: Runner, full_base: KnowledgeBase, words: tuple[str, ...], code: int, message: str
) -> None:
    result = run("search", *words)
    assert result.code == code and message in result.err and result.err.count("\n") == 1
