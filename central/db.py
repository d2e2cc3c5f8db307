"""Where the server's data lives: SQLite for one machine, PostgreSQL for a city.

``--db`` names the database in one of two forms:

* a file path (``central.db``, ``/var/lib/mfc-central/central.db``): SQLite,
  the default, for a single machine and for the tests' quick loop;
* a ``postgresql://user@host/dbname`` URL (``postgresql+psycopg://`` too):
  PostgreSQL through psycopg 3, for production with several server processes.

Both speak through SQLAlchemy Core, with one schema kept by Alembic migrations
(``central/migrations``), so every statement in :mod:`central.store` is plain
SQL that both engines understand (``INSERT … ON CONFLICT DO NOTHING``,
``RETURNING``, savepoints).

Transactions. On SQLite a request reads in an ordinary transaction; on
PostgreSQL each read statement runs on its own (autocommit), which spares the
``BEGIN`` and ``ROLLBACK`` round trips of every kiosk's GET. A write opens its
transaction with :meth:`Database.write`. On SQLite that is ``BEGIN IMMEDIATE``,
which takes the write lock up front (a deferred reader that later upgrades to
a writer can fail with ``SQLITE_BUSY`` at once, ignoring the busy timeout), so
concurrent writers queue politely and reads never take the lock. SQLite keeps
``journal_mode=WAL`` with ``synchronous=FULL``: an answer ``accepted`` survives
a power cut. pysqlite's own transaction handling is switched off so that the
``BEGIN`` is ours (SQLAlchemy's documented recipe for savepoints).

Writers on one SQLite file take turns at a :class:`WriteGate` before their
``BEGIN IMMEDIATE``: a lock in the process and an exclusive ``flock`` on a
file beside the database (``central.db.writelock``) between processes.
SQLite's own busy handler polls: a writer that finds the lock taken sleeps
1, 2, 5 … up to 100 ms and tries again, so under load a writer may wait far
longer than the holder needed, and newcomers overtake it (measured with
1,500 kiosks on two workers: p99 769 ms, slowest 2.9 s). The kernel wakes
a waiter of ``flock`` as soon as the lock is free. SQLite's lock still
guards against any program that does not use the gate.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import re
import select
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, CursorResult, Engine

# A writer waits this long for the lock before SQLite gives up; the app then
# answers 503 storage_busy so the kiosk retries later.
BUSY_TIMEOUT_SECONDS = 15.0

log = logging.getLogger("central.db")

# SQLite copies its write-ahead log back into the database file (a checkpoint)
# inside whichever commit pushes the log past ``wal_autocheckpoint`` pages, 1,000
# by default. A batch of 200 events changes some 350 pages (two indexes on random
# UUIDs), so every third request paid for a checkpoint, and each one wrote the same
# hot index pages again. In ``serve`` a :class:`Checkpointer` thread does it once a
# second instead, off every request; the request connections only step in past
# WAL_BACKSTOP_PAGES (about 40 MB), should that thread fall behind or be absent.
# Measured in-process with 100,000 events in batches of 200: 24-29 ms a batch with
# the default, 16-19 ms this way.
WAL_BACKSTOP_PAGES = 10_000
CHECKPOINT_INTERVAL_S = 1.0

# On PostgreSQL a read is one statement on its own (each sees the data committed before
# it); several statements that must agree go inside Database.write(), which is a
# transaction at PostgreSQL's default level.
PG_READ_ISOLATION = "AUTOCOMMIT"
PG_WRITE_ISOLATION = "READ COMMITTED"

_PG_PREFIXES = ("postgresql://", "postgresql+psycopg://", "postgres://")


@dataclass(frozen=True)
class Target:
    """A database as ``--db`` named it."""

    url: str  # the SQLAlchemy URL
    sqlite_path: Path | None  # the file, for SQLite

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    def describe(self) -> str:
        """The database for messages: the file, or the URL without its password."""
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return sa.make_url(self.url).render_as_string(hide_password=True).replace("postgresql+psycopg", "postgresql")


def target(db: str | Path | Target) -> Target:
    """Parse ``--db``: a ``postgresql://`` URL or a path to an SQLite file."""
    if isinstance(db, Target):
        return db
    text = str(db)
    if text.startswith(_PG_PREFIXES):
        rest = text.split("://", 1)[1]
        return Target(url="postgresql+psycopg://" + rest, sqlite_path=None)
    if re.match(r"^[a-z][a-z0-9+.-]*://", text):
        raise ValueError(f"--db {text.split('://', 1)[0]}://...: use a file path (SQLite) or a postgresql:// URL")
    path = Path(text).expanduser().absolute()
    return Target(url=f"sqlite:///{path}", sqlite_path=path)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Our own BEGIN (see the module docstring): the driver must not start or end transactions.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
    # synchronous is a per-connection setting, so every connection sets it.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_BACKSTOP_PAGES}")
    cursor.close()


