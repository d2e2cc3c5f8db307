"""Helpers for the admin-mode UI tests: PINs, the gesture, signing in, the audit trail."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from kiosk.admin.pins import CONSULTANT, OPERATOR, PinVault, ScryptParams
from tests.secrets_guard import remember_secret
from tests.ui.input_events import tap
from ui.app import Kiosk

FAST = ScryptParams(n=2**4, r=1, p=1)  # cheap hashes for tests; production keeps the slow default
CONSULTANT_PIN = remember_secret("4821")
OPERATOR_PIN = remember_secret("97531")


def set_pins(kiosk: Kiosk) -> Kiosk:
    vault = PinVault(kiosk.store, FAST)
    vault.set_pin(CONSULTANT, CONSULTANT_PIN)
    vault.set_pin(OPERATOR, OPERATOR_PIN)
    return kiosk


def tap_corner(kiosk: Kiosk, qtbot: QtBot, times: int = 5) -> None:
    """Taps on the centre's name at the left end of the top bar, as a finger would."""
    name = kiosk.window.top_bar.centre
    for _ in range(times):
        tap(name, QPoint(30, name.height() // 2))  # through the native window, as a finger


def type_pin(kiosk: Kiosk, qtbot: QtBot, pin: str) -> None:
    """Type a PIN on the pad and wait for its check (it runs off the GUI thread)."""
    screen = kiosk.window.admin_pin
    for digit in pin:
        screen.pad.keys[digit].click()
    with qtbot.waitSignal(screen.call.finished, timeout=3000):
        screen.pad.ok_key.click()


def sign_in(kiosk: Kiosk, qtbot: QtBot, pin: str = CONSULTANT_PIN) -> None:
    tap_corner(kiosk, qtbot)
    assert kiosk.window.current() is kiosk.window.admin_pin
    type_pin(kiosk, qtbot, pin)
    assert kiosk.window.current() is kiosk.window.admin


def audit(kiosk: Kiosk, *, with_pin_set: bool = True) -> list[tuple[str | None, str, dict[str, object]]]:
    rows = kiosk.store.db.conn.execute("SELECT role, action, details FROM audit ORDER BY created_utc, rowid")
    return [(r[0], r[1], json.loads(r[2])) for r in rows if with_pin_set or r[1] != "admin.pin_set"]


def events(kiosk: Kiosk, kind: str) -> list[dict[str, object]]:
    rows = kiosk.store.db.conn.execute("SELECT payload FROM outbox WHERE kind = ? ORDER BY seq", (kind,))
    return [json.loads(r[0]) for r in rows]
