"""A nearly full and a full disk: the kiosk's own limits, and a write that meets the real end of the disk.

Which promise each test proves:

* ``test_disk_state_…``: the two limits of ``[storage]`` and their edges (fake measurements).
* ``test_below_the_refuse_limit_…``: below ``disk_refuse_mib`` no ticket is issued and nothing is
  written, counter included; with room again numbering goes on where it was (fake measurement).
* ``test_sqlite_full_inside_the_write_…``: SQLite's own SQLITE_FULL (``PRAGMA max_page_count``
  caps the file) inside the ticket's transaction is a :class:`StoreFull`, the whole transaction is
  gone, and the next number is the next one: no gap, no reuse. Runs everywhere.
* ``test_a_real_full_filesystem_…`` (root only: it mounts a 4 MiB tmpfs): the same when the
  operating system itself says ENOSPC, with the kiosk's limit out of the way, and the database
  passes ``integrity_check`` afterwards.
* ``test_the_refuse_limit_is_measured_on_the_real_filesystem`` (root only): ``statvfs`` of the
  data folder's own filesystem trips the limit, before any write.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import MIB, Config, StorageConfig
from kiosk.disk import DiskState, disk_report, disk_state, ensure_room
from kiosk.store import Store, StoreFull
from kiosk.tickets import TicketDesk

LIMITS = StorageConfig(disk_warn_mib=500, disk_refuse_mib=50)


@dataclass
class FakeUsage:
    """A disk whose free space the test sets."""

    free: int
    total: int = 64 * 1024 * MIB

    def __call__(self, _path: Path) -> FakeUsage:
        return self


def broken_usage(path: Path) -> FakeUsage:
    raise FileNotFoundError(errno.ENOENT, "gone", str(path))


def counts(store: Store) -> tuple[int, int, int]:
    conn = store.db.conn
    return (conn.execute("SELECT count(*) FROM tickets").fetchone()[0],
            conn.execute("SELECT count(*) FROM outbox").fetchone()[0],
            conn.execute("SELECT coalesce(sum(last_number), 0) FROM counters").fetchone()[0])


@pytest.mark.parametrize(("free_mib", "state"), [
    (10_000, DiskState.OK), (500, DiskState.OK), (499.99, DiskState.LOW), (50, DiskState.LOW),
    (49.99, DiskState.FULL), (0, DiskState.FULL)])
def test_disk_state_follows_the_two_limits(free_mib: float, state: DiskState) -> None:
    assert disk_state(int(free_mib * MIB), LIMITS) is state
    report = disk_report(Path("/"), LIMITS, FakeUsage(int(free_mib * MIB)))
    assert report.state is state and report.free_bytes == int(free_mib * MIB)
    assert (report.warn_bytes, report.refuse_bytes) == (500 * MIB, 50 * MIB)


def test_disk_state_unknown_when_the_folder_cannot_be_measured(tmp_path: Path) -> None:
    report = disk_report(tmp_path, LIMITS, broken_usage)
    assert report.state is DiskState.UNKNOWN and report.free_bytes is None
    # An unmeasurable folder does not stop tickets: the write itself finds out.
    assert ensure_room(tmp_path, LIMITS, broken_usage).state is DiskState.UNKNOWN


def test_below_the_refuse_limit_no_ticket_is_issued_and_nothing_written(store: Store, config: Config,
                                                                        catalog: Catalog) -> None:
    usage = FakeUsage(free=600 * MIB)
    desk = TicketDesk(store, config, catalog, disk_usage=usage)
    assert desk.issue("consultation", "ru").display == "К001"
    usage.free = 51 * MIB  # low, not yet full: tickets still go out
    assert desk.issue("consultation", "ru").display == "К002"
    before = counts(store)
    usage.free = 50 * MIB - 1
    with pytest.raises(StoreFull, match="disk_refuse_mib"):
        desk.issue("consultation", "ru")
    assert counts(store) == before
    usage.free = 400 * MIB
    assert desk.issue("consultation", "ru").display == "К003"


def test_sqlite_full_inside_the_write_is_store_full_and_leaves_nothing(store: Store, config: Config,
                                                                       catalog: Catalog) -> None:
    desk = TicketDesk(store, config, catalog, disk_usage=FakeUsage(free=10_000 * MIB))
    issued = [desk.issue("consultation", "ru").number]
    conn = store.db.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the file may not grow: SQLITE_FULL
    with pytest.raises(StoreFull, match="disk is full"):
        for _ in range(500):  # the free room in the last pages runs out within a few tickets
            before = counts(store)
            issued.append(desk.issue("consultation", "ru").number)
    assert counts(store) == before  # the refused ticket: no row, no event, no counter step
    assert not conn.in_transaction
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert desk.issue("consultation", "ru").number == issued[-1] + 1
    assert issued == list(range(1, len(issued) + 1))


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A 4 MiB tmpfs of its own, so the disk really fills up (needs root to mount)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the max_page_count test covers SQLITE_FULL without it")
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(mount_point)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def fill(folder: Path, leave_bytes: int = 0) -> Path:
    """Write a filler file until the filesystem has at most ``leave_bytes`` free (ENOSPC ends it)."""
    filler = folder / "filler"
    chunk = b"\0" * 65536
    with filler.open("wb") as handle:
        try:
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave_bytes:
                handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_real_full_filesystem_refuses_the_ticket_and_keeps_the_store_whole(
        tiny_fs: Path, clock: ManualClock, config: Config, catalog: Catalog) -> None:
    store = Store.open(tiny_fs / "data", clock)
    try:
        # The kiosk's own limit is told there is room: what is tested is the write meeting ENOSPC.
        desk = TicketDesk(store, config, catalog, disk_usage=FakeUsage(free=10_000 * MIB))
        issued = [desk.issue("consultation", "ru").number]
        filler = fill(tiny_fs)
        with pytest.raises(StoreFull, match="disk is full"):
            for _ in range(500):  # the WAL's pages already on disk take a few more first
                before = counts(store)
                issued.append(desk.issue("consultation", "ru").number)
        assert counts(store) == before
        filler.unlink()
        assert desk.issue("consultation", "ru").number == issued[-1] + 1
        assert store.db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


def test_the_refuse_limit_is_measured_on_the_real_filesystem(tiny_fs: Path, clock: ManualClock, config: Config,
                                                             catalog: Catalog) -> None:
    store = Store.open(tiny_fs / "data", clock)
    try:
        limits = StorageConfig(disk_warn_mib=3, disk_refuse_mib=2)
        desk = TicketDesk(store, config.with_overrides(storage=limits), catalog)
        assert disk_report(tiny_fs, limits).state is not DiskState.FULL
        filler = fill(tiny_fs, leave_bytes=1 * MIB)
        assert disk_report(tiny_fs, limits).state is DiskState.FULL
        before = counts(store)
        with pytest.raises(StoreFull, match="disk_refuse_mib = 2"):
            desk.issue("consultation", "ru")
        assert counts(store) == before
        filler.unlink()
        assert desk.issue("consultation", "ru").display == "К001"
    finally:
        store.close()
