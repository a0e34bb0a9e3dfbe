"""The core lookup: plurals, variants, misspellings, ambiguity, suggestions, search."""

from __future__ import annotations

import datetime as dt

import pytest

from nhsjargon import lookup, search
from nhsjargon.dates import PartialDate
from nhsjargon.errors import UnknownTermError
from nhsjargon.knowledge import index
from nhsjargon.model import Entry, KnowledgeBase, Relation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ACO", "aco"),
        ("aco", "aco"),
        ("ACOs", "aco"),
        ("CCGs", "ccg"),
        ("ICB's", "icb"),
        ("ICB\u2019s", "icb"),
        ("clinical commissioning group", "ccg"),
        ("Clinical Commissioning Groups", "ccg"),
        ("Accountable Care Organization", "aco"),
        ("accountable care organizaton", "aco"),  # a recorded misspelling
        ("WBP", "wpb"),
        ("  ics  ", "ics"),
        ("icp-provider", "icp-provider"),
    ],
)
def test_find_resolves_variants(mini: KnowledgeBase, query: str, expected: str) -> None:
    assert lookup.find(mini, query)[0].id == expected


def test_ambiguous_acronym_gives_every_sense_current_first(mini: KnowledgeBase) -> None:
    senses = lookup.find(mini, "ICP")
    assert [sense.id for sense in senses] == ["icp-partnership", "icp-provider"]


def test_all_capitals_double_s_is_not_a_plural(mini: KnowledgeBase) -> None:
    assert lookup.find(mini, "ICSS") == ()
    assert "ICS" in lookup.suggest(mini, "ICSS")


def test_resolve_unknown_raises_with_suggestions(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownTermError) as info:
        lookup.resolve(mini, "ICSS")
    assert "ICS" in info.value.suggestions and "nhsjargon" not in str(info.value)  # the CLI words the hint


def test_resolve_nonsense_has_no_suggestion(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownTermError) as info:
        lookup.resolve(mini, "XYZZYQ")
    assert info.value.suggestions == ()


def test_active_at_picks_the_sense_of_the_day(mini: KnowledgeBase) -> None:
    senses = lookup.find(mini, "ICP")
    assert [s.id for s in lookup.active_at(senses, dt.date(2019, 6, 1))] == ["icp-provider"]
    assert [s.id for s in lookup.active_at(senses, dt.date(2023, 1, 1))] == [
        "icp-partnership",
        "icp-provider",
    ]


def test_search_ranks_name_matches_first(mini: KnowledgeBase) -> None:
    results = search.search(mini, "population budget").hits
    assert results[0].entry.id == "wpb"
    assert [hit.entry.id for hit in results].count("wpb") == 1


def test_search_with_no_words_finds_nothing(mini: KnowledgeBase) -> None:
    assert search.search(mini, "  ,,, ").hits == []


def test_select_filters_by_category_and_status(mini: KnowledgeBase) -> None:
    chosen = lookup.select(mini, ["model"], ["current"])
    assert {entry.id for entry in chosen} == {"ics", "icp-partnership"}


def test_active_at_a_date_before_every_sense(mini: KnowledgeBase) -> None:
    assert lookup.active_at(lookup.find(mini, "ICP"), dt.date(1990, 1, 1)) == ()


def phrases(knowledge: KnowledgeBase, entry: Entry) -> list[str]:
    return [
        f"{relation} {target.id} {when}".strip()
        for relation, target, when in lookup.successors(knowledge, entry)
    ]


def test_successors_date_the_handover(mini: KnowledgeBase) -> None:
    assert phrases(mini, mini.get("ccg")) == ["replaced_by icb from 2022-07-01"]
    # an end known only to the month: the change came after it
    assert phrases(mini, mini.get("aco")) == ["renamed_to icp-provider after 2018-08"]


def test_a_merger_into_an_older_body_is_dated_by_the_merger(mini: KnowledgeBase) -> None:
    older = mini.get("ics")  # began 2018-02
    merged = mini.get("acs").replace(
        status="merged", ended=PartialDate(2023, 3, 31), related=(Relation("merged_into", "ics"),)
    )
    knowledge = index.build([*mini.entries, merged], mini.events)
    assert older.introduced is not None and older.introduced.year == 2018
    assert phrases(knowledge, knowledge.get("acs")) == ["merged_into ics from 2023-04-01"]


def test_evolution_is_dated_by_the_successor_start(mini: KnowledgeBase) -> None:
    evolving = mini.get("acs").replace(related=(Relation("evolved_into", "icb"),))
    knowledge = index.build([*mini.entries, evolving], mini.events)
    assert "evolved_into icb from 2022-07-01" in phrases(knowledge, knowledge.get("acs"))


def sense(base: Entry, entry_id: str, acronym: str, status: str, *aliases: str) -> Entry:
    """A test sense made from another entry, with nothing of its names left over."""
    return base.replace(
        id=entry_id, acronym=acronym, name=entry_id, status=status, aliases=aliases, misspellings=()
    )


