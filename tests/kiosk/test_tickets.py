"""Issuing: the wait estimate, opening hours and closing, and that a ticket
and its outbox event are stored together or not at all."""

from __future__ import annotations

import json
import sqlite3

import pytest

from kiosk import migrations
from kiosk.clock import ManualClock, iso_utc
from kiosk.config import Config
from kiosk.hours import parse_weekly_hours
from kiosk.store import Store
from kiosk.tickets import LIVE_FIGURES_MAX_AGE_S, Estimate, Refusal, TicketDesk, TicketRefused, category_windows
from tests.support import moscow


def test_wait_estimate_follows_windows_and_average_minutes(desk: TicketDesk) -> None:
    # «Консультация»: 2 windows, 6 minutes each.
    category = desk.catalog.category("consultation")
    assert category_windows(category) == 2
    tickets = [desk.issue("consultation", "ru") for _ in range(5)]
    assert [(t.people_ahead, t.wait_minutes) for t in tickets] == [(0, 0), (0, 0), (0, 6), (1, 6), (2, 12)]
    estimate = desk.estimate(category)
    assert (estimate.people_ahead, estimate.wait_minutes) == (3, 12)


def test_queue_drains_as_time_passes(desk: TicketDesk, clock: ManualClock) -> None:
    for _ in range(5):
        desk.issue("consultation", "ru")
    clock.advance(minutes=7)
    estimate = desk.estimate(desk.catalog.category("consultation"))
    assert (estimate.people_ahead, estimate.wait_minutes) == (1, 5)
    clock.advance(minutes=30)
    estimate = desk.estimate(desk.catalog.category("consultation"))
    assert (estimate.people_ahead, estimate.wait_minutes) == (0, 0)


def test_overview_counts_all_queues(desk: TicketDesk) -> None:
    for _ in range(4):
        desk.issue("consultation", "ru")
    for _ in range(5):
        desk.issue("pickup", "ru")  # 3 windows, 4 minutes
    # Consultation: 2 waiting, a newcomer waits 12 min; pick-up: 2 waiting, 4 min.
    assert desk.overview() == (2 + 2, 12)


def test_over_norm_flag(desk: TicketDesk) -> None:
    tickets = [desk.issue("consultation", "ru") for _ in range(8)]
    assert not tickets[5].over_norm
    assert tickets[-1].wait_minutes == 18 and tickets[-1].over_norm


def test_closed_centre_refuses_and_says_when_it_opens(desk: TicketDesk, clock: ManualClock) -> None:
    clock.set(moscow(2026, 11, 24, 21, 30))
    with pytest.raises(TicketRefused) as refused:
        desk.issue("pickup", "ru")
    assert refused.value.reason is Refusal.CENTRE_CLOSED
    assert refused.value.opens_at == moscow(2026, 11, 25, 8, 0)
    assert desk.centre_opens_at() == moscow(2026, 11, 25, 8, 0)
    assert desk.store.pending_events() == 0


def test_no_ticket_whose_call_would_fall_after_closing(desk: TicketDesk, clock: ManualClock) -> None:
    clock.set(moscow(2026, 11, 24, 19, 40))
    issued = []
    with pytest.raises(TicketRefused) as refused:
        for _ in range(20):
            issued.append(desk.issue("property-rights", "ru"))  # 20 minutes; the category has 3 windows
    assert refused.value.reason is Refusal.PAST_CLOSING
    assert refused.value.opens_at == moscow(2026, 11, 25, 8, 0)
    assert all(t.est_call_utc < moscow(2026, 11, 24, 20, 0) for t in issued)
    assert len(issued) == 3  # three windows call at 19:40; the fourth visitor would be called at 20:00


def test_service_with_its_own_hours(desk: TicketDesk, clock: ManualClock, catalog) -> None:
    import dataclasses

    service = catalog.service("pickup")
    limited = dataclasses.replace(service, hours=parse_weekly_hours({"daily": "12:00-16:00"}))
    clock.set(moscow(2026, 11, 24, 10, 0))
    availability = desk.availability(limited)
    assert not availability.open
    assert availability.reason is Refusal.SERVICE_CLOSED
    assert availability.opens_at == moscow(2026, 11, 24, 12, 0)


def test_unknown_service(desk: TicketDesk) -> None:
    with pytest.raises(TicketRefused) as refused:
        desk.issue("no-such-service", "ru")
    assert refused.value.reason is Refusal.UNKNOWN_SERVICE


