"""The audit trail: who did what on this kiosk, kept locally and sent to the server.

Every staff action (signing in, pausing a service, cancelling a ticket, ...)
and every failed PIN is written by :func:`audit` as an ``audit`` row together
with an ``audit`` outbox event, inside the caller's transaction, so the
central server sees exactly what the kiosk recorded. Ticketing, admin mode
and sync all write through this one module.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from kiosk.clock import iso_utc
from kiosk.events import EventKind
from kiosk.store import Store

# The ``action`` of an audit row and of its outbox event.
SIGNED_IN = "admin.signed_in"
SIGNED_OUT = "admin.signed_out"
PIN_FAILED = "admin.pin_failed"
LOCKED = "admin.locked"
PIN_SET = "admin.pin_set"
SYNC_NOW = "sync.now_requested"
PRINTER_TEST = "printer.test_page"
APP_EXIT = "app.exit"
SERVICE_PAUSED = "service.paused"
SERVICE_RESUMED = "service.resumed"
BANNER_SET = "banner.set"
BANNER_CLEARED = "banner.cleared"
STORE_RESTORED = "store.restored"  # main.py restore put a backup back (kiosk.restore)


def audit(store: Store, conn: sqlite3.Connection, role: str | None, action: str,
          details: Mapping[str, Any] | None = None) -> str:
    """Write an audit row and its ``audit`` outbox event inside the caller's transaction.

    Never pass a PIN, a token or a phone number in ``details``.

    Returns:
        The audit row's id.
    """
    now = store.clock.now_utc()
    audit_id = store.new_id()
    extra = dict(details or {})
    conn.execute("INSERT INTO audit (id, created_utc, role, action, details) VALUES (?, ?, ?, ?, ?)",
                 (audit_id, iso_utc(now), role, action, json.dumps(extra, ensure_ascii=False, sort_keys=True)))
    store.add_event(conn, EventKind.AUDIT, {**extra, "action": action, "actor": role, "audit_id": audit_id},
                    occurred=now)
    return audit_id


def record_action(store: Store, role: str | None, action: str, details: Mapping[str, Any] | None = None) -> str:
    """An audit entry in a transaction of its own (for actions that change nothing else)."""
    with store.transaction() as conn:
        return audit(store, conn, role, action, details)
