"""The store's schema, as an ordered list of migrations (sqlite-utils).

Append new migrations at the end with the next number (``@step("0004_...")``);
never edit one that has shipped. Each runs in a transaction together with
its record in ``_sqlite_migrations``, through sqlite-utils' ``Migrations``
(``kiosk.migrations.migrations``).

That object, and sqlite-utils with it, is made on first use: a store whose
schema is up to date (every start but the first after an upgrade) is told
so by :func:`up_to_date` with one query of plain ``sqlite3``, and the kiosk
starts without loading sqlite-utils at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

SET_NAME = "kiosk"
TABLE = "_sqlite_migrations"  # sqlite-utils' own record of applied migrations


class Executes(Protocol):
    """What a migration needs of its database (a ``sqlite_utils.Database``)."""

    def execute(self, sql: str, /) -> Any: ...


Step = Callable[[Executes], None]
STEPS: list[tuple[str, Step]] = []


def step(name: str) -> Callable[[Step], Step]:
    """Register the decorated function as the next migration, called ``name``."""
    def register(fn: Step) -> Step:
        if any(known == name for known, _ in STEPS):
            raise ValueError(f"migration {name!r} is registered twice")
        STEPS.append((name, fn))
        return fn
    return register


def names() -> tuple[str, ...]:
    """Every migration's name, in the order they run."""
    return tuple(name for name, _ in STEPS)


def up_to_date(conn: sqlite3.Connection) -> bool:
    """Whether every migration is recorded as applied in ``conn``'s database (read only).

    False also when the record table is missing or has an older shape, so
    that sqlite-utils itself brings it up to date.
    """
    shape = {str(r[1]): int(r[5]) for r in conn.execute(f"PRAGMA table_info({TABLE})")}
    if shape.get("id") != 1 or not {"migration_set", "name"} <= shape.keys():
        return False
    applied = {str(r[0]) for r in conn.execute(f"SELECT name FROM {TABLE} WHERE migration_set = ?", (SET_NAME,))}
    return set(names()) <= applied


_migrations: Migrations | None = None


def __getattr__(attribute: str) -> Any:
    # ``kiosk.migrations.migrations``: sqlite-utils' Migrations of every step, made on first use.
    global _migrations
    if attribute != "migrations":
        raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
    if _migrations is None:
        from sqlite_utils.migrations import Migrations

        made = Migrations(SET_NAME)
        for name, fn in STEPS:
            made(name=name)(fn)
        _migrations = made
    return _migrations


