"""What an operator needs to know about a kiosk box: identity, version, paths,
disk, database size and the end of the log."""

from __future__ import annotations

import collections
import shutil
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.config import Config
from kiosk.store import DB_NAME

LOG_RELATIVE = Path("logs") / "kiosk.log"
LOG_TAIL_LINES = 200


@dataclass(frozen=True)
class HealthReport:
    kiosk_id: str
    centre_id: str
    version: str
    config_path: str
    data_dir: Path
    db_path: Path
    db_bytes: int  # the database with its WAL and shared-memory files
    disk_free_bytes: int | None  # None when the folder cannot be measured
    disk_total_bytes: int | None
    log_path: Path


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def health_report(config: Config, data_dir: Path) -> HealthReport:
    """Measure the kiosk now (a few ``stat`` calls; cheap enough for the GUI thread)."""
    db_path = data_dir / DB_NAME
    free: int | None
    total: int | None
    try:
        usage = shutil.disk_usage(data_dir)
        free, total = int(usage.free), int(usage.total)
    except OSError:
        free = total = None
    db_bytes = sum(_size(Path(str(db_path) + suffix)) for suffix in ("", "-wal", "-shm"))
    return HealthReport(
        kiosk_id=config.kiosk_id, centre_id=config.centre_id, version=__version__,
        config_path=config.source, data_dir=data_dir, db_path=db_path, db_bytes=db_bytes,
        disk_free_bytes=free, disk_total_bytes=total, log_path=data_dir / LOG_RELATIVE)


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> list[str]:
    """The last ``lines`` lines of a text file (empty when it is missing or unreadable).

    Reads forward through the file keeping a bounded window: the log rotates
    at 1 MiB, so this stays quick.
    """
    try:
        with path.open("r", encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in collections.deque(handle, maxlen=lines)]
    except OSError:
        return []
