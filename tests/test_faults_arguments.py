"""Fault injection, arguments: dates in other scripts' digits, and dates outside the range.

`--as-of` takes ASCII digits only; every date outside 0001 to 9998 gets the same message, in
the fast path (`explain`) and through the full CLI (`compare`, `decode`) alike.
"""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.faults import nhsjargon

pytestmark = pytest.mark.subprocess

NOT_A_DATE = "is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, or 'today')"
OUTSIDE = "is outside the dates nhsjargon handles (give a date from 0001 to 9998)"
EXPLAIN = ["explain", "ICB"]  # the fast path, without Typer
COMPARE = ["compare", "ICB", "ICP"]
DECODE = ["decode", str(FIXTURES / "draft_problems.md")]
FULL_WIDTH = "\uff12\uff10\uff11\uff19"
NOT_DATES = {
    "full-width": FULL_WIDTH,
    "arabic-indic": "\u0662\u0660\u0661\u0669",
    "full-width month": "2019-\uff10\uff16",
    "exponent": "1e3",
    "negative": "-2019",
    "30 February": "2019-02-30",
    "month 13": "2019-13",
}
OUTSIDE_DATES = ["0000", "0000-01-01", "9999", "9999-12-31", "10000", "123456-01-01"]


@pytest.mark.parametrize(
    ("argv", "date"),
    [(EXPLAIN, date) for date in NOT_DATES.values()] + [(COMPARE, FULL_WIDTH), (DECODE, FULL_WIDTH)],
    ids=[*NOT_DATES, "compare", "decode"],
)
def test_a_date_not_in_ascii_digits_is_refused(argv: list[str], date: str) -> None:
    result = nhsjargon(*argv, "--as-of", date)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"nhsjargon: error: --as-of: {date!r} {NOT_A_DATE}\n"


@pytest.mark.parametrize(
    ("argv", "date"),
    [(EXPLAIN, date) for date in OUTSIDE_DATES] + [(COMPARE, "9999-12-31"), (DECODE, "10000")],
    ids=[*OUTSIDE_DATES, "compare", "decode"],
)
def test_every_date_outside_the_range_gets_the_same_message(argv: list[str], date: str) -> None:
    result = nhsjargon(*argv, "--as-of", date)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"nhsjargon: error: --as-of: {date!r} {OUTSIDE}\n"


@pytest.mark.parametrize("date", ["0001", "9998-12-31", " 2019 ", "today"])
def test_the_ends_of_the_range_are_accepted(date: str) -> None:
    result = nhsjargon("explain", "ICB", "--as-of", date)
    assert result.returncode == 0 and result.stderr == ""
