"""Property tests: the backoff schedule and the parsing of server answers."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from kiosk.sync.backoff import MAX_RETRY_AFTER_S, Backoff, parse_retry_after
from kiosk.sync.client import TransportError, parse_event_results

NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=dt.UTC)


@given(failures=st.integers(min_value=1, max_value=10_000), seed=st.integers(),
       base=st.floats(min_value=0.1, max_value=30), cap=st.floats(min_value=1, max_value=3600),
       retry_after=st.none() | st.floats(min_value=0, max_value=10**6))
def test_backoff_stays_within_its_window(failures: int, seed: int, base: float, cap: float,
                                         retry_after: float | None) -> None:
    backoff = Backoff(base_s=base, cap_s=cap)
    delay = backoff.delay(failures, random.Random(seed), retry_after)
    ceiling = backoff.ceiling(failures)
    assert ceiling <= cap
    if retry_after is None:
        assert 0 <= delay <= ceiling
    else:
        assert min(retry_after, MAX_RETRY_AFTER_S) <= delay <= max(ceiling, min(retry_after, MAX_RETRY_AFTER_S))


@given(failures=st.integers(min_value=1, max_value=200))
def test_backoff_window_grows_then_holds_at_the_cap(failures: int) -> None:
    backoff = Backoff(base_s=2, cap_s=300)
    assert backoff.ceiling(failures) <= backoff.ceiling(failures + 1) <= 300


def test_full_jitter_spreads_retries() -> None:
    backoff = Backoff(base_s=2, cap_s=300)
    rng = random.Random(1)
    delays = [backoff.delay(12, rng) for _ in range(1000)]
    # Kiosks coming back together must not retry in step: the delays cover the window.
    assert min(delays) < 30 and max(delays) > 270


@given(st.text(max_size=40))
def test_retry_after_never_raises(value: str) -> None:
    seconds = parse_retry_after(value, NOW)
    assert seconds is None or 0 <= seconds <= MAX_RETRY_AFTER_S


def test_retry_after_forms() -> None:
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after("Tue, 24 Nov 2026 12:00:30 GMT", NOW) == 30
    assert parse_retry_after("soon", NOW) is None


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                 max_size=4), max_leaves=20)


@given(body=st.dictionaries(st.sampled_from(["results", "server_time_utc", "x"]), JSON, max_size=3),
       sent=st.sets(st.sampled_from(["a", "b", "c"])))
def test_any_answer_is_either_understood_or_refused(body: dict[str, object], sent: set[str]) -> None:
    try:
        results = parse_event_results(body, sent)
    except TransportError:
        return
    assert all(r.id in sent and r.status in {"accepted", "duplicate", "rejected"} for r in results)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "zzz"]), st.sampled_from(["accepted", "duplicate",
                                                                                "rejected"])), max_size=6))
def test_verdicts_on_ids_not_sent_are_ignored(pairs: list[tuple[str, str]]) -> None:
    body = {"results": [{"id": i, "status": s, "code": "c", "reason": "r"} for i, s in pairs]}
    results = parse_event_results(body, {"a", "b"})
    assert [r.id for r in results] == [i for i, _ in pairs if i != "zzz"]
