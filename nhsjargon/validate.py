"""`nhsjargon validate`: every problem in the given files, not just the first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nhsjargon import kb
from nhsjargon.errors import DataError
from nhsjargon.model import Entry, Event


@dataclass(frozen=True)
class FileReport:
    path: str
    entries: int
    events: int
    problems: tuple[str, ...]


@dataclass(frozen=True)
class ValidationReport:
    files: tuple[FileReport, ...]

    @property
    def problems(self) -> tuple[str, ...]:
        return tuple(problem for report in self.files for problem in report.problems)


def _read(path: Path) -> tuple[list[Entry], list[Event], list[str]]:
    try:
        data = kb.read_yaml(path)
    except DataError as exc:
        return [], [], [str(exc)]
    return kb.parse_document(data, str(path))


def validate_files(paths: Sequence[Path], strict: bool) -> ValidationReport:
    """Validate overlay files against the built-in base, or the base itself when none are given.

    References may point into the base; strict rules (sources, categories, inverse
    relationships) apply to the files being checked.
    """
    base = Path(kb.builtin_path())
    targets = list(paths) or [base]
    parsed = {path: _read(path) for path in dict.fromkeys([base, *targets])}
    everything = {entry.id: entry for entries, _, _ in parsed.values() for entry in entries}
    all_events = [event for _, events, _ in parsed.values() for event in events]
    reference_problems = kb.check_references(list(everything.values()), all_events)
    reports = []
    for path in targets:
        entries, events, problems = parsed[path]
        origin = str(path)
        problems = problems + [p for p in reference_problems if p.startswith(origin + ":")]
        if strict:
            problems += kb.check_strict(entries)
        reports.append(FileReport(origin, len(entries), len(events), tuple(problems)))
    return ValidationReport(tuple(reports))
