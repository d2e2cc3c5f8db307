"""Home with its six tiles: at normal text on the kiosk's 1920×1080 screen everything,
the quick rating included, fits without scrolling; in every text size and contrast a
touch on each tile (scrolled to first where large text runs below the edge, as a
visitor's finger would) opens that tile's screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.input_events import tap
from ui.app import Kiosk
from ui.main_window import KioskWindow
from ui.widgets.screen import Screen
from ui.widgets.tile import Tile

# Each Home tile and the screen it opens.
TILES: dict[str, tuple[Callable[[KioskWindow], Tile], Callable[[KioskWindow], Screen]]] = {
    "ticket": (lambda w: w.home.ticket_tile, lambda w: w.categories),
    "rate": (lambda w: w.rate_tile, lambda w: w.rating_entry),
    "standard": (lambda w: w.standard_tile, lambda w: w.standard),
    "about": (lambda w: w.about_tile, lambda w: w.about),
    "checkin": (lambda w: w.visit_extras.checkin_tile, lambda w: w.visit_extras.checkin),
    "besttime": (lambda w: w.visit_extras.best_time_tile, lambda w: w.visit_extras.best_time),
}
MODES = {"normal": (False, False), "large": (True, False), "contrast": (False, True), "large+contrast": (True, True)}


def set_mode(window: KioskWindow, qtbot: QtBot, large: bool, contrast: bool) -> None:
    if window.access.large != large:
        tap(window.switches.large_button)
    if window.access.high_contrast != contrast:
        tap(window.switches.contrast_button)
    qtbot.waitUntil(lambda: (window.access.large, window.access.high_contrast) == (large, contrast))
    # Home has rearranged its tiles for the text size (it does so a turn of the loop later).
    qtbot.waitUntil(lambda: window.home._fitted == (window.home.width(), large))


def test_home_fits_at_normal_text_on_the_kiosk_screen(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    home = window.home
    assert len(home.tiles) == 5
    qtbot.waitUntil(lambda: home.scroll_area.verticalScrollBar().maximum() == 0)
    assert not home.scroll_hint.isVisible()
    view = home.scroll_area.viewport()
    for widget in (home.ticket_tile, *home.tiles, window.home_quick, window.visit_extras.home_wait):
        assert widget.isVisible()
        top_left = widget.mapTo(view, widget.rect().topLeft())
        bottom_right = widget.mapTo(view, widget.rect().bottomRight())
        assert view.rect().contains(top_left) and view.rect().contains(bottom_right), widget.objectName()
    for tile in home.tiles:
        # Every title fits its tile: no word cut at the tile's edge.
        assert tile.title.width() >= tile.title.fontMetrics().horizontalAdvance(
            max(tile.title.text().split(), key=len)), tile.title.text()


def test_home_still_fits_when_the_queue_runs_over_the_norm(kiosk: Kiosk, qtbot: QtBot) -> None:
    # A busy morning: the queue card's line compares the wait with the norm and names it,
    # so the promise that repeats the norm gives way (with it, Home ran 9 px below the edge
    # at 1920x1080 in the demo config once 160 people waited) and nothing goes below the edge.
    window = kiosk.window
    home = window.home
    for _ in range(170):
        kiosk.desk.issue("passport-internal", "ru")
    window.go_home()
    home.refresh()
    assert window.visit_extras.home_wait.isVisible()
    assert "нормы" in window.visit_extras.home_wait.line.text()
    qtbot.waitUntil(lambda: home.scroll_area.verticalScrollBar().maximum() == 0)
    assert not home.scroll_hint.isVisible()
    assert not home.promise.isVisible()


def on_screen(window: KioskWindow, tile: Tile, qtbot: QtBot) -> None:
    """Move the window so that ``tile`` lies on the test screen (offscreen: 800×800). When Home
    scrolls, its QScroller holds a press back and replays it to the widget under the point on
    the screen, and off that screen there is none; the kiosk's own screen is its window's size."""
    area = window.home.scroll_area
    area.ensureWidgetVisible(tile, 0, 0)  # where large text runs below the edge, as a swipe would
    qtbot.waitUntil(lambda: area.viewport().rect().contains(tile.mapTo(area.viewport(), tile.rect().center())))
    centre = tile.mapTo(window, tile.rect().center())
    middle = window.screen().geometry().center()
    window.move(middle.x() - centre.x(), middle.y() - centre.y())
    qtbot.waitUntil(lambda: window.screen().geometry().contains(tile.mapToGlobal(tile.rect().center())))


@pytest.mark.parametrize("mode", MODES)
def test_a_touch_on_each_home_tile_opens_its_screen(kiosk: Kiosk, qtbot: QtBot, mode: str) -> None:
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    large, contrast = MODES[mode]
    for name, (tile_of, screen_of) in TILES.items():
        set_mode(window, qtbot, large, contrast)
        tile = tile_of(window)
        assert tile.isVisible() and tile.isEnabled(), name
        on_screen(window, tile, qtbot)
        tap(tile)
        qtbot.waitUntil(lambda: window.current() is not window.home, timeout=3000)
        assert window.current() is screen_of(window), name
        tap(window.bottom_bar.home_button)
        qtbot.waitUntil(lambda: window.current() is window.home)
