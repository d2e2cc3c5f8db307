"""What admin mode and the health report show about sync, read from the store.

The sync worker records its outcome in ``kiosk_state`` (keys below); the
outbox says what is pending and what the server rejected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kiosk.clock import parse_iso_utc
from kiosk.store import Store

KEY_LAST_SUCCESS = "sync.last_success_utc"
KEY_LAST_ATTEMPT = "sync.last_attempt_utc"
KEY_LAST_ERROR = "sync.last_error"
KEY_ONLINE = "sync.online"  # "1" or "0"


@dataclass(frozen=True)
class RejectedEvent:
    """An event the server refused; kept aside, never resent, shown to admins."""

    id: str
    kind: str
    occurred_utc: dt.datetime
    code: str
    reason: str


@dataclass(frozen=True)
class SyncStatus:
    configured: bool  # a server and a token are set
    online: bool  # the last attempt reached the server
    last_success_utc: dt.datetime | None
    last_attempt_utc: dt.datetime | None
    last_error: str | None
    pending: int
    rejected: tuple[RejectedEvent, ...]


def read_status(store: Store, configured: bool, max_rejected: int = 200) -> SyncStatus:
    """Assemble the status from the store (the calling thread's own store)."""
    conn = store.db.conn
    state = dict(conn.execute("SELECT key, value FROM kiosk_state WHERE key LIKE 'sync.%'").fetchall())
    pending = store.pending_events()
    rows = conn.execute(
        "SELECT id, kind, occurred_utc, coalesce(rejected_code, ''), coalesce(last_error, '') FROM outbox "
        "WHERE state = 'rejected' ORDER BY seq DESC LIMIT ?", (max_rejected,)).fetchall()

    def moment(key: str) -> dt.datetime | None:
        value = state.get(key)
        return parse_iso_utc(value) if value else None

    return SyncStatus(
        configured=configured,
        online=state.get(KEY_ONLINE) == "1",
        last_success_utc=moment(KEY_LAST_SUCCESS),
        last_attempt_utc=moment(KEY_LAST_ATTEMPT),
        last_error=state.get(KEY_LAST_ERROR) or None,
        pending=int(pending),
        rejected=tuple(RejectedEvent(r[0], r[1], parse_iso_utc(r[2]), r[3], r[4]) for r in rows),
    )
