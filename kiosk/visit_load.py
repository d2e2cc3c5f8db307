"""The best time to visit: typical load by weekday and hour, and the quietest times in words.

The kiosk's own history: tickets of the last :data:`WEEKS` weeks (today
excluded), counted per weekday and local hour and divided by how many of that
weekday the period holds, so a cell is "tickets in that hour on a typical
Tuesday". When the central server's centre-wide aggregate is in the cache
(entry ``load``, with its period) it is shown instead, labelled with that
period: it counts every kiosk and every window, not only this kiosk. Demo mode
uses :func:`demo_grid`, labelled as illustrative.

Each cell also has a :class:`Level` (quiet ... very busy) so that the chart can
write or pattern it: the level never depends on colour alone.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk import server_cache
from kiosk.catalog import Text
from kiosk.clock import parse_iso_utc
from kiosk.config import Config
from kiosk.store import Store

WEEKS = 8
LOAD = "load"  # the server cache entry of the centre-wide aggregate
DEFAULT_HOURS = tuple(range(8, 20))
QUIET_SPAN_H = 2  # the quietest times are named as a window of this many hours
QUIET_MARGIN = 1.15  # cells within this factor of the quietest count as equally quiet

DAY_NAMES = {
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


class Source(enum.Enum):
    KIOSK = "kiosk"
    SERVER = "server"
    DEMO = "demo"


class Level(enum.IntEnum):
    NONE = 0  # closed, or nobody at all
    QUIET = 1
    MODERATE = 2
    BUSY = 3
    VERY_BUSY = 4


LEVEL_WORDS = {
    Level.NONE: Text(ru="нет данных", en="no data"),
    Level.QUIET: Text(ru="тихо", en="quiet"),
    Level.MODERATE: Text(ru="средне", en="moderate"),
    Level.BUSY: Text(ru="много людей", en="busy"),
    Level.VERY_BUSY: Text(ru="очень много людей", en="very busy"),
}


@dataclass(frozen=True)
class LoadGrid:
    """Typical tickets per hour, by (weekday 0 = Monday, local hour)."""

    cells: Mapping[tuple[int, int], float]
    source: Source
    first_day: dt.date
    last_day: dt.date

    @property
    def hours(self) -> tuple[int, ...]:
        """The hours the chart shows: those with any load, else the usual opening hours."""
        used = sorted({hour for (_, hour), value in self.cells.items() if value > 0})
        return tuple(range(used[0], used[-1] + 1)) if used else DEFAULT_HOURS

    @property
    def peak(self) -> float:
        return max(self.cells.values(), default=0.0)

    def value(self, weekday: int, hour: int) -> float:
        return self.cells.get((weekday, hour), 0.0)

    def level(self, weekday: int, hour: int) -> Level:
        value, peak = self.value(weekday, hour), self.peak
        if value <= 0 or peak <= 0:
            return Level.NONE
        share = value / peak
        if share <= 0.25:
            return Level.QUIET
        if share <= 0.5:
            return Level.MODERATE
        if share <= 0.75:
            return Level.BUSY
        return Level.VERY_BUSY


def kiosk_grid(store: Store, config: Config, today: dt.date, weeks: int = WEEKS) -> LoadGrid:
    """This kiosk's tickets of the ``weeks`` weeks before ``today``, per weekday and hour."""
    first = today - dt.timedelta(weeks=weeks)
    last = today - dt.timedelta(days=1)
    counts: dict[tuple[int, int], int] = {}
    for (issued,) in store.db.conn.execute(
            "SELECT issued_utc FROM tickets WHERE business_day >= ? AND business_day <= ? AND status != 'cancelled'",
            (first.isoformat(), last.isoformat())):
        local = config.local(parse_iso_utc(str(issued)))
        key = (local.weekday(), local.hour)
        counts[key] = counts.get(key, 0) + 1
    per_weekday = [0] * 7
    day = first
    while day <= last:
        per_weekday[day.weekday()] += 1
        day += dt.timedelta(days=1)
    cells = {key: n / max(1, per_weekday[key[0]]) for key, n in counts.items()}
    return LoadGrid(cells, Source.KIOSK, first, last)


