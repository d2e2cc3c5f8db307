"""Storage of the central server: one SQLite file through sqlite-utils.

Durability rules (see ``shared/engineering/reliability.md``):

* WAL journal with ``synchronous=FULL``: an event the server answered
  ``accepted`` survives a power cut, which WAL+NORMAL does not promise.
* Every write that must be atomic runs in :func:`write_tx`, which opens the
  transaction with ``BEGIN IMMEDIATE``. A plain ``BEGIN`` takes the write lock
  only at the first write, and a reader that upgrades to writer in WAL mode can
  fail with ``SQLITE_BUSY`` at once, ignoring the busy timeout; taking the lock
  up front makes concurrent writers queue politely instead.
* One connection per thread: :func:`open_db` is called per request (and per CLI
  command) and the connection is closed afterwards. sqlite3 connections must
  not be shared across threads.
* Event ids are kept forever under the primary key of ``events``; that key is
  what makes a re-sent event a harmless duplicate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .timeutil import iso_utc
from .validation import ValidEvent

# A writer waits this long for the lock before SQLite gives up; the app then
# answers 503 storage_busy so the kiosk retries later.
BUSY_TIMEOUT_SECONDS = 15.0
ENROLMENT_MAX_FAILURES = 10
ENROLMENT_CODE_VALIDITY = dt.timedelta(days=7)
REJECTION_EXCERPT_CHARS = 2000

migrations = Migrations("central")


@migrations()
def m001_initial(db: Database) -> None:
    """The first schema: kiosks, events with their projections, and centre data."""
    db.table("kiosks").create(
        {
            "kiosk_id": str,
            "centre_id": str,
            "state": str,  # pending | enrolled | revoked
            "token_hash": str,  # SHA-256 hex of the bearer token, never the token
            "code_hash": str,  # SHA-256 hex of the normalised enrolment code
            "code_expires_utc": str,
            "code_used": int,
            "code_failures": int,
            "created_utc": str,
            "enrolled_utc": str,
            "revoked_utc": str,
            "last_seen_utc": str,
            "heartbeat_json": str,
            "heartbeat_seq": int,
            "heartbeat_utc": str,
        },
        pk="kiosk_id",
        not_null={"centre_id", "state", "created_utc", "code_used", "code_failures"},
        defaults={"code_used": 0, "code_failures": 0},
    )
    db.table("kiosks").create_index(["token_hash"], unique=True)
    db.table("events").create(
        {
            "id": str,
            "kiosk_id": str,
            "centre_id": str,
            "kind": str,
            "schema": int,
            "seq": int,
            "occurred_utc": str,
            "received_utc": str,
            "payload": str,
        },
        pk="id",
        not_null={"kiosk_id", "centre_id", "kind", "schema", "seq", "occurred_utc", "received_utc", "payload"},
    )
    db.table("events").create_index(["kiosk_id", "seq"])
    db.table("rejections").create(
        {
            "rejection_id": int,
            "kiosk_id": str,
            "event_id": str,
            "code": str,
            "reason": str,
            "received_utc": str,
            "excerpt": str,
        },
        pk="rejection_id",
        not_null={"kiosk_id", "code", "reason", "received_utc"},
    )
    db.table("rejections").create_index(["kiosk_id"])
    db.table("tickets").create(
        {
            "ticket_id": str,
            "event_id": str,
            "kiosk_id": str,
            "centre_id": str,
            "number": str,
            "service_id": str,
            "category_id": str,
            "business_day": str,
            "issued_utc": str,
            "state": str,  # issued | cancelled
            "cancelled_utc": str,
            "reprints": int,
        },
        pk="ticket_id",
        not_null={"event_id", "kiosk_id", "centre_id", "number", "business_day", "state", "reprints"},
        defaults={"state": "issued", "reprints": 0},
    )
    db.table("tickets").create_index(["centre_id", "business_day"])
    db.table("ratings").create(
        {
            "rating_id": str,
            "event_id": str,
            "kiosk_id": str,
            "centre_id": str,
            "ticket_id": str,
            "overall": int,
            "scores_json": str,
            "submitted_utc": str,
        },
        pk="rating_id",
        not_null={"event_id", "kiosk_id", "centre_id", "submitted_utc"},
    )
    db.table("bundles").create(
        {"centre_id": str, "version": int, "body": str, "loaded_utc": str},
        pk=("centre_id", "version"),
        not_null={"body", "loaded_utc"},
    )
    db.table("appointment_days").create(
        {"centre_id": str, "date": str, "body": str, "loaded_utc": str},
        pk=("centre_id", "date"),
        not_null={"body", "loaded_utc"},
    )
    db.table("queues").create(
        {"centre_id": str, "as_of_utc": str, "services": str, "loaded_utc": str},
        pk="centre_id",
        not_null={"as_of_utc", "services", "loaded_utc"},
    )


class StorageError(RuntimeError):
    """The database file is unusable (failed integrity check, wrong pragmas)."""


def open_db(path: str | Path) -> Database:
    """A new connection for the calling thread, with the durability pragmas set.

    ``synchronous`` is a per-connection setting, so every connection sets it.
    """
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    db = Database(conn)
    db.execute("PRAGMA synchronous=FULL;")
    db.execute("PRAGMA foreign_keys=ON;")
    return db


def init_db(path: str | Path) -> None:
    """Prepare the file at start-up: integrity check, WAL, migrations.

    A server refuses to start on a database that fails ``quick_check``:
    unlike a kiosk, it has no fresh start to fall back on, and the operator
    must restore the last backup (``python -m central backup``).
    """
    db = open_db(path)
    try:
        result = db.execute("PRAGMA quick_check;").fetchone()[0]
        if result != "ok":
            raise StorageError(f"database {path} failed quick_check: {result}")
        db.enable_wal()
        migrations.apply(db)
        journal = db.execute("PRAGMA journal_mode;").fetchone()[0]
        synchronous = db.execute("PRAGMA synchronous;").fetchone()[0]
        # synchronous=2 is FULL; anything else could lose acknowledged events.
        if journal != "wal" or synchronous != 2:
            raise StorageError(f"database {path} has journal_mode={journal}, synchronous={synchronous}")
    finally:
        db.close()


@contextlib.contextmanager
def connection(path: str | Path) -> Iterator[Database]:
    """Open a connection for one unit of work and always close it."""
    db = open_db(path)
    try:
        yield db
    finally:
        db.close()


@contextlib.contextmanager
def write_tx(db: Database) -> Iterator[Database]:
    """A write transaction that holds the write lock from its first statement."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def _json(value: object) -> str:
    # ensure_ascii: a lone surrogate in client JSON cannot be encoded as UTF-8
    # text, but its \\u escape can always be stored.
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


