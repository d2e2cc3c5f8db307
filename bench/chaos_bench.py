"""Chaos: a kiosk's outbox through a misbehaving network and a server that restarts, each event stored once.

    python bench/chaos_bench.py [--events 10000] [--quick] [--db sqlite|postgresql|postgresql://...]
                                [--batch 25] [--fault-rate 0.3] [--restarts 3] [--seed 1] [--time-limit 900]

The reference server runs as ``python -m central serve`` in a process group
of its own on a free loopback port (``--db``: a new SQLite file by default,
``postgresql`` for a private durable PostgreSQL started for the run, or the
URL of a database to use; the kiosk gets a fresh id there). A kiosk is
enrolled on it, and a kiosk store is filled with ``--events`` events through
the kiosk's own code, as a kiosk makes them: tickets from the ticket desk,
ticket and quick ratings from the rating desk, heartbeats from the sync
engine. Then the kiosk's sync engine drains the outbox through
``tests/faultproxy.py``, which answers a share of the requests
(``--fault-rate``) with a fault: dropped, delayed (answered in time, or after
the kiosk gave up), reset, sent to the server twice, cut off half-way,
garbage, JSON of the wrong shape, applied with the answer lost, or a 503.
Each kind is met once at the start, then they are drawn at random.
``--restarts`` times, in the middle of a batch (the server has the request),
the server is stopped, with SIGTERM and SIGKILL by turns (SIGKILL takes the
whole process group, as a power cut would), and started again on the same
port and database; meanwhile the kiosk meets a server that is not there.
The engine waits the delays its own backoff asks for (a short backoff here,
so outages are crossed in seconds).

When the outbox is empty (or ``--time-limit`` passed) it prints what was
queued, acknowledged, and stored by the server (``kiosks --json``), how many
events the server holds twice (must be 0) and how many it lacks (must be 0),
the faults injected per kind, the restarts, the wall time and events per
second of the drain. Exit status 1 when the counts differ or anything was
lost. ``--quick``: 1,000 events and one restart. The reduced version in the
test suite is tests/kiosk/sync/test_sync_chaos.py.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import io
import json
import logging
import math
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CENTRE = "demo-centre"  # the demo config's centre: its payloads name it
READ_TIMEOUT_S = 1.5  # the kiosk's read timeout here: "timeout" answers come after it
# A fault kind (as reported) and what the proxy does for it.
FAULTS: dict[str, str] = {
    "drop": "drop",
    "delay": "slow:0.2",  # answered late, still in time
    "timeout": f"slow:{READ_TIMEOUT_S + 0.5}",  # applied, answered after the kiosk gave up
    "reset": "reset",
    "duplicate": "duplicate",  # the request reaches the server twice
    "truncate": "truncate",  # applied, half the answer comes back
    "garbage": "garbage",  # 200 with a body that is not JSON
    "badjson": "badjson",  # 200 with JSON of the wrong shape
    "lost-answer": "lost-answer",  # applied, the connection closes before the answer
    "status-503": "status:503",
}
EVENTS_POST = "POST /api/v1/events"


# --------------------------------------------------------------------------
# the server, restartable on the same port and database


class CentralServer:
    """``python -m central serve`` in its own process group; ``start`` returns once every worker serves."""

    def __init__(self, db: str, port: int, log_path: Path, workers: int = 2) -> None:
        self.db, self.port, self.workers = db, port, workers
        self.base = f"http://127.0.0.1:{port}"
        self.log = log_path.open("a", encoding="utf-8")
        self.log_lock = threading.Lock()
        self.tail: collections.deque[str] = collections.deque(maxlen=30)
        self.errors = 0  # ERROR/CRITICAL lines and tracebacks the server logged
        self.process: subprocess.Popen[str] | None = None
        self.reader: threading.Thread | None = None

    def start(self, timeout: float = 90.0) -> None:
        command = [sys.executable, "-m", "central", "serve", "--db", self.db, "--host", "127.0.0.1",
                   "--port", str(self.port), "--workers", str(self.workers), "--access-log", "off"]
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
        serving = threading.Semaphore(0)
        self.process = process
        self.reader = threading.Thread(target=self._read, args=(process, serving), daemon=True)
        self.reader.start()
        deadline = time.monotonic() + timeout
        for _ in range(self.workers):
            if not serving.acquire(timeout=max(0.0, deadline - time.monotonic())) or process.poll() is not None:
                self.stop(signal.SIGKILL)
                raise RuntimeError("the server did not start:\n" + "".join(self.tail))
        import requests

        answer = requests.get(self.base + "/api/v1/health", timeout=10)
        if answer.status_code != 200:
            raise RuntimeError(f"the server started but /health answered {answer.status_code}")

    def _read(self, process: subprocess.Popen[str], serving: threading.Semaphore) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            with self.log_lock:
                self.log.write(line)
                self.tail.append(line)
                if any(mark in line for mark in (" ERROR ", " CRITICAL ", "Traceback")):
                    self.errors += 1
            if "Serving on" in line:
                serving.release()
        for _ in range(self.workers):
            serving.release()  # it exited: start() looks at poll()

    def send(self, how: signal.Signals) -> None:
        """SIGTERM to the master (a graceful stop), or SIGKILL to the whole group (nothing finishes)."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            if how == signal.SIGKILL:
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.send_signal(how)

    def wait_stopped(self, timeout: float = 60.0) -> None:
        assert self.process is not None and self.reader is not None
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.send(signal.SIGKILL)
            self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # a worker the master left behind
        self.reader.join(timeout=30)
        assert self.process.stderr is not None
        self.process.stderr.close()

    def stop(self, how: signal.Signals = signal.SIGTERM) -> None:
        if self.process is not None and self.process.returncode is None:
            self.send(how)
            self.wait_stopped()

    def close(self) -> None:
        self.stop()
        self.log.close()


