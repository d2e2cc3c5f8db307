"""Load generator: N kiosks with persistent connections against the central server.

    python bench/load_bench.py [--kiosks 1500] [--duration 300] [--db central.db | --db postgresql://...]
    python bench/load_bench.py --quick            # 100 kiosks, 60 s, a small storm
    python bench/load_bench.py --ramp             # raise the rate until p99 > 300 ms or a failure

Each kiosk keeps one HTTP/1.1 connection open, as the kiosk's
``requests.Session`` does, and runs a sync round every ``--interval`` seconds
(jittered ±10 %), sending what ``kiosk/sync/engine.py`` sends: ``GET
/kiosk/status`` on its first round, ``POST /events`` with the events of the
round (a heartbeat every ``--heartbeat-every`` seconds), then ``GET /bundle``
and ``GET /appointments?date=`` with the ETags of the previous answers, and
``GET /queue``. Failed rounds back off as the kiosk does (full jitter,
``kiosk/sync/backoff.py``) and keep their events for the next round.

After the steady phase every kiosk drops its connection (an outage), collects
``--backlog`` events, and comes back at a random moment within
``--storm-window`` seconds (the reconnect storm). The storm's drain time runs
from the first reconnection until every backlog event is acknowledged.

Kiosks are enrolled first through the operator CLI (``python -m central
enrol --print-token``, run in this process against ``--db``); each centre gets
a bundle, today's appointments and queue figures the same way. Without
``--url`` the bench starts ``python -m central serve`` itself (``--workers``)
and counts the lines the server logged. At the end the server's own event
count (``kiosks --json``) is compared with the events the kiosks sent: any
difference is a lost or duplicated event.

Prints: requests ok/failed (with reasons), p50/p95/p99 latency, requests/s
and events/s, per phase; the storm's drain time; sent vs stored events.
Tokens are held in memory only and never printed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime as dt
import io
import json
import os
import platform
import random
import resource
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from central import auth, cli, store  # noqa: E402  (after the path is set)

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
READ_TIMEOUT_S = 30.0  # the kiosk's read timeout (kiosk/sync/client.py)
CONNECT_TIMEOUT_S = 5.0
P99_TARGET_MS = 300.0
BATCH = 200  # the kiosk's default batch size
SERVICES = [
    ("passport-internal", "passports"),
    ("passport-foreign", "passports"),
    ("social-card", "social"),
    ("utility-bill", "housing"),
    ("egrn-extract", "real-estate"),
    ("snils", "pensions"),
]


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100.0 * len(ordered)))]


# --------------------------------------------------------------------------
# figures


@dataclass
class Sample:
    done: float  # monotonic time the answer was complete
    latency_ms: float
    ok: bool
    phase: str


@dataclass
class Figures:
    samples: list[Sample] = field(default_factory=list)
    failures: collections.Counter[str] = field(default_factory=collections.Counter)
    events_acked: list[tuple[float, int, str]] = field(default_factory=list)  # (time, count, phase)
    answers: collections.Counter[str] = field(default_factory=collections.Counter)  # accepted/duplicate/rejected
    reconnects: int = 0

    def add(self, phase: str, started: float, ok: bool, reason: str = "") -> None:
        now = time.monotonic()
        self.samples.append(Sample(now, (now - started) * 1000.0, ok, phase))
        if not ok:
            self.failures[reason] += 1

    def summary(self, phase: str | None, since: float = 0.0, until: float = float("inf")) -> dict[str, Any]:
        chosen = [s for s in self.samples if (phase is None or s.phase == phase) and since <= s.done <= until]
        events = sum(n for t, n, p in self.events_acked if (phase is None or p == phase) and since <= t <= until)
        if not chosen:
            return {"requests": 0, "ok": 0, "failed": 0, "events": events}
        span = max(1e-9, (min(until, max(s.done for s in chosen)) - max(since, min(s.done for s in chosen))))
        latencies = [s.latency_ms for s in chosen if s.ok]
        return {
            "requests": len(chosen),
            "ok": sum(s.ok for s in chosen),
            "failed": sum(not s.ok for s in chosen),
            "p50_ms": percentile(latencies, 50),
            "p95_ms": percentile(latencies, 95),
            "p99_ms": percentile(latencies, 99),
            "max_ms": max(latencies) if latencies else float("nan"),
            "req_per_s": len(chosen) / span,
            "events": events,
            "events_per_s": events / span,
        }


def print_summary(title: str, s: dict[str, Any]) -> None:
    if not s["requests"]:
        print(f"{title}: no requests")
        return
    print(
        f"{title}: {s['requests']} requests, {s['ok']} ok, {s['failed']} failed; "
        f"latency p50 {s['p50_ms']:.0f} ms, p95 {s['p95_ms']:.0f} ms, p99 {s['p99_ms']:.0f} ms, "
        f"max {s['max_ms']:.0f} ms; {s['req_per_s']:.1f} req/s, {s['events_per_s']:.1f} events/s"
    )


# --------------------------------------------------------------------------
# HTTP/1.1 over one persistent connection


class HttpError(Exception):
    pass


class Connection:
    """One kiosk's keep-alive connection; reopened when the server closed it while idle."""

    def __init__(self, host: str, port: int, figures: Figures, tls: ssl.SSLContext | None = None) -> None:
        self.host, self.port = host, port
        self.figures = figures
        self.tls = tls
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(Exception):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        reused = self.writer is not None
        try:
            return await self._exchange(method, path, headers, body)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            # An idle keep-alive connection the server closed: the kiosk's urllib3 reconnects
            # the same way. Only when nothing of the answer had arrived.
            await self.close()
            if not reused or (isinstance(exc, asyncio.IncompleteReadError) and exc.partial):
                raise
            self.figures.reconnects += 1
            return await self._exchange(method, path, headers, body)

    async def _exchange(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.wait_for(
                asyncio.open_connection(self.host, self.port, limit=1 << 20, ssl=self.tls,
                                        server_hostname=self.host if self.tls else None),
                CONNECT_TIMEOUT_S,
            )
        assert self.reader is not None
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        await self.writer.drain()
        head = await asyncio.wait_for(self.reader.readuntil(b"\r\n\r\n"), READ_TIMEOUT_S)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        answer: dict[str, str] = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                answer[name.strip().lower()] = value.strip()
        content = b""
        if answer.get("transfer-encoding", "").lower() == "chunked":
            content = await asyncio.wait_for(self._chunked(), READ_TIMEOUT_S)
        elif "content-length" in answer:
            content = await asyncio.wait_for(self.reader.readexactly(int(answer["content-length"])), READ_TIMEOUT_S)
        if answer.get("connection", "").lower() == "close":
            await self.close()
        return status, answer, content

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


# --------------------------------------------------------------------------
# kiosks


@dataclass
class Plan:
    interval_s: float
    events_per_round: int
    heartbeat_every_s: float
    phase: str = "steady"
    stopped: bool = False
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    def poke(self) -> None:
        """Wake every sleeping kiosk (to stop, or to take up a new interval)."""
        self.wake.set()
        self.wake = asyncio.Event()

    def stop(self) -> None:
        self.stopped = True
        self.poke()


class Kiosk:
    def __init__(self, kiosk_id: str, centre_id: str, token: str, host: str, port: int, figures: Figures,
                 plan: Plan, rng: random.Random, tls: ssl.SSLContext | None = None) -> None:
        self.kiosk_id, self.centre_id = kiosk_id, centre_id
        self.auth = {"Authorization": f"Bearer {token}", "User-Agent": "mfc-kiosk-loadbench",
                     "Accept": "application/json"}
        self.conn = Connection(host, port, figures, tls)
        self.figures, self.plan, self.rng = figures, plan, rng
        self.seq = 0
        self.outbox: list[dict[str, Any]] = []
        self.etags: dict[str, str] = {}
        self.first_round = True
        self.failures = 0
        self.last_heartbeat = -1e9
        self.sent_ids: set[str] = set()  # acknowledged by the server
        self.on_wire: set[str] = set()  # put in a request at least once
        self.backlog_ids: set[str] = set()
        self.backlog_drained_at: float | None = None

    def queue_event(self, kind: str | None = None) -> str:
        self.seq += 1
        service, category = self.rng.choice(SERVICES)
        kind = kind or ("ticket.issued" if self.seq % 3 else "rating.submitted")
        payload: dict[str, Any]
        if kind == "ticket.issued":
            payload = {"ticket_id": str(uuid.uuid4()), "number": f"П{self.seq % 1000:03d}", "service_id": service,
                       "category_id": category, "business_day": dt.datetime.now(MOSCOW).date().isoformat()}
        elif kind == "rating.submitted":
            payload = {"rating_id": str(uuid.uuid4()), "scores": {"time": self.rng.randint(1, 5), "politeness": 5}}
        else:
            payload = {"version": "bench", "pending_events": len(self.outbox), "rejected_events": 0,
                       "disk_state": "ok", "disk_free_bytes": 10**10}
        event_id = str(uuid.uuid4())
        self.outbox.append({"id": event_id, "kind": kind, "schema": 1, "kiosk_id": self.kiosk_id,
                            "occurred_utc": utc_now(), "seq": self.seq, "payload": payload})
        return event_id

    async def call(self, method: str, path: str, body: Any = None, etag_key: str | None = None) -> tuple[int, bytes]:
        headers = dict(self.auth)
        if etag_key and etag_key in self.etags:
            headers["If-None-Match"] = self.etags[etag_key]
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        started = time.monotonic()
        try:
            status, answer, content = await self.conn.request(method, path, headers, data)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as exc:
            await self.conn.close()
            self.figures.add(self.plan.phase, started, False, type(exc).__name__)
            raise HttpError(type(exc).__name__) from None
        if status not in (200, 304):
            self.figures.add(self.plan.phase, started, False, f"http {status}")
            raise HttpError(f"http {status}")
        self.figures.add(self.plan.phase, started, True)
        if etag_key and "etag" in answer:
            self.etags[etag_key] = answer["etag"]
        return status, content

    async def push(self) -> None:
        while self.outbox:
            batch = self.outbox[:BATCH]
            self.on_wire.update(e["id"] for e in batch)
            _, content = await self.call("POST", "/api/v1/events", {"events": batch})
            results = json.loads(content)["results"]
            settled = {r["id"] for r in results if r.get("status") in ("accepted", "duplicate", "rejected")}
            for r in results:
                self.figures.answers[r.get("status", "?")] += 1
            if not settled:
                raise HttpError("no verdicts")
            self.outbox = [e for e in self.outbox if e["id"] not in settled]
            self.sent_ids |= settled
            self.figures.events_acked.append((time.monotonic(), len(settled), self.plan.phase))
            if self.backlog_ids and self.backlog_drained_at is None and self.backlog_ids <= self.sent_ids:
                self.backlog_drained_at = time.monotonic()

    async def round(self) -> None:
        if self.first_round:
            await self.call("GET", "/api/v1/kiosk/status")
            self.first_round = False
        for _ in range(self.plan.events_per_round):
            self.queue_event()
        now = time.monotonic()
        if now - self.last_heartbeat >= self.plan.heartbeat_every_s:
            self.queue_event("heartbeat")
            self.last_heartbeat = now
        await self.push()
        await self.call("GET", "/api/v1/bundle", etag_key="bundle")
        day = dt.datetime.now(MOSCOW).date().isoformat()
        await self.call("GET", f"/api/v1/appointments?date={day}", etag_key="appointments:" + day)
        await self.call("GET", "/api/v1/queue")

    async def nap(self, seconds: float) -> bool:
        """Sleep; True when the plan woke us early."""
        try:
            await asyncio.wait_for(self.plan.wake.wait(), max(0.0, seconds))
        except TimeoutError:
            return False
        return True

    async def run(self, first_delay: float, stop_at: float) -> None:
        poked = await self.nap(first_delay)
        while not self.plan.stopped and time.monotonic() < stop_at:
            if poked:  # a new interval: start again at a random moment of it
                poked = await self.nap(self.rng.uniform(0, self.plan.interval_s))
                continue
            try:
                await self.round()
                self.failures = 0
                delay = self.plan.interval_s * self.rng.uniform(0.9, 1.1)
            except HttpError:
                self.failures += 1
                delay = self.rng.uniform(0.0, min(300.0, 2.0 * 2 ** (self.failures - 1)))
            poked = await self.nap(min(delay, stop_at - time.monotonic()))


# --------------------------------------------------------------------------
# set-up: enrolment and data through the operator CLI


def run_cli(db: str, *args: str) -> str:
    out = io.StringIO()
    status = cli.main([*args, "--db", db], out=out)
    if status != 0:
        raise SystemExit(f"load_bench: `python -m central {args[0]} ...` failed with status {status}")
    return out.getvalue()


def create_database(db: str) -> None:
    """``python -m central init`` where the CLI has it; older ones create the database on first use."""
    commands = next(a for a in cli._parser()._actions if isinstance(a, argparse._SubParsersAction))
    if "init" in commands.choices:
        status = cli.main(["init", "--db", db], out=io.StringIO())
        if status != 0:
            raise SystemExit(f"load_bench: `python -m central init --db ...` failed with status {status}")


def set_up(db: str, kiosks: int, centres: int, workdir: Path) -> list[tuple[str, str, str]]:
    create_database(db)
    catalog = json.loads((ROOT / "assets" / "catalog" / "demo.json").read_text(encoding="utf-8"))
    bundle = {"catalog": catalog, "hours": {"daily": "08:00-20:00"}, "paused_services": [],
              "content": {"standard_md": {"ru": "# Стандарт", "en": "# Standard"}, "banner": None},
              "ticket_link_template": "https://mos.example.org/t/{uuid}"}
    day = dt.datetime.now(MOSCOW).date().isoformat()
    appointments = {"date": day, "appointments": [
        {"code": f"A{i:04d}", "service_id": SERVICES[i % len(SERVICES)][0],
         "slot_local": f"{9 + i // 4:02d}:{i % 4 * 15:02d}"}
        for i in range(24)]}
    queue = {"services": [{"service_id": s, "waiting": 3, "open_windows": 2, "avg_service_minutes": 12.5}
                          for s, _ in SERVICES]}
    files = {}
    for name, data in (("bundle", bundle), ("appointments", appointments), ("queue", queue)):
        files[name] = workdir / f"{name}.json"
        files[name].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    used = min(centres, kiosks)
    for c in range(used):
        centre = f"centre-{c:03d}"
        run_cli(db, "load-bundle", centre, str(files["bundle"]))
        run_cli(db, "load-appointments", centre, str(files["appointments"]))
        run_cli(db, "queue", centre, str(files["queue"]))
    # What `enrol --print-token --reissue` does for one kiosk, for all of them in one
    # transaction: a fsync per kiosk made the set-up of 1,500 kiosks take over a minute.
    enrolled = []
    now = dt.datetime.now(dt.UTC)
    with store.connection(db) as conn, conn.write():
        for k in range(kiosks):
            kiosk_id, centre = f"bench-{k:05d}", f"centre-{k % used:03d}"
            token = auth.new_token()
            store.issue_credential(conn, kiosk_id, centre, now=now, token_hash=auth.hash_secret(token), reissue=True)
            enrolled.append((kiosk_id, centre, token))
    return enrolled


def stored_events(db: str, kiosk_ids: set[str]) -> int:
    listing = json.loads(run_cli(db, "kiosks", "--json"))
    return sum(int(k["events_received"]) for k in listing if k["kiosk_id"] in kiosk_ids)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``python -m central serve`` in a child process; counts what it logs."""

    def __init__(self, db: str, workers: int, extra: list[str], log_path: Path) -> None:
        self.port = free_port()
        self.lines = 0
        self.warnings: collections.Counter[str] = collections.Counter()  # kind (message without numbers) -> count
        self.log = log_path.open("w", encoding="utf-8")
        command = [sys.executable, "-m", "central", "serve", "--db", db, "--host", "127.0.0.1",
                   "--port", str(self.port), "--workers", str(workers), "--access-log", "off", *extra]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.ready = threading.Semaphore(0)
        self.tail: collections.deque[str] = collections.deque(maxlen=20)
        threading.Thread(target=self._read, daemon=True).start()
        for _ in range(workers):
            if not self.ready.acquire(timeout=60):
                self.stop()
                raise SystemExit("load_bench: the server did not start:\n" + "".join(self.tail))

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines += 1
            self.tail.append(line)
            self.log.write(line)
            for level in (" WARNING ", "[WARNING]", " ERROR ", "[ERROR]", " CRITICAL ", "[CRITICAL]"):
                if level in line:
                    message = "".join("#" if c.isdigit() else c for c in line.split(level, 1)[1])
                    self.warnings[level.strip(" []") + " " + message[:90]] += 1
            if "Serving on" in line:
                self.ready.release()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.flush()


# --------------------------------------------------------------------------
# the runs


async def steady_and_storm(args: argparse.Namespace, enrolled: list[tuple[str, str, str]], host: str,
                           port: int) -> tuple[Figures, list[Kiosk], dict[str, Any]]:
    figures = Figures()
    plan = Plan(args.interval, args.events_per_round, args.heartbeat_every)
    rng = random.Random(args.seed)
    kiosks = [Kiosk(k, c, t, host, port, figures, plan, random.Random(rng.random()), args.tls)
              for k, c, t in enrolled]
    # steady: each kiosk starts at a random moment of the first interval
    start = time.monotonic()
    stop_at = start + args.duration
    await asyncio.gather(*(k.run(rng.uniform(0, args.interval), stop_at) for k in kiosks))
    steady_end = time.monotonic()
    storm: dict[str, Any] = {}
    if args.backlog > 0:
        # the outage: every connection drops, events pile up on each kiosk
        await asyncio.gather(*(k.conn.close() for k in kiosks))
        for k in kiosks:
            k.backlog_ids = {k.queue_event() for _ in range(args.backlog)}
        plan.phase = "storm"
        plan.stopped = False
        storm_start = time.monotonic()
        storm_stop = storm_start + args.storm_limit

        async def until_drained() -> None:
            while time.monotonic() < storm_stop and any(k.backlog_drained_at is None for k in kiosks):
                await asyncio.sleep(0.5)
            plan.stop()

        await asyncio.gather(until_drained(), *(k.run(rng.uniform(0, args.storm_window), storm_stop) for k in kiosks))
        drained = [k.backlog_drained_at for k in kiosks]
        storm = {
            "start": storm_start,
            "backlog_events": args.backlog * len(kiosks),
            "drained": all(d is not None for d in drained),
            "drain_s": (max(d for d in drained if d is not None) - storm_start) if any(drained) else float("nan"),
        }
    # Settle: every kiosk sends what it still holds (as its next rounds would), a few at a time,
    # so the server's count can be compared with every event made.
    plan.phase = "settle"
    gate = asyncio.Semaphore(50)
    settle_stop = time.monotonic() + args.storm_limit

    async def settle(kiosk: Kiosk) -> None:
        async with gate:
            while kiosk.outbox and time.monotonic() < settle_stop:
                try:
                    await kiosk.push()
                except HttpError:
                    await asyncio.sleep(rng.uniform(0.5, 2.0))

    await asyncio.gather(*(settle(k) for k in kiosks))
    await asyncio.gather(*(k.conn.close() for k in kiosks))
    storm["steady_span"] = (start, steady_end)
    return figures, kiosks, storm


async def ramp(args: argparse.Namespace, enrolled: list[tuple[str, str, str]], host: str,
               port: int) -> None:
    figures = Figures()
    requests_per_round = 4 + 0.0  # events, bundle, appointments, queue
    plan = Plan(args.interval, args.events_per_round, args.heartbeat_every, phase="ramp")
    rng = random.Random(args.seed)
    kiosks = [Kiosk(k, c, t, host, port, figures, plan, random.Random(rng.random()), args.tls)
              for k, c, t in enrolled]
    rate = args.ramp_start
    plan.interval_s = len(kiosks) * requests_per_round / rate
    end_all = time.monotonic() + args.step_seconds * args.max_steps + 3600
    # First rounds spread over the first step's interval, as later ones are.
    tasks = [asyncio.create_task(k.run(rng.uniform(0, plan.interval_s), end_all)) for k in kiosks]
    print(f"ramp: {len(kiosks)} kiosks, steps of {args.step_seconds} s, rate x{args.ramp_factor} per step")
    best: dict[str, Any] | None = None
    over = False
    for step in range(args.max_steps):
        if step:
            plan.interval_s = len(kiosks) * requests_per_round / rate
            plan.poke()
        step_start = time.monotonic()
        await asyncio.sleep(args.step_seconds)
        # measured over the step's second half, after every kiosk took up the new interval
        s = figures.summary("ramp", step_start + args.step_seconds / 2, time.monotonic())
        ok = s["requests"] > 0 and s["failed"] == 0 and s["p99_ms"] <= P99_TARGET_MS
        print(f"  step {step + 1}: interval {plan.interval_s:.2f} s, target {rate:.0f} req/s -> "
              f"{s.get('req_per_s', 0):.1f} req/s, {s.get('events_per_s', 0):.1f} events/s, "
              f"p99 {s.get('p99_ms', float('nan')):.0f} ms, failed {s['failed']}  {'ok' if ok else 'OVER'}")
        if not ok:
            over = True
            break
        best = s
        rate *= args.ramp_factor
    plan.stop()
    await asyncio.gather(*tasks)
    await asyncio.gather(*(k.conn.close() for k in kiosks))
    if best is None:
        print("saturation: even the first step missed p99 <= 300 ms with no failure")
    else:
        if not over:
            print(f"not saturated within {args.max_steps} steps: the point is above the last step")
        print(f"saturation point: {best['req_per_s']:.1f} req/s, {best['events_per_s']:.1f} events/s "
              f"(last step with p99 <= {P99_TARGET_MS:.0f} ms and 0 failures; p99 {best['p99_ms']:.0f} ms)")
    if figures.failures:
        print("  failures: " + ", ".join(f"{reason} x{n}" for reason, n in figures.failures.most_common()))


def raise_file_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def remove_workdir(workdir: Path, args: argparse.Namespace) -> None:
    """The bench's own folder (input files, server log, the database when no --db was named), unless --keep."""
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kiosks", type=int, default=1500)
    parser.add_argument("--centres", type=int, default=139, help="kiosks are spread over this many centres")
    parser.add_argument("--duration", type=float, default=300.0, help="seconds of steady rounds")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between a kiosk's rounds")
    parser.add_argument("--events-per-round", type=int, default=2)
    parser.add_argument("--heartbeat-every", type=float, default=300.0)
    parser.add_argument("--backlog", type=int, default=60, help="events each kiosk brings back after the outage")
    parser.add_argument("--storm-window", type=float, default=60.0, help="kiosks come back within this many seconds")
    parser.add_argument("--storm-limit", type=float, default=300.0, help="seconds the storm phase may take")
    parser.add_argument("--db", help="SQLite path, postgresql:// URL, or postgresql: a private durable PostgreSQL "
                        "started for the run from Debian's binaries (default: a new SQLite file)")
    parser.add_argument("--url", help="an already running server (then --db must be its database)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the server the bench starts")
    parser.add_argument("--server-arg", action="append", default=[], help="passed on to `serve` (repeatable)")
    parser.add_argument("--quick", action="store_true", help="100 kiosks, 60 s, interval 10 s, backlog 20")
    parser.add_argument("--ramp", action="store_true", help="raise the rate step by step to the saturation point")
    parser.add_argument("--ramp-start", type=float, default=50.0, help="requests/s of the ramp's first step")
    parser.add_argument("--step-seconds", type=float, default=60.0)
    parser.add_argument("--ramp-factor", type=float, default=1.25)
    parser.add_argument("--max-steps", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the working folder (server log, database)")
    parser.add_argument("--proxy", action="store_true",
                        help="kiosks speak TLS to nginx (deploy/proxy/nginx.conf, as deployed) in front of the server")
    args = parser.parse_args()
    if args.quick:
        args.kiosks, args.duration, args.interval, args.backlog = 100, 60.0, 10.0, 20
        args.storm_window, args.step_seconds = 20.0, 20.0
    if args.url and not args.db:
        parser.error("--url needs --db: kiosks are enrolled in the server's database")
    raise_file_limit()
    with contextlib.ExitStack() as stack:
        if args.db == "postgresql":
            from tests.central import server_dbs

            reason = server_dbs.unavailable_reason()
            if reason:
                raise SystemExit(f"load_bench: cannot start PostgreSQL: {reason}")
            # fsync and synchronous_commit on: what production pays for an acknowledged event.
            args.db = stack.enter_context(server_dbs.cluster(durable=True)).create_database()
        return run(args)


def run(args: argparse.Namespace) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="load-bench-"))
    db = args.db or str(workdir / "central.db")
    print(f"machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.2f} at start (shared with other work)")
    started = time.monotonic()
    enrolled = set_up(db, args.kiosks, args.centres, workdir)
    print(f"set-up: {len(enrolled)} kiosks enrolled over {min(args.centres, args.kiosks)} centres "
          f"in {time.monotonic() - started:.0f} s (db {db.split('@')[-1]})")
    server = None
    if args.url:
        rest = args.url.split("://", 1)[1].rstrip("/")
        host, _, port_text = rest.partition(":")
        port = int(port_text or 80)
    else:
        extra = [*args.server_arg, *(["--trusted-proxy", "127.0.0.1"] if args.proxy else [])]
        server = ServerProcess(db, args.workers, extra, workdir / "server.log")
        host, port = "127.0.0.1", server.port
        print(f"server: python -m central serve --workers {args.workers} {' '.join(extra)}".rstrip())
    args.tls = None
    proxy = None
    if args.proxy:
        from tests.nginx_support import NginxProcess, loopback_config

        folder = Path(tempfile.mkdtemp(prefix="load-bench-proxy-"))
        listen = free_port()
        proxy = NginxProcess(folder, loopback_config(folder, listen_port=listen, upstream_port=port,
                                                     access_log=False))
        args.tls = ssl.create_default_context(cafile=str(folder / "tls" / "ca.pem"))
        port = listen
        print(f"proxy: nginx with deploy/proxy/nginx.conf on 127.0.0.1:{listen}, TLS verified against a "
              "throwaway CA; the kiosks connect to it")
    try:
        if args.ramp:
            asyncio.run(ramp(args, enrolled, host, port))
            remove_workdir(workdir, args)
            return 0
        print(f"run: {args.kiosks} kiosks, a round every {args.interval:.0f} s ±10 %, {args.events_per_round} "
              f"events a round, {args.duration:.0f} s steady, then a storm ({args.backlog} events each, back "
              f"within {args.storm_window:.0f} s)")
        figures, kiosks, storm = asyncio.run(steady_and_storm(args, enrolled, host, port))
    finally:
        if proxy is not None:
            proxy.stop()
            shutil.rmtree(folder, ignore_errors=True)
        if server is not None:
            server.stop()
    s0, s1 = storm["steady_span"]
    # the first interval is the ramp-up of connections; steady figures start after it
    steady_from = s0 + min(args.interval, args.duration / 2)
    print_summary("steady", figures.summary("steady", steady_from, s1))
    # Where the slow answers of the steady phase fall: spread out, or in a few bursts.
    windows = []
    at = steady_from
    while at < s1:
        part = figures.summary("steady", at, min(s1, at + 10.0))
        if part["requests"]:
            windows.append(f"{part['p99_ms']:.0f}")
        at += 10.0
    print("steady p99 per 10 s (ms): " + " ".join(windows))
    if "start" in storm:
        print_summary("storm", figures.summary("storm"))
        drained = f"{storm['drain_s']:.1f} s" if storm["drained"] else f"NOT drained within {args.storm_limit:.0f} s"
        print(f"storm: {storm['backlog_events']} backlog events, drained in {drained}")
    total = figures.summary(None)
    print_summary("all", total)
    if figures.failures:
        print("failures: " + ", ".join(f"{reason} x{n}" for reason, n in figures.failures.most_common()))
    print(f"reconnects of idle connections the server closed: {figures.reconnects}")
    settle = figures.summary("settle")
    if settle["requests"]:
        print(f"settle (what was still pending, sent afterwards): {settle['requests']} requests, "
              f"{settle['failed']} failed")
    sent = sum(len(k.sent_ids) for k in kiosks)
    wire = sum(len(k.on_wire) for k in kiosks)
    created = sum(k.seq for k in kiosks)
    unsent = sum(len(k.outbox) for k in kiosks)
    stored = stored_events(db, {k.kiosk_id for k in kiosks})
    answers = ", ".join(f"{n} {status}" for status, n in sorted(figures.answers.items()))
    print(f"events: {created} created, {wire} sent, {sent} acknowledged, {unsent} never acknowledged; "
          f"answers: {answers} (a duplicate answer is a resend after a lost answer)")
    # The server may hold an event whose answer the kiosk never got, never one it was not sent,
    # and never one twice; once everything is acknowledged the counts must be equal.
    exact = sent <= stored <= wire and (unsent > 0 or stored == created)
    verdict = "no duplicate, none lost" if exact else "MISMATCH: lost or duplicated events"
    print(f"server stores {stored} events of these kiosks ({verdict})")
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(f"this load generator used {usage.ru_utime + usage.ru_stime:.0f} s of CPU")
    if server is not None:
        print(f"server log: {server.lines} lines, {sum(server.warnings.values())} warnings or errors"
              + (f" (kept in {workdir / 'server.log'})" if args.keep else ""))
        for kind, count in server.warnings.most_common(6):
            print(f"  {count} x {kind.strip()}")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    if server is not None:
        server.log.close()
    remove_workdir(workdir, args)
    failed = total.get("failed", 0) > 0 or not exact or unsent > 0 or ("drained" in storm and not storm["drained"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
