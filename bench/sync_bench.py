"""Benchmark: drain a large outbox to the local reference server.

    python bench/sync_bench.py [--events 100000] [--batch 200] [--quick] [--db DB]

``--db`` chooses the server's database: ``sqlite`` (the default, a new file
in a temporary folder), ``postgresql`` (a private PostgreSQL started for the
run from Debian's binaries, with production durability: fsync and
synchronous_commit on), or a ``postgresql://`` URL of a database to use (the
bench kiosk is enrolled there, or re-enrolled). ``--quick`` drains 10,000
events instead of 100,000. ``--server-source DIR`` runs the server from
another checkout of the project (for a before/after comparison, e.g. a
``git archive`` of an older commit unpacked in DIR); ``--serve-arg`` passes
extra options to ``serve``.

The reference server runs in its own process (``python -m central serve``).
The kiosk side runs in this process as it does on a kiosk: a Qt event loop
on the main thread and the sync thread draining the outbox. A 1 ms timer on
the GUI thread records the longest gap between its ticks, i.e. the longest
stall a visitor's tap could have met while sync ran. Prints events per
second, the kiosk process's peak RSS, the stall figures and the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill_outbox(data: Path, count: int) -> None:
    from kiosk.clock import SystemClock, iso_utc
    from kiosk.store import EVENT_SCHEMA, Store

    store = Store.open(data, SystemClock())
    now = iso_utc(SystemClock().now_utc())
    day = dt.date.today().isoformat()
    def rows() -> Iterator[tuple[str, str, int, str, str]]:
        for i in range(count):
            payload = {"ticket_id": str(uuid.uuid4()), "number": f"П{i % 999 + 1:03d}", "prefix": "П",
                       "seq_number": i % 999 + 1, "business_day": day, "category_id": "passports",
                       "service_id": "passport-internal", "centre_id": "bench-centre", "issued_utc": now,
                       "people_ahead": 3, "wait_minutes": 6, "language": "ru"}
            yield (str(uuid.uuid4()), "ticket.issued", EVENT_SCHEMA, now, json.dumps(payload, ensure_ascii=False))

    with store.transaction() as tx:
        tx.executemany("INSERT INTO outbox (id, kind, schema, occurred_utc, payload) VALUES (?, ?, ?, ?, ?)", rows())
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--quick", action="store_true", help="10,000 events (a minute's check, not the figure)")
    parser.add_argument("--db", default="sqlite", help="sqlite, postgresql (a private one), or a postgresql:// URL")
    parser.add_argument("--server-source", type=Path, help="run the server from this checkout instead")
    parser.add_argument("--serve-arg", action="append", default=[], help="an extra option for serve (repeatable)")
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--hold-postgresql", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.events = 10_000
    if args.fill:
        fill_outbox(args.fill, args.events)
        return
    if args.hold_postgresql:
        hold_postgresql()
        return
    with contextlib.ExitStack() as stack:
        if args.db == "postgresql":
            # In a child process, so the kiosk's peak RSS below holds no database driver.
            holder = subprocess.Popen([sys.executable, __file__, "--hold-postgresql"], cwd=ROOT,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            stack.callback(holder.wait, 60)
            assert holder.stdin is not None and holder.stdout is not None
            stack.callback(holder.stdin.close)
            args.db = holder.stdout.readline().strip()
            if not args.db.startswith("postgresql://"):
                raise SystemExit("sync_bench: the private PostgreSQL did not start")
        run(args)


def hold_postgresql() -> None:
    """Start a private, durable PostgreSQL, print a database URL, keep it until stdin closes."""
    from tests.central import server_dbs

    reason = server_dbs.unavailable_reason()
    if reason:
        print(f"cannot start PostgreSQL: {reason}", flush=True)
        return
    with server_dbs.cluster(durable=True) as cluster:
        print(cluster.create_database(), flush=True)
        sys.stdin.read()


def wait_healthy(url: str, server: subprocess.Popen[str], timeout: float = 60.0) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the reference server exited with {server.returncode}")
        try:
            if requests.get(url + "/api/v1/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)  # polling a process that gives no readiness signal of its own to this script
    raise RuntimeError("the reference server did not answer /health")


def run(args: argparse.Namespace) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk import heap
    from kiosk.clock import SystemClock
    from kiosk.sync.client import ServerClient
    from kiosk.sync.runner import SyncRunner
    from ui.app import SWITCH_INTERVAL_S

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        server_db = str(tmp_path / "central.db") if args.db == "sqlite" else args.db
        source = args.server_source.resolve() if args.server_source else ROOT
        env = {**os.environ, "PYTHONPATH": str(source)}
        # Enrolled by the server's own code (an older checkout has an older schema).
        enrolled = subprocess.run([sys.executable, "-m", "central", "enrol", "bench-kiosk", "--centre", "bench-centre",
                                   "--print-token", "--reissue", "--db", server_db], cwd=source, env=env,
                                  capture_output=True, text=True, check=True)
        token = next(line.split(": ", 1)[1] for line in enrolled.stdout.splitlines() if line.startswith("token: "))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "central", "serve", "--db", server_db,
                                   "--host", "127.0.0.1", "--port", str(port), *args.serve_arg], cwd=source, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, server)
            # Filled by a child process, so the peak RSS below is the syncing kiosk's own.
            subprocess.run([sys.executable, __file__, "--fill", str(tmp_path / "kiosk"), "--events",
                            str(args.events)], check=True)
            app = QApplication([])
            gaps: list[float] = []
            ticker = QElapsedTimer()
            ticker.start()

            def tick() -> None:
                gaps.append(ticker.nsecsElapsed() / 1e6)
                ticker.restart()

            timer = QTimer()
            timer.setInterval(1)
            timer.timeout.connect(tick)
            done: dict[str, float] = {}

            def on_status(status: object) -> None:
                if getattr(status, "pending", 1) == 0 and "end" not in done:
                    done["end"] = time.perf_counter()
                    app.exit(0)  # thread-safe: posts to the GUI loop

            runner = SyncRunner(tmp_path / "kiosk", lambda: ServerClient(url, token), "bench-kiosk",
                                business_day=dt.date.today, clock=SystemClock(), on_status=on_status,
                                interval_s=3600, batch_size=args.batch)
            # As the kiosk does once Home is interactive (ui/app.py, kiosk/heap.py).
            heap.settle()
            sys.setswitchinterval(SWITCH_INTERVAL_S)
            start = time.perf_counter()
            timer.start()
            runner.start()
            app.exec()
            runner.stop()
            elapsed = done["end"] - start
            with open("/proc/self/status") as status:
                peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
            gaps = gaps[10:]  # the loop's first ticks include start-up
            over = sum(1 for g in gaps if g > 16)
            where = "SQLite" if args.db == "sqlite" else "PostgreSQL"
            print(f"machine: {platform.node()}, {os.cpu_count()} CPUs, {platform.platform()}, Python "
                  f"{platform.python_version()}; server database: {where}; server code: {source}")
            print(f"events: {args.events} in batches of {args.batch}")
            print(f"drained in {elapsed:.1f} s: {args.events / elapsed:.0f} events/s")
            print(f"kiosk process peak RSS: {peak / 1024:.0f} MiB")
            print(f"GUI thread: timer gap median {statistics.median(gaps):.1f} ms, "
                  f"p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.1f} ms, longest {max(gaps):.1f} ms, "
                  f"{over} of {len(gaps)} ticks over 16 ms")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
