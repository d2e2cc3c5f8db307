"""Events up: accepted, duplicate, rejected in the middle, exactly once under concurrency."""

from __future__ import annotations

import random
import threading
import uuid
from typing import Any

import pytest

from central import store
from central.testing import run_server

EVENTS = "/api/v1/events"


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _counts(server: Any) -> dict[str, int]:
    with store.connection(server.db_path) as db:
        return {t: store.table_count(db, t) for t in ("events", "tickets", "ratings", "rejections")}


def test_every_kind_is_accepted_and_projected(server: Any, kiosk: Any, event_factory: Any) -> None:
    kinds = [
        "ticket.issued",
        "ticket.reprinted",
        "ticket.cancelled",
        "rating.submitted",
        "audit",
        "print.failed",
        "heartbeat",
    ]
    events = [event_factory("kiosk-01", i + 1, kind) for i, kind in enumerate(kinds)]
    ticket_id = events[0]["payload"]["ticket_id"]
    events[1]["payload"]["ticket_id"] = ticket_id
    events[2]["payload"]["ticket_id"] = ticket_id.upper()  # ids compare case-insensitively
    events[3]["payload"]["ticket_id"] = ticket_id
    results = kiosk.send(events)
    assert results == [{"id": e["id"], "status": "accepted"} for e in events]
    with store.connection(server.db_path) as db:
        state, reprints = db.execute("SELECT state, reprints FROM tickets").fetchone()
        assert (state, reprints) == ("cancelled", 1)
        assert store.table_count(db, "ratings") == 1
    status = kiosk.get("/api/v1/kiosk/status").json()
    assert status["events_received"] == len(kinds) and status["max_seq"] == len(kinds)


def test_a_rejected_event_in_the_middle_blocks_nothing(server: Any, kiosk: Any, event_factory: Any) -> None:
    good1 = event_factory("kiosk-01", 1, "ticket.issued")
    bad = event_factory("kiosk-01", 2, "ticket.issued", payload={"ticket_id": "nope"})
    good2 = event_factory("kiosk-01", 3, "rating.submitted")
    results = kiosk.send([good1, bad, good2])
    assert [r["status"] for r in results] == ["accepted", "rejected", "accepted"]
    assert results[1]["id"] == bad["id"] and results[1]["code"] == "invalid_payload"
    assert "ticket_id" in results[1]["reason"]
    assert _counts(server) == {"events": 2, "tickets": 1, "ratings": 1, "rejections": 1}


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda e: "not an object", "not_an_object"),
        (lambda e: {k: v for k, v in e.items() if k != "seq"}, "missing_field"),
        (lambda e: {**e, "id": "1234"}, "invalid_id"),
        (lambda e: {**e, "id": str(uuid.uuid1())}, "invalid_id"),
        (lambda e: {**e, "kind": "ticket.stolen"}, "unknown_kind"),
        (lambda e: {**e, "schema": 2}, "unsupported_schema"),
        (lambda e: {**e, "schema": True}, "unsupported_schema"),
        (lambda e: {**e, "kiosk_id": "kiosk-99"}, "kiosk_mismatch"),
        (lambda e: {**e, "occurred_utc": "2026-11-24 12:00:00"}, "invalid_timestamp"),
        (lambda e: {**e, "occurred_utc": "2026-02-30T12:00:00Z"}, "invalid_timestamp"),
        (lambda e: {**e, "seq": 0}, "invalid_seq"),
        (lambda e: {**e, "seq": 2**63}, "invalid_seq"),
        (lambda e: {**e, "seq": 1.5}, "invalid_seq"),
        (lambda e: {**e, "payload": [1]}, "payload_not_object"),
        (lambda e: {**e, "kind": "audit", "payload": {}}, "invalid_payload"),
        (lambda e: {**e, "kind": "print.failed", "payload": {}}, "invalid_payload"),
        (
            lambda e: {**e, "kind": "rating.submitted", "payload": {"rating_id": str(uuid.uuid4()), "overall": 6}},
            "invalid_payload",
        ),
        (lambda e: {**e, "kind": "rating.submitted", "payload": {"rating_id": str(uuid.uuid4())}}, "invalid_payload"),
        (lambda e: {**e, "kind": "ticket.cancelled", "payload": {"ticket_id": 7}}, "invalid_payload"),
        (lambda e: {**e, "payload": {"a": _nested(40)}}, "invalid_payload"),
    ],
)
def test_each_malformed_event_gets_its_stable_code(kiosk: Any, event_factory: Any, mutate: Any, code: str) -> None:
    bad = mutate(event_factory("kiosk-01", 5))
    results = kiosk.send([bad, event_factory("kiosk-01", 6)])
    assert results[0]["status"] == "rejected" and results[0]["code"] == code
    assert results[1]["status"] == "accepted"