class Restarter:
    """The proxy's ``hook:restart``: stop the server while it holds a batch, then start it again."""

    def __init__(self, server: CentralServer, signals: tuple[signal.Signals, ...]) -> None:
        self.server = server
        self.signals = signals
        self.by_signal: collections.Counter[str] = collections.Counter()
        self.busy = threading.Event()
        self.error: BaseException | None = None
        self.outages: list[float] = []  # seconds from the signal to /health answering again
        self._thread: threading.Thread | None = None

    def __call__(self) -> None:
        # On the proxy's thread, with the request just handed to the server.
        how = self.signals[sum(self.by_signal.values()) % len(self.signals)]
        self.by_signal[how.name] += 1
        self.busy.set()
        self.server.send(how)
        self._thread = threading.Thread(target=self._come_back, args=(time.monotonic(),), daemon=True)
        self._thread.start()

    def _come_back(self, since: float) -> None:
        try:
            self.server.wait_stopped()
            self.server.start()
            self.outages.append(time.monotonic() - since)
        except BaseException as exc:  # reported by the run, which stops
            self.error = exc
        finally:
            self.busy.clear()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=180)


class Chaos:
    """The proxy's chooser: each fault kind once, then a fault for ``rate`` of the requests;
    a restart when the count of event posts reaches each of ``restart_at``."""

    def __init__(self, rng: random.Random, rate: float, restart_at: list[int], restarter: Restarter) -> None:
        self.rng, self.rate = rng, rate
        self.restart_at = sorted(restart_at)
        self.restarter = restarter
        self.owed = list(FAULTS)
        rng.shuffle(self.owed)
        self.injected: collections.Counter[str] = collections.Counter()
        self.posts = 0
        self.lock = threading.Lock()

    def __call__(self, line: str) -> str:
        with self.lock:
            is_post = line.startswith(EVENTS_POST)
            self.posts += is_post
            if (is_post and self.restart_at and self.posts >= self.restart_at[0]
                    and not self.restarter.busy.is_set()):
                self.restart_at.pop(0)
                return "hook:restart"
            if self.owed and is_post:  # every kind meets a batch at least once
                kind = self.owed.pop()
            elif self.rng.random() < self.rate:
                kind = self.rng.choice(list(FAULTS))
            else:
                return "forward"
            self.injected[kind] += 1
            return FAULTS[kind]


# --------------------------------------------------------------------------
# the kiosk


