"""Storage of the central server: one schema on SQLite or PostgreSQL.

The database is named by ``--db`` (:mod:`central.db`): a file path for SQLite,
a ``postgresql://`` URL for PostgreSQL. The schema is kept by versioned Alembic
migrations (``central/migrations``), the same revisions for both engines.

Why SQLAlchemy Core with hand-written SQL and Alembic: the statements that
carry exactly-once (``INSERT … ON CONFLICT DO NOTHING … RETURNING``, savepoints,
``BEGIN IMMEDIATE`` on SQLite) are plain SQL both engines understand, so they
are written out where a reader can see them; Core gives one connection pool,
one error hierarchy and one parameter style for both drivers, and Alembic is
the ecosystem's tool for versioned migrations of one schema on several
engines (with the batch-mode table rebuilds that SQLite needs).

Durability and concurrency rules (see ``shared/engineering/reliability.md``):

* SQLite runs in WAL with ``synchronous=FULL``: an event answered
  ``accepted`` survives a power cut. PostgreSQL commits with its defaults
  (``synchronous_commit=on``, ``fsync=on``).
* Every write that must be atomic runs in :meth:`Database.write`; reads never
  take SQLite's write lock.
* A batch of events is applied in one transaction (:func:`apply_batch`): one
  commit, hence one fsync, per batch instead of one per event. Event ids are
  kept forever under the primary key of ``events``; that key, with
  ``ON CONFLICT DO NOTHING``, is what makes a re-sent event a harmless
  duplicate, also between concurrent transactions on PostgreSQL.
* Ticket and rating ids are keyed per centre: one centre's id is invisible to
  another centre's kiosks (no oracle, no cross-centre rating).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from . import db as dbmod
from .db import Database, Target
from .timeutil import iso_utc, parse_iso_utc
from .validation import Rejection, ValidEvent, validate_event

BUSY_TIMEOUT_SECONDS = dbmod.BUSY_TIMEOUT_SECONDS
ENROLMENT_CODE_VALIDITY = dt.timedelta(days=7)
REJECTION_EXCERPT_CHARS = 2000
# An authenticated request records last_seen_utc only when the stored one is older:
# one small write a minute per kiosk instead of one per request.
LAST_SEEN_EVERY = dt.timedelta(minutes=1)
# Retries of a batch whose transaction PostgreSQL aborted (deadlock, serialization).
BATCH_ATTEMPTS = 5
# A stable key for PostgreSQL's advisory lock around migrations.
MIGRATION_LOCK_KEY = 0x6D6663_2D63  # "mfc-c"


@dataclass(frozen=True)
class Limits:
    """What one kiosk or one source may cost the server (``docs/server.md``, "Limits")."""

    # Rejected submissions kept per kiosk; older ones are dropped and only counted.
    rejections_kept: int = 1000
    # A heartbeat payload larger than this (as stored JSON) is rejected; the previous one stays.
    heartbeat_max_bytes: int = 16 * 1024
    # occurred_utc outside [now - past, now + future] is kept but flagged time_suspect.
    time_past: dt.timedelta = dt.timedelta(days=400)
    time_future: dt.timedelta = dt.timedelta(days=1)
    # Wrong enrolment codes per source address and window; then 429 until the window ends.
    enrol_failures: int = 10
    enrol_window: dt.timedelta = dt.timedelta(minutes=15)


DEFAULT_LIMITS = Limits()
# Kept for callers that knew the old per-kiosk lock: the same number now limits a source.
ENROLMENT_MAX_FAILURES = DEFAULT_LIMITS.enrol_failures

TABLES = frozenset(
    {
        "kiosks",
        "events",
        "rejections",
        "tickets",
        "ratings",
        "bundles",
        "appointment_days",
        "queues",
        "appointment_check_ins",
        "sms_requests",
    }
)


class StorageError(RuntimeError):
    """The database is unusable; the message is one line for the operator."""


# --------------------------------------------------------------------------
# opening, checking and migrating


def open_db(db: str | Path | Target) -> Database:
    """A pooled connection for the calling thread; the caller closes it."""
    where = dbmod.target(db)
    return Database(dbmod.engine(where).connect(), where)


@contextlib.contextmanager
def connection(db: str | Path | Target) -> Iterator[Database]:
    """Open a connection for one unit of work and always close it."""
    with dbmod.connect(db) as database:
        yield database


@contextlib.contextmanager
def write_tx(db: Database) -> Iterator[Database]:
    """A write transaction (kept for callers of the old name)."""
    with db.write():
        yield db


def _alembic_config(conn: sa.Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files(__package__).joinpath("migrations")))
    config.attributes["connection"] = conn
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def _current_revision(conn: sa.Connection) -> str | None:
    names = set(sa.inspect(conn).get_table_names())
    if "alembic_version" in names:
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if "kiosks" in names:
        return "0001"  # made before Alembic (sqlite-utils): the initial schema
    return None


def _check_sqlite_file(where: Target, *, create: bool) -> None:
    path = where.sqlite_path
    assert path is not None
    if not path.exists():
        if not create:
            raise StorageError(
                f"database {path} does not exist; create it with: python -m central init --db {path}"
            )
        if not path.parent.is_dir():
            raise StorageError(f"cannot create database {path}: folder {path.parent} does not exist")
        if not os.access(path.parent, os.W_OK):
            raise StorageError(f"cannot create database {path}: folder {path.parent} is not writable")
        return
    if not path.is_file():
        raise StorageError(f"database {path} is not a file")
    if not os.access(path, os.R_OK | os.W_OK):
        raise StorageError(f"database {path} is read-only (or unreadable) for this user; the server must write it")
    # WAL needs its -wal and -shm files beside the database.
    if not os.access(path.parent, os.W_OK):
        raise StorageError(f"database {path} is in the read-only folder {path.parent}; the server must write there")
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and header != b"SQLite format 3\x00":
        raise StorageError(f"database {path} is damaged (not an SQLite file); restore the last backup")


def describe_error(error: BaseException) -> str:
    """The first line of a driver's error, without anything secret in it."""
    original = getattr(error, "orig", None) or error
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    return text[:300]


