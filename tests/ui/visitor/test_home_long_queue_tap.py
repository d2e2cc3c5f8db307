"""A busy day: with some 170 tickets issued the queue card on Home compares the wait
with the norm, and Home must still fit the kiosk's 1920×1080 screen. A tap on the
centre's information tile, after the visitor has read the standard and come Back,
opens the information screen: the press and the release go to the window at the
tile's centre and are hit-tested there, as a finger's are.

Where Home runs below the edge its kinetic scroller holds every press back and hands
it to the widget under the finger on the screen; the test screen (offscreen, 800×800)
is smaller than the window, so the window is first moved to put the tile on it, as the
kiosk's own screen would hold the whole window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.input_events import click
from ui.app import Kiosk
from ui.main_window import KioskWindow
from ui.widgets.tile import Tile

TICKETS = 170
SERVICES = ("passport-internal", "child-benefits", "registration")


def put_on_screen(window: KioskWindow, tile: Tile, qtbot: QtBot) -> None:
    centre = tile.mapTo(window, tile.rect().center())
    middle = window.screen().geometry().center()
    window.move(middle.x() - centre.x(), middle.y() - centre.y())
    qtbot.waitUntil(lambda: QGuiApplication.screenAt(tile.mapToGlobal(tile.rect().center())) is not None)


def test_after_the_standard_a_tap_on_the_information_tile_opens_it_on_a_busy_day(kiosk: Kiosk,
                                                                                   qtbot: QtBot) -> None:
    window = kiosk.window
    home = window.home
    for n in range(TICKETS):
        kiosk.desk.issue(SERVICES[n % len(SERVICES)], "ru")
    waiting, longest = kiosk.desk.overview()
    assert waiting > 150 and longest > 60  # a long queue: the card's line warns of the wait over the norm

    click(window.standard_tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current() is window.standard)
    click(window.bottom_bar.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current() is home)
    line = window.visit_extras.home_wait
    qtbot.waitUntil(lambda: line.isVisible() and "дольше нормы" in line.line.text())
    assert f"{waiting} человек" in home.queue_line.text()

    # Nothing on Home runs below the edge: no scrolling, the one-tap rating whole.
    area = home.scroll_area
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0)
    assert not home.scroll_hint.isVisible()
    view = area.viewport()
    quick = window.home_quick
    assert view.rect().contains(quick.mapTo(view, quick.rect().bottomRight()))

    tile = window.about_tile
    assert tile.isVisible() and tile.isEnabled()
    put_on_screen(window, tile, qtbot)
    centre = tile.mapTo(window, tile.rect().center())
    # What a finger at the tile's centre lands on: the tile (its labels let touches through).
    assert window.childAt(centre) is tile
    assert QApplication.widgetAt(window.mapToGlobal(centre)) is tile
    click(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current() is window.about)
    assert window.about.title.text() == "О центре"
