"""``main.py backup``: an online, checked copy with private modes and a bounded history."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.backup import BackupError, backup_database, integrity, list_backups
from kiosk.clock import ManualClock
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.support import moscow


def grow(store: Store, rows: int) -> None:
    """Make the database bigger than a few pages (audit rows: any table would do)."""
    with store.transaction() as tx:
        tx.executemany("INSERT INTO audit (id, created_utc, role, action, details) VALUES (?, ?, NULL, ?, '{}')",
                       [(f"row-{i}", "2026-11-24T07:00:00.000Z", "x" * 200) for i in range(rows)])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def tickets_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT display FROM tickets ORDER BY issued_utc, display")]
    finally:
        conn.close()


def test_backup_is_a_checked_private_copy_named_by_utc_time(desk: TicketDesk, store: Store,
                                                            clock: ManualClock) -> None:
    data = store.health.path.parent
    for _ in range(3):
        desk.issue("consultation", "ru")
    loose = os.umask(0o022)  # a loose umask (main.py sets 077): the modes are the backup's own doing
    try:
        result = backup_database(data, clock, keep=14)
    finally:
        os.umask(loose)
    assert result.path == data / "backups" / "kiosk-20261124T070000Z.db"  # 10:00 in Moscow
    assert (result.tickets, result.removed) == (3, ())
    assert mode(data / "backups") == 0o700 and mode(result.path) == 0o600
    assert integrity(result.path) == "ok"
    assert tickets_in(result.path) == ["К001", "К002", "К003"]
    # One self-contained file: nothing beside it, and no journal to replay.
    assert sorted(p.name for p in (data / "backups").iterdir()) == [result.path.name]
    conn = sqlite3.connect(result.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_backup_runs_while_the_kiosk_writes_and_copies_only_what_is_committed(
        desk: TicketDesk, store: Store, clock: ManualClock) -> None:
    desk.issue("consultation", "ru")
    # The kiosk is in the middle of a write transaction, holding the write lock.
    with store.transaction() as tx:
        tx.execute("UPDATE tickets SET status = 'cancelled'")
        result = backup_database(store.health.path.parent, clock, keep=14)
    conn = sqlite3.connect(f"{result.path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("SELECT status FROM tickets").fetchall() == [("waiting",)]
    conn.close()


def test_retention_keeps_the_newest_and_never_touches_other_files(store: Store, clock: ManualClock) -> None:
    data = store.health.path.parent
    (data / "backups").mkdir(mode=0o700)
    keepsake = data / "backups" / "kiosk-before-move.db"  # an operator's own copy: not a backup name
    keepsake.write_bytes(b"mine")
    made = []
    for day in range(1, 6):
        clock.set(moscow(2026, 11, day, 3, 30))
        made.append(backup_database(data, clock, keep=3))
    assert [p.name for p in list_backups(data)] == [r.path.name for r in made[-3:]]
    assert made[-1].removed == (made[-4].path,)
    assert keepsake.read_bytes() == b"mine"


def test_the_new_backup_survives_retention_even_when_the_clock_went_back(store: Store,
                                                                         clock: ManualClock) -> None:
    data = store.health.path.parent
    for day in (20, 21, 22):
        clock.set(moscow(2026, 11, day, 3, 30))
        backup_database(data, clock, keep=2)
    clock.set(moscow(2026, 11, 1, 3, 30))  # a clock reset to an earlier date
    result = backup_database(data, clock, keep=2)
    assert result.path.exists()
    assert [p.name for p in list_backups(data)] == ["kiosk-20261101T003000Z.db", "kiosk-20261122T003000Z.db"]


def test_no_database_is_a_clear_error(tmp_path: Path, clock: ManualClock) -> None:
    with pytest.raises(BackupError, match="no database to back up"):
        backup_database(tmp_path, clock, keep=14)
    assert not (tmp_path / "kiosk.db").exists()  # and none was created by asking


def test_a_damaged_database_gives_no_backup(store: Store, clock: ManualClock) -> None:
    grow(store, 2000)
    data = store.health.path.parent
    path = store.health.path
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = store.db.conn.execute("PRAGMA page_size").fetchone()[0]
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.close()
    with path.open("r+b") as handle:  # scribble over a page in the middle of the audit b-tree
        handle.seek(page * (pages // 2))
        handle.write(b"\xa5" * page)
    with pytest.raises(BackupError, match="integrity check"):
        backup_database(data, clock, keep=14)
    assert list((data / "backups").iterdir()) == []  # not even the partial file


def test_a_backup_onto_a_full_disk_leaves_nothing_and_says_so(store: Store, clock: ManualClock) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    grow(store, 2000)
    backups = store.health.path.parent / "backups"
    backups.mkdir(mode=0o700)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(backups)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        with pytest.raises(BackupError, match="disk is full"):
            backup_database(store.health.path.parent, clock, keep=14)
        assert list(backups.iterdir()) == []
    finally:
        subprocess.run(["umount", "--lazy", str(backups)], check=True)