def init_db(db: str | Path | Target, *, create: bool = False, backup_dir: Path | None = None) -> None:
    """Check the database at start-up and bring its schema to the newest revision.

    Refuses, with one line (:class:`StorageError`), a database that is
    missing (unless ``create``: ``init`` and ``enrol`` make one on purpose),
    read-only, damaged, or of a newer schema than this server knows. Before
    a migration that changes an existing database, a backup is taken (SQLite:
    a file next to it; PostgreSQL: ``pg_dump`` when ``backup_dir`` is given,
    see ``docs/server.md``). Migrations run under a lock, so several server
    processes starting on a new database at once are safe: one migrates, the
    others wait and find it done.
    """
    where = dbmod.target(db)
    if where.is_sqlite:
        _check_sqlite_file(where, create=create)
    try:
        if where.is_sqlite:
            _init_sqlite(where, create=create)
        else:
            _init_postgresql(where, create=create, backup_dir=backup_dir)
    except StorageError:
        dbmod.dispose(where)
        raise
    except sa.exc.SQLAlchemyError as error:
        dbmod.dispose(where)
        detail = describe_error(error)
        if "not a database" in detail or "malformed" in detail:
            raise StorageError(f"database {where.describe()} is damaged ({detail}); restore the last backup") from None
        if "readonly" in detail or "read-only" in detail:
            raise StorageError(f"database {where.describe()} is read-only ({detail})") from None
        raise StorageError(f"database {where.describe()} cannot be used: {detail}") from None


def _init_sqlite(where: Target, *, create: bool) -> None:
    path = where.sqlite_path
    assert path is not None
    new_file = not path.exists()
    with dbmod.connect(where) as database:
        conn = database.conn
        # Pragmas outside any transaction (journal_mode cannot change inside one).
        raw = conn.connection.driver_connection
        assert raw is not None
        if not new_file:
            result = raw.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise StorageError(f"database {path} failed quick_check ({result}); restore the last backup")
        if raw.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raw.execute("PRAGMA journal_mode=WAL")
        if new_file:
            os.chmod(path, 0o600)
        # BEGIN IMMEDIATE: a second process starting now waits here, then finds the work done.
        with database.write():
            current = _current_revision(conn)
            if current is None and not create:
                raise StorageError(f"database {path} is empty; create it with: python -m central init --db {path}")
            head = head_revision()
            if current is not None and current != head:
                _check_known(where, current)
                made = _sqlite_backup_file(path, f"before-{head}")
                _log_info("database %s backed up to %s before migrating from %s to %s", path, made, current, head)
            _upgrade(conn, current)
        journal = raw.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = raw.execute("PRAGMA synchronous").fetchone()[0]
        # synchronous=2 is FULL; anything else could lose acknowledged events.
        if journal != "wal" or synchronous != 2:
            raise StorageError(f"database {path} has journal_mode={journal}, synchronous={synchronous}")


def _init_postgresql(where: Target, *, create: bool, backup_dir: Path | None) -> None:
    with dbmod.connect(where) as database:
        conn = database.conn
        if conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "on":
            raise StorageError(
                f"database {where.describe()} is read-only (a standby, or default_transaction_read_only)"
            )
        with database.write():
            # Held until this transaction ends: concurrent first starts migrate one at a time.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            current = _current_revision(conn)
            if current is None and not create:
                raise StorageError(
                    f"database {where.describe()} has no tables; create them with: python -m central init --db URL"
                )
            head = head_revision()
            if current is not None and current != head:
                _check_known(where, current)
                if backup_dir is not None:
                    made = backup_postgresql(where, backup_dir / _stamped_name(f"before-{head}", ".dump"))
                    _log_info("database backed up to %s before migrating from %s to %s", made, current, head)
                else:
                    _log_warning(
                        "migrating %s from %s to %s without a backup of its own: take one with pg_dump first "
                        "(docs/server.md, Backups)",
                        where.describe(),
                        current,
                        head,
                    )
            _upgrade(conn, current)


def _check_known(where: Target, current: str) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_alembic_config(None))  # type: ignore[arg-type]
    if current not in {rev.revision for rev in scripts.walk_revisions()}:
        raise StorageError(
            f"database {where.describe()} has schema revision {current}, newer than this server knows; "
            "upgrade the server"
        )


def _upgrade(conn: sa.Connection, current: str | None) -> None:
    from alembic import command

    config = _alembic_config(conn)
    if current == "0001" and "alembic_version" not in sa.inspect(conn).get_table_names():
        command.stamp(config, "0001")
    command.upgrade(config, "head")


def _log_info(message: str, *args: object) -> None:
    import logging

    logging.getLogger("central.store").info(message, *args)


def _log_warning(message: str, *args: object) -> None:
    import logging

    logging.getLogger("central.store").warning(message, *args)


# --------------------------------------------------------------------------
# health


def check_writable(db: Database, *, now: dt.datetime) -> None:
    """Write one row and commit it: proves the database takes writes now.

    Raises :class:`StorageError` with what is wrong in a sentence fit for an
    unauthenticated client (no path, no SQL, no host names).
    """
    try:
        with db.write():
            updated = db.execute("UPDATE server_health SET checked_utc = :now WHERE id = 1", {"now": iso_utc(now)})
            if updated.rowcount == 0:
                db.execute(
                    "INSERT INTO server_health (id, checked_utc) VALUES (1, :now) ON CONFLICT (id) DO NOTHING",
                    {"now": iso_utc(now)},
                )
    except sa.exc.SQLAlchemyError as error:
        raise StorageError(health_reason(error)) from error


def health_reason(error: BaseException) -> str:
    """What a storage failure means, in words that reveal nothing internal."""
    text = describe_error(error).lower()
    code = getattr(getattr(error, "orig", None), "sqlstate", None) or ""
    if "readonly" in text or "read-only" in text or code == "25006":
        return "The database is read-only."
    if "disk is full" in text or "no space" in text or code == "53100":
        return "The disk of the database is full."
    if "locked" in text or "busy" in text:
        return "The database is busy."
    if "malformed" in text or "not a database" in text or "no such table" in text or code in ("XX001", "XX002"):
        return "The database is damaged."
    if isinstance(error, sa.exc.OperationalError) or code.startswith("08"):
        return "The database cannot be reached."
    return "The database cannot be written."


# --------------------------------------------------------------------------
# kiosks


# ensure_ascii: a lone surrogate in client JSON cannot be encoded as UTF-8
# text, but its \\u escape can always be stored. allow_nan=False: NaN and
# Infinity are not JSON, so none is ever stored (validation refuses them).
# One encoder for every call: json.dumps with options builds a new one each time,
# a third of the cost of encoding an event's payload.
_ENCODE = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode


def _json(value: object) -> str:
    return _ENCODE(value)


@dataclass(frozen=True)
class Kiosk:
    """A kiosk as authentication sees it."""

    kiosk_id: str
    centre_id: str
    state: str
    last_seen_utc: str | None


_KIOSK_COLUMNS = "kiosk_id, centre_id, state, last_seen_utc"


def get_kiosk(db: Database, kiosk_id: str) -> Kiosk | None:
    row = db.execute(f"SELECT {_KIOSK_COLUMNS} FROM kiosks WHERE kiosk_id = :k", {"k": kiosk_id}).fetchone()
    return Kiosk(*row) if row else None


