"""Writers on one SQLite file take turns at the write gate (central/db.py), across threads and processes.

SQLite's own busy handler makes a waiting writer sleep and poll; the gate makes it
wait on a lock the kernel hands over as soon as it is free. These tests check the
turn-taking itself; what it does for latency under load is in BENCHMARKS.md.
"""

from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from central import store

# A child that asks, without waiting, whether the gate's lock file is free.
PROBE = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    print("free")
except BlockingIOError:
    print("taken")
"""


def probe(lock: Path) -> str:
    return subprocess.run([sys.executable, "-c", PROBE, str(lock)], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def new_db(tmp_path: Path) -> str:
    db = str(tmp_path / "central.db")
    store.init_db(db, create=True)
    return db


def test_another_process_finds_the_gate_taken_while_a_write_is_open(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    lock = tmp_path / "central.db.writelock"
    with store.connection(db) as conn:
        with conn.write():
            assert probe(lock) == "taken"
        assert probe(lock) == "free"


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    with store.connection(db) as conn, conn.write():
        pass
    mode = stat.S_IMODE(os.stat(tmp_path / "central.db.writelock").st_mode)
    assert mode == 0o600


def test_a_second_thread_waits_for_the_first_writer_and_then_writes(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    order: list[str] = []
    inside = threading.Event()
    release = threading.Event()
    second_waiting = threading.Event()

    def first() -> None:
        with store.connection(db) as conn, conn.write():
            order.append("first in")
            inside.set()
            release.wait(30)
            order.append("first out")

    def second() -> None:
        inside.wait(30)
        with store.connection(db) as conn:
            second_waiting.set()
            with conn.write():
                order.append("second in")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    second_waiting.wait(30)
    # The second writer is at the gate; while the first holds it, the file stays taken.
    assert probe(tmp_path / "central.db.writelock") == "taken"
    release.set()
    for t in threads:
        t.join(30)
    assert order == ["first in", "first out", "second in"]


def test_a_nested_write_in_one_thread_does_not_wait_for_itself(tmp_path: Path) -> None:
    db = new_db(tmp_path)
    with store.connection(db) as conn, conn.write():
        with conn.write():  # a savepoint of the same transaction
            pass
        fd = os.open(tmp_path / "central.db.writelock", os.O_RDWR)
        try:
            # Still held by the outer write after the inner one ended.
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = False
            except BlockingIOError:
                held = True
        finally:
            os.close(fd)
        assert held


# A child that holds the gate's lock file until its standard input closes.
HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.read()
"""


def end(holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait(30)
    for pipe in (holder.stdin, holder.stdout):
        if pipe is not None:
            pipe.close()


def test_a_writer_stops_waiting_at_its_deadline_and_the_gate_recovers(tmp_path: Path) -> None:
    """Another process that keeps the file (a hung writer, a long backup) costs a bounded wait, not a hang."""
    import time

    from central import db as dbmod

    lock = tmp_path / "central.db.writelock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        gate = dbmod.WriteGate(tmp_path / "central.db")
        for _ in range(2):  # the second writer takes over the first one's wait
            started = time.monotonic()
            assert gate.acquire(timeout=0.3) is False
            assert time.monotonic() - started < 5
        got, done = threading.Event(), threading.Event()

        def writer() -> None:
            if gate.acquire(timeout=30):
                got.set()
                done.wait(30)
                gate.release()

        waiter = threading.Thread(target=writer)
        waiter.start()
        assert holder.stdin is not None
        holder.stdin.close()  # the other process lets go: the waiting writer gets the file
        assert got.wait(30)
        assert probe(lock) == "taken"
        done.set()
        waiter.join(30)
        assert probe(lock) == "free"
    finally:
        end(holder)


def test_a_writer_that_gave_up_does_not_keep_the_file_once_it_comes_free(tmp_path: Path) -> None:
    import time

    from central import db as dbmod

    lock = tmp_path / "central.db.writelock"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    gate = dbmod.WriteGate(tmp_path / "central.db")
    assert gate.acquire(timeout=0.2) is False
    assert holder.stdin is not None
    holder.stdin.close()
    end(holder)
    # The helper that waited for the abandoned writer gets the file and must let it go.
    deadline = time.monotonic() + 20
    while probe(lock) != "free":
        assert time.monotonic() < deadline, "the gate kept the file after its writer gave up"
    assert gate.acquire(timeout=5) is True
    gate.release()


def test_a_write_on_a_file_held_elsewhere_fails_as_storage_busy(tmp_path: Path, monkeypatch: Any) -> None:
    """The app answers 503 storage_busy for this OperationalError; health says what is wrong instead of hanging."""
    import pytest
    import sqlalchemy as sa

    from central import db as dbmod

    db = new_db(tmp_path)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_SECONDS", 0.3)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path / "central.db.writelock")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with store.connection(db) as conn, pytest.raises(sa.exc.OperationalError, match="locked"):
            with conn.write():
                pass
    finally:
        end(holder)
