"""Loading and validating knowledge-base files: every problem named by file, entry and field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from nhsjargon import knowledge as kb
from nhsjargon import lookup
from nhsjargon.dates import PartialDate
from nhsjargon.errors import DataError
from nhsjargon.knowledge import cache
from nhsjargon.knowledge.integrity import check_pairs, check_strict
from nhsjargon.knowledge.store import StoredEntries
from nhsjargon.knowledge.validation import read_document
from nhsjargon.knowledge.yamlio import read_yaml
from nhsjargon.model import KnowledgeBase
from tests.conftest import Runner

MINIMAL_OVERLAY = """\
terms:
  - id: abc-test
    acronym: ABC
    name: Alpha Beta Care
    definition: A test entry.
    status: current
    sources: [{title: test, url: 'https://example.org'}]
"""


def write(tmp_path: Path, text: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_smallest_overlay_is_accepted_with_defaults(tmp_path: Path, mini_base: Path) -> None:
    knowledge = kb.load([write(tmp_path, MINIMAL_OVERLAY)], use_cache=False)
    entry = knowledge.get("abc-test")
    assert (entry.category, entry.status, entry.aliases, entry.related) == ("local", "current", (), ())
    assert len(knowledge) == 9


def test_overlay_may_redefine_a_builtin_id(tmp_path: Path, mini_base: Path) -> None:
    text = MINIMAL_OVERLAY.replace("abc-test", "ccg")
    knowledge = kb.load([write(tmp_path, text)], use_cache=False)
    assert knowledge.get("ccg").name == "Alpha Beta Care"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (MINIMAL_OVERLAY.replace("status: current", "status: alive"), "field 'status': 'alive'"),
        (MINIMAL_OVERLAY + "    colour: red\n", "unknown field 'colour'"),
        (MINIMAL_OVERLAY.replace("id: abc-test", "id: ABC Test"), "lowercase slug"),
        (MINIMAL_OVERLAY + "    introduced: 2019-13\n", "month out of range"),
        (MINIMAL_OVERLAY + "    introduced: 2019-02-30\n", "day out of range"),
        (MINIMAL_OVERLAY + "    introduced: next year\n", "expected YYYY"),
        (MINIMAL_OVERLAY + "    introduced: 2020\n    ended: 2019\n", "is before 'introduced'"),
        (MINIMAL_OVERLAY + "    aliases: {a: b}\n", "'aliases' must be a list"),
        (MINIMAL_OVERLAY + "    minor: yes please\n", "field 'minor' must be true or false"),
        (MINIMAL_OVERLAY + "    related: [{relation: loves, id: ccg}]\n", "unknown relation 'loves'"),
        (MINIMAL_OVERLAY + "    attributes: {colour: red}\n", "unknown attribute 'colour'"),
        (MINIMAL_OVERLAY.replace("https://example.org", "ftp://example.org"), "must start with https://"),
        (MINIMAL_OVERLAY.replace("    name: Alpha Beta Care\n", ""), "field 'name' is required"),
        (MINIMAL_OVERLAY + MINIMAL_OVERLAY[7:], "duplicate id"),
        ("- just\n- a list\n", "expected a mapping"),
        ("terms: {a: 1}\n", "must be a list"),
        ("terms:\n  - 42\n", "must be a mapping"),
        ("schema: 2\nterms: []\n", "unsupported schema version"),
    ],
)
def test_invalid_files_name_file_entry_and_field(
    tmp_path: Path, mini_base: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError) as info:
        kb.load([path], use_cache=False)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_reference_to_nowhere_is_an_error(tmp_path: Path, mini_base: Path) -> None:
    text = MINIMAL_OVERLAY + "    related: [{relation: see_also, id: no-such-thing}]\n"
    with pytest.raises(DataError, match="'no-such-thing' names no entry"):
        kb.load([write(tmp_path, text)], use_cache=False)


def test_overlay_may_point_at_builtin_entries(tmp_path: Path, mini_base: Path) -> None:
    text = MINIMAL_OVERLAY + "    related: [{relation: part_of, id: ics}]\n"
    knowledge = kb.load([write(tmp_path, text)], use_cache=False)
    assert knowledge.get("abc-test").related[0].id == "ics"


def test_malformed_yaml_gives_line_and_column(tmp_path: Path, mini_base: Path) -> None:
    path = write(tmp_path, "terms:\n  - id: x\n    name: [unclosed\n")
    with pytest.raises(DataError, match=r"overlay\.yaml:\d+: malformed YAML \(column \d+\)"):
        kb.load([path], use_cache=False)


def test_python_tags_are_refused_and_never_run(tmp_path: Path, mini_base: Path) -> None:
    marker = tmp_path / "pwned"
    path = write(tmp_path, f"terms: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(DataError):
        kb.load([path], use_cache=False)
    assert not marker.exists()


def test_anchors_and_aliases_are_refused(tmp_path: Path, mini_base: Path) -> None:
    path = write(tmp_path, 'a: &a ["x", "x"]\nb: [*a, *a]\n')
    with pytest.raises(DataError, match="aliases are not allowed"):
        kb.load([path], use_cache=False)


def test_missing_and_non_utf8_files(tmp_path: Path, mini_base: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        kb.load([tmp_path / "absent.yaml"], use_cache=False)
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"terms: []\n# caf\xe9\n")
    with pytest.raises(DataError, match="not UTF-8"):
        kb.load([bad], use_cache=False)
    with pytest.raises(DataError, match="is a directory"):
        kb.load([tmp_path], use_cache=False)


def test_env_overlays_come_before_cli_overlays(tmp_path: Path) -> None:
    env = {kb.DATA_ENV: f"{tmp_path / 'a.yaml'}{__import__('os').pathsep}{tmp_path / 'b.yaml'}"}
    paths = kb.overlay_paths([tmp_path / "c.yaml"], env)
    assert [Path(p).name for p in paths] == ["a.yaml", "b.yaml", "c.yaml"]


def test_cache_is_used_and_invalidated_by_changes(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
    overlay = write(tmp_path, MINIMAL_OVERLAY)
    first = kb.load([overlay])
    assert list((tmp_path / "cache").glob("kb-*.cache"))
    assert kb.load([overlay]) == first
    overlay.write_text(MINIMAL_OVERLAY.replace("Alpha Beta Care", "Alpha Beta Cure"), encoding="utf-8")
    assert kb.load([overlay]).get("abc-test").name == "Alpha Beta Cure"


def test_the_cache_key_follows_the_code_that_builds_the_index(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout that edits the indexing code gets a new key, without a version bump."""
    assert all(Path(path).is_file() for path in cache._BUILDERS)  # a module renamed is caught
    builder = write(tmp_path, "# index code\n", "index.py")
    monkeypatch.setattr(cache, "_BUILDERS", (str(builder),))
    before = cache.key_for([mini_base])
    assert before is not None and before == cache.key_for([mini_base])
    builder.write_text("# index code, edited\n", encoding="utf-8")
    assert cache.key_for([mini_base]) not in (None, before)


