"""Ranges, open bounds and uncertain dates (EDTF) of when a claim happened: their bounds, where they are
listed, how they sort, and what editors are told."""

from __future__ import annotations

import pytest

from generator.date_span import FORMS, parse_span
from generator.partial_date import PartialDate


@pytest.mark.parametrize(
    ("text", "start", "end", "placed", "label"),
    [
        ("2014/2025-10", "2014", "2025-10", None, "between 2014 and October 2025"),
        ("../2025-07", None, "2025-07", None, "on or before July 2025"),
        ("2025-05-19/..", "2025-05-19", None, None, "on or after 19 May 2025"),
        ("2025-05-16/2025-05-19", "2025-05-16", "2025-05-19", "2025-05", "between 16 May 2025 and 19 May 2025"),
        ("2025-03/2025-11", "2025-03", "2025-11", "2025", "between March 2025 and November 2025"),
        ("2025-05?", "2025-05", "2025-05", "2025-05", "May 2025 (uncertain)"),
        ("2025-05-03~", "2025-05-03", "2025-05-03", "2025-05-03", "3 May 2025 (approximate)"),
    ],
)
def test_each_form_has_its_bounds_its_page_and_its_label(text: str, start: str | None, end: str | None,
                                                          placed: str | None, label: str) -> None:
    span = parse_span(text)
    assert (span.iso, span.label) == (text, label)
    assert span.start == (PartialDate.parse(start) if start else None)
    assert span.end == (PartialDate.parse(end) if end else None)
    assert span.placed == (PartialDate.parse(placed) if placed else None)


def test_a_range_sorts_by_the_latest_date_it_can_be_and_an_open_end_by_its_start() -> None:
    assert parse_span("2014/2025-10").sort_key == PartialDate.parse("2025-10").sort_key
    assert parse_span("../2025-07").sort_key == PartialDate.parse("2025-07").sort_key
    assert parse_span("2025-05-19/..").sort_key == PartialDate.parse("2025-05-19").sort_key


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("../..", "'../..' is open at both ends: give at least one of them"),
        ("2025/2014", "'2025/2014' ends before it begins"),
        ("2025-10/2025-07-03", "'2025-10/2025-07-03' ends before it begins"),
        ("2024/2025-05?", "'2024/2025-05?': an end of a range cannot be uncertain here; write the widest honest range"),
        ("[2024..2025]", f"'[2024..2025]' is EDTF this site does not show; write it as {FORMS}"),
        ("2025-02-30/2025-03", f"'2025-02-30/2025-03' is not a date written {FORMS}"),
        ("2025-05??", f"'2025-05??' is not a date written {FORMS}"),
    ],
)
def test_what_editors_are_told(text: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_span(text)
    assert str(raised.value) == message
