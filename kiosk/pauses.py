"""Services paused by a consultant or by the central server, with a reason code.

A paused service takes no tickets; visitors see it unavailable with the
reason. Pauses live in ``paused_services`` and so survive a restart. A pause
for ``closed_today`` lapses by itself at the end of the local day it was set,
so a service closed for one day does not stay closed because nobody
remembered to resume it; any other reason holds until it is resumed.

Each pause names its source: a consultant's (:data:`SOURCE_ADMIN`) is lifted
in admin mode, the server's (:data:`SOURCE_SERVER`) only by the next bundle.
Ticketing reads pauses, admin mode and sync write them, all through here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.audit import SERVICE_PAUSED, SERVICE_RESUMED, audit
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.store import Store

# The reason codes the central server's API accepts (docs/api/openapi.yaml, PausedService).
CLOSED_TODAY = "closed_today"
PAUSE_REASONS = (CLOSED_TODAY, "technical_failure", "staff_shortage", "system_maintenance", "other")
SOURCE_ADMIN = "admin"
SOURCE_SERVER = "server"

_COLUMNS = "service_id, reason_code, paused_utc, source"


@dataclass(frozen=True)
class Pause:
    service_id: str
    reason: str
    paused_utc: dt.datetime
    source: str


def _lapsed(pause: Pause, local_now: dt.datetime) -> bool:
    return pause.reason == CLOSED_TODAY and pause.paused_utc.astimezone(local_now.tzinfo).date() < local_now.date()


def _row(row: tuple[str, str, str, str]) -> Pause:
    return Pause(row[0], row[1], parse_iso_utc(row[2]), row[3])


def active_pause(store: Store, service_id: str, local_now: dt.datetime) -> Pause | None:
    """The pause in force for a service now (``local_now`` is aware, in the centre's zone), or None."""
    row = store.db.conn.execute(f"SELECT {_COLUMNS} FROM paused_services WHERE service_id = ?",
                                (service_id,)).fetchone()
    if row is None:
        return None
    pause = _row(row)
    return None if _lapsed(pause, local_now) else pause


def active_pauses(store: Store, local_now: dt.datetime) -> dict[str, Pause]:
    """Every pause in force now, by service id."""
    rows = store.db.conn.execute(f"SELECT {_COLUMNS} FROM paused_services").fetchall()
    pauses = (_row(row) for row in rows)
    return {p.service_id: p for p in pauses if not _lapsed(p, local_now)}


def pause_service(store: Store, role: str | None, service_id: str, reason: str) -> None:
    """A consultant pauses a service (or changes the reason of a pause), with its audit entry.

    Raises:
        ValueError: the reason is not one of :data:`PAUSE_REASONS`.
    """
    if reason not in PAUSE_REASONS:
        raise ValueError(f"unknown pause reason {reason!r}")
    now = store.clock.now_utc()
    with store.transaction() as conn:
        conn.execute(f"INSERT INTO paused_services ({_COLUMNS}) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT (service_id) DO UPDATE SET "
                     "reason_code = excluded.reason_code, paused_utc = excluded.paused_utc, source = excluded.source",
                     (service_id, reason, iso_utc(now), SOURCE_ADMIN))
        audit(store, conn, role, SERVICE_PAUSED, {"service_id": service_id, "reason_code": reason})


def resume_service(store: Store, role: str | None, service_id: str) -> bool:
    """Lift a consultant's pause; a pause set by the central server stays (the server lifts it).

    Returns:
        Whether a pause was lifted.
    """
    with store.transaction() as conn:
        lifted = conn.execute("DELETE FROM paused_services WHERE service_id = ? AND source = ?",
                              (service_id, SOURCE_ADMIN)).rowcount
        if lifted:
            audit(store, conn, role, SERVICE_RESUMED, {"service_id": service_id})
    return bool(lifted)


def replace_server_pauses(conn: sqlite3.Connection, pauses: Iterable[tuple[str, str]], now: dt.datetime) -> None:
    """Make the server's pauses exactly ``(service_id, reason_code)`` pairs, inside the caller's transaction.

    A consultant's own pause of the same service stays as it is.
    """
    conn.execute("DELETE FROM paused_services WHERE source = ?", (SOURCE_SERVER,))
    conn.executemany(f"INSERT OR IGNORE INTO paused_services ({_COLUMNS}) VALUES (?, ?, ?, ?)",
                     [(service_id, reason, iso_utc(now), SOURCE_SERVER) for service_id, reason in pauses])