def kiosk_by_token_hash(db: Database, token_hash: str) -> Kiosk | None:
    row = db.execute(f"SELECT {_KIOSK_COLUMNS} FROM kiosks WHERE token_hash = :h", {"h": token_hash}).fetchone()
    return Kiosk(*row) if row else None


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
    with db.write():
        existing = get_kiosk(db, kiosk_id)
        if existing is None:
            columns = ["kiosk_id", "created_utc", *fields]
            db.execute(
                f"INSERT INTO kiosks ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})",
                {"kiosk_id": kiosk_id, "created_utc": stamp, **fields},
            )
            return
        if existing.state != "pending" and not reissue:
            raise KioskExistsError(kiosk_id)
        assignments = ", ".join(f"{c} = :{c}" for c in fields)
        db.execute(f"UPDATE kiosks SET {assignments} WHERE kiosk_id = :kiosk_id", {"kiosk_id": kiosk_id, **fields})


# Outcomes of an enrolment attempt; the app maps them to HTTP answers.
ENROL_OK = "ok"
ENROL_INVALID = "invalid"
ENROL_EXPIRED = "expired"
ENROL_USED = "used"


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
    code cannot both succeed. An unknown kiosk and a wrong code give the same
    outcome, so the answer does not tell which kiosk ids exist; wrong codes are
    limited per source address (:func:`enrol_throttle`), never per kiosk, so
    a guesser cannot lock the real code out.
    """
    with db.write():
        row = db.execute(
            "SELECT state, code_hash, code_expires_utc, code_used FROM kiosks WHERE kiosk_id = :k",
            {"k": kiosk_id},
        ).fetchone()
        # Compare against a dummy when there is nothing to compare, so both paths cost the same.
        stored_hash = row[1] if row is not None and row[1] is not None and row[0] != "revoked" else None
        matches = compare(stored_hash or "0" * 64, code_hash) and stored_hash is not None
        if row is None or not matches:
            if row is not None:
                db.execute("UPDATE kiosks SET code_failures = code_failures + 1 WHERE kiosk_id = :k", {"k": kiosk_id})
            return ENROL_INVALID, None
        _state, _hash, expires, used = row
        if used:
            return ENROL_USED, None
        if expires is None or expires <= iso_utc(now):
            return ENROL_EXPIRED, None
        db.execute(
            "UPDATE kiosks SET state = 'enrolled', token_hash = :t, code_used = 1, enrolled_utc = :now "
            "WHERE kiosk_id = :k",
            {"t": token_hash, "now": iso_utc(now), "k": kiosk_id},
        )
        return ENROL_OK, get_kiosk(db, kiosk_id)


def enrol_throttle(db: Database, source: str, *, now: dt.datetime, limits: Limits) -> dt.timedelta | None:
    """How long ``source`` must wait before its next enrolment attempt, or None."""
    row = db.execute(
        "SELECT window_start_utc, failures FROM enrol_attempts WHERE source = :s", {"s": source}
    ).fetchone()
    db.end_read()
    if row is None:
        return None
    ends = parse_iso_utc(row[0]) + limits.enrol_window
    if row[1] < limits.enrol_failures or ends <= now:
        return None
    return ends - now


def count_enrol_failure(db: Database, source: str, *, now: dt.datetime, limits: Limits) -> None:
    """Count one wrong code from ``source`` (a new window once the old one ended)."""
    stamp = iso_utc(now)
    window_floor = iso_utc(now - limits.enrol_window)
    with db.write():
        db.execute(
            "INSERT INTO enrol_attempts (source, window_start_utc, failures) VALUES (:s, :now, 1) "
            "ON CONFLICT (source) DO UPDATE SET "
            "failures = CASE WHEN enrol_attempts.window_start_utc <= :floor THEN 1 "
            "ELSE enrol_attempts.failures + 1 END, "
            "window_start_utc = CASE WHEN enrol_attempts.window_start_utc <= :floor THEN :now "
            "ELSE enrol_attempts.window_start_utc END",
            {"s": source, "now": stamp, "floor": window_floor},
        )
        # Old windows go, so the table stays as small as the set of recent guessers.
        db.execute("DELETE FROM enrol_attempts WHERE window_start_utc <= :floor", {"floor": window_floor})


def revoke(db: Database, kiosk_id: str, *, now: dt.datetime) -> bool:
    """Revoke a kiosk's credential; its data stays. Returns False if unknown.

    The token hash is kept so the revoked token is recognised and answered
    403 kiosk_revoked rather than 401; any pending code is cleared.
    """
    with db.write():
        cursor = db.execute(
            "UPDATE kiosks SET state = 'revoked', revoked_utc = :now, code_hash = NULL, code_expires_utc = NULL "
            "WHERE kiosk_id = :k",
            {"now": iso_utc(now), "k": kiosk_id},
        )
        return cursor.rowcount == 1


def issue_operator_token(db: Database, name: str, token_hash: str, *, now: dt.datetime) -> None:
    """Give the operator ``name`` a new token (its SHA-256); an older token of theirs stops working."""
    with db.write():
        db.execute(
            "INSERT INTO operators (name, token_hash, created_utc) VALUES (:n, :h, :now) "
            "ON CONFLICT (name) DO UPDATE SET token_hash = excluded.token_hash, created_utc = excluded.created_utc",
            {"n": name, "h": token_hash, "now": iso_utc(now)},
        )


def revoke_operator(db: Database, name: str) -> bool:
    with db.write():
        return db.execute("DELETE FROM operators WHERE name = :n", {"n": name}).rowcount == 1


def operator_by_token_hash(db: Database, token_hash: str) -> str | None:
    """The operator's name for this token hash, or None."""
    name = db.scalar("SELECT name FROM operators WHERE token_hash = :h", {"h": token_hash})
    return str(name) if name is not None else None


def touch_last_seen(db: Database, kiosk: Kiosk, *, now: dt.datetime) -> None:
    """Record an authenticated request, at most once a minute per kiosk.

    Most requests therefore write nothing: a GET never takes the write lock
    unless the kiosk's last_seen is more than a minute old.
    """
    if kiosk.last_seen_utc is not None:
        try:
            if now - parse_iso_utc(kiosk.last_seen_utc) < LAST_SEEN_EVERY:
                return
        except ValueError:
            pass  # an unreadable stamp is replaced
    db.end_read()
    with db.write():
        db.execute(
            "UPDATE kiosks SET last_seen_utc = :now WHERE kiosk_id = :k", {"now": iso_utc(now), "k": kiosk.kiosk_id}
        )