class Checkpointer:
    """Copies an SQLite database's write-ahead log back into the file, on a thread of its own.

    Every ``interval_s`` it runs a passive checkpoint on its own connection:
    it copies what no reader still needs and never waits for, or blocks, a
    writer (writers go on appending to the log meanwhile). Several processes
    may each run one; SQLite lets one checkpoint run at a time and the others
    simply try again next time. A failure is logged once until one succeeds.
    """

    def __init__(self, path: Path, interval_s: float = CHECKPOINT_INTERVAL_S) -> None:
        self.path = path
        self.interval_s = interval_s
        self.attempts = 0  # passes tried
        self.checkpoints = 0  # passes completed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)

    def start(self) -> Checkpointer:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        failing = False
        conn: sqlite3.Connection | None = None
        try:
            while not self._stop.wait(self.interval_s):
                self.attempts += 1
                try:
                    if conn is None:
                        # mode=rw: a database moved away (a restore, say) is never replaced by an empty one.
                        conn = sqlite3.connect(self.path.absolute().as_uri() + "?mode=rw", uri=True,
                                               isolation_level=None, check_same_thread=False)
                        conn.execute("PRAGMA synchronous=FULL")  # the file is synced before the log is reused
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as error:
                    if not failing:
                        log.warning("WAL checkpoint of %s failed: %s", self.path, error)
                    failing = True
                    continue
                if failing:
                    log.info("WAL checkpoint of %s works again", self.path)
                failing = False
                self.checkpoints += 1
        finally:
            if conn is not None:
                conn.close()


def start_checkpointer(db: str | Path | Target) -> Checkpointer | None:
    """A running :class:`Checkpointer` for an SQLite database; None for PostgreSQL, which needs none."""
    where = target(db)
    if where.sqlite_path is None:
        return None
    return Checkpointer(where.sqlite_path).start()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


