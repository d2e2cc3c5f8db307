"""SQLite's write-ahead log is copied back by a thread of the server, not inside a request (central/db.py)."""

from __future__ import annotations

import logging
import sqlite3
import struct
from pathlib import Path

import pytest

from central import db as central_db
from central import store
from tests.central.serve_support import create_database, serving
from tests.cups_support import wait_until


def wal_frames(database: Path) -> tuple[int, int]:
    """(frames in the log, frames already copied into the database), read from the WAL index.

    The ``-shm`` file starts with two copies of the 48-byte index header, whose
    ``mxFrame`` sits at offset 16, then the checkpoint information, whose
    ``nBackfill`` comes first (offset 96); both in the machine's byte order
    (sqlite.org, *WAL-mode File Format*).
    """
    head = (database.parent / (database.name + "-shm")).read_bytes()[:100]
    (frames,) = struct.unpack_from("=I", head, 16)
    (copied,) = struct.unpack_from("=I", head, 96)
    return frames, copied


def log_copied_back(database: Path) -> bool:
    """Whether the log holds frames and every one of them is in the database file (one read of the index)."""
    frames, copied = wal_frames(database)
    return copied == frames > 0


def write_pages(database: Path, rows: int = 1_500) -> None:
    """One transaction through the server's own connections that changes well over 1,000 pages."""
    with store.connection(database) as db, db.write():
        db.conn.exec_driver_sql(
            "INSERT INTO events (id, kiosk_id, centre_id, kind, schema, seq, occurred_utc, received_utc, payload) "
            "VALUES " + ", ".join(["(?, 'k', 'c', 'heartbeat', 1, ?, 't', 't', ?)"] * rows),
            tuple(value for i in range(rows) for value in (f"event-{i}", i, "x" * 3000)),
        )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "central.db"
    create_database(path)
    yield path
    central_db.dispose(path)


def test_a_request_that_fills_the_log_does_not_copy_it_back_itself(database: Path) -> None:
    """At SQLite's default (1,000 pages) every third batch of 200 events paid for a checkpoint."""
    write_pages(database)
    frames, copied = wal_frames(database)
    assert frames > 1_000
    assert copied == 0


def test_the_checkpointer_copies_the_log_back_with_no_request_running(database: Path) -> None:
    write_pages(database)
    checkpointer = central_db.Checkpointer(database, interval_s=0.02).start()
    try:
        wait_until(lambda: log_copied_back(database), 10, "every frame of the log copied into the database")
    finally:
        checkpointer.stop()
    assert checkpointer.checkpoints >= 1
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (1_500,)


@pytest.mark.expect_log("central.db")
def test_a_checkpointer_that_cannot_open_the_database_says_so_once_and_makes_no_file(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="central.db")
    missing = tmp_path / "central.db"  # moved away, say, while a backup is restored
    checkpointer = central_db.Checkpointer(missing, interval_s=0.005).start()
    try:
        wait_until(lambda: checkpointer.attempts >= 5, 10, "five tries")
    finally:
        checkpointer.stop()
    warnings = [r for r in caplog.records if "WAL checkpoint" in r.getMessage()]
    assert len(warnings) == 1
    assert checkpointer.checkpoints == 0
    assert not missing.exists()


def test_postgresql_gets_no_checkpointer() -> None:
    assert central_db.start_checkpointer("postgresql://kiosk@localhost/central") is None


def test_each_serve_worker_copies_the_log_back(tmp_path: Path) -> None:
    with serving(tmp_path, workers=1) as server:
        server.wait_for("heap settled")
        database = tmp_path / "central.db"
        # Written from outside, with this connection's own checkpoints off and the
        # connection kept open (the last one to close would copy the log back itself).
        conn = sqlite3.connect(database, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_autocheckpoint=0")
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT INTO events (id, kiosk_id, centre_id, kind, schema, seq, occurred_utc, "
                             "received_utc, payload) VALUES (?, 'k', 'c', 'heartbeat', 1, ?, 't', 't', ?)",
                             [(f"event-{i}", i, "x" * 3000) for i in range(300)])
            conn.execute("COMMIT")
            # Nothing writes after this, so the frames stay in the log until someone copies them.
            wait_until(lambda: log_copied_back(database), 20, "the worker's checkpointer copied the log back")
        finally:
            conn.close()
