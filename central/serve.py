"""The production server: several worker processes behind one address.

``python -m central serve --workers N`` (and ``mfc-central serve``) runs here.

Shape, and why:

* **gunicorn's arbiter** is the master process. It binds the address once,
  forks ``N`` workers that share the listening socket, restarts a worker that
  dies or stops answering its heartbeat for ``--timeout`` seconds, and stops
  gracefully on ``SIGTERM`` (``SIGHUP`` reloads the workers one by one). That
  is the part of a production server that is hard to get right, and gunicorn
  is the well-kept, widely deployed WSGI process manager for Python.
* **waitress** serves HTTP inside each worker (:class:`WaitressWorker`, a
  gunicorn worker class). waitress reads every request in full on its event
  loop, and hands only complete requests to its thread pool. A client that
  sends half a request, or sends it a byte a minute, costs a socket and a few
  bytes of buffer, never a thread, so it cannot starve ``/health`` or the
  kiosks. Idle keep-alive connections cost no thread either, so one worker
  keeps thousands of kiosk connections open with a handful of threads.
  The loop itself turns with :class:`central.poller.EpollTurn`, which asks
  only the connections that had an event or have work in progress, instead
  of waitress's own turn, which asks every open connection every time.
  gunicorn's own ``gthread`` worker is not used: it gives a connection to a
  thread as soon as its first bytes arrive and then reads the rest of the
  request with no deadline, so as many half-sent requests as there are
  threads stop the worker (tried with gunicorn 27: 8 half-sent requests
  against 4 threads and ``/health`` never answered).

Every limit is an option of ``serve`` (see ``docs/server.md``, *Processes and
connections*):

``--workers``          worker processes (each with its own database connections)
``--threads``          request threads per worker
``--max-connections``  open connections per worker; beyond it new clients wait in
                       the listen backlog (``--backlog``) instead of being refused
``--keepalive``        seconds an idle or half-sent connection is kept open; more
                       than a kiosk's sync interval, so a kiosk keeps its connection
``--timeout``          seconds a worker may stay silent before the master replaces it
``--access-log``       ``-`` for stderr, a file path, or ``off``

Warnings of the servers themselves (waitress's "Task queue depth", accept
errors, gunicorn's) go through :class:`RateLimitFilter`: the first few of a
kind per minute are written, the rest counted and summed up in one line.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import logging.handlers
import os
import resource
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import waitress  # type: ignore[import-untyped]  # ships no type hints
from gunicorn import glogging  # type: ignore[import-untyped,import-not-found,unused-ignore]
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped,import-not-found,unused-ignore]
from gunicorn.workers.base import Worker  # type: ignore[import-untyped,import-not-found,unused-ignore]
from waitress import wasyncore

from .app import DEFAULT_MAX_BODY_BYTES, create_app
from .db import start_checkpointer
from .poller import ChannelMap, EpollTurn

log = logging.getLogger("central.serve")

# The environ key the app fills with the authenticated kiosk's id (central/app.py).
KIOSK_ID_ENVIRON = "central.kiosk_id"
LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"
ACCESS_LOGGER = "central.access"
# Headers a request may carry in full; kiosks send a few hundred bytes.
MAX_REQUEST_HEADER_BYTES = 64 * 1024
# How long a thread may hold the interpreter lock while others wait (WaitressWorker.run).
GIL_SWITCH_INTERVAL_S = 0.0005
# Descriptors a worker needs beside its connections (database, logs, pipes).
SPARE_FILE_DESCRIPTORS = 64


@dataclasses.dataclass(frozen=True)
class ServeOptions:
    """Everything ``serve`` can be told; the defaults hold 1,500+ kiosks on two workers."""

    db: str
    host: str = "127.0.0.1"
    port: int = 8700
    workers: int = 2
    threads: int = 8
    max_connections: int = 2000
    keepalive: int = 150
    timeout: int = 30
    graceful_timeout: int = 20
    backlog: int = 2048
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    access_log: str = "-"
    # Address of a reverse proxy whose X-Forwarded-For/-Proto are believed (deploy/proxy/nginx.conf).
    trusted_proxy: str | None = None
    log_level: str = "info"

    def problems(self) -> list[str]:
        """One line per option outside what is allowed (empty when all are fine)."""
        found = []
        for name, low in (
            ("workers", 1),
            ("threads", 1),
            ("max_connections", 1),
            ("keepalive", 1),
            ("timeout", 1),
            ("graceful_timeout", 1),
            ("backlog", 1),
            ("max_body_bytes", 1),
        ):
            value = getattr(self, name)
            if value < low:
                found.append(f"--{name.replace('_', '-')} {value} is not allowed: it must be at least {low}")
        if not 0 <= self.port <= 65535:
            found.append(f"--port {self.port} is not allowed: it must be 0 to 65535")
        return found


# --------------------------------------------------------------------------
# logging


class RateLimitFilter(logging.Filter):
    """Let through at most ``burst`` records of one kind per ``interval_s``.

    A kind is the logger plus the message template (``Task queue depth is
    %d`` is one kind whatever the depth). Records beyond the burst are dropped
    and counted; the first record of the kind after the interval says how many
    were dropped. Thread-safe; each process has its own counts.
    """

    def __init__(self, burst: int = 5, interval_s: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.burst = burst
        self.interval_s = interval_s
        self.clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, str], list[float | int]] = {}  # kind -> [start, passed, dropped]

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        kind = (record.name, str(record.msg))
        now = self.clock()
        with self._lock:
            window = self._windows.get(kind)
            if window is None or now - window[0] >= self.interval_s:
                dropped = int(window[2]) if window is not None else 0
                self._windows[kind] = [now, 1, 0]
                if dropped:
                    record.msg = f"{record.msg} [{dropped} more like this in the last {self.interval_s:.0f} s]"
                return True
            if window[1] < self.burst:
                window[1] += 1
                return True
            window[2] += 1
            return False


RATE_LIMIT = RateLimitFilter()


def configure_logging(level: str) -> None:
    """Root logging to stderr, rate-limited, for a worker or the master."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RATE_LIMIT)
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    # One line per migration plugin at every start says nothing to an operator.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


