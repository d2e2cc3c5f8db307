"""Benchmark: start-up to an interactive Home against a bare PySide6 window, tap to ticket, printing.

    python bench/kiosk_bench.py [--runs 7] [--taps 50] [--quick] [--root DIR] [--json]

Start-up: the kiosk (demo config, offscreen) and a bare
PySide6 window (a QApplication, a QWidget with a label and a button, shown,
one turn of the event loop, exit) are each started ``--runs`` times in the
same run, alternately, every run a fresh interpreter. "Interactive" means
the window is shown and the event loop has run a queued call. Wall time is
from spawning the interpreter to that moment; CPU time is the child's own
up to it. Peak RSS is the child's high-water mark one second after it
became interactive (what start-up cost in memory, and the first loop
turns). Bytecode is cached in a temporary folder (one uncounted warm-up
start of each), as on an installed kiosk where ``.pyc`` files exist. The
kiosk starts on the data folder its warm-up start made (every start of a
kiosk but the first); three more starts on an empty folder give the first
start's figure.

Tap to ticket: a real mouse click on a service tile, timed until the ticket
screen has painted; its ticket row and outbox row are then read back
through a second connection (they were committed before the screen
changed). The print job is rendered to PDF on the print thread; its time
and thread are recorded by the printer itself.

``--root DIR`` measures another checkout of the project (for before/after).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Both children print one JSON line: the moment they were interactive, their CPU time then,
# and their memory one second later.
_MEASURE = r"""
def _memory():
    marks = {}
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(("VmRSS", "VmHWM")):
                marks[line.split(":")[0]] = int(line.split()[1])
    return marks
"""

BARE_CHILD = _MEASURE + r"""
import json, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget
app = QApplication([])
window = QWidget()
column = QVBoxLayout(window)
column.addWidget(QLabel("Hello"))
column.addWidget(QPushButton("Press"))
window.show()
marks = {}
def ready():
    marks["ready"] = time.monotonic()
    marks["cpu"] = time.process_time()
    QTimer.singleShot(1000, settle)
def settle():
    marks.update(_memory())
    app.exit(0)
QTimer.singleShot(0, ready)
app.exec()
print(json.dumps(marks))
"""

KIOSK_CHILD = _MEASURE + r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
from kiosk.config import DEMO_CONFIG, load_config
from ui.app import Kiosk
kiosk = Kiosk(load_config(DEMO_CONFIG), Path(sys.argv[2]))
kiosk.show(windowed=True)
marks = {}
def ready():
    marks["ready"] = time.monotonic()
    marks["cpu"] = time.process_time()
    QTimer.singleShot(1000, settle)
def settle():
    marks.update(_memory())
    marks["modules"] = sorted(m for m in ("requests", "sqlite_utils", "qrcode", "ui.admin.screen",
                                          "ui.rating.criteria") if m in sys.modules)
    kiosk.app.exit(0)
QTimer.singleShot(0, ready)
kiosk.app.exec()
kiosk.shutdown()
print(json.dumps(marks))
"""


