"""The document's own date: what it says of itself before any guess from the years it mentions.

In order of trust: a date on a line that says what it is ("Published: 11 June 2018", "Last
updated", "Date sent", "Held on 7th April 2022", "Thursday 3 March 2022", a date on the line
under a meeting's heading); a date in the first lines
(a dated heading: "NWL LMCs newsletter – April 2025"); failing those, the latest year the text
mentions more than once (a document is rarely older than the latest year it speaks of).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable

from nhsjargon.dates import month_days
from nhsjargon.decode.results import DocumentDate

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})\s?(?:st|nd|rd|th)?"
_YEAR = r"((?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),  # 11 June 2018
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE),  # June 11, 2018
    re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b"),  # 2018-06-11
    re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b"),  # 11/06/2018 (day first, as in England)
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),  # June 2018
)
_CUE = re.compile(
    r"\b(published|last\s+updated|updated|date\s+sent|date\s+of\s+(?:the\s+)?meeting|dated?|"
    r"issued|released|held\s+on|held|meeting|sent|posted|written|version|effective|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
HEADING_LINES = 12


def _date(pattern_index: int, groups: tuple[str, ...]) -> tuple[dt.date, str] | None:
    """A real date from a match (day, month, year in whatever order the pattern has them)."""
    try:
        if pattern_index == 0:
            day, month, year = int(groups[0]), _MONTHS[groups[1].casefold()], int(groups[2])
        elif pattern_index == 1:
            month, day, year = _MONTHS[groups[0].casefold()], int(groups[1]), int(groups[2])
        elif pattern_index == 2:
            year, month, day = int(groups[0]), int(groups[1]), int(groups[2])
        elif pattern_index == 3:
            day, month, year = int(groups[0]), int(groups[1]), int(groups[2])
        else:
            month, year = _MONTHS[groups[0].casefold()], int(groups[1])
            return dt.date(year, month, month_days(year, month)), "month"
        return dt.date(year, month, day), "day"
    except (KeyError, ValueError):
        return None


def dates_in(line: str) -> list[tuple[int, dt.date, str, str]]:
    """(position, date, precision, as written) of every date in a line."""
    found = []
    taken: list[tuple[int, int]] = []
    for index, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(line):
            if any(start <= match.start() < end for start, end in taken):
                continue
            parsed = _date(index, match.groups())
            if parsed is not None:
                taken.append(match.span())
                found.append((match.start(), parsed[0], parsed[1], match.group(0)))
    return sorted(found)


def document_date(
    head: str, years: Iterable[tuple[int, int]], today: dt.date | None = None
) -> DocumentDate | None:
    """The date `head` (the document's start) gives itself, else a guess from `years` ((year,
    count) pairs of the years the whole text mentions)."""
    today = today or dt.date.today()
    lines = head.split("\n")[:400]
    best: DocumentDate | None = None
    cued = -1  # the last line with a cue and no date: "MINUTES OF THE MEETING ..." over its date
    for number, line in enumerate(lines, 1):
        found = [item for item in dates_in(line) if item[1] <= today + dt.timedelta(days=366)]
        cue = _CUE.search(line)
        if not found:
            if cue is not None:
                cued = number
            continue
        position, date, precision, written = found[0]
        if (cue is not None and cue.start() <= position) or (number - cued == 1 and number <= HEADING_LINES):
            shown = " ".join(line.split())[:80]
            return DocumentDate(date, written, f"'{shown}' on line {number}", number, strong=True)
        if (
            best is None
            and number <= HEADING_LINES
            and (line.lstrip().startswith("#") or len(line.split()) <= 10)
        ):
            shown = " ".join(line.split())[:80]
            best = DocumentDate(
                date, written, f"the date in its heading, '{shown}' on line {number}", number, strong=True
            )
    if best is not None:
        return best
    counted = Counter({year: count for year, count in years if year <= today.year})
    if not counted:
        return None
    repeated = [year for year, count in counted.items() if count > 1]
    year = max(repeated or counted)
    times = counted[year]
    return DocumentDate(
        dt.date(year, 12, 31),
        str(year),
        f"the latest year it mentions ({year}, {times} time{'s' if times != 1 else ''}); "
        f"it gives no date of its own",
    )


def years_of(counts: Iterable[tuple[str, int]]) -> list[tuple[int, int]]:
    """Years among counted tokens: ("2016", 3) -> (2016, 3)."""
    return [(int(token), count) for token, count in counts if len(token) == 4 and _YEARS.fullmatch(token)]
