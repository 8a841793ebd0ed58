"""Dates known to a day, a month or only a year.

News reporting often gives "earlier this month" or "in August": a record must not claim more
precision than its source. The precision is carried by the written form itself (`2025`,
`2025-07`, `2025-07-03`), so a date and its precision can never disagree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

# English month names, fixed: `calendar.month_name` follows the machine's locale, and pages must not.
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """Accept `2025`, `"2025-07"`, `"2025-07-03"` or a `datetime.date` (YAML's own reading)."""
        if isinstance(value, dt.datetime):
            raise ValueError("a date without a time of day is expected")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ValueError("a date is written YYYY-MM-DD, YYYY-MM or YYYY")
        match = _FORM.match(str(value).strip())
        if not match:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{value}' has no month {month}")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{value}' is not a real date: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def label(self) -> str:
        """How a reader sees it: '3 July 2025', 'July 2025' or '2025'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    @property
    def precision_rank(self) -> int:
        """1 for a year, 2 for a month, 3 for a day."""
        return 1 + (self.month is not None) + (self.day is not None)

    def truncated(self, rank: int) -> tuple[int, ...]:
        """The date's first `rank` parts, to compare dates of different precision fairly."""
        return (self.year, self.month or 0, self.day or 0)[:rank]

    @property
    def placed(self) -> PartialDate:
        """The day, month or year page that lists it: its own (`DateSpan` may have none)."""
        return self

    @property
    def earliest(self) -> PartialDate:
        return self

    @property
    def latest(self) -> PartialDate:
        return self

    @property
    def sort_key(self) -> tuple[int, int, int]:
        # A month-precision date sorts before the days of that month.
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        return self.iso
