"""Helpers for the rating UI tests: take a ticket, walk the rating steps, read the store."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ratings import Criterion
from ui.app import Kiosk


def take_ticket(kiosk: Kiosk, qtbot: QtBot, category: str = "passports",
                service: str = "passport-internal") -> str:
    """Take a ticket through the screens; return its id."""
    window = kiosk.window
    window.home.ticket_tile.click()
    window.categories.category_tiles[category].click()
    with qtbot.waitSignal(window.ticket_shown, timeout=2000) as shown:
        window.services.tiles[service].click()
    return str(shown.args[0])


def type_on_pad(kiosk: Kiosk, text: str) -> None:
    """Tap the entry screen's keypad keys for ``text`` (letters and digits)."""
    pad = kiosk.window.rating_entry.pad
    for char in text:
        pad.keys[char].click()


def grade(kiosk: Kiosk, criterion: Criterion, value: int) -> None:
    kiosk.window.rating_criteria.scales[criterion].buttons[value].click()


def query(kiosk: Kiosk, sql: str, *args: object) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    try:
        return [tuple(row) for row in conn.execute(sql, args)]
    finally:
        conn.close()


def rating_events(kiosk: Kiosk) -> list[dict[str, Any]]:
    return [json.loads(p) for (p,) in query(kiosk, "SELECT payload FROM outbox WHERE kind = 'rating.submitted' "
                                                   "ORDER BY seq")]


def type_keys(widget: QWidget, text: str) -> None:
    """Type ``text`` as key presses, the way a hardware keyboard does.

    ``qtbot.keyClicks`` aborts on letters outside Latin-1, so Cyrillic is sent
    as key events here (through the application's event filters, like real keys).
    """
    for char in text:
        key = ord(char.upper()) if char.isalpha() else ord(char)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))
