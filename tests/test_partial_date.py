import datetime as dt

import pytest

from generator.partial_date import PartialDate


@pytest.mark.parametrize(
    ("value", "iso", "precision", "label"),
    [
        (dt.date(2025, 7, 3), "2025-07-03", "day", "3 July 2025"),
        ("2025-07-03", "2025-07-03", "day", "3 July 2025"),
        ("2025-07", "2025-07", "month", "July 2025"),
        (2022, "2022", "year", "2022"),
        ("2024-02-29", "2024-02-29", "day", "29 February 2024"),
    ],
)
def test_parse_keeps_the_written_precision(value: object, iso: str, precision: str, label: str) -> None:
    date = PartialDate.parse(value)
    assert (date.iso, date.precision, date.label) == (iso, precision, label)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a real date: February 2025 has 28 days"),
        ("2025-13", "'2025-13' has no month 13"),
        ("July 2025", "'July 2025' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2025-7-3", "'2025-7-3' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"),
        (True, "a date is written YYYY-MM-DD, YYYY-MM or YYYY"),
        (dt.datetime(2025, 7, 3, 12, 0), "a date without a time of day is expected"),
    ],
)
def test_parse_rejects_with_a_reason(value: object, message: str) -> None:
    with pytest.raises(ValueError) as error:
        PartialDate.parse(value)
    assert str(error.value) == message


def test_a_month_sorts_before_its_days() -> None:
    dates = [PartialDate.parse(v) for v in ("2025-07-03", "2025-07", "2025", "2025-06-30")]
    assert [d.iso for d in sorted(dates, key=lambda d: d.sort_key)] == ["2025", "2025-06-30", "2025-07", "2025-07-03"]
