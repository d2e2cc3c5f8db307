"""The window keeps the whole screen: a resize from outside or a lost native window is put right."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from ui.app import Kiosk


@pytest.fixture
def fullscreen(kiosk: Kiosk, qtbot: QtBot) -> Iterator[Kiosk]:
    kiosk.show(windowed=False)
    geometry = kiosk.screen_keeper.target_geometry()
    assert geometry is not None
    qtbot.waitUntil(lambda: kiosk.window.geometry() == geometry, timeout=3000)
    yield kiosk
    while QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()


def test_full_screen_hides_the_pointer(fullscreen: Kiosk) -> None:
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor


def test_a_resize_from_outside_is_undone(fullscreen: Kiosk, qtbot: QtBot) -> None:
    window = fullscreen.window
    geometry = fullscreen.screen_keeper.target_geometry()
    window.setGeometry(10, 10, 1146, 199)  # what a monitor off at boot left behind
    qtbot.waitUntil(lambda: window.geometry() == geometry, timeout=3000)
    assert window.isFullScreen()


@pytest.mark.expect_log("ui.screen_keeper")
def test_a_native_window_taken_away_comes_back(fullscreen: Kiosk, qtbot: QtBot) -> None:
    window = fullscreen.window
    handle = window.windowHandle()
    assert handle is not None
    handle.destroy()
    qtbot.waitUntil(lambda: window.isVisible() and window.windowHandle() is not None
                    and window.windowHandle().isVisible(), timeout=3000)
    assert window.geometry() == fullscreen.screen_keeper.target_geometry()


def test_windowed_development_mode_is_left_alone(kiosk: Kiosk, qtbot: QtBot) -> None:
    kiosk.window.resize(1600, 900)
    qtbot.waitUntil(lambda: kiosk.window.width() == 1600, timeout=3000)
    assert not kiosk.screen_keeper.active
