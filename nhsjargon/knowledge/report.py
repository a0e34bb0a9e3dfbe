"""`nhsjargon validate`: every problem in the given files, not just the first."""

from __future__ import annotations

import os
from collections.abc import Sequence

from nhsjargon.errors import DataError
from nhsjargon.knowledge import parse_file
from nhsjargon.knowledge.files import builtin_path
from nhsjargon.knowledge.integrity import check_pairs, check_references, check_strict
from nhsjargon.model import Entry, Event


class FileReport:
    __slots__ = ("path", "entries", "events", "problems")

    def __init__(self, path: str, entries: int, events: int, problems: tuple[str, ...]) -> None:
        self.path, self.entries, self.events, self.problems = path, entries, events, problems


class ValidationReport:
    __slots__ = ("files",)

    def __init__(self, files: tuple[FileReport, ...]) -> None:
        self.files = files

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(problem for report in self.files for problem in report.problems)


def _read(path: str) -> tuple[list[Entry], list[Event], list[str], set[str]]:
    try:
        return parse_file(path)
    except DataError as exc:
        return [], [], [str(exc)], set()


def validate_files(paths: Sequence[str | os.PathLike[str]], strict: bool) -> ValidationReport:
    """Validate overlay files against the built-in base, or the base itself when none are given.

    References may point into the base; strict rules (sources, categories, end dates) apply
    to the files being checked; each pair of entries may be linked only once, everywhere.
    """
    base = builtin_path()
    targets = [str(path) for path in paths] or [base]
    parsed = {path: _read(path) for path in dict.fromkeys([base, *targets])}
    everything = {entry.id: entry for entries, _, _, _ in parsed.values() for entry in entries}
    written = set().union(*(ids for _, _, _, ids in parsed.values())) - set(everything)
    all_events = [event for _, events, _, _ in parsed.values() for event in events]
    effective = list(everything.values())
    shared = check_references(effective, all_events, written) + check_pairs(effective)
    reports = []
    for path in targets:
        entries, events, problems, _ = parsed[path]
        mine = [p for p in shared if p.startswith((path + ":", path + " "))]
        if strict:
            mine += check_strict(entries)
        reports.append(FileReport(path, len(entries), len(events), tuple(problems + mine)))
    return ValidationReport(tuple(reports))