# --------------------------------------------------------------------------
# kiosks


@dataclass(frozen=True)
class Kiosk:
    """A kiosk as authentication sees it."""

    kiosk_id: str
    centre_id: str
    state: str
    last_seen_utc: str | None


def _kiosk_from_row(row: sqlite3.Row | tuple[Any, ...]) -> Kiosk:
    return Kiosk(kiosk_id=row[0], centre_id=row[1], state=row[2], last_seen_utc=row[3])


def get_kiosk(db: Database, kiosk_id: str) -> Kiosk | None:
    row = db.execute(
        "SELECT kiosk_id, centre_id, state, last_seen_utc FROM kiosks WHERE kiosk_id = ?", [kiosk_id]
    ).fetchone()
    return _kiosk_from_row(row) if row else None


def kiosk_by_token_hash(db: Database, token_hash: str) -> Kiosk | None:
    row = db.execute(
        "SELECT kiosk_id, centre_id, state, last_seen_utc FROM kiosks WHERE token_hash = ?", [token_hash]
    ).fetchone()
    return _kiosk_from_row(row) if row else None


class KioskExistsError(Exception):
    """The kiosk already has a credential; re-issuing must be asked for."""


def issue_credential(
    db: Database,
    kiosk_id: str,
    centre_id: str,
    *,
    now: dt.datetime,
    token_hash: str | None = None,
    code_hash: str | None = None,
    code_valid_for: dt.timedelta = ENROLMENT_CODE_VALIDITY,
    reissue: bool = False,
) -> None:
    """Create the kiosk (or replace its credential) with a token or a pending code.

    Exactly one of ``token_hash`` and ``code_hash`` is given. Replacing a
    credential makes the old token unknown (401) at once; the kiosk's events
    stay. A kiosk that is only pending may get a new code without ``reissue``.
    """
    if (token_hash is None) == (code_hash is None):
        raise ValueError("give exactly one of token_hash and code_hash")
    stamp = iso_utc(now)
    fields: dict[str, Any] = {
        "centre_id": centre_id,
        "state": "enrolled" if token_hash else "pending",
        "token_hash": token_hash,
        "code_hash": code_hash,
        "code_expires_utc": iso_utc(now + code_valid_for) if code_hash else None,
        "code_used": 0,
        "code_failures": 0,
        "enrolled_utc": stamp if token_hash else None,
        "revoked_utc": None,
    }
    with write_tx(db):
        existing = get_kiosk(db, kiosk_id)
        if existing is None:
            db.table("kiosks").insert({"kiosk_id": kiosk_id, "created_utc": stamp, **fields})
            return
        if existing.state != "pending" and not reissue:
            raise KioskExistsError(kiosk_id)
        db.table("kiosks").update(kiosk_id, fields)


