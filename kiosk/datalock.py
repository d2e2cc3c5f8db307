"""One running kiosk per data folder: an exclusive ``flock`` on ``DATA_DIR/kiosk.lock``.

The kiosk takes the lock when it starts and holds it until it stops;
``main.py restore`` takes the same lock, so it refuses while the kiosk runs,
and a kiosk started during a restore refuses to start until it is done.

``flock`` belongs to the open file, and the kernel drops it when the process
ends however it ends (SIGKILL, power loss), so a crash never leaves a stale
lock behind: the file itself stays, and means nothing without the lock. The
file holds the holder's process id, for an operator's eyes only.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from kiosk.store import StoreError

LOCK_NAME = "kiosk.lock"


class DataDirBusy(StoreError):
    """Another process (the running kiosk, or a restore) holds the data folder's lock."""

    def __init__(self, path: Path, holder: str) -> None:
        shown = f" (process {holder})" if holder else ""
        super().__init__(f"{path} is held by another process{shown}: the kiosk is running, "
                         "or a restore is under way")
        self.path = path
        self.holder = holder


class DataDirLock:
    """The lock on a data folder, held from :meth:`acquire` until :meth:`release`.

    Use it as a context manager, or keep it for the life of the process.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: Path) -> DataDirLock:
        """Take the lock without waiting.

        Raises:
            DataDirBusy: another process holds it.
            StoreError: the folder or the lock file cannot be made.
        """
        path = data_dir / LOCK_NAME
        try:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Non-inheritable (the default): os.execv on restart closes it, so the new
            # process can take the lock again.
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot make the lock file {path}: {exc.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise DataDirBusy(path, holder) from None
        except OSError as exc:
            os.close(fd)
            raise StoreError(f"cannot lock {path}: {exc.strerror}") from None
        try:
            if os.geteuid() == 0:  # made by root (a restore under sudo): the kiosk's user must open it too
                owner = data_dir.stat()
                os.fchown(fd, owner.st_uid, owner.st_gid)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # owner and pid are courtesies; the lock is what counts (a full disk must not stop a start)
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let go of the lock (closing the file drops it); harmless when already released."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __del__(self) -> None:
        # Only a fallback (an owner that failed half-way through its start); owners release.
        self.release()

    def __enter__(self) -> DataDirLock:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