class WriteGate:
    """One writer at a time on one SQLite file, across threads and processes.

    Re-entrant in a thread (a nested write is a savepoint of the same
    transaction). A folder where the lock file cannot be made (a read-only
    database, say) leaves only SQLite's own lock, which still keeps the data
    safe; the write itself then fails with the database's own error.

    The wait is bounded. ``flock`` itself cannot time out, so when another
    process holds the file, a helper thread waits in ``flock`` for this
    process and the writer waits on the helper. A writer that gives up (the
    app then answers 503 storage_busy) leaves the helper waiting; the next
    writer here takes over its wait, and if nobody wants the lock by the time
    the helper gets it, the helper lets it go at once. The kernel still hands
    the lock over the moment it is free: nobody polls.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".writelock")
        self._lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._unusable = False
        self._mutex = threading.Lock()  # guards the two fields below, with the helper
        self._pending: threading.Event | None = None  # set by the helper once it holds the file
        self._wanted = False  # a writer is waiting for the helper right now

    def _file(self) -> int | None:
        if self._fd is None and not self._unusable:
            try:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError as error:
                self._unusable = True
                log.warning("no write lock file %s (%s); writers wait on SQLite's lock", self.path, error.strerror)
        return self._fd

    def acquire(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        if not self._lock.acquire(timeout=timeout):
            return False
        self._depth += 1
        if self._depth == 1:
            fd = self._file()
            try:
                if fd is not None and not self._take_file(fd, deadline):
                    self._depth -= 1
                    self._lock.release()
                    return False
            except BaseException:
                self._depth -= 1
                self._lock.release()
                raise
        return True

    def _take_file(self, fd: int, deadline: float) -> bool:
        """The file lock within the deadline; the caller holds ``_lock``."""
        with self._mutex:
            pending = self._pending
            if pending is None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return True
                except BlockingIOError:
                    pending = self._pending = threading.Event()
                    threading.Thread(target=self._wait_in_flock, args=(fd, pending), name="write-gate",
                                     daemon=True).start()
            self._wanted = True
        pending.wait(max(0.0, deadline - time.monotonic()))
        with self._mutex:
            self._wanted = False
            if pending.is_set():  # the helper holds the file for us (maybe just as the wait ended)
                self._pending = None
                return True
            return False

    def _wait_in_flock(self, fd: int, pending: threading.Event) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as error:  # the descriptor closed under it (forget() after a fork)
            log.warning("write gate %s: waiting for the lock failed (%s)", self.path, error.strerror)
            with self._mutex:
                if self._pending is pending:
                    self._pending = None
            return
        with self._mutex:
            if self._wanted and self._pending is pending:
                pending.set()  # the waiting writer owns it now
                return
            if self._pending is pending:
                self._pending = None
            fcntl.flock(fd, fcntl.LOCK_UN)  # the writer gave up and nobody else asks: let it go

    def release(self) -> None:
        self._depth -= 1
        if self._depth == 0 and self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._lock.release()

    def forget(self) -> None:
        """After a fork: the parent's descriptor shares its flock with the child, so drop it."""
        self._lock = threading.RLock()
        self._mutex = threading.Lock()
        self._pending = None
        self._wanted = False
        self._depth = 0
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = None


_gates: dict[Path, WriteGate] = {}


def write_gate(path: Path) -> WriteGate:
    with _engines_lock:
        gate = _gates.get(path)
        if gate is None:
            gate = _gates[path] = WriteGate(path)
        return gate


def _forget_after_fork() -> None:
    # A forked worker (gunicorn) must not use its parent's pooled connections:
    # two processes on one PostgreSQL socket or SQLite handle corrupt each other.
    # close=False leaves them open for the parent, which still owns them.
    global _engines_lock
    _engines_lock = threading.Lock()
    for made in list(_engines.values()):
        made.dispose(close=False)
    _engines.clear()
    for gate in _gates.values():
        gate.forget()


os.register_at_fork(after_in_child=_forget_after_fork)


def engine(db: str | Path | Target) -> Engine:
    """The process's engine (and connection pool) for this database."""
    where = target(db)
    with _engines_lock:
        found = _engines.get(where.url)
        if found is not None:
            return found
        if where.is_sqlite:
            made = sa.create_engine(
                where.url,
                connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
                pool_size=8,
                max_overflow=16,
                pool_pre_ping=False,
            )
            event.listen(made, "connect", _sqlite_connect)
            event.listen(made, "begin", _sqlite_begin)
        else:
            made = sa.create_engine(
                where.url,
                pool_size=8,
                max_overflow=8,
                # Not SQLAlchemy's pre-ping, a round trip per request: _pg_checkout looks at the socket.
                pool_pre_ping=False,
                # Reads run outside a transaction (see Database.write for writes): a kiosk's GET
                # is then two round trips (token, data) instead of four with BEGIN and ROLLBACK.
                isolation_level=PG_READ_ISOLATION,
                connect_args={"connect_timeout": 10, "application_name": "mfc-central"},
            )
            event.listen(made, "checkout", _pg_checkout)
        _engines[where.url] = made
        return made


