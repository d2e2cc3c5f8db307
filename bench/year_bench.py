"""Benchmark: a year of a busy kiosk in its store.

    python bench/year_bench.py [--tickets 500000] [--ratings 200000] [--quick] [--repeat 20]

Fills a store (schema as the previous release left it, before the indexes of
``0003_year_indexes``) with a year of tickets, each with its outbox event,
and ratings (three in five tied to a ticket, the rest one-tap), spread over
365 business days ending today; then times every query admin mode and the
visitor's hot paths run on it, with SQLite's plan for each; then opens the
store the way the kiosk starts (``quick_check``, pending migrations), which
adds the indexes, and times the same queries again. Last, a second start on
the up-to-date store: its ``quick_check`` time is what every morning costs.

Figures are medians of ``--repeat`` runs of each query; the machine is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.kiosk_bench import machine  # noqa: E402
from kiosk import migrations  # noqa: E402
from kiosk.admin.dashboard import compute_dashboard  # noqa: E402
from kiosk.admin.desk import find_today, print_summary  # noqa: E402
from kiosk.catalog import load_catalog  # noqa: E402
from kiosk.clock import ManualClock, iso_utc  # noqa: E402
from kiosk.config import DEMO_CONFIG, load_config  # noqa: E402
from kiosk.hours import WeeklyHours  # noqa: E402
from kiosk.store import DB_NAME, Database, Store, StoreHealth  # noqa: E402
from kiosk.tickets import TicketDesk  # noqa: E402

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
TODAY_NOON = dt.datetime(2026, 11, 24, 12, 0, tzinfo=MOSCOW)
CRITERIA = ("service_time", "waiting_time", "staff", "comfort", "information")
TARGET_MS = 50.0


def _schema_before_indexes(path: Path) -> None:
    """A store as the previous release made it: every migration before 0003."""
    import sqlite_utils

    conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("PRAGMA journal_mode = WAL")
    migrations.migrations.apply(sqlite_utils.Database(conn), stop_before="0003_year_indexes")
    conn.close()


def fill(path: Path, tickets: int, ratings: int, seed: int = 2026) -> dict[str, int]:
    """Write a year of rows straight into the store (one transaction per day, no fsync)."""
    config = load_config(DEMO_CONFIG)
    catalog = load_catalog(config.catalog_path)
    services = [(s.id, s.category_id, catalog.category(s.category_id).prefix)
                for c in catalog.categories for s in c.services]
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.isolation_level = None
    conn.execute("PRAGMA synchronous = OFF")
    days = 365
    per_day, rated_per_day = tickets // days, ratings // days
    written = {"tickets": 0, "ratings": 0, "outbox": 0}
    outbox_seq = 0
    for back in range(days - 1, -1, -1):
        day = (TODAY_NOON - dt.timedelta(days=back)).date()
        opening = dt.datetime.combine(day, dt.time(8, 0), MOSCOW).astimezone(dt.UTC)
        n = per_day + (tickets - per_day * days if back == 0 else 0)
        numbers: dict[str, int] = {}
        rows, events, rating_rows = [], [], []
        day_ids: list[tuple[str, str]] = []
        for i in range(n):
            service_id, category_id, prefix = rng.choice(services)
            numbers[prefix] = numbers.get(prefix, 0) + 1
            number = numbers[prefix]
            issued = opening + dt.timedelta(seconds=i * 12 * 3600 // max(n, 1))
            wait = rng.randint(0, 40)
            ticket_id = str(uuid.UUID(int=rng.getrandbits(128)))
            status = "cancelled" if rng.random() < 0.01 else "waiting"
            rows.append((ticket_id, day.isoformat(), prefix, number, f"{prefix}{number:03d}", category_id,
                         service_id, config.kiosk_id, config.centre_id, iso_utc(issued), rng.randint(0, 30), wait,
                         iso_utc(issued + dt.timedelta(minutes=wait)), "ru", status, "printed"))
            payload = {"ticket_id": ticket_id, "display": f"{prefix}{number:03d}", "service_id": service_id,
                       "category_id": category_id, "business_day": day.isoformat(), "kiosk_id": config.kiosk_id,
                       "centre_id": config.centre_id, "issued_utc": iso_utc(issued), "language": "ru"}
            outbox_seq += 1
            events.append((str(uuid.UUID(int=rng.getrandbits(128))), "ticket.issued", 1, iso_utc(issued),
                           json.dumps(payload, sort_keys=True), "sent" if back else "pending"))
            day_ids.append((ticket_id, service_id))
        r = rated_per_day + (ratings - rated_per_day * days if back == 0 else 0)
        rated = rng.sample(day_ids, min(len(day_ids), r * 3 // 5))
        for k in range(r):
            created = opening + dt.timedelta(seconds=k * 12 * 3600 // max(r, 1) + 600)
            rating_id = str(uuid.UUID(int=rng.getrandbits(128)))
            if k < len(rated):
                ticket_id, service_id = rated[k]
                scores = {c: rng.randint(1, 5) for c in CRITERIA}
                rating_rows.append((rating_id, "ticket", ticket_id, day.isoformat(), service_id, config.kiosk_id,
                                    iso_utc(created), json.dumps(scores, sort_keys=True), None, None, "ru"))
            else:
                rating_rows.append((rating_id, "quick", None, day.isoformat(), None, config.kiosk_id,
                                    iso_utc(created), "{}", rng.randint(1, 5), None, "ru"))
            events.append((str(uuid.UUID(int=rng.getrandbits(128))), "rating.submitted", 1, iso_utc(created),
                           json.dumps({"rating_id": rating_id}), "sent" if back else "pending"))
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO tickets (id, business_day, prefix, number, display, category_id, service_id, "
                         "kiosk_id, centre_id, issued_utc, people_ahead, wait_minutes, est_call_utc, language, "
                         "status, print_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.executemany("INSERT INTO counters (business_day, prefix, last_number) VALUES (?, ?, ?)",
                         [(day.isoformat(), p, last) for p, last in numbers.items()])
        conn.executemany("INSERT INTO outbox (id, kind, schema, occurred_utc, payload, state) "
                         "VALUES (?, ?, ?, ?, ?, ?)", events)
        conn.executemany("INSERT INTO ratings (id, kind, ticket_id, business_day, service_id, served_window, "
                         "kiosk_id, created_utc, scores, overall, comment, language) "
                         "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)", rating_rows)
        conn.execute("COMMIT")
        written["tickets"] += len(rows)
        written["ratings"] += len(rating_rows)
        written["outbox"] += len(events)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return written


def queries(desk: TicketDesk) -> dict[str, tuple[Callable[[], Any], str, tuple[Any, ...]]]:
    """Each query by name: how the kiosk runs it, and its main SQL for EXPLAIN QUERY PLAN."""
    config = desk.config
    today = desk.business_day().isoformat()
    past = (desk.business_day() - dt.timedelta(days=100)).isoformat()
    conn = desk.store.db.conn
    since = iso_utc(TODAY_NOON.astimezone(dt.UTC) - dt.timedelta(hours=1))
    day_start, day_end = iso_utc(TODAY_NOON.replace(hour=0)), iso_utc(TODAY_NOON.replace(hour=23, minute=59))
    has_counts = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' "
                              "AND name = 'outbox_state_counts'").fetchone() is not None
    return {
        "dashboard today (admin Today tab)": (
            lambda: compute_dashboard(desk),
            "SELECT service_id, issued_utc, wait_minutes, status FROM tickets WHERE business_day = ?", (today,)),
        "dashboard ratings today": (
            lambda: conn.execute("SELECT kind, scores, overall FROM ratings WHERE business_day = ?",
                                 (today,)).fetchall(),
            "SELECT kind, scores, overall FROM ratings WHERE business_day = ?", (today,)),
        "dashboard of a past day": (
            lambda: compute_dashboard(desk, dt.date.fromisoformat(past)),
            "SELECT service_id, issued_utc, wait_minutes, status FROM tickets WHERE business_day = ?", (past,)),
        "queue now (Home, dashboard)": (
            desk.overview,
            "SELECT count(*) FROM tickets WHERE business_day = ? AND category_id = ? AND status = 'waiting' "
            "AND est_call_utc > ?", (today, "passports", since)),
        "find today's ticket by number (admin Tickets tab)": (
            lambda: find_today(desk, 7),
            "SELECT * FROM tickets WHERE business_day = ? AND number = ? ORDER BY issued_utc, rowid", (today, 7)),
        "print summary (admin Printer tab)": (
            lambda: print_summary(desk),
            "SELECT count(*) FROM outbox WHERE kind = ? AND occurred_utc >= ? AND occurred_utc < ?",
            ("print.failed", day_start, day_end)),
        "live-queue estimate (each ticket, with a server)": (
            lambda: conn.execute("SELECT count(*) FROM tickets WHERE category_id = ? AND status = 'waiting' "
                                 "AND issued_utc >= ?", ("passports", since)).fetchone(),
            "SELECT count(*) FROM tickets WHERE category_id = ? AND status = 'waiting' AND issued_utc >= ?",
            ("passports", since)),
        "quick-rating throttle (each one-tap rating)": (
            lambda: conn.execute("SELECT max(created_utc) FROM ratings WHERE kind = 'quick' AND kiosk_id = ?",
                                 (config.kiosk_id,)).fetchone(),
            "SELECT max(created_utc) FROM ratings WHERE kind = 'quick' AND kiosk_id = ?", (config.kiosk_id,)),
        "rating: number from an earlier day": (
            lambda: conn.execute("SELECT 1 FROM tickets WHERE display = ? AND business_day < ? AND centre_id = ? "
                                 "LIMIT 1", ("Z999", today, config.centre_id)).fetchone(),
            "SELECT 1 FROM tickets WHERE display = ? AND business_day < ? AND centre_id = ? LIMIT 1",
            ("Z999", today, config.centre_id)),
        "sync: next pending batch": (
            lambda: conn.execute("SELECT seq, id, kind, schema, occurred_utc, payload FROM outbox "
                                 "WHERE state = 'pending' ORDER BY seq LIMIT 200").fetchall(),
            "SELECT seq, id FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT 200", ()),
        # Before 0005 the counts were a scan of every event; after it, the triggers' small table.
        "outbox counts (admin Sync tab)": (
            (desk.store.outbox_counts, "SELECT state, n FROM outbox_state_counts WHERE n != 0", ())
            if has_counts else
            (lambda: conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall(),
             "SELECT state, count(*) FROM outbox GROUP BY state", ())),
    }


def time_queries(desk: TicketDesk, repeat: int) -> dict[str, tuple[float, str]]:
    conn = desk.store.db.conn
    results = {}
    for name, (run, sql, params) in queries(desk).items():
        run()  # warm the page cache, as a second look at the tab would
        durations = []
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            durations.append((time.perf_counter() - start) * 1000)
        plan = "; ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        results[name] = (statistics.median(durations), plan)
    return results


def open_timed(data: Path, clock: ManualClock) -> tuple[Store, float, float]:
    """Open the store as the kiosk does; (store, whole open in ms, quick_check alone in ms)."""
    conn = sqlite3.connect(data / DB_NAME)
    start = time.perf_counter()
    conn.execute("PRAGMA quick_check").fetchone()
    check_ms = (time.perf_counter() - start) * 1000
    conn.close()
    start = time.perf_counter()
    store = Store.open(data, clock)
    return store, (time.perf_counter() - start) * 1000, check_ms


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=500_000)
    parser.add_argument("--ratings", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query (default 20)")
    parser.add_argument("--quick", action="store_true", help="a short run: 50,000 tickets, 20,000 ratings")
    args = parser.parse_args(argv)
    tickets, ratings = (50_000, 20_000) if args.quick else (args.tickets, args.ratings)
    facts = machine()
    print(f"machine: {facts['uname']}; {facts['cpu']}; {facts['cores']} cores; commit {facts['commit']}, "
          f"{facts['date']}")
    figures: dict[str, Any] = {"machine": facts}
    with tempfile.TemporaryDirectory(prefix="kiosk-year-") as tmp:
        data = Path(tmp)
        _schema_before_indexes(data / DB_NAME)
        start = time.perf_counter()
        written = fill(data / DB_NAME, tickets, ratings)
        print(f"filled {written['tickets']:,} tickets, {written['ratings']:,} ratings, {written['outbox']:,} "
              f"outbox events in {time.perf_counter() - start:.0f} s")
        config = load_config(DEMO_CONFIG).with_overrides(hours=WeeklyHours.always_open())
        catalog = load_catalog(config.catalog_path)
        clock = ManualClock(TODAY_NOON)

        # Before: the previous release's schema (no migration pending for it to run).
        conn = sqlite3.connect(data / DB_NAME)
        size_before = (data / DB_NAME).stat().st_size
        conn.close()
        conn = sqlite3.connect(data / DB_NAME)
        desk = TicketDesk(Store(Database(conn), StoreHealth(data / DB_NAME, "wal", 2), clock,
                                lambda: str(uuid.uuid4())), config, catalog)
        before = time_queries(desk, args.repeat)
        conn.close()

        store, migrate_ms, _ = open_timed(data, clock)  # applies 0003 onwards on a year of rows
        desk = TicketDesk(store, config, catalog)
        after = time_queries(desk, args.repeat)
        scan = dict(store.db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        kept = {state: n for state, n in store.outbox_counts().items() if n}
        print(f"outbox counts kept by the triggers {kept}, counted by a scan {scan}: "
              f"{'equal' if kept == scan else 'DIFFERENT'}")
        store.close()
        store, open_ms, check_ms = open_timed(data, clock)
        store.close()
        size_after = (data / DB_NAME).stat().st_size
        print(f"database: {size_before / 2**20:.0f} MiB before the indexes, {size_after / 2**20:.0f} MiB after")
        print(f"start-up: first open after the upgrade (quick_check + migrations 0003 onwards) {migrate_ms:.0f} ms; "
              f"every later open {open_ms:.0f} ms, of it quick_check {check_ms:.0f} ms")
        width = max(len(name) for name in after)
        print(f"{'query':<{width}}  {'before ms':>9}  {'after ms':>8}  plan after")
        for name, (ms, plan) in after.items():
            flag = "" if ms <= TARGET_MS else "  (over 50 ms)"
            print(f"{name:<{width}}  {before[name][0]:9.1f}  {ms:8.1f}  {plan}{flag}")
        print(f"figure: database size, {written['tickets']:,} tickets = {size_after / 2**20:.0f} MiB")
        print(f"figure: quick_check at start = {check_ms:.0f} ms")
        worst = max(after, key=lambda n: after[n][0])
        print(f"figure: slowest query = {after[worst][0]:.1f} ms ({worst}; target <= 50 ms)")
        figures.update(size_mib=size_after / 2**20, size_before_mib=size_before / 2**20, open_ms=open_ms,
                       quick_check_ms=check_ms, migrate_ms=migrate_ms,
                       queries={n: {"before_ms": before[n][0], "after_ms": after[n][0], "plan": after[n][1],
                                    "plan_before": before[n][1]} for n in after},
                       worst_ms=max(ms for ms, _ in after.values()))
    return figures


if __name__ == "__main__":
    main()