def test_a_resent_batch_changes_nothing(server: Any, kiosk: Any, event_factory: Any) -> None:
    batch = [
        event_factory("kiosk-01", i + 1, kind)
        for i, kind in enumerate(["ticket.issued", "rating.submitted", "heartbeat"])
    ]
    assert {r["status"] for r in kiosk.send(batch)} == {"accepted"}
    before = _counts(server)
    # the same ids again, even with changed contents and upper-case ids: the first version wins
    resent = [{**e, "id": e["id"].upper(), "payload": {**e["payload"], "number": "Ж999"}} for e in batch]
    results = kiosk.send(resent)
    assert [r["status"] for r in results] == ["duplicate"] * 3
    assert [r["id"] for r in results] == [e["id"] for e in resent]
    assert _counts(server) == before
    with store.connection(server.db_path) as db:
        assert db.execute("SELECT number FROM tickets").fetchone()[0] == "П017"
    # the same id twice in one batch: the second is a duplicate
    twin = event_factory("kiosk-01", 10)
    assert [r["status"] for r in kiosk.send([twin, twin])] == ["accepted", "duplicate"]


def test_an_id_of_another_kiosk_and_a_reused_ticket_are_conflicts(server: Any, event_factory: Any) -> None:
    one = server.kiosk("kiosk-01", "centre-a")
    two = server.kiosk("kiosk-02", "centre-a")
    event = event_factory("kiosk-01", 1, "ticket.issued")
    assert one.send([event])[0]["status"] == "accepted"
    stolen = {**event, "kiosk_id": "kiosk-02"}
    assert two.send([stolen])[0]["code"] == "id_conflict"
    same_ticket = event_factory("kiosk-02", 2, "ticket.issued", payload=dict(event["payload"]))
    assert two.send([same_ticket])[0]["code"] == "ticket_conflict"
    rating = event_factory("kiosk-01", 3, "rating.submitted")
    assert one.send([rating])[0]["status"] == "accepted"
    again = event_factory("kiosk-01", 4, "rating.submitted", payload=dict(rating["payload"]))
    assert one.send([again])[0]["code"] == "rating_conflict"
    assert _counts(server)["events"] == 2


def test_the_latest_heartbeat_by_seq_is_listed(server: Any, kiosk: Any, event_factory: Any) -> None:
    newer = event_factory("kiosk-01", 9, payload={"outbox_pending": 3, "printer": "paper_low"})
    older = event_factory("kiosk-01", 4, payload={"outbox_pending": 40, "printer": "ok"})
    kiosk.send([newer, older])
    status, out = server.cli("kiosks")
    assert status == 0
    line = next(line for line in out.splitlines() if line.startswith("kiosk-01"))
    assert "outbox_pending=3" in line and "printer=paper_low" in line
    assert line.split()[3:7] == [line.split()[3], "2", "0", "9"]


def test_batch_limits(kiosk: Any, event_factory: Any) -> None:
    empty = kiosk.post(EVENTS, {"events": []})
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "invalid_batch"
    for body in ({"event": []}, [], {"events": {}}, {"events": "x"}, 3):
        answer = kiosk.post(EVENTS, body)
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_batch"
    too_many = kiosk.post(EVENTS, {"events": [event_factory("kiosk-01", i + 1) for i in range(501)]})
    assert too_many.status_code == 413 and too_many.json()["error"]["code"] == "batch_too_large"
    full = kiosk.send([event_factory("kiosk-01", i + 1) for i in range(500)])
    assert len(full) == 500 and {r["status"] for r in full} == {"accepted"}


