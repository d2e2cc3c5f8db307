"""Benchmark: drain a large outbox to the local reference server.

    python bench/sync_bench.py [--events 100000] [--batch 200]

The reference server runs in its own process (waitress, SQLite). The kiosk
side runs in this process as it does on a kiosk: a Qt event loop on the main
thread and the sync thread draining the outbox. A 1 ms timer on the GUI
thread records the longest gap between its ticks, i.e. the longest stall a
visitor's tap could have met while sync ran. Prints events per second, the
kiosk process's peak RSS, and the stall figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
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
    parser.add_argument("--fill", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill:
        fill_outbox(args.fill, args.events)
        return

    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from central import cli as central_cli
    from kiosk.clock import SystemClock
    from kiosk.sync.client import ServerClient
    from kiosk.sync.runner import SyncRunner

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        server_db = tmp_path / "central.db"
        out = io.StringIO()
        central_cli.main(["enrol", "bench-kiosk", "--centre", "bench-centre", "--print-token",
                          "--db", str(server_db)], out=out)
        token = next(line.split(": ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("token: "))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "central", "serve", "--db", str(server_db),
                                   "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            url = f"http://127.0.0.1:{port}"
            assert server.stderr is not None
            for line in server.stderr:  # waitress says when it listens
                if "Serving on" in line:
                    break
            else:
                raise RuntimeError("the reference server did not start")
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
            print(f"events: {args.events} in batches of {args.batch}")
            print(f"drained in {elapsed:.1f} s: {args.events / elapsed:.0f} events/s")
            print(f"kiosk process peak RSS: {peak / 1024:.0f} MiB")
            print(f"GUI thread: timer gap median {statistics.median(gaps):.1f} ms, "
                  f"p99 {sorted(gaps)[int(len(gaps) * 0.99)]:.1f} ms, longest {max(gaps):.1f} ms, "
                  f"{over} of {len(gaps)} ticks over 16 ms")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
