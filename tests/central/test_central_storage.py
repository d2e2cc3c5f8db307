"""Storage on SQLite and PostgreSQL: start-up checks, honest health, migrations,
batches applied at once with exactly-once kept, the limits one kiosk meets, backups."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from central import cli, store
from central import db as dbmod
from central.testing import run_server
from tests.central.server_dbs import execute, rows

REPO = Path(__file__).resolve().parents[2]
EVENTS = "/api/v1/events"


def cli_run(db: str, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    out = io.StringIO()
    status = cli.main([*args, "--db", db], out=out)
    return status, out.getvalue(), capsys.readouterr().err


def ticket(kiosk_id: str, seq: int, ticket_id: str | None = None, **over: Any) -> dict[str, Any]:
    event = {
        "id": str(uuid.uuid4()),
        "kind": "ticket.issued",
        "schema": 1,
        "kiosk_id": kiosk_id,
        "occurred_utc": "2026-11-24T09:12:03.120Z",
        "seq": seq,
        "payload": {
            "ticket_id": ticket_id or str(uuid.uuid4()),
            "number": "П017",
            "service_id": "passport-internal",
            "category_id": "passports",
            "business_day": "2026-11-24",
        },
    }
    event.update(over)
    return event


# --------------------------------------------------------------------------
# start-up


def test_start_up_refuses_a_missing_database_unless_asked_to_create_it(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # On PostgreSQL the database exists but has no tables: it counts as missing too.
    status, _, err = cli_run(db_url, "kiosks", capsys=capsys)
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and "python -m central init" in err, err
    assert "Traceback" not in err
    assert cli_run(db_url, "init", capsys=capsys)[0] == 0
    status, out, _ = cli_run(db_url, "kiosks", capsys=capsys)
    assert status == 0 and "(no kiosks)" in out


def test_serve_refuses_a_damaged_database_with_one_line(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this was a database once" * 500)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    done = subprocess.run(
        [sys.executable, "-m", "central", "serve", "--db", str(damaged), "--port", str(port)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "damaged" in lines[0] and "restore" in lines[0]


def test_a_database_that_fails_its_check_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.db"
    assert cli_run(str(path), "init", capsys=capsys)[0] == 0
    dbmod.dispose_all()
    # Keep the header, spoil the pages behind it.
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))
    status, _, err = cli_run(str(path), "kiosks", capsys=capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert "damaged" in err or "quick_check" in err, err


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file, so a file cannot be read-only for it")
def test_a_read_only_sqlite_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.db"
    assert cli_run(str(path), "init", capsys=capsys)[0] == 0
    path.chmod(0o400)
    status, _, err = cli_run(str(path), "kiosks", capsys=capsys)
    assert status == 1 and "read-only" in err


@pytest.mark.expect_log("central")
def test_a_read_only_postgresql_database_is_refused_and_health_says_why(
    pg_cluster: Any, spec: Any, tools: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_cluster.create_database()
    try:
        with run_server(url) as base_url:
            client = tools.Client(base_url, spec)
            assert client.get("/api/v1/health").status_code == 200
            name = sa.make_url(dbmod.target(url).url).database
            execute(url, f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
            dbmod.engine(url).dispose()  # new connections take the database's new default
            answer = client.get("/api/v1/health")
            assert answer.status_code == 503
            assert answer.json()["error"] == {"code": "storage_unavailable", "message": "The database is read-only."}
        dbmod.dispose(url)
        status, _, err = cli_run(url, "kiosks", capsys=capsys)
        assert status == 1 and "read-only" in err and len(err.strip().splitlines()) == 1
    finally:
        pg_cluster.drop_database(url)


@pytest.mark.expect_log("central")
def test_health_answers_503_with_the_reason_when_writes_fail(db_url: str, spec: Any, tools: Any) -> None:
    with run_server(db_url) as base_url:
        client = tools.Client(base_url, spec)
        assert client.get("/api/v1/health").json()["status"] == "ok"
        engine = dbmod.engine(db_url)
        if db_url.startswith("postgresql://"):

            def read_only(dbapi_connection: Any, _record: Any) -> None:
                with dbapi_connection.cursor() as cursor:
                    cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                dbapi_connection.commit()

        else:

            def read_only(dbapi_connection: Any, _record: Any) -> None:
                dbapi_connection.execute("PRAGMA query_only = ON")  # SQLite answers as for a read-only file

        sa.event.listen(engine, "connect", read_only)
        engine.dispose()
        answer = client.get("/api/v1/health")
        assert answer.status_code == 503
        assert answer.json()["error"]["message"] == "The database is read-only."
        assert "Retry-After" in answer.headers
        sa.event.remove(engine, "connect", read_only)
        engine.dispose()
        assert client.get("/api/v1/health").status_code == 200


def test_concurrent_first_starts_on_a_new_database_both_succeed(db_url: str) -> None:
    starts = [
        subprocess.Popen(
            [sys.executable, "-m", "central", "init", "--db", db_url],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outcomes = [(p.wait(timeout=120), p.communicate()) for p in starts]
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert rows(db_url, "SELECT version_num FROM alembic_version") == [(store.head_revision(),)]


def _legacy_database(db: str) -> None:
    """A database as the server made it before Alembic: revision 0001's tables, no version table."""
    from alembic import command

    with store.connection(db) as conn, conn.write():
        config = store._alembic_config(conn.conn)
        command.upgrade(config, "0001")
        conn.execute("DROP TABLE alembic_version")
        conn.execute(
            "INSERT INTO kiosks (kiosk_id, centre_id, state, created_utc, code_used, code_failures) "
            "VALUES ('kiosk-01', 'centre-a', 'enrolled', '2026-01-01T00:00:00.000Z', 0, 0)"
        )
        conn.execute(
            "INSERT INTO tickets (ticket_id, event_id, kiosk_id, centre_id, number, business_day, state, reprints) "
            "VALUES ('t-1', 'e-1', 'kiosk-01', 'centre-a', 'A001', '2026-01-01', 'issued', 0)"
        )
    dbmod.dispose(db)