def fill_store(data: Path, events: int, kiosk_id: str, seed: int) -> dict[str, int]:
    """Queue ``events`` outbox events in a new kiosk store, through the kiosk's own desks and engine."""
    from kiosk.catalog import load_catalog
    from kiosk.clock import ManualClock
    from kiosk.config import DEMO_CONFIG, load_config
    from kiosk.hours import WeeklyHours
    from kiosk.ratings import Criterion, QuickSource, RatingDesk
    from kiosk.store import Store
    from kiosk.sync.client import ServerClient
    from kiosk.sync.engine import SyncEngine
    from kiosk.tickets import TicketDesk

    rng = random.Random(seed)
    step = dt.timedelta(minutes=2)  # a ticket every two minutes, around the clock
    start = dt.datetime.now(dt.UTC) - step * math.ceil(events / 1.6) - dt.timedelta(hours=1)
    clock = ManualClock(start)
    config = load_config(DEMO_CONFIG).with_overrides(hours=WeeklyHours.always_open(), kiosk_id=kiosk_id)
    store = Store.open(data, clock)
    try:
        desk = TicketDesk(store, config, load_catalog(config.catalog_path))
        ratings = RatingDesk(store, config, desk)
        # Only its heartbeat is used here: nothing is sent.
        engine = SyncEngine(store, ServerClient("http://127.0.0.1:9", "unused"), kiosk_id,
                            business_day=desk.business_day)
        services = ("pickup", "consultation", "passport-internal")
        made: collections.Counter[str] = collections.Counter()

        def room() -> bool:
            return sum(made.values()) < events

        while room():
            ticket = desk.issue(rng.choice(services), rng.choice(("ru", "en")))
            made["ticket.issued"] += 1
            if room() and rng.random() < 0.55:
                scores = {c: rng.randint(1, 5) for c in Criterion if rng.random() < 0.8} or {Criterion.STAFF: 5}
                ratings.rate_ticket(ticket.id, scores, "", ticket.language)
                made["rating (ticket)"] += 1
            if room() and rng.random() < 0.1:
                if ratings.rate_quick(rng.randint(1, 5), "ru", QuickSource.HOME).accepted:
                    made["rating (quick)"] += 1
            if room() and made["ticket.issued"] % 25 == 0:
                engine.queue_heartbeat()
                made["heartbeat"] += 1
            clock.advance(seconds=step.total_seconds())
        engine.client.close()
        counts = store.outbox_counts()
        assert counts["pending"] == events == sum(made.values()), (counts, made)
        return dict(made)
    finally:
        store.close()


def counting_client(base_url: str, token: str, verdicts: collections.Counter[str]) -> Any:
    """The kiosk's own ServerClient, tallying the verdicts in the answers to event batches it hears in full."""
    from kiosk.sync.client import ServerClient

    class Counting(ServerClient):
        def _request(self, method: str, path: str, **kwargs: Any) -> Any:
            response = super()._request(method, path, **kwargs)
            if method == "POST" and path == "/events" and response.status_code == 200:
                try:
                    body = response.json()
                except ValueError:
                    return response  # garbage: the client refuses it
                results = body.get("results") if isinstance(body, dict) else None
                if isinstance(results, list):
                    verdicts.update(str(r.get("status")) for r in results if isinstance(r, dict))
            return response

    return Counting(base_url, token, timeout=(2.0, READ_TIMEOUT_S))


# --------------------------------------------------------------------------
# the run