@step("0001_tickets_outbox")
def _m0001(db: Executes) -> None:
    db.execute("""
        CREATE TABLE tickets (
            id TEXT PRIMARY KEY,
            business_day TEXT NOT NULL,
            prefix TEXT NOT NULL,
            number INTEGER NOT NULL,
            display TEXT NOT NULL,
            category_id TEXT NOT NULL,
            service_id TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            centre_id TEXT NOT NULL,
            issued_utc TEXT NOT NULL,
            people_ahead INTEGER NOT NULL,
            wait_minutes INTEGER NOT NULL,
            est_call_utc TEXT NOT NULL,
            language TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'waiting',
            print_state TEXT NOT NULL DEFAULT 'pending',
            print_error TEXT,
            UNIQUE (business_day, prefix, number)
        )""")
    db.execute("CREATE INDEX tickets_day_category ON tickets (business_day, category_id, est_call_utc)")
    db.execute("""
        CREATE TABLE counters (
            business_day TEXT NOT NULL,
            prefix TEXT NOT NULL,
            last_number INTEGER NOT NULL,
            PRIMARY KEY (business_day, prefix)
        )""")
    db.execute("""
        CREATE TABLE queue_state (
            business_day TEXT NOT NULL,
            category_id TEXT NOT NULL,
            free_times TEXT NOT NULL,
            PRIMARY KEY (business_day, category_id)
        )""")
    db.execute("CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # seq is the kiosk's own order of events; it survives restarts because it
    # comes from the table, and AUTOINCREMENT never reuses a value.
    db.execute("""
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            schema INTEGER NOT NULL,
            occurred_utc TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            sent_utc TEXT
        )""")
    db.execute("CREATE INDEX outbox_state ON outbox (state, seq)")


@step("0002_ratings_admin_sync")
def _m0002(db: Executes) -> None:
    # Ratings: one per ticket (the partial unique index), any number of quick ones.
    db.execute("""
        CREATE TABLE ratings (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,                -- 'ticket' or 'quick'
            ticket_id TEXT REFERENCES tickets (id),
            business_day TEXT NOT NULL,
            service_id TEXT,
            served_window TEXT,                -- the window that served the ticket, when the server names it
            kiosk_id TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            scores TEXT NOT NULL DEFAULT '{}', -- JSON {criterion: 1..5}; skipped criteria absent
            overall INTEGER,                   -- 1..5 for a quick rating
            comment TEXT,
            language TEXT NOT NULL
        )""")
    db.execute("CREATE UNIQUE INDEX ratings_one_per_ticket ON ratings (ticket_id) WHERE ticket_id IS NOT NULL")
    db.execute("CREATE INDEX ratings_day ON ratings (business_day, kind)")
    # Cancellation of a ticket by a consultant.
    db.execute("ALTER TABLE tickets ADD COLUMN cancel_reason TEXT")
    db.execute("ALTER TABLE tickets ADD COLUMN cancelled_utc TEXT")
    # Admin mode: PIN hashes per role, services paused today, the audit trail.
    db.execute("""
        CREATE TABLE admin_pins (
            role TEXT PRIMARY KEY,             -- 'consultant' or 'operator'
            hash TEXT NOT NULL,                -- encoded slow hash with its salt and parameters
            set_utc TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE paused_services (
            service_id TEXT PRIMARY KEY,
            reason_code TEXT NOT NULL,
            paused_utc TEXT NOT NULL,
            source TEXT NOT NULL               -- 'admin' or 'server'
        )""")
    db.execute("""
        CREATE TABLE audit (
            id TEXT PRIMARY KEY,
            created_utc TEXT NOT NULL,
            role TEXT,
            action TEXT NOT NULL,
            details TEXT NOT NULL DEFAULT '{}'
        )""")
    # Data from the central server, kept for offline use with its age.
    db.execute("""
        CREATE TABLE server_cache (
            name TEXT PRIMARY KEY,             -- 'bundle', 'appointments:YYYY-MM-DD', 'queue'
            etag TEXT,
            body TEXT NOT NULL,
            fetched_utc TEXT NOT NULL
        )""")
    db.execute("ALTER TABLE outbox ADD COLUMN rejected_code TEXT")



@step("0003_year_indexes")
def _m0003(db: Executes) -> None:
    # A year of a busy kiosk (bench/year_bench.py) turns these from full scans into lookups.
    # The live-queue estimate, on each ticket while the server's figures are fresh:
    db.execute("CREATE INDEX tickets_category_waiting ON tickets (category_id, status, issued_utc)")
    # A rating's number from an earlier day ("that ticket was yesterday's"):
    db.execute("CREATE INDEX tickets_display_day ON tickets (display, business_day)")
    # The one-tap rating's throttle, on each one-tap rating:
    db.execute("CREATE INDEX ratings_kind_kiosk_created ON ratings (kind, kiosk_id, created_utc)")
    # Admin mode's printer tab: today's print failures among every event ever queued.
    db.execute("CREATE INDEX outbox_kind_occurred ON outbox (kind, occurred_utc)")


@step("0004_booked_checkins")
def _m0004(db: Executes) -> None:
    # Booked visits checked in at this kiosk: one per code and day (kiosk/bookings.py).
    db.execute("""
        CREATE TABLE booked_checkins (
            business_day TEXT NOT NULL,
            code TEXT NOT NULL,
            ticket_id TEXT NOT NULL REFERENCES tickets (id),
            slot_local TEXT NOT NULL,
            checked_in_utc TEXT NOT NULL,
            PRIMARY KEY (business_day, code)
        )""")


@step("0005_outbox_state_counts")
def _m0005(db: Executes) -> None:
    # How many events are in each state, kept by triggers in the same transaction as the
    # change itself, so every writer (sync, SMS expiry, restore, an operator's SQL) keeps
    # it exact and the Sync tab reads a few rows instead of counting a year of events.
    # A later migration that rebuilds ``outbox`` (sqlite-utils' transform) must recreate
    # these triggers.
    db.execute("CREATE TABLE outbox_state_counts (state TEXT PRIMARY KEY, n INTEGER NOT NULL)")
    db.execute("INSERT INTO outbox_state_counts (state, n) SELECT state, count(*) FROM outbox GROUP BY state")
    db.execute("""
        CREATE TRIGGER outbox_state_counts_insert AFTER INSERT ON outbox BEGIN
            INSERT INTO outbox_state_counts (state, n) VALUES (NEW.state, 1)
                ON CONFLICT (state) DO UPDATE SET n = n + 1;
        END""")
    db.execute("""
        CREATE TRIGGER outbox_state_counts_delete AFTER DELETE ON outbox BEGIN
            UPDATE outbox_state_counts SET n = n - 1 WHERE state = OLD.state;
        END""")
    db.execute("""
        CREATE TRIGGER outbox_state_counts_update AFTER UPDATE OF state ON outbox
        WHEN OLD.state IS NOT NEW.state BEGIN
            UPDATE outbox_state_counts SET n = n - 1 WHERE state = OLD.state;
            INSERT INTO outbox_state_counts (state, n) VALUES (NEW.state, 1)
                ON CONFLICT (state) DO UPDATE SET n = n + 1;
        END""")
