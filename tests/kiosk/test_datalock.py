"""One process per data folder: the lock is exclusive, says who holds it, and dies with its holder."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import PROJECT_ROOT
from kiosk.datalock import LOCK_NAME, DataDirBusy, DataDirLock
from kiosk.store import StoreError
from tests.support import wait_for_line


def test_the_lock_is_exclusive_until_released(tmp_path: Path) -> None:
    data = tmp_path / "data"  # made on the way
    first = DataDirLock.acquire(data)
    with pytest.raises(DataDirBusy) as busy:
        DataDirLock.acquire(data)
    assert isinstance(busy.value, StoreError)  # main.py's "cannot start" path
    assert busy.value.path == data / LOCK_NAME
    first.release()
    first.release()  # twice is harmless
    with DataDirLock.acquire(data) as again:
        assert again.held
    assert not again.held
    DataDirLock.acquire(data).release()


def test_a_killed_holder_never_leaves_a_stale_lock(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path\n"
            "from kiosk.datalock import DataDirLock\n"
            "lock = DataDirLock.acquire(Path(sys.argv[2]))\n"
            "print('locked', file=sys.stderr, flush=True)\n"
            "sys.stdin.read()\n")
    holder = subprocess.Popen([sys.executable, "-c", code, str(PROJECT_ROOT), str(data)],
                              stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_line(holder, "locked", timeout=30)
        with pytest.raises(DataDirBusy, match=f"process {holder.pid}"):
            DataDirLock.acquire(data)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        assert holder.stdin is not None and holder.stderr is not None
        holder.stdin.close()
        holder.stderr.close()
    assert (data / LOCK_NAME).exists()  # the file stays; without its flock it means nothing
    DataDirLock.acquire(data).release()
