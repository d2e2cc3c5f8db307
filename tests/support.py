"""Helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def moscow(*args: int) -> dt.datetime:
    """An aware Moscow datetime: ``moscow(2026, 11, 24, 10, 30)``."""
    return dt.datetime(*args, tzinfo=MOSCOW)  # type: ignore[misc]
