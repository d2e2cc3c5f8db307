"""Opening hours: open/closed, closing time, next opening, closed dates."""

from __future__ import annotations

import pytest

from kiosk.hours import parse_weekly_hours
from tests.support import moscow

HOURS = parse_weekly_hours({"daily": "08:00-20:00", "sat": "10:00-13:00, 14:00-18:00", "sun": "closed",
                            "closed_dates": ["2026-12-31"]})


def test_open_during_hours_and_closing_time() -> None:
    tuesday = moscow(2026, 11, 24, 12, 0)
    assert HOURS.is_open(tuesday)
    assert HOURS.closes_at(tuesday) == moscow(2026, 11, 24, 20, 0)
    assert not HOURS.is_open(moscow(2026, 11, 24, 20, 0))  # the closing minute is closed
    assert HOURS.is_open(moscow(2026, 11, 24, 8, 0))


def test_lunch_break_and_sunday() -> None:
    assert not HOURS.is_open(moscow(2026, 11, 28, 13, 30))
    assert HOURS.next_opening(moscow(2026, 11, 28, 13, 30)) == moscow(2026, 11, 28, 14, 0)
    assert HOURS.next_opening(moscow(2026, 11, 28, 19, 0)) == moscow(2026, 11, 30, 8, 0)  # Sunday closed


def test_closed_date_is_skipped() -> None:
    assert not HOURS.is_open(moscow(2026, 12, 31, 12, 0))
    assert HOURS.next_opening(moscow(2026, 12, 30, 21, 0)) == moscow(2027, 1, 1, 8, 0)


def test_round_the_clock_closes_a_week_ahead_not_at_midnight() -> None:
    always = parse_weekly_hours({"daily": "00:00-24:00"})
    assert always.closes_at(moscow(2026, 11, 24, 23, 59)) > moscow(2026, 11, 30, 0, 0)


@pytest.mark.parametrize(("raw", "message"), [
    ({"daily": "08:00-25:00"}, "not a time of day"),
    ({"daily": "08:00"}, "HH:MM-HH:MM"),
    ({"daily": "08:00-12:00, 11:00-14:00"}, "overlapping"),
    ({"mon": "08:00-20:00"}, "no hours for 'tue'"),
    ({"daily": "08:00-20:00", "holiday": "closed"}, "unknown day key"),
    ({"daily": "08:00-20:00", "closed_dates": ["31.12.2026"]}, "YYYY-MM-DD"),
])
def test_bad_hours_are_rejected_with_a_reason(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_weekly_hours(raw)
