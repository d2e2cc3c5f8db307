"""``main.py backup``: an online copy of ``DATA_DIR/kiosk.db``, checked, with a bounded history.

The copy is made with SQLite's backup API, which reads one consistent
snapshot while the kiosk goes on issuing tickets (WAL readers do not block
the writer), into ``DATA_DIR/backups/kiosk-YYYYMMDDTHHMMSSZ.db`` (UTC). It is
written under a hidden ``.partial`` name, switched to a self-contained
rollback-journal file (no ``-wal`` beside it), flushed to disk, opened again
and passed through ``PRAGMA integrity_check``; only then does it get its
real name. A backup that fails any step leaves nothing behind but its error.

The folder is mode 0700 and every backup 0600: the database holds ratings'
comments typed by visitors.

Retention: after a good backup, only the newest ``storage.backup_keep``
backups stay (the one just written always among them, even if the clock went
back); files of any other name in the folder are never touched. The systemd
timer ``deploy/systemd/mfc-kiosk-backup.timer`` runs this nightly, so the
default of 14 keeps two weeks. ``main.py restore`` (:mod:`kiosk.restore`)
puts one back.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.clock import Clock
from kiosk.store import DB_NAME, write_error

BACKUP_DIR = "backups"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
BACKUP_NAME_RE = re.compile(r"kiosk-\d{8}T\d{6}Z\.db")
BUSY_TIMEOUT_MS = 10_000


class BackupError(Exception):
    """The backup could not be made; ``str()`` is one line saying why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    tickets: int
    removed: tuple[Path, ...]  # older backups deleted by retention


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def list_backups(data_dir: Path) -> list[Path]:
    """The backups in ``DATA_DIR/backups``, oldest first (their names sort by time)."""
    folder = backup_dir(data_dir)
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return []
    return [folder / name for name in sorted(names) if BACKUP_NAME_RE.fullmatch(name)]


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a database file, opened read-only: ``"ok"`` or the problems found
    (a file too damaged, or not a database at all, gives SQLite's error)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return "; ".join(str(row[0]) for row in rows) or "no answer"


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open database into a new file ``target`` (mode 0600) with the backup API.

    The copy uses a rollback journal, so it is one self-contained file, and is
    flushed to disk before this returns.

    Raises:
        FileExistsError: ``target`` exists.
        sqlite3.Error: the copy failed (SQLITE_FULL on a full disk, ...).
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
        # The source is in WAL mode and the copy inherits it; a backup is one file.
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    fsync_file(target)


def same_owner_as(path: Path, reference: Path) -> None:
    """Run as root (an operator's ``sudo mfc-kiosk …``), give ``path`` to ``reference``'s owner.

    Otherwise a backup folder or a restored database made by root could not be
    used by the kiosk's own user (the nightly timer, the kiosk itself).
    """
    if os.geteuid() == 0:
        owner = reference.stat()
        os.chown(path, owner.st_uid, owner.st_gid)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_existing(path: Path) -> sqlite3.Connection:
    """A connection to an existing database (never creates one), in autocommit mode."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def backup_database(data_dir: Path, clock: Clock, keep: int) -> BackupResult:
    """Back up ``DATA_DIR/kiosk.db`` online, check the copy, then apply retention.

    Args:
        data_dir: the kiosk's data folder.
        clock: names the backup (UTC).
        keep: how many backups to keep, the new one included (``storage.backup_keep``).

    Raises:
        BackupError: no database, the folder cannot be written, the disk is full,
            or the copy failed its check. Nothing is left of a failed backup.
    """
    source_path = data_dir / DB_NAME
    if not source_path.is_file():
        raise BackupError(f"no database to back up at {source_path}")
    folder = backup_dir(data_dir)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        os.chmod(folder, 0o700)  # also when it existed with a looser mode
        same_owner_as(folder, data_dir)
    except OSError as exc:
        raise BackupError(f"cannot prepare {folder}: {exc.strerror}") from None
    target = folder / f"kiosk-{clock.now_utc().strftime(STAMP_FORMAT)}.db"
    if target.exists():
        raise BackupError(f"{target} exists already (one backup per second at most)")
    partial = folder / f".{target.name}.partial"
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()  # left by a backup that was killed
    try:
        source = open_existing(source_path)
        try:
            copy_database(source, partial)
        finally:
            source.close()
        verdict = integrity(partial)
        if verdict != "ok":
            raise BackupError(f"the copy of {source_path} failed its integrity check ({verdict}); "
                              "the database itself may be damaged")
        tickets = _count_tickets(partial)
        same_owner_as(partial, data_dir)
        os.rename(partial, target)
        fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if isinstance(exc, sqlite3.Error):
            raise BackupError(f"cannot back up {source_path} to {folder}: "
                              f"{write_error(exc, 'the copy failed')}") from None
        if isinstance(exc, OSError):
            raise BackupError(f"cannot back up {source_path} to {folder}: {exc.strerror or exc}") from None
        raise
    removed = prune_backups(data_dir, keep, spare=target)
    return BackupResult(path=target, size_bytes=target.stat().st_size, tickets=tickets, removed=tuple(removed))


def prune_backups(data_dir: Path, keep: int, spare: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups; ``spare`` is always kept and counts as one.

    Returns:
        The files deleted.
    """
    others = [path for path in list_backups(data_dir) if path != spare]
    room = max(0, keep - (1 if spare is not None else 0))
    doomed = others[:max(0, len(others) - room)]
    removed = []
    for path in doomed:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def _count_tickets(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # a store that never issued a ticket may predate the table
    finally:
        conn.close()
