"""Admin mode's plumbing: the hidden gesture, the session, and slow work (PIN
hashing) off the GUI thread. Admin mode's 60-second timeout is the navigator's
(:mod:`ui.navigation`), like every other screen's.

The gesture: **five taps within three seconds on the centre's name at the
left end of the top bar**, anywhere along the name. A visitor does not do that
by chance, and it needs no visible control.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtCore import QEvent, QObject, QRect, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.admin.pins import OPERATOR, PinVault
from kiosk.audit import SIGNED_OUT, record_action
from kiosk.store import Store, StoreError

log = logging.getLogger(__name__)

ADMIN_TIMEOUT_S = 60
GESTURE_TAPS = 5
GESTURE_WINDOW_S = 3.0
# Every kind of press is a tap: Qt turns the second of two quick presses into a
# MouseButtonDblClick (no MouseButtonPress), so five quick taps arrive as press,
# double click, press, double click, press. A finger on a touchscreen reaches
# the bar as these same mouse events, synthesised by Qt from the unhandled touch
# (the bar takes no touch events); counting TouchBegin as well would count a
# touch twice.
_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)


class GestureTarget(Protocol):
    """A widget that says where on it the gesture is tapped (the top bar)."""

    def gesture_area(self) -> QRect: ...


class CornerTaps(QObject):
    """An event filter for the top bar that spots the hidden gesture.

    The target is what the watched widget's ``gesture_area()`` says (the top
    bar: its centre's name, as wide as the name is); a widget without one is
    its own target.

    Args:
        now: a monotonic clock in seconds (tests pass their own).

    Signals:
        triggered(): five taps on the target within three seconds.
    """

    triggered = Signal()

    def __init__(self, parent: QObject | None = None, now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.now = now
        self.enabled = True
        self._taps: deque[float] = deque(maxlen=GESTURE_TAPS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A tap on the centre's name reaches the bar too: labels pass presses on to their parent.
        if self.enabled and event.type() in _PRESSES and isinstance(event, QMouseEvent):
            if self._target(watched).contains(event.position().toPoint()):
                self._tap()
            else:
                self._taps.clear()
        return False

    @staticmethod
    def _target(watched: QObject) -> QRect:
        area = getattr(watched, "gesture_area", None)
        if callable(area):
            return cast(GestureTarget, watched).gesture_area()
        return watched.rect() if isinstance(watched, QWidget) else QRect()

    def _tap(self) -> None:
        moment = self.now()
        self._taps.append(moment)
        if len(self._taps) == GESTURE_TAPS and moment - self._taps[0] <= GESTURE_WINDOW_S:
            self._taps.clear()
            log.info("admin gesture recognised")
            self.triggered.emit()


class AdminSession(QObject):
    """Who is signed in; every session's end is audited once."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.vault = PinVault(store)
        self.role: str | None = None

    @property
    def is_operator(self) -> bool:
        return self.role == OPERATOR

    def start(self, role: str) -> None:
        """A PIN was accepted (its audit entry is already written)."""
        self.role = role
        log.info("admin session started: %s", role)

    def end(self, reason: str) -> None:
        """Close the session (``timeout``, ``home`` or ``sign_out``), auditing it once."""
        role, self.role = self.role, None
        if role is None:
            return
        log.info("admin session of %s ended: %s", role, reason)
        try:
            record_action(self.store, role, SIGNED_OUT, {"reason": reason})
        except StoreError as exc:
            log.error("could not audit the end of an admin session: %s", exc)


class BackgroundCall(QObject):
    """Runs a slow pure function on a short-lived thread and hands its result
    back in the GUI thread; only the latest call's result is delivered.

    Signals:
        finished(int, object): the call's token and its result (or the exception it raised).
    """

    finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = 0

    def run(self, work: Callable[[], object]) -> int:
        self.token += 1
        token = self.token

        def body() -> None:
            try:
                result: object = work()
            except Exception as exc:  # handed to the GUI thread, which decides
                result = exc
            # A queued signal: emitted from this thread, delivered in the receiver's.
            self.finished.emit(token, result)

        threading.Thread(target=body, name="admin-hash", daemon=True).start()
        return token

    def cancel(self) -> None:
        """Forget any call in flight: its result will be ignored."""
        self.token += 1