def machine() -> dict[str, str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {"uname": " ".join(platform.uname()), "cpu": model, "cores": str(os.cpu_count()),
            "python": platform.python_version(), "commit": commit,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def _child_env(pycache: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=pycache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _start_once(script: str, args: list[str], env: dict[str, str]) -> dict[str, Any]:
    start = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    marks: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    marks["wall_ms"] = (marks["ready"] - start) * 1000
    marks["cpu_ms"] = marks["cpu"] * 1000
    return marks


def startup(runs: int, root: Path) -> dict[str, Any]:
    """Kiosk and bare window, ``runs`` starts each, alternating.

    "kiosk" starts on the data folder an earlier start left (every start of a
    kiosk but its very first); "first" starts on an empty folder (the store
    is created and every migration runs), three times.
    """
    results: dict[str, list[dict[str, Any]]] = {"kiosk": [], "bare": [], "first": []}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-pyc-") as pycache, \
            tempfile.TemporaryDirectory(prefix="kiosk-bench-data-") as kept:
        env = _child_env(pycache)
        for i in range(runs + 1):
            kiosk = _start_once(KIOSK_CHILD, [str(root), kept], env)
            bare = _start_once(BARE_CHILD, [], env)
            if i:  # the first of each only fills the bytecode cache (and makes the store)
                results["kiosk"].append(kiosk)
                results["bare"].append(bare)
            if 0 < i <= 3:
                with tempfile.TemporaryDirectory() as data:
                    results["first"].append(_start_once(KIOSK_CHILD, [str(root), data], env))

    def med(kind: str, key: str) -> float:
        return statistics.median(float(r[key]) for r in results[kind])

    summary = {kind: {"wall_ms": med(kind, "wall_ms"), "cpu_ms": med(kind, "cpu_ms"),
                      "peak_rss_mib": med(kind, "VmHWM") / 1024, "rss_mib": med(kind, "VmRSS") / 1024,
                      "walls": [round(r["wall_ms"]) for r in results[kind]]}
               for kind in results}
    summary["first_ratio_wall"] = summary["first"]["wall_ms"] / summary["bare"]["wall_ms"]
    summary["ratio_wall"] = summary["kiosk"]["wall_ms"] / summary["bare"]["wall_ms"]
    summary["ratio_cpu"] = summary["kiosk"]["cpu_ms"] / summary["bare"]["cpu_ms"]
    summary["modules_loaded"] = results["kiosk"][-1].get("modules", [])
    return summary


class TimedPrinter:
    """A PDF printer that records how long each job took to render and on which thread."""

    def __init__(self, pdf_dir: Path) -> None:
        from ui.printing.service import QtTicketPrinter

        self.inner = QtTicketPrinter(pdf_dir=pdf_dir)
        self.durations: list[float] = []
        self.threads: set[str] = set()

    def print_ticket(self, job: Any) -> None:
        start = time.perf_counter()
        self.inner.print_ticket(job)
        self.durations.append((time.perf_counter() - start) * 1000)
        self.threads.add("gui" if threading.current_thread() is threading.main_thread() else "worker")


def tap_to_ticket(taps: int, root: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(root))
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from kiosk.config import DEMO_CONFIG, load_config
    from ui.app import Kiosk, application

    app = application()
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen's size-hint notices, once per screen
    durations: list[float] = []
    missing = 0
    with tempfile.TemporaryDirectory() as data:
        printer = TimedPrinter(Path(data) / "printed")
        kiosk = Kiosk(load_config(DEMO_CONFIG), Path(data), printer=printer)
        window = kiosk.window
        kiosk.show(windowed=True)
        app.processEvents()
        kiosk.on_interactive()  # what the kiosk does on its first loop turn (QR warm-up, heap settled)
        app.processEvents()
        reader = sqlite3.connect(Path(data) / "kiosk.db")

        def click(widget: Any) -> None:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(widget.width() // 2, widget.height() // 2))

        for i in range(taps):
            window.go_home()
            app.processEvents()
            click(window.home.ticket_tile)
            app.processEvents()
            click(window.categories.category_tiles["passports"])
            app.processEvents()
            tile = window.services.tiles["passport-internal" if i % 2 else "registration"]
            start = time.perf_counter()
            click(tile)
            # What the next turn of the event loop does before a visitor sees the ticket:
            # the posted layout requests, then the frame's paint (one paint of the number).
            app.sendPostedEvents()
            durations.append((time.perf_counter() - start) * 1000)
            shown = window.ticket.ticket
            if window.current() is not window.ticket or shown is None:
                missing += 1
                continue
            rows = reader.execute("SELECT count(*) FROM tickets WHERE id = ?", (shown.id,)).fetchone()[0]
            events = reader.execute("SELECT count(*) FROM outbox WHERE kind = 'ticket.issued' AND "
                                    "json_extract(payload, '$.ticket_id') = ?", (shown.id,)).fetchone()[0]
            missing += (rows, events) != (1, 1)
            app.processEvents()
        deadline = time.monotonic() + 30
        while len(printer.durations) < taps and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        reader.close()
        kiosk.shutdown()
        shutil.rmtree(Path(data) / "printed", ignore_errors=True)
    return {"tap_ms": durations, "missing": missing, "print_ms": printer.durations,
            "print_threads": sorted(printer.threads)}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="start-ups of each (default 7)")
    parser.add_argument("--taps", type=int, default=50, help="tickets taken (default 50)")
    parser.add_argument("--quick", action="store_true", help="a short run: 3 start-ups each, 20 taps")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON line at the end")
    args = parser.parse_args(argv)
    runs, taps = (3, 20) if args.quick else (args.runs, args.taps)
    facts = machine()
    print(f"machine: {facts['uname']}; {facts['cpu']}; {facts['cores']} cores; Python {facts['python']}")
    print(f"commit {facts['commit']}, {facts['date']}, root {args.root}")
    s = startup(runs, args.root)
    k, b = s["kiosk"], s["bare"]
    print(f"start-up to interactive, median of {runs}: kiosk wall {k['wall_ms']:.0f} ms, CPU {k['cpu_ms']:.0f} ms; "
          f"bare window wall {b['wall_ms']:.0f} ms, CPU {b['cpu_ms']:.0f} ms")
    print(f"  ratio kiosk / bare: wall {s['ratio_wall']:.2f}x, CPU {s['ratio_cpu']:.2f}x (target <= 3x wall)")
    print(f"  walls: kiosk {k['walls']}, bare {b['walls']}")
    f = s["first"]
    print(f"first start on an empty data folder (store created), median of {len(f['walls'])}: "
          f"wall {f['wall_ms']:.0f} ms ({f['wall_ms'] / b['wall_ms']:.2f}x bare), CPU {f['cpu_ms']:.0f} ms")
    print(f"peak RSS after start, median: kiosk {k['peak_rss_mib']:.1f} MiB, bare {b['peak_rss_mib']:.1f} MiB "
          f"(target <= 100 MiB); RSS then: kiosk {k['rss_mib']:.1f} MiB")
    print(f"  loaded at start of those watched: {', '.join(s['modules_loaded']) or 'none'}")
    t = tap_to_ticket(taps, args.root)
    taps_ms, prints = t["tap_ms"], t["print_ms"]
    print(f"tap to ticket on screen (rows committed), {len(taps_ms)} taps: median {statistics.median(taps_ms):.1f} ms, "
          f"p95 {percentile(taps_ms, 95):.1f} ms, max {max(taps_ms):.1f} ms (target p95 <= 50 ms); "
          f"tickets without both rows: {t['missing']}")
    if prints:
        print(f"print job rendered (PDF), {len(prints)} jobs: median {statistics.median(prints):.1f} ms, "
              f"p95 {percentile(prints, 95):.1f} ms (target <= 150 ms), on thread: {', '.join(t['print_threads'])}")
    figures = {"machine": facts, "startup": s, "tap_p95_ms": percentile(taps_ms, 95),
               "tap_median_ms": statistics.median(taps_ms), "missing": t["missing"],
               "print_p95_ms": percentile(prints, 95) if prints else None,
               "print_threads": t["print_threads"]}
    for name, value in (("start-up wall, kiosk / bare window", f"{s['ratio_wall']:.2f}x (target <= 3x)"),
                        ("start-up CPU, kiosk / bare window", f"{s['ratio_cpu']:.2f}x"),
                        ("start-up wall, kiosk", f"{k['wall_ms']:.0f} ms (bare {b['wall_ms']:.0f} ms)"),
                        ("first start (empty data folder) / bare", f"{s['first_ratio_wall']:.2f}x"),
                        ("peak RSS after start", f"{k['peak_rss_mib']:.1f} MiB (bare {b['peak_rss_mib']:.1f} MiB)"),
                        ("tap to ticket p95", f"{percentile(taps_ms, 95):.1f} ms (target <= 50 ms)"),
                        ("print job rendered p95", f"{figures['print_p95_ms']:.1f} ms on the "
                                                   f"{'/'.join(t['print_threads'])} thread (target <= 150 ms)"
                                                   if prints else "no jobs")):
        print(f"figure: {name} = {value}")
    if args.json:
        print(json.dumps(figures))
    return figures


if __name__ == "__main__":
    main()