# Outcomes of an enrolment attempt; the app maps them to HTTP answers.
ENROL_OK = "ok"
ENROL_INVALID = "invalid"
ENROL_EXPIRED = "expired"
ENROL_USED = "used"
ENROL_LOCKED = "locked"


def enrol_with_code(
    db: Database,
    kiosk_id: str,
    code_hash: str,
    token_hash: str,
    *,
    now: dt.datetime,
    compare: Callable[[str, str], bool],
) -> tuple[str, Kiosk | None]:
    """Spend an enrolment code; on success store ``token_hash``.

    Runs in one write transaction so two simultaneous attempts with the same
    code cannot both succeed. A wrong code is counted (and committed) so that
    guessing stops after :data:`ENROLMENT_MAX_FAILURES` attempts.
    """
    with write_tx(db):
        row = db.execute(
            "SELECT state, code_hash, code_expires_utc, code_used, code_failures FROM kiosks WHERE kiosk_id = ?",
            [kiosk_id],
        ).fetchone()
        if row is None:
            return ENROL_INVALID, None
        state, stored_hash, expires, used, failures = row
        if stored_hash is None or state == "revoked":
            return ENROL_INVALID, None
        if failures >= ENROLMENT_MAX_FAILURES:
            return ENROL_LOCKED, None
        if not compare(stored_hash, code_hash):
            db.execute("UPDATE kiosks SET code_failures = code_failures + 1 WHERE kiosk_id = ?", [kiosk_id])
            return ENROL_INVALID, None
        if used:
            return ENROL_USED, None
        if expires is None or expires <= iso_utc(now):
            return ENROL_EXPIRED, None
        db.execute(
            "UPDATE kiosks SET state = 'enrolled', token_hash = ?, code_used = 1, enrolled_utc = ? WHERE kiosk_id = ?",
            [token_hash, iso_utc(now), kiosk_id],
        )
        return ENROL_OK, get_kiosk(db, kiosk_id)


def revoke(db: Database, kiosk_id: str, *, now: dt.datetime) -> bool:
    """Revoke a kiosk's credential; its data stays. Returns False if unknown.

    The token hash is kept so the revoked token is recognised and answered
    403 kiosk_revoked rather than 401; any pending code is cleared.
    """
    with write_tx(db):
        cursor = db.execute(
            "UPDATE kiosks SET state = 'revoked', revoked_utc = ?, code_hash = NULL, code_expires_utc = NULL "
            "WHERE kiosk_id = ?",
            [iso_utc(now), kiosk_id],
        )
        return cursor.rowcount == 1


def touch_last_seen(db: Database, kiosk_id: str, *, now: dt.datetime) -> None:
    """Record an authenticated request (its own tiny transaction)."""
    with write_tx(db):
        db.execute("UPDATE kiosks SET last_seen_utc = ? WHERE kiosk_id = ?", [iso_utc(now), kiosk_id])


def kiosk_counts(db: Database, kiosk_id: str) -> dict[str, int]:
    """Events stored, submissions rejected and highest seq of one kiosk.

    Computed from the rows themselves rather than kept as counters, so they
    can never drift from the data (also after a restore from backup).
    """
    received, max_seq = db.execute(
        "SELECT count(*), coalesce(max(seq), 0) FROM events WHERE kiosk_id = ?", [kiosk_id]
    ).fetchone()
    rejected = db.execute("SELECT count(*) FROM rejections WHERE kiosk_id = ?", [kiosk_id]).fetchone()[0]
    return {"events_received": received, "events_rejected": rejected, "max_seq": max_seq}


def list_kiosks(db: Database) -> list[dict[str, Any]]:
    """Every kiosk with its counters and latest heartbeat, for the operator."""
    rows = db.execute(
        "SELECT kiosk_id, centre_id, state, last_seen_utc, heartbeat_json, heartbeat_utc "
        "FROM kiosks ORDER BY centre_id, kiosk_id"
    ).fetchall()
    listing = []
    for kiosk_id, centre_id, state, last_seen, heartbeat, heartbeat_utc in rows:
        listing.append(
            {
                "kiosk_id": kiosk_id,
                "centre_id": centre_id,
                "state": state,
                "last_seen_utc": last_seen,
                **kiosk_counts(db, kiosk_id),
                "heartbeat": json.loads(heartbeat) if heartbeat else None,
                "heartbeat_utc": heartbeat_utc,
            }
        )
    return listing