@dataclass
class ChaosResult:
    queued: int = 0
    acknowledged: int = 0
    rejected: int = 0
    pending: int = 0
    stored: int = 0  # events_received of ``kiosks --json``
    duplicates: int = 0  # events the server holds more than once (ids, tickets, ratings)
    lost: int = 0  # queued events the server lacks
    foreign: int = 0  # events the server holds for the kiosk that it never queued
    made: dict[str, int] = field(default_factory=dict)
    faults: dict[str, int] = field(default_factory=dict)
    restarts: dict[str, int] = field(default_factory=dict)
    outages_s: list[float] = field(default_factory=list)
    upstream_failures: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    requests: int = 0
    rounds: int = 0
    failed_rounds: int = 0
    server_errors: int = 0
    fill_s: float = 0.0
    wall_s: float = 0.0
    drained: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def enrol(db: str, kiosk_id: str) -> str:
    from central import cli

    out = io.StringIO()
    if cli.main(["enrol", kiosk_id, "--centre", CENTRE, "--print-token", "--db", db], out=out) != 0:
        raise RuntimeError(f"enrol {kiosk_id} failed on {db}")
    return next(line.split(": ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("token: "))


def server_figures(db: str, kiosk_id: str) -> tuple[int, list[str], int, int, int, int]:
    """(events_received by ``kiosks --json``, event ids, ticket rows, distinct tickets, rating rows, distinct
    ratings) the server holds for the kiosk."""
    from central import cli, store

    out = io.StringIO()
    assert cli.main(["kiosks", "--json", "--db", db], out=out) == 0
    received = sum(int(k["events_received"]) for k in json.loads(out.getvalue()) if k["kiosk_id"] == kiosk_id)
    with store.connection(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM events WHERE kiosk_id = :k", {"k": kiosk_id})]
        tickets, distinct_tickets = conn.execute(
            "SELECT count(*), count(DISTINCT ticket_id) FROM tickets WHERE kiosk_id = :k", {"k": kiosk_id}).one()
        ratings, distinct_ratings = conn.execute(
            "SELECT count(*), count(DISTINCT rating_id) FROM ratings WHERE kiosk_id = :k", {"k": kiosk_id}).one()
    return received, ids, int(tickets), int(distinct_tickets), int(ratings), int(distinct_ratings)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def chaos_run(workdir: Path, db: str, events: int, *, batch: int = 25, fault_rate: float = 0.3,
              restarts: int = 3, seed: int = 1, time_limit_s: float = 900.0, workers: int = 2,
              kill_with: tuple[signal.Signals, ...] = (signal.SIGTERM, signal.SIGKILL),
              remember: Callable[[str], str] = lambda token: token,
              say: Callable[[str], None] = lambda line: None) -> ChaosResult:
    """The whole run in ``workdir`` against the server database ``db`` (an SQLite path or a
    ``postgresql://`` URL, created if missing). The restarts stop the server with the signals of
    ``kill_with`` by turns; ``remember`` sees the kiosk's token."""
    from kiosk.clock import ManualClock
    from kiosk.config import DEMO_CONFIG, load_config
    from kiosk.store import Store
    from kiosk.sync.backoff import Backoff
    from kiosk.sync.engine import SyncEngine
    from kiosk.tickets import TicketDesk
    from tests.faultproxy import FaultProxy

    result = ChaosResult()
    kiosk_id = f"chaos-{uuid.uuid4().hex[:10]}"
    token = remember(enrol(db, kiosk_id))
    say(f"kiosk {kiosk_id}: filling its store with {events} events")
    started = time.monotonic()
    result.made = fill_store(workdir / "kiosk", events, kiosk_id, seed)
    result.fill_s = time.monotonic() - started
    say(f"  filled in {result.fill_s:.1f} s: "
        + ", ".join(f"{n} {kind}" for kind, n in sorted(result.made.items())))

    server = CentralServer(db, free_port(), workdir / "server.log", workers)
    restarter = Restarter(server, kill_with)
    posts_needed = math.ceil(events / batch)
    chaos = Chaos(random.Random(seed + 1), fault_rate,
                  [max(len(FAULTS) + 1, posts_needed * k // (restarts + 1)) for k in range(1, restarts + 1)],
                  restarter)
    verdicts: collections.Counter[str] = collections.Counter()
    server.start()
    proxy = FaultProxy(server.base)
    proxy.hooks["restart"] = restarter
    proxy.choose = chaos
    store = Store.open(workdir / "kiosk", ManualClock(dt.datetime.now(dt.UTC)))
    config = load_config(DEMO_CONFIG).with_overrides(kiosk_id=kiosk_id)
    desk = TicketDesk(store, config, _catalog(config))
    engine = SyncEngine(store, counting_client(proxy.url, token, verdicts), kiosk_id,
                        business_day=desk.business_day, interval_s=0.0, batch_size=batch,
                        backoff=Backoff(base_s=0.05, cap_s=0.5), rng=random.Random(seed + 2),
                        heartbeat_every_s=10**9)
    pause = threading.Event()  # never set: waits out the backoff's delay, as the sync thread does
    say(f"draining through the fault proxy: batches of {batch}, faults on {fault_rate:.0%} of the requests, "
        f"{restarts} server restart(s)")
    try:
        started = time.monotonic()
        deadline = started + time_limit_s
        next_report = started + 10
        while True:
            round_result = engine.run_once()
            result.rounds += 1
            result.failed_rounds += not round_result.ok
            if restarter.error is not None:
                result.problems.append(f"the server did not come back: {restarter.error}")
                break
            left = store.pending_events()
            if round_result.ok and left == 0:
                result.drained = True
                break
            now = time.monotonic()
            if now >= deadline:
                result.problems.append(f"not drained within {time_limit_s:.0f} s: {left} events pending")
                break
            if now >= next_report:
                say(f"  {now - started:5.0f} s: {events - left} of {events} acknowledged")
                next_report = now + 10
            if not round_result.ok:
                pause.wait(min(round_result.delay_s, max(0.0, deadline - now)))
        result.wall_s = time.monotonic() - started
        restarter.join()
        if restarter.error is not None and not result.problems:
            result.problems.append(f"the server did not come back: {restarter.error}")
    finally:
        engine.client.close()
        proxy.close()
        server.close()
    counts = store.outbox_counts()
    local_ids = {r[0] for r in store.db.conn.execute("SELECT id FROM outbox")}
    local_tickets = store.db.conn.execute("SELECT count(*) FROM outbox WHERE kind = 'ticket.issued'").fetchone()[0]
    local_ratings = store.db.conn.execute("SELECT count(*) FROM outbox WHERE kind = 'rating.submitted'").fetchone()[0]
    store.close()

    received, server_ids, tickets, distinct_tickets, ratings, distinct_ratings = server_figures(db, kiosk_id)
    result.queued = sum(counts.values())
    result.acknowledged, result.rejected, result.pending = counts["sent"], counts["rejected"], counts["pending"]
    result.stored = received
    result.duplicates = (len(server_ids) - len(set(server_ids)) + tickets - distinct_tickets
                         + ratings - distinct_ratings)
    result.lost = len(local_ids - set(server_ids))
    result.foreign = len(set(server_ids) - local_ids)
    result.faults = dict(sorted(chaos.injected.items()))
    result.restarts = dict(restarter.by_signal)
    result.outages_s = restarter.outages
    result.upstream_failures = proxy.upstream_failures
    result.verdicts = dict(verdicts)
    result.requests = len(proxy.seen)
    result.server_errors = server.errors
    for wrong, what in (
        (result.stored != result.queued, f"the server stores {result.stored} events, the kiosk queued {result.queued}"),
        (result.acknowledged != result.queued, f"{result.queued - result.acknowledged} events not acknowledged"),
        (result.duplicates, f"{result.duplicates} events stored twice"),
        (result.lost, f"{result.lost} events lost"),
        (result.foreign, f"{result.foreign} events on the server the kiosk never queued"),
        (tickets != local_tickets, f"the server holds {tickets} tickets of the kiosk's {local_tickets}"),
        (ratings != local_ratings, f"the server holds {ratings} ratings of the kiosk's {local_ratings}"),
        (sum(result.restarts.values()) != restarts, f"{sum(result.restarts.values())} of {restarts} restarts made"),
    ):
        if wrong:
            result.problems.append(what)
    return result


def _catalog(config: Any) -> Any:
    from kiosk.catalog import load_catalog

    return load_catalog(config.catalog_path)


def report(result: ChaosResult, events: int, where: str) -> list[str]:
    """The lines the bench prints; the ``figure:`` ones go into bench/run.py's table."""
    faults = ", ".join(f"{kind} {n}" for kind, n in result.faults.items())
    restarts = ", ".join(f"{n} {name}" for name, n in sorted(result.restarts.items())) or "none"
    outages = ", ".join(f"{s:.1f}" for s in result.outages_s)
    rate = result.acknowledged / result.wall_s if result.wall_s else 0.0
    verdicts = ", ".join(f"{n} {status}" for status, n in sorted(result.verdicts.items()))
    return [
        f"server database: {where}",
        f"events queued:        {result.queued} ("
        + ", ".join(f"{n} {kind}" for kind, n in sorted(result.made.items())) + f"; filled in {result.fill_s:.0f} s)",
        f"events acknowledged:  {result.acknowledged} (rejected {result.rejected}, still pending {result.pending})",
        f"server stores:        {result.stored} (kiosks --json, events_received)",
        f"duplicates stored:    {result.duplicates}",
        f"lost:                 {result.lost} (and {result.foreign} on the server the kiosk never queued)",
        f"faults injected:      {sum(result.faults.values())} of {result.requests} requests: {faults}",
        f"server restarts:      {sum(result.restarts.values())} ({restarts}; back after {outages} s); "
        f"requests that found no server: {result.upstream_failures}",
        f"verdicts heard:       {verdicts} (a duplicate is a resend the server recognised)",
        f"sync rounds:          {result.rounds} ({result.failed_rounds} failed); server error lines logged: "
        f"{result.server_errors}",
        f"wall time:            {result.wall_s:.1f} s, {rate:.0f} events/s",
        f"figure: chaos, {events} events = {'ok' if result.ok else 'FAILED'}: {result.queued} queued, "
        f"{result.acknowledged} acknowledged, {result.stored} stored, {result.duplicates} duplicates, "
        f"{result.lost} lost",
        f"figure: chaos, faults and restarts = {sum(result.faults.values())} faults, "
        f"{sum(result.restarts.values())} restarts",
        f"figure: chaos, drain = {result.wall_s:.0f} s, {rate:.0f} events/s",
    ]


@contextlib.contextmanager
def server_database(choice: str, workdir: Path) -> Iterator[tuple[str, str]]:
    """(database, words for the report) for ``--db``."""
    if choice == "sqlite":
        yield str(workdir / "central.db"), "SQLite (a new file)"
    elif choice == "postgresql":
        from tests.central import server_dbs

        reason = server_dbs.unavailable_reason()
        if reason:
            raise SystemExit(f"chaos_bench: cannot start PostgreSQL: {reason}")
        with server_dbs.cluster(durable=True) as cluster:
            yield cluster.create_database(), "PostgreSQL (private, durable)"
    elif choice.startswith("postgresql://"):
        yield choice, "PostgreSQL (given URL)"
    else:
        raise SystemExit(f"chaos_bench: --db {choice!r}: sqlite, postgresql or a postgresql:// URL")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="a short run: 1,000 events, one restart")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql (a private one), or a postgresql:// URL")
    parser.add_argument("--batch", type=int, default=25, help="events per request (default 25)")
    parser.add_argument("--fault-rate", type=float, default=0.3, help="share of requests that meet a fault")
    parser.add_argument("--restarts", type=int, default=3, help="server restarts in the middle of a batch")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="the server's worker processes")
    parser.add_argument("--time-limit", type=float, default=900.0, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.quick:
        args.events, args.restarts = 1_000, 1
    from bench.kiosk_bench import machine

    facts = machine()
    print(f"machine: {facts['uname']}; {facts['cpu']}; {facts['cores']} cores; load {os.getloadavg()[0]:.2f}; "
          f"commit {facts['commit']}, {facts['date']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="kiosk-chaos-") as tmp:
        workdir = Path(tmp)
        logging.basicConfig(filename=workdir / "kiosk.log", level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        with server_database(args.db, workdir) as (db, where):
            result = chaos_run(workdir, db, args.events, batch=args.batch, fault_rate=args.fault_rate,
                               restarts=args.restarts, seed=args.seed, time_limit_s=args.time_limit,
                               workers=args.workers, say=lambda line: print(line, flush=True))
            lines = report(result, args.events, where)
            if not result.ok:
                server_log = (workdir / "server.log").read_text(encoding="utf-8", errors="replace")
                lines += [f"PROBLEM: {problem}" for problem in result.problems]
                lines += ["server log, last lines:", *server_log.splitlines()[-15:]]
    print("\n".join(lines), flush=True)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