def test_ticket_row_and_outbox_event_match(desk: TicketDesk) -> None:
    ticket = desk.issue("passport-foreign", "en")
    conn = desk.store.db.conn
    conn.row_factory = sqlite3.Row
    row = conn.execute("SELECT * FROM tickets WHERE id = ?", (ticket.id,)).fetchone()
    event = conn.execute("SELECT * FROM outbox").fetchone()
    assert (row["display"], row["service_id"], row["kiosk_id"], row["language"]) == (
        "П001", "passport-foreign", desk.config.kiosk_id, "en")
    assert row["issued_utc"].endswith("Z")
    assert event["kind"] == "ticket.issued" and event["state"] == "pending"
    payload = json.loads(event["payload"])
    assert payload["ticket_id"] == ticket.id and payload["number"] == "П001"
    assert ticket.link == desk.config.link_template.format(uuid=ticket.id)


def test_a_failing_outbox_write_leaves_no_ticket_and_no_number_used(desk: TicketDesk) -> None:
    desk.issue("pickup", "ru")
    conn = desk.store.db.conn
    conn.execute("CREATE TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(sqlite3.IntegrityError):
        desk.issue("pickup", "ru")
    conn.execute("DROP TRIGGER fail_outbox")
    assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1
    assert desk.issue("pickup", "ru").display == "В002"  # the failed attempt used no number


def test_print_results_are_recorded_and_failures_queued(desk: TicketDesk) -> None:
    ok = desk.issue("pickup", "ru")
    bad = desk.issue("pickup", "ru")
    desk.record_print(ok.id, True)
    desk.record_print(bad.id, False, "paper out")
    conn = desk.store.db.conn
    states = dict(conn.execute("SELECT id, print_state FROM tickets").fetchall())
    assert states == {ok.id: "printed", bad.id: "failed"}
    kinds = [r[0] for r in conn.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds == ["ticket.issued", "ticket.issued", "print.failed"]


def test_store_is_wal_with_full_sync(store: Store) -> None:
    conn = store.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2


@pytest.mark.expect_log("kiosk.store")
def test_damaged_database_is_moved_aside_not_deleted(tmp_path, clock: ManualClock, config: Config,
                                                     catalog) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.db").write_bytes(b"this is not a database" * 100)
    store = Store.open(data, clock)
    assert store.health.moved_aside is not None and store.health.moved_aside.exists()
    assert store.health.moved_aside.read_bytes().startswith(b"this is not a database")
    assert TicketDesk(store, config, catalog).issue("pickup", "ru").display == "В001"
    store.close()


def test_reopening_applies_no_migration_twice(tmp_path, clock: ManualClock) -> None:
    Store.open(tmp_path, clock).close()
    store = Store.open(tmp_path, clock)
    names = [r[0] for r in store.db.conn.execute("SELECT name FROM _sqlite_migrations")]
    assert names == list(migrations.names())
    store.close()


def put_live_figures(desk: TicketDesk, fetched, services: list[dict]) -> None:
    with desk.store.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO server_cache (name, etag, body, fetched_utc) VALUES ('queue', NULL, ?, ?)",
                   (json.dumps({"as_of_utc": iso_utc(fetched), "services": services}), iso_utc(fetched)))


def test_fresh_live_figures_drive_the_estimate(desk: TicketDesk, clock: ManualClock) -> None:
    put_live_figures(desk, clock.now_utc(), [
        {"service_id": "consultation", "waiting": 6, "open_windows": 2, "avg_service_minutes": 5}])
    category = desk.catalog.category("consultation")
    assert desk.estimate(category) == Estimate(people_ahead=6, wait_minutes=15)
    ticket = desk.issue("consultation", "ru")
    assert (ticket.people_ahead, ticket.wait_minutes) == (6, 15)
    # The server does not know this kiosk's new ticket yet; the kiosk counts it.
    assert desk.estimate(category).people_ahead == 7


def test_stale_or_windowless_live_figures_fall_back_to_the_local_estimate(desk: TicketDesk,
                                                                          clock: ManualClock) -> None:
    category = desk.catalog.category("consultation")
    put_live_figures(desk, clock.now_utc(), [
        {"service_id": "consultation", "waiting": 6, "open_windows": 0, "avg_service_minutes": 5}])
    assert desk.estimate(category) == Estimate(0, 0)
    put_live_figures(desk, clock.now_utc(), [
        {"service_id": "consultation", "waiting": 6, "open_windows": 2, "avg_service_minutes": 5}])
    clock.advance(seconds=LIVE_FIGURES_MAX_AGE_S + 1)
    assert desk.estimate(category) == Estimate(0, 0)
