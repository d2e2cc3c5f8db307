"""Benchmark: a scripted visitor walks every screen many times; does anything grow?

    python bench/soak_bench.py [--rounds 10000] [--warmup 200] [--quick] [--minutes M]

One kiosk (demo config, PDF printer, offscreen, on a screen as big as its
1920×1080 window) in this process. Each round
a visitor takes a ticket (Home, a category, a service, Done), and in turn
rates one (the rating tile, the number keyed in as the hall's QR scanner
types it, five grades, the comment step, thanks) or gives a one-tap
rating, opens the standard and the centre's information, switches language, text size and contrast, leaves
the kiosk to go Home by itself, and every 25th round a consultant opens
admin mode with the corner gesture and the PIN pad and signs out. Every tap
is a real mouse press and release on the widget (through the application's
event filters, so the screen timer and input guards see it as they see a
finger); the kinetic scroll areas' drag gesture is not exercised.

Reported: resident memory after the warm-up rounds and at the end (growth
target <= 5 MiB), unhandled exceptions and errors logged, widgets
(``QApplication.allWidgets()``), the window's ``QObject`` descendants, and
the process's threads before and after. The clock is a manual one that moves
a minute per round and a day every 300 rounds (the numbering block resets).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import logging
import os
import sys
import tempfile
import time
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QPoint, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from kiosk.admin.pins import CONSULTANT, PinVault, ScryptParams  # noqa: E402
from kiosk.clock import ManualClock  # noqa: E402
from kiosk.config import DEMO_CONFIG, Config, load_config  # noqa: E402
from kiosk.hours import WeeklyHours  # noqa: E402
from kiosk.ratings import Criterion  # noqa: E402
from ui.app import Kiosk, application  # noqa: E402
from ui.printing.service import QtTicketPrinter  # noqa: E402

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
START = dt.datetime(2026, 11, 24, 9, 0, tzinfo=MOSCOW)
PIN = "4821"
FAST_PIN_HASH = ScryptParams(n=2**4, r=1, p=1)  # the soak measures the UI, not scrypt
VISITS = [("passports", "passport-internal"), ("social", "child-benefits"), ("passports", "registration")]


WINDOW = (1920, 1080)  # the kiosk's screen; the window is this size


def use_kiosk_sized_screen(directory: Path) -> bool:
    """Before the application exists: give the offscreen platform one screen the size of the window.

    Unconfigured, Qt's offscreen screen is 800×800, smaller than the 1920×1080 window.
    Where a scroll area can scroll, its kinetic scroller (QScroller) holds a press back
    and then hands it to ``QApplication.widgetAt()`` at the press's global position;
    off every screen that finds nothing, so the press is lost and the tap does nothing
    (on a real display the same taps work). Returns whether the platform was configured
    (not when an application exists already or another platform was asked for).
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "offscreen")
    if QApplication.instance() is not None or platform != "offscreen":
        return False
    width, height = WINDOW
    screen = {"name": "kiosk", "x": 0, "y": 0, "width": width, "height": height,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config = directory / "offscreen-screen.json"
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return True


def rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1])
    return 0


def trimmed_rss_mib() -> float | None:
    """Resident memory after glibc's ``malloc_trim(0)`` hands free heap pages back (None off glibc).

    Only a diagnostic: what ``malloc_trim`` returns was free already, so a growth that
    it takes back is the allocator's fragmentation, and one that stays is held memory.
    """
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim(0)
    return rss_kib() / 1024


def threads() -> int:
    return len(os.listdir("/proc/self/task"))


@dataclass
class Counts:
    rss_mib: float
    widgets: int
    objects: int
    threads: int


@dataclass
class SoakResult:
    rounds: int
    start: Counts
    warm: Counts
    end: Counts
    errors: list[str] = field(default_factory=list)
    tickets: int = 0
    ratings: int = 0
    seconds: float = 0.0

    @property
    def rss_growth_mib(self) -> float:
        return self.end.rss_mib - self.warm.rss_mib


