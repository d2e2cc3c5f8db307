"""Run the real server (waitress) in-process on a free loopback port.

Used by the test suite and by end-to-end tests of the kiosk's sync client:
requests go over real TCP through the same WSGI server as in production.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import waitress  # type: ignore[import-untyped]  # ships no type hints
from waitress import wasyncore
from waitress.task import ThreadedTaskDispatcher  # type: ignore[import-untyped]

from . import db as dbmod
from .app import DEFAULT_MAX_BODY_BYTES, create_app
from .store import DEFAULT_LIMITS, Limits
from .timeutil import Clock, system_now


class _SignallingCondition(threading.Condition):
    """A condition that calls ``on_wait`` (under its lock) each time a thread starts waiting on it."""

    def __init__(self, lock: threading.Lock, on_wait: Callable[[], None]) -> None:
        super().__init__(lock)
        self._on_wait = on_wait

    def wait(self, timeout: float | None = None) -> bool:
        self._on_wait()
        return super().wait(timeout)


def _dispatcher_that_signals_idle(threads: int) -> tuple[ThreadedTaskDispatcher, threading.Event]:
    dispatcher = ThreadedTaskDispatcher()
    idle = threading.Event()

    def on_wait() -> None:
        # A thread about to wait has just counted itself idle; none active means all idle.
        if dispatcher.active_count == 0:
            idle.set()

    dispatcher.queue_cv = _SignallingCondition(dispatcher.lock, on_wait)
    dispatcher.set_thread_count(threads)
    return dispatcher, idle


@contextlib.contextmanager
def run_server(
    db_path: str | Path,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    threads: int = 4,
    clock: Clock = system_now,
    create: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[str]:
    """Serve ``db_path`` on 127.0.0.1 and yield the base URL, e.g. ``http://127.0.0.1:54321``.

    ``db_path`` is an SQLite file or a ``postgresql://`` URL; a test server
    creates a missing database unless ``create`` is False. On exit the server
    stops accepting, its worker threads finish, every socket is closed and the
    pooled database connections are closed before the context manager returns.
    """
    app = create_app(str(db_path), max_body_bytes=max_body_bytes, clock=clock, create=create, limits=limits)
    dispatcher, idle = _dispatcher_that_signals_idle(threads)
    server = waitress.create_server(
        app,
        host="127.0.0.1",
        port=0,
        threads=threads,
        max_request_body_size=2 * max_body_bytes,
        _dispatcher=dispatcher,
    )
    # Every request thread waits for work before the first request comes: on a
    # busy machine one could otherwise arrive first and make waitress warn that
    # it had to queue ("Task queue depth is 1").
    idle.wait(timeout=30)
    stop = threading.Event()

    def loop() -> None:
        # waitress.serve() loops forever; a loop with a short timeout that
        # checks a flag lets the test stop it from the loop's own thread, so
        # no socket is closed under the loop's feet. waitress has no public
        # stop API, hence its socket map ``_map`` is used directly.
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)
        server.task_dispatcher.shutdown(timeout=5)
        wasyncore.close_all(server._map)

    thread = threading.Thread(target=loop, name="central-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        stop.set()
        thread.join(timeout=10)
        dbmod.dispose(str(db_path))