def kiosk_counts(db: Database, kiosk_id: str) -> dict[str, int]:
    """Events stored, submissions rejected and highest seq of one kiosk.

    Computed from the rows themselves (plus the count of rejections dropped
    beyond the quota) rather than kept as counters, so they can never drift
    from the data (also after a restore from backup).
    """
    received, max_seq, suspect = db.execute(
        "SELECT count(*), coalesce(max(seq), 0), coalesce(sum(time_suspect), 0) FROM events WHERE kiosk_id = :k",
        {"k": kiosk_id},
    ).one()
    kept = db.scalar("SELECT count(*) FROM rejections WHERE kiosk_id = :k", {"k": kiosk_id})
    dropped = db.scalar("SELECT rejections_dropped FROM kiosks WHERE kiosk_id = :k", {"k": kiosk_id}) or 0
    return {
        "events_received": int(received),
        "events_rejected": int(kept) + int(dropped),
        "max_seq": int(max_seq),
        "events_time_suspect": int(suspect),
    }


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


_ID_CONFLICT = ApplyResult(REJECTED, "id_conflict", "This event id is already stored for another kiosk.")
_TICKET_CONFLICT = ApplyResult(REJECTED, "ticket_conflict", "Another event already issued this ticket_id.")
_RATING_CONFLICT = ApplyResult(REJECTED, "rating_conflict", "Another event already submitted this rating_id.")


@dataclass
class _Rejected:
    event_id: object
    code: str
    reason: str
    raw: object


@dataclass
class _Batch:
    """One request's events on their way into one transaction."""

    kiosk: Kiosk
    stamp: str
    results: list[ApplyResult | None]
    valid: list[tuple[int, ValidEvent, object]] = field(default_factory=list)
    repeats: list[tuple[int, int]] = field(default_factory=list)  # (index, index of its first occurrence)
    rejected: dict[int, _Rejected] = field(default_factory=dict)
    suspect: set[str] = field(default_factory=set)


class _Race(Exception):
    """Another transaction stored a key this batch expected to be free: redo it event by event."""


class _Conflict(Exception):
    def __init__(self, result: ApplyResult) -> None:
        super().__init__(result.code)
        self.result = result


def apply_batch(
    db: Database, kiosk: Kiosk, raws: list[object], *, now: dt.datetime, limits: Limits = DEFAULT_LIMITS
) -> list[ApplyResult]:
    """Validate and store one batch of events in one transaction; a result per event.

    Each event is judged on its own, as if stored alone in order: an invalid
    or conflicting one is rejected (and kept in ``rejections``) while the
    others are stored. The common case is a few statements for the whole
    batch; when a ticket or rating key is already stored, or another
    transaction raced this one for the same keys (only possible on
    PostgreSQL), nothing of that try is kept and the batch is redone event by
    event in a new transaction, each event in a savepoint.
    """
    batch = _Batch(kiosk=kiosk, stamp=iso_utc(now), results=[None] * len(raws))
    first_index: dict[str, int] = {}
    past, future = now - limits.time_past, now + limits.time_future
    for index, raw in enumerate(raws):
        checked = validate_event(raw, kiosk.kiosk_id)
        if isinstance(checked, ValidEvent) and checked.kind == "heartbeat":
            if len(_json(checked.payload)) > limits.heartbeat_max_bytes:
                checked = Rejection(
                    "heartbeat_too_large",
                    f"A heartbeat payload may hold at most {limits.heartbeat_max_bytes} bytes of JSON; "
                    "the previous heartbeat is kept.",
                )
        if isinstance(checked, Rejection):
            event_id = raw.get("id") if isinstance(raw, dict) else None
            batch.rejected[index] = _Rejected(event_id, checked.code, checked.reason, raw)
            batch.results[index] = ApplyResult(REJECTED, checked.code, checked.reason)
            continue
        if checked.id in first_index:
            batch.repeats.append((index, first_index[checked.id]))
            continue
        first_index[checked.id] = index
        batch.valid.append((index, checked, raw))
        occurred = parse_iso_utc(checked.occurred_utc)
        if occurred < past or occurred > future:
            batch.suspect.add(checked.id)

    for attempt in range(BATCH_ATTEMPTS):
        try:
            try:
                with db.write():
                    return _store_batch(db, batch, limits, _fast_path)
            except _Race:
                # Nothing of the fast path's transaction was kept: redo the batch exactly.
                with db.write():
                    return _store_batch(db, batch, limits, _event_by_event)
        except sa.exc.OperationalError as error:
            code = getattr(error.orig, "sqlstate", None)
            if code in ("40001", "40P01") and attempt + 1 < BATCH_ATTEMPTS:
                continue  # PostgreSQL chose this transaction to abort; nothing of it was kept
            raise
    raise AssertionError("unreachable")


def _store_batch(db: Database, batch: _Batch, limits: Limits,
                 path: Callable[[Database, _Batch], dict[int, ApplyResult]]) -> list[ApplyResult]:
    results = list(batch.results)
    stored = path(db, batch)
    for index, result in stored.items():
        results[index] = result
    rejected = dict(batch.rejected)
    for index, raw_index in stored_rejections(stored, batch):
        rejected[index] = raw_index
    for index, first in batch.repeats:
        earlier = results[first]
        assert earlier is not None
        if earlier.status == REJECTED:
            # The first occurrence was not stored, so this one fares the same way.
            results[index] = earlier
            _, event, raw = next(v for v in batch.valid if v[0] == first)
            rejected[index] = _Rejected(event.id, earlier.code or "", earlier.reason or "", raw)
        else:
            results[index] = ApplyResult(DUPLICATE)
    if rejected:
        _record_rejections(db, batch.kiosk.kiosk_id, [rejected[i] for i in sorted(rejected)], batch.stamp, limits)
    final = [r for r in results if r is not None]
    assert len(final) == len(results)
    return final


def stored_rejections(stored: dict[int, ApplyResult], batch: _Batch) -> Iterator[tuple[int, _Rejected]]:
    """Rejections decided while storing (conflicts), with their raw events."""
    by_index = {index: (event, raw) for index, event, raw in batch.valid}
    for index, result in stored.items():
        if result.status == REJECTED:
            event, raw = by_index[index]
            yield index, _Rejected(event.id, result.code or "", result.reason or "", raw)


@functools.lru_cache(maxsize=64)
def _expanding(sql: str, *names: str) -> sa.TextClause:
    return sa.text(sql).bindparams(*(sa.bindparam(name, expanding=True) for name in names))


