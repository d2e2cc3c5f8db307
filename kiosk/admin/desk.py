"""A consultant's work on today's tickets: find by number, cancel with a reason,
reprint; and the printer's record for the day.

Cancelling and reprinting each write their ticket event (``ticket.cancelled``,
``ticket.reprinted``) and the audit entry in the same transaction as the change.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from dataclasses import dataclass

from kiosk.audit import PRINTER_TEST, audit
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.events import EventKind
from kiosk.tickets import (
    PRINT_ERROR_MAX,
    TICKET_COLUMNS,
    Ticket,
    TicketDesk,
    record_print_failure,
    ticket_from_row,
)

# Why a consultant cancels a ticket; the UI turns each into words.
CANCEL_REASONS = ("visitor_left", "duplicate", "wrong_service", "other")

# The audit actions name the ticket event they go with.
CANCELLED = EventKind.TICKET_CANCELLED.value
REPRINTED = EventKind.TICKET_REPRINTED.value

_COLUMNS = f"{TICKET_COLUMNS}, status, print_state, print_error, cancel_reason, cancelled_utc"


@dataclass(frozen=True)
class TicketRecord:
    """A stored ticket with what happened to it since."""

    ticket: Ticket
    status: str  # 'waiting' or 'cancelled' (the server may add others)
    print_state: str  # 'pending', 'printed' or 'failed'
    print_error: str | None
    cancel_reason: str | None
    cancelled_utc: dt.datetime | None

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


class TicketProblem(enum.Enum):
    UNKNOWN = "unknown"
    CANCELLED = "cancelled"


class TicketActionRefused(Exception):
    """An action on a ticket was not done; :attr:`problem` says why."""

    def __init__(self, problem: TicketProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def _record(desk: TicketDesk, row: sqlite3.Row | tuple[object, ...]) -> TicketRecord:
    values = list(row)
    cancelled = values[18]
    return TicketRecord(ticket=ticket_from_row(row, desk.config), status=str(values[14]),
                        print_state=str(values[15]),
                        print_error=None if values[16] is None else str(values[16]),
                        cancel_reason=None if values[17] is None else str(values[17]),
                        cancelled_utc=None if cancelled is None else parse_iso_utc(str(cancelled)))


def find_today(desk: TicketDesk, number: int, prefix: str | None = None) -> list[TicketRecord]:
    """Today's tickets with this number (of one queue letter, or of every letter), oldest first."""
    query = f"SELECT {_COLUMNS} FROM tickets WHERE business_day = ? AND number = ?"
    params: list[object] = [desk.business_day().isoformat(), number]
    if prefix is not None:
        query += " AND prefix = ?"
        params.append(prefix)
    rows = desk.store.db.conn.execute(query + " ORDER BY issued_utc, rowid", params).fetchall()
    return [_record(desk, row) for row in rows]


def load_ticket(desk: TicketDesk, ticket_id: str) -> TicketRecord | None:
    row = desk.store.db.conn.execute(f"SELECT {_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    return None if row is None else _record(desk, row)


def cancel_ticket(desk: TicketDesk, role: str | None, ticket_id: str, reason: str) -> TicketRecord:
    """Cancel a waiting ticket with a reason from :data:`CANCEL_REASONS`.

    Raises:
        ValueError: unknown reason.
        TicketActionRefused: unknown ticket, or already cancelled.
    """
    if reason not in CANCEL_REASONS:
        raise ValueError(f"unknown cancel reason {reason!r}")
    store = desk.store
    now = store.clock.now_utc()
    with store.transaction() as conn:
        row = conn.execute("SELECT status, display FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        if row is None:
            raise TicketActionRefused(TicketProblem.UNKNOWN)
        if row[0] == "cancelled":
            raise TicketActionRefused(TicketProblem.CANCELLED)
        conn.execute("UPDATE tickets SET status = 'cancelled', cancel_reason = ?, cancelled_utc = ? WHERE id = ?",
                     (reason, iso_utc(now), ticket_id))
        store.add_event(conn, EventKind.TICKET_CANCELLED, {"ticket_id": ticket_id, "reason": reason,
                                          "cancelled_utc": iso_utc(now)}, occurred=now)
        audit(store, conn, role, CANCELLED, {"ticket_id": ticket_id, "number": row[1], "reason": reason})
    record = load_ticket(desk, ticket_id)
    assert record is not None
    return record


def record_reprint(desk: TicketDesk, role: str | None, ticket_id: str) -> TicketRecord:
    """Note that a ticket is being printed again (the caller submits the print job).

    Raises:
        TicketActionRefused: unknown ticket, or cancelled (a cancelled number must not circulate).
    """
    record = load_ticket(desk, ticket_id)
    if record is None:
        raise TicketActionRefused(TicketProblem.UNKNOWN)
    if record.cancelled:
        raise TicketActionRefused(TicketProblem.CANCELLED)
    store = desk.store
    with store.transaction() as conn:
        conn.execute("UPDATE tickets SET print_state = 'pending', print_error = NULL WHERE id = ?", (ticket_id,))
        store.add_event(conn, EventKind.TICKET_REPRINTED, {"ticket_id": ticket_id})
        audit(store, conn, role, REPRINTED, {"ticket_id": ticket_id, "number": record.ticket.display})
    return record


def day_bounds_utc(desk: TicketDesk, day: dt.date) -> tuple[str, str]:
    """A local day's start and end as UTC text comparable with stored ``*_utc`` columns."""
    start = dt.datetime.combine(day, dt.time(0, 0), desk.config.tz)
    return iso_utc(start), iso_utc(start + dt.timedelta(days=1))


@dataclass(frozen=True)
class PrintSummary:
    """Today's printing: the latest ticket and how its print went, and today's failures."""

    last: TicketRecord | None
    failed_today: int  # every failed print today, reprints and test pages included


def print_summary(desk: TicketDesk) -> PrintSummary:
    conn = desk.store.db.conn
    day = desk.business_day()
    row = conn.execute(f"SELECT {_COLUMNS} FROM tickets WHERE business_day = ? "
                       "ORDER BY issued_utc DESC, rowid DESC LIMIT 1", (day.isoformat(),)).fetchone()
    # The outbox keeps every failure as an event, even after a reprint succeeded.
    start, end = day_bounds_utc(desk, day)
    failed = conn.execute("SELECT count(*) FROM outbox WHERE kind = ? AND occurred_utc >= ? AND occurred_utc < ?",
                          (EventKind.PRINT_FAILED.value, start, end)).fetchone()[0]
    return PrintSummary(last=None if row is None else _record(desk, row), failed_today=int(failed))


def record_test_page(desk: TicketDesk, role: str | None, ok: bool, error: str = "") -> None:
    """Audit a printer test page; a failed one also counts as a print failure for the server."""
    store = desk.store
    with store.transaction() as conn:
        if not ok:
            record_print_failure(store, conn, error)
        audit(store, conn, role, PRINTER_TEST, {"ok": ok, "error": error[:PRINT_ERROR_MAX]})
