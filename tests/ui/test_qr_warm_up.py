"""The QR encoder (``qrcode``, and PIL with it) is imported ahead of the first
ticket, off the GUI thread, once Home takes touches: not before (start-up does
not load it), and not on the GUI thread. A ticket taken while that import is
still under way shows a code that scans to its link.

Checked in a fresh interpreter running the kiosk's real event loop
(``Kiosk.run``), since this one has the encoder loaded already. An audit hook
notes which thread imports each module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, logging, sqlite3, sys, threading
from contextlib import closing
from pathlib import Path

GATED = sys.argv[2] == "ticket"
GUI = threading.get_ident()


class Watcher:
    # An audit hook: Python raises "import" when a thread starts loading a module that is
    # not in sys.modules yet, before it takes any import lock. The first thread to do so
    # for each module of the encoder is noted. Gated, the warm-up is held as it starts
    # qrcode.main (the package half made, qrcode.constants not loaded) until the GUI
    # thread starts an import of the encoder itself: the two then race on Python's locks.
    def __init__(self):
        self.thread_of = {}
        self.parked = threading.Event()
        self.go = threading.Event()
        self.released_by_gui = False

    def __call__(self, event, args):
        if event != "import" or str(args[0]).split(".")[0] not in ("qrcode", "PIL"):
            return
        name, me = str(args[0]), threading.get_ident()
        self.thread_of.setdefault(name, me)
        if me == GUI and self.parked.is_set() and not self.go.is_set():
            self.released_by_gui = True
            self.go.set()
        if GATED and me != GUI and name == "qrcode.main" and not self.go.is_set():
            self.parked.set()
            self.go.wait(20)


watcher = Watcher()
sys.addaudithook(watcher)

from PySide6.QtCore import QElapsedTimer, QTimer
from kiosk.config import DEMO_CONFIG, load_config
from tests.ui.input_events import tap
from ui.app import Kiosk

kiosk = Kiosk(load_config(DEMO_CONFIG), Path(sys.argv[1]), printer=None)
window = kiosk.window
result = {"gui": GUI}


class AtInteractive(logging.Handler):
    # The moment Kiosk says Home takes touches (READY=1 for the service manager).
    def emit(self, record):
        if record.getMessage() == "kiosk interactive":
            result["at_interactive"] = sorted(n for n in ("qrcode", "PIL") if n in sys.modules)


logging.getLogger("ui.app").addHandler(AtInteractive())
logging.getLogger("ui.app").setLevel(logging.INFO)


def encoder_loaded():
    module = sys.modules.get("qrcode")
    return module is not None and not getattr(module.__spec__, "_initializing", True) and "PIL" in sys.modules


def until(condition, then):
    # Polls on the kiosk's own loop; gives up (and reports) after 30 s.
    clock = QElapsedTimer()
    clock.start()
    poll = QTimer(window)
    poll.setInterval(10)

    def check():
        if condition() or clock.elapsed() > 30_000:
            poll.stop()
            poll.deleteLater()
            then()
    poll.timeout.connect(check)
    poll.start()


def finish():
    result["loaded"] = encoder_loaded()
    result["thread_of"] = {n: watcher.thread_of.get(n) for n in ("qrcode", "qrcode.main", "PIL")}
    try:
        with closing(sqlite3.connect(Path(sys.argv[1]) / "kiosk.db")) as conn:
            result["tickets"] = conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]
        print(json.dumps(result))
    finally:
        kiosk.quit()


def take_ticket():
    result["parked"] = watcher.parked.is_set()
    try:
        tap(window.home.ticket_tile)
        tap(window.categories.category_tiles["passports"])
        tap(window.services.tiles["passport-internal"])
        screen = window.ticket
        result["on_ticket"] = window.current() is screen
        result["released_by_gui"] = watcher.released_by_gui
        result["link"] = screen.ticket.link
        screen.qr.grab().save(sys.argv[3])
    finally:
        until(encoder_loaded, finish)


if GATED:
    until(watcher.parked.is_set, take_ticket)
else:
    until(encoder_loaded, finish)
sys.exit(kiosk.run(windowed=True))
"""


def run_probe(tmp_path: Path, mode: str) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "data"), mode, str(tmp_path / "qr.png")],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_once_home_takes_touches_the_encoder_is_imported_off_the_gui_thread(tmp_path: Path) -> None:
    result = run_probe(tmp_path, "idle")
    assert result["at_interactive"] == []  # Home took touches before anything of the encoder was loaded
    assert result["loaded"] is True and result["tickets"] == 0  # ... and it came with no ticket taken
    threads = result["thread_of"]
    assert isinstance(threads, dict) and None not in threads.values()
    assert result["gui"] not in threads.values()  # imported on another thread


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (zbar-tools) reads the code")
def test_a_ticket_taken_while_the_encoder_is_still_importing_shows_a_code_that_scans(tmp_path: Path) -> None:
    result = run_probe(tmp_path, "ticket")
    assert result["at_interactive"] == []
    # The warm-up was inside its import when the visitor tapped, and the ticket's code waited for it.
    assert result["parked"] is True and result["released_by_gui"] is True
    assert result["on_ticket"] is True and result["tickets"] == 1
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(tmp_path / "qr.png")],
                             capture_output=True, text=True).stdout.strip()
    assert scanned == result["link"]