# --------------------------------------------------------------------------
# events


ACCEPTED = "accepted"
DUPLICATE = "duplicate"
REJECTED = "rejected"


@dataclass(frozen=True)
class ApplyResult:
    """The outcome of storing one event."""

    status: str
    code: str | None = None
    reason: str | None = None


def _record_rejection_row(
    db: Database, kiosk_id: str, event_id: object, code: str, reason: str, raw: object, now: dt.datetime
) -> None:
    excerpt = _json(raw)
    if len(excerpt) > REJECTION_EXCERPT_CHARS:
        excerpt = excerpt[:REJECTION_EXCERPT_CHARS] + "..."
    db.table("rejections").insert(
        {
            "kiosk_id": kiosk_id,
            # kept as JSON text: the id as sent may be any JSON value
            "event_id": _json(event_id)[:200] if event_id is not None else None,
            "code": code,
            "reason": reason,
            "received_utc": iso_utc(now),
            "excerpt": excerpt,
        }
    )


def record_rejection(
    db: Database, kiosk_id: str, event_id: object, code: str, reason: str, raw: object, *, now: dt.datetime
) -> None:
    """Keep a rejected submission so nothing is dropped silently."""
    with write_tx(db):
        _record_rejection_row(db, kiosk_id, event_id, code, reason, raw, now)


def apply_event(db: Database, event: ValidEvent, centre_id: str, raw: object, *, now: dt.datetime) -> ApplyResult:
    """Store one validated event and its projection in one transaction."""
    with write_tx(db):
        row = db.execute("SELECT kiosk_id FROM events WHERE id = ?", [event.id]).fetchone()
        if row is not None:
            if row[0] == event.kiosk_id:
                return ApplyResult(DUPLICATE)
            rejection: ApplyResult | None = ApplyResult(
                REJECTED, "id_conflict", "This event id is already stored for another kiosk."
            )
        else:
            rejection = _project(db, event, centre_id)
        if rejection is not None:
            assert rejection.code is not None and rejection.reason is not None
            _record_rejection_row(db, event.kiosk_id, event.id, rejection.code, rejection.reason, raw, now)
            return rejection
        db.table("events").insert(
            {
                "id": event.id,
                "kiosk_id": event.kiosk_id,
                "centre_id": centre_id,
                "kind": event.kind,
                "schema": event.schema,
                "seq": event.seq,
                "occurred_utc": event.occurred_utc,
                "received_utc": iso_utc(now),
                "payload": _json(event.payload),
            }
        )
        return ApplyResult(ACCEPTED)


def _project(db: Database, event: ValidEvent, centre_id: str) -> ApplyResult | None:
    """Apply the event to the projection tables; a rejection if it conflicts.

    Called inside the event's transaction, before the event row is written,
    so a conflict leaves nothing behind.
    """
    payload = event.payload
    if event.kind == "ticket.issued":
        ticket_id = payload["ticket_id"].lower()
        if db.execute("SELECT 1 FROM tickets WHERE ticket_id = ?", [ticket_id]).fetchone():
            return ApplyResult(REJECTED, "ticket_conflict", "Another event already issued this ticket_id.")
        db.table("tickets").insert(
            {
                "ticket_id": ticket_id,
                "event_id": event.id,
                "kiosk_id": event.kiosk_id,
                "centre_id": centre_id,
                "number": payload["number"],
                "service_id": payload["service_id"],
                "category_id": payload["category_id"],
                "business_day": payload["business_day"],
                "issued_utc": event.occurred_utc,
                "state": "issued",
                "reprints": 0,
            }
        )
    elif event.kind == "ticket.cancelled":
        # A ticket the server does not know (its issue event was rejected or
        # has not arrived) still gets its event stored; there is nothing to update.
        db.execute(
            "UPDATE tickets SET state = 'cancelled', cancelled_utc = ? WHERE ticket_id = ? AND centre_id = ?",
            [event.occurred_utc, payload["ticket_id"].lower(), centre_id],
        )
    elif event.kind == "ticket.reprinted":
        db.execute(
            "UPDATE tickets SET reprints = reprints + 1 WHERE ticket_id = ? AND centre_id = ?",
            [payload["ticket_id"].lower(), centre_id],
        )
    elif event.kind == "rating.submitted":
        rating_id = payload["rating_id"].lower()
        if db.execute("SELECT 1 FROM ratings WHERE rating_id = ?", [rating_id]).fetchone():
            return ApplyResult(REJECTED, "rating_conflict", "Another event already submitted this rating_id.")
        ticket_id = payload.get("ticket_id")
        db.table("ratings").insert(
            {
                "rating_id": rating_id,
                "event_id": event.id,
                "kiosk_id": event.kiosk_id,
                "centre_id": centre_id,
                "ticket_id": ticket_id.lower() if isinstance(ticket_id, str) else None,
                "overall": payload.get("overall"),
                "scores_json": _json(payload["scores"]) if "scores" in payload else None,
                "submitted_utc": event.occurred_utc,
            }
        )
    elif event.kind == "heartbeat":
        # Only a heartbeat at least as recent (by seq) replaces the stored one,
        # so a re-upload of old events after a restore does not go backwards.
        db.execute(
            "UPDATE kiosks SET heartbeat_json = ?, heartbeat_seq = ?, heartbeat_utc = ? "
            "WHERE kiosk_id = ? AND (heartbeat_seq IS NULL OR heartbeat_seq <= ?)",
            [_json(payload), event.seq, event.occurred_utc, event.kiosk_id, event.seq],
        )
    return None


