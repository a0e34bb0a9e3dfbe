"""The shipped knowledge base itself: schema, references, dates, coverage and lineage."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from nhsjargon import knowledge as kb
from nhsjargon import lookup
from nhsjargon.model import KnowledgeBase, Relation
from nhsjargon.schema import ATTRIBUTES, INVERSE_RELATION
from tests.conftest import Runner

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "data" / "terms.yaml"
LOCAL_OVERLAY = ROOT / "examples" / "local-overlay.yaml"

# Every acronym the five seed documents use (their words are not copied here, only this list).
SEED_ACRONYMS = [
    "NHS",
    "GP",
    "GPs",
    "STP",
    "STPs",
    "STP's",
    "CCG",
    "CCGs",
    "ACO",
    "ACOs",
    "ACS",
    "ACSs",
    "ACP",
    "ACC",
    "PACS",
    "MCP",
    "MCPs",
    "ICS",
    "ICSs",
    "ICO",
    "ICOs",
    "ICP",
    "ICPs",
    "LCO",
    "LCOs",
    "PCN",
    "WPB",
    "WBP",
    "CQUIN",
    "QOF",
    "OOH",
    "A&E",
    "111",
    "FT",
    "DES",
    "LMC",
    "LMCs",
    "RCGP",
    "HSJ",
    "LKS",
    "CQRS",
    "GPES",
    "PMA",
    "ILM",
    "VAT",
]
# Seed terms that are names rather than acronyms.
SEED_NAMES = [
    "vanguard",
    "place-based care",
    "placed-based care",
    "accountable care",
    "alliance agreement",
    "integrated care",
    "new care models",
    "multispeciality community provider",
    "Multi-specialist Community-based Provider",
    "integrated primary and acute care systems",
    "Sustainability and Transformation Programme",
    "sustainability and transformation footprint",
    "whole population budget",
    "gain/risk share",
    "Acute Care Collaboration",
    "care home",
    "walk-in centre",
    "minor injury unit",
    "community pharmacy",
    "end of life care",
    "super-practice",
    "GP federation",
    "population health management",
    "Five Year Forward View",
    "Next Steps",
    "NHS Long Term Plan",
    "integrated care provider contract",
    "Health and Social Care Committee",
    "allied health professional",
    "King's Fund",
    "NHS England",
    "NHS Improvement",
    "Department of Health and Social Care",
    "Care Quality Commission",
    "local authority",
]
# Local names from the seeds, which live in the example overlay, not the base.
SEED_LOCAL = ["JET", "TFL", "Londonwide LMCs"]  # MHCC is national history now (issue 9)


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the file is 3 MB
    document: dict[str, Any] = yaml.load(TERMS.read_text(encoding="utf-8"), Loader=fast)  # noqa: S506
    return document


def test_validates_strictly(shipped: KnowledgeBase) -> None:
    from nhsjargon.knowledge.report import validate_files

    report = validate_files([], strict=True)
    assert report.problems == ()


def test_pending_batches_stay_mergeable(raw: dict[str, Any]) -> None:
    """data/pending/ holds batches waiting for a second reader: valid by the base's strict rules,
    and none reuses an id of the base, which an overlay would silently replace."""
    from nhsjargon.knowledge.report import validate_files

    files = sorted((ROOT / "data" / "pending").glob("*.yaml"))
    if not files:
        pytest.skip("no batch is waiting")
    assert validate_files(files, strict=True).problems == ()
    seen = {term["id"] for term in raw["terms"]}
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in files:
        ids = {term["id"] for term in yaml.load(path.read_text(encoding="utf-8"), Loader=fast)["terms"]}  # noqa: S506
        assert not ids & seen, (path.name, sorted(ids & seen))  # nor an id of another batch
        seen |= ids


def test_no_duplicate_ids_in_the_file(raw: dict[str, Any]) -> None:
    ids = [term["id"] for term in raw["terms"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_size_and_coverage(shipped: KnowledgeBase) -> None:
    assert len(shipped) >= 400
    assert {entry.category for entry in shipped.entries} >= {
        "body",
        "model",
        "contract",
        "finance",
        "policy",
        "legislation",
        "planning",
        "association",
        "service",
        "role",
        "programme",
        "digital",
        "concept",
        "geography",
    }
    assert "local" not in {entry.category for entry in shipped.entries}


def test_every_relationship_resolves_and_has_its_inverse(shipped: KnowledgeBase) -> None:
    for entry in shipped.entries:
        for link in entry.related:
            target = shipped.by_id[link.id]
            assert Relation(INVERSE_RELATION[link.relation], entry.id) in target.related, (entry.id, link)


def test_every_entry_is_sourced_and_defined(shipped: KnowledgeBase) -> None:
    for entry in shipped.entries:
        assert entry.sources, entry.id
        assert all(
            source.url.startswith("https://") or source.url.startswith("http://") for source in entry.sources
        ), entry.id
        sentences = len(re.findall(r"[.!?](?:\s|$)", entry.definition))
        assert 1 <= sentences <= 8, (entry.id, sentences)


def test_dates_in_order_and_not_in_the_future(shipped: KnowledgeBase) -> None:
    today = dt.date.today()
    for entry in shipped.entries:
        if entry.introduced and entry.ended:
            assert entry.introduced.first_day <= entry.ended.last_day, entry.id
        if entry.status != "proposed" and entry.introduced:
            assert entry.introduced.first_day <= today, entry.id
        if entry.status in ("abolished", "renamed", "merged"):
            assert entry.ended is not None, entry.id
        if entry.status == "current":
            assert entry.ended is None or entry.ended.last_day >= today, entry.id


MODEL_IDS = [
    "mcp",
    "pacs-care-model",
    "aco",
    "acs",
    "ics",
    "icb",
    "icp-partnership",
    "icp-provider",
    "lco",
    "ico",
    "stp-plan",
    "stp-partnership",
    "pcn",
    "ccg",
    "vanguard",
    "provider-collaborative",
]


@pytest.mark.parametrize("entry_id", MODEL_IDS)
def test_models_carry_every_comparison_attribute(shipped: KnowledgeBase, entry_id: str) -> None:
    assert {key for key, _ in shipped.get(entry_id).attributes} == set(ATTRIBUTES)


def test_every_model_category_entry_is_comparable(shipped: KnowledgeBase) -> None:
    assert [e.id for e in shipped.entries if e.category == "model" and len(e.attributes) < 6] == []


@pytest.mark.parametrize("term", SEED_ACRONYMS + SEED_NAMES)
def test_seed_terms_resolve(shipped: KnowledgeBase, term: str) -> None:
    assert lookup.find(shipped, term), term


def test_seed_local_names_resolve_through_the_example_overlay(monkeypatch: pytest.MonkeyPatch) -> None:
    knowledge = kb.load([LOCAL_OVERLAY])  # through the cache: building the full base takes seconds
    for term in SEED_LOCAL:
        assert lookup.find(knowledge, term), term


@pytest.mark.parametrize(
    ("acronym", "senses"),
    [
        ("ICP", {"icp-partnership", "icp-alliance", "icp-provider"}),
        ("PACS", {"pacs-care-model", "pacs-imaging"}),
        ("STP", {"stp-plan", "stp-partnership"}),
        ("ACS", {"acs", "acute-care-system"}),
        ("ACP", {"acp-partnership", "acp-practitioner", "acp-care-plan"}),
        ("ICO", {"ico", "ico-commissioner"}),
    ],
)
def test_ambiguous_acronyms_have_one_entry_per_sense(
    shipped: KnowledgeBase, acronym: str, senses: set[str]
) -> None:
    assert {entry.id for entry in lookup.find(shipped, acronym)} >= senses


@pytest.mark.parametrize(
    ("before", "relation", "after"),
    [
        ("stp-plan", "evolved_into", "stp-partnership"),
        ("stp-partnership", "evolved_into", "ics"),
        ("acs", "renamed_to", "ics"),
        ("ccg", "replaced_by", "icb"),
        ("nhsi", "merged_into", "nhse"),
        ("nhs-digital", "merged_into", "nhse"),
        ("hee", "merged_into", "nhse"),
        ("phe", "replaced_by", "ukhsa"),
        ("hscic", "renamed_to", "nhs-digital"),
        ("nhsla", "renamed_to", "nhs-resolution"),
    ],
)
def test_lineage(shipped: KnowledgeBase, before: str, relation: str, after: str) -> None:
    assert Relation(relation, after) in shipped.get(before).related


@pytest.mark.parametrize(
    ("entry_id", "introduced", "ended"),
    [
        ("ccg", "2013-04-01", "2022-06-30"),
        ("icb", "2022-07-01", None),
        ("icp-partnership", "2022-07-01", None),
        ("pct", "2000-04-01", "2013-03-31"),
        ("ukhsa", "2021-04-01", None),
    ],
)
def test_key_dates(shipped: KnowledgeBase, entry_id: str, introduced: str | None, ended: str | None) -> None:
    entry = shipped.get(entry_id)
    assert (str(entry.introduced) if entry.introduced else None) == introduced
    assert (str(entry.ended) if entry.ended else None) == ended


def test_events_span_2012_to_today_with_sources(shipped: KnowledgeBase) -> None:
    recent = [event for event in shipped.events if event.date.year >= 2012]
    assert len(recent) >= 60
    years = {event.date.year for event in recent}
    assert min(years) == 2012 and max(years) >= 2025
    assert all(event.source.url.startswith("http") for event in shipped.events)


def test_no_event_is_recorded_twice(shipped: KnowledgeBase) -> None:
    """Batches researched apart once recorded one happening twice ("IAPT renamed NHS Talking
    Therapies", twice): the same date, a term in common and mostly the same words is one event."""

    def words(title: str) -> set[str]:
        return {word for word in re.findall(r"[a-z0-9]+", title.lower()) if len(word) > 3}

    by_date: dict[str, list[tuple[set[str], set[str], str]]] = {}
    for event in shipped.events:
        by_date.setdefault(str(event.date), []).append((words(event.title), set(event.terms), event.title))
    twice = [
        (date, first[2], second[2])
        for date, same_day in by_date.items()
        for n, first in enumerate(same_day)
        for second in same_day[n + 1 :]
        if first[1] & second[1] and len(first[0] & second[0]) >= 0.4 * min(len(first[0]), len(second[0]))
    ]
    assert twice == []


# An alias that is another entry's name, accepted: "NHS bank" is what staff banks are called,
# and also the name of a body of the early 2000s.
ALIASES_SHARED_WITH_A_NAME = {("bank-staff", "nhs-bank")}


def test_no_alias_is_the_name_of_another_entry(shipped: KnowledgeBase) -> None:
    """Found by review, many times: an alias that names another entry ("Model Hospital" on the
    Model Health System, "adult social care" on social care) makes a lookup of that name answer
    with both; it is a duplicate entry or an alias that belongs to the other one."""
    from nhsjargon.keys import compact

    names: dict[str, list[str]] = {}
    for entry in shipped.entries:
        names.setdefault(compact(entry.name), []).append(entry.id)
    shared = {
        (entry.id, other)
        for entry in shipped.entries
        for alias in entry.aliases
        for other in names.get(compact(alias), [])
        if other != entry.id
    }
    assert shared - ALIASES_SHARED_WITH_A_NAME == set()
    assert ALIASES_SHARED_WITH_A_NAME <= shared  # an exception no longer needed goes


def test_no_alias_is_a_plural_of_its_own_entry(shipped: KnowledgeBase) -> None:
    """Lookups fold plurals, so a plural alias adds nothing, and it did harm: "NAs" on nursing
    associate and "ACs" on approved clinician made them senses of NAS and ACS."""
    from nhsjargon.keys import normalise

    plurals = []
    for entry in shipped.entries:
        forms = [entry.name, entry.acronym or "", *entry.aliases]
        for alias in entry.aliases:
            own = {normalise(form) for form in forms if form != alias}
            for ending in ("s", "'s", "\u2019s", "es"):
                if alias.endswith(ending) and normalise(alias[: -len(ending)]) in own:
                    plurals.append((entry.id, alias))
    assert plurals == []


@pytest.mark.parametrize(
    ("term", "day", "then"),
    [
        ("ICS", "2017-06", "ACS (Accountable Care System)"),  # its former name, not an undated sense
        ("NHS England", "2012", "NHS CB (NHS Commissioning Board)"),  # not Monitor, absorbed in 2022
        ("ICB", "2020", "CCG (Clinical Commissioning Group)"),
    ],
)
def test_explain_as_of_before_a_term_began_shows_what_stood_in_its_place(
    run: Runner, term: str, day: str, then: str
) -> None:
    first = run("explain", term, "--as-of", day).out.splitlines()[0]
    assert first.endswith(f"; in its place then: {then}")


def test_a_place_named_by_national_programmes_points_to_its_entries(run: Runner) -> None:
    """`explain Dudley`: a place, not a term, but the national Dudley contract entries are named."""
    result = run("explain", "Dudley")
    assert result.code == 1
    assert "Dudley MCP contract" in result.err and "DIHC" in result.err
    assert "Dudley MCP contract" in run("search", "Dudley").out


def test_no_local_names_in_the_base(shipped: KnowledgeBase) -> None:
    for term in SEED_LOCAL:
        assert not lookup.find(shipped, term), term


@pytest.mark.parametrize(
    "tool",
    [
        "kb_format.py",  # canonical layout, each link once, header and JSON schema current
        "english_words.py",  # decode's ordinary words, which drift when definitions change
    ],
)
def test_the_files_written_from_the_base_are_in_step(tool: str) -> None:
    """Each tool's --check: the file and what is written from it agree."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / tool), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_one_schema_drives_every_view_of_an_entry(shipped: KnowledgeBase) -> None:
    """schema.ENTRY_FIELDS is the schema: the JSON view, the JSON schema for editors, the JSON
    shape's type and the stored form all have exactly its fields."""
    import json
    import typing

    from nhsjargon.knowledge import plain
    from nhsjargon.knowledge.jsonschema import schema
    from nhsjargon.schema import FIELD_NAMES
    from nhsjargon.views.shapes import EntryData
    from nhsjargon.views.terms import entry_data

    entry = shipped.get("ics")
    assert tuple(entry_data(entry)) == FIELD_NAMES
    assert tuple(typing.get_type_hints(EntryData)) == FIELD_NAMES
    editor = json.loads((ROOT / "data" / "terms.schema.json").read_text(encoding="utf-8"))
    assert editor == schema()
    assert tuple(editor["properties"]["terms"]["items"]["properties"]) == FIELD_NAMES
    assert plain.entry_from_plain(plain.entry_plain(entry)) == entry


def test_the_readme_states_the_base_as_it_is(raw: dict[str, Any]) -> None:
    """README's headline figures (entries, distinct acronyms, events and their years, citations)
    are the file's: a batch that lands without them going stale fails here."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    terms, events = raw["terms"], raw["events"]
    urls = [source["url"] for term in terms for source in term["sources"]]
    urls += [event["source"]["url"] for event in events]
    years = sorted(str(event["date"])[:4] for event in events)
    acronyms = {term["acronym"] for term in terms if term.get("acronym")}
    headline = (
        f"{len(terms):,} sourced entries for {len(acronyms):,} distinct acronyms, and {len(events):,} "
        f"dated events from {years[0]} to {years[-1]}"
    )
    assert headline in readme
    assert f"({len(urls):,} citations of {len(set(urls)):,} addresses)" in readme


def _address(url: str) -> str:
    """An address without its scheme, `www.` or trailing slash, as held-out listings and citations
    write the same page in different ways."""
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip()).rstrip("/").lower()


def test_no_entry_cites_a_held_out_source(raw: dict[str, Any]) -> None:
    """Coverage is measured on sources nobody wrote from: citing one would make the figure a lie."""
    listings = [
        ROOT / "benchmarks" / "coverage" / "heldout_sources.tsv",
        ROOT / "benchmarks" / "decode" / "texts.tsv",
    ]
    held_out = {
        _address(cell)
        for listing in listings
        for line in listing.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for cell in line.split("\t")
        if cell.startswith("http")
    }
    assert len(held_out) > 80  # both collections are listed
    cited = {_address(source["url"]) for term in raw["terms"] for source in term["sources"]}
    cited |= {_address(event["source"]["url"]) for event in raw["events"]}
    assert not held_out & cited