def _event_row(batch: _Batch, event: ValidEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "kiosk_id": event.kiosk_id,
        "centre_id": batch.kiosk.centre_id,
        "kind": event.kind,
        "schema": event.schema,
        "seq": event.seq,
        "occurred_utc": event.occurred_utc,
        "received_utc": batch.stamp,
        "payload": _json(_kept_payload(event)),
        "time_suspect": 1 if event.id in batch.suspect else 0,
    }


def _kept_payload(event: ValidEvent) -> dict[str, Any]:
    """The payload as the events table keeps it: an SMS request's number never goes there."""
    if event.kind != "sms.requested" or "phone" not in event.payload:
        return event.payload
    kept = {k: v for k, v in event.payload.items() if k != "phone"}
    kept["phone_erased"] = True
    return kept


def _ticket_row(batch: _Batch, event: ValidEvent) -> dict[str, Any]:
    payload = event.payload
    return {
        "ticket_id": payload["ticket_id"].lower(),
        "event_id": event.id,
        "kiosk_id": event.kiosk_id,
        "centre_id": batch.kiosk.centre_id,
        "number": payload["number"],
        "service_id": payload["service_id"],
        "category_id": payload["category_id"],
        "business_day": payload["business_day"],
        "issued_utc": event.occurred_utc,
        "state": "issued",
        "reprints": 0,
    }


def _rating_row(batch: _Batch, event: ValidEvent) -> dict[str, Any]:
    payload = event.payload
    ticket_id = payload.get("ticket_id")
    return {
        "rating_id": payload["rating_id"].lower(),
        "event_id": event.id,
        "kiosk_id": event.kiosk_id,
        "centre_id": batch.kiosk.centre_id,
        "ticket_id": ticket_id.lower() if isinstance(ticket_id, str) else None,
        "overall": payload.get("overall"),
        "scores_json": _json(payload["scores"]) if "scores" in payload else None,
        "submitted_utc": event.occurred_utc,
    }


def _insert_returning(db: Database, table: str, rows: list[dict[str, Any]], conflict: str, key: str) -> set[str]:
    """``INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING RETURNING key``: the keys actually inserted."""
    if not rows:
        return set()
    columns = list(rows[0])
    # Straight to the driver, in its own parameter style: SQLAlchemy's text() would
    # parse and type thousands of named parameters per batch, the main cost of it.
    mark = "?" if db.is_sqlite else "%s"
    group = "(" + ", ".join([mark] * len(columns)) + ")"
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join([group] * len(rows))} "
        f"ON CONFLICT ({conflict}) DO NOTHING RETURNING {key}"
    )
    params = tuple(row[c] for row in rows for c in columns)
    return {r[0] for r in db.conn.exec_driver_sql(sql, params)}


def _fast_path(db: Database, batch: _Batch) -> dict[int, ApplyResult]:
    """The whole batch in a handful of statements; :class:`_Race` if a key was taken meanwhile."""
    results: dict[int, ApplyResult] = {}
    ids = [event.id for _, event, _ in batch.valid]
    existing: dict[str, str] = {}
    if ids:
        rows = db.execute(_expanding("SELECT id, kiosk_id FROM events WHERE id IN :ids", "ids"), {"ids": ids})
        existing = {r[0]: r[1] for r in rows}
    fresh = []
    for index, event, raw in batch.valid:
        if event.id in existing:
            results[index] = ApplyResult(DUPLICATE) if existing[event.id] == event.kiosk_id else _ID_CONFLICT
        else:
            fresh.append((index, event, raw))

    # A ticket or rating key already stored is not looked up beforehand: its row
    # then inserts nothing below, and the batch goes the exact way. That is either
    # a real conflict or (PostgreSQL) a racing batch of this kiosk that committed
    # the same event after the read above; storing the event row first, one by
    # one, tells the two apart. Keys taken twice within the batch are found here.
    ticket_ids = [e.payload["ticket_id"].lower() for _, e, _ in fresh if e.kind == "ticket.issued"]
    taken_tickets: set[str] = set()
    taken_ratings: set[str] = set()
    issued_later = set(ticket_ids)
    events, tickets, ratings, updates = [], [], [], []
    for index, event, _raw in fresh:
        if event.kind == "ticket.issued":
            ticket_id = event.payload["ticket_id"].lower()
            issued_later.discard(ticket_id)
            if ticket_id in taken_tickets:
                results[index] = _TICKET_CONFLICT
                continue
            taken_tickets.add(ticket_id)
            tickets.append(_ticket_row(batch, event))
        elif event.kind == "rating.submitted":
            rating_id = event.payload["rating_id"].lower()
            if rating_id in taken_ratings:
                results[index] = _RATING_CONFLICT
                continue
            taken_ratings.add(rating_id)
            ratings.append(_rating_row(batch, event))
        elif event.kind in ("ticket.cancelled", "ticket.reprinted"):
            if event.payload["ticket_id"].lower() in issued_later:
                raise _Race  # changes a ticket issued later in this batch: keep the order exactly
            updates.append(event)
        elif event.kind in ("heartbeat", "appointment.checked_in", "sms.requested"):
            updates.append(event)
        events.append(_event_row(batch, event))
        results[index] = ApplyResult(ACCEPTED)

    expected_events = {row["id"] for row in events}
    if _insert_returning(db, "events", sorted(events, key=lambda r: r["id"]), "id", "id") != expected_events:
        raise _Race
    expected_tickets = {row["ticket_id"] for row in tickets}
    if _insert_returning(db, "tickets", tickets, "centre_id, ticket_id", "ticket_id") != expected_tickets:
        raise _Race
    expected_ratings = {row["rating_id"] for row in ratings}
    if _insert_returning(db, "ratings", ratings, "centre_id, rating_id", "rating_id") != expected_ratings:
        raise _Race
    for event in updates:
        _apply_update(db, batch, event)
    return results


def _event_by_event(db: Database, batch: _Batch) -> dict[int, ApplyResult]:
    """Each event in its own savepoint, in order: the exact path for contended batches."""
    results: dict[int, ApplyResult] = {}
    for index, event, _raw in batch.valid:
        try:
            with db.savepoint():
                results[index] = _store_one(db, batch, event)
        except _Conflict as conflict:
            results[index] = conflict.result
    return results


def _store_one(db: Database, batch: _Batch, event: ValidEvent) -> ApplyResult:
    # The event row first: its key decides duplicates, also against a transaction
    # that is storing the same id right now (PostgreSQL waits for it, then skips).
    if not _insert_returning(db, "events", [_event_row(batch, event)], "id", "id"):
        owner = db.scalar("SELECT kiosk_id FROM events WHERE id = :id", {"id": event.id})
        if owner == event.kiosk_id:
            return ApplyResult(DUPLICATE)
        raise _Conflict(_ID_CONFLICT)
    if event.kind == "ticket.issued":
        if not _insert_returning(db, "tickets", [_ticket_row(batch, event)], "centre_id, ticket_id", "ticket_id"):
            raise _Conflict(_TICKET_CONFLICT)
    elif event.kind == "rating.submitted":
        if not _insert_returning(db, "ratings", [_rating_row(batch, event)], "centre_id, rating_id", "rating_id"):
            raise _Conflict(_RATING_CONFLICT)
    else:
        _apply_update(db, batch, event)
    return ApplyResult(ACCEPTED)


