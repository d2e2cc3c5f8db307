"""The server's databases under test: an SQLite file, or a PostgreSQL the session starts.

The whole server suite (``tests/central`` and the kiosk's sync tests against
the real server) runs on both through the ``db_url`` fixture
(``tests/conftest.py``). For PostgreSQL the session makes a cluster of its own
with Debian's binaries: ``initdb`` into a temporary folder and ``pg_ctl
start`` listening only on a Unix socket in that folder, so nothing else on the
machine is touched and no port can clash. PostgreSQL refuses to run as root,
so under root (CI) the cluster runs as the unprivileged ``postgres`` user
through ``runuser``, with the folder owned by it. Each test gets a database of
its own, dropped afterwards.

Without the binaries the PostgreSQL half is skipped with the reason, except
in CI (``CI=true``), where their absence is a failure: CI installs them
(``run.sh test``).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from central import db as dbmod
from central import store

SERVICE_USER = "postgres"


def bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``pg_config --bindir``, else Debian's versioned folder."""
    config = shutil.which("pg_config")
    if config:
        found = subprocess.run([config, "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if found and (Path(found) / "initdb").exists():
            return Path(found)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def unavailable_reason() -> str | None:
    """Why no PostgreSQL can be started here, or None."""
    if bindir() is None:
        return "PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql (run.sh test does)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            return f"running as root and there is no unprivileged user {SERVICE_USER!r} to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@dataclass
class Cluster:
    """A running PostgreSQL of the test session."""

    root: Path
    socket_dir: Path
    port: int
    _names: Iterator[int]

    def url(self, dbname: str) -> str:
        return f"postgresql://{SERVICE_USER}@/{dbname}?host={self.socket_dir}&port={self.port}"

    def admin(self) -> sa.Engine:
        return sa.create_engine(
            dbmod.target(self.url("postgres")).url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool
        )

    def create_database(self) -> str:
        name = f"central_test_{next(self._names)}"
        engine = self.admin()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            engine.dispose()
        return self.url(name)

    def drop_database(self, url: str) -> None:
        dbmod.dispose(url)
        name = sa.make_url(dbmod.target(url).url).database
        engine = self.admin()
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            engine.dispose()


def _as_service_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVICE_USER, "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    # Only names the socket file (listen_addresses is empty); any number not in use nearby does.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def cluster(*, durable: bool = False) -> Iterator[Cluster]:
    """Start a private PostgreSQL; stopped and deleted on exit.

    ``durable=False`` (tests) turns fsync off: a crash of the test machine
    loses nothing anyone needs, and every commit is much faster. Benchmarks
    pass ``durable=True`` to measure what production pays.
    """
    folder = bindir()
    assert folder is not None, unavailable_reason()
    root = Path(tempfile.mkdtemp(prefix="central-pg-"))
    data, socket_dir = root / "data", root / "run"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        user = pwd.getpwnam(SERVICE_USER)
        for path in (root, socket_dir):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = _free_port()
    log = root / "postgres.log"
    try:
        subprocess.run(
            _as_service_user(
                [str(folder / "initdb"), "-D", str(data), "-U", SERVICE_USER, "-A", "trust", "-E", "UTF8",
                 "--no-sync", "--locale=C"]
            ),
            check=True,
            capture_output=True,
            text=True,
        )
        options = [
            f"-k {socket_dir}",
            f"-p {port}",
            "-c listen_addresses=''",
            "-c max_connections=300",
            "-c shared_buffers=64MB",
        ]
        if not durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        started = subprocess.run(
            _as_service_user(
                [str(folder / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(data), "-l", str(log),
                 "-o", " ".join(options)]
            ),
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode != 0:
            text = log.read_text(errors="replace") if log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stdout}{started.stderr}\n{text[-2000:]}")
        try:
            yield Cluster(root=root, socket_dir=socket_dir, port=port, _names=itertools.count(1))
        finally:
            dbmod.dispose_all()
            subprocess.run(
                _as_service_user([str(folder / "pg_ctl"), "stop", "-D", str(data), "-m", "immediate", "-w"]),
                capture_output=True,
                check=False,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


# --------------------------------------------------------------------------
# looking into a server database from a test, whichever engine holds it


def rows(db: str | Path, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
    """The rows of one query (``:name`` parameters) on the server database ``db``."""
    with store.connection(db) as conn:
        return [tuple(r) for r in conn.execute(sql, params or {})]


def execute(db: str | Path, sql: str) -> None:
    """Run one statement in its own committed transaction."""
    with store.connection(db) as conn, conn.write():
        conn.execute(sql)


def dump_text(db: str | Path) -> str:
    """Every row of every table as text: what someone with a copy of the database would see."""
    lines = []
    with store.connection(db) as conn:
        for table in sa.inspect(conn.conn).get_table_names():
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                lines.append(f"{table}: " + " | ".join(str(v) for v in row))
    return "\n".join(lines)
