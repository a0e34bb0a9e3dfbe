"""Property-based tests: no input string breaks lookup or the renderers."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nhsjargon import lookup, search
from nhsjargon.keys import compact, normalise
from nhsjargon.model import KnowledgeBase
from nhsjargon.render import Terminal, render
from nhsjargon.views import Pairs, Table

ESCAPE = "\x1b"
PLAIN = Terminal(is_terminal=False, color=False, width=100)
# Text, including the awkward parts of Unicode: controls, escapes, bidi marks, surrogates excluded.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@SETTINGS
@given(query=ANY_TEXT)
def test_lookup_never_raises(shipped: KnowledgeBase, query: str) -> None:
    senses = lookup.find(shipped, query)
    assert all(sense.id in shipped.by_id for sense in senses)
    lookup.suggest(shipped, query)
    search.search(shipped, query, limit=5)


@SETTINGS
@given(text=ANY_TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)
    assert compact(text) == compact(normalise(text))


@SETTINGS
@given(entry_index=st.integers(min_value=0, max_value=10_000))
def test_every_acronym_and_name_finds_its_entry(shipped: KnowledgeBase, entry_index: int) -> None:
    entry = shipped.entries[entry_index % len(shipped.entries)]
    for text in (entry.acronym, entry.name, entry.id):
        if text:
            assert entry in lookup.find(shipped, text), (text, entry.id)


cells = st.lists(ANY_TEXT, min_size=3, max_size=3).map(tuple)


@SETTINGS
@given(rows=st.lists(cells, max_size=6), title=ANY_TEXT, note=ANY_TEXT)
def test_table_renders_safely_in_every_format(rows: list[tuple[str, ...]], title: str, note: str) -> None:
    view = Table(
        columns=("a", "b", "c"),
        rows=tuple(rows),
        data=[list(row) for row in rows],
        title=title,
        notes=(note,),
    )
    assert json.loads(render(view, "json", PLAIN)) == [list(row) for row in rows]
    parsed = list(csv.reader(io.StringIO(render(view, "csv", PLAIN))))
    assert parsed[0] == ["a", "b", "c"] and len(parsed) == len(rows) + 1
    assert all(len(row) == 3 for row in parsed)
    for fmt in ("text", "markdown", "rich"):
        output = render(view, fmt, PLAIN)
        assert ESCAPE not in output and "\x07" not in output and "\x00" not in output


@SETTINGS
@given(pairs=st.lists(st.tuples(ANY_TEXT, ANY_TEXT), max_size=5))
def test_pairs_stay_one_line_each(pairs: list[tuple[str, str]]) -> None:
    view = Pairs(items=tuple(pairs), data=[list(pair) for pair in pairs])
    lines = render(view, "text", PLAIN).split("\n")
    assert len(lines) == max(len(pairs), 1)


from nhsjargon import decode  # noqa: E402
from nhsjargon.decode.inline import expand_blocks, expansions  # noqa: E402

DOCUMENT_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
KNOWN = ["ICS", "ICB", "CCG", "ACO", "ICP", "WPB", "ACS", "ICSs", "CCG's", "A&E", "NHS"]


@SETTINGS
@given(text=DOCUMENT_TEXT)
def test_decode_never_raises_and_counts_are_positive(shipped: KnowledgeBase, text: str) -> None:
    decoded = decode.decode_text(text, shipped)
    assert all(found.count >= 1 and found.first_line >= 1 for found in decoded.terms)
    assert all(unknown.count >= 1 for unknown in decoded.unknown)


@SETTINGS
@given(
    words=st.lists(
        st.sampled_from(KNOWN + ["the", "and", "meets", "with", "board", "."]), min_size=1, max_size=25
    )
)
def test_expanding_then_decoding_round_trips(shipped: KnowledgeBase, words: list[str]) -> None:
    """decode --inline expands first uses; decoding the result finds the same acronyms, now all
    defined. (A sense may differ only where the inserted name is shared by several senses,
    as "Integrated Care Partnership" is by the statutory body and the older provider alliance.)"""
    text = " ".join(words) + "\n"
    first = decode.decode_text(text, shipped)
    expanded = "".join(expand_blocks([text], expansions(first)))
    second = decode.decode_text(expanded, shipped)
    assert {f.acronym for f in second.terms} == {f.acronym for f in first.terms}
    assert all(found.defined for found in second.terms), expanded
    before = {f.acronym: f for f in first.terms}
    for found in second.terms:
        if len(before[found.acronym].senses) == 1:
            assert found.entry == before[found.acronym].entry


def test_languages_exist_only_where_a_view_has_them() -> None:
    import pytest

    from nhsjargon.errors import UsageError

    table = Table(columns=("a",), rows=(("x",),), data=[])
    for fmt in ("dot", "mermaid", "html"):
        with pytest.raises(UsageError):
            render(table, fmt, PLAIN)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("aesxRSBCF0157 -&_'(")), max_size=40),
    st.integers(min_value=0, max_value=5),
)
def test_the_fast_small_letter_token_finder_agrees_with_its_regex(text: str, start: int) -> None:
    from nhsjargon.decode.tokens import LOWER_TOKEN, lower_tokens

    start = min(start, len(text))
    assert lower_tokens(text, start) == LOWER_TOKEN.findall(text, start)


WORDS = st.lists(st.text(st.characters(codec="ascii", categories=["L", "N", "P"]), min_size=1, max_size=15))
INDENTS = st.sampled_from(["", " ", "  ", "- ", "      "])


@settings(max_examples=300, deadline=None)
@given(words=WORDS, width=st.integers(min_value=1, max_value=40), first=INDENTS, rest=INDENTS)
def test_wrap_words_wraps_as_textwrap_does(words: list[str], width: int, first: str, rest: str) -> None:
    """The renderers' own wrapper, kept free of `re` for start-up time, agrees with textwrap on
    what it is given (one line, single spaces), whatever the indents and however narrow."""
    import textwrap

    from nhsjargon.text import wrap_words

    text = " ".join(words)
    expected = textwrap.wrap(
        text,
        width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    assert wrap_words(text, width, first, rest) == expected


@SETTINGS
@given(text=st.text(max_size=80))
def test_search_words_split_as_the_regex_does(text: str) -> None:
    """The ASCII fast path of the search index's word splitter agrees with its regex."""
    import re

    from nhsjargon.knowledge.index import alnum_runs

    folded = text.casefold()
    assert alnum_runs(folded) == re.findall(r"[0-9a-z]+", folded)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(codec="utf-8")),
    lambda children: (
        st.lists(children, max_size=4)
        | st.lists(children, max_size=4).map(tuple)
        | st.dictionaries(st.text(st.characters(codec="utf-8"), max_size=8), children, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), children, max_size=3)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(data=JSON_VALUES)
def test_json_output_is_what_the_json_module_writes(data: object) -> None:
    """The JSON writer that spares start-up the `json` import writes byte for byte what
    json.dumps(indent=2, ensure_ascii=True) writes, for any value (NaN and infinities, tuples,
    keys that are not strings)."""
    view = Pairs(items=(), data=data)
    assert render(view, "json", PLAIN) == json.dumps(data, indent=2, ensure_ascii=True)