def _apply_update(db: Database, batch: _Batch, event: ValidEvent) -> None:
    centre = batch.kiosk.centre_id
    payload = event.payload
    if event.kind == "ticket.cancelled":
        # A ticket the server does not know (its issue event was rejected or
        # has not arrived) still gets its event stored; there is nothing to update.
        db.execute(
            "UPDATE tickets SET state = 'cancelled', cancelled_utc = :at WHERE centre_id = :c AND ticket_id = :t",
            {"at": event.occurred_utc, "c": centre, "t": payload["ticket_id"].lower()},
        )
    elif event.kind == "ticket.reprinted":
        db.execute(
            "UPDATE tickets SET reprints = reprints + 1 WHERE centre_id = :c AND ticket_id = :t",
            {"c": centre, "t": payload["ticket_id"].lower()},
        )
    elif event.kind == "heartbeat":
        # Only a heartbeat at least as recent (by seq) replaces the stored one,
        # so a re-upload of old events after a restore does not go backwards.
        db.execute(
            "UPDATE kiosks SET heartbeat_json = :p, heartbeat_seq = :seq, heartbeat_utc = :at "
            "WHERE kiosk_id = :k AND (heartbeat_seq IS NULL OR heartbeat_seq <= :seq)",
            {"p": _json(payload), "seq": event.seq, "at": event.occurred_utc, "k": event.kiosk_id},
        )
    elif event.kind == "appointment.checked_in":
        db.execute(
            "INSERT INTO appointment_check_ins (centre_id, date, code, ticket_id, number, kiosk_id, checked_in_utc, "
            "event_id, received_utc) VALUES (:c, :d, :code, :t, :n, :k, :at, :e, :rx) "
            "ON CONFLICT (centre_id, date, code, ticket_id) DO NOTHING",
            {
                "c": centre,
                "d": payload["business_day"],
                "code": payload["code"],
                "t": payload["ticket_id"].lower(),
                "n": payload["number"],
                "k": event.kiosk_id,
                "at": payload["checked_in_utc"],
                "e": event.id,
                "rx": batch.stamp,
            },
        )
    elif event.kind == "sms.requested" and "phone" in payload:
        # A second request for the same ticket (another number) replaces a pending one;
        # a ticket whose SMS was sent, or whose day is over, is never sent another.
        db.execute(
            "INSERT INTO sms_requests (centre_id, ticket_id, event_id, kiosk_id, business_day, number, language, "
            "phone, state, requested_utc) VALUES (:c, :t, :e, :k, :d, :n, :lang, :phone, 'pending', :at) "
            "ON CONFLICT (centre_id, ticket_id) DO UPDATE SET phone = excluded.phone, "
            "language = excluded.language, event_id = excluded.event_id "
            "WHERE sms_requests.state = 'pending'",
            {
                "c": centre,
                "t": payload["ticket_id"].lower(),
                "e": event.id,
                "k": event.kiosk_id,
                "d": payload["business_day"],
                "n": payload["number"],
                "lang": payload["language"],
                "phone": payload["phone"],
                "at": event.occurred_utc,
            },
        )


# Anything that looks like a Russian mobile number, in a rejected submission's excerpt.
_PHONE_LIKE = re.compile(r"(?<![0-9])\+?[78]?9[0-9]{9}(?![0-9])")


def _excerpt(raw: object) -> str:
    try:
        text = _json(raw)
    except ValueError:
        text = json.dumps(raw, ensure_ascii=True, separators=(",", ":"))  # never reached: input is strict JSON
    # A rejected sms.requested (or anything else) may hold a phone number: it is never kept.
    text = _PHONE_LIKE.sub("[number removed]", text)
    return text if len(text) <= REJECTION_EXCERPT_CHARS else text[:REJECTION_EXCERPT_CHARS] + "..."


def _record_rejections(db: Database, kiosk_id: str, rejected: list[_Rejected], stamp: str, limits: Limits) -> None:
    """Keep rejected submissions (nothing is dropped silently), within the kiosk's quota.

    Beyond ``limits.rejections_kept`` rows per kiosk the oldest go, and are
    counted in ``kiosks.rejections_dropped``, so one kiosk cannot fill the disk
    while its figures stay true.
    """
    rows = [
        {
            "kiosk_id": kiosk_id,
            # kept as JSON text: the id as sent may be any JSON value
            "event_id": _excerpt(item.event_id)[:200] if item.event_id is not None else None,
            "code": item.code,
            "reason": item.reason,
            "received_utc": stamp,
            "excerpt": _excerpt(item.raw),
        }
        for item in rejected
    ]
    db.execute(
        "INSERT INTO rejections (kiosk_id, event_id, code, reason, received_utc, excerpt) "
        "VALUES (:kiosk_id, :event_id, :code, :reason, :received_utc, :excerpt)",
        rows,
    )
    kept = db.scalar("SELECT count(*) FROM rejections WHERE kiosk_id = :k", {"k": kiosk_id})
    over = int(kept) - limits.rejections_kept
    if over > 0:
        db.execute(
            "DELETE FROM rejections WHERE rejection_id IN "
            "(SELECT rejection_id FROM rejections WHERE kiosk_id = :k ORDER BY rejection_id LIMIT :n)",
            {"k": kiosk_id, "n": over},
        )
        db.execute(
            "UPDATE kiosks SET rejections_dropped = rejections_dropped + :n WHERE kiosk_id = :k",
            {"k": kiosk_id, "n": over},
        )


def table_count(db: Database, table: str, where: str = "", params: dict[str, Any] | None = None) -> int:
    """Row count of one of this module's tables (for the CLI and tests)."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table}")
    sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
    return int(db.scalar(sql, params or {}))


# --------------------------------------------------------------------------
# data for kiosks


def store_bundle(db: Database, centre_id: str, bundle: dict[str, Any], *, now: dt.datetime) -> int:
    """Store a validated bundle as the centre's next version; returns it."""
    with db.write():
        current = db.scalar("SELECT coalesce(max(version), 0) FROM bundles WHERE centre_id = :c", {"c": centre_id})
        version = int(current) + 1
        body = {"version": version, **bundle, "centre_id": centre_id}
        db.execute(
            "INSERT INTO bundles (centre_id, version, body, loaded_utc) VALUES (:c, :v, :b, :at)",
            {"c": centre_id, "v": version, "b": _json(body), "at": iso_utc(now)},
        )
    return version


