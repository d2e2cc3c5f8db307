"""Ratings in the core: finding the ticket, one rating per ticket, the plain
verdicts, each rating stored with its outbox event, and the quick-rating throttle."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.ratings import (
    CRITERIA,
    Criterion,
    NotRatable,
    QuickSource,
    RatingDesk,
    RatingKind,
    Verdict,
)
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.support import moscow, throttled_count

ALL_FIVE = {c: g for c, g in zip(CRITERIA, (5, 4, 3, 2, 1), strict=True)}


@pytest.fixture
def ratings(store: Store, config: Config, desk: TicketDesk) -> RatingDesk:
    return RatingDesk(store, config, desk)


def rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.db.conn.execute(sql).fetchall()]


def rating_events(store: Store) -> list[dict[str, object]]:
    return [json.loads(p) for (p,) in store.db.conn.execute(
        "SELECT payload FROM outbox WHERE kind = 'rating.submitted' ORDER BY seq")]


# -- finding the ticket --------------------------------------------------------------

def test_ticket_found_by_number_as_typed_and_by_its_link(ratings: RatingDesk, desk: TicketDesk,
                                                         config: Config) -> None:
    ticket = desk.issue("passport-internal", "ru")
    assert ticket.display == "П001"
    for typed in ("П001", "п1", "П 01", "  п-001 "):
        assert ratings.find_ticket(typed).id == ticket.id
    assert ratings.find_ticket(ticket.link).display == "П001"
    assert ratings.find_ticket(ticket.id.upper()).id == ticket.id


def test_latin_lookalike_letter_is_read_as_cyrillic(ratings: RatingDesk, desk: TicketDesk) -> None:
    ticket = desk.issue("child-benefits", "ru")
    assert ticket.display == "С001"
    assert ratings.find_ticket("C1").id == ticket.id  # a Latin C from a hardware keyboard


def test_link_scanned_while_the_russian_layout_is_active(ratings: RatingDesk, desk: TicketDesk) -> None:
    ticket = desk.issue("pickup", "ru")
    # What a scanner emulating a US keyboard produces when the system layout is Russian.
    us = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./:"
    ru = "ёйцукенгшщзхъфывапролджэячсмитьбю.Ж"
    garbled = ticket.link.translate(str.maketrans(us, ru))
    assert garbled != ticket.link
    assert ratings.find_ticket(garbled).id == ticket.id


@pytest.mark.parametrize("text", ["", "   ", "017", "ПП017", "П0", "П1000", "hello world",
                                  "https://other.invalid/x/0f8fad5b-d9cb-469f-a165-70867728950e"])
def test_unreadable_input_says_so(ratings: RatingDesk, text: str) -> None:
    with pytest.raises(NotRatable) as caught:
        ratings.find_ticket(text)
    assert caught.value.verdict is Verdict.UNREADABLE


def test_unknown_number_and_unknown_link(ratings: RatingDesk, desk: TicketDesk, config: Config) -> None:
    desk.issue("passport-internal", "ru")
    with pytest.raises(NotRatable) as caught:
        ratings.find_ticket("П002")
    assert (caught.value.verdict, caught.value.display) == (Verdict.UNKNOWN, "П002")
    with pytest.raises(NotRatable) as caught:
        ratings.find_ticket(config.link_template.format(uuid="0f8fad5b-d9cb-469f-a165-70867728950e"))
    assert caught.value.verdict is Verdict.UNKNOWN


def test_number_from_another_kiosks_block(store: Store, config: Config, catalog: Catalog) -> None:
    narrow = config.with_overrides(block_start=1, block_end=499)
    ratings = RatingDesk(store, narrow, TicketDesk(store, narrow, catalog))
    with pytest.raises(NotRatable) as caught:
        ratings.find_ticket("П517")
    assert (caught.value.verdict, caught.value.display) == (Verdict.OTHER_KIOSK, "П517")


def test_yesterdays_ticket_by_link_and_by_number(ratings: RatingDesk, desk: TicketDesk,
                                                 clock: ManualClock) -> None:
    old = desk.issue("passport-internal", "ru")
    clock.advance(days=1)
    with pytest.raises(NotRatable) as by_link:
        ratings.find_ticket(old.link)
    assert (by_link.value.verdict, by_link.value.display) == (Verdict.OTHER_DAY, "П001")
    with pytest.raises(NotRatable) as by_number:
        ratings.find_ticket("П001")
    assert by_number.value.verdict is Verdict.OTHER_DAY
    # Today's П001 is a different visitor's ticket, and it is the one found.
    today = desk.issue("passport-internal", "ru")
    assert ratings.find_ticket("П001").id == today.id


def test_cancelled_ticket_cannot_be_rated(ratings: RatingDesk, desk: TicketDesk, store: Store) -> None:
    ticket = desk.issue("snils", "ru")
    with store.transaction() as conn:
        conn.execute("UPDATE tickets SET status = 'cancelled', cancel_reason = 'left', "
                     "cancelled_utc = '2026-11-24T07:10:00.000Z' WHERE id = ?", (ticket.id,))
    with pytest.raises(NotRatable) as caught:
        ratings.find_ticket(ticket.display)
    assert caught.value.verdict is Verdict.CANCELLED


# -- ticket ratings ------------------------------------------------------------------

def test_rating_is_stored_with_its_outbox_event(ratings: RatingDesk, desk: TicketDesk, store: Store,
                                                config: Config) -> None:
    ticket = desk.issue("passport-foreign", "ru")
    found = ratings.find_ticket("П1")
    scores = {Criterion.WAITING_TIME: 5, Criterion.STAFF: 4}  # three criteria skipped
    rating = ratings.rate_ticket(found.id, scores, "  Быстро и вежливо  ", "ru")
    assert rating.kind is RatingKind.TICKET
    stored = rows(store, "SELECT kind, ticket_id, service_id, served_window, kiosk_id, scores, overall, comment, "
                         "language, business_day FROM ratings")
    assert stored == [("ticket", ticket.id, "passport-foreign", None, config.kiosk_id,
                       '{"staff": 4, "waiting_time": 5}', None, "Быстро и вежливо", "ru", "2026-11-24")]
    [event] = rating_events(store)
    assert event["rating_id"] == rating.id and event["ticket_id"] == ticket.id
    assert event["ticket_number"] == "П001"
    assert event["scores"] == {"waiting_time": 5, "staff": 4}
    assert event["served_window"] is None and event["centre_id"] == config.centre_id
    assert event["comment"] == "Быстро и вежливо"


def test_one_rating_per_ticket(ratings: RatingDesk, desk: TicketDesk, store: Store) -> None:
    desk.issue("pickup", "ru")
    first = ratings.find_ticket("В001")
    ratings.rate_ticket(first.id, ALL_FIVE, "", "en")
    with pytest.raises(NotRatable) as again:
        ratings.find_ticket("В001")
    assert again.value.verdict is Verdict.ALREADY_RATED
    # A second screen that found the ticket before the first rating was sent.
    with pytest.raises(NotRatable) as late:
        ratings.rate_ticket(first.id, {Criterion.COMFORT: 1}, "", "en")
    assert late.value.verdict is Verdict.ALREADY_RATED
    assert rows(store, "SELECT count(*) FROM ratings") == [(1,)]
    assert len(rating_events(store)) == 1


def test_ticket_cancelled_while_the_visitor_rates(ratings: RatingDesk, desk: TicketDesk, store: Store) -> None:
    desk.issue("snils", "ru")
    found = ratings.find_ticket("Ф001")
    with store.transaction() as conn:
        conn.execute("UPDATE tickets SET status = 'cancelled' WHERE id = ?", (found.id,))
    with pytest.raises(NotRatable) as caught:
        ratings.rate_ticket(found.id, ALL_FIVE, "", "ru")
    assert caught.value.verdict is Verdict.CANCELLED
    assert rows(store, "SELECT count(*) FROM ratings") == [(0,)]
    assert rating_events(store) == []


@pytest.mark.parametrize(("scores", "comment"), [
    ({}, "only words"),
    ({Criterion.STAFF: 6}, ""),
    ({Criterion.STAFF: 0}, ""),
    ({Criterion.STAFF: 5}, "я" * 501),
])
def test_bad_ratings_are_refused_and_nothing_is_written(ratings: RatingDesk, desk: TicketDesk, store: Store,
                                                        scores: dict[Criterion, int], comment: str) -> None:
    desk.issue("snils", "ru")
    found = ratings.find_ticket("Ф001")
    with pytest.raises(ValueError):
        ratings.rate_ticket(found.id, scores, comment, "ru")
    assert rows(store, "SELECT count(*) FROM ratings") == [(0,)]


def test_a_comment_of_exactly_500_characters_is_kept(ratings: RatingDesk, desk: TicketDesk, store: Store) -> None:
    desk.issue("snils", "ru")
    found = ratings.find_ticket("Ф001")
    ratings.rate_ticket(found.id, {Criterion.INFORMATION: 3}, "ж" * 500, "ru")
    assert rows(store, "SELECT length(comment) FROM ratings") == [(500,)]


def test_rating_and_event_commit_together(tmp_path: Path, clock: ManualClock, config: Config,
                                          catalog: Catalog) -> None:
    """If the outbox row cannot be written, the rating row is not kept either."""
    ids: Iterator[str] = iter(["ticket-1", "event-1", "rating-1", "event-1"])  # the last one collides
    store = Store.open(tmp_path / "atomic", clock, new_id=lambda: next(ids))
    try:
        desk = TicketDesk(store, config, catalog)
        ratings = RatingDesk(store, config, desk)
        desk.issue("pickup", "ru")
        with pytest.raises(Exception, match="UNIQUE"):
            ratings.rate_ticket("ticket-1", ALL_FIVE, "", "ru")
        assert rows(store, "SELECT count(*) FROM ratings") == [(0,)]
        assert rows(store, "SELECT kind FROM outbox") == [("ticket.issued",)]
    finally:
        store.close()


# -- quick ratings -------------------------------------------------------------------

def test_quick_ratings_are_throttled_and_the_throttled_taps_counted(ratings: RatingDesk, store: Store,
                                                                    clock: ManualClock) -> None:
    first = ratings.rate_quick(5, "ru", QuickSource.HOME)
    assert first.accepted and first.rating is not None and first.rating.overall == 5
    outcomes = []
    for _ in range(4):  # a child tapping away
        clock.advance(seconds=3)
        outcomes.append(ratings.rate_quick(1, "ru", QuickSource.HOME))
    assert [o.accepted for o in outcomes] == [False] * 4
    assert [o.throttled_today for o in outcomes] == [1, 2, 3, 4]
    assert rows(store, "SELECT count(*) FROM ratings") == [(1,)]
    clock.advance(seconds=20)
    later = ratings.rate_quick(4, "en", QuickSource.TICKET)
    assert later.accepted
    stored = rows(store, "SELECT kind, ticket_id, overall, scores, language FROM ratings ORDER BY created_utc")
    assert stored == [("quick", None, 5, "{}", "ru"), ("quick", None, 4, "{}", "en")]
    events = rating_events(store)
    assert [(e["overall"], e["source"], e["throttled_today"]) for e in events] == [(5, "home", 0), (4, "ticket", 4)]
    assert throttled_count(ratings) == 4


def test_throttle_count_and_gap_survive_a_restart(tmp_path: Path, clock: ManualClock, config: Config,
                                                  catalog: Catalog) -> None:
    def open_desk() -> tuple[Store, RatingDesk]:
        store = Store.open(tmp_path / "restart", clock)
        return store, RatingDesk(store, config, TicketDesk(store, config, catalog))

    store, ratings = open_desk()
    ratings.rate_quick(3, "ru", QuickSource.HOME)
    ratings.rate_quick(3, "ru", QuickSource.HOME)
    store.close()
    store, ratings = open_desk()
    try:
        assert not ratings.rate_quick(2, "ru", QuickSource.HOME).accepted
        assert throttled_count(ratings) == 2
        assert throttled_count(ratings, dt.date(2026, 11, 23)) == 0
    finally:
        store.close()


def test_gap_is_configurable_and_zero_means_no_limit(store: Store, config: Config, desk: TicketDesk,
                                                     clock: ManualClock) -> None:
    unlimited = RatingDesk(store, config.with_overrides(quick_rating_gap_s=0), desk)
    assert all(unlimited.rate_quick(g, "ru", QuickSource.HOME).accepted for g in (1, 2, 3))
    long_gap = RatingDesk(store, config.with_overrides(quick_rating_gap_s=300), desk)
    clock.advance(seconds=299)
    assert not long_gap.rate_quick(5, "ru", QuickSource.HOME).accepted
    clock.advance(seconds=1)
    assert long_gap.rate_quick(5, "ru", QuickSource.HOME).accepted


def test_a_clock_stepped_back_does_not_lock_quick_ratings_out(ratings: RatingDesk, clock: ManualClock) -> None:
    assert ratings.rate_quick(5, "ru", QuickSource.HOME).accepted
    clock.set(moscow(2026, 11, 24, 9, 0))  # an hour earlier
    assert ratings.rate_quick(5, "ru", QuickSource.HOME).accepted


def test_throttled_taps_are_counted_per_business_day(ratings: RatingDesk, clock: ManualClock) -> None:
    ratings.rate_quick(5, "ru", QuickSource.HOME)
    ratings.rate_quick(5, "ru", QuickSource.HOME)
    clock.advance(days=1)
    ratings.rate_quick(5, "ru", QuickSource.HOME)
    ratings.rate_quick(5, "ru", QuickSource.HOME)
    ratings.rate_quick(5, "ru", QuickSource.HOME)
    assert throttled_count(ratings, dt.date(2026, 11, 24)) == 1
    assert throttled_count(ratings) == 2


@pytest.mark.parametrize(("grade", "language"), [(0, "ru"), (6, "ru"), (3, "de")])
def test_bad_quick_grade_is_refused(ratings: RatingDesk, store: Store, grade: int, language: str) -> None:
    with pytest.raises(ValueError):
        ratings.rate_quick(grade, language, QuickSource.HOME)
    assert rows(store, "SELECT count(*) FROM ratings") == [(0,)]


def test_criteria_are_the_five_federal_ones_in_order() -> None:
    assert [c.value for c in CRITERIA] == ["service_time", "waiting_time", "staff", "comfort", "information"]


def test_rating_events_meet_the_servers_contract(ratings: RatingDesk, desk: TicketDesk, store: Store,
                                                 config: Config) -> None:
    """The reference server's own validator accepts both kinds of rating event."""
    from central.validation import ValidEvent, validate_event

    desk.issue("pickup", "ru")
    ratings.rate_ticket(ratings.find_ticket("В001").id, {Criterion.STAFF: 5}, "", "ru")
    ratings.rate_quick(3, "en", QuickSource.HOME)
    outbox = store.db.conn.execute("SELECT seq, id, kind, schema, occurred_utc, payload FROM outbox "
                                   "WHERE kind = 'rating.submitted' ORDER BY seq").fetchall()
    assert len(outbox) == 2
    for seq, event_id, kind, schema, occurred, payload in outbox:
        envelope = {"id": event_id, "kind": kind, "schema": schema, "kiosk_id": config.kiosk_id,
                    "occurred_utc": occurred, "seq": seq, "payload": json.loads(payload)}
        assert isinstance(validate_event(envelope, config.kiosk_id), ValidEvent), envelope
    ticket_event, quick_event = (json.loads(row[5]) for row in outbox)
    assert "overall" not in ticket_event and ticket_event["scores"] == {"staff": 5}
    assert "scores" not in quick_event and quick_event["overall"] == 3
