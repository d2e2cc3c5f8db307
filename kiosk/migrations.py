"""The store's schema, as an ordered list of migrations (sqlite-utils).

Append new migrations at the end with the next number; never edit one that
has shipped. Each runs in a transaction together with its record in
``_sqlite_migrations``.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk")


@migrations(name="0001_tickets_outbox")
def _m0001(db: sqlite_utils.Database) -> None:
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


@migrations(name="0002_ratings_admin_sync")
def _m0002(db: sqlite_utils.Database) -> None:
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

