"""Assembling and running the kiosk: the Qt application, store, screens,
printing, guards, logging and shutdown.

Start-up builds what Home needs and no more: screens are built on first use
(:mod:`ui.navigation`), and the sync stack (its HTTP library included) is
loaded only when this kiosk has a server to talk to, its network work on
the sync thread.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QtMsgType, Signal, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk import heap
from kiosk.catalog import Catalog, load_catalog
from kiosk.clock import Clock, SystemClock
from kiosk.config import DEMO_CATALOG, Config
from kiosk.datalock import DataDirLock
from kiosk.ratings import RatingDesk
from kiosk.store import Store
from kiosk.supervision import ExitCode, ServiceNotifier
from kiosk.sync import credentials
from kiosk.sync.bundle import cached_bundle
from kiosk.tickets import TicketDesk
from ui.admin.session import AdminSession
from ui.context import UiContext
from ui.i18n import LanguageManager
from ui.idle import IdleWatcher, VisitorInputFilter
from ui.main_window import KioskWindow
from ui.printing.service import PrintService, QtTicketPrinter, TicketPrinter
from ui.screen_keeper import ScreenKeeper
from ui.theme import Sizes, pick_font_family, stylesheet
from ui.widgets.qr import warm_up

if TYPE_CHECKING:
    from ui.sync_bridge import SyncBridge

log = logging.getLogger(__name__)

# Exit code asking main.py to start the kiosk again (to apply a new bundle).
EXIT_RESTART = int(ExitCode.RESTART)
BUNDLE_QUIET_S = 120
# How long a thread may hold the interpreter lock while another waits (see on_interactive()).
SWITCH_INTERVAL_S = 0.001
qt_log = logging.getLogger("qt")
# What Qt says when the connection to the X server breaks (then it exits).
_DISPLAY_LOST = "connection broke"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: object, message: str) -> None:
    if _DISPLAY_LOST in message:
        # Qt's xcb plugin exits with 1 right after this line, the code that means
        # something else here: leave first, with the code that says what happened.
        qt_log.critical("%s", message)
        logging.shutdown()
        os._exit(int(ExitCode.DISPLAY_LOST))
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def application() -> QApplication:
    """The one QApplication, created on first use."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_message)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("mfc-kiosk")
    assert isinstance(app, QApplication)
    return app


def make_printer(config: Config, data_dir: Path, family: str) -> TicketPrinter | None:
    """The printer the config names; no I/O (each kind connects when it prints or is asked its status)."""
    printer = config.printer
    if printer.kind == "none":
        return None
    if printer.kind == "pdf":
        return QtTicketPrinter(pdf_dir=printer.pdf_dir or data_dir / "printed", family=family)
    if printer.kind == "escpos":
        from kiosk.printers.escpos import EscposPrinter

        return EscposPrinter(printer.device, codepage=printer.codepage, profile=printer.profile,
                             timeout_s=printer.connect_timeout_s, baudrate=printer.baudrate)
    from ui.printing.cups import CupsTicketPrinter

    return CupsTicketPrinter.from_config(printer, family)


def sync_wanted(config: Config, data_dir: Path) -> bool:
    """Whether this kiosk may sync: a server in its config, or credentials from an enrolment.

    Without either the sync bridge would stay off without a word, so it is not built.
    """
    path = config.sync.credentials or data_dir / credentials.FILE_NAME
    return bool(config.sync.server) or os.path.lexists(path)


class NoSync(QObject):
    """The sync bridge of a kiosk with no server: never configured, never a status.

    Signals:
        status_changed(object): never emitted (there is no sync round).
    """

    status_changed = Signal(object)
    configured = False
    problem = ""
    status = None

    def start(self) -> None:
        """Nothing to start."""

    def request_now(self) -> None:
        """Nothing to sync."""

    def stop(self) -> None:
        """Nothing to stop."""