class _Errors(logging.Handler):
    """Counts every record at ERROR or above (the kiosk's excepthook logs unhandled ones so)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(f"{record.name}: {record.getMessage()}")


def loop_turn() -> None:
    """What one turn of the application's event loop does, deferred deletes included.

    ``processEvents()`` alone never runs ``deleteLater()``: outside ``exec()`` Qt keeps
    those objects until a loop at their level runs, so a walk made only of
    ``processEvents()`` would pile up every screen's replaced tiles (16 widgets a round,
    about 0.3 MiB) that the kiosk, running ``exec()``, frees within the same turn.
    """
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle() -> None:
    """Run what is queued, deleted widgets included, so counts see only live objects."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def counts(kiosk: Kiosk) -> Counts:
    settle()
    gc.collect()
    settle()
    return Counts(rss_kib() / 1024, len(QApplication.allWidgets()), len(kiosk.window.findChildren(QObject)),
                  threads())


class Visitor:
    """Walks the kiosk's screens by touch."""

    def __init__(self, kiosk: Kiosk, clock: ManualClock) -> None:
        self.kiosk = kiosk
        self.window = kiosk.window
        self.clock = clock
        self.tickets: list[str] = []
        self.ratings = 0
        self.window.ticket_shown.connect(self.tickets.append)
        self.window.rating_saved.connect(lambda _id: setattr(self, "ratings", self.ratings + 1))

    def tap(self, widget: QWidget, point: QPoint | None = None) -> None:
        # Laid out first: a screen shown a moment ago may still have a layout request queued.
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()
        self.wait_for(lambda: widget.isVisible() and not widget.rect().isEmpty())  # on screen, as an eye sees it
        at = point if point is not None else widget.rect().center()
        self.onto_screen(widget, at)
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        loop_turn()

    def onto_screen(self, widget: QWidget, at: QPoint) -> None:
        """Where the screen is smaller than the window (a test's shared offscreen application,
        see :func:`use_kiosk_sized_screen`), move the window so that the point tapped lies on it:
        a scroll area's held-back press is handed on to the widget under that point on the screen."""
        if QGuiApplication.screenAt(widget.mapToGlobal(at)) is not None:
            return
        screen = self.window.screen().geometry()
        self.window.move(self.window.pos() + screen.center() - widget.mapToGlobal(at))
        self.wait_for(lambda: QGuiApplication.screenAt(widget.mapToGlobal(at)) is not None)

    def wait_for(self, done: Callable[[], bool], timeout_ms: int = 5000) -> None:
        clock = QElapsedTimer()
        clock.start()
        while not done():
            if clock.elapsed() > timeout_ms:
                raise TimeoutError(f"the kiosk did not get there in {timeout_ms} ms "
                                   f"(on {self.window.current().property('screenName')})")
            loop_turn()
            time.sleep(0.001)

    def take_ticket(self, n: int) -> str:
        w = self.window
        category, service = VISITS[n % len(VISITS)]
        self.tap(w.home.ticket_tile)
        self.tap(w.categories.category_tiles[category])
        before = len(self.tickets)
        self.tap(w.services.tiles[service])
        self.wait_for(lambda: len(self.tickets) > before)
        return w.ticket.ticket.display if w.ticket.ticket is not None else ""

    def rate(self, display: str) -> None:
        w = self.window
        self.tap(w.rate_tile)
        # The number as the hall's QR scanner types it: key presses into the code field.
        for char in display:
            key = ord(char.upper()) if char.isalpha() else ord(char)
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(w.rating_entry.code, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
        self.tap(w.rating_entry.find_button)
        self.wait_for(lambda: w.current() is w.rating_criteria)
        for i, criterion in enumerate(Criterion):
            # click(), not a press and release: those do not set a criterion's grade here
            # (offscreen, at a47080d too), while they do everywhere else in the walk.
            w.rating_criteria.scales[criterion].buttons[5 - i % 2].click()
        self.tap(w.rating_criteria.next_button)
        before = self.ratings
        self.tap(w.rating_comment.send_button)
        self.wait_for(lambda: self.ratings > before)
        self.tap(w.rating_thanks.button)

    def information(self) -> None:
        w = self.window
        self.tap(w.standard_tile)
        self.tap(w.bottom_bar.back_button)
        self.tap(w.about_tile)
        self.tap(w.bottom_bar.home_button)

    def switches(self, n: int) -> None:
        w = self.window
        self.tap(w.bottom_bar.language_buttons["en" if n % 2 else "ru"])
        self.tap(w.switches.large_button)
        self.tap(w.switches.contrast_button)
        self.tap(w.switches.large_button)  # and off again by hand (going Home also resets them)
        self.tap(w.switches.contrast_button)

    def idle_return(self) -> None:
        w = self.window
        nav = w.nav
        idle = nav.idle_ms
        self.tap(w.home.ticket_tile)
        nav.set_idle_ms(20)
        self.wait_for(lambda: w.current() is w.home)
        nav.set_idle_ms(idle)

    def admin(self) -> None:
        w = self.window
        name = w.top_bar.centre
        for _ in range(5):
            self.tap(name, QPoint(30, name.height() // 2))
        self.wait_for(lambda: w.current() is w.admin_pin)
        for digit in PIN:
            self.tap(w.admin_pin.pad.keys[digit])
        self.tap(w.admin_pin.pad.ok_key)
        self.wait_for(lambda: w.current() is w.admin)
        self.wait_for(lambda: w.admin.sign_out_button.window() is w)  # placed once the tabs are laid out
        self.tap(w.admin.sign_out_button)
        self.wait_for(lambda: w.current() is w.home)

    def round(self, n: int) -> None:
        self.clock.advance(minutes=1)
        if n and n % 300 == 0:
            self.clock.set(START + dt.timedelta(days=n // 300))
        display = self.take_ticket(n)
        if n % 2:
            self.tap(self.window.ticket_quick.scale.buttons[4])
        self.tap(self.window.ticket.done_button)
        if n % 3 == 0 and display:
            self.rate(display)
        self.information()
        self.switches(n)
        if n % 10 == 0:
            self.idle_return()
        if n % 25 == 0:
            self.admin()


def soak_config() -> Config:
    return load_config(DEMO_CONFIG).with_overrides(hours=WeeklyHours.always_open())


@contextmanager
def soak_kiosk(data: Path, config: Config | None = None) -> Iterator[tuple[Kiosk, ManualClock]]:
    """A kiosk shown offscreen with the consultant's PIN set; shut down afterwards."""
    app = application()
    # The visitor taps at machine speed: Qt would take two taps in a row for a double tap,
    # which the kiosk's tiles rightly ignore (one ticket per deliberate tap).
    hints = app.styleHints()
    double_click_ms = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(1)
    clock = ManualClock(START)
    kiosk = Kiosk(config or soak_config(), data, clock=clock, printer=QtTicketPrinter(pdf_dir=data / "printed"))
    PinVault(kiosk.store, FAST_PIN_HASH).set_pin(CONSULTANT, PIN)
    kiosk.install_excepthook()
    kiosk.window.resize(*WINDOW)
    kiosk.window.show()
    settle()
    kiosk.on_interactive()  # as on the kiosk's first loop turn: QR warm-up, start-up heap frozen
    settle()
    try:
        yield kiosk, clock
    finally:
        kiosk.shutdown()
        gc.unfreeze()  # a test session goes on collecting what this kiosk built
        hints.setMouseDoubleClickInterval(double_click_ms)


def soak(kiosk: Kiosk, clock: ManualClock, rounds: int, warmup: int,
         progress: Callable[[int, Counts], None] | None = None, seconds: float | None = None) -> SoakResult:
    """Run ``rounds`` rounds (the first ``warmup`` of them before the warm figures); with
    ``seconds``, no round is begun once that much time has passed (the result says how many ran)."""
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    visitor = Visitor(kiosk, clock)
    started = time.monotonic()
    done = 0
    try:
        start = counts(kiosk)
        warm = start
        for n in range(rounds):
            if seconds is not None and time.monotonic() - started >= seconds:
                break
            done = n + 1
            try:
                visitor.round(n)
            except Exception as exc:  # a round that could not finish counts, and the walk goes on from Home
                errors.seen.append(f"round {n}: {type(exc).__name__}: {exc}")
                kiosk.window.go_home()
            if n + 1 == warmup:
                warm = counts(kiosk)
            if progress is not None and (n + 1) % 500 == 0:
                progress(n + 1, counts(kiosk))
        end = counts(kiosk)
    finally:
        logging.getLogger().removeHandler(errors)
    return SoakResult(done, start, warm if warmup < done else start, end, errors.seen,
                      tickets=len(visitor.tickets), ratings=visitor.ratings, seconds=time.monotonic() - started)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10_000)
    parser.add_argument("--warmup", type=int, default=200, help="rounds before the warm figures (default 200)")
    parser.add_argument("--quick", action="store_true", help="a short run: 300 rounds, 100 of them warm-up")
    parser.add_argument("--minutes", type=float, default=None,
                        help="begin no round after this many minutes (the rounds run are reported)")
    args = parser.parse_args(argv)
    rounds, warmup = (300, 100) if args.quick else (args.rounds, args.warmup)
    logging.basicConfig(level=logging.CRITICAL)  # the kiosk's INFO lines, ten thousand times, say nothing here
    logging.getLogger().setLevel(logging.WARNING)
    logging.getLogger("qt").setLevel(logging.ERROR)  # offscreen's size-hint notices
    from bench.kiosk_bench import machine

    facts = machine()
    print(f"machine: {facts['uname']}; {facts['cpu']}; {facts['cores']} cores; commit {facts['commit']}, "
          f"{facts['date']}")

    last = [0, time.monotonic()]

    def progress(n: int, c: Counts) -> None:
        now = time.monotonic()
        pace = (now - last[1]) / max(n - last[0], 1)
        last[:] = [n, now]
        print(f"  round {n}: RSS {c.rss_mib:.1f} MiB, widgets {c.widgets}, objects {c.objects}, "
              f"threads {c.threads}; {pace:.2f} s a round, load average {os.getloadavg()[0]:.1f}", flush=True)

    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as tmp:
        use_kiosk_sized_screen(Path(tmp))
        with soak_kiosk(Path(tmp) / "data") as (kiosk, clock):
            screen = QGuiApplication.primaryScreen().geometry()
            print(f"screen {screen.width()}x{screen.height()}, window {kiosk.window.width()}x{kiosk.window.height()}",
                  flush=True)
            result = soak(kiosk, clock, rounds, warmup, progress,
                          seconds=args.minutes * 60 if args.minutes is not None else None)
            trimmed = trimmed_rss_mib()
    s, w, e = result.start, result.warm, result.end
    print(f"{result.rounds} rounds in {result.seconds:.0f} s ({result.seconds / max(result.rounds, 1):.2f} s a round, "
          f"load average {os.getloadavg()[0]:.1f}): {result.tickets} tickets, {result.ratings} ratings")
    print(f"RSS: start {s.rss_mib:.1f} MiB, after {warmup} warm-up rounds {w.rss_mib:.1f}, end {e.rss_mib:.1f}; "
          f"growth after warm-up {result.rss_growth_mib:+.1f} MiB (target <= 5)")
    if trimmed is not None:
        print(f"RSS after malloc_trim(0) at the end: {trimmed:.1f} MiB ({trimmed - e.rss_mib:+.1f} MiB: free heap "
              "pages glibc was holding)")
    print(f"widgets: {s.widgets} / {w.widgets} / {e.widgets}; window's QObjects: {s.objects} / {w.objects} / "
          f"{e.objects}; threads: {s.threads} / {w.threads} / {e.threads} (start / warm / end)")
    print(f"errors and unhandled exceptions: {len(result.errors)}")
    for line in result.errors[:10]:
        print(f"  {line}")
    print(f"figure: soak RSS growth after warm-up, {result.rounds} rounds = {result.rss_growth_mib:+.1f} MiB "
          "(target <= 5)")
    print(f"figure: soak widgets / threads, warm -> end = {w.widgets} -> {e.widgets} / {w.threads} -> {e.threads}")
    print(f"figure: soak errors = {len(result.errors)}")
    return {"rounds": result.rounds, "rss_growth_mib": result.rss_growth_mib, "errors": len(result.errors),
            "widgets": (s.widgets, w.widgets, e.widgets), "threads": (s.threads, w.threads, e.threads),
            "objects": (s.objects, w.objects, e.objects), "peak_rss_mib": e.rss_mib, "machine": facts}


if __name__ == "__main__":
    main()
