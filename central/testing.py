"""Run the real server (waitress) in-process on a free loopback port.

Used by the test suite and by end-to-end tests of the kiosk's sync client:
requests go over real TCP through the same WSGI server as in production.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import waitress  # type: ignore[import-untyped]  # ships no type hints
from waitress import wasyncore

from .app import DEFAULT_MAX_BODY_BYTES, create_app
from .timeutil import Clock, system_now


@contextlib.contextmanager
def run_server(
    db_path: str | Path,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    threads: int = 4,
    clock: Clock = system_now,
) -> Iterator[str]:
    """Serve ``db_path`` on 127.0.0.1 and yield the base URL, e.g. ``http://127.0.0.1:54321``.

    On exit the server stops accepting, its worker threads finish, and every
    socket is closed before the context manager returns.
    """
    app = create_app(str(db_path), max_body_bytes=max_body_bytes, clock=clock)
    server = waitress.create_server(
        app,
        host="127.0.0.1",
        port=0,
        threads=threads,
        max_request_body_size=2 * max_body_bytes,
    )
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
