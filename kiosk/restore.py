"""``main.py restore FILE``: put a backup back as ``DATA_DIR/kiosk.db``, keeping numbering safe.

Steps, all under the data folder's lock (:mod:`kiosk.datalock`), so it
refuses while the kiosk runs and the kiosk cannot start half-way through:

1. The backup is copied (backup API) to ``DATA_DIR/kiosk.db.restoring`` and
   the copy checked: ``PRAGMA integrity_check``, the kiosk's tables, no
   migration this version does not know, no tickets of another kiosk. Older
   schemas are migrated forward.
2. What must never go backwards is **carried forward** from the current
   database into the copy (see below); the current database is first
   checkpointed into one file.
3. The current database is kept as ``kiosk.db.before-restore-<UTC time>``
   (hard-linked, never deleted) and the copy atomically renamed over
   ``kiosk.db``: at every moment ``kiosk.db`` is either the old database or
   the new one, whole.
4. An ``audit`` entry ``store.restored`` is written (and sent to the server).

Why carry anything forward. A backup is older than the database it
replaces: the tickets issued since (and their ratings) are not in it, which is
what a restore means. But the ``counters`` table in it is older too, and the
kiosk numbers from it: restoring last night's backup at noon would hand out
«П001» again, a number a visitor already holds. So are ``last_business_day``
(the day never moves back), the outbox's ``seq`` (the server compares it to
spot its own restores and to pick the latest heartbeat) and the events not in
the backup (the server must still hear of tickets given out, even if the
kiosk forgets them). Carried forward, each as the larger or newer of the two:

* ``counters``: per business day and letter, the higher ``last_number``;
* ``kiosk_state.last_business_day``: the later day;
* ``outbox``: every event missing from the backup, with its id, seq and state,
  and the seq counter (``sqlite_sequence``) at the higher value;
* ``queue_state``: the current wait-estimate replay (it counts the people
  actually waiting);
* ``admin_pins`` and the PIN lockout: a PIN changed since the backup must not
  come back.

Everything else (tickets, ratings, pauses, the banner, the server cache)
is the backup's. When the current database cannot be read, nothing can be
carried forward and the restore refuses unless ``force`` is given.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from kiosk.admin.pins import KEY_FAILURES, KEY_LOCKED_UNTIL
from kiosk.audit import STORE_RESTORED, record_action
from kiosk.backup import copy_database, fsync_dir, fsync_file, integrity, open_existing, same_owner_as
from kiosk.clock import Clock
from kiosk.datalock import DataDirBusy, DataDirLock
from kiosk.migrations import migrations
from kiosk.store import DB_NAME, Store, StoreError, write_error
from kiosk.tickets import LAST_DAY_KEY

STAGING_NAME = DB_NAME + ".restoring"
ASIDE_LABEL = "before-restore"
REQUIRED_TABLES = ("tickets", "counters", "kiosk_state", "outbox", "_sqlite_migrations")
_CARRIED_STATE = (LAST_DAY_KEY, KEY_FAILURES, KEY_LOCKED_UNTIL)


class RestoreError(Exception):
    """The restore did not happen (nothing was changed); ``str()`` is one line saying why."""


@dataclass(frozen=True)
class CarriedCounter:
    business_day: str
    prefix: str
    backup_last: int | None  # None: the backup had no tickets of this letter that day
    last_number: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    moved_aside: Path | None  # None when there was no database to replace
    tickets: int
    counters: tuple[CarriedCounter, ...] = ()  # the counters the backup had lower
    events_carried: int = 0
    forced: bool = False
    warnings: tuple[str, ...] = field(default=())


@dataclass
class _Current:
    """What is read from the database being replaced."""

    counters: list[tuple[str, str, int]]
    state: dict[str, str]
    outbox_columns: list[str]
    outbox: list[tuple[object, ...]]
    outbox_seq: int
    queue_state: list[tuple[str, str, str]]
    admin_pins: list[tuple[str, str, str]]


def restore_database(data_dir: Path, backup_file: Path, clock: Clock, kiosk_id: str, *,
                     force: bool = False) -> RestoreResult:
    """Replace ``DATA_DIR/kiosk.db`` by ``backup_file`` (see the module docstring).

    Args:
        data_dir: the kiosk's data folder.
        backup_file: a backup made by ``main.py backup`` (or any copy of a kiosk database).
        clock: names the moved-aside file and times the audit entry.
        kiosk_id: this kiosk; a backup holding another kiosk's tickets is refused.
        force: restore even when the current database cannot be read (today's
            numbers may then be given out again) or the backup is another kiosk's.

    Raises:
        RestoreError: refused or failed; the current database is untouched.
    """
    try:
        lock = DataDirLock.acquire(data_dir)
    except DataDirBusy as busy:
        raise RestoreError(f"the kiosk is running ({busy.path} is locked"
                           f"{', process ' + busy.holder if busy.holder else ''}): stop it first, "
                           "e.g. systemctl stop mfc-kiosk") from None
    except StoreError as exc:
        raise RestoreError(str(exc)) from None
    with lock:
        return _restore_locked(data_dir, backup_file, clock, kiosk_id, force)


def _restore_locked(data_dir: Path, backup_file: Path, clock: Clock, kiosk_id: str, force: bool) -> RestoreResult:
    if not backup_file.is_file():
        raise RestoreError(f"{backup_file} is not a file")
    current_path = data_dir / DB_NAME
    if backup_file.resolve() == current_path.resolve():
        raise RestoreError(f"{backup_file} is the kiosk's own database; name a backup")
    staging = data_dir / STAGING_NAME
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()  # left by a restore that was killed
    warnings: list[str] = []
    try:
        _stage(backup_file, staging)
        conn = open_existing(staging)
        try:
            tickets, others = _check_staged(conn, kiosk_id)
            if others:
                if not force:
                    raise RestoreError(f"{backup_file} holds tickets of another kiosk ({', '.join(others)}), "
                                       f"not of {kiosk_id}; restore with --force if that is meant")
                warnings.append(f"the backup holds tickets of another kiosk: {', '.join(others)}")
            # Only now, with the backup found good, is the current database touched (checkpointed).
            current = _read_current(current_path) if current_path.exists() else None
            if current is None and current_path.exists():
                if not force:
                    raise RestoreError(f"{current_path} cannot be read, so today's ticket numbers cannot be "
                                       "carried forward; restore with --force to accept that numbers given "
                                       "out today may be given out again")
                warnings.append(f"{current_path} could not be read: nothing was carried forward")
            counters, events = _carry_forward(conn, current) if current is not None else ((), 0)
        finally:
            conn.close()
        verdict = integrity(staging)
        if verdict != "ok":
            raise RestoreError(f"the restored copy failed its integrity check ({verdict})")
        same_owner_as(staging, data_dir)  # restored by root, still the kiosk's
        fsync_file(staging)
        aside = _swap(current_path, staging, clock)
    except RestoreError:
        _discard(staging)
        raise
    except sqlite3.Error as exc:
        _discard(staging)
        raise RestoreError(f"cannot restore {backup_file}: {write_error(exc, 'the database said')}") from None
    except OSError as exc:
        _discard(staging)
        raise RestoreError(f"cannot restore {backup_file}: {exc.strerror or exc}") from None
    result = RestoreResult(restored_from=backup_file, moved_aside=aside, tickets=tickets, counters=counters,
                           events_carried=events, forced=force, warnings=tuple(warnings))
    try:
        _audit(data_dir, clock, result)
    except StoreError as exc:
        result = replace(result, warnings=(*result.warnings, f"the restore was not audited: {exc}"))
    return result


def _stage(backup_file: Path, staging: Path) -> None:
    """Copy the backup next to the kiosk's database; the copy is what gets checked and placed."""
    try:
        # immutable: read the file as it is, taking no lock and writing nothing beside it.
        source = sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise RestoreError(f"{backup_file} cannot be opened: {exc}") from None
    try:
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        source.close()
        raise RestoreError(f"{backup_file} is not a kiosk database ({exc})") from None
    try:
        verdict = "; ".join(str(r[0]) for r in source.execute("PRAGMA integrity_check").fetchall())
        if verdict != "ok":
            raise RestoreError(f"{backup_file} failed its integrity check ({verdict}); choose another backup")
        copy_database(source, staging)
    finally:
        source.close()


