"""No way out for a visitor; an unexpected error lands on Home."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.input_events import press_key
from ui.app import Kiosk

BLOCKED_KEYS = [
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
]


@pytest.mark.parametrize(("key", "modifiers"), BLOCKED_KEYS, ids=["alt-f4", "ctrl-q", "escape", "f11", "tab"])
def test_keyboard_shortcuts_never_reach_the_application(kiosk: Kiosk, qtbot: QtBot, key: Qt.Key,
                                                         modifiers: Qt.KeyboardModifier) -> None:
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    # Whatever a desktop would bind to the key (quit, close, full screen, focus
    # change), an application shortcut for it must never fire.
    fired: list[str] = []
    shortcut = QShortcut(QKeySequence(key.value | modifiers.value), window)
    shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
    shortcut.activated.connect(lambda: fired.append("shortcut"))
    seen: list[int] = []
    focus = QApplication.focusWidget() or window

    class Probe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                seen.append(event.key())
            return False

    probe = Probe()
    focus.installEventFilter(probe)
    try:
        press_key(window, key, modifiers)
    finally:
        focus.removeEventFilter(probe)
    assert fired == [] and seen == []
    assert window.isVisible() and window.current() is window.home


def test_plain_typing_reaches_a_visitor_field(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.rate_tile.click()
    field = window.rating_entry.code
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    for digit in "17":
        press_key(window, getattr(Qt.Key, f"Key_{digit}"), Qt.KeyboardModifier.NoModifier, digit)
    assert field.text() == "17"


def test_right_click_opens_no_context_menu(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    tile = window.home.ticket_tile
    menus: list[str] = []
    tile.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)  # what a widget offering a menu does
    tile.customContextMenuRequested.connect(lambda _pos: menus.append("menu"))
    handle = window.windowHandle()
    assert handle is not None
    point = tile.mapTo(window, tile.rect().center())
    # A right-click, or a touchscreen's long press turned into one, through the native window:
    # Qt makes a context-menu event of it for the widget under the finger.
    QTest.mousePress(handle, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseRelease(handle, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, point, 80)
    assert menus == []
    assert window.current() is window.home


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
@pytest.mark.expect_log("ui.app")
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
