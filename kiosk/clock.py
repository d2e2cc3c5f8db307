"""Time sources for the core.

The core never calls ``datetime.now()`` itself: it asks a :class:`Clock`, so
tests can move time by hand (midnight, clock steps backwards, closing time).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current UTC time."""

    def now_utc(self) -> dt.datetime:
        """Return the current time as an aware UTC datetime."""
        ...


class SystemClock:
    """The machine's wall clock."""

    def now_utc(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime) -> str:
    """Format an aware datetime as ISO 8601 UTC with milliseconds and ``Z``."""
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_iso_utc(text: str) -> dt.datetime:
    """Parse what :func:`iso_utc` wrote back into an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


class ManualClock:
    """A clock that only moves when told to: for tests, screenshots and benchmarks."""

    def __init__(self, start: dt.datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._now = start.astimezone(dt.UTC)

    def now_utc(self) -> dt.datetime:
        return self._now

    def set(self, moment: dt.datetime) -> None:
        self._now = moment.astimezone(dt.UTC)

    def advance(self, **delta: float) -> None:
        self._now += dt.timedelta(**delta)
