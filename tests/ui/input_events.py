"""Real input for UI tests: taps and key presses delivered to the window's native
window, so they take Qt's whole input path (hit-testing, application event
filters, double-click synthesis) as a finger or a plugged-in keyboard does.

A tap is what a touchscreen sends: a ``QTouchEvent`` press from a
``QPointingDevice`` of type ``TouchScreen``, the finger resting ``hold_ms`` of
real time (the event loop runs meanwhile, as QScroller's kinetic areas expect),
then the release. Widgets that take no touch get the mouse events Qt
synthesizes from it, double-clicks included when two taps come quickly."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPointingDevice, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

TAP_MS = 80  # a finger rests this long between press and release (real taps: 50–150 ms)


_touchscreen: list[QPointingDevice] = []


def touchscreen() -> QPointingDevice:
    """The test touchscreen (one per process: Qt keeps registered devices for ever)."""
    if not _touchscreen:
        _touchscreen.append(QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen))
    return _touchscreen[0]


def _aim(widget: QWidget, point: QPoint | None) -> tuple[QWindow, QPoint]:
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None
    return handle, widget.mapTo(window, point if point is not None else widget.rect().center())


def finger_down(widget: QWidget, point: QPoint | None = None) -> tuple[QWindow, QPoint]:
    """A finger touches ``point`` of ``widget`` (its centre by default); returns where, for :func:`finger_up`."""
    handle, at = _aim(widget, point)
    QTest.touchEvent(handle, touchscreen()).press(0, at, handle).commit()
    return handle, at


def finger_up(handle: QWindow, at: QPoint) -> None:
    """The finger put down by :func:`finger_down` leaves the screen."""
    QTest.touchEvent(handle, touchscreen()).release(0, at, handle).commit()


def tap(widget: QWidget, point: QPoint | None = None, hold_ms: int = TAP_MS) -> None:
    """A finger taps ``point`` of ``widget`` (its centre by default): press, rest ``hold_ms``, release."""
    handle, at = finger_down(widget, point)
    clock = QElapsedTimer()
    clock.start()
    while clock.elapsed() < hold_ms:  # real time passes with the finger down, events keep flowing
        QTest.qWait(min(10, hold_ms))
    finger_up(handle, at)


def click(widget: QWidget, button: Qt.MouseButton, point: QPoint | None = None) -> None:
    """A mouse button pressed and released through the native window (for buttons a finger has not)."""
    handle, at = _aim(widget, point)
    QTest.mousePress(handle, button, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseRelease(handle, button, Qt.KeyboardModifier.NoModifier, at, TAP_MS)


def press_key(window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
              text: str = "") -> None:
    """A key pressed and released on a plugged-in keyboard, sent to the native window."""
    handle = window.windowHandle()
    assert handle is not None
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(handle, QKeyEvent(kind, key, modifiers, text))


def wait_until_elapsed(qtbot: QtBot, clock: QElapsedTimer, ms: int) -> None:
    """Let real time pass (the event loop keeps running) until ``clock`` shows ``ms``."""
    qtbot.waitUntil(lambda: clock.elapsed() >= ms, timeout=ms + 5000)


__all__ = ["TAP_MS", "click", "finger_down", "finger_up", "press_key", "tap", "touchscreen",
           "wait_until_elapsed"]