def _check_staged(conn: sqlite3.Connection, kiosk_id: str) -> tuple[int, list[str]]:
    """The staged copy is a kiosk database this version can run; bring its schema up to date.

    Returns:
        (how many tickets it holds, the other kiosks' ids among its tickets).
    """
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise RestoreError(f"not a kiosk database: no table {', '.join(missing)}")
    db = sqlite_utils.Database(conn)
    known = {m.name for m in migrations.pending(sqlite_utils.Database(memory=True))}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise RestoreError(f"the backup comes from a newer kiosk version (migration {', '.join(unknown)}); "
                           "restore it with that version")
    migrations.apply(db)
    others = sorted({str(r[0]) for r in conn.execute("SELECT DISTINCT kiosk_id FROM tickets")} - {kiosk_id})
    tickets = int(conn.execute("SELECT count(*) FROM tickets").fetchone()[0])
    return tickets, others


def _read_current(path: Path) -> _Current | None:
    """Read what is carried forward, and checkpoint the database into its main file.

    Returns:
        None when the database cannot be read (damaged, not a database).
    """
    try:
        conn = open_existing(path)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        columns = [str(r[1]) for r in conn.execute("PRAGMA table_info(outbox)")]
        seq_row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
        marks = ", ".join("?" * len(_CARRIED_STATE))
        current = _Current(
            counters=[(str(d), str(p), int(n)) for d, p, n in
                      conn.execute("SELECT business_day, prefix, last_number FROM counters")],
            state={str(k): str(v) for k, v in conn.execute(
                f"SELECT key, value FROM kiosk_state WHERE key IN ({marks})", _CARRIED_STATE)},
            outbox_columns=columns,
            outbox=[tuple(r) for r in conn.execute(
                f"SELECT {', '.join(columns)} FROM outbox ORDER BY seq")],
            outbox_seq=int(seq_row[0]) if seq_row else 0,
            queue_state=[(str(d), str(c), str(f)) for d, c, f in
                         conn.execute("SELECT business_day, category_id, free_times FROM queue_state")],
            admin_pins=[(str(r), str(h), str(s)) for r, h, s in
                        conn.execute("SELECT role, hash, set_utc FROM admin_pins")],
        )
    except sqlite3.DatabaseError:
        conn.close()
        return None
    try:
        # Everything into the main file, so the file linked aside is whole by itself. Closing the
        # last connection would do it too, but not while another reader (an export, a backup)
        # has the database open: then the WAL stays, and _swap sets it aside with its database.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass
    finally:
        conn.close()
    return current