class GunicornLogger(glogging.Logger):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn's own error log, with the same rate limit as everything else."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for handler in self.error_log.handlers:
            handler.addFilter(RATE_LIMIT)


def access_logger(destination: str) -> logging.Logger | None:
    """The access log: ``-`` is stderr, ``off`` is none, anything else a file (reopened after rotation)."""
    if destination == "off":
        return None
    logger = logging.getLogger(ACCESS_LOGGER)
    logger.handlers.clear()
    handler: logging.Handler
    if destination == "-":
        handler = logging.StreamHandler(sys.stderr)
    else:
        handler = logging.handlers.WatchedFileHandler(destination, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(process)d access: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger


def _printable(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, control and non-ASCII characters escaped (no log injection)."""
    shown = text[:limit].encode("unicode_escape").decode("ascii")
    return shown + ("..." if len(text) > limit else "")


def safe_db(db: str) -> str:
    """The database as it may be logged: a URL's password becomes ``***``."""
    if "://" not in db:
        return db
    parts = urllib.parse.urlsplit(db)
    if parts.password is None:
        return db
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


class AccessLog:
    """WSGI middleware writing one line per request.

    ``client method path status duration kiosk=ID``: the path without its
    query string, the kiosk only once its token was accepted, and never a
    header, a body or a token.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], logger: logging.Logger) -> None:
        self.app = app
        self.logger = logger

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        status: list[str] = []

        def recording_start_response(status_line: str, headers: Any, exc_info: Any = None) -> Any:
            status[:] = [status_line.split(" ", 1)[0]]
            return start_response(status_line, headers, exc_info)

        try:
            body = self.app(environ, recording_start_response)
        except BaseException:
            self._write(environ, "500", started)
            raise
        return self._closing(body, environ, status, started)

    def _closing(
        self, body: Iterable[bytes], environ: dict[str, Any], status: list[str], started: float
    ) -> Iterator[bytes]:
        try:
            yield from body
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()
            self._write(environ, status[0] if status else "500", started)

    def _write(self, environ: dict[str, Any], status: str, started: float) -> None:
        path = str(environ.get("SCRIPT_NAME", "")) + str(environ.get("PATH_INFO", ""))
        self.logger.info(
            "%s %s %s %s %.1fms kiosk=%s",
            _printable(str(environ.get("REMOTE_ADDR", "-")), 64),
            _printable(str(environ.get("REQUEST_METHOD", "-")), 16),
            _printable(path, 200),
            status,
            (time.perf_counter() - started) * 1000.0,
            environ.get(KIOSK_ID_ENVIRON) or "-",
        )


# --------------------------------------------------------------------------
# the worker


def raise_file_limit(wanted: int) -> int:
    """Raise this process's soft limit of open files towards ``wanted``; returns the limit in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return wanted
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return max(soft, target)


class WaitressWorker(Worker):  # type: ignore[misc]  # gunicorn ships no type hints
    """A gunicorn worker that serves its share of the listening socket with waitress.

    Maps gunicorn's settings onto waitress: ``threads`` request threads,
    ``worker_connections`` open connections, ``keepalive`` as the idle
    timeout of a connection (waitress's ``channel_timeout``).
    """

    def run(self) -> None:
        options: ServeOptions = self.app.options
        # Request threads mostly wait on the database, several round trips a request; back
        # from each, a thread waits for the interpreter lock while another computes, up to
        # the switch interval (5 ms by default) every time. With 300 kiosks on PostgreSQL
        # that waiting doubled the median answer (610 ms against 270 ms at 0.5 ms).
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        limit = raise_file_limit(self.cfg.worker_connections + SPARE_FILE_DESCRIPTORS)
        if limit < self.cfg.worker_connections + SPARE_FILE_DESCRIPTORS:
            log.warning(
                "open-file limit %d is below --max-connections %d; raise LimitNOFILE (deploy/systemd)",
                limit,
                self.cfg.worker_connections,
            )
        socket_map = ChannelMap()
        proxy: dict[str, Any] = {}
        if options.trusted_proxy:
            proxy = {
                "trusted_proxy": options.trusted_proxy,
                "trusted_proxy_count": 1,
                "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
            }
        server = waitress.create_server(
            self.wsgi,
            map=socket_map,
            sockets=[getattr(s, "sock", s) for s in self.sockets],
            threads=self.cfg.threads,
            connection_limit=self.cfg.worker_connections,
            channel_timeout=self.cfg.keepalive,
            cleanup_interval=max(1, min(30, self.cfg.keepalive // 4)),
            backlog=self.cfg.backlog,
            # Twice the app's limit: bodies between the two get the app's JSON 413,
            # larger ones are cut off by waitress before they fill memory or disk.
            max_request_body_size=2 * options.max_body_bytes,
            max_request_header_size=MAX_REQUEST_HEADER_BYTES,
            asyncore_use_poll=True,  # select() stops at 1,024 descriptors
            ident="central",
            **proxy,
        )
        server.print_listen("Serving on http://{}:{}")
        # Not wasyncore.loop: its every turn asks each of the worker's ~750 open connections
        # (central/poller.py).
        turns = EpollTurn(socket_map)
        settle_heap()
        # SQLite's log is copied back by this thread, not by the request that fills it (central/db.py).
        checkpointer = start_checkpointer(options.db)
        beat = 0.0
        try:
            while self.alive:
                now = time.monotonic()
                if now - beat >= 1.0:
                    self.notify()
                    beat = now
                    if self.ppid != os.getppid():
                        log.info("the master process is gone; worker %d stops", os.getpid())
                        break
                turns.turn(1.0)
        finally:
            self._drain(server, socket_map, turns)
            if checkpointer is not None:
                checkpointer.stop()

    def _drain(self, server: Any, socket_map: ChannelMap, turns: EpollTurn) -> None:
        """Stop accepting, finish requests already read (up to the graceful timeout), close everything."""
        server.close()
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while time.monotonic() < deadline and _busy(socket_map):
            self.notify()
            turns.turn(0.1)
        server.task_dispatcher.shutdown(timeout=max(0.1, deadline - time.monotonic()))
        wasyncore.close_all(socket_map)
        turns.close()


def settle_heap() -> None:
    """Collect once and freeze what the booted worker holds (Python's ``gc.freeze``).

    A booted worker holds some 100,000 objects (Flask, SQLAlchemy, psycopg, the
    schema, the OpenAPI document) that live as long as it does. Each full pass of
    the cycle collector walked them all: 60-85 ms under load, holding the
    interpreter lock, so every request thread of the worker stood still and the
    answers in flight were that much late. Frozen, they are never walked again;
    what requests make later is collected as before.
    """
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    log.info("worker %d heap settled: %d objects frozen in %.0f ms", os.getpid(), gc.get_freeze_count(),
             (time.perf_counter() - started) * 1000.0)


def _busy(socket_map: dict[int, Any]) -> bool:
    """Whether a connection still has a request in progress or an answer not yet written."""
    return any(
        getattr(channel, "requests", None) or getattr(channel, "total_outbufs_len", 0)
        for channel in list(socket_map.values())
    )


# --------------------------------------------------------------------------
# the master


class CentralApplication(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn embedded: its settings come from :class:`ServeOptions`, not its command line."""

    def __init__(self, options: ServeOptions) -> None:
        self.options = options
        super().__init__(usage=None, prog="mfc-central")

    def load_config(self) -> None:
        o = self.options
        settings: dict[str, Any] = {
            "bind": [f"[{o.host}]:{o.port}" if ":" in o.host else f"{o.host}:{o.port}"],
            "workers": o.workers,
            "worker_class": "central.serve.WaitressWorker",
            "threads": o.threads,
            "worker_connections": o.max_connections,
            "keepalive": o.keepalive,
            "timeout": o.timeout,
            "graceful_timeout": o.graceful_timeout,
            "backlog": o.backlog,
            "proc_name": "mfc-central",
            "logger_class": "central.serve.GunicornLogger",
            "errorlog": "-",
            "accesslog": None,  # AccessLog below writes it, with the kiosk and without the query
            "loglevel": o.log_level,
        }
        if "control_socket_disable" in self.cfg.settings:
            # gunicorn 24+ opens a control socket under $HOME by default; the server needs none.
            settings["control_socket_disable"] = True
        for key, value in settings.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Iterable[bytes]]:
        """Runs in each worker after the fork: its own logging, app and database connections."""
        configure_logging(self.options.log_level)
        app: Callable[..., Iterable[bytes]] = create_app(self.options.db, max_body_bytes=self.options.max_body_bytes)
        logger = access_logger(self.options.access_log)
        return AccessLog(app, logger) if logger is not None else app


def serve(options: ServeOptions) -> int:
    """Check the database once in this process, then run the master until it is stopped.

    Raises whatever :func:`central.app.create_app` raises for a database that
    cannot be used, before any worker starts, so the operator reads one line
    instead of every worker failing in turn. Returns the exit status (on a
    normal stop gunicorn exits the process itself).
    """
    for problem in options.problems():
        print(f"error: {problem}", file=sys.stderr)
    if options.problems():
        return 2
    configure_logging(options.log_level)
    create_app(options.db, max_body_bytes=options.max_body_bytes)  # migrations run here, once
    if options.access_log not in ("-", "off"):
        # Opened here first so a wrong path is one line now, not a failed boot per worker.
        try:
            with open(options.access_log, "a", encoding="utf-8"):
                pass
        except OSError as error:
            print(f"error: --access-log {options.access_log} cannot be written: {error.strerror}", file=sys.stderr)
            return 1
    log.info(
        "serving %s on http://%s:%d with %d worker(s), %d thread(s) and %d connection(s) each, keep-alive %d s",
        safe_db(options.db),
        options.host,
        options.port,
        options.workers,
        options.threads,
        options.max_connections,
        options.keepalive,
    )
    CentralApplication(options).run()
    return 0
