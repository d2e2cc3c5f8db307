"""UTC timestamps in the single text form the API uses.

The server writes ``YYYY-MM-DDTHH:MM:SS.mmmZ`` everywhere; since that form
sorts lexically in time order, the database can compare the stored strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def system_now() -> dt.datetime:
    """The wall clock as an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime) -> str:
    """Format an aware datetime as ISO 8601 UTC with milliseconds and ``Z``."""
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_iso_utc(text: str) -> dt.datetime:
    """Parse an ISO 8601 UTC timestamp ending in ``Z`` into an aware datetime."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
