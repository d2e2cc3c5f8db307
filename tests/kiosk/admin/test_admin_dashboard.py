"""The consultant's figures for a day match what the store holds."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.admin.dashboard import compute_dashboard
from kiosk.admin.desk import cancel_ticket
from kiosk.admin.pins import CONSULTANT
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.ratings import Criterion, QuickSource, RatingDesk
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.support import moscow

C = Criterion


@pytest.fixture
def ratings(store: Store, config: Config, desk: TicketDesk) -> RatingDesk:
    return RatingDesk(store, config.with_overrides(quick_rating_gap_s=0), desk)


def test_an_empty_day(desk: TicketDesk) -> None:
    board = compute_dashboard(desk)
    assert (board.issued, board.waiting_now, board.average_wait, board.longest_wait) == (0, 0, None, 0)
    assert board.ticket_grades.good_share is None and board.quick.count == 0
    assert board.ticket_grades.meets_target is None


def test_seeded_day(desk: TicketDesk, ratings: RatingDesk, clock: ManualClock) -> None:
    clock.set(moscow(2026, 11, 24, 9, 10))
    a = desk.issue("passport-internal", "ru")
    b = desk.issue("passport-internal", "ru")
    clock.set(moscow(2026, 11, 24, 9, 50))
    c = desk.issue("pickup", "en")
    clock.set(moscow(2026, 11, 24, 11, 5))
    tickets = [desk.issue("driving-licence", "ru") for _ in range(4)]  # two windows: the last two wait
    cancel_ticket(desk, CONSULTANT, tickets[3].id, "duplicate")

    ratings.rate_ticket(a.id, {C.SERVICE_TIME: 5, C.WAITING_TIME: 4, C.STAFF: 5}, "", "ru")
    ratings.rate_ticket(b.id, {C.SERVICE_TIME: 3, C.WAITING_TIME: 2, C.STAFF: 5, C.COMFORT: 4}, "", "ru")
    ratings.rate_ticket(c.id, {C.SERVICE_TIME: 4}, "", "en")
    for grade in (5, 5, 1):
        ratings.rate_quick(grade, "ru", QuickSource.HOME)

    board = compute_dashboard(desk)
    assert board.day == dt.date(2026, 11, 24)
    assert (board.issued, board.cancelled) == (7, 1)
    assert board.per_service == {"driving-licence": 4, "passport-internal": 2, "pickup": 1}
    assert board.per_hour == {9: 3, 11: 4}
    # Expected waits as given at issue; the cancelled ticket is left out.
    waits = [t.wait_minutes for t in (a, b, c, *tickets[:3])]
    assert waits == [0, 0, 0, 0, 0, 14]
    assert board.average_wait == pytest.approx(sum(waits) / 6)
    assert board.longest_wait == 14 and board.over_norm == 0
    assert board.waiting_now == desk.overview()[0] == 1

    assert board.ticket_ratings == 3
    assert board.criteria["service_time"].count == 3
    assert board.criteria["service_time"].average == pytest.approx(4.0)
    assert board.criteria["waiting_time"].good_share == pytest.approx(0.5)
    assert board.criteria["comfort"].count == 1
    # Eight criterion grades, six of them 4 or 5: 75%, under the 85% target.
    assert board.ticket_grades.count == 8
    assert board.ticket_grades.good_share == pytest.approx(6 / 8)
    assert board.ticket_grades.meets_target is False
    assert (board.quick.count, board.quick.average) == (3, pytest.approx(11 / 3))
    assert board.quick.good_share == pytest.approx(2 / 3)
    assert board.target == 0.85

    # Another day's figures are that day's only.
    clock.set(moscow(2026, 11, 25, 9, 0))
    desk.issue("pickup", "ru")
    assert compute_dashboard(desk).issued == 1
    yesterday = compute_dashboard(desk, dt.date(2026, 11, 24))
    assert yesterday.issued == 7 and yesterday.waiting_now == 0
