"""Free space on the data folder's filesystem, against the kiosk's two limits.

``[storage]`` in the config sets them (:class:`kiosk.config.StorageConfig`):
below ``disk_warn_mib`` free the state is :attr:`DiskState.LOW` (admin mode's
*Today* tab warns, the heartbeat says so); below ``disk_refuse_mib`` it is
:attr:`DiskState.FULL` and :meth:`kiosk.tickets.TicketDesk.issue` refuses new
tickets with :class:`kiosk.store.StoreFull` before it writes anything, so the
last megabytes stay for the ratings, the audit trail and the outbox of tickets
already given out. A write that still meets a full disk fails with SQLITE_FULL,
which the store turns into the same :class:`~kiosk.store.StoreFull`.

Measuring is one ``statvfs`` call: cheap enough for every ticket.
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.config import MIB, StorageConfig
from kiosk.store import StoreFull


class DiskState(enum.Enum):
    """How the free space compares with the limits; the value travels in the heartbeat."""

    OK = "ok"
    LOW = "low"  # below storage.disk_warn_mib: tell the operator
    FULL = "full"  # below storage.disk_refuse_mib: no new tickets
    UNKNOWN = "unknown"  # the folder could not be measured


class _Usage(Protocol):
    @property
    def free(self) -> int: ...

    @property
    def total(self) -> int: ...


DiskUsage = Callable[[Path], _Usage]


@dataclass(frozen=True)
class DiskReport:
    """The free space of the data folder's filesystem, and what it means."""

    path: Path
    state: DiskState
    free_bytes: int | None  # None when it could not be measured
    total_bytes: int | None
    warn_bytes: int
    refuse_bytes: int

    @property
    def free_mib(self) -> int | None:
        return None if self.free_bytes is None else self.free_bytes // MIB


def disk_state(free_bytes: int | None, limits: StorageConfig) -> DiskState:
    """The state for this much free space."""
    if free_bytes is None:
        return DiskState.UNKNOWN
    if free_bytes < limits.refuse_bytes:
        return DiskState.FULL
    if free_bytes < limits.warn_bytes:
        return DiskState.LOW
    return DiskState.OK


def disk_report(path: Path, limits: StorageConfig, usage: DiskUsage = shutil.disk_usage) -> DiskReport:
    """Measure the filesystem that holds ``path`` (the data folder)."""
    free: int | None
    total: int | None
    try:
        measured = usage(path)
        free, total = int(measured.free), int(measured.total)
    except OSError:
        free = total = None
    return DiskReport(path=path, state=disk_state(free, limits), free_bytes=free, total_bytes=total,
                      warn_bytes=limits.warn_bytes, refuse_bytes=limits.refuse_bytes)


def ensure_room(path: Path, limits: StorageConfig, usage: DiskUsage = shutil.disk_usage) -> DiskReport:
    """Check there is room for a new ticket.

    A folder that cannot be measured does not stop the kiosk: the write itself
    then finds out, and a full disk fails it with SQLITE_FULL.

    Raises:
        StoreFull: less than ``storage.disk_refuse_mib`` free.
    """
    report = disk_report(path, limits, usage)
    if report.state is DiskState.FULL:
        raise StoreFull(f"only {report.free_mib} MiB free for {path}, below storage.disk_refuse_mib = "
                        f"{limits.disk_refuse_mib}: no new tickets until space is freed")
    return report
