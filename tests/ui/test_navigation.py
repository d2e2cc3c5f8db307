"""The navigator: the way back, screens that end a visit, and each screen's own timeout."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer
from pytestqt.qtbot import QtBot

from tests.ui.input_events import tap, wait_until_elapsed
from tests.ui.visitor.test_ticket_flow import take_ticket
from ui.app import Kiosk


def test_every_screen_but_home_has_a_timeout(kiosk: Kiosk) -> None:
    window, nav = kiosk.window, kiosk.window.nav
    assert nav.timeout_ms(window.home) is None
    assert nav.timeout_ms(window.categories) == kiosk.config.idle_timeout_s * 1000
    assert nav.timeout_ms(window.ticket) == kiosk.config.ticket_screen_s * 1000
    assert nav.timeout_ms(window.admin) == 60_000
    assert all(nav.timeout_ms(s) for s in nav.screens() if s is not window.home)
    # Home shows no timer at all: nobody is sent "Home" from Home.
    assert not nav.timer.isActive()


def test_back_from_a_ticket_goes_home_not_to_the_services(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot, "collect", "pickup")
    assert window.history  # the services were the step before
    window.bottom_bar.back_button.click()
    assert window.current() is window.home and window.history == []


def test_touches_keep_the_ticket_screen_open_too(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot, "collect", "pickup")
    window.nav.set_timeout_ms(window.ticket, 600)  # the config's 30 s, shortened for the test
    clock = QElapsedTimer()
    clock.start()
    # A visitor who taps Large text (or anything) is not thrown Home mid-read.
    for n in range(1, 4):
        wait_until_elapsed(qtbot, clock, n * 400)
        assert window.current() is window.ticket
        tap(window.ticket.number)
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.ticket.ticket is None
