"""Opening hours: open/closed, closing time, next opening, closed dates."""

from __future__ import annotations

import datetime as dt

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
    ({"daily": "08:00-25:00"}, "HH:MM-HH:MM"),
    ({"daily": "08:00"}, "HH:MM-HH:MM"),
    ({"daily": "08:00-12:00, 11:00-14:00"}, "overlapping"),
    ({"mon": "08:00-20:00"}, "no hours for 'tue'"),
    ({"daily": "08:00-20:00", "holiday": "closed"}, "unknown day key"),
    ({"daily": "08:00-20:00", "closed_dates": ["31.12.2026"]}, "YYYY-MM-DD"),
    # What the server refuses too (its DaySpec and WeeklyHours schemas), once taken here:
    ({"daily": "8:00-20:00"}, "HH:MM-HH:MM"),
    ({"daily": " 08:00-20:00"}, "HH:MM-HH:MM"),
    ({"daily": "08:00 - 20:00"}, "HH:MM-HH:MM"),
    ({"daily": "closed "}, "HH:MM-HH:MM"),
    ({"daily": "08:00-20:00\n"}, "HH:MM-HH:MM"),
    ({"daily": "10:00-14:00,\t15:00-18:00"}, "HH:MM-HH:MM"),
    ({"daily": "٠٨:٠٠-٢٠:٠٠"}, "HH:MM-HH:MM"),
    ({"daily": None, **dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "closed")}, "'daily'"),
    ({"daily": "08:00-20:00", "closed_dates": "2026-12-31"}, "closed_dates must be a list"),
    ({"daily": "08:00-20:00", "closed_dates": None}, "closed_dates must be a list"),
    ({"daily": "08:00-20:00", "closed_dates": ["20261231"]}, "YYYY-MM-DD"),
    ({"daily": "08:00-20:00", "closed_dates": ["2027-02-30"]}, "real date"),
    ({"daily": "08:00-20:00", "closed_dates": [dt.datetime(2026, 12, 31, 0, 0)]}, "YYYY-MM-DD"),
    ({"daily": "08:00-20:00", "mon": float("nan")}, "'mon' must be text"),
])
def test_bad_hours_are_rejected_with_a_reason(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_weekly_hours(raw)


def test_spaces_around_commas_and_touching_intervals_are_allowed() -> None:
    hours = parse_weekly_hours({"daily": "10:00-14:00 ,14:00-18:00", "closed_dates": [dt.date(2026, 12, 31)]})
    assert hours.days[0] == ((600, 840), (840, 1080))
    assert hours.closed_dates == frozenset({dt.date(2026, 12, 31)})  # a TOML date, as in the config file
