"""The store's schema migrations (kiosk/migrations.py): a fresh store reaches
the latest version, a store left by an older version is brought forward with
its rows intact, and opening a store that is up to date changes nothing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.hours import WeeklyHours
from kiosk.migrations import migrations, up_to_date
from kiosk.store import DB_NAME, Store
from kiosk.tickets import TicketDesk

# Every migration's name in order, read from the list itself so that a new one is covered here too.
ALL = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]

# Rows as the first version wrote them (the 0001 schema); every later version must keep them.
OLD_ROWS = {
    "tickets": ("INSERT INTO tickets (id, business_day, prefix, number, display, category_id, service_id, "
                "kiosk_id, centre_id, issued_utc, people_ahead, wait_minutes, est_call_utc, language, status, "
                "print_state) VALUES ('t-1', '2026-11-24', 'П', 41, 'П041', 'passports', 'passport-internal', "
                "'demo-kiosk-1', 'demo-centre', '2026-11-24T06:55:00.000Z', 3, 12, '2026-11-24T07:07:00.000Z', "
                "'ru', 'waiting', 'printed')"),
    "counters": "INSERT INTO counters (business_day, prefix, last_number) VALUES ('2026-11-24', 'П', 41)",
    "kiosk_state": "INSERT INTO kiosk_state (key, value) VALUES ('sync.last_success_utc', '2026-11-24T06:00:00.000Z')",
    "outbox": ("INSERT INTO outbox (id, kind, schema, occurred_utc, payload, state, attempts) VALUES "
               "('e-1', 'ticket.issued', 1, '2026-11-24T06:55:00.000Z', '{\"ticket_id\": \"t-1\"}', 'sent', 1)"),
}


def schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """Every table and index with the SQL that makes it (sqlite's own tables aside)."""
    return conn.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").fetchall()


def rows(conn: sqlite3.Connection, table: str, columns: list[str]) -> list[tuple[object, ...]]:
    return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY 1").fetchall()


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def applied(store: Store) -> list[tuple[str, str]]:
    return [(m.name, m.applied_at) for m in migrations.applied(sqlite_utils.Database(store.db.conn))]


def test_the_list_starts_with_the_first_version_and_names_are_unique() -> None:
    assert ALL[0] == "0001_tickets_outbox"
    assert len(ALL) == len(set(ALL))
    assert ALL == sorted(ALL)  # numbered in the order they run


def test_a_fresh_store_reaches_the_latest_version(tmp_path: Path, clock: ManualClock) -> None:
    store = Store.open(tmp_path, clock)
    try:
        assert [name for name, _ in applied(store)] == ALL
        assert migrations.pending(sqlite_utils.Database(store.db.conn)) == []
        tables = {name for kind, name, _ in schema(store.db.conn) if kind == "table"}
        assert {"tickets", "outbox", "counters", "ratings", "admin_pins", "audit", "server_cache"} <= tables
        assert "rejected_code" in columns(store.db.conn, "outbox")
    finally:
        store.close()


@pytest.mark.parametrize("version", ALL[:-1])
def test_a_store_left_by_an_older_version_is_migrated_forward_keeping_its_rows(
        tmp_path: Path, clock: ManualClock, config: Config, catalog: Catalog, version: str) -> None:
    older = tmp_path / "older"
    older.mkdir()
    conn = sqlite3.connect(older / DB_NAME)
    conn.isolation_level = None
    conn.execute("PRAGMA journal_mode = WAL")
    db = sqlite_utils.Database(conn)
    migrations.apply(db, stop_before=ALL[ALL.index(version) + 1])
    assert [m.name for m in migrations.applied(db)] == ALL[:ALL.index(version) + 1]
    for sql in OLD_ROWS.values():
        conn.execute(sql)
    kept = {table: columns(conn, table) for table in OLD_ROWS}
    before = {table: rows(conn, table, cols) for table, cols in kept.items()}
    conn.close()

    store = Store.open(older, clock)
    fresh = Store.open(tmp_path / "fresh", clock)
    try:
        assert [name for name, _ in applied(store)] == ALL
        assert store.health.moved_aside is None  # migrated in place, not replaced
        assert {table: rows(store.db.conn, table, cols) for table, cols in kept.items()} == before
        # An upgraded store is the same as one made new, so no code path needs to tell them apart.
        assert schema(store.db.conn) == schema(fresh.db.conn)
        # And the current code goes on from the old rows: the day's counter continues.
        desk = TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
        assert desk.issue("passport-internal", "ru").display == "П042"
    finally:
        store.close()
        fresh.close()


def test_opening_an_up_to_date_store_again_changes_nothing(tmp_path: Path, clock: ManualClock,
                                                           config: Config, catalog: Catalog) -> None:
    store = Store.open(tmp_path, clock)
    TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog).issue("pickup", "ru")
    first_applied, first_schema = applied(store), schema(store.db.conn)
    first_rows = rows(store.db.conn, "tickets", ["id", "display"])
    store.close()

    # A migration run twice would fail on its CREATE TABLE or add a second record.
    again = Store.open(tmp_path, clock)
    try:
        migrations.apply(sqlite_utils.Database(again.db.conn))  # and once more by hand
        assert applied(again) == first_applied
        assert schema(again.db.conn) == first_schema
        assert rows(again.db.conn, "tickets", ["id", "display"]) == first_rows
    finally:
        again.close()


