"""The check-in screen: a code typed with real touches or scanned (keys ending with
Enter), each answer in words, a normal ticket offered when the booking lapsed, the
list's age, and nothing typed kept for the next visitor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk import server_cache
from kiosk.bookings import Outcome
from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.ui.input_events import press_key, tap
from tests.ui.visitor.visit_support import make_ctx, show
from ui.context import UiContext
from ui.visitor.checkin import CheckInScreen

TODAY = dt.date(2026, 11, 24)
LIST = [
    {"code": "2401", "service_id": "passport-foreign", "slot_local": "10:10"},
    {"code": "2404", "service_id": "registration", "slot_local": "08:00"},
]


@pytest.fixture
def ctx(config: Config, catalog: Catalog, desk: TicketDesk) -> Iterator[UiContext]:
    yield from make_ctx(config, catalog, desk)


def put_list(store: Store, fetched: dt.datetime) -> None:
    with store.transaction() as conn:
        server_cache.save(conn, server_cache.appointments_name(TODAY),
                          {"date": TODAY.isoformat(), "centre_id": "demo-centre", "appointments": LIST}, None, fetched)


def tap_code(screen: CheckInScreen, code: str) -> None:
    for char in code:
        tap(screen.pad.keys[char])


def test_typed_on_the_keypad_the_code_checks_in_and_shows_the_booked_ticket(
        ctx: UiContext, qtbot: QtBot, store: Store, clock: ManualClock) -> None:
    put_list(store, clock.now_utc())
    screen = CheckInScreen(ctx)
    show(qtbot, screen)
    assert screen.title.text() == "У меня запись"
    assert not screen.list_age.isVisible()
    tap_code(screen, "2401")
    assert screen.code.text() == "2401"
    with qtbot.waitSignal(screen.checked_in, timeout=2000) as issued:
        tap(screen.submit_button)
    ticket = issued.args[0]
    assert screen.pages.currentWidget() is screen.answer_page
    assert screen.number.text() == ticket.display == "Р001"
    assert "Заграничный паспорт" in screen.service.text()
    assert screen.slot.text() == "Запись на 10:10"
    assert "2401" in screen.booking.text()
    assert "10:25" in screen.wait.text() and "15" in screen.wait.text()
    ctx.language.set_language("en")
    qtbot.waitUntil(lambda: screen.slot.text() == "Booked visit at 10:10")
    assert screen.call.text() == "Please wait until your number is called on the display"


def test_a_scanner_types_the_code_and_ends_with_enter(ctx: UiContext, qtbot: QtBot, store: Store,
                                                     clock: ManualClock) -> None:
    put_list(store, clock.now_utc())
    screen = CheckInScreen(ctx)
    show(qtbot, screen)
    qtbot.waitUntil(screen.code.hasFocus)
    for char in "2401":
        press_key(screen, getattr(Qt.Key, f"Key_{char}"), text=char)
    with qtbot.waitSignal(screen.checked_in, timeout=2000):
        press_key(screen, Qt.Key.Key_Return, text="\r")
    assert screen.result is not None and screen.result.outcome is Outcome.CHECKED_IN


def test_a_lapsed_booking_offers_a_normal_ticket_for_its_service(ctx: UiContext, qtbot: QtBot, store: Store,
                                                                clock: ManualClock) -> None:
    put_list(store, clock.now_utc())
    screen = CheckInScreen(ctx)
    show(qtbot, screen)
    tap_code(screen, "2404")
    assert screen.code.text() == "2404"
    tap(screen.submit_button)
    assert screen.answer_title.text() == "Время вашей записи прошло"
    assert "08:00" in screen.answer_body.text()
    assert screen.normal_button.isVisible() and not screen.card.isVisible()
    with qtbot.waitSignal(screen.normal_ticket, timeout=2000) as asked:
        tap(screen.normal_button)
    assert asked.args == ["registration"]


def test_an_unknown_code_can_be_typed_again_and_the_old_list_says_its_age(
        ctx: UiContext, qtbot: QtBot, store: Store, clock: ManualClock) -> None:
    put_list(store, clock.now_utc() - dt.timedelta(hours=2, minutes=5))
    screen = CheckInScreen(ctx)
    show(qtbot, screen)
    assert screen.list_age.isVisible()
    assert screen.list_age.text() == "Список записей обновлялся 2 часа назад."
    tap_code(screen, "9999")
    tap(screen.submit_button)
    assert screen.answer_title.text() == "Мы не нашли этот код"
    assert not screen.normal_button.isVisible()
    tap(screen.again_button)
    assert screen.pages.currentWidget() is screen.entry_page and screen.code.text() == ""


def test_reset_forgets_the_code_and_the_answer(ctx: UiContext, qtbot: QtBot, store: Store,
                                              clock: ManualClock) -> None:
    put_list(store, clock.now_utc())
    screen = CheckInScreen(ctx)
    show(qtbot, screen)
    tap_code(screen, "24")
    screen.reset()  # what the navigator does on the way Home
    assert screen.code.text() == "" and screen.result is None
    tap_code(screen, "2401")
    tap(screen.submit_button)
    screen.reset()
    assert screen.pages.currentWidget() is screen.entry_page
    assert screen.result is None and not screen.card.isVisible()
