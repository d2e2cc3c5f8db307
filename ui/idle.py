"""Application-wide guards: the idle timer and the visitor-mode input filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent, QKeyEvent

# Events that mean a person touched the kiosk. Mouse *moves* are not counted:
# a jittery touch panel would otherwise keep a screen open for ever.
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress, QEvent.Type.Wheel,
})


def is_input(event: QEvent) -> bool:
    """Whether ``event`` can be a touch, a key or a context menu (every one of those is a
    ``QInputEvent``). An application-wide filter sees every event of every widget, some
    thousands for one visitor's ticket, nearly all of them paints, layouts and timers;
    this test costs a fraction of ``event.type()``, which builds a Python enum member."""
    return isinstance(event, QInputEvent)


class IdleWatcher(QObject):
    """Restarts a single-shot timer on every touch; emits :attr:`idle` when it runs out.

    Installed on the application, it sees one real click twice (window, then
    widget); restarting the timer twice is harmless.

    Signals:
        idle(): no touch for the timeout.
    """

    idle = Signal()

    def __init__(self, timeout_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setObjectName("idle-timer")
        self.timer.setSingleShot(True)
        self.timer.setInterval(timeout_s * 1000)
        self.timer.timeout.connect(self.idle)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_input(event) and event.type() in ACTIVITY_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class VisitorInputFilter(QObject):
    """Blocks the routes a plugged-in keyboard or a long press offers to the system:
    context menus and keyboard shortcuts (anything with Ctrl, Alt or Meta, and
    Escape, Tab and the function keys)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not is_input(event):
            return False
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride) \
                and isinstance(event, QKeyEvent):
            modifiers = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                             | Qt.KeyboardModifier.MetaModifier)
            key = event.key()
            if modifiers or key in (Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab) \
                    or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
                return True
        return False
