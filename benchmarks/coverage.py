"""Benchmark: how much of the jargon in held-out sources the knowledge base resolves, correctly.

    python benchmarks/coverage.py [--data FILE ...] [--misses] [--discount ADDRESS_PART ...]

Two measures, both on sources split off before any entry was written (never used to write one):
- glossaries: the national acronyms listed in held-out NHS glossaries (coverage/heldout_glossaries.tsv,
  where each comes from and when it was collected: coverage/heldout_sources.tsv);
- texts: the acronyms a reader meets in held-out NHS texts (decode/annotations.tsv, kind `acronym`;
  the texts: decode/texts.tsv).
An acronym counts as covered when `nhsjargon expand` gives a sense whose name or alias matches the
meaning the source gives (benchmarks/meaning.py). Each collection of sources is reported on its own
and together. The clean figure counts as missed every row listed in coverage/seen_misses.tsv (misses
someone has seen, which an entry added since would resolve only because it was seen). Goals, on the
clean figure of all collections: 90% of glossary acronyms, 97% of text ones.
Runs the installed command (so it measures what users get); standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from meaning import matches

HERE = Path(__file__).resolve().parent
GLOSSARIES = HERE / "coverage" / "heldout_glossaries.tsv"
ANNOTATIONS = HERE / "decode" / "annotations.tsv"
TEXTS = HERE / "decode" / "texts.tsv"
SOURCES = HERE / "coverage" / "heldout_sources.tsv"
SEEN = HERE / "coverage" / "seen_misses.tsv"


def rows(path: Path) -> Iterator[dict[str, str]]:
    lines = (line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    yield from csv.DictReader(lines, delimiter="\t")


def nhsjargon() -> str:
    found = shutil.which("nhsjargon", path=str(Path(sys.executable).parent)) or shutil.which("nhsjargon")
    if not found:
        sys.exit("install nhsjargon first (pip install .)")
    return found


def senses_of(acronyms: set[str], data: list[str], discount: list[str]) -> dict[str, list[list[str]]]:
    """Each acronym's senses as [name, alias, ...] lists, from one `expand` and one `list` run;
    a sense whose every source's address holds one of `discount` is left out."""
    options = [arg for path in data for arg in ("--data", path)]
    listing = subprocess.run(
        [nhsjargon(), "list", "--format", "json", *options], capture_output=True, text=True
    )
    if listing.returncode != 0:
        sys.exit(listing.stderr.strip())
    entries = json.loads(listing.stdout)
    names = {entry["id"]: [entry["name"], *entry.get("aliases", [])] for entry in entries}
    discounted = {
        entry["id"]
        for entry in entries
        if discount
        and entry.get("sources")
        and all(any(part in source["url"] for part in discount) for source in entry["sources"])
    }
    expanded = subprocess.run(
        [nhsjargon(), "expand", "--format", "json", *options, "--", *sorted(acronyms)],
        capture_output=True,
        text=True,
    )
    if expanded.returncode not in (0, 1):
        sys.exit(expanded.stderr.strip())
    found = json.loads(expanded.stdout or "[]")
    return {
        item["term"]: [names[sense["id"]] for sense in item["senses"] if sense["id"] not in discounted]
        for item in found
    }


Row = tuple[str, str, str, str]  # (source, acronym, meaning, when the source was collected)


def measure(
    label: str,
    wanted: list[Row],
    senses: dict[str, list[list[str]]],
    seen: set[tuple[str, str]],
    misses: bool,
) -> tuple[int, int]:
    """Print, for each collection of sources and for all, the share of rows resolved to a matching
    sense, and the clean share (rows whose outcome was seen before their entry was written count as
    missed); return the clean count and the total."""
    missed: list[str] = []
    right: dict[str, list[int]] = {}  # collected -> [resolved, clean, rows]
    for source, acronym, meaning, collected in wanted:
        tally = right.setdefault(collected, [0, 0, 0])
        tally[2] += 1
        if any(matches(meaning, names) for names in senses.get(acronym, [])):
            tally[0] += 1
            tally[1] += (source, acronym) not in seen
        else:
            given = "; ".join(names[0] for names in senses.get(acronym, [])) or "unknown"
            missed.append(f"  {source}\t{acronym}\twanted: {meaning}\tgot: {given}")
    for collected, (resolved, clean, total) in sorted(right.items()):
        sources = len({source for source, _, _, when in wanted if when == collected})
        print(f"{label}, collected {collected} ({sources}): {share(resolved, clean, total)}")
    resolved, clean, total = (sum(tally[i] for tally in right.values()) for i in range(3))
    print(f"{label}, all: {share(resolved, clean, total)}")
    if misses and missed:
        print("\n".join(missed))
    return clean, total


def share(resolved: int, clean: int, total: int) -> str:
    """ "126 of 167 resolve (75.4%); clean 123 (73.7%)"."""
    return f"{resolved} of {total} resolve ({resolved / total:.1%}); clean {clean} ({clean / total:.1%})"


def collected_on(path: Path, key: str) -> dict[str, str]:
    """When each held-out source was collected, from its listing's `collected` column."""
    return {row[key]: row["collected"] for row in rows(path)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[], help="an overlay file to add (repeatable)")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list each acronym not resolved (a miss you see is no longer held out: record it in "
        "coverage/seen_misses.tsv before you write its entry)",
    )
    parser.add_argument(
        "--discount",
        action="append",
        default=[],
        metavar="ADDRESS_PART",
        help="leave out senses sourced only from addresses holding this (a source that shares "
        "ancestry with a held-out one, such as ppif.org.uk); repeatable",
    )
    args = parser.parse_args()
    glossary_dates = collected_on(SOURCES, "source")
    glossary = [
        (row["source"], row["acronym"], row["meaning"], glossary_dates[row["source"]])
        for row in rows(GLOSSARIES)
        if row["scope"] == "national"
    ]
    text_dates = {file[:3]: when for file, when in collected_on(TEXTS, "file").items()}
    texts = [
        (row["file"][:3], row["token"], row["meaning"], text_dates[row["file"][:3]])
        for row in rows(ANNOTATIONS)
        if row["kind"] == "acronym"
    ]
    seen = {(row["source"], row["acronym"]) for row in rows(SEEN)}
    senses = senses_of({row[1] for row in glossary + texts}, args.data, args.discount)
    ok = True
    for label, wanted, goal in (("held-out glossaries", glossary, 0.90), ("held-out texts", texts, 0.97)):
        clean, total = measure(label, wanted, senses, seen, args.misses)
        print(f"  goal {goal:.0%} (clean, all): {'met' if clean / total >= goal else 'not met'}")
        ok &= clean / total >= goal
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    try:
        try:
            main()
        finally:
            sys.stdout.flush()  # so that a closed pipe shows here, not as a warning at exit
    except BrokenPipeError:  # `coverage.py | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush into
        sys.exit(0)
