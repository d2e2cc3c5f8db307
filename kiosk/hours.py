"""Opening hours: a weekly pattern plus dates on which the centre is closed.

All arithmetic is in the centre's local time (Europe/Moscow has no daylight
saving, but the code does not rely on that).

The format is the ``WeeklyHours`` schema of the server's contract; the kiosk
accepts exactly what the server does (see :mod:`kiosk.shapes`), so hours that
an operator loaded there never fail here, and the reverse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.shapes import DAY_SPEC_RE, is_calendar_date

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CLOSED = "closed"

Interval = tuple[int, int]  # minutes from local midnight, [open, close)


def _minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def parse_day(spec: str) -> tuple[Interval, ...]:
    """Parse ``"08:00-20:00"``, ``"08:00-13:00, 14:00-20:00"`` or ``"closed"``.

    Times are two-digit ``HH:MM`` (``24:00`` may end an interval), written
    without spaces except around commas, exactly as the server's ``DaySpec``.
    """
    if DAY_SPEC_RE.fullmatch(spec) is None:
        raise ValueError(f"'{spec}' is not 'HH:MM-HH:MM' intervals separated by commas, or 'closed'")
    if spec == CLOSED:
        return ()
    intervals: list[Interval] = []
    for part in spec.split(","):
        start_text, _, end_text = part.strip().partition("-")
        start, end = _minutes(start_text), _minutes(end_text)
        if end <= start:
            raise ValueError(f"'{part.strip()}' closes before it opens")
        if intervals and start < intervals[-1][1]:
            raise ValueError(f"'{spec}' has overlapping or unordered intervals")
        intervals.append((start, end))
    return tuple(intervals)


@dataclass(frozen=True)
class WeeklyHours:
    """When a centre (or one service) takes visitors."""

    days: tuple[tuple[Interval, ...], ...]  # index 0 = Monday
    closed_dates: frozenset[dt.date] = frozenset()

    @classmethod
    def always_open(cls) -> WeeklyHours:
        return cls(days=tuple(((0, 24 * 60),) for _ in DAY_KEYS))

    def intervals_on(self, day: dt.date) -> tuple[Interval, ...]:
        if day in self.closed_dates:
            return ()
        return self.days[day.weekday()]

    def _minute(self, local: dt.datetime) -> int:
        return local.hour * 60 + local.minute

    def is_open(self, local: dt.datetime) -> bool:
        return self.closes_at(local) is not None

    def closes_at(self, local: dt.datetime) -> dt.datetime | None:
        """End of the open interval containing ``local``, or None when closed.

        An interval ending at 24:00 that continues at 00:00 the next day is
        followed, so a round-the-clock centre closes "never" (a week ahead).
        """
        minute = self._minute(local)
        day = local.date()
        for start, end in self.intervals_on(day):
            if start <= minute < end:
                close = _at(local, day, end)
                # Follow intervals that run on past midnight.
                for _ in range(7):
                    if end != 24 * 60:
                        break
                    day = day + dt.timedelta(days=1)
                    following = self.intervals_on(day)
                    if not following or following[0][0] != 0:
                        break
                    end = following[0][1]
                    close = _at(local, day, end)
                return close
        return None

    def next_opening(self, local: dt.datetime) -> dt.datetime | None:
        """The first moment at or after ``local`` when the centre is open (14 days ahead at most)."""
        minute = self._minute(local)
        for offset in range(15):
            day = local.date() + dt.timedelta(days=offset)
            for start, end in self.intervals_on(day):
                if offset == 0 and minute >= end:
                    continue
                if offset == 0 and start <= minute:
                    return local
                return _at(local, day, start)
        return None


def _at(reference: dt.datetime, day: dt.date, minute: int) -> dt.datetime:
    base = dt.datetime.combine(day, dt.time(0, 0), tzinfo=reference.tzinfo)
    return base + dt.timedelta(minutes=minute)


def parse_weekly_hours(raw: Any, closed_dates: Iterable[Any] = ()) -> WeeklyHours:
    """Build :class:`WeeklyHours` from ``{"mon": "08:00-20:00", ..., "sun": "closed"}``.

    A key ``"daily"`` sets every day at once; named days override it.
    ``closed_dates`` are ``YYYY-MM-DD`` strings; ``datetime.date`` values
    (a TOML config's dates) are taken too.

    Raises:
        ValueError: a message naming the bad day or date.
    """
    if not isinstance(raw, Mapping):
        raise ValueError(f"expected a table of days, got {raw!r}")
    unknown = set(raw) - set(DAY_KEYS) - {"daily", "closed_dates"}
    if unknown:
        raise ValueError(f"unknown day key(s) {sorted(unknown)}; allowed: daily, {', '.join(DAY_KEYS)}, closed_dates")
    given: dict[str, tuple[Interval, ...]] = {}
    for key in ("daily", *DAY_KEYS):  # daily is checked even where every day overrides it
        if key not in raw:
            continue
        spec = raw[key]
        if not isinstance(spec, str):
            raise ValueError(f"'{key}' must be text like '08:00-20:00' or 'closed', got {spec!r}")
        try:
            given[key] = parse_day(spec)
        except ValueError as exc:
            raise ValueError(f"'{key}': {exc}") from None
    days: list[tuple[Interval, ...]] = []
    for key in DAY_KEYS:
        intervals = given.get(key, given.get("daily"))
        if intervals is None:
            raise ValueError(f"no hours for '{key}' (give '{key}' or 'daily')")
        days.append(intervals)
    listed = raw.get("closed_dates", [])
    if not isinstance(listed, list):
        raise ValueError(f"closed_dates must be a list of YYYY-MM-DD dates, got {listed!r}")
    dates: set[dt.date] = set()
    for item in [*closed_dates, *listed]:
        if type(item) is dt.date:  # not a datetime, which is a date too
            dates.add(item)
        elif is_calendar_date(item):
            dates.add(dt.date.fromisoformat(item))
        else:
            raise ValueError(f"closed date {item!r} is not a real date written YYYY-MM-DD")
    return WeeklyHours(days=tuple(days), closed_dates=frozenset(dates))
