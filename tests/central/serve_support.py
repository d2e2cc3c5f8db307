"""A real ``python -m central serve`` process for the tests, and what they need around it."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from central import cli

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def create_database(db: Path) -> None:
    """``init`` where the CLI has one (a missing database is refused there), else nothing to do."""
    commands = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    if "init" in commands.choices:
        assert cli.main(["init", "--db", str(db)], out=io.StringIO()) == 0


class LoggedProcess:
    """A child process whose stderr is collected line by line, to wait for what it logs.

    ``popen`` goes to :class:`subprocess.Popen` (``cwd``, ``env``, ``user``, ...).
    """

    def __init__(self, command: list[str], **popen: Any) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **popen)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def wait_for(self, needle: str, count: int = 1, timeout: float = 30.0) -> list[str]:
        """Wait until ``needle`` was logged ``count`` times; returns those lines."""
        with self.changed:
            found = self.changed.wait_for(
                lambda: len(self._matching(needle)) >= count or self.process.poll() is not None, timeout=timeout
            )
            matching = self._matching(needle)
            assert found and len(matching) >= count, f"{needle!r} x{count} not logged:\n{''.join(self.lines)}"
            return matching

    def _matching(self, needle: str) -> list[str]:
        return [line for line in self.lines if needle in line]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()


class ServerProcess(LoggedProcess):
    """``python -m central serve`` in a child process; its stderr is collected line by line."""

    def __init__(self, db: Path, *args: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        super().__init__(
            [sys.executable, "-m", "central", "serve", "--db", str(db), "--host", "127.0.0.1",
             "--port", str(self.port), *args],
            cwd=REPO, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str, workers: int = 2) -> Iterator[ServerProcess]:
    db = tmp_path / "central.db"
    create_database(db)
    server = ServerProcess(db, "--workers", str(workers), *args)
    try:
        server.wait_for("waitress: Serving on", count=workers)
        yield server
    finally:
        server.stop()