def test_unwritable_cache_folder_is_not_fatal(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv(kb.CACHE_ENV, str(blocker / "cache"))
    assert len(kb.load()) == 8


def test_corrupt_cache_is_ignored(tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
    kb.load()
    for cached in (tmp_path / "cache").glob("kb-*.cache"):
        cached.write_bytes(b"not a cache")
    assert len(kb.load()) == 8


def damage(cache: Path, how: str) -> None:
    data = cache.read_bytes()
    if how == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    else:  # one byte changed deep in the entries: "Accountable" would become "Xccountable"
        position = data.index(b"Accountable Care Organisation")
        cache.write_bytes(data[:position] + b"X" + data[position + 1 :])


@pytest.mark.parametrize("how", ["truncated", "one byte changed"])
def test_damaged_cache_is_detected_and_rewritten(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
    kb.load()
    (cache,) = (tmp_path / "cache").glob("kb-*.cache")
    damage(cache, how)
    knowledge = kb.load()
    if how == "truncated":  # the header's sizes no longer fit: refused at once, parsed again
        assert not isinstance(knowledge.by_id, StoredEntries)
    # damage inside one entry is found when that entry is read: the answer comes from the files
    assert knowledge.get("aco").name == "Accountable Care Organisation"
    assert not cache.exists() or how == "truncated"  # and the damaged cache is gone
    kb.load()  # rewritten by the next run
    again = kb.load()
    assert isinstance(again.by_id, StoredEntries) and again.get("aco").name == "Accountable Care Organisation"


def test_second_load_reads_the_cache(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
    first = kb.load()
    second = kb.load()
    assert not isinstance(first.by_id, StoredEntries)
    assert isinstance(second.by_id, StoredEntries) and second == first


def test_pruning_leaves_other_files_alone(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "kb-notes.txt").write_text("mine")
    (folder / "kb-folder").mkdir()
    monkeypatch.setenv(kb.CACHE_ENV, str(folder))
    for i in range(cache.KEEP + 2):
        kb.load([write(tmp_path, MINIMAL_OVERLAY.replace("abc-test", f"abc-p{i}"), f"p{i}.yaml")])
    assert (folder / "kb-notes.txt").read_text() == "mine" and (folder / "kb-folder").is_dir()
    assert len(list(folder.glob("kb-*.cache"))) == cache.KEEP


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2022", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (dt.date(2022, 7, 1), dt.date(2022, 7, 1), dt.date(2022, 7, 1)),
        (2013, dt.date(2013, 1, 1), dt.date(2013, 12, 31)),
    ],
)
def test_partial_dates(value: object, first: dt.date, last: dt.date) -> None:
    date = PartialDate.parse(value)
    assert (date.first_day, date.last_day) == (first, last)
    assert PartialDate.parse(str(date)) == date


@pytest.mark.parametrize("value", ["2022-7-1", "22", True, 3.5, "2022-00", dt.datetime(2022, 1, 1)])
def test_partial_date_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(value)


def test_strict_rules_catch_missing_inverse_and_double_relations(tmp_path: Path) -> None:
    text = (
        MINIMAL_OVERLAY
        + "    related: [{relation: part_of, id: abc-other}, {relation: see_also, id: abc-other}]\n"
        + "  - {id: abc-other, name: Other, definition: x, category: concept,\n"
        + "     sources: [{title: t, url: 'https://example.org'}]}\n"
    )
    entries, _, problems = read_document(read_yaml(write(tmp_path, text)), "f.yaml")
    assert problems == []
    assert any("several relations to 'abc-other'" in p for p in check_pairs(entries))
    assert any("needs a category" in p for p in check_strict(entries))


def test_a_link_written_on_both_sides_is_one_too_many(tmp_path: Path) -> None:
    text = (
        MINIMAL_OVERLAY
        + "    related: [{relation: part_of, id: abc-other}]\n"
        + "  - {id: abc-other, name: Other, definition: x, related: [{relation: has_part, id: abc-test}]}\n"
    )
    entries, _, _ = read_document(read_yaml(write(tmp_path, text)), "f.yaml")
    (problem,) = check_pairs(entries)
    assert "has_part -> 'abc-test' is written again on 'abc-test' as its inverse (line 2)" in problem
    assert problem.startswith("f.yaml:")


def test_the_inverse_of_a_link_is_derived(tmp_path: Path, mini_base: Path) -> None:
    text = MINIMAL_OVERLAY + "    related: [{relation: replaced_by, id: icb}]\n"
    knowledge = kb.load([write(tmp_path, text)], use_cache=False)
    inverse = [link for link in knowledge.get("icb").related if link.id == "abc-test"]
    assert [(link.relation, link.derived) for link in inverse] == [("replaces", True)]


def test_cache_keeps_several_overlay_combinations(
    tmp_path: Path, mini_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path / "cache"))
    overlays = [
        write(tmp_path, MINIMAL_OVERLAY.replace("abc-test", f"abc-{i}"), f"o{i}.yaml") for i in range(3)
    ]
    for overlay in overlays:
        kb.load([overlay])
    assert len(list((tmp_path / "cache").glob("kb-*.cache"))) == 3
    for i in range(cache.KEEP + 2):
        kb.load([write(tmp_path, MINIMAL_OVERLAY.replace("abc-test", f"abc-x{i}"), f"x{i}.yaml")])
    assert len(list((tmp_path / "cache").glob("kb-*.cache"))) == cache.KEEP


def test_a_minor_sense_comes_after_the_others_even_when_current(
    tmp_path: Path, mini_base: Path, run: Runner
) -> None:
    """The charity that shares CCG's letters does not push the commissioning group aside."""
    overlay = write(
        tmp_path,
        "terms:\n  - {id: ccg-charity, acronym: CCG, name: Cancer Campaigning Group, status: current,"
        " minor: true, definition: A charity.}\n",
    )
    senses = lookup.resolve(kb.load([overlay], use_cache=False), "CCG")
    assert [sense.id for sense in senses] == ["ccg", "ccg-charity"]
    assert run("expand", "CCG", "--data", str(overlay)).out == (
        "CCG: Clinical Commissioning Group; Cancer Campaigning Group\n"
    )
    document = tmp_path / "paper.md"
    document.write_text("The CCG met in 2019.\n", encoding="utf-8")
    decoded = json.loads(run("decode", "--format", "json", "--data", str(overlay), str(document)).out)
    assert decoded["terms"][0]["id"] == "ccg" and decoded["terms"][0]["choice"] is None


@pytest.mark.parametrize("part", ["entry", "index shard", "events", "search index"])
def test_damage_in_any_stored_part_gives_the_files_answer(mini_base: Path, part: str) -> None:
    """Each part has its own checksum, checked when it is first used: a flipped byte anywhere
    is found there, and the answer comes from the files, never from the damaged bytes."""
    import marshal

    from nhsjargon.knowledge import store

    built = kb.build()
    data = bytearray(store.pack("key", built))
    size = int.from_bytes(data[12:20], "little")
    _, places, shards, (events, _), search, _ = marshal.loads(bytes(data[20 : 20 + size]))
    place = {
        "entry": places["aco"],
        "index shard": shards["a"],
        "events": events,
        "search index": search,
    }[part]
    data[20 + size + place[0] + place[1] // 2] ^= 0xFF
    rebuilt: list[bool] = []

    def rebuild() -> KnowledgeBase:
        rebuilt.append(True)
        return kb.build()

    stored = store.unpack(bytes(data), "key", on_damage=rebuild)
    assert stored.get("aco") == built.get("aco")
    assert stored.index.get("aco") == built.index["aco"]
    assert tuple(stored.events) == tuple(built.events)
    assert dict(stored.words or {}) == dict(built.words or {})
    assert rebuilt == [True]  # rebuilt once, whatever was damaged
