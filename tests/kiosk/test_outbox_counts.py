"""The outbox's counts by state (the admin Sync tab, each heartbeat) are read from a
small table the outbox's triggers keep: they must equal a full count of the events
through sends, set-asides, resends, pruning, restarts and an upgrade from a store
that had no such table."""

from __future__ import annotations

import io
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from central import cli as central_cli
from central.testing import run_server
from kiosk import migrations
from kiosk.catalog import Catalog
from kiosk.clock import ManualClock, iso_utc
from kiosk.config import Config
from kiosk.events import EventKind
from kiosk.hours import WeeklyHours
from kiosk.store import DB_NAME, Store
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import KEY_LAST_HEARTBEAT, SyncEngine
from kiosk.tickets import TicketDesk
from tests.secrets_guard import remember_secret

KIOSK = "demo-kiosk-1"
SERVICES = ("pickup", "consultation", "passport-internal")


def scanned(conn: sqlite3.Connection) -> dict[str, int]:
    """The counts the slow way: every event looked at."""
    counts = {"pending": 0, "sent": 0, "rejected": 0}
    counts.update(conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    return counts


def token_for(db: Path) -> str:
    out = io.StringIO()
    args = ["enrol", KIOSK, "--centre", "demo-centre", "--print-token", "--db", str(db)]
    assert central_cli.main(args, out=out) == 0, out.getvalue()
    line = next(x for x in out.getvalue().splitlines() if x.startswith("token: "))
    return remember_secret(line.split(": ", 1)[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str]]:
    db = tmp_path / "central.db"
    with run_server(db) as url:
        yield url, token_for(db)


def open_desk(data: Path, clock: ManualClock, config: Config, catalog: Catalog) -> TicketDesk:
    store = Store.open(data, clock)
    with store.transaction() as tx:  # no heartbeat events in the way of the figures
        store.set_state(tx, KEY_LAST_HEARTBEAT, iso_utc(clock.now_utc()))
    return TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)


def engine_for(desk: TicketDesk, server: tuple[str, str]) -> SyncEngine:
    client = ServerClient(server[0], server[1], timeout=(2.0, 5.0))
    return SyncEngine(desk.store, client, KIOSK, business_day=desk.business_day, interval_s=60, batch_size=4,
                      rng=random.Random(5), heartbeat_every_s=10**9)


@pytest.mark.expect_log("kiosk.sync.engine")  # the rejected event and the resend are logged as warnings
def test_counts_stay_exact_across_sends_set_asides_resends_and_restarts(
        tmp_path: Path, server: tuple[str, str], clock: ManualClock, config: Config, catalog: Catalog) -> None:
    data = tmp_path / "kiosk"
    desk = open_desk(data, clock, config, catalog)
    store = desk.store
    for i in range(5):
        desk.issue(SERVICES[i % 3], "ru")
    with store.transaction() as tx:
        store.add_event(tx, EventKind.TICKET_ISSUED, {"ticket_id": "not-a-uuid"})  # the server rejects it
    for i in range(3):
        desk.issue(SERVICES[i % 3], "ru")
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 9, "sent": 0, "rejected": 0}
    assert store.pending_events() == 9

    engine = engine_for(desk, server)
    assert engine.run_once().ok
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 0, "sent": 8, "rejected": 1}

    # The server restored from an old backup: the events after the third are sent again.
    assert engine.requeue_after(3) == 5
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 5, "sent": 3, "rejected": 1}
    engine.client.close()
    store.close()

    # A restart in the middle: the counts are on disk with the events.
    desk = open_desk(data, clock, config, catalog)
    store = desk.store
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 5, "sent": 3, "rejected": 1}
    desk.issue("pickup", "ru")
    engine = engine_for(desk, server)
    assert engine.run_once().ok
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 0, "sent": 9, "rejected": 1}

    # Old sent events pruned by hand (an operator's SQL): still exact.
    with store.transaction() as tx:
        tx.execute("DELETE FROM outbox WHERE state = 'sent' AND seq <= 2")
    assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 0, "sent": 7, "rejected": 1}
    # An update that leaves the state as it was changes no count.
    with store.transaction() as tx:
        tx.execute("UPDATE outbox SET state = state, attempts = attempts + 1")
    assert store.outbox_counts() == scanned(store.db.conn)
    engine.client.close()
    store.close()


def test_a_store_from_before_the_counts_table_starts_with_exact_counts(tmp_path: Path, clock: ManualClock) -> None:
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / DB_NAME)
    conn.isolation_level = None
    migrations.migrations.apply(sqlite_utils.Database(conn), stop_before="0005_outbox_state_counts")
    events = [(f"e-{i}", "ticket.issued", 1, "2026-11-24T06:55:00.000Z", "{}", state)
              for i, state in enumerate(["sent"] * 6 + ["pending"] * 2 + ["rejected"])]
    conn.executemany("INSERT INTO outbox (id, kind, schema, occurred_utc, payload, state) "
                     "VALUES (?, ?, ?, ?, ?, ?)", events)
    conn.close()

    store = Store.open(data, clock)
    try:
        assert store.outbox_counts() == scanned(store.db.conn) == {"pending": 2, "sent": 6, "rejected": 1}
        with store.transaction() as tx:
            store.add_event(tx, EventKind.TICKET_ISSUED, {"ticket_id": "t-1"})
        assert store.outbox_counts() == {"pending": 3, "sent": 6, "rejected": 1}
    finally:
        store.close()
