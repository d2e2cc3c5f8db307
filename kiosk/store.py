"""The kiosk's local SQLite store: opening, health checks, migrations, transactions.

Durability rules (see shared/engineering/reliability.md): WAL journal with
``synchronous=FULL`` so that a ticket already shown survives a power cut;
``quick_check`` at every start, and a damaged file is moved aside, never
deleted; every business row is written in the same transaction as its outbox
row.

Schema migrations use sqlite-utils (:mod:`kiosk.migrations`), loaded only when
one is pending: opening an up-to-date store needs nothing beyond ``sqlite3``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk import migrations
from kiosk.clock import Clock, iso_utc
from kiosk.events import EventKind

log = logging.getLogger(__name__)

DB_NAME = "kiosk.db"
EVENT_SCHEMA = 1

@dataclass(frozen=True)
class StoreHealth:
    """What start-up found, for the log and for admin mode."""

    path: Path
    journal_mode: str
    synchronous: int
    moved_aside: Path | None = None


class StoreError(RuntimeError):
    """The store cannot be opened or written (full disk, read-only folder, ...)."""


class StoreFull(StoreError):
    """No room to write: SQLite said SQLITE_FULL, or the disk is below the kiosk's own limit
    (``storage.disk_refuse_mib``, see :mod:`kiosk.disk`). Nothing of the write was kept."""


def write_error(exc: sqlite3.Error, what: str) -> StoreError:
    """The :class:`StoreError` (a :class:`StoreFull` for SQLITE_FULL) for a failed write."""
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return StoreFull(f"{what}: the disk is full ({exc})")
    return StoreError(f"{what}: {exc}")


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=5.0)
    # Driver autocommit: every transaction is opened explicitly (BEGIN IMMEDIATE
    # in Store.transaction, BEGIN in sqlite-utils' atomic()), none implicitly.
    conn.isolation_level = None
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def _check(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA quick_check").fetchone()
    return str(row[0]) if row else "no answer"


class Database:
    """The store's connection (``store.db.conn``), as the rest of the kiosk reaches it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def close(self) -> None:
        self.conn.close()


def migrate(conn: sqlite3.Connection) -> None:
    """Apply any pending migration (through sqlite-utils, imported only then)."""
    if migrations.up_to_date(conn):
        return
    import sqlite_utils

    migrations.migrations.apply(sqlite_utils.Database(conn))


class Store:
    """One connection to ``DATA_DIR/kiosk.db``; use it from the thread that made it."""

    def __init__(self, db: Database, health: StoreHealth, clock: Clock,
                 new_id: Callable[[], str]) -> None:
        self.db = db
        self.health = health
        self.clock = clock
        self.new_id = new_id

    @classmethod
    def open(cls, data_dir: Path, clock: Clock,
             new_id: Callable[[], str] = lambda: str(uuid.uuid4())) -> Store:
        """Open (creating if needed) the store, check it and bring its schema up to date.

        Raises:
            StoreError: the folder or file cannot be used.
        """
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data folder {data_dir}: {exc.strerror}") from None
        path = data_dir / DB_NAME
        moved: Path | None = None
        try:
            conn = _connect(path)
            verdict = _check(conn)
        except sqlite3.DatabaseError as exc:
            verdict = str(exc)
            conn = None
        if verdict != "ok":
            if conn is not None:
                conn.close()
            moved = move_aside(path, clock)
            log.error("store %s failed its check (%s); moved aside to %s, starting a fresh one",
                      path, verdict, moved)
            conn = _connect(path)
        assert conn is not None
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            conn.execute("PRAGMA synchronous = FULL")
            sync = conn.execute("PRAGMA synchronous").fetchone()[0]
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils' Database sets it
            if mode != "wal" or sync != 2:
                raise StoreError(f"{path}: journal_mode={mode}, synchronous={sync}; need wal and FULL (2)")
            migrate(conn)
            db = Database(conn)
        except sqlite3.OperationalError as exc:
            conn.close()
            raise StoreError(f"cannot open {path}: {exc}") from None
        return cls(db, StoreHealth(path, mode, sync, moved), clock, new_id)

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction taken with ``BEGIN IMMEDIATE``.

        IMMEDIATE takes the write lock up front, so a read-then-write (the
        numbering counter) cannot fail half-way with SQLITE_BUSY when the sync
        worker's connection writes at the same moment.
        """
        conn = self.db.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot start a write: {exc}") from None
        try:
            yield conn
        except sqlite3.OperationalError as exc:
            # A write inside the block failed (SQLITE_FULL, an I/O error): the same
            # StoreError as a failed COMMIT, so callers have one thing to catch.
            _rollback(conn)
            raise write_error(exc, "cannot write") from None
        except BaseException:
            _rollback(conn)
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            _rollback(conn)
            raise write_error(exc, "cannot commit") from None

    def add_event(self, conn: sqlite3.Connection, kind: EventKind, payload: dict[str, Any],
                  occurred: dt.datetime | None = None) -> str:
        """Queue an event for the central server inside the caller's transaction."""
        event_id = self.new_id()
        conn.execute(
            "INSERT INTO outbox (id, kind, schema, occurred_utc, payload) VALUES (?, ?, ?, ?, ?)",
            (event_id, kind.value, EVENT_SCHEMA, iso_utc(occurred or self.clock.now_utc()),
             json.dumps(payload, ensure_ascii=False, sort_keys=True)),
        )
        return event_id

    def get_state(self, key: str) -> str | None:
        row = self.db.conn.execute("SELECT value FROM kiosk_state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def set_state(conn: sqlite3.Connection, key: str, value: str) -> None:
        conn.execute("INSERT INTO kiosk_state (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    def outbox_counts(self) -> dict[str, int]:
        """How many outbox events are ``pending``, ``sent`` and ``rejected`` (every state present).

        Read from ``outbox_state_counts``, which the outbox's own triggers keep exact
        (migration ``0005``): a few rows, however many events a year has queued.
        """
        counts = {"pending": 0, "sent": 0, "rejected": 0}
        counts.update((str(state), int(n)) for state, n in
                      self.db.conn.execute("SELECT state, n FROM outbox_state_counts WHERE n != 0"))
        return counts

    def pending_events(self) -> int:
        """Events not yet accepted by the server."""
        return self.outbox_counts()["pending"]


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite may already have rolled the transaction back itself (it does on SQLITE_FULL
    # in some statements); a ROLLBACK then would raise and hide the real error.
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def move_aside(path: Path, clock: Clock, label: str = "damaged") -> Path:
    """Rename the database with its WAL and shared-memory files to ``<name>.<label>-<UTC time>``.

    Returns:
        The new path of the main file (the others get the same suffixes as before).
    """
    stamp = clock.now_utc().strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists():
            part.rename(Path(str(target) + suffix))
    return target
