"""Benchmark: decode and check on real NHS texts, scored against hand annotations.

    python benchmarks/decode_eval.py TEXTS_DIR [--collected DATE] [--data FILE ...] [--show]

TEXTS_DIR holds your copies of the held-out texts listed in decode/texts.tsv (the repository keeps
only their addresses and the annotations, decode/annotations.tsv). Each text is run through the
installed command (`nhsjargon decode --format json` and `nhsjargon check --format json`) and
every token decode lists is scored:
- an `acronym` row is right when decode lists it with a matching meaning (from the base or from the
  text), wrong when it gives another meaning, missed when it says unknown or leaves it out;
- a `local` row is right when listed unknown or with its meaning;
- listing a `person`, `code` or `noise` token, or any token nobody annotated, is a non-acronym listed
  (people's initials in decode's separate people list are not: that is where they belong);
- a check finding is wrong when it is about a non-acronym, or calls a definition that matches the
  annotation a slip.
Goals (issue 10): 97% of acronyms right, at most one non-acronym per 5,000 words, no wrong finding.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from coverage import ANNOTATIONS, TEXTS, nhsjargon, rows
from meaning import matches

NOT_ACRONYMS = {"person", "code", "noise"}


def plain(token: str) -> str:
    """A token as annotated: without a plural or possessive ("CCGs", "ICB's" -> CCG, ICB)."""
    for suffix in ("'s", "\u2019s", "s'", "s"):
        if token.endswith(suffix) and len(token) > len(suffix) + 1 and token[: -len(suffix)][-1:].isupper():
            return token[: -len(suffix)]
    return token


def run_json(argv: list[str]) -> Any:
    done = subprocess.run([nhsjargon(), *argv], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def names_by_id(data: list[str]) -> dict[str, list[str]]:
    listing = run_json(["list", "--format", "json", *data])
    assert isinstance(listing, list)
    return {entry["id"]: [entry["name"], *entry.get("aliases", [])] for entry in listing}


class Score:
    """Tallies over all texts, and the lines that explain each miss (for --show)."""

    def __init__(self) -> None:
        self.tally: Counter[str] = Counter()
        self.lines: list[str] = []

    def add(self, what: str, text: str, detail: str = "") -> None:
        self.tally[what] += 1
        if detail:
            self.lines.append(f"  {text}\t{what}\t{detail}")


def score_text(
    path: Path, wanted: dict[str, tuple[str, str]], names: dict[str, list[str]], data: list[str], score: Score
) -> None:
    label = path.name[:3]
    decoded = run_json(["decode", "--format", "json", *data, str(path)])
    assert isinstance(decoded, dict)
    listed: dict[str, list[str] | None] = {}  # token -> the names it was given (None: listed unknown)
    for term in decoded["terms"]:
        given = [term["name"]] + (names.get(term["id"], []) if term["id"] else [])
        listed[term["acronym"]] = given
        listed[plain(term["as_written"])] = given  # NHSi, as the text writes NHSI
    for unknown in decoded["unknown"]:
        listed.setdefault(unknown["token"], None)
    # numbered codes (decoded["families"]) are listed apart, as people are: neither counts as listed
    for token, (kind, meaning) in wanted.items():
        got = listed.get(token)
        if kind == "acronym":
            score.add("acronyms", label)
            if got is None:
                score.add(
                    "missed",
                    label,
                    f"{token}: wanted {meaning}, {'listed unknown' if token in listed else 'not listed'}",
                )
            elif matches(meaning, got):
                score.add("right", label)
            else:
                score.add("wrong", label, f"{token}: wanted {meaning}, got {got[0]}")
        elif kind == "local" and got is not None and not matches(meaning, got):
            score.add("wrong local", label, f"{token}: a local name ({meaning}) given as {got[0]}")
        elif kind in NOT_ACRONYMS and token in listed:
            score.add("non-acronyms", label, f"{token}: {kind} ({meaning}) listed")
    for token in listed:
        if token not in wanted and not any(
            plain(term["as_written"]) in wanted for term in decoded["terms"] if term["acronym"] == token
        ):
            score.add("non-acronyms", label, f"{token}: not annotated, listed")
    written = {term["acronym"]: plain(term["as_written"]) for term in decoded["terms"]}
    for finding in run_json(["check", "--format", "json", *data, str(path)]):
        token, kind = written.get(finding["acronym"], finding["acronym"]), finding["kind"]
        score.add("findings", label)
        annotated = wanted.get(token, ("unannotated", ""))
        if annotated[0] not in ("acronym", "local"):
            score.add("wrong findings", label, f"{token}: {finding['message']} ({annotated[0]})")
        elif kind == "slip" and matches(annotated[1], [finding["message"].split("(")[-1]]):
            score.add("wrong findings", label, f"{token}: {finding['message']} (the text is right)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "texts", type=Path, help="the folder with your copies of the texts in decode/texts.tsv"
    )
    parser.add_argument("--data", action="append", default=[], help="an overlay file to add (repeatable)")
    parser.add_argument("--show", action="store_true", help="list every miss, wrong meaning and non-acronym")
    parser.add_argument(
        "--collected",
        metavar="DATE",
        help="score only the texts collected on this date (one held-out collection, as coverage.py reports)",
    )
    args = parser.parse_args()
    data = [arg for path in args.data for arg in ("--data", path)]
    annotations: dict[str, dict[str, tuple[str, str]]] = {}
    for row in rows(ANNOTATIONS):
        annotations.setdefault(row["file"], {})[row["token"]] = (row["kind"], row["meaning"])
    names = names_by_id(data)
    score = Score()
    words = 0
    texts = [text for text in rows(TEXTS) if args.collected in (None, text["collected"])]
    if not texts:
        sys.exit(f"no texts collected on {args.collected} in {TEXTS}")
    for text in texts:
        path = args.texts / text["file"]
        if not path.is_file():
            sys.exit(f"{path} is missing: fetch it from {text['url']}")
        words += len(path.read_text(encoding="utf-8").split())
        score_text(path, annotations.get(text["file"], {}), names, data, score)
    tally = score.tally
    kinds = len({text["kind"] for text in texts})
    years = sorted({text["year"] for text in texts})
    print(f"{len(texts)} texts of {kinds} kinds, {years[0]}-{years[-1]}, {words:,} words")
    right, acronyms = tally["right"], tally["acronyms"]
    print(f"acronyms with the right expansion: {right} of {acronyms} ({right / acronyms:.1%}; goal 97%)")
    print(f"  wrong expansion: {tally['wrong']}, missed: {tally['missed']}, ", end="")
    print(f"local names given a wrong meaning: {tally['wrong local']}")
    per = tally["non-acronyms"] * 5000 / words
    print(f"non-acronyms listed: {tally['non-acronyms']} ({per:.1f} per 5,000 words; goal at most 1)")
    print(f"check findings: {tally['findings']}, wrong: {tally['wrong findings']} (goal 0)")
    if args.show and score.lines:
        print("\n".join(score.lines))


if __name__ == "__main__":
    main()
