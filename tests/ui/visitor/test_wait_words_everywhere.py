"""The wait against the norm in words wherever a wait is shown: Home's line, the category
and service tiles and the ticket; over the norm the ticket offers the free hot drink."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk import waits
from tests.ui.input_events import tap
from ui.app import Kiosk


def crowd(kiosk: Kiosk, service_id: str, minutes: int) -> int:
    """Tickets for ``service_id`` until its queue's wait is over ``minutes``; the wait then."""
    desk = kiosk.desk
    category = kiosk.catalog.category(kiosk.catalog.service(service_id).category_id)
    while desk.estimate(category).wait_minutes <= minutes:
        desk.issue(service_id, "ru")
    return desk.estimate(category).wait_minutes


def test_a_short_queue_is_short_and_within_the_norm_everywhere(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    assert waits.band_of(crowd(kiosk, "snils", 0)) is waits.Band.SHORT
    window.home.refresh()
    assert "короткое, в пределах нормы 15 мин" in window.visit_extras.home_wait.line.text()
    tap(window.home.ticket_tile)
    snils = kiosk.catalog.service("snils")
    tile = window.categories.category_tiles[snils.category_id]
    assert tile.detail.text().endswith("· короткое ожидание, в пределах нормы")


def test_over_the_norm_every_wait_says_so_and_the_ticket_offers_a_hot_drink(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    minutes = crowd(kiosk, "snils", 30)
    assert waits.band_of(minutes) is waits.Band.VERY_LONG
    window.home.refresh()
    line = window.visit_extras.home_wait.line.text()
    assert line.startswith("Самое долгое ожидание сейчас: очень долгое, дольше нормы 15 мин")
    assert window.visit_extras.home_wait.line.property("role") == "warning"
    tap(window.home.ticket_tile)
    category_id = kiosk.catalog.service("snils").category_id
    assert window.categories.category_tiles[category_id].detail.text().endswith(
        "· очень долгое ожидание, дольше нормы")
    tap(window.categories.category_tiles[category_id])
    services = window.services
    assert services.tiles["snils"].detail.text().endswith("· очень долгое ожидание, дольше нормы")
    with qtbot.waitSignal(window.ticket_shown, timeout=5000):
        tap(services.tiles["snils"])
    band = window.visit_extras.ticket_extras.band
    assert band.isVisible()
    assert band.text() == "Очень долгое ожидание (более 30 мин)"
    assert band.property("role") == "warning"
    wait = window.ticket.wait.text()
    assert "дольше нормы 15 минут" in wait and "бесплатный горячий напиток" in wait
    assert "горячий напиток" not in band.text()  # said once on the screen
