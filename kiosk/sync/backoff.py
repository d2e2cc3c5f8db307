"""When to try the server again: capped exponential backoff with full jitter.

Full jitter spreads hundreds of kiosks that come back after a city-wide
outage across the whole window instead of letting them retry in step, which
keeps the server's load near its steady state. A server's ``Retry-After``
is honoured when it asks for longer.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from dataclasses import dataclass

MAX_RETRY_AFTER_S = 3600.0


@dataclass(frozen=True)
class Backoff:
    """``delay(n)`` for the n-th consecutive failure (n >= 1): uniform in [0, min(cap, base * 2**(n-1))]."""

    base_s: float = 2.0
    cap_s: float = 300.0

    def ceiling(self, failures: int) -> float:
        if failures <= 0:
            return 0.0
        # 2**60 already exceeds any cap; avoid huge floats for long outages.
        return min(self.cap_s, self.base_s * (2.0 ** min(failures - 1, 60)))

    def delay(self, failures: int, rng: random.Random, retry_after_s: float | None = None) -> float:
        chosen = rng.uniform(0.0, self.ceiling(failures))
        if retry_after_s is not None:
            chosen = max(chosen, min(retry_after_s, MAX_RETRY_AFTER_S))
        return chosen


def parse_retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date); None if absent or unusable."""
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():  # str.isdigit() also accepts '¹' and other non-ASCII digits
        return min(float(text), MAX_RETRY_AFTER_S)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return min(max(0.0, (moment - now).total_seconds()), MAX_RETRY_AFTER_S)
