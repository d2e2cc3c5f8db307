"""Sync against the real reference server over loopback, through a proxy that
injects faults. After every scenario the server holds each event exactly
once and the outbox holds only what it should."""

from __future__ import annotations

import io
import json
import random
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central import cli as central_cli
from central.testing import run_server
from kiosk.catalog import Catalog
from kiosk.clock import iso_utc
from kiosk.config import DEMO_CATALOG, Config
from kiosk.events import EventKind
from kiosk.hours import WeeklyHours
from kiosk.store import Store
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import KEY_BUNDLE_ERROR, KEY_LAST_HEARTBEAT, SyncEngine
from kiosk.sync.status import read_status
from kiosk.tickets import TicketDesk
from tests.central.server_dbs import rows
from tests.faultproxy import FaultProxy
from tests.secrets_guard import remember_secret

KIOSK = "demo-kiosk-1"
CENTRE = "demo-centre"


def central(db: Path | str, *args: str) -> str:
    out = io.StringIO()
    assert central_cli.main([*args, "--db", str(db)], out=out) == 0, out.getvalue()
    return out.getvalue()


def issue_token(db: Path | str, *extra: str) -> str:
    text = central(db, "enrol", KIOSK, "--centre", CENTRE, "--print-token", *extra)
    return remember_secret(next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("token: ")))


