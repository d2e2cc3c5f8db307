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
