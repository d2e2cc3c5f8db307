"""Real input for UI tests: taps and key presses delivered to the window's native
window, so they take Qt's whole input path (hit-testing, application event
filters, double-click synthesis) as a finger or a plugged-in keyboard does."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

TAP_MS = 80  # a finger rests this long between press and release


def tap(widget: QWidget, point: QPoint | None = None) -> None:
    """Press and release at ``point`` of ``widget`` (its centre by default), through the native window."""
    window = widget.window()
    handle = window.windowHandle()
    assert handle is not None
    at = widget.mapTo(window, point if point is not None else widget.rect().center())
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at, TAP_MS)


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


__all__ = ["TAP_MS", "press_key", "tap", "wait_until_elapsed"]
