"""A consultant's actions: each changes the store, leaves an audit row and
queues the matching events for the server, in one transaction."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk.admin.banner import clear_banner, current_banner, set_banner
from kiosk.admin.desk import (
    TicketActionRefused,
    TicketProblem,
    cancel_ticket,
    find_today,
    print_summary,
    record_reprint,
    record_test_page,
)
from kiosk.admin.pins import CONSULTANT, OPERATOR
from kiosk.audit import record_action
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.health import health_report, log_tail
from kiosk.pauses import active_pauses, pause_service, resume_service
from kiosk.store import Store
from kiosk.tickets import Refusal, TicketDesk, TicketRefused
from tests.support import moscow


def events(store: Store, kind: str) -> list[dict[str, object]]:
    rows = store.db.conn.execute("SELECT payload FROM outbox WHERE kind = ? ORDER BY seq", (kind,))
    return [json.loads(r[0]) for r in rows]


def audit_rows(store: Store) -> list[tuple[str | None, str, dict[str, object]]]:
    rows = store.db.conn.execute("SELECT role, action, details FROM audit ORDER BY created_utc, rowid")
    return [(r[0], r[1], json.loads(r[2])) for r in rows]


def test_a_paused_service_refuses_tickets_until_resumed(desk: TicketDesk, store: Store) -> None:
    service = desk.catalog.service("passport-internal")
    assert desk.availability(service).open
    pause_service(store, CONSULTANT, "passport-internal", "technical_failure")

    avail = desk.availability(service)
    assert (avail.open, avail.reason, avail.pause_reason) == (False, Refusal.PAUSED, "technical_failure")
    with pytest.raises(TicketRefused) as refused:
        desk.issue("passport-internal", "ru")
    assert refused.value.reason is Refusal.PAUSED and refused.value.pause_reason == "technical_failure"
    assert store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0
    desk.issue("passport-foreign", "ru")  # other services of the queue go on

    assert resume_service(store, CONSULTANT, "passport-internal")
    assert desk.issue("passport-internal", "ru").display == "П002"
    assert [(r, a, d) for r, a, d in audit_rows(store)] == [
        (CONSULTANT, "service.paused", {"service_id": "passport-internal", "reason_code": "technical_failure"}),
        (CONSULTANT, "service.resumed", {"service_id": "passport-internal"}),
    ]
    assert [e["action"] for e in events(store, "audit")] == ["service.paused", "service.resumed"]
    assert events(store, "audit")[0]["reason_code"] == "technical_failure"


def test_a_pause_survives_a_restart(tmp_path: Path, clock: ManualClock, config: Config, catalog) -> None:
    store = Store.open(tmp_path / "d", clock)
    pause_service(store, CONSULTANT, "snils", "staff_shortage")
    store.close()
    store = Store.open(tmp_path / "d", clock)
    try:
        desk = TicketDesk(store, config, catalog)
        assert desk.availability(catalog.service("snils")).reason is Refusal.PAUSED
    finally:
        store.close()


def test_closed_today_lapses_at_midnight_other_reasons_hold(desk: TicketDesk, store: Store,
                                                            clock: ManualClock) -> None:
    pause_service(store, CONSULTANT, "snils", "closed_today")
    pause_service(store, CONSULTANT, "pickup", "system_maintenance")
    assert set(active_pauses(store, desk.now_local())) == {"snils", "pickup"}
    clock.set(moscow(2026, 11, 25, 9, 0))
    assert set(active_pauses(store, desk.now_local())) == {"pickup"}
    assert desk.availability(desk.catalog.service("snils")).open


def test_unknown_pause_reason_is_refused(store: Store) -> None:
    with pytest.raises(ValueError):
        pause_service(store, CONSULTANT, "snils", "lunch")
    assert audit_rows(store) == []


def test_a_server_pause_is_not_lifted_by_a_consultant(desk: TicketDesk, store: Store) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT INTO paused_services VALUES ('snils', 'other', '2026-11-24T07:00:00.000Z', 'server')")
    assert not resume_service(store, CONSULTANT, "snils")
    assert desk.availability(desk.catalog.service("snils")).reason is Refusal.PAUSED
    assert audit_rows(store) == []


def test_cancel_a_ticket_with_a_reason(desk: TicketDesk, store: Store, clock: ManualClock) -> None:
    # Transport has two windows: the first two tickets are called at once, two wait.
    tickets = [desk.issue("driving-licence", "ru") for _ in range(4)]
    first, second = tickets[2], tickets[3]
    transport = desk.catalog.category("transport")
    assert desk.estimate(transport).people_ahead == 2
    clock.advance(minutes=3)

    record = cancel_ticket(desk, CONSULTANT, first.id, "visitor_left")
    assert record.cancelled and record.cancel_reason == "visitor_left"
    assert record.cancelled_utc == clock.now_utc()
    row = store.db.conn.execute("SELECT status, cancel_reason FROM tickets WHERE id = ?", (first.id,)).fetchone()
    assert row == ("cancelled", "visitor_left")
    assert events(store, "ticket.cancelled") == [
        {"ticket_id": first.id, "reason": "visitor_left", "cancelled_utc": "2026-11-24T07:03:00.000Z"}]
    assert audit_rows(store) == [(CONSULTANT, "ticket.cancelled",
                                  {"ticket_id": first.id, "number": "Т003", "reason": "visitor_left"})]
    # The cancelled ticket no longer counts as waiting.
    assert desk.estimate(transport).people_ahead == 1

    with pytest.raises(TicketActionRefused) as again:
        cancel_ticket(desk, CONSULTANT, first.id, "duplicate")
    assert again.value.problem is TicketProblem.CANCELLED
    with pytest.raises(TicketActionRefused) as reprint:
        record_reprint(desk, CONSULTANT, first.id)
    assert reprint.value.problem is TicketProblem.CANCELLED
    assert len(events(store, "ticket.cancelled")) == 1
    assert find_today(desk, 4)[0].ticket.id == second.id


def test_reprint_is_recorded(desk: TicketDesk, store: Store) -> None:
    ticket = desk.issue("pickup", "en")
    desk.record_print(ticket.id, False, "paper out")
    record = record_reprint(desk, OPERATOR, ticket.id)
    assert record.ticket == ticket
    assert events(store, "ticket.reprinted") == [{"ticket_id": ticket.id}]
    assert audit_rows(store) == [(OPERATOR, "ticket.reprinted", {"ticket_id": ticket.id, "number": "В001"})]
    # The new print's outcome is awaited again.
    assert store.db.conn.execute("SELECT print_state FROM tickets").fetchone()[0] == "pending"
    with pytest.raises(TicketActionRefused) as unknown:
        record_reprint(desk, OPERATOR, "no-such-ticket")
    assert unknown.value.problem is TicketProblem.UNKNOWN


def test_find_today_by_number_and_letter(desk: TicketDesk, clock: ManualClock) -> None:
    passport = desk.issue("passport-internal", "ru")
    pickup = desk.issue("pickup", "ru")
    assert [r.ticket.display for r in find_today(desk, 1)] == ["П001", "В001"]
    assert [r.ticket.id for r in find_today(desk, 1, "В")] == [pickup.id]
    assert find_today(desk, 2) == []
    clock.set(moscow(2026, 11, 25, 9, 0))
    assert find_today(desk, 1) == []  # yesterday's numbers are not today's
    assert passport.business_day == dt.date(2026, 11, 24)


def test_print_summary_counts_today_failures(desk: TicketDesk, store: Store, clock: ManualClock) -> None:
    assert print_summary(desk).last is None
    a = desk.issue("pickup", "ru")
    desk.record_print(a.id, False, "paper out")
    b = desk.issue("pickup", "ru")
    desk.record_print(b.id, True)
    record_test_page(desk, CONSULTANT, False, "cover open")
    record_test_page(desk, CONSULTANT, True)
    summary = print_summary(desk)
    assert summary.last is not None and summary.last.ticket.id == b.id and summary.last.print_state == "printed"
    assert summary.failed_today == 2
    assert [d for _, a_, d in audit_rows(store) if a_ == "printer.test_page"] == [
        {"ok": False, "error": "cover open"}, {"ok": True, "error": ""}]
    clock.set(moscow(2026, 11, 25, 9, 0))
    assert print_summary(desk).failed_today == 0


def test_banner_shows_until_it_expires(store: Store, clock: ManualClock) -> None:
    assert current_banner(store) is None
    until = clock.now_utc() + dt.timedelta(hours=2)
    set_banner(store, CONSULTANT, "  Сегодня   работаем до 18:00 ", "Open until 18:00 today", until)
    banner = current_banner(store)
    assert banner is not None and banner.text("ru") == "Сегодня работаем до 18:00"
    assert banner.text("en") == "Open until 18:00 today"
    clock.advance(hours=2)
    assert current_banner(store) is None
    set_banner(store, CONSULTANT, "Только по-русски", "", clock.now_utc() + dt.timedelta(hours=1))
    assert current_banner(store).text("en") == "Только по-русски"  # type: ignore[union-attr]
    clear_banner(store, OPERATOR)
    assert current_banner(store) is None
    assert [a for _, a, _ in audit_rows(store)] == ["banner.set", "banner.set", "banner.cleared"]
    assert len(events(store, "audit")) == 3
    with pytest.raises(ValueError):
        set_banner(store, CONSULTANT, " ", "", clock.now_utc() + dt.timedelta(hours=1))
    with pytest.raises(ValueError):
        set_banner(store, CONSULTANT, "x", "x", clock.now_utc())


def test_plain_actions_are_audited(store: Store) -> None:
    record_action(store, OPERATOR, "sync.now_requested")
    assert audit_rows(store) == [(OPERATOR, "sync.now_requested", {})]
    (payload,) = events(store, "audit")
    assert payload["action"] == "sync.now_requested" and payload["actor"] == OPERATOR


def test_health_report_and_log_tail(store: Store, config: Config, tmp_path: Path) -> None:
    data = tmp_path / "data"
    report = health_report(config, data)
    assert report.kiosk_id == config.kiosk_id and report.version
    assert report.db_bytes > 0 and report.disk_free_bytes is not None and report.disk_free_bytes > 0
    log = data / "logs" / "kiosk.log"
    log.parent.mkdir()
    log.write_text("".join(f"line {i}\n" for i in range(500)), encoding="utf-8")
    tail = log_tail(report.log_path)
    assert len(tail) == 200 and tail[0] == "line 300" and tail[-1] == "line 499"
    assert log_tail(tmp_path / "missing.log") == []
