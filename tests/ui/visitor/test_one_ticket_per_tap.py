"""A touchscreen's bursts (a double-click Qt makes of two quick taps, a resting or
bouncing finger) issue one ticket, never two."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer
from pytestqt.qtbot import QtBot

from tests.ui.input_events import finger_down, finger_up, tap, wait_until_elapsed
from ui.app import Kiosk


def _count(kiosk: Kiosk, sql: str) -> int:
    return int(kiosk.store.db.conn.execute(sql).fetchone()[0])


def test_a_burst_of_taps_on_a_service_issues_one_ticket(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    tap(window.home.ticket_tile)
    assert window.current() is window.categories
    tap(window.categories.category_tiles["passports"])
    assert window.current() is window.services
    tile = window.services.tiles["passport-internal"]
    clock = QElapsedTimer()
    clock.start()
    # Six touches 60 ms apart, each resting 25 ms: Qt turns every second press into a double-click.
    for n in range(6):
        wait_until_elapsed(qtbot, clock, n * 60)
        handle, at = finger_down(tile)
        wait_until_elapsed(qtbot, clock, n * 60 + 25)
        finger_up(handle, at)
    qtbot.waitUntil(lambda: window.current() is window.ticket, timeout=2000)
    wait_until_elapsed(qtbot, clock, 800)  # anything queued by the burst has been delivered
    assert _count(kiosk, "SELECT COUNT(*) FROM tickets") == 1
    assert _count(kiosk, "SELECT COUNT(*) FROM outbox WHERE kind = 'ticket.issued'") == 1
    assert window.current() is window.ticket


def test_a_choice_from_a_screen_no_longer_showing_issues_nothing(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    tap(window.home.ticket_tile)
    tap(window.categories.category_tiles["passports"])
    tile = window.services.tiles["passport-internal"]
    tap(tile)
    assert window.current() is window.ticket
    # What a touchscreen's late press does: the hidden tile still gets a press and
    # a release (QScroller replays a held press to the widget it was aimed at).
    tile.click()
    assert int(kiosk.store.db.conn.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]) == 1
