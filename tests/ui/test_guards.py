"""No way out for a visitor; an unexpected error lands on Home."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QCloseEvent, QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.app import Kiosk


def test_long_press_context_menu_is_swallowed(kiosk: Kiosk) -> None:
    tile = kiosk.window.home.ticket_tile
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), tile.mapToGlobal(QPoint(5, 5)))
    assert kiosk.input_filter.eventFilter(tile, event) is True


@pytest.mark.parametrize(("key", "modifiers"), [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
])
def test_keyboard_shortcuts_are_swallowed(kiosk: Kiosk, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    assert kiosk.input_filter.eventFilter(kiosk.window, event) is True


def test_plain_typing_is_not_blocked(kiosk: Kiosk) -> None:
    event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_5, Qt.KeyboardModifier.NoModifier, "5")
    assert kiosk.input_filter.eventFilter(kiosk.window, event) is False


def test_window_refuses_to_close_for_a_visitor(kiosk: Kiosk) -> None:
    event = QCloseEvent()
    QApplication.sendEvent(kiosk.window, event)
    assert not event.isAccepted()
    assert kiosk.window.isVisible()


def test_labels_never_render_outside_text_as_markup(kiosk: Kiosk) -> None:
    from PySide6.QtWidgets import QLabel

    labels = kiosk.window.findChildren(QLabel)
    assert labels
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert not any(label.openExternalLinks() for label in labels)


@pytest.mark.qt_no_exception_capture
def test_unexpected_error_is_logged_and_returns_home(kiosk: Kiosk, qtbot: QtBot,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    window = kiosk.window
    window.home.ticket_tile.click()
    window.categories.category_tiles["taxes"].click()
    previous = sys.excepthook
    kiosk.install_excepthook()
    try:
        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        window.categories.category_chosen.connect(broken)
        with qtbot.waitSignal(window.went_home, timeout=3000):
            window.categories.category_chosen.emit("taxes")
    finally:
        sys.excepthook = previous
    assert window.current() is window.home
    assert "unexpected error; returning to Home" in caplog.text