def latest_bundle_version(db: Database, centre_id: str) -> int | None:
    """The version of the centre's current bundle (what its ETag names), without its body."""
    version = db.scalar("SELECT MAX(version) FROM bundles WHERE centre_id = :c", {"c": centre_id})
    return int(version) if version is not None else None


def latest_bundle(db: Database, centre_id: str) -> dict[str, Any] | None:
    body = db.scalar(
        "SELECT body FROM bundles WHERE centre_id = :c ORDER BY version DESC LIMIT 1", {"c": centre_id}
    )
    return json.loads(body) if body else None


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
    with db.write():
        for date, appointments in days.items():
            db.execute(
                "INSERT INTO appointment_days (centre_id, date, body, loaded_utc) VALUES (:c, :d, :b, :at) "
                "ON CONFLICT (centre_id, date) DO UPDATE SET body = excluded.body, loaded_utc = excluded.loaded_utc",
                {"c": centre_id, "d": date, "b": _json(appointments), "at": iso_utc(now)},
            )


# The other days whose codes the day's list names in ``elsewhere``.
ELSEWHERE_BEFORE = dt.timedelta(days=7)
ELSEWHERE_AFTER = dt.timedelta(days=14)


def check_ins_for(db: Database, centre_id: str, date: str) -> dict[str, list[dict[str, str]]]:
    """Every check-in received for the day, by code, the first received first."""
    rows = db.execute(
        "SELECT code, ticket_id, number, kiosk_id, checked_in_utc FROM appointment_check_ins "
        "WHERE centre_id = :c AND date = :d ORDER BY code, received_utc, checked_in_utc, ticket_id",
        {"c": centre_id, "d": date},
    )
    found: dict[str, list[dict[str, str]]] = {}
    for code, ticket_id, number, kiosk_id, at in rows:
        found.setdefault(code, []).append(
            {"ticket_id": ticket_id, "number": number, "kiosk_id": kiosk_id, "checked_in_utc": at}
        )
    return found


def appointments_listing(db: Database, centre_id: str, date: str) -> dict[str, Any]:
    """``GET /appointments``: the day's list with status and check-ins, and ``elsewhere``.

    ``elsewhere`` holds only this centre's codes (other days near ``date``):
    another centre's codes would tell this centre's kiosks who is booked there.
    """
    checks = check_ins_for(db, centre_id, date)
    day = dt.date.fromisoformat(date)
    first, last = (day - ELSEWHERE_BEFORE).isoformat(), (day + ELSEWHERE_AFTER).isoformat()
    # The day and the days around it in one read (a kiosk asks for this every round).
    days = dict(db.execute(
        "SELECT date, body FROM appointment_days WHERE centre_id = :c AND date >= :a AND date <= :b",
        {"c": centre_id, "a": first, "b": last},
    ).all())
    own = days.pop(date, None)
    listed = [
        {**item, "status": item.get("status", "booked"), "check_ins": checks.get(item["code"], [])}
        for item in (json.loads(own) if own else [])
    ]
    here = {item["code"] for item in listed}
    nearest: dict[str, tuple[tuple[int, int], str]] = {}
    for other_date, body in days.items():
        for item in json.loads(body):
            code = item["code"]
            if code in here:
                continue
            # The day nearest to ``date``; of two as near, the later one.
            offset = (dt.date.fromisoformat(other_date) - day).days
            rank = (abs(offset), -offset)
            if code not in nearest or rank < nearest[code][0]:
                nearest[code] = (rank, other_date)
    elsewhere = [{"code": code, "date": nearest[code][1], "centre_id": centre_id} for code in sorted(nearest)]
    listing: dict[str, Any] = {"date": date, "centre_id": centre_id, "appointments": listed}
    if elsewhere:
        listing["elsewhere"] = elsewhere  # left out when there is none
    return listing


def put_appointment(
    db: Database, centre_id: str, date: str, appointment: dict[str, str], *, now: dt.datetime
) -> bool:
    """Add one appointment to the day, or replace the one with its code; True when it is new."""
    with db.write():
        # The row first, so that on PostgreSQL FOR UPDATE has a row to lock against a concurrent change.
        db.execute(
            "INSERT INTO appointment_days (centre_id, date, body, loaded_utc) VALUES (:c, :d, '[]', :at) "
            "ON CONFLICT (centre_id, date) DO NOTHING",
            {"c": centre_id, "d": date, "at": iso_utc(now)},
        )
        lock = "" if db.is_sqlite else " FOR UPDATE"
        body = db.scalar(
            f"SELECT body FROM appointment_days WHERE centre_id = :c AND date = :d{lock}", {"c": centre_id, "d": date}
        )
        items = [item for item in json.loads(body) if item["code"] != appointment["code"]]
        created = len(items) == len(json.loads(body))
        items.append(appointment)
        items.sort(key=lambda a: (str(a.get("slot_local")), str(a.get("code"))))
        db.execute(
            "UPDATE appointment_days SET body = :b, loaded_utc = :at WHERE centre_id = :c AND date = :d",
            {"c": centre_id, "d": date, "b": _json(items), "at": iso_utc(now)},
        )
    return created


def double_check_ins(db: Database, since: str) -> list[dict[str, Any]]:
    """Codes checked in with more than one ticket on ``since`` or later, for the fleet view."""
    rows = db.execute(
        "SELECT centre_id, date, code, number, kiosk_id FROM appointment_check_ins WHERE date >= :d "
        "ORDER BY centre_id, date, code, received_utc, checked_in_utc, ticket_id",
        {"d": since},
    )
    grouped: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for centre_id, date, code, number, kiosk_id in rows:
        grouped.setdefault((centre_id, date, code), []).append((number, kiosk_id))
    return [
        {
            "centre_id": centre_id,
            "date": date,
            "code": code,
            "numbers": [n for n, _ in tickets],
            "kiosk_ids": sorted({k for _, k in tickets}),
        }
        for (centre_id, date, code), tickets in grouped.items()
        if len(tickets) > 1
    ]


# "Best time to visit": the weeks of tickets the aggregate covers, ending yesterday.
LOAD_WEEKS = 8