class Rig:
    """A kiosk store and desk, a server, a proxy and an engine wired together."""

    def __init__(self, tmp: Path, server_url: str, server_db: str, config: Config, catalog: Catalog,
                 clock) -> None:
        self.tmp, self.server_db = tmp, server_db
        self.proxy = FaultProxy(server_url)
        self.store = Store.open(tmp / "kiosk", clock)
        self.desk = TicketDesk(self.store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
        self.token = issue_token(server_db)
        with self.store.transaction() as tx:  # heartbeats have their own test
            self.store.set_state(tx, KEY_LAST_HEARTBEAT, iso_utc(clock.now_utc()))
        self.engine = self.make_engine()

    def make_engine(self, token: str | None = None, read_timeout: float = 5.0) -> SyncEngine:
        client = ServerClient(self.proxy.url, token or self.token, timeout=(2.0, read_timeout))
        return SyncEngine(self.store, client, KIOSK, business_day=self.desk.business_day,
                          interval_s=60, batch_size=7, rng=random.Random(7), heartbeat_every_s=10**9)

    def issue(self, count: int) -> list[str]:
        return [self.desk.issue(("pickup", "consultation", "passport-internal")[i % 3], "ru").id
                for i in range(count)]

    def outbox(self) -> dict[str, int]:
        return dict(self.store.db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())

    def server_events(self) -> list[str]:
        return [r[0] for r in rows(self.server_db, "SELECT id FROM events WHERE kiosk_id = :k", {"k": KIOSK})]

    def server_db_rows(self, query: str) -> list[tuple[object, ...]]:
        return rows(self.server_db, query)

    def local_ids(self, state: str = "sent") -> set[str]:
        return {r[0] for r in self.store.db.conn.execute("SELECT id FROM outbox WHERE state = ?", (state,))}

    def assert_exactly_once(self) -> None:
        on_server = self.server_events()
        assert len(on_server) == len(set(on_server)), "the server holds an event twice"
        assert set(on_server) == self.local_ids("sent")
        assert self.outbox().get("pending", 0) == 0

    def close(self) -> None:
        self.engine.client.close()
        self.store.close()
        self.proxy.close()


@pytest.fixture
def server(db_url: str) -> Iterator[tuple[str, str]]:
    db = db_url
    with run_server(db) as url:
        yield url, db


@pytest.fixture
def rig(tmp_path: Path, server: tuple[str, str], config: Config, catalog: Catalog, clock) -> Iterator[Rig]:
    made = Rig(tmp_path, server[0], server[1], config, catalog, clock)
    yield made
    made.close()


def test_one_batch_at_a_time_each_marked_only_after_its_answer(rig: Rig, tmp_path: Path) -> None:
    """The next batch is read and encoded while one is on the wire (kiosk/sync/engine.py
    push): still only one request at a time, in seq order, and nothing marked early."""
    rig.issue(50)
    client = rig.engine.client
    real_post = client.post_events
    watch = sqlite3.connect(tmp_path / "kiosk" / "kiosk.db", check_same_thread=False)
    lock = threading.Lock()
    in_flight, most, batches, marked_early = [0], [0], [], []

    def post_events(events: list[dict[str, Any]]) -> Any:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        try:
            sent = [e["id"] for e in events]
            marks = ",".join("?" * len(sent))
            marked_early.extend(r[0] for r in watch.execute(
                f"SELECT id FROM outbox WHERE state != 'pending' AND id IN ({marks})", sent))
            batches.append([e["seq"] for e in events])
            return real_post(events)
        finally:
            with lock:
                in_flight[0] -= 1

    client.post_events = post_events  # type: ignore[method-assign]
    try:
        result = rig.engine.run_once()
    finally:
        watch.close()
    assert result.ok, result.error
    assert most[0] == 1
    assert marked_early == []
    seqs = [seq for batch in batches for seq in batch]
    assert seqs == sorted(set(seqs)) and len(batches) == 8  # 50 in batches of 7, none twice
    assert rig.outbox() == {"sent": 50}
    rig.assert_exactly_once()


def test_happy_path_delivers_everything_once(rig: Rig) -> None:
    ids = rig.issue(30)
    result = rig.engine.run_once()
    assert result.ok and result.settled == 30
    rig.assert_exactly_once()
    assert set(ids) <= {json.loads(p)["ticket_id"] for (p,) in rig.store.db.conn.execute(
        "SELECT payload FROM outbox WHERE kind = 'ticket.issued'")}
    status = read_status(rig.store, configured=True)
    assert status.online and status.pending == 0 and status.last_success_utc is not None
    again = rig.engine.run_once()
    assert again.ok and again.settled == 0


@pytest.mark.parametrize("fault", [
    "status:500", "status:503", "drop", "reset", "garbage", "badjson", "truncate", "lost-answer", "duplicate",
])
@pytest.mark.expect_log("kiosk.sync.engine")
def test_a_fault_then_recovery_leaves_each_event_once(rig: Rig, fault: str) -> None:
    rig.issue(20)
    rig.proxy.plan.extend(["forward", fault])  # the status check passes; the first batch meets the fault
    first = rig.engine.run_once()
    if fault != "duplicate":
        assert not first.ok
        assert read_status(rig.store, configured=True).online is False
        assert rig.outbox().get("pending", 0) > 0
    rig.engine.run_once()
    rig.assert_exactly_once()


def test_heartbeat_goes_up_with_health_figures(rig: Rig, clock) -> None:
    rig.issue(2)
    rig.engine.heartbeat_every_s = 300
    clock.advance(minutes=6)
    assert rig.engine.run_once().ok
    rig.assert_exactly_once()
    (payload,) = rig.store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'heartbeat'").fetchone()
    figures = json.loads(payload)
    assert figures["pending_events"] == 0  # measured after the round delivered the tickets
    assert figures["disk_free_bytes"] > 0 and figures["version"]
    out = central(rig.server_db, "kiosks")
    assert KIOSK in out


def test_heartbeat_carries_the_boxs_own_checks_to_the_server(rig: Rig, clock, config: Config) -> None:
    from kiosk.check import heartbeat_facts

    rig.engine.facts = lambda: heartbeat_facts(config, rig.store.health.path.parent)
    rig.engine.heartbeat_every_s = 300
    clock.advance(minutes=6)
    assert rig.engine.run_once().ok
    rows = rig.server_db_rows("SELECT payload FROM events WHERE kind = 'heartbeat'")
    checks = json.loads(rows[-1][0])["checks"]
    assert set(checks) == {"data", "disk", "font", "printer", "clock"}
    assert checks["data"]["verdict"] == "ok" and checks["printer"]["verdict"] == "ok"


@pytest.mark.expect_log("kiosk.sync.engine")
def test_a_check_that_breaks_does_not_cost_the_heartbeat(rig: Rig, clock) -> None:
    def broken() -> dict[str, object]:
        raise RuntimeError("fontconfig crashed")

    rig.engine.facts = broken
    rig.engine.heartbeat_every_s = 300
    clock.advance(minutes=6)
    assert rig.engine.run_once().ok
    rows = rig.server_db_rows("SELECT payload FROM events WHERE kind = 'heartbeat'")
    assert len(rows) == 1 and "checks" not in json.loads(rows[0][0])


@pytest.mark.expect_log("kiosk.sync.engine")
def test_retry_after_is_honoured(rig: Rig) -> None:
    rig.issue(3)
    rig.proxy.plan.extend(["forward", "status:429:42"])
    result = rig.engine.run_once()
    assert not result.ok and result.delay_s >= 42
    assert rig.engine.run_once().ok
    rig.assert_exactly_once()


@pytest.mark.expect_log("kiosk.sync.engine")
def test_slow_answer_times_out_and_resend_is_harmless(rig: Rig) -> None:
    rig.engine.client.close()
    rig.engine = rig.make_engine(read_timeout=0.5)
    rig.issue(5)
    rig.proxy.plan.extend(["forward", "slow:2"])
    assert not rig.engine.run_once().ok  # the server applied the batch; the kiosk did not hear it
    assert rig.engine.run_once().ok
    rig.assert_exactly_once()


@pytest.mark.expect_log("kiosk.sync.engine")
def test_long_outage_backs_off_then_delivers(rig: Rig) -> None:
    rig.issue(12)
    rig.proxy.default = "drop"
    delays = [rig.engine.run_once().delay_s for _ in range(12)]
    assert all(0 <= d <= rig.engine.backoff.cap_s for d in delays)
    assert rig.outbox() == {"pending": 12}
    rig.issue(3)  # the kiosk goes on issuing while offline
    rig.proxy.default = "forward"
    assert rig.engine.run_once().ok
    rig.assert_exactly_once()
    assert len(rig.server_events()) == 15


@pytest.mark.expect_log("kiosk.sync.engine")
def test_rejected_event_is_set_aside_and_never_blocks_the_rest(rig: Rig) -> None:
    rig.issue(4)
    with rig.store.transaction() as tx:
        bad = rig.store.add_event(tx, EventKind.TICKET_ISSUED, {"ticket_id": "not-a-uuid"})
    rig.issue(4)
    assert rig.engine.run_once().ok
    assert rig.outbox() == {"sent": 8, "rejected": 1}
    status = read_status(rig.store, configured=True)
    assert [(r.id, bool(r.code)) for r in status.rejected] == [(bad, True)]
    assert bad not in rig.server_events()
    rig.engine.run_once()
    assert rig.outbox() == {"sent": 8, "rejected": 1}  # never resent


@pytest.mark.expect_log("kiosk.sync.engine")
def test_revoked_token_keeps_every_event_until_a_new_credential(rig: Rig) -> None:
    rig.issue(3)
    central(rig.server_db, "revoke", KIOSK)
    result = rig.engine.run_once()
    assert not result.ok and result.delay_s >= 300
    assert rig.outbox() == {"pending": 3}
    status = read_status(rig.store, configured=True)
    assert status.last_error and "credential refused" in status.last_error
    rig.engine.client.close()
    rig.engine = rig.make_engine(token=issue_token(rig.server_db, "--reissue"))
    assert rig.engine.run_once().ok
    rig.assert_exactly_once()


@pytest.mark.expect_log("kiosk.sync.engine")
def test_server_restored_from_an_old_backup_gets_everything_again(tmp_path: Path, rig: Rig, config: Config,
                                                                   catalog: Catalog, clock,
                                                                   request: pytest.FixtureRequest) -> None:
    rig.issue(5)
    assert rig.engine.run_once().ok
    backup = tmp_path / "backup"
    central(rig.server_db, "backup", str(backup))
    rig.issue(5)
    assert rig.engine.run_once().ok
    assert len(rig.server_events()) == 10
    rig.proxy.close()
    rig.store.close()
    # The server's disk is lost; it comes back from last night's backup, into a new database.
    if rig.server_db.startswith("postgresql://"):
        restored = request.getfixturevalue("pg_cluster").create_database()
    else:
        restored = str(tmp_path / "restored.db")
    central(restored, "restore", str(backup))
    with run_server(restored, create=False) as restored_url:
        again = Rig.__new__(Rig)
        again.tmp, again.server_db = rig.tmp, restored
        again.proxy = FaultProxy(restored_url)
        again.store = Store.open(rig.tmp / "kiosk", clock)
        again.desk = TicketDesk(again.store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
        again.token = rig.token
        again.engine = again.make_engine()  # a restarted kiosk checks the server's count first
        assert len(again.server_events()) == 5
        assert again.engine.run_once().ok
        again.assert_exactly_once()
        assert len(again.server_events()) == 10
        again.close()
    rig.proxy = FaultProxy(restored_url)  # closed again by the fixture
    rig.store = Store.open(rig.tmp / "kiosk2", clock)


@pytest.mark.expect_log("kiosk.sync.engine")
def test_bundle_queue_and_appointments_are_cached_and_a_bad_bundle_is_refused(rig: Rig, tmp_path: Path) -> None:
    demo = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    bundle = {"catalog": demo, "hours": {"daily": "08:00-20:00"},
              "paused_services": [{"service_id": "snils", "reason_code": "technical_failure"}],
              "content": {"standard_md": {"ru": "# Стандарт", "en": "# Standard"}, "banner": None},
              "ticket_link_template": "https://example.invalid/t/{uuid}"}
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    central(rig.server_db, "load-bundle", CENTRE, str(path))
    queue = {"as_of_utc": "2026-11-24T07:00:00Z", "services": [
        {"service_id": "pickup", "waiting": 9, "open_windows": 3, "avg_service_minutes": 4}]}
    (tmp_path / "queue.json").write_text(json.dumps(queue), encoding="utf-8")
    central(rig.server_db, "queue", CENTRE, str(tmp_path / "queue.json"))
    assert rig.engine.run_once().ok
    conn = rig.store.db.conn
    cached = dict(conn.execute("SELECT name, body FROM server_cache").fetchall())
    assert json.loads(cached["bundle"])["catalog"]["version"] == demo["version"]
    assert json.loads(cached["queue"])["services"][0]["waiting"] == 9
    assert f"appointments:{rig.desk.business_day().isoformat()}" in cached
    assert conn.execute("SELECT service_id, source FROM paused_services").fetchall() == [("snils", "server")]

    broken = dict(bundle, version=99, centre_id=CENTRE, catalog={"version": "broken", "categories": []})
    rig.proxy.plan.extend(["forward", "body:" + json.dumps(broken)])  # events, then the bundle
    rig.issue(1)
    rig.engine.run_once()
    assert json.loads(dict(conn.execute("SELECT name, body FROM server_cache").fetchall())["bundle"])[
        "catalog"]["version"] == demo["version"]
    assert "categories" in (rig.store.get_state(KEY_BUNDLE_ERROR) or "")


def request_bytes(store: Store, count: int) -> int:
    """The size of the body the engine sends for the first ``count`` pending events
    (as requests encodes ``json=``: json.dumps with its default separators)."""
    rows = store.db.conn.execute("SELECT seq, id, kind, schema, occurred_utc, payload FROM outbox "
                                 "WHERE state = 'pending' ORDER BY seq LIMIT ?", (count,)).fetchall()
    envelopes = [{"id": r[1], "kind": r[2], "schema": r[3], "kiosk_id": KIOSK, "occurred_utc": r[4], "seq": r[0],
                  "payload": json.loads(r[5])} for r in rows]
    return len(json.dumps({"events": envelopes}).encode())


def test_a_batch_too_large_for_the_server_is_halved_until_it_fits(tmp_path: Path, db_url: str, config: Config,
                                                                  catalog: Catalog, clock) -> None:
    store = Store.open(tmp_path / "sizing", clock)
    desk = TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
    for i in range(7):
        desk.issue(("pickup", "consultation", "passport-internal")[i % 3], "ru")
    full_batch = request_bytes(store, 7)  # the rig's batch size
    store.close()
    # One byte short of a whole batch: the server answers 413 (its own JSON error:
    # the body is within waitress' limit of twice this) until the kiosk sends 3 at a time.
    db = db_url
    with run_server(db, max_body_bytes=full_batch - 1) as url:
        rig = Rig(tmp_path, url, db, config, catalog, clock)
        try:
            rig.issue(20)
            assert request_bytes(rig.store, 3) < full_batch - 1 < request_bytes(rig.store, 7)
            result = rig.engine.run_once()
            assert result.ok, result.error
            assert result.settled == 20
            rig.assert_exactly_once()
            # The smaller batch is the kiosk's answer to the 413, not the server's loss: one
            # refused request for the whole round, then batches of 3 (and the last 2).
            posts = [line for _, line in rig.proxy.seen if line.startswith("POST /api/v1/events")]
            assert len(posts) == 1 + 7
        finally:
            rig.close()

