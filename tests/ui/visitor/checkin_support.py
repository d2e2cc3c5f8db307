"""A booked visit checked in the way a visitor does it: the Home tile, the code on the keypad, *Check in*."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.tickets import Ticket
from tests.ui.input_events import tap
from ui.app import Kiosk


def check_in_by_taps(kiosk: Kiosk, qtbot: QtBot, code: str = "2401") -> Ticket:
    """Check in with ``code`` by real taps; returns the booked ticket once its slip is printed."""
    window = kiosk.window
    tap(window.visit_extras.checkin_tile)
    screen = window.visit_extras.checkin
    for char in code:
        tap(screen.pad.keys[char])
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        tap(screen.submit_button)
    assert printed.args[1] is True, printed.args[2]
    ticket = screen.result.ticket if screen.result is not None else None
    assert ticket is not None and ticket.booked_slot is not None
    return ticket