def server_grid(store: Store) -> LoadGrid | None:
    """The server's centre-wide aggregate from the cache, or None when there is none usable.

    Shape (proposed for the server's ``/load``): ``{"period_from": date, "period_to": date,
    "cells": [{"weekday": 0-6, "hour": 0-23, "avg_tickets": number >= 0}, ...]}``.
    """
    cached = server_cache.read(store, LOAD)
    if cached is None:
        return None
    body = cached.body
    try:
        first = dt.date.fromisoformat(str(body["period_from"]))
        last = dt.date.fromisoformat(str(body["period_to"]))
        cells: dict[tuple[int, int], float] = {}
        for item in body["cells"]:
            weekday, hour, value = item["weekday"], item["hour"], item["avg_tickets"]
            if not (isinstance(weekday, int) and 0 <= weekday <= 6 and isinstance(hour, int) and 0 <= hour <= 23
                    and isinstance(value, (int, float)) and not isinstance(value, bool)
                    and math.isfinite(value) and value >= 0):
                return None
            cells[(weekday, hour)] = float(value)
    except (KeyError, TypeError, ValueError):
        return None
    return LoadGrid(cells, Source.SERVER, first, last)


def demo_grid(today: dt.date) -> LoadGrid:
    """A plausible, made-up week for demo mode (labelled as illustrative on screen):
    busy mornings and early evenings, Monday and Saturday busiest, Tuesday to Thursday
    afternoons quietest."""
    day_factor = (1.25, 0.85, 0.8, 0.85, 1.1, 1.3, 0.6)
    cells: dict[tuple[int, int], float] = {}
    for weekday in range(7):
        for hour in DEFAULT_HOURS:
            shape = 6 + 10 * math.exp(-((hour - 10.5) ** 2) / 3) + 9 * math.exp(-((hour - 18) ** 2) / 2.5)
            dip = 0.55 if 14 <= hour < 16 and 1 <= weekday <= 3 else 1.0
            cells[(weekday, hour)] = round(shape * day_factor[weekday] * dip, 1)
    return LoadGrid(cells, Source.DEMO, today - dt.timedelta(weeks=WEEKS), today - dt.timedelta(days=1))


@dataclass(frozen=True)
class QuietTime:
    """The quietest window: on these weekdays (ranges of consecutive days), from hour to hour."""

    days: tuple[tuple[int, int], ...]
    start_hour: int
    end_hour: int


def quietest(grid: LoadGrid, span: int = QUIET_SPAN_H) -> QuietTime | None:
    """The quietest ``span``-hour window of the shown hours, and the weekdays it is that quiet on.

    Windows with no load at all (closed) do not count. None when there is no data.
    """
    hours = grid.hours
    if grid.peak <= 0 or len(hours) < span:
        return None
    windows: dict[tuple[int, int], float] = {}
    for weekday in range(7):
        for start in hours[: len(hours) - span + 1]:
            values = [grid.value(weekday, h) for h in range(start, start + span)]
            if all(v > 0 for v in values):
                windows[(weekday, start)] = sum(values) / span
    if not windows:
        return None
    lowest = min(windows.values())
    quiet = [key for key, value in windows.items() if value <= lowest * QUIET_MARGIN]
    # The start hour most often among the quiet windows (the earliest on a tie), and its days.
    starts = sorted({start for _, start in quiet}, key=lambda s: (-sum(1 for _, t in quiet if t == s), s))
    start = starts[0]
    days = sorted(weekday for weekday, t in quiet if t == start)
    return QuietTime(_ranges(days), start, start + span)


def _ranges(days: list[int]) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for day in days:
        if ranges and ranges[-1][1] == day - 1:
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return tuple(ranges)


def quiet_words(quiet: QuietTime, language: str) -> str:
    """«Тише всего: вт–чт, 14:00–16:00» / 'Quietest: Tue–Thu, 14:00–16:00'."""
    names = DAY_NAMES["en" if language == "en" else "ru"]
    days = ", ".join(names[a] if a == b else f"{names[a]}–{names[b]}" for a, b in quiet.days)
    head = Text(ru="Тише всего", en="Quietest").get(language)
    return f"{head}: {days}, {quiet.start_hour:02d}:00–{quiet.end_hour:02d}:00"


def best_grid(store: Store, config: Config, today: dt.date, *, demo: bool = False) -> LoadGrid:
    """What the screen shows: the demo week in demo mode, else the server's aggregate when
    cached, else this kiosk's own history."""
    if demo:
        return demo_grid(today)
    return server_grid(store) or kiosk_grid(store, config, today)
