"""The hidden admin gesture, driven by real taps through the native window:
quick taps (which Qt turns into double clicks) count, the whole of the
centre's name is the target whatever its length, and taps elsewhere do not."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QElapsedTimer, QPoint, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.admin.support import set_pins
from tests.ui.input_events import click, tap, wait_until_elapsed
from ui.app import Kiosk


@pytest.fixture
def staffed(kiosk: Kiosk) -> Kiosk:
    return set_pins(kiosk)


def mouse_tap(widget: QWidget, point: QPoint) -> None:
    click(widget, Qt.MouseButton.LeftButton, point)


def quick_taps(qtbot: QtBot, widget: QWidget, point: QPoint, times: int = 5, gap_ms: int = 200,
               how: Callable[[QWidget, QPoint], None] = tap) -> None:
    """``times`` taps at ``point`` of ``widget``, each press ``gap_ms`` of real time after the last."""
    clock = QElapsedTimer()
    for i in range(times):
        if i:
            wait_until_elapsed(qtbot, clock, gap_ms)
        clock.start()
        how(widget, point)


@pytest.mark.parametrize("how", [tap, mouse_tap], ids=["touch", "mouse"])
@pytest.mark.parametrize("gap_ms", [150, 280])
def test_five_quick_taps_open_the_pin_pad(staffed: Kiosk, qtbot: QtBot, gap_ms: int,
                                          how: Callable[[QWidget, QPoint], None]) -> None:
    # Qt makes the second of two quick presses a double click: press, double click, press, ...
    window = staffed.window
    name = window.top_bar.centre
    quick_taps(qtbot, name, QPoint(30, name.height() // 2), times=4, gap_ms=gap_ms, how=how)
    assert window.current() is window.home  # four taps are not the gesture
    quick_taps(qtbot, name, QPoint(30, name.height() // 2), times=1, gap_ms=gap_ms, how=how)
    assert window.current() is window.admin_pin


def test_taps_on_the_far_end_of_a_long_name_count(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    bar, name = window.top_bar, window.top_bar.centre
    text_width = name.fontMetrics().horizontalAdvance(name.text())
    assert text_width > 500  # the demo centre's Russian name is long
    far = QPoint(name.contentsRect().left() + text_width - 20, name.height() // 2)
    assert name.mapTo(bar, far).x() > 400  # past the old fixed 320 px corner
    quick_taps(qtbot, name, far)
    assert window.current() is window.admin_pin


def test_taps_beside_the_name_or_on_the_clock_do_nothing(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    bar, name = window.top_bar, window.top_bar.centre
    text_width = name.fontMetrics().horizontalAdvance(name.text())
    beyond = name.mapTo(bar, QPoint(name.contentsRect().left() + text_width + 60, name.height() // 2))
    assert beyond.x() < window.top_bar.clock.x()  # still on the bar, in the empty middle
    quick_taps(qtbot, bar, beyond)
    assert window.current() is window.home
    clock = window.top_bar.clock
    quick_taps(qtbot, clock, clock.rect().center())
    assert window.current() is window.home
    # A tap elsewhere breaks a run: four on the name, one beside it, one on the name.
    quick_taps(qtbot, name, QPoint(30, name.height() // 2), times=4)
    quick_taps(qtbot, bar, beyond, times=1)
    quick_taps(qtbot, name, QPoint(30, name.height() // 2), times=1)
    assert window.current() is window.home


def test_the_target_follows_the_name_in_english(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    tap(window.bottom_bar.language_buttons["en"])
    name = window.top_bar.centre
    assert name.text().startswith("My Documents")
    text_width = name.fontMetrics().horizontalAdvance(name.text())
    quick_taps(qtbot, name, QPoint(name.contentsRect().left() + text_width - 10, name.height() // 2))
    assert window.current() is window.admin_pin