def test_restored_server_is_detectable_by_max_seq(
    tmp_path: Any, db_url: str, spec: Any, event_factory: Any, tools: Any
) -> None:
    """A kiosk compares max_seq with what it sent and re-uploads the rest."""
    db_path = db_url
    token = tools.issue_token(db_path, "kiosk-01", "centre-a")
    events = [event_factory("kiosk-01", i + 1) for i in range(6)]
    backup = tmp_path / "backup"
    with run_server(db_path) as base_url:
        client = tools.Client(base_url, spec, token)
        client.send(events[:3])
        assert tools.run_cli(db_path, "backup", str(backup))[0] == 0  # online, while the server runs
        client.send(events[3:])
        assert client.get("/api/v1/kiosk/status").json()["max_seq"] == 6
    assert tools.run_cli(db_path, "restore", str(backup))[0] == 0
    with run_server(db_path, create=False) as base_url:
        client = tools.Client(base_url, spec, token)
        max_seq = client.get("/api/v1/kiosk/status").json()["max_seq"]
        assert max_seq == 3
        results = client.send([e for e in events if e["seq"] > max_seq - 1])
        assert [r["status"] for r in results] == ["duplicate", "accepted", "accepted", "accepted"]
        assert client.get("/api/v1/kiosk/status").json()["events_received"] == 6


# Six clients against the server's four threads: waitress warns that requests queue up.
@pytest.mark.expect_log("waitress.queue")
def test_concurrent_overlapping_batches_store_every_event_once(server: Any, event_factory: Any) -> None:
    kiosks = [server.kiosk(f"kiosk-{n}", "centre-a") for n in range(3)]
    pools = {
        k.token: [
            event_factory(
                f"kiosk-{n}", i + 1, random.Random(i).choice(["ticket.issued", "heartbeat", "rating.submitted"])
            )
            for i in range(80)
        ]
        for n, k in enumerate(kiosks)
    }
    accepted: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker(client: Any, seed: int) -> None:
        rng = random.Random(seed)
        pool = pools[client.token]
        try:
            for _ in range(6):
                batch = rng.sample(pool, 30)
                results = client.send(batch)
                assert {r["status"] for r in results} <= {"accepted", "duplicate"}, results
                with lock:
                    accepted.extend(r["id"] for r in results if r["status"] == "accepted")
            results = client.send(pool)  # finally everything, so nothing is left out
            with lock:
                accepted.extend(r["id"] for r in results if r["status"] == "accepted")
        except BaseException as error:  # surfaced in the main thread
            errors.append(error)

    threads = [
        threading.Thread(target=worker, args=(server.client(k.token), 10 * n + t))
        for n, k in enumerate(kiosks)
        for t in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    every_id = [e["id"] for pool in pools.values() for e in pool]
    assert sorted(accepted) == sorted(every_id)  # each accepted exactly once
    counts = _counts(server)
    assert counts["events"] == len(every_id)
    expected_tickets = sum(e["kind"] == "ticket.issued" for pool in pools.values() for e in pool)
    assert counts["tickets"] == expected_tickets
    assert counts["rejections"] == 0


@pytest.mark.parametrize("kind", ["ticket.issued", "rating.submitted", "heartbeat"])
def test_an_event_another_batch_stores_meanwhile_is_a_duplicate_not_a_conflict(
    pg_cluster: Any, event_factory: Any, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """On PostgreSQL a concurrent batch of the same kiosk may commit between this batch's reads.

    It then holds the event's ticket (or rating) key as well as its id: the event
    is a duplicate of what that batch stored, never a conflict to set aside.
    """
    import datetime as dt

    from central import db as dbmod

    url = pg_cluster.create_database()
    try:
        store.init_db(url, create=True)
        now = dt.datetime(2026, 11, 24, 9, 15, tzinfo=dt.UTC)
        with store.connection(url) as db:
            store.issue_credential(db, "kiosk-01", "centre-a", now=now, token_hash="h" * 64)
            kiosk = store.get_kiosk(db, "kiosk-01")
        assert kiosk is not None
        event = event_factory("kiosk-01", 1, kind)
        insert = store._insert_returning
        raced: list[list[store.ApplyResult]] = []

        def insert_after_a_racing_commit(db: Any, *args: Any) -> set[str]:
            if not raced:  # the other batch commits after this one looked up event ids
                raced.append([])
                with store.connection(url) as other:
                    raced[0] = store.apply_batch(other, kiosk, [event], now=now)
            return insert(db, *args)

        monkeypatch.setattr(store, "_insert_returning", insert_after_a_racing_commit)
        with store.connection(url) as db:
            results = store.apply_batch(db, kiosk, [event], now=now)
        assert raced == [[store.ApplyResult(store.ACCEPTED)]]
        assert results == [store.ApplyResult(store.DUPLICATE)]
        with store.connection(url) as db:
            assert store.table_count(db, "rejections") == 0
            assert store.table_count(db, "events") == 1
    finally:
        dbmod.dispose(url)
        pg_cluster.drop_database(url)
