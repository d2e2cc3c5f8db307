"""Each grade of each rating criterion, and each face of the one-tap panels,
answers a real tap: a touchscreen's press, a rest and a release sent to the
window (Qt makes the mouse events), and a real mouse click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QScroller, QWidget
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from kiosk.ratings import CRITERIA, GRADES
from tests.ui.input_events import click, finger_down, tap, touchscreen
from tests.ui.offscreen_screen import presses_reach_buttons
from tests.ui.rating.support import query, take_ticket
from ui.app import Kiosk


def into_view(widget: QWidget) -> None:
    """Scroll ``widget`` into view as a visitor's finger would, if it sits in a scroll area."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget)
    QApplication.processEvents()
    assert widget.isVisible(), widget.objectName()
    centre = widget.mapTo(widget.window(), widget.rect().center())
    hit = widget.window().childAt(centre)
    assert hit is widget or widget.isAncestorOf(hit), f"{widget.objectName()} is covered by {hit}"


def open_criteria(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    window.ticket.done_button.click()
    window.rate_tile.click()
    for char in "П001":
        window.rating_entry.pad.keys[char].click()
    window.rating_entry.find_button.click()
    assert window.current() is window.rating_criteria
    presses_reach_buttons(window)


@pytest.mark.parametrize("press", ["touch", "mouse"])
def test_every_grade_of_every_criterion_takes_a_real_tap(kiosk: Kiosk, qtbot: QtBot, press: str) -> None:
    open_criteria(kiosk, qtbot)
    criteria = kiosk.window.rating_criteria
    missed = []
    for criterion in CRITERIA:
        scale = criteria.scales[criterion]
        for grade in GRADES:
            button = scale.buttons[grade]
            into_view(button)
            if press == "touch":
                tap(button)
            else:
                click(button, Qt.MouseButton.LeftButton)
            if scale.value() != grade:
                missed.append(f"{criterion.value} {grade}: got {scale.value()}")
    assert not missed, "\n".join(missed)
    # The last tap of each row chose 5; a second tap on a chosen grade clears it.
    assert criteria.scores() == {c: 5 for c in CRITERIA}
    assert criteria.next_button.isEnabled()
    button = criteria.scales[CRITERIA[0]].buttons[5]
    into_view(button)
    tap(button)
    assert criteria.scales[CRITERIA[0]].value() == 0


@pytest.mark.parametrize("press", ["touch", "mouse"])
def test_every_face_of_the_one_tap_panels_takes_a_real_tap(kiosk: Kiosk, qtbot: QtBot, clock: ManualClock,
                                                           press: str) -> None:
    window = kiosk.window
    stored: list[int] = []
    gap = kiosk.config.quick_rating_gap_s + 1

    def rate(button: QWidget, grade: int) -> None:
        into_view(button)
        with qtbot.waitSignal(window.rating_saved, timeout=2000):
            if press == "touch":
                tap(button)
            else:
                click(button, Qt.MouseButton.LeftButton)
        stored.append(grade)
        clock.advance(seconds=gap)

    for grade in GRADES:
        rate(window.home_quick.scale.buttons[grade], grade)
        assert window.current() is window.home
    take_ticket(kiosk, qtbot)
    assert window.current() is window.ticket
    for grade in GRADES:
        rate(window.ticket_quick.scale.buttons[grade], grade)
        assert window.current() is window.ticket
    rows = query(kiosk, "SELECT overall FROM ratings ORDER BY rowid")
    assert [overall for (overall,) in rows] == stored


# Offscreen, Qt's one screen is 800×600 and the window larger: the gesture manager
# finds no widget under a drag past it and says so. A real display has none of this.
@pytest.mark.qt_log_ignore("QGestureManager::deliverEvents: could not find the target")
def test_a_drag_that_starts_on_a_grade_scrolls_the_questions_and_grades_nothing(kiosk: Kiosk, qtbot: QtBot) -> None:
    open_criteria(kiosk, qtbot)
    criteria = kiosk.window.rating_criteria
    bar = criteria.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0  # at 1920×1080 the fifth question is below the edge
    scroller = QScroller.scroller(criteria.scroll_area.viewport())
    scale = criteria.scales[CRITERIA[-1]]
    handle, at = finger_down(scale.buttons[3])
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Pressed, timeout=3000)
    for step in range(1, 13):  # the finger moves up 240 px; from the first step on it drags the content
        QTest.touchEvent(handle, touchscreen()).move(0, at - QPoint(0, 20 * step), handle).commit()
        qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Dragging, timeout=3000)
    QTest.touchEvent(handle, touchscreen()).release(0, at - QPoint(0, 240), handle).commit()
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive, timeout=3000)
    assert bar.value() > 0
    assert criteria.scores() == {}
