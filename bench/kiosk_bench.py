"""Benchmark: start-up to an interactive Home, tap-to-ticket, idle memory.

    python bench/kiosk_bench.py [--runs 7] [--taps 50]

Each start-up run is a fresh interpreter (cold imports, new data folder),
offscreen, with the demo config; "interactive" means the window is shown
and the event loop has run a queued call. Tap-to-ticket is timed from the
service tile's click to the ticket screen painted, with the PDF printer on.
Idle RSS is the process's resident memory after two seconds on Home.
Figures are medians; the machine is printed with them.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time, json
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from kiosk.config import load_config, DEMO_CONFIG
from ui.app import Kiosk

kiosk = Kiosk(load_config(DEMO_CONFIG), Path(sys.argv[2]))
kiosk.show(windowed=True)
marks = {}

def ready():
    marks["ready"] = time.monotonic()
    QTimer.singleShot(2000, settle)

def settle():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS", "VmHWM")):
                marks[line.split(":")[0]] = int(line.split()[1])
    kiosk.app.exit(0)

QTimer.singleShot(0, ready)
kiosk.app.exec()
kiosk.shutdown()
print(json.dumps(marks))
"""


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}")


def startup_runs(runs: int) -> tuple[list[float], list[int], list[int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times, rss, peak = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as data:
            start = time.monotonic()
            out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), data], env=env, capture_output=True,
                                 text=True, check=True, timeout=120).stdout
            marks = json.loads(out.strip().splitlines()[-1])
            times.append((marks["ready"] - start) * 1000)
            rss.append(marks["VmRSS"])
            peak.append(marks["VmHWM"])
    return times, rss, peak


def tap_to_ticket(taps: int) -> list[float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from kiosk.config import DEMO_CONFIG, load_config
    from ui.app import Kiosk, application

    app = application()
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen's size-hint notices, once per screen
    durations = []
    with tempfile.TemporaryDirectory() as data:
        kiosk = Kiosk(load_config(DEMO_CONFIG), Path(data))
        window = kiosk.window
        kiosk.show(windowed=True)
        app.processEvents()
        for i in range(taps):
            window.go_home()
            window.home.ticket_tile.click()
            window.categories.category_tiles["passports"].click()
            app.processEvents()
            tile = window.services.tiles["passport-internal" if i % 2 else "registration"]
            start = time.perf_counter()
            tile.click()
            window.ticket.repaint()  # paint now, as the next frame would
            durations.append((time.perf_counter() - start) * 1000)
            app.processEvents()
        kiosk.shutdown()
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--taps", type=int, default=50)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    times, rss, peak = startup_runs(args.runs)
    print(f"start-up to interactive Home: median {statistics.median(times):.0f} ms "
          f"(min {min(times):.0f}, max {max(times):.0f}, {args.runs} runs)")
    print(f"idle RSS on Home: median {statistics.median(rss) / 1024:.1f} MiB "
          f"(peak during start-up {statistics.median(peak) / 1024:.1f} MiB)")
    taps = tap_to_ticket(args.taps)
    print(f"tap to ticket on screen: median {statistics.median(taps):.1f} ms "
          f"(p90 {sorted(taps)[int(len(taps) * 0.9) - 1]:.1f}, max {max(taps):.1f}, {args.taps} taps)")


if __name__ == "__main__":
    main()