def test_the_year_indexes_serve_the_queries_that_scanned_a_whole_year(tmp_path: Path, clock: ManualClock) -> None:
    store = Store.open(tmp_path, clock)
    try:
        conn = store.db.conn

        def plan(sql: str, *args: object) -> str:
            return " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args))

        assert "tickets_category_waiting" in plan(
            "SELECT count(*) FROM tickets WHERE category_id = ? AND status = 'waiting' AND issued_utc >= ?", "c", "t")
        assert "tickets_display_day" in plan(
            "SELECT 1 FROM tickets WHERE display = ? AND business_day < ? AND centre_id = ? LIMIT 1", "П1", "d", "c")
        assert "ratings_kind_kiosk_created" in plan(
            "SELECT max(created_utc) FROM ratings WHERE kind = 'quick' AND kiosk_id = ?", "k")
        assert "outbox_kind_occurred" in plan(
            "SELECT count(*) FROM outbox WHERE kind = ? AND occurred_utc >= ? AND occurred_utc < ?", "k", "a", "b")
    finally:
        store.close()


def test_an_up_to_date_store_opens_without_loading_sqlite_utils(tmp_path: Path) -> None:
    # A fresh interpreter: this one has sqlite-utils loaded by the tests above.
    probe = ("import sys; from pathlib import Path; from kiosk.clock import SystemClock; "
             "from kiosk.store import Store; "
             "Store.open(Path(sys.argv[1]), SystemClock()).close(); "
             "print('sqlite_utils' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True"  # a new store: every migration ran through sqlite-utils
    assert again.stdout.strip() == "False"  # nothing pending: plain sqlite3 only


def test_a_migration_record_of_another_shape_is_left_to_sqlite_utils(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "old.db")
    conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
    conn.executemany("INSERT INTO _sqlite_migrations VALUES ('kiosk', ?, 'then')", [(n,) for n in ALL])
    assert not up_to_date(conn)  # no "id" key: sqlite-utils reshapes the table when it runs
    conn.execute("DROP TABLE _sqlite_migrations")
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, name TEXT, "
                 "applied_at TEXT)")
    conn.executemany("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('kiosk', ?, 'then')",
                     [(n,) for n in ALL[:-1]])
    assert not up_to_date(conn)  # the last one is pending
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('kiosk', ?, 'now')",
                 (ALL[-1],))
    assert up_to_date(conn)
    conn.close()


def test_a_version_3_store_gets_the_booked_check_ins_table_and_checks_in(
        tmp_path: Path, clock: ManualClock, config: Config, catalog: Catalog) -> None:
    from kiosk import bookings
    from kiosk.demo_bookings import seed_demo_appointments

    older = tmp_path / "v3"
    older.mkdir()
    conn = sqlite3.connect(older / DB_NAME)
    conn.isolation_level = None
    db = sqlite_utils.Database(conn)
    migrations.apply(db, stop_before="0004_booked_checkins")
    assert "booked_checkins" not in db.table_names()
    conn.close()

    store = Store.open(older, clock)
    try:
        assert [name for name, _ in applied(store)][-1] == ALL[-1]
        assert columns(store.db.conn, "booked_checkins") == [
            "business_day", "code", "ticket_id", "slot_local", "checked_in_utc"]
        config = config.with_overrides(hours=WeeklyHours.always_open())
        desk = TicketDesk(store, config, catalog)
        seed_demo_appointments(store, config, catalog, desk.business_day())
        done = bookings.check_in(desk, "2401", "ru")
        assert done.outcome is bookings.Outcome.CHECKED_IN and done.ticket is not None
        assert bookings.booking_of(desk, done.ticket.id) == ("2401", done.ticket.booked_slot.strftime("%H:%M"))
        assert bookings.check_in(desk, "2401", "ru").outcome is bookings.Outcome.ALREADY_USED
    finally:
        store.close()
