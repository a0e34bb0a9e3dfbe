"""Benchmark: how much of the jargon in held-out sources the knowledge base resolves, correctly.

    python benchmarks/coverage.py [--data FILE ...] [--misses] [--discount ADDRESS_PART ...]

Two measures, both on sources split off before any entry was written (never used to write one):
- glossaries: the national acronyms listed in held-out NHS glossaries (coverage/heldout_glossaries.tsv);
- texts: the acronyms a reader meets in held-out NHS texts (decode/annotations.tsv, kind `acronym`).
An acronym counts as covered when `nhsjargon expand` gives a sense whose name or alias matches the
meaning the source gives (benchmarks/meaning.py). Goals: 90% of glossary acronyms, 97% of text ones.
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


def measure(
    label: str,
    wanted: list[tuple[str, str, str]],
    data: list[str],
    goal: float,
    misses: bool,
    discount: list[str],
) -> bool:
    """Print the share of (source, acronym, meaning) rows resolved to a matching sense."""
    senses = senses_of({acronym for _, acronym, _ in wanted}, data, discount)
    missed = []
    for source, acronym, meaning in wanted:
        if not any(matches(meaning, names) for names in senses.get(acronym, [])):
            given = "; ".join(names[0] for names in senses.get(acronym, [])) or "unknown"
            missed.append(f"  {source}\t{acronym}\twanted: {meaning}\tgot: {given}")
    share = 1 - len(missed) / len(wanted)
    right = len(wanted) - len(missed)
    print(f"{label}: {right} of {len(wanted)} resolve to the right meaning ({share:.1%}; goal {goal:.0%})")
    if misses and missed:
        print("\n".join(missed))
    return share >= goal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=[], help="an overlay file to add (repeatable)")
    parser.add_argument("--misses", action="store_true", help="list each acronym not resolved")
    parser.add_argument(
        "--discount",
        action="append",
        default=[],
        metavar="ADDRESS_PART",
        help="leave out senses sourced only from addresses holding this (a source that shares "
        "ancestry with a held-out one, such as ppif.org.uk); repeatable",
    )
    args = parser.parse_args()
    glossary = [
        (row["source"], row["acronym"], row["meaning"])
        for row in rows(GLOSSARIES)
        if row["scope"] == "national"
    ]
    texts = [
        (row["file"][:3], row["token"], row["meaning"])
        for row in rows(ANNOTATIONS)
        if row["kind"] == "acronym"
    ]
    sources = len({source for source, _, _ in glossary})
    ok = measure(f"held-out glossaries ({sources})", glossary, args.data, 0.90, args.misses, args.discount)
    ok &= measure(
        f"held-out texts ({len({s for s, _, _ in texts})})",
        texts,
        args.data,
        0.97,
        args.misses,
        args.discount,
    )
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