def _carry_forward(conn: sqlite3.Connection, current: _Current) -> tuple[tuple[CarriedCounter, ...], int]:
    """Write what must not go backwards into the staged copy, in one transaction."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        raised = []
        for day, prefix, number in current.counters:
            row = conn.execute("SELECT last_number FROM counters WHERE business_day = ? AND prefix = ?",
                               (day, prefix)).fetchone()
            backup_last = None if row is None else int(row[0])
            if backup_last is None or backup_last < number:
                conn.execute("INSERT INTO counters (business_day, prefix, last_number) VALUES (?, ?, ?) "
                             "ON CONFLICT (business_day, prefix) DO UPDATE SET last_number = excluded.last_number",
                             (day, prefix, number))
                raised.append(CarriedCounter(day, prefix, backup_last, number))
        for key, value in current.state.items():
            if key == LAST_DAY_KEY:
                row = conn.execute("SELECT value FROM kiosk_state WHERE key = ?", (key,)).fetchone()
                if row is not None and str(row[0]) >= value:  # ISO dates compare as text
                    continue
            Store.set_state(conn, key, value)
        events = _carry_outbox(conn, current)
        for day, category, free_times in current.queue_state:
            conn.execute("INSERT INTO queue_state (business_day, category_id, free_times) VALUES (?, ?, ?) "
                         "ON CONFLICT (business_day, category_id) DO UPDATE SET free_times = excluded.free_times",
                         (day, category, free_times))
        if current.admin_pins:
            conn.execute("DELETE FROM admin_pins")
            conn.executemany("INSERT INTO admin_pins (role, hash, set_utc) VALUES (?, ?, ?)", current.admin_pins)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return tuple(raised), events


def _carry_outbox(conn: sqlite3.Connection, current: _Current) -> int:
    """The current events missing from the backup, with their seq; the seq counter never goes back."""
    columns = [c for c in current.outbox_columns
               if c in {str(r[1]) for r in conn.execute("PRAGMA table_info(outbox)")}]
    have = {str(r[0]) for r in conn.execute("SELECT id FROM outbox")}
    index = {name: i for i, name in enumerate(current.outbox_columns)}
    carried = 0
    for row in current.outbox:
        if str(row[index["id"]]) in have:
            continue
        values = [row[index[c]] for c in columns]
        seq = row[index["seq"]]
        if conn.execute("SELECT 1 FROM outbox WHERE seq = ?", (seq,)).fetchone() is not None:
            # Not this kiosk's lineage (a forced restore): the event gets a new place at the end.
            values[columns.index("seq")] = None
        conn.execute(f"INSERT INTO outbox ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values)
        carried += 1
    top = max([current.outbox_seq, *(int(str(r[index["seq"]])) for r in current.outbox)], default=0)
    if conn.execute("SELECT 1 FROM sqlite_sequence WHERE name = 'outbox'").fetchone() is None:
        conn.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)", (top,))
    else:
        conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'", (top,))
    return carried


def _swap(current_path: Path, staging: Path, clock: Clock) -> Path | None:
    """Keep the current database aside and put the staged copy in its place, atomically."""
    folder = current_path.parent
    if not current_path.exists():
        os.replace(staging, current_path)
        fsync_dir(folder)
        return None
    stamp = clock.now_utc().strftime("%Y%m%dT%H%M%SZ")
    aside = current_path.with_name(f"{current_path.name}.{ASIDE_LABEL}-{stamp}")
    if aside.exists():
        raise RestoreError(f"{aside} exists already; try again in a second")
    # A -wal left beside kiosk.db (the current one could not be checkpointed) would be
    # replayed into the restored file: it goes aside with its database.
    for suffix in ("-wal", "-shm"):
        part = Path(str(current_path) + suffix)
        if part.exists():
            part.rename(Path(str(aside) + suffix))
    try:
        os.link(current_path, aside)
    except OSError:
        os.rename(current_path, aside)  # a filesystem without hard links: a moment without kiosk.db
    os.replace(staging, current_path)
    fsync_dir(folder)
    return aside


def _discard(staging: Path) -> None:
    for suffix in ("", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(staging) + suffix).unlink()


def _audit(data_dir: Path, clock: Clock, result: RestoreResult) -> None:
    """Record the restore in the restored database (an audit row and its event for the server)."""
    store = Store.open(data_dir, clock)
    try:
        record_action(store, None, STORE_RESTORED, {
            "backup": result.restored_from.name,
            "moved_aside": result.moved_aside.name if result.moved_aside else None,
            "tickets": result.tickets, "counters_carried": len(result.counters),
            "events_carried": result.events_carried, "forced": result.forced})
    finally:
        store.close()
