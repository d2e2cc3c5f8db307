"""The window's visit extras (ui/visitor/visit_extras.py): the Home tiles, check-in to a printed
booked ticket, a package as one ticket with its services on the ticket screen, the
SMS offer there, and every new screen forgetting its visitor on the way Home."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk import server_cache
from kiosk.bookings import Outcome, check_in
from kiosk.config import DEMO_CATALOG, Config
from kiosk.sms import numbers_left
from tests.ui.input_events import tap
from ui.app import Kiosk
from ui.visitor.visit_extras import VisitExtras


def installed(kiosk: Kiosk, qtbot: QtBot) -> VisitExtras:
    window = kiosk.window
    extras = window.visit_extras
    assert extras.demo  # the tests' config names the demo catalog
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    return extras


def open_from_home(tile: QPushButton) -> None:
    """Open a Home tile with a touch (Home does not scroll at normal text)."""
    tap(tile)


def test_check_in_from_the_home_tile_prints_the_booked_ticket(kiosk: Kiosk, qtbot: QtBot) -> None:
    extras = installed(kiosk, qtbot)
    window = kiosk.window
    assert extras.checkin_tile in window.home.tiles and extras.best_time_tile in window.home.tiles
    assert extras.checkin_tile.title.text() == "У меня запись"
    open_from_home(extras.checkin_tile)
    screen = extras.checkin
    assert window.current() is screen
    for char in "2401":
        tap(screen.pad.keys[char])
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        tap(screen.submit_button)
    assert printed.args[1] is True
    assert screen.number.text() == "Р001"
    assert screen.wait.text().endswith("\nКороткое ожидание (до 10 мин), в пределах нормы 15 мин.")
    tap(screen.done_button)
    assert window.current() is window.home
    assert screen.result is None and screen.code.text() == ""


def test_a_package_is_one_ticket_listing_its_services_and_the_sms_offer(kiosk: Kiosk, qtbot: QtBot) -> None:
    extras = installed(kiosk, qtbot)
    window = kiosk.window
    tap(window.home.ticket_tile)
    extras.show_package("birth")  # what the categories screen's life situation tile will call
    screen = extras.package
    assert screen.title.text() == "Рождение ребёнка"
    assert "1. Регистрация рождения" in screen.services_list.text()
    assert "Медицинское свидетельство о рождении" in screen.documents_list.text()
    assert not screen.ticket_card.isVisible()
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        tap(screen.take_button)
    assert window.current() is screen and screen.ticket_card.isVisible()
    assert screen.number.text() == "Г001" and not screen.take_button.isVisible()
    assert "5. " in screen.services_list.text()
    ticket = screen.ticket
    assert ticket is not None and printed.args == [ticket.id, True, ""]
    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    payload = json.loads(conn.execute("SELECT payload FROM outbox WHERE kind = 'ticket.issued'").fetchone()[0])
    conn.close()
    assert payload["ticket_id"] == ticket.id and payload["package_id"] == "birth"

    tap(screen.sms_button)
    sms = extras.sms_screen
    assert window.current() is sms
    for digit in "9161234567":
        tap(sms.pad.keys[digit])
    assert sms.shown.text() == "+7 916 •••-••-67"
    assert not sms.send_button.isEnabled()  # no consent yet
    tap(sms.consent)
    tap(sms.language_buttons["en"])
    tap(sms.send_button)
    assert window.current() is screen
    assert screen.sms_done.isVisible() and not screen.sms_button.isVisible()
    assert numbers_left(kiosk.window.ctx.desk.store) == 1
    tap(screen.done_button)
    assert window.current() is window.home
    assert sms.field.text() == "" and not sms.consent.isChecked()
    assert screen.package is None and screen.ticket is None


def test_the_ticket_screen_gets_the_band_and_the_sms_offer(kiosk: Kiosk, qtbot: QtBot) -> None:
    extras = installed(kiosk, qtbot)
    window = kiosk.window
    with qtbot.waitSignal(window.ticket_shown, timeout=2000):
        window.issue_ticket("snils")
    # A visitor's finger comes after the event loop has laid the new screen out.
    QCoreApplication.sendPostedEvents()
    panel = extras.ticket_extras
    assert window.current() is window.ticket and panel.isVisible()
    assert panel.band.text() == "Короткое ожидание (до 10 мин)"
    assert "горячий напиток" not in window.ticket.wait.text()
    tap(panel.sms_button)
    assert window.current() is extras.sms_screen
    tap(extras.sms_screen.cancel_button)
    assert window.current() is window.ticket and panel.sms_button.isVisible()


def test_best_time_from_its_home_tile(kiosk: Kiosk, qtbot: QtBot, tmp_path: Path) -> None:
    extras = installed(kiosk, qtbot)
    open_from_home(extras.best_time_tile)
    screen = extras.best_time
    assert kiosk.window.current() is screen
    assert screen.quiet.text() == "Тише всего: вт–чт, 14:00–16:00"
    assert "демонстрац" in screen.source.text()


def test_only_the_demo_catalog_makes_demo_appointments(make_kiosk, config: Config, tmp_path: Path) -> None:
    own = tmp_path / "centre.json"
    shutil.copyfile(DEMO_CATALOG, own)
    kiosk = make_kiosk(cfg=config.with_overrides(catalog_path=own))
    assert not kiosk.window.visit_extras.demo
    assert server_cache.appointments(kiosk.store, kiosk.desk.business_day()) is None
    assert check_in(kiosk.desk, "2401", "ru").outcome is Outcome.NO_LIST
