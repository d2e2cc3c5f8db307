"""Keeping the kiosk window on the whole screen, whatever the display does.

Without a window manager nobody else does it: a monitor that is off at boot
gives the window a tiny screen, a resize request from another X client
leaves it small, and a window destroyed from outside leaves a black screen
with a live process. :class:`ScreenKeeper` follows the screens (added,
removed, primary changed, geometry changed) and any change of the window's
own geometry, and puts the window back over the whole of its screen; when
the window's native window is gone for good it asks the application to exit
with :attr:`ExitCode.WINDOW_GONE`, which the service manager restarts.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRect, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QLayout, QWidget

from kiosk.supervision import ExitCode

log = logging.getLogger(__name__)

_WATCHED = frozenset({QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.WindowStateChange})


class ScreenKeeper(QObject):
    """Signals:
        window_lost(int): the window cannot be shown any more; the exit code to leave with.
    """

    window_lost = Signal(int)

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.active = False
        self.stopping = False
        # Coalesce the bursts of events one screen change causes into one fix.
        self._fix = QTimer(self)
        self._fix.setObjectName("screen-keeper-timer")
        self._fix.setSingleShot(True)
        self._fix.setInterval(0)
        self._fix.timeout.connect(self.restore)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._on_screen_added)
        app.screenRemoved.connect(self._on_screen_removed)
        app.primaryScreenChanged.connect(self._on_screen_added)
        for screen in QGuiApplication.screens():
            screen.geometryChanged.connect(self._schedule)
        window.installEventFilter(self)

    def target_screen(self) -> QScreen | None:
        """The screen the window belongs on: its own if it still exists, else the primary one."""
        handle = self.window.windowHandle()
        current = handle.screen() if handle is not None else None
        if current is not None and current in QGuiApplication.screens():
            return current
        return QGuiApplication.primaryScreen()

    def target_geometry(self) -> QRect | None:
        screen = self.target_screen()
        return None if screen is None else screen.geometry()

    def start(self) -> None:
        """From now on keep the window full screen (not in windowed development mode)."""
        self.active = True
        # The screen decides the size, not the contents: a screen smaller than the
        # layout's minimum (a monitor that came up at a low mode) still gets a
        # window that covers it exactly, never one that spills off its edge.
        layout = self.window.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.window.setMinimumSize(1, 1)
        handle = self.window.windowHandle()
        if handle is not None:
            handle.visibleChanged.connect(self._on_visible_changed)
            handle.destroyed.connect(self._on_handle_destroyed)
        self.restore()

    @Slot()
    def restore(self) -> None:
        """Full screen over the target screen, now."""
        if not self.active or self.stopping:
            return
        geometry = self.target_geometry()
        if geometry is None:
            log.warning("no screen to show the kiosk on; waiting for one")
            return
        handle = self.window.windowHandle()
        screen = self.target_screen()
        if handle is not None and screen is not None and handle.screen() is not screen:
            handle.setScreen(screen)
        if self.window.geometry() != geometry:
            log.info("putting the window back over the screen: %dx%d at %d,%d (was %dx%d)",
                     geometry.width(), geometry.height(), geometry.x(), geometry.y(),
                     self.window.width(), self.window.height())
            self.window.setGeometry(geometry)
        if not self.window.isFullScreen():
            self.window.showFullScreen()
        if handle is not None and not handle.isVisible():
            # The widget still thinks it is shown, so only its native window can be asked again.
            handle.create()
            handle.showFullScreen()

    @Slot()
    def _schedule(self) -> None:
        if self.active and not self.stopping:
            self._fix.start()

    @Slot(QScreen)
    def _on_screen_added(self, screen: QScreen) -> None:
        screen.geometryChanged.connect(self._schedule)
        log.info("screen %s is there (%dx%d)", screen.name(), screen.geometry().width(), screen.geometry().height())
        self._schedule()

    @Slot(QScreen)
    def _on_screen_removed(self, screen: QScreen) -> None:
        log.warning("screen %s went away", screen.name())
        self._schedule()

    @Slot(bool)
    def _on_visible_changed(self, visible: bool) -> None:
        if not visible and self.active and not self.stopping:
            log.warning("the kiosk window was hidden from outside; showing it again")
            self._schedule()

    @Slot()
    def _on_handle_destroyed(self) -> None:
        if self.active and not self.stopping:
            log.critical("the kiosk window was destroyed; exiting so that the service restarts the kiosk")
            self.window_lost.emit(int(ExitCode.WINDOW_GONE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() in _WATCHED:
            self._schedule()
        return False
