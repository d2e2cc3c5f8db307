"""Property tests: the backoff schedule and the parsing of server answers."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from kiosk.sync.backoff import MAX_RETRY_AFTER_S, Backoff, parse_retry_after
from kiosk.sync.client import RESULT_STATUSES, EventResult, TransportError, parse_event_results

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
STATUSES = sorted(RESULT_STATUSES)  # accepted, duplicate, rejected
IDS = st.uuids().map(str)
ABSENT = object()  # a key the item leaves out
# code and reason are free text the kiosk stores: long ones are cut, other types read as "".
CODES = st.text(max_size=20) | st.text(min_size=101, max_size=130) | st.none() | st.integers() | st.just(ABSENT)
REASONS = st.text(max_size=20) | st.text(min_size=501, max_size=520) | st.none() | st.just(ABSENT)


def stored(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


@st.composite
def verdict(draw: st.DrawFn, event_id: object) -> tuple[dict[str, object], EventResult | None]:
    """One item of ``results``, and what the kiosk should make of it when ``event_id`` is one it sent."""
    status = draw(st.sampled_from(STATUSES))
    item: dict[str, object] = {"status": status}
    if event_id is not ABSENT:
        item["id"] = event_id
    code, reason = draw(CODES), draw(REASONS)
    for key, value in (("code", code), ("reason", reason)):
        if value is not ABSENT:
            item[key] = value
    expected = EventResult(event_id, status, stored(code, 100), stored(reason, 500)) \
        if isinstance(event_id, str) else None
    return item, expected


@st.composite
def valid_answers(draw: st.DrawFn) -> tuple[dict[str, object], set[str], list[EventResult]]:
    """A well-formed answer to a batch: verdicts on some of the events sent (at least one), in any
    order, mixed with verdicts on ids the kiosk never sent; returns (body, sent ids, expected results)."""
    sent = draw(st.lists(IDS, min_size=1, max_size=8, unique=True))
    named = draw(st.lists(st.sampled_from(sent), min_size=1, unique=True))
    strangers = draw(st.lists(IDS.filter(lambda i: i not in sent) | st.integers() | st.none() | st.just(ABSENT),
                              max_size=3))
    items = [draw(verdict(event_id)) for event_id in named]
    items += [(draw(verdict(stranger))[0], None) for stranger in strangers]
    items = draw(st.permutations(items))
    body: dict[str, object] = {"results": [item for item, _ in items]}
    if draw(st.booleans()):
        body["server_time_utc"] = "2026-11-24T12:00:00.000Z"
    if draw(st.booleans()):
        body["x-future"] = draw(JSON)  # fields the kiosk does not know yet are ignored
    return body, set(sent), [result for _, result in items if result is not None]


@given(valid_answers())
def test_a_valid_answer_yields_the_verdict_on_each_event_sent(
        answer: tuple[dict[str, object], set[str], list[EventResult]]) -> None:
    body, sent, expected = answer
    results = parse_event_results(body, sent)
    assert results == expected
    for result in results:
        event(f"status {result.status}")  # hypothesis --hypothesis-show-statistics: all three occur


BROKEN_STATUSES = (st.text(max_size=12).filter(lambda s: s not in RESULT_STATUSES)
                   | st.sampled_from(["ACCEPTED", " accepted", "Duplicate", "rejected\n", "ok"])
                   | st.integers() | st.none() | st.lists(st.sampled_from(STATUSES), min_size=1, max_size=1))


@st.composite
def broken_answers(draw: st.DrawFn) -> tuple[dict[str, object], set[str]]:
    """A valid answer broken in one place: the kiosk must refuse it whole and mark nothing."""
    body, sent, _ = draw(valid_answers())
    items = body["results"]
    assert isinstance(items, list)
    how = draw(st.sampled_from(["no results", "results not a list", "item not an object", "unknown status",
                                "no status"]))
    event(how)
    if how == "no results":
        del body["results"]
    elif how == "results not a list":
        body["results"] = draw(JSON.filter(lambda v: not isinstance(v, list)))
    elif how == "item not an object":
        items.insert(draw(st.integers(0, len(items))), draw(JSON.filter(lambda v: not isinstance(v, dict))))
    else:
        # Any item, even one about an event the kiosk never sent: the answer does not
        # follow the contract, so none of its verdicts can be trusted.
        item = items[draw(st.integers(0, len(items) - 1))]
        if how == "no status":
            del item["status"]
        else:
            item["status"] = draw(BROKEN_STATUSES)
    return body, sent


@given(broken_answers())
# An unhashable status once escaped as TypeError (the status was looked up in a set).
@example(({"results": [{"id": "a", "status": ["accepted"]}]}, {"a"}))
@example(({"results": [{"id": "a", "status": "accepted"}, {"id": "b", "status": {}}]}, {"a"}))
def test_a_broken_answer_is_refused_whole(answer: tuple[dict[str, object], set[str]]) -> None:
    body, sent = answer
    with pytest.raises(TransportError):
        parse_event_results(body, sent)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "zzz"]), st.sampled_from(["accepted", "duplicate",
                                                                                "rejected"])), max_size=6))
def test_verdicts_on_ids_not_sent_are_ignored(pairs: list[tuple[str, str]]) -> None:
    body = {"results": [{"id": i, "status": s, "code": "c", "reason": "r"} for i, s in pairs]}
    results = parse_event_results(body, {"a", "b"})
    assert [r.id for r in results] == [i for i, _ in pairs if i != "zzz"]