class Kiosk:
    """The running kiosk: everything built once, in order, with no I/O in widget constructors
    beyond what the store needs.

    Args:
        config: the validated config.
        data_dir: where the store, logs and printed PDFs live.
        clock: the time source (tests pass a clock they move by hand).
        printer: overrides the printer the config names (tests pass a failing one).
        catalog: overrides the catalog file the config names.
    """

    def __init__(self, config: Config, data_dir: Path, *, clock: Clock | None = None,
                 printer: TicketPrinter | str | None = "config", catalog: Catalog | None = None) -> None:
        self.app = application()
        self.config = config
        self.data_dir = data_dir
        self.family = pick_font_family()
        self.app.setStyleSheet(stylesheet(self.family, Sizes()))
        # One kiosk per data folder, held until shutdown: main.py restore refuses while it is
        # held (kiosk/datalock.py). DataDirBusy is a StoreError: main.py says so and exits.
        self.data_lock = DataDirLock.acquire(data_dir)
        try:
            self.store = Store.open(data_dir, clock or SystemClock())
        except BaseException:
            self.data_lock.release()
            raise
        # The central server's last bundle, when there is one, overrides the
        # config's catalog, hours and ticket link (it is checked before use).
        self.base_config = config
        self.bundle = cached_bundle(self.store, config) if catalog is None else None
        if self.bundle is not None:
            config = self.bundle.config
            self.config = config
        self.catalog = catalog or (self.bundle.catalog if self.bundle else load_catalog(config.catalog_path))
        self.desk = TicketDesk(self.store, config, self.catalog)
        self.language = LanguageManager(config.default_language)
        self.language.set_language(config.default_language)
        chosen = make_printer(config, data_dir, self.family) if printer == "config" else printer
        assert not isinstance(chosen, str)
        self.printing = PrintService(chosen) if chosen is not None else None
        self.ctx = UiContext(config=config, catalog=self.catalog, desk=self.desk, language=self.language)
        self.ratings = RatingDesk(self.store, config, self.desk)
        self.admin_session = AdminSession(self.store)
        # Demo mode is the shipped demo catalog (main.py --demo forces it); a server's bundle never is.
        demo = self.bundle is None and catalog is None and config.catalog_path.resolve() == DEMO_CATALOG.resolve()
        self.window = KioskWindow(self.ctx, self.printing, self.ratings, self.admin_session, demo=demo)
        if self.bundle is not None and self.bundle.content.get("standard_md") is not None:
            from kiosk.content import load_standard, standard_from_bundle

            self.window.set_standard(standard_from_bundle(
                self.bundle.content["standard_md"], load_standard(config.content_dir)))
        self.window.nav.screen_shown.connect(self._on_screen_shown)
        clock_ = self.store.clock
        # The sync thread has its own connection, so its "today" comes from the clock,
        # not from the desk (whose store belongs to the GUI thread).
        self.sync: SyncBridge | NoSync
        if sync_wanted(config, data_dir):
            from ui.sync_bridge import SyncBridge

            self.sync = SyncBridge(config, data_dir, clock_, lambda: config.local(clock_.now_utc()).date(),
                                   self.window)
        else:
            self.sync = NoSync(self.window)
        self.sync.status_changed.connect(self.window.show_sync_status)
        self.window.sync_now_requested.connect(self.sync.request_now)
        self.sync.status_changed.connect(self._on_sync_status)
        self.window.set_sync_setup(self.sync.configured, self.sync.problem)
        self.window.exit_requested.connect(self.quit)
        # A newly received bundle waits for Home to be left alone this long.
        self._bundle_waiting = False
        self.bundle_quiet = IdleWatcher(BUNDLE_QUIET_S, self.window)
        self.bundle_quiet.timer.setObjectName("bundle-quiet-timer")
        self.bundle_quiet.idle.connect(self._on_home_quiet)
        self.window.went_home.connect(self._on_went_home)
        self.restart: Callable[[], None] = lambda: self.quit(EXIT_RESTART)
        self.input_filter = VisitorInputFilter(self.window)
        self.app.installEventFilter(self.bundle_quiet)
        self.app.installEventFilter(self.input_filter)
        self._in_hook = False
        self.notifier = ServiceNotifier()
        self.screen_keeper = ScreenKeeper(self.window, self.window)
        self.screen_keeper.window_lost.connect(self.quit)
        self._watchdog = QTimer(self.window)
        self._watchdog.setObjectName("service-watchdog-timer")
        self._watchdog.timeout.connect(self.notifier.watchdog)

    def _on_sync_status(self, _status: object) -> None:
        from kiosk.sync.engine import KEY_BUNDLE_VERSION

        received = self.store.get_state(KEY_BUNDLE_VERSION) or ""
        applied = str(self.bundle.version) if self.bundle is not None else ""
        if not received or received == applied or self._bundle_waiting:
            return
        # Restart only for a bundle this start-up code can use, or it would restart for ever.
        if cached_bundle(self.store, self.base_config) is None:
            return
        log.info("configuration bundle version %s received; it applies after %d s untouched on Home",
                 received, self.bundle_quiet.timer.interval() // 1000)
        self._bundle_waiting = True
        self._on_went_home()

    def _on_went_home(self) -> None:
        if self._bundle_waiting and self.window.current() is self.window.home:
            self.bundle_quiet.start()

    def _on_home_quiet(self) -> None:
        """A new bundle is waiting and nobody has touched Home for a while: restart to apply it.

        Its catalog shapes screens built at start, so a clean restart (about a
        second, with nobody at the screen) applies it more safely than
        rebuilding every screen in place.
        """
        if self._bundle_waiting and self.window.current() is self.window.home:
            log.info("restarting to apply the new configuration bundle")
            self.restart()

    def _on_screen_shown(self, screen: object) -> None:
        if screen is not self.window.home:
            self.bundle_quiet.stop()

    def show(self, windowed: bool) -> None:
        window = self.window
        if windowed:
            window.resize(1920, 1080)
            window.show()
            return
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        geometry = self.screen_keeper.target_geometry()
        if geometry is not None:
            # Without a window manager showFullScreen() does not resize.
            window.setGeometry(geometry)
        window.showFullScreen()
        # A touchscreen needs no pointer; under X it would sit in the middle of the screen.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        self.screen_keeper.start()

    def install_excepthook(self) -> None:
        """Log any unhandled error and bring the visitor back to Home."""
        sys.excepthook = self._excepthook

    def install_guards(self) -> None:
        """The excepthook, plus SIGTERM/SIGINT that exit cleanly."""
        self.install_excepthook()
        threading.excepthook = lambda args: log.error(
            "unhandled error in thread %s", args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),  # type: ignore[arg-type]  # value may be None
        )
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        # Python runs signal handlers only between bytecodes; a short timer
        # wakes the interpreter while the Qt loop is idle.
        self._keepalive = QTimer(self.window)
        self._keepalive.setObjectName("signal-keepalive-timer")
        self._keepalive.start(250)
        self._keepalive.timeout.connect(lambda: None)

    def _excepthook(self, kind: type[BaseException], value: BaseException,
                    tb: types.TracebackType | None) -> None:
        log.error("unexpected error; returning to Home", exc_info=(kind, value, tb))
        if self._in_hook:
            return
        self._in_hook = True
        try:
            self.window.go_home()
        except Exception:
            log.exception("could not return to Home after an error")
        finally:
            self._in_hook = False

    def _on_signal(self, signum: int, _frame: object) -> None:
        log.info("signal %d: exiting", signum)
        # Posted, not called: a signal that lands before app.exec() has started
        # would otherwise be lost, as exit() only stops a loop that is running.
        QTimer.singleShot(0, self.quit)

    def on_interactive(self) -> None:
        """Home is on screen and the event loop runs: tell the service manager, start the watchdog."""
        interval = self.notifier.watchdog_interval_ms()
        if interval is not None:
            # Fed from the GUI thread's own loop: if the screen freezes, the pings stop.
            self._watchdog.start(interval)
        self.notifier.ready(f"Home on screen; kiosk {self.config.kiosk_id}")
        log.info("kiosk interactive")
        # When the loop has nothing else to do, the QR encoder is imported off the GUI
        # thread, so the first ticket shows its code without that wait.
        QTimer.singleShot(0, warm_up)
        # Then start-up's objects leave the collector's full passes (kiosk/heap.py).
        QTimer.singleShot(0, self._settle_heap)
        # The GUI thread waits for the interpreter lock while another thread computes (sync
        # encoding or marking a batch, the print job); by default up to 5 ms per holder.
        # At 1 ms a tap is never held up by them for longer than a frame.
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))

    def _settle_heap(self) -> None:
        took = heap.settle()
        log.info("start-up heap settled: %d objects frozen in %.0f ms", heap.frozen(), took)

    def quit(self, code: int = 0) -> None:
        self.window.allow_close = True
        self.app.exit(code)

    def shutdown(self) -> None:
        self.notifier.stopping()
        self._watchdog.stop()
        self.screen_keeper.stopping = True
        self.sync.stop()
        if self.printing is not None:
            self.printing.shutdown()
        self.window.nav.uninstall()
        self.app.removeEventFilter(self.bundle_quiet)
        self.app.removeEventFilter(self.input_filter)
        self.window.allow_close = True
        self.window.close()
        # Delete the window now, before the translator goes: removing it sends
        # LanguageChange, and screens would otherwise refresh from a closed store.
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.language.uninstall()
        self.store.close()
        self.data_lock.release()

    def run(self, windowed: bool) -> int:
        self.install_guards()
        self.show(windowed)
        self.sync.start()
        log.info("kiosk %s of centre %s started; data in %s", self.config.kiosk_id,
                 self.config.centre_id, self.data_dir)
        # Posted: it runs once the loop has shown Home and can take touches.
        QTimer.singleShot(0, self.on_interactive)
        try:
            return self.app.exec()
        finally:
            self.shutdown()
