"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import selectors
import subprocess
import time
import zoneinfo

from kiosk.ratings import _THROTTLED_KEY, RatingDesk

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def moscow(*args: int) -> dt.datetime:
    """An aware Moscow datetime: ``moscow(2026, 11, 24, 10, 30)``."""
    return dt.datetime(*args, tzinfo=MOSCOW)  # type: ignore[misc]


def wait_for_line(process: subprocess.Popen[str], needle: str, timeout: float) -> list[str]:
    """Read stderr until a line contains ``needle``; fail after ``timeout`` seconds."""
    assert process.stderr is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not selector.select(timeout=deadline - time.monotonic()):
            break
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        if needle in line:
            selector.close()
            return seen
    selector.close()
    raise AssertionError(f"{needle!r} not seen in {timeout} s; got: {''.join(seen)}")


def throttled_count(ratings: RatingDesk, day: dt.date | None = None) -> int:
    """Quick taps the desk throttled on a business day (today by default).

    Nothing in the kiosk reads this back (each quick rating carries the count to
    the server), so the reader lives here, with the tests that check the count.
    """
    day = day or ratings.tickets.business_day()
    return int(ratings.store.get_state(_THROTTLED_KEY + day.isoformat()) or 0)
