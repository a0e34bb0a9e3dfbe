"""Dates known to the year, the month or the day, as the base's sources give them.

`datetime` is imported only where a real date is made: most runs never need one.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterator

FIRST_YEAR, LAST_YEAR = 1, 9998  # the years a date may have
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_days(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


class PartialDate:
    """A date known to the year, the month or the day, as sources often give only a year."""

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Read YYYY, YYYY-MM or YYYY-MM-DD (text in ASCII digits, an int year, or a date)."""
        import datetime as dt

        if isinstance(value, dt.datetime):
            raise ValueError(f"expected a date, not a date and time: {value!r}")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        text = str(value).strip()
        parts = text.split("-")
        widths = (4, 2, 2)
        if len(parts[0]) > 4 and parts[0].isascii() and parts[0].isdigit() and parts[0][0] != "0":
            raise ValueError(
                f"{text} is outside the dates nhsjargon handles ({FIRST_YEAR:04d} to {LAST_YEAR})"
            )
        if not 1 <= len(parts) <= 3 or any(
            len(part) != width or not (part.isascii() and part.isdigit())
            for part, width in zip(parts, widths, strict=False)
        ):
            raise ValueError(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        if not FIRST_YEAR <= year <= LAST_YEAR:  # so that every day and the day after it are real dates
            raise ValueError(
                f"{text} is outside the dates nhsjargon handles ({FIRST_YEAR:04d} to {LAST_YEAR})"
            )
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range in {value!r}")
        if day is not None and month is not None and not 1 <= day <= month_days(year, month):
            raise ValueError(f"day out of range in {value!r}")
        return cls(year, month, day)

    @property
    def first_day(self) -> dt.date:
        import datetime as dt

        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        import datetime as dt

        month = self.month or 12
        return dt.date(self.year, month, self.day or month_days(self.year, month))

    def key(self) -> tuple[int, int, int]:
        """For sorting by first day without building a date."""
        return (self.year, self.month or 1, self.day or 1)

    def day_after(self) -> str:
        """The day after the last day, as text: "2022-06-30" -> "2022-07-01"."""
        month = self.month or 12
        day = self.day or month_days(self.year, month)
        if day < month_days(self.year, month):
            return f"{self.year:04d}-{month:02d}-{day + 1:02d}"
        if month < 12:
            return f"{self.year:04d}-{month + 1:02d}-01"
        return f"{self.year + 1:04d}-01-01"

    def plain(self) -> tuple[int, int | None, int | None]:
        return (self.year, self.month, self.day)

    def __iter__(self) -> Iterator[int | None]:
        return iter((self.year, self.month, self.day))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self.plain() == other.plain()

    def __hash__(self) -> int:
        return hash(self.plain())

    def __repr__(self) -> str:
        return f"PartialDate({self})"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text