def test_the_sense_spelt_as_asked_comes_first_when_folding_joins_two(mini: KnowledgeBase) -> None:
    """L&D folds to the same key as LD: asked for LD (or LDs), the LD sense leads although the
    listing order alone (current first, then by id) would put L&D first."""
    base = mini.get("ccg")
    liaison = sense(base, "a-liaison", "L&D", "current")
    learning = sense(base, "z-learning", "LD", "historical")
    knowledge = index.build([*mini.entries, liaison, learning], mini.events)
    for query in ("LD", "LDs", "LD's"):
        assert [entry.id for entry in lookup.find(knowledge, query)] == ["z-learning", "a-liaison"], query
    assert [entry.id for entry in lookup.find(knowledge, "L&D")] == ["a-liaison"]


def test_a_plural_written_as_an_alias_comes_before_the_acronym_it_folds_into(mini: KnowledgeBase) -> None:
    """ "PAs" (physician associates) and "PAS" share a key: each spelling leads with its own."""
    base = mini.get("ccg")
    associate = sense(base, "z-associate", "PA", "historical", "PAs")
    system = sense(base, "a-system", "PAS", "historical")
    knowledge = index.build([*mini.entries, associate, system], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "PAs")] == ["z-associate", "a-system"]
    system = sense(base, "z-system", "PAS", "historical")
    associate = sense(base, "a-associate", "PA", "historical", "PAs")
    knowledge = index.build([*mini.entries, associate, system], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "PAS")] == ["z-system", "a-associate"]


def test_capitals_and_a_small_s_read_as_a_plural_beside_the_acronym_they_spell(mini: KnowledgeBase) -> None:
    """ "PAs" finds the PA senses first and then PAS, with no alias needed; "PAS" only PAS."""
    base = mini.get("ccg")
    associate = sense(base, "z-associate", "PA", "historical")
    system = sense(base, "a-system", "PAS", "historical")
    knowledge = index.build([*mini.entries, associate, system], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "PAs")] == ["z-associate", "a-system"]
    assert [entry.id for entry in lookup.find(knowledge, "PAS")] == ["a-system"]
    assert [entry.id for entry in lookup.find(knowledge, "pas")] == ["a-system"]
    assert lookup.find(knowledge, "PA's")[0].id == "z-associate"  # a possessive, not PAS


def test_a_plural_with_an_ampersand_keeps_its_ampersand(mini: KnowledgeBase) -> None:
    """ "C&Es" is the plural of C&E, not of CE, though their letters fold together."""
    base = mini.get("ccg")
    written = sense(base, "z-comms", "C&E", "historical")
    plain = sense(base, "a-exploitation", "CE", "historical")
    knowledge = index.build([*mini.entries, written, plain], mini.events)
    assert lookup.find(knowledge, "C&Es")[0].id == "z-comms"
    assert lookup.find(knowledge, "CEs")[0].id == "a-exploitation"


def test_a_plural_with_an_ampersand_is_not_taken_for_the_letters_it_folds_to(mini: KnowledgeBase) -> None:
    """ "Q&Xs" is Q&X's plural (as "A&Cs" is A&C's): the letters without the "&" (QXS, as
    ACS) come only when no form with it matches."""
    base = mini.get("ccg")
    written = sense(base, "z-written", "Q&X", "historical")
    folded = sense(base, "a-folded", "QXS", "historical")
    knowledge = index.build([*mini.entries, written, folded], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "Q&Xs")] == ["z-written"]
    assert [entry.id for entry in lookup.find(knowledge, "QXs")][0] == "a-folded"
    only_folded = index.build([*mini.entries, folded], mini.events)
    assert [entry.id for entry in lookup.find(only_folded, "Q&Xs")] == ["a-folded"]


def test_a_minor_sense_stays_last_even_when_spelt_as_asked(mini: KnowledgeBase) -> None:
    base = mini.get("ccg")
    rare = sense(base, "a-rare", "IRR", "current").replace(minor=True)
    usual = sense(base, "z-usual", "I&RR", "current")
    knowledge = index.build([*mini.entries, rare, usual], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "IRR")] == ["z-usual", "a-rare"]


def test_a_name_is_found_without_its_leading_article(mini: KnowledgeBase) -> None:
    """ "The Quiet Zone Inquiry" is found as "Quiet Zone Inquiry"; a single word left after "The"
    is not taken over ("Zedland"), nor a name another entry already has."""
    base = mini.get("ccg")
    inquiry = sense(base, "z-inquiry", "", "historical").replace(acronym=None, name="The Quiet Zone Inquiry")
    single = sense(base, "z-single", "", "historical").replace(acronym=None, name="The Zedland")
    report = sense(base, "z-report", "", "historical").replace(acronym=None, name="The Quiet Zone Report")
    other = sense(base, "a-other", "", "current").replace(acronym=None, name="Quiet Zone Report")
    knowledge = index.build([*mini.entries, inquiry, single, report, other], mini.events)
    assert [entry.id for entry in lookup.find(knowledge, "Quiet Zone Inquiry")] == ["z-inquiry"]
    assert lookup.find(knowledge, "Zedland") == ()
    assert [entry.id for entry in lookup.find(knowledge, "Quiet Zone Report")] == ["a-other"]
    assert [entry.id for entry in lookup.find(knowledge, "The Quiet Zone Report")] == ["z-report"]
