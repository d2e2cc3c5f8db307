"""The main visitor and staff flows driven only by a touchscreen's events
(``QTouchEvent`` press, a real rest, release; Qt makes the mouse events), taps
inside QScroller kinetic areas included."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QPoint
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ratings import Criterion
from tests.ui.admin.support import set_pins
from tests.ui.input_events import tap, wait_until_elapsed
from tests.ui.rating.support import query, rating_events
from ui.app import Kiosk


def finger(widget: QWidget, point: QPoint | None = None) -> None:
    """Tap ``widget`` as a visitor would: scrolled into view first if it sits in a kinetic area."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget)
    assert widget.isVisible(), widget.objectName()
    tap(widget, point)


def test_take_a_ticket_by_touch(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    finger(window.home.ticket_tile)
    assert window.current() is window.categories
    finger(window.categories.category_tiles["passports"])
    assert window.current() is window.services
    with qtbot.waitSignal(window.ticket_shown, timeout=3000):
        finger(window.services.tiles["passport-internal"])
    assert window.current() is window.ticket
    assert window.ticket.number.text() == "П001"
    assert query(kiosk, "SELECT COUNT(*) FROM outbox WHERE kind = 'ticket.issued'") == [(1,)]


def test_rate_by_number_by_touch(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    finger(window.home.ticket_tile)
    finger(window.categories.category_tiles["passports"])
    with qtbot.waitSignal(window.ticket_shown, timeout=3000):
        finger(window.services.tiles["passport-internal"])
    finger(window.ticket.done_button)
    assert window.current() is window.home
    finger(window.rate_tile)
    entry = window.rating_entry
    assert window.current() is entry
    for char in "П001":  # the keypad sits in the entry screen's kinetic area
        finger(entry.pad.keys[char])
    assert entry.code.text() == "П001"
    finger(entry.find_button)
    criteria = window.rating_criteria
    assert window.current() is criteria
    for criterion in Criterion:
        finger(criteria.scales[criterion].buttons[5])
    finger(criteria.next_button)
    comment = window.rating_comment
    assert window.current() is comment
    for char in "ок":
        finger(comment.keyboard.key_for(char))
    assert comment.box.text() == "ок"
    with qtbot.waitSignal(window.rating_saved, timeout=3000):
        finger(comment.send_button)
    assert window.current() is window.rating_thanks
    events = rating_events(kiosk)
    assert len(events) == 1 and events[0]["comment"] == "ок"


def test_admin_entry_by_touch(kiosk: Kiosk, qtbot: QtBot) -> None:
    set_pins(kiosk)
    window = kiosk.window
    name = window.top_bar.centre
    clock = QElapsedTimer()
    clock.start()
    # Five deliberate taps on the left part of the centre's name, about half a second apart.
    for n in range(5):
        wait_until_elapsed(qtbot, clock, n * 500)
        tap(name, QPoint(30, name.height() // 2))
    qtbot.waitUntil(lambda: window.current() is window.admin_pin, timeout=2000)