def test_an_old_database_is_backed_up_then_migrated_with_its_data(
    tmp_path: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    if db_url.startswith("postgresql://"):
        _legacy_database(db_url)
        backups = tmp_path / "backups"
        backups.mkdir()
        store.init_db(db_url, backup_dir=backups)
        made = list(backups.iterdir())
    else:
        Path(db_url).touch()
        _legacy_database(db_url)
        store.init_db(db_url)
        made = list(tmp_path.glob("central.db.before-*.bak"))
    assert len(made) == 1, made
    assert stat.S_IMODE(made[0].stat().st_mode) == 0o600
    assert rows(db_url, "SELECT centre_id, ticket_id, number FROM tickets") == [("centre-a", "t-1", "A001")]
    assert rows(db_url, "SELECT version_num FROM alembic_version") == [(store.head_revision(),)]
    store.init_db(db_url)  # at the newest revision: nothing to back up again
    assert any("backed up" in r.getMessage() for r in caplog.records)


# --------------------------------------------------------------------------
# batches, exactly-once, last_seen


# Forty clients against eight threads: waitress warns that requests queue up.
@pytest.mark.expect_log("waitress.queue")
def test_forty_threads_posting_the_same_ids_store_each_event_once(db_url: str, spec: Any, tools: Any) -> None:
    token = tools.issue_token(db_url, "kiosk-01", "centre-a")
    # Tickets (with a projection row each) and audit records (the event row alone).
    batch = [
        ticket("kiosk-01", i + 1) if i % 2 else ticket("kiosk-01", i + 1, kind="audit", payload={"action": "x"})
        for i in range(100)
    ]
    with run_server(db_url, threads=8) as base_url:
        statuses: list[str] = []
        failures: list[str] = []
        lock = threading.Lock()
        start = threading.Barrier(40)

        def post() -> None:
            session = requests.Session()
            try:
                start.wait()
                for _attempt in range(10):
                    answer = session.post(
                        base_url + EVENTS, json={"events": batch}, headers={"Authorization": f"Bearer {token}"},
                        timeout=120,
                    )
                    if answer.status_code != 503:
                        break
                if answer.status_code != 200:
                    with lock:
                        failures.append(answer.text)
                    return
                with lock:
                    statuses.extend(r["status"] for r in answer.json()["results"])
            finally:
                session.close()

        threads = [threading.Thread(target=post) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not failures
    assert statuses.count("accepted") == 100 and statuses.count("duplicate") == 39 * 100
    assert rows(db_url, "SELECT count(*), count(DISTINCT id) FROM events") == [(100, 100)]
    assert rows(db_url, "SELECT count(*) FROM tickets") == [(50,)]


def test_a_rejected_event_is_isolated_within_its_batch(kiosk: Any, server: Any) -> None:
    shared = str(uuid.uuid4())
    first = ticket("kiosk-01", 1, shared)
    batch = [
        first,
        ticket("kiosk-01", 2, shared),  # the same ticket again, another event: a conflict
        {"id": "not-a-uuid"},
        ticket("kiosk-01", 3),
        first,  # repeated inside the batch: stored once
    ]
    results = kiosk.send(batch)
    assert [r["status"] for r in results] == ["accepted", "rejected", "rejected", "accepted", "duplicate"]
    assert results[1]["code"] == "ticket_conflict"
    assert rows(server.db_path, "SELECT count(*) FROM events") == [(2,)]
    assert rows(server.db_path, "SELECT count(*) FROM rejections") == [(2,)]


def test_a_cancel_before_its_issue_in_one_batch_keeps_the_order(kiosk: Any, server: Any) -> None:
    ticket_id = str(uuid.uuid4())
    cancel = {**ticket("kiosk-01", 1), "kind": "ticket.cancelled", "payload": {"ticket_id": ticket_id}}
    results = kiosk.send([cancel, ticket("kiosk-01", 2, ticket_id)])
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    # Applied in order: the cancel found no ticket, the issue came after it.
    assert rows(server.db_path, "SELECT state FROM tickets") == [("issued",)]


def test_last_seen_is_written_at_most_once_a_minute(db_url: str, spec: Any, tools: Any) -> None:
    moments = [dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)]
    token = tools.issue_token(db_url, "kiosk-01", "centre-a")
    with run_server(db_url, clock=lambda: moments[0]) as base_url:
        client = tools.Client(base_url, spec, token)
        seen = lambda: rows(db_url, "SELECT last_seen_utc FROM kiosks")[0][0]  # noqa: E731
        client.get("/api/v1/kiosk/status")
        assert seen() == "2026-11-24T09:00:00.000Z"
        moments[0] += dt.timedelta(seconds=59)
        client.get("/api/v1/kiosk/status")
        assert seen() == "2026-11-24T09:00:00.000Z"
        moments[0] += dt.timedelta(seconds=2)
        client.get("/api/v1/kiosk/status")
        assert seen() == "2026-11-24T09:01:01.000Z"


def test_reads_do_not_wait_for_the_write_lock(tmp_path: Path, spec: Any, tools: Any) -> None:
    path = str(tmp_path / "c.db")
    token = tools.issue_token(path, "kiosk-01", "centre-a")
    with run_server(path) as base_url:
        client = tools.Client(base_url, spec, token)
        client.get("/api/v1/kiosk/status")  # last_seen written now, so the next minute's reads write nothing
        with store.connection(path) as other, other.write():
            other.execute("UPDATE kiosks SET heartbeat_utc = NULL")  # holds SQLite's write lock
            started = time.monotonic()
            answer = client.get("/api/v1/kiosk/status")
            assert answer.status_code == 200
            assert time.monotonic() - started < store.BUSY_TIMEOUT_SECONDS / 3


# --------------------------------------------------------------------------
# limits and hygiene


def test_rejections_beyond_the_quota_are_counted_not_kept(db_url: str, spec: Any, tools: Any) -> None:
    token = tools.issue_token(db_url, "kiosk-01", "centre-a")
    with run_server(db_url, limits=store.Limits(rejections_kept=5)) as base_url:
        client = tools.Client(base_url, spec, token)
        for _ in range(3):
            results = client.send([{"id": "bad"} for _ in range(4)])
            assert {r["status"] for r in results} == {"rejected"}
        assert client.get("/api/v1/kiosk/status").json()["events_rejected"] == 12
    assert rows(db_url, "SELECT count(*) FROM rejections") == [(5,)]


def test_an_oversized_heartbeat_is_refused_and_the_previous_one_kept(server: Any, kiosk: Any) -> None:
    small = {**ticket("kiosk-01", 1), "kind": "heartbeat", "payload": {"printer": "ok"}}
    assert kiosk.send([small])[0]["status"] == "accepted"
    huge = {**ticket("kiosk-01", 2), "kind": "heartbeat", "payload": {"blob": "x" * 5_000_000}}
    answer = kiosk.post(EVENTS, {"events": [huge]}, check=False)
    assert answer.status_code in (200, 413)  # 5 MB is over the default body limit too
    mid = {**ticket("kiosk-01", 3), "kind": "heartbeat", "payload": {"blob": "x" * 40_000}}
    result = kiosk.send([mid])[0]
    assert result["status"] == "rejected" and result["code"] == "heartbeat_too_large"
    assert "16384" in result["reason"]
    status, out = server.cli("kiosks", "--json")
    assert status == 0 and json.loads(out)[0]["heartbeat"] == {"printer": "ok"}


def test_implausible_timestamps_are_kept_and_flagged(server: Any, kiosk: Any) -> None:
    results = kiosk.send(
        [
            ticket("kiosk-01", 1, occurred_utc="9999-12-31T23:59:59.000Z"),
            ticket("kiosk-01", 2, occurred_utc="0001-01-01T00:00:00Z"),
            ticket("kiosk-01", 3, occurred_utc=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
        ]
    )
    assert [r["status"] for r in results] == ["accepted"] * 3
    assert rows(server.db_path, "SELECT seq, time_suspect FROM events ORDER BY seq") == [(1, 1), (2, 1), (3, 0)]
    status, out = server.cli("kiosks", "--json")
    assert status == 0 and json.loads(out)[0]["events_time_suspect"] == 2


@pytest.mark.parametrize("number", [b"1e400", b"-1e400", b"NaN", b"Infinity"])
def test_numbers_beyond_json_are_refused(kiosk: Any, server: Any, number: bytes) -> None:
    event = json.dumps(ticket("kiosk-01", 1, kind="audit", payload={"action": "x", "n": 0})).encode()
    body = b'{"events": [' + event.replace(b'"n": 0', b'"n": ' + number) + b"]}"
    answer = kiosk.post(EVENTS, data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "malformed_json"
    assert rows(server.db_path, "SELECT count(*) FROM events") == [(0,)]


def test_ticket_and_rating_ids_are_scoped_per_centre(server: Any, event_factory: Any) -> None:
    a = server.kiosk("kiosk-a", "centre-a")
    b = server.kiosk("kiosk-b", "centre-b")
    ticket_id, rating_id = str(uuid.uuid4()), str(uuid.uuid4())
    assert a.send([ticket("kiosk-a", 1, ticket_id)])[0]["status"] == "accepted"
    # Centre B cannot tell that centre A holds the id: the same answer as for a new one.
    assert b.send([ticket("kiosk-b", 1, ticket_id)])[0]["status"] == "accepted"
    cancel = event_factory("kiosk-b", 2, "ticket.cancelled", payload={"ticket_id": ticket_id})
    assert b.send([cancel])[0]["status"] == "accepted"
    rating = {"rating_id": rating_id, "ticket_id": ticket_id, "overall": 1}
    assert b.send([event_factory("kiosk-b", 3, "rating.submitted", payload=rating)])[0]["status"] == "accepted"
    assert a.send([event_factory("kiosk-a", 2, "rating.submitted", payload=rating)])[0]["status"] == "accepted"
    states = rows(server.db_path, "SELECT centre_id, state FROM tickets ORDER BY centre_id")
    assert states == [("centre-a", "issued"), ("centre-b", "cancelled")]
    assert rows(server.db_path, "SELECT centre_id FROM ratings ORDER BY centre_id") == [("centre-a",), ("centre-b",)]


def test_failed_authentication_is_logged_without_the_secret(
    server: Any, kiosk: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="central.auth")
    wrong = "wrong-token-" + "x" * 30
    assert server.client(wrong).get("/api/v1/kiosk/status").status_code == 401
    assert server.client().get("/api/v1/kiosk/status").status_code == 401
    lines = [r.getMessage() for r in caplog.records if r.name == "central.auth"]
    assert any("invalid_token from 127.0.0.1 on GET /api/v1/kiosk/status" in line for line in lines), lines
    assert any("missing_token" in line for line in lines)
    assert not any(wrong in line or kiosk.token in line for line in lines)


# --------------------------------------------------------------------------
# backups


@pytest.fixture
def enrolled(db_url: str, tools: Any) -> Iterator[str]:
    tools.issue_token(db_url, "kiosk-01", "centre-a")
    yield db_url


def test_backups_are_private_files_and_only_the_newest_are_kept(
    enrolled: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for _ in range(3):
        status, _, err = cli_run(enrolled, "backup", "--into", str(folder), "--keep", "2", capsys=capsys)
        assert status == 0, err
    kept = sorted(folder.iterdir())
    assert len(kept) == 2
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)
    single = tmp_path / "one"
    assert cli_run(enrolled, "backup", str(single), capsys=capsys)[0] == 0
    assert stat.S_IMODE(single.stat().st_mode) == 0o600
    status, _, err = cli_run(enrolled, "backup", str(single), capsys=capsys)
    assert status == 1 and "exists" in err


def test_a_restore_brings_back_what_the_backup_held(
    enrolled: str, tmp_path: Path, tools: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    assert cli_run(enrolled, "backup", str(copy), capsys=capsys)[0] == 0
    tools.issue_token(enrolled, "kiosk-02", "centre-a")
    assert cli_run(enrolled, "restore", str(copy), capsys=capsys)[0] == 0
    status, out, _ = cli_run(enrolled, "kiosks", capsys=capsys)
    assert "kiosk-01" in out and "kiosk-02" not in out
    status, _, err = cli_run(enrolled, "restore", str(tmp_path / "nothing"), capsys=capsys)
    assert status == 1 and "does not exist" in err


def test_requests_after_the_database_dropped_every_connection_succeed(
    pg_cluster: Any, spec: Any, tools: Any
) -> None:
    """A restarted or failed-over PostgreSQL ends the pooled connections; the next requests still work."""
    url = pg_cluster.create_database()
    try:
        with run_server(url) as base_url:
            kiosk = tools.Client(base_url, spec, tools.issue_token(url, "kiosk-01", "centre-a"))
            for _ in range(3):  # a few connections in the pool
                assert kiosk.get("/api/v1/kiosk/status").status_code == 200
            name = sa.make_url(dbmod.target(url).url).database
            engine = pg_cluster.admin()
            try:
                with engine.connect() as conn:
                    ended = conn.exec_driver_sql(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s",
                        (name,),
                    ).scalar()
            finally:
                engine.dispose()
            assert ended >= 1
            for _ in range(5):
                assert kiosk.get("/api/v1/kiosk/status").status_code == 200
                assert kiosk.get("/api/v1/health").status_code == 200
    finally:
        pg_cluster.drop_database(url)
