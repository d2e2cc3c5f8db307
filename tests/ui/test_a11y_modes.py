"""Large text and high contrast: switched from the bottom bar on any screen,
kept while the visitor moves on, and back to normal when the kiosk returns Home
by itself."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from ui.accessibility import (
    HIGH_CONTRAST_PALETTE,
    LARGE_SCALE,
    MIN_CONTRAST,
    MIN_CONTRAST_HIGH,
    contrast_ratio,
)
from ui.app import Kiosk
from ui.theme import DEFAULT_PALETTE, Palette
from ui.visitor.categories import CATEGORY_COLUMNS, LARGE_TEXT_COLUMNS

# (text, background) pairs the stylesheet paints; see ui/theme.py.
TEXT_PAIRS = [
    ("text", "background"), ("text", "surface"), ("muted", "background"), ("muted", "surface"),
    ("on_primary", "primary"), ("on_primary", "primary_pressed"), ("on_bar", "bar"), ("bar", "on_bar"),
    ("warn_text", "warn_bg"), ("ok_text", "background"), ("ok_text", "surface"),
    ("disabled_text", "disabled_bg"), ("on_primary", "disabled_text"), ("text", "pressed_bg"),
    ("muted", "pressed_bg"),
]


@pytest.mark.parametrize(("palette", "minimum"), [(DEFAULT_PALETTE, MIN_CONTRAST),
                                                  (HIGH_CONTRAST_PALETTE, MIN_CONTRAST_HIGH)],
                         ids=["default", "high-contrast"])
def test_a11y_every_text_colour_pair_of_a_theme_reaches_its_minimum(palette: Palette, minimum: float) -> None:
    for text, ground in TEXT_PAIRS:
        ratio = contrast_ratio(getattr(palette, text), getattr(palette, ground))
        assert ratio >= minimum, f"{text} on {ground}: {ratio:.2f}"
    # Every colour of the palette is used by the pairs above or is a border/edge.
    used = {name for pair in TEXT_PAIRS for name in pair} | {"border", "bar_edge"}
    assert used == {field.name for field in dataclasses.fields(Palette)}


def test_a11y_contrast_ratio_matches_wcag() -> None:
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#FFFFFF"), 2) == 4.48
    assert contrast_ratio("#123456", "#123456") == 1.0


def px(label: QLabel) -> int:
    return label.fontInfo().pixelSize()


def colour(label: QLabel) -> str:
    return label.palette().color(label.foregroundRole()).name().upper()


def test_a11y_large_text_and_contrast_apply_at_once_and_follow_the_visitor(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    switches = window.switches
    window.home.ticket_tile.click()
    categories = window.categories
    title = categories.title
    normal_title, normal_clock = px(title), px(window.top_bar.clock)
    tile = categories.category_tiles["passports"]
    normal_tile_height = tile.height()

    switches.large_button.click()
    qtbot.waitUntil(lambda: px(title) == round(normal_title * LARGE_SCALE))
    assert switches.large_button.isChecked() and switches.large_button.text() == "✓ Крупный текст"
    # Tiles grow with their words, and fewer go in a row so that no word is cut.
    qtbot.waitUntil(lambda: tile.height() > normal_tile_height * 1.2)
    assert tile.height() >= tile.heightForWidth(tile.width())
    grid = categories.grids[0][0]
    assert grid.getItemPosition(grid.indexOf(categories.category_tiles["housing"]))[:2] == (0, 2)
    assert grid.getItemPosition(grid.indexOf(categories.category_tiles["civil-registry"]))[:2] == (1, 0)
    assert LARGE_TEXT_COLUMNS < CATEGORY_COLUMNS
    # The bars grow less, so that their one row of buttons still fits the screen.
    assert normal_clock < px(window.top_bar.clock) < px(title)
    assert window.bottom_bar.sizeHint().width() <= 1920

    switches.contrast_button.click()
    qtbot.waitUntil(lambda: colour(title) == HIGH_CONTRAST_PALETTE.text)
    assert window.access.min_contrast == MIN_CONTRAST_HIGH

    # The next screen, shown for the first time since the switch, is large and high-contrast too.
    tile.click()
    services = window.services
    assert window.current() is services
    assert px(services.title) == px(title)
    assert colour(services.title) == HIGH_CONTRAST_PALETTE.text

    # Back to normal by the same switches.
    switches.large_button.click()
    switches.contrast_button.click()
    qtbot.waitUntil(lambda: px(services.title) == normal_title)
    assert colour(services.title) == DEFAULT_PALETTE.text.upper()


def test_a11y_both_switches_reset_when_the_kiosk_returns_home_by_itself(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    normal_title = px(window.home.title)
    window.switches.large_button.click()
    window.switches.contrast_button.click()
    window.home.ticket_tile.click()
    assert px(window.categories.title) > normal_title
    kiosk.window.nav.set_idle_ms(50)  # the config's 60 s, shortened for the test
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.current() is window.home
    assert not window.access.large and not window.access.high_contrast
    assert not window.switches.large_button.isChecked() and not window.switches.contrast_button.isChecked()
    assert window.switches.large_button.text() == "Крупный текст"
    qtbot.waitUntil(lambda: px(window.home.title) == normal_title)
    assert colour(window.home.title) == DEFAULT_PALETTE.text.upper()
    assert window.bottom_bar.palette().color(window.bottom_bar.backgroundRole()).name().upper() == \
        DEFAULT_PALETTE.bar.upper()


def test_a11y_ticket_number_stays_readable_and_in_view_with_large_text(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.switches.large_button.click()
    window.home.ticket_tile.click()
    window.categories.category_tiles["passports"].click()
    with qtbot.waitSignal(window.ticket_shown, timeout=2000):
        window.services.tiles["passport-foreign"].click()
    number = window.ticket.number
    qtbot.waitUntil(lambda: px(number) >= 180)
    # The card scrolls rather than squeezing its lines; the number, at its top, is in view.
    viewport = window.ticket.scroll_area.viewport()
    top_left = number.mapTo(viewport, number.rect().topLeft())
    assert 0 <= top_left.y() and top_left.y() + number.height() <= viewport.height()
