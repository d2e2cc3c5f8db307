"""Visitor text fields neither read from nor write to the clipboard (real keys and
buttons through the native window), and the clipboard is emptied on the way Home."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.input_events import click, press_key, tap
from ui.app import Kiosk

SHIFT, CTRL = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.ControlModifier
PASTES = [(Qt.Key.Key_Insert, SHIFT), (Qt.Key.Key_V, CTRL)]
LEFTOVER = "+7 916 000-11-22 previous visitor"


def _open_code_field(kiosk: Kiosk, qtbot: QtBot) -> QWidget:
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    tap(window.rate_tile)
    field = window.rating_entry.code
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    return field


def _type(kiosk: Kiosk, text: str) -> None:
    for char in text:
        press_key(kiosk.window, getattr(Qt.Key, f"Key_{char}"), Qt.KeyboardModifier.NoModifier, char)


def _select_all_with_keys(kiosk: Kiosk) -> None:
    # Shift+Home selects from the end back to the start, as on any keyboard.
    press_key(kiosk.window, Qt.Key.Key_Home, SHIFT)


@pytest.mark.parametrize(("key", "modifiers"), PASTES, ids=["shift-insert", "ctrl-v"])
def test_paste_keys_bring_nothing_into_the_ticket_field(kiosk: Kiosk, qtbot: QtBot, key: Qt.Key,
                                                        modifiers: Qt.KeyboardModifier) -> None:
    QGuiApplication.clipboard().setText(LEFTOVER)
    field = _open_code_field(kiosk, qtbot)
    press_key(kiosk.window, key, modifiers)
    assert field.text() == ""


def test_shift_delete_cuts_nothing_onto_the_clipboard(kiosk: Kiosk, qtbot: QtBot) -> None:
    QGuiApplication.clipboard().clear()
    field = _open_code_field(kiosk, qtbot)
    _type(kiosk, "17")
    _select_all_with_keys(kiosk)
    assert field.selectedText() == "17"
    for key, modifiers in ((Qt.Key.Key_Delete, SHIFT), (Qt.Key.Key_Insert, CTRL), (Qt.Key.Key_C, CTRL),
                           (Qt.Key.Key_X, CTRL)):
        press_key(kiosk.window, key, modifiers)
        assert QGuiApplication.clipboard().text() == ""
    assert field.text() == "17"


def test_comment_box_takes_no_paste_and_gives_no_copy(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    box = window.rating_comment.box
    window.nav.show(window.rating_comment)
    window.activateWindow()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    QGuiApplication.clipboard().setText(LEFTOVER)
    press_key(window, Qt.Key.Key_Insert, SHIFT)
    click(box, Qt.MouseButton.MiddleButton)
    assert box.text() == ""
    box.insertPlainText("позвоните 89160001122")
    box.selectAll()
    press_key(window, Qt.Key.Key_Delete, SHIFT)
    press_key(window, Qt.Key.Key_Insert, CTRL)
    assert QGuiApplication.clipboard().text() in ("", LEFTOVER)
    assert "89160001122" not in QGuiApplication.clipboard().text()
    assert box.text() == "позвоните 89160001122"


def test_going_home_empties_the_clipboard(kiosk: Kiosk, qtbot: QtBot) -> None:
    _open_code_field(kiosk, qtbot)
    QGuiApplication.clipboard().setText(LEFTOVER)
    with qtbot.waitSignal(kiosk.window.went_home, timeout=2000):
        kiosk.window.go_home()
    assert QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard) == ""