def load_aggregate(db: Database, centre_id: str, today: dt.date, tz: dt.tzinfo) -> dict[str, Any]:
    """Tickets per weekday and local hour over the last :data:`LOAD_WEEKS` weeks before ``today``.

    Walk-in tickets only: a booked visit's ticket (one with a check-in) is not the queue.
    Each cell is the count divided by the number of that weekday in the period (always LOAD_WEEKS).
    """
    first = today - dt.timedelta(weeks=LOAD_WEEKS)
    last = today - dt.timedelta(days=1)
    rows = db.execute(
        "SELECT t.issued_utc FROM tickets t WHERE t.centre_id = :c AND t.business_day >= :a "
        "AND t.business_day <= :b AND t.issued_utc IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
        "appointment_check_ins b WHERE b.centre_id = t.centre_id AND b.ticket_id = t.ticket_id)",
        {"c": centre_id, "a": first.isoformat(), "b": last.isoformat()},
    )
    counts: dict[tuple[int, int], int] = {}
    for (issued,) in rows:
        local = parse_iso_utc(issued).astimezone(tz)
        if not first <= local.date() <= last:
            continue
        key = (local.weekday(), local.hour)
        counts[key] = counts.get(key, 0) + 1
    cells = [
        {"weekday": weekday, "hour": hour, "avg_tickets": round(count / LOAD_WEEKS, 3)}
        for (weekday, hour), count in sorted(counts.items())
    ]
    return {"centre_id": centre_id, "period_from": first.isoformat(), "period_to": last.isoformat(), "cells": cells}


def set_queue(
    db: Database, centre_id: str, as_of_utc: str, services: list[dict[str, Any]], *, now: dt.datetime
) -> None:
    with db.write():
        db.execute(
            "INSERT INTO queues (centre_id, as_of_utc, services, loaded_utc) VALUES (:c, :as_of, :s, :at) "
            "ON CONFLICT (centre_id) DO UPDATE SET as_of_utc = excluded.as_of_utc, services = excluded.services, "
            "loaded_utc = excluded.loaded_utc",
            {"c": centre_id, "as_of": as_of_utc, "s": _json(services), "at": iso_utc(now)},
        )


def queue_for(db: Database, centre_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT as_of_utc, services FROM queues WHERE centre_id = :c", {"c": centre_id}).fetchone()
    if row is None:
        return None
    return {"centre_id": centre_id, "as_of_utc": row[0], "services": json.loads(row[1])}


# --------------------------------------------------------------------------
# backups


def _stamped_name(label: str, suffix: str) -> str:
    return f"central-{label}-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}{suffix}"


def _private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (fails if it exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _sqlite_copy(source: Path, destination: Path) -> None:
    """SQLite's online backup API: a consistent copy while the server runs; 0600."""
    _private_file(destination)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            target_conn = sqlite3.connect(str(destination))
            try:
                src.backup(target_conn)
                # A backup is one self-contained file, whatever the source's journal mode.
                target_conn.execute("PRAGMA journal_mode=DELETE")
            finally:
                target_conn.close()
        finally:
            src.close()
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    os.chmod(destination, 0o600)


def _sqlite_backup_file(path: Path, label: str) -> Path:
    destination = path.with_name(f"{path.name}.{label}-{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}.bak")
    _sqlite_copy(path, destination)
    return destination


def pg_tool(name: str) -> str | None:
    """``pg_dump``/``pg_restore`` on PATH or in Debian's versioned folder, else None."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


def _pg_env_and_dsn(where: Target) -> tuple[dict[str, str], str]:
    url = sa.make_url(where.url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)  # never on the command line, where ps shows it
    dsn = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return env, dsn


def backup_postgresql(where: Target, destination: Path) -> Path:
    """``pg_dump -Fc`` of the whole database into ``destination`` (0600)."""
    tool = pg_tool("pg_dump")
    if tool is None:
        raise StorageError("pg_dump is not installed (Debian: apt-get install postgresql-client)")
    env, dsn = _pg_env_and_dsn(where)
    _private_file(destination)
    done = subprocess.run(
        [tool, "--format=custom", "--no-owner", f"--file={destination}", f"--dbname={dsn}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        destination.unlink(missing_ok=True)
        raise StorageError(f"pg_dump failed: {(done.stderr.strip().splitlines() or ['no message'])[-1]}")
    os.chmod(destination, 0o600)
    return destination


def backup(db: Database | str | Path, destination: str | Path) -> Path:
    """Copy the database to ``destination`` (a new file, mode 0600); returns it.

    SQLite: the online backup API, consistent while the server runs.
    PostgreSQL: ``pg_dump --format=custom`` (restore with :func:`restore`).
    """
    where = db.target if isinstance(db, Database) else dbmod.target(db)
    destination = Path(destination)
    if where.sqlite_path is not None:
        _sqlite_copy(where.sqlite_path, destination)
        return destination
    return backup_postgresql(where, destination)


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups made by ``backup --into``; returns those deleted."""
    made = sorted(folder.glob("central-backup-*"), key=lambda p: p.name)
    doomed = made[:-keep] if keep > 0 else made
    for path in doomed:
        path.unlink()
    return doomed


def restore(source: Path, db: str | Path | Target) -> None:
    """Replace the database's contents with a backup made by :func:`backup`.

    The server must be stopped. SQLite: the backup is checked
    (``integrity_check``) and copied in with the backup API, so a failure
    midway leaves the old database whole. PostgreSQL: ``pg_restore --clean``
    into the named database.
    """
    where = dbmod.target(db)
    if not source.is_file():
        raise StorageError(f"backup {source} does not exist")
    if where.sqlite_path is not None:
        try:
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                result = src.execute("PRAGMA integrity_check").fetchone()[0]
                if result != "ok":
                    raise StorageError(f"backup {source} is damaged ({result}); choose another")
                if not src.execute("SELECT 1 FROM sqlite_master WHERE name = 'kiosks'").fetchone():
                    raise StorageError(f"backup {source} is not a database of this server")
                dbmod.dispose(where)
                if not where.sqlite_path.exists():
                    _private_file(where.sqlite_path)
                target_conn = sqlite3.connect(str(where.sqlite_path), timeout=BUSY_TIMEOUT_SECONDS)
                try:
                    src.backup(target_conn)
                finally:
                    target_conn.close()
            finally:
                src.close()
        except sqlite3.DatabaseError as error:
            raise StorageError(f"backup {source} cannot be read: {error}") from None
        return
    tool = pg_tool("pg_restore")
    if tool is None:
        raise StorageError("pg_restore is not installed (Debian: apt-get install postgresql-client)")
    env, dsn = _pg_env_and_dsn(where)
    dbmod.dispose(where)
    done = subprocess.run(
        [tool, "--clean", "--if-exists", "--no-owner", "--single-transaction", f"--dbname={dsn}", str(source)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise StorageError(f"pg_restore failed: {(done.stderr.strip().splitlines() or ['no message'])[-1]}")
