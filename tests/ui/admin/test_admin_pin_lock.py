"""The PIN pad while it is locked: the keys are disabled and look it, the pad
itself says how long is left in the screen's language, it opens again when the
lock runs out, and ``main.py unlock-pins`` on the box opens it at once.
Driven by real taps through the native window."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.admin.cli import unlock_pins_command
from kiosk.clock import ManualClock
from tests.ui.admin.support import CONSULTANT_PIN, audit, set_pins
from tests.ui.input_events import tap
from ui.admin.pin import AdminPinScreen
from ui.app import Kiosk


@pytest.fixture
def staffed(kiosk: Kiosk) -> Kiosk:
    return set_pins(kiosk)


def open_pad(kiosk: Kiosk) -> AdminPinScreen:
    name = kiosk.window.top_bar.centre
    for _ in range(5):
        tap(name, QPoint(30, name.height() // 2))
    assert kiosk.window.current() is kiosk.window.admin_pin
    return kiosk.window.admin_pin


def tap_pin(screen: AdminPinScreen, qtbot: QtBot, pin: str) -> None:
    """Tap the digits and OK with a finger, and wait for the check (off the GUI thread)."""
    for digit in pin:
        tap(screen.pad.keys[digit])
    with qtbot.waitSignal(screen.call.finished, timeout=3000):
        tap(screen.pad.ok_key)


def lock(screen: AdminPinScreen, qtbot: QtBot) -> None:
    for _ in range(5):
        tap_pin(screen, qtbot, "0000")


def key_colour(screen: AdminPinScreen) -> QColor:
    key = screen.pad.keys["5"]
    image = screen.pad.grab().toImage()
    at = key.mapTo(screen.pad, QPoint(12, key.height() // 2))
    return QColor(image.pixel(at))


def key_place(screen: AdminPinScreen) -> QPoint:
    for _ in range(2):
        QApplication.processEvents()  # let a pending relayout happen
    key = screen.pad.keys["5"]
    return key.mapTo(key.window(), QPoint(0, 0))


def keys_enabled(screen: AdminPinScreen) -> list[bool]:
    pad = screen.pad
    return [k.isEnabled() for k in (*pad.keys.values(), pad.delete_key)]


@pytest.mark.expect_log("kiosk.admin.pins")
def test_a_locked_pad_is_disabled_says_how_long_and_opens_again(staffed: Kiosk, qtbot: QtBot,
                                                                 clock: ManualClock) -> None:
    screen = open_pad(staffed)
    unlocked_look = key_colour(screen)
    key_at = key_place(screen)
    assert all(keys_enabled(screen)) and not screen.pad.lock_note.isVisible()
    lock(screen, qtbot)
    pad = screen.pad
    assert key_place(screen) == key_at  # the keys do not jump under a finger when the lock shows
    assert not any(keys_enabled(screen)) and not pad.ok_key.isEnabled()
    assert key_colour(screen) != unlocked_look  # visibly disabled, not only refusing
    assert pad.lock_note.isVisible()
    assert pad.lock_note.text() == "Заблокировано ещё на 30 секунд"
    tap(pad.keys["1"])
    assert pad.display.text().startswith("–")  # a tap on a locked key types nothing
    tap(staffed.window.bottom_bar.language_buttons["en"])
    qtbot.waitUntil(lambda: pad.lock_note.text().startswith("Locked for"), timeout=2000)
    assert pad.lock_note.text() in ("Locked for 30 more seconds", "Locked for 29 more seconds")
    clock.advance(seconds=20)
    qtbot.waitUntil(lambda: pad.lock_note.text() == "Locked for 10 more seconds", timeout=3000)
    clock.advance(seconds=11)
    qtbot.waitUntil(lambda: all(keys_enabled(screen)), timeout=3000)
    assert not pad.lock_note.isVisible() and key_colour(screen) == unlocked_look
    tap_pin(screen, qtbot, CONSULTANT_PIN)
    assert staffed.window.current() is staffed.window.admin


@pytest.mark.expect_log("kiosk.admin.pins")
def test_long_locks_count_in_minutes(staffed: Kiosk, qtbot: QtBot, clock: ManualClock) -> None:
    screen = open_pad(staffed)
    lock(screen, qtbot)
    for _ in range(3):  # 60 s, 120 s, then 240 s
        clock.advance(seconds=3600)
        qtbot.waitUntil(lambda: all(keys_enabled(screen)), timeout=3000)
        tap_pin(screen, qtbot, "0000")
    assert screen.pad.lock_note.text() == "Заблокировано ещё на 4 минуты"


@pytest.mark.expect_log("kiosk.admin.pins")
def test_the_operator_unlocks_the_running_kiosk_from_the_command_line(staffed: Kiosk, qtbot: QtBot,
                                                                      clock: ManualClock) -> None:
    screen = open_pad(staffed)
    lock(screen, qtbot)
    assert not any(keys_enabled(screen))
    out = io.StringIO()
    assert unlock_pins_command(staffed.data_dir, clock=clock, out=out, err=io.StringIO()) == 0
    assert "unlocked after 5 wrong PINs" in out.getvalue()
    # The running kiosk sees it at its next check, with no waiting for the lock to run out.
    qtbot.waitUntil(lambda: all(keys_enabled(screen)), timeout=3000)
    assert not screen.pad.lock_note.isVisible() and not screen.message.isVisible()
    tap_pin(screen, qtbot, CONSULTANT_PIN)
    assert staffed.window.current() is staffed.window.admin
    actions = [a for _, a, _ in audit(staffed)]
    assert actions[-2:] == ["admin.pins_unlocked", "admin.signed_in"]
