"""Dates that are ranges, open bounds or uncertain, written in the Library of Congress Extended Date/Time
Format (EDTF, ISO 8601-2): `2014/2025` (some time between), `../2025-05-19` (on or before), `2025-05/..` (on or
after), `2025-05?` (uncertain), `2025-05~` (approximate).

"Previously", "for 11 years" or "repeatedly" are not a year: forcing them into one places a claim on a guess.
The `edtf` package parses the written form (its grammar is the standard's); this module keeps only the forms
the site can show honestly and turns them into bounds that are `PartialDate`s, each with the precision of
its own written form, so that a range and its precision cannot disagree either. Plain dates (`2025`,
`2025-07`, `2025-07-03`, themselves EDTF) never reach the parser: it takes milliseconds a date, and the
core reads tens of thousands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import Date as EdtfDate
from edtf.parser.parser_classes import Interval, Level1Interval, UncertainOrApproximate, UnspecifiedIntervalSection

from .partial_date import PartialDate

Qualifier = Literal["", "?", "~", "%"]
_QUALIFIER_WORDS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}

FORMS = "YYYY-MM-DD, YYYY-MM or YYYY, or in EDTF a range 2014/2025, an open bound ../2025-05-19 or 2025-05/.., " \
        "or an uncertain 2025-05? or approximate 2025-05~"


@dataclass(frozen=True)
class DateSpan:
    """Some time between `start` and `end` (either may be open), or one date qualified as uncertain."""

    edtf: str  # as written
    start: PartialDate | None
    end: PartialDate | None
    qualifier: Qualifier = ""

    @property
    def iso(self) -> str:
        return self.edtf

    @property
    def placed(self) -> PartialDate | None:
        """The finest day, month or year that holds the whole span: its day, month or year page lists it.
        None for an open bound or a span across years: no page of one year may claim it."""
        if self.start is None or self.end is None:
            return None
        rank = min(self.start.precision_rank, self.end.precision_rank)
        while rank and self.start.truncated(rank) != self.end.truncated(rank):
            rank -= 1
        return PartialDate(*self.start.truncated(rank)) if rank else None

    @property
    def precision(self) -> str:
        placed = self.placed
        return placed.precision if placed is not None and self.start == self.end else "range"

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """By the latest moment it can be (by then it had happened), or for an open end, its start."""
        bound = self.end or self.start
        assert bound is not None
        return bound.sort_key

    @property
    def earliest(self) -> PartialDate | None:
        return self.start

    @property
    def latest(self) -> PartialDate | None:
        return self.end

    @property
    def label(self) -> str:
        """How a reader sees it: 'between 2014 and 2025', 'by 19 May 2025', 'May 2025 (uncertain)'."""
        if self.qualifier:
            assert self.start is not None
            return f"{self.start.label} ({_QUALIFIER_WORDS[self.qualifier]})"
        if self.start is None:
            assert self.end is not None
            return f"on or before {self.end.label}"
        if self.end is None:
            return f"on or after {self.start.label}"
        return f"between {self.start.label} and {self.end.label}"

    def __str__(self) -> str:
        return self.edtf


_PLAIN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def is_extended(text: str) -> bool:
    """Whether a written date is anything but a plain one: the EDTF parser reads it, or says what is wrong."""
    return not _PLAIN.match(text)


@lru_cache(maxsize=4096)
def parse_span(text: str) -> DateSpan:
    """An EDTF range, open bound or qualified date; a ValueError in editors' words for anything else."""
    try:
        parsed = parse_edtf(text)
    except EDTFParseException:
        raise ValueError(f"'{text}' is not a date written {FORMS}") from None
    if isinstance(parsed, UncertainOrApproximate):
        date = _plain(text, parsed.date)
        return DateSpan(text, date, date, _qualifier(parsed))
    if isinstance(parsed, (Interval, Level1Interval)):
        start, end = _bound(text, parsed.lower), _bound(text, parsed.upper)
        if start is None and end is None:
            raise ValueError(f"'{text}' is open at both ends: give at least one of them")
        if start is not None and end is not None and end.truncated(min(start.precision_rank, end.precision_rank)) \
                < start.truncated(min(start.precision_rank, end.precision_rank)):
            raise ValueError(f"'{text}' ends before it begins")
        return DateSpan(text, start, end)
    raise ValueError(f"'{text}' is EDTF this site does not show; write it as {FORMS}")


def _bound(text: str, part: object) -> PartialDate | None:
    if isinstance(part, UnspecifiedIntervalSection):
        return None
    if isinstance(part, UncertainOrApproximate) and not _qualifier(part):
        part = part.date  # the parser wraps each end of an open interval
    if isinstance(part, UncertainOrApproximate):
        raise ValueError(f"'{text}': an end of a range cannot be uncertain here; write the widest honest range")
    return _plain(text, part)


def _plain(text: str, part: object) -> PartialDate:
    if not isinstance(part, EdtfDate):
        raise ValueError(f"'{text}' is EDTF this site does not show; write it as {FORMS}")
    return PartialDate.parse(str(part))


def _qualifier(parsed: UncertainOrApproximate) -> Qualifier:
    mark = str(parsed.ua) if parsed.ua else ""
    return mark if mark in ("?", "~", "%") else ""  # type: ignore[return-value]