def _pg_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """Refuse a pooled PostgreSQL connection the server has ended, without asking the server.

    A restarted or failed-over PostgreSQL (or ``pg_terminate_backend``) sends a
    last message and closes its end; the idle connection's socket then has
    something to read. An idle connection in good health has nothing, so one
    ``poll`` with no wait tells them apart. :class:`DisconnectionError` makes
    the pool drop it and hand out a new one, so the request never sees it.
    """
    if dbapi_connection.closed or dbapi_connection.broken:
        raise sa.exc.DisconnectionError("the pooled connection is closed")
    probe = select.poll()
    probe.register(dbapi_connection.fileno(), select.POLLIN | select.POLLPRI)
    if probe.poll(0):
        raise sa.exc.DisconnectionError("the database server ended this pooled connection")


def dispose(db: str | Path | Target) -> None:
    """Close the pooled connections of this database (a server stopping, a test ending)."""
    try:
        url = target(db).url
    except ValueError:
        return  # never a database, so nothing was opened
    with _engines_lock:
        made = _engines.pop(url, None)
    if made is not None:
        made.dispose()


def dispose_all() -> None:
    with _engines_lock:
        made = list(_engines.values())
        _engines.clear()
    for one in made:
        one.dispose()


Params = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None


@functools.lru_cache(maxsize=512)
def text(sql: str) -> sa.TextClause:
    """The statement for ``sql``, built once: a request runs the same few texts over and
    over, and building one (a regular expression over the text for its parameters) costs
    about as much as SQLAlchemy's compiled-cache lookup that follows. A clause is never
    changed once built, so every thread may share it."""
    return sa.text(sql)


class Database:
    """One connection for one unit of work (a request, a CLI command)."""

    def __init__(self, conn: Connection, where: Target) -> None:
        self.conn = conn
        self.target = where

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    def execute(self, sql: str | sa.Executable, params: Params = None) -> CursorResult[*tuple[Any, ...]]:
        """Run one statement (text with ``:name`` parameters, or a Core construct)."""
        statement = text(sql) if isinstance(sql, str) else sql
        if params is None:
            return self.conn.execute(statement)
        if isinstance(params, Mapping):
            return self.conn.execute(statement, dict(params))
        return self.conn.execute(statement, [dict(p) for p in params])

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        return self.execute(sql, params).scalar()

    def end_read(self) -> None:
        """End the read transaction the last statements began, if any."""
        if self.conn.in_transaction() and not self.conn.info.get("write"):
            self.conn.rollback()

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """A write transaction: committed on success, rolled back on any exception.

        On SQLite it holds the write lock from its first statement. Nested use
        is a savepoint, so a caller already in a write keeps one transaction.
        """
        if self.conn.info.get("write"):
            with self.savepoint():
                yield self
            return
        self.end_read()
        gate = write_gate(self.target.sqlite_path) if self.target.sqlite_path is not None else None
        if gate is not None and not gate.acquire(timeout=BUSY_TIMEOUT_SECONDS):
            # Raised as the driver would, so the app answers 503 storage_busy as for SQLite's own timeout.
            raise sa.exc.OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))
        if not self.is_sqlite:
            # Reads are autocommitted; a write is one real transaction.
            self.conn.execution_options(isolation_level=PG_WRITE_ISOLATION)
        self.conn.info["write"] = True
        try:
            with self.conn.begin():
                yield self
        finally:
            self.conn.info["write"] = False
            if not self.is_sqlite and not self.conn.closed and not self.conn.invalidated:
                self.conn.execution_options(isolation_level=PG_READ_ISOLATION)
            if gate is not None:
                gate.release()

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[Database]:
        """A savepoint inside the current write: rolled back alone on an exception."""
        with self.conn.begin_nested():
            yield self

    def close(self) -> None:
        self.conn.close()


@contextlib.contextmanager
def connect(db: str | Path | Target) -> Iterator[Database]:
    """A connection from the pool for one unit of work, always given back."""
    where = target(db)
    conn = engine(where).connect()
    database = Database(conn, where)
    try:
        yield database
    finally:
        database.close()