def table_count(db: Database, table: str, where: str = "", params: list[Any] | None = None) -> int:
    """Row count of one of this module's tables (for the CLI and tests)."""
    if table not in {"kiosks", "events", "rejections", "tickets", "ratings", "bundles", "appointment_days", "queues"}:
        raise ValueError(f"unknown table {table}")
    sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
    return int(db.execute(sql, params or []).fetchone()[0])


# --------------------------------------------------------------------------
# data for kiosks


def store_bundle(db: Database, centre_id: str, bundle: dict[str, Any], *, now: dt.datetime) -> int:
    """Store a validated bundle as the centre's next version; returns it."""
    with write_tx(db):
        current = db.execute(
            "SELECT coalesce(max(version), 0) FROM bundles WHERE centre_id = ?", [centre_id]
        ).fetchone()[0]
        version = int(current) + 1
        body = {"version": version, **bundle, "centre_id": centre_id}
        db.table("bundles").insert(
            {"centre_id": centre_id, "version": version, "body": _json(body), "loaded_utc": iso_utc(now)}
        )
    return version


def latest_bundle(db: Database, centre_id: str) -> dict[str, Any] | None:
    row = db.execute(
        "SELECT body FROM bundles WHERE centre_id = ? ORDER BY version DESC LIMIT 1", [centre_id]
    ).fetchone()
    return json.loads(row[0]) if row else None


def catalog_service_ids(db: Database, centre_id: str) -> set[str] | None:
    """Service ids of the centre's current catalog, or None without a bundle."""
    bundle = latest_bundle(db, centre_id)
    if bundle is None:
        return None
    return {s["id"] for c in bundle["catalog"]["categories"] for s in c["services"]}


def store_appointments(
    db: Database, centre_id: str, days: dict[str, list[dict[str, str]]], *, now: dt.datetime
) -> None:
    """Replace the appointments of each given day, all days in one transaction."""
    with write_tx(db):
        for date, appointments in days.items():
            db.table("appointment_days").upsert(
                {"centre_id": centre_id, "date": date, "body": _json(appointments), "loaded_utc": iso_utc(now)},
                pk=("centre_id", "date"),
            )


def appointments_for(db: Database, centre_id: str, date: str) -> list[dict[str, str]]:
    row = db.execute("SELECT body FROM appointment_days WHERE centre_id = ? AND date = ?", [centre_id, date]).fetchone()
    return json.loads(row[0]) if row else []


def set_queue(
    db: Database, centre_id: str, as_of_utc: str, services: list[dict[str, Any]], *, now: dt.datetime
) -> None:
    with write_tx(db):
        db.table("queues").upsert(
            {"centre_id": centre_id, "as_of_utc": as_of_utc, "services": _json(services), "loaded_utc": iso_utc(now)},
            pk="centre_id",
        )


def queue_for(db: Database, centre_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT as_of_utc, services FROM queues WHERE centre_id = ?", [centre_id]).fetchone()
    if row is None:
        return None
    return {"centre_id": centre_id, "as_of_utc": row[0], "services": json.loads(row[1])}


def backup(db: Database, destination: str | Path) -> None:
    """Online copy with SQLite's backup API: consistent while the server runs."""
    target = sqlite3.connect(str(destination))
    try:
        db.conn.backup(target)
    finally:
        target.close()
