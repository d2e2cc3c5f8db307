"""A visitor at a kiosk whose disk is full: a plain message, no ticket, and never a number on
screen that is not stored.

* below ``storage.disk_refuse_mib`` (a fake measurement): the desk refuses before writing;
* SQLITE_FULL from SQLite itself (``PRAGMA max_page_count`` caps the file): the write fails
  half-way, is rolled back, and the screen says so instead of showing the number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import MIB
from ui.app import Kiosk

pytestmark = pytest.mark.expect_log("ui.visitor.ticketing")  # "ticket for … not issued: …" (ERROR)


@dataclass
class FakeUsage:
    free: int
    total: int = 64 * 1024 * MIB

    def __call__(self, _path: Path) -> FakeUsage:
        return self


def stored(kiosk: Kiosk) -> list[str]:
    return [r[0] for r in kiosk.store.db.conn.execute("SELECT display FROM tickets ORDER BY rowid")]


def test_below_the_limit_the_visitor_is_told_and_gets_no_ticket(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    kiosk.desk.disk_usage = FakeUsage(free=10 * MIB)
    shown: list[str] = []
    window.ticket_shown.connect(shown.append)
    window.home.ticket_tile.click()
    window.categories.category_tiles["consultation"].click()
    window.services.tiles["consultation"].click()
    assert window.current() is window.message
    assert window.message.title.text() == "Киоск сейчас не может выдать талон"
    assert window.message.body.text() == "Пожалуйста, обратитесь к консультанту в зале. Талон не был выдан."
    assert shown == [] and stored(kiosk) == []
    # Space freed: the next visitor gets the first number, none was used up by the refusal.
    kiosk.desk.disk_usage = FakeUsage(free=10_000 * MIB)
    window.go_home()
    with qtbot.waitSignal(window.ticket_shown, timeout=2000):
        window.issue_ticket("consultation")
    assert window.ticket.number.text() == "К001"


def test_sqlite_full_mid_write_shows_the_message_not_the_number(make_kiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    kiosk.desk.disk_usage = FakeUsage(free=10_000 * MIB)  # the kiosk's own limit out of the way
    conn = kiosk.store.db.conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    shown: list[str] = []
    for _ in range(500):  # the room left in the last pages runs out within a few tickets
        window.go_home()
        window.issue_ticket("consultation")
        if window.current() is window.message:
            break
        # Every number on screen is a stored ticket.
        assert window.current() is window.ticket and stored(kiosk)[-1] == window.ticket.number.text()
        shown.append(window.ticket.number.text())
    assert window.current() is window.message
    assert window.message.title.text() == "Киоск сейчас не может выдать талон"
    assert stored(kiosk) == shown
    conn.execute("PRAGMA max_page_count = 1073741823")
    window.go_home()
    window.issue_ticket("consultation")
    assert window.ticket.number.text() == f"К{len(shown) + 1:03d}"
