"""The typical load by weekday and hour, from a seeded history with known quiet hours."""

from __future__ import annotations

import datetime as dt
import uuid

from kiosk import server_cache
from kiosk.clock import iso_utc
from kiosk.config import Config
from kiosk.store import Store
from kiosk.visit_load import (
    Level,
    Source,
    best_grid,
    demo_grid,
    kiosk_grid,
    quiet_words,
    quietest,
    server_grid,
)
from tests.support import MOSCOW

TODAY = dt.date(2026, 11, 24)  # a Tuesday


def seed(store: Store, pattern: dict[tuple[int, int], int], weeks: int = 8) -> None:
    with store.transaction() as conn:
        number = 0
        for back in range(1, weeks * 7 + 1):
            day = TODAY - dt.timedelta(days=back)
            for hour in range(8, 20):
                for minute in range(pattern.get((day.weekday(), hour), 10)):
                    number += 1
                    issued = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=MOSCOW)
                    conn.execute(
                        "INSERT INTO tickets (id, business_day, prefix, number, display, category_id, service_id, "
                        "kiosk_id, centre_id, issued_utc, people_ahead, wait_minutes, est_call_utc, language) "
                        "VALUES (?, ?, 'П', ?, ?, 'passports', 'snils', 'k', 'c', ?, 0, 0, ?, 'ru')",
                        (str(uuid.uuid4()), day.isoformat(), number, f"П{number}", iso_utc(issued), iso_utc(issued)))


def test_quiet_hours_of_a_seeded_history_are_found_and_named(store: Store, config: Config) -> None:
    quiet = {(weekday, hour): 2 for weekday in (1, 2, 3) for hour in (14, 15)}
    seed(store, quiet)
    grid = kiosk_grid(store, config, TODAY)
    assert grid.source is Source.KIOSK
    assert grid.first_day == TODAY - dt.timedelta(weeks=8) and grid.last_day == TODAY - dt.timedelta(days=1)
    assert grid.value(0, 9) == 10 and grid.value(2, 14) == 2  # per typical day, not summed over weeks
    assert grid.hours == tuple(range(8, 20))
    assert grid.level(2, 14) is Level.QUIET and grid.level(0, 9) is Level.VERY_BUSY
    found = quietest(grid)
    assert found is not None
    assert quiet_words(found, "ru") == "Тише всего: вт–чт, 14:00–16:00"
    assert quiet_words(found, "en") == "Quietest: Tue–Thu, 14:00–16:00"


def test_separate_quiet_days_are_listed_apart(store: Store, config: Config) -> None:
    seed(store, {(0, 8): 1, (0, 9): 1, (4, 8): 1, (4, 9): 1, (6, 8): 1, (6, 9): 1})
    found = quietest(kiosk_grid(store, config, TODAY))
    assert found is not None and quiet_words(found, "ru") == "Тише всего: пн, пт, вс, 08:00–10:00"


def test_todays_and_older_tickets_are_left_out(store: Store, config: Config) -> None:
    seed(store, {}, weeks=10)
    grid = kiosk_grid(store, config, TODAY, weeks=8)
    assert all(value == 10 for value in grid.cells.values())


def test_without_history_there_is_no_quiet_time(store: Store, config: Config) -> None:
    grid = kiosk_grid(store, config, TODAY)
    assert grid.peak == 0 and quietest(grid) is None and grid.level(1, 10) is Level.NONE


def test_the_servers_aggregate_wins_and_a_bad_one_is_ignored(store: Store, config: Config) -> None:
    seed(store, {})
    body = {"period_from": "2026-09-01", "period_to": "2026-11-23",
            "cells": [{"weekday": d, "hour": h, "avg_tickets": 40 if (d, h) != (3, 11) else 4}
                      for d in range(5) for h in range(9, 18)]}
    with store.transaction() as conn:
        server_cache.save(conn, "load", body, None, store.clock.now_utc())
    grid = best_grid(store, config, TODAY)
    assert grid.source is Source.SERVER and grid.first_day == dt.date(2026, 9, 1)
    assert grid.hours == tuple(range(9, 18))
    body["cells"][0]["avg_tickets"] = -1
    with store.transaction() as conn:
        server_cache.save(conn, "load", body, None, store.clock.now_utc())
    assert server_grid(store) is None and best_grid(store, config, TODAY).source is Source.KIOSK


def test_the_demo_week_is_illustrative_and_quiet_midweek_afternoons() -> None:
    grid = demo_grid(TODAY)
    assert grid.source is Source.DEMO
    found = quietest(grid)
    assert found is not None and quiet_words(found, "en") == "Quietest: Tue–Thu, 14:00–16:00"
