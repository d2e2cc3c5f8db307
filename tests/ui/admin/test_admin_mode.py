"""Getting into admin mode and out again: the hidden gesture, the PIN pad and
its lockout, the 60-second timer, and the audit trail of every session."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QElapsedTimer, QPoint
from pytestqt.qtbot import QtBot

from kiosk.admin.pins import CONSULTANT, OPERATOR
from kiosk.clock import ManualClock
from tests.ui.admin.support import CONSULTANT_PIN, OPERATOR_PIN, audit, set_pins, sign_in, tap_corner, type_pin
from tests.ui.input_events import tap, wait_until_elapsed
from ui.app import Kiosk


@pytest.fixture
def staffed(kiosk: Kiosk) -> Kiosk:
    return set_pins(kiosk)


def test_five_taps_on_the_centre_name_open_the_pin_pad(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    tap_corner(staffed, qtbot, 4)
    assert window.current() is window.home  # four taps are not the gesture
    tap_corner(staffed, qtbot, 1)
    assert window.current() is window.admin_pin
    assert window.admin_pin.pad.isEnabled()
    assert window.admin_pin.title.text() == "Вход для сотрудников"


def test_taps_elsewhere_or_too_slow_do_nothing(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    bar = window.top_bar
    for _ in range(5):
        tap(bar, QPoint(bar.width() - 40, bar.height() // 2))
    assert window.current() is window.home
    moments = iter([0.0, 0.9, 1.8, 2.7, 3.6, 4.5])
    window.admin_gesture.now = lambda: next(moments)
    tap_corner(staffed, qtbot, 5)  # five taps over 3.6 s
    assert window.current() is window.home
    tap_corner(staffed, qtbot, 1)  # the last five (0.9 ... 4.5) still span more than 3 s
    assert window.current() is window.home


def test_right_pin_opens_admin_for_its_role_and_is_audited(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    sign_in(staffed, qtbot, CONSULTANT_PIN)
    assert window.admin_session.role == CONSULTANT
    assert not window.admin.tabs["operator"].isVisible()  # the Kiosk tab is the operator's
    assert window.admin.title.text() == "Режим администратора · Консультант"  # read aloud by the voice
    window.bottom_bar.home_button.click()
    assert window.current() is window.home and window.admin_session.role is None
    sign_in(staffed, qtbot, OPERATOR_PIN)
    assert window.admin.tabs["operator"].isVisible()
    actions = [(role, action, details.get("reason")) for role, action, details in audit(staffed)]
    assert actions[2:] == [(CONSULTANT, "admin.signed_in", None), (CONSULTANT, "admin.signed_out", "home"),
                           (OPERATOR, "admin.signed_in", None)]
    events = [json.loads(p[0]) for p in staffed.store.db.conn.execute(
        "SELECT payload FROM outbox WHERE kind = 'audit' ORDER BY seq")]
    assert [e["action"] for e in events] == [a for _, a, _ in audit(staffed)]


@pytest.mark.expect_log("kiosk.admin.pins")
def test_wrong_pins_lock_the_pad_with_a_growing_delay(staffed: Kiosk, qtbot: QtBot, clock: ManualClock) -> None:
    window = staffed.window
    screen = window.admin_pin
    tap_corner(staffed, qtbot)
    for _ in range(4):
        type_pin(staffed, qtbot, "0000")
        assert window.current() is screen
    assert "Неверный PIN-код" in screen.message.text() and "1 попытка" in screen.message.text()
    type_pin(staffed, qtbot, "0000")
    assert "заблокирован до 10:00:30" in screen.message.text()
    # Locked: the keys are disabled, so not even the right PIN can be typed (test_admin_pin_lock.py).
    assert not screen.pad.keys["1"].isEnabled()
    clock.advance(seconds=31)
    qtbot.waitUntil(lambda: screen.pad.keys["1"].isEnabled(), timeout=3000)  # the pad's lock timer
    type_pin(staffed, qtbot, "1111")
    assert "заблокирован до 10:01:31" in screen.message.text()  # 60 s this time
    clock.advance(seconds=61)
    qtbot.waitUntil(lambda: screen.pad.keys["1"].isEnabled(), timeout=3000)
    type_pin(staffed, qtbot, CONSULTANT_PIN)
    assert window.current() is window.admin
    failures = [d for _, a, d in audit(staffed) if a == "admin.pin_failed"]
    assert [d["failures"] for d in failures] == [1, 2, 3, 4, 5, 6]
    assert [a for _, a, _ in audit(staffed)].count("admin.locked") == 2


def test_without_any_pin_admin_mode_stays_shut(kiosk: Kiosk, qtbot: QtBot) -> None:
    tap_corner(kiosk, qtbot)
    screen = kiosk.window.admin_pin
    assert kiosk.window.current() is screen
    assert not screen.pad.isEnabled()
    assert "set-pin" in screen.message.text() and "не настроен" in screen.message.text()


def test_sixty_seconds_without_a_touch_close_admin_mode(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    session = window.admin_session
    assert window.nav.timeout_ms(window.admin) == 60_000
    window.nav.set_idle_ms(50)  # the visitor's timeout must stay out of admin mode
    sign_in(staffed, qtbot)
    assert window.nav.timer.interval() == 60_000
    assert window.nav.timer.isActive()
    window.nav.set_timeout_ms(window.admin, 600)  # shortened for the test
    window.admin.tabs["services"].click()
    clock = QElapsedTimer()
    clock.start()
    # Every touch restarts it: three taps 400 ms apart keep admin mode open past 600 ms.
    for n in range(1, 4):
        wait_until_elapsed(qtbot, clock, n * 400)
        assert window.current() is window.admin
        tap(window.admin.tabs["tickets"])
        assert window.nav.timer.remainingTime() > 300  # restarted by the tap (it rests TAP_MS), not left at < 200
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.current() is window.home and session.role is None
    assert audit(staffed)[-1] == (CONSULTANT, "admin.signed_out", {"reason": "timeout"})


def test_a_pin_pad_left_open_goes_home(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    tap_corner(staffed, qtbot)
    assert window.current() is window.admin_pin
    # Shortened once the pad shows (it takes effect at once): real taps take time themselves.
    with qtbot.waitSignal(window.went_home, timeout=3000):
        window.nav.set_timeout_ms(window.admin_pin, 100)
    assert window.current() is window.home
    assert [a for _, a, _ in audit(staffed)] == ["admin.pin_set", "admin.pin_set"]  # no session to close


def test_back_and_sign_out_leave_admin_mode(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    sign_in(staffed, qtbot)
    window.bottom_bar.back_button.click()
    assert window.current() is window.home
    sign_in(staffed, qtbot)
    window.admin.sign_out_button.click()
    assert window.current() is window.home
    reasons = [d["reason"] for _, a, d in audit(staffed) if a == "admin.signed_out"]
    assert reasons == ["home", "sign_out"]


def test_admin_screens_follow_the_language(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    sign_in(staffed, qtbot, OPERATOR_PIN)
    assert window.admin.tabs["today"].text() == "Сегодня"
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: window.admin.tabs["today"].text() == "Today", timeout=2000)
    assert window.admin.tabs["operator"].text() == "Kiosk"
    assert window.admin.title.text() == "Admin mode · Operator"
    assert window.current() is window.admin  # switching language does not leave admin mode
