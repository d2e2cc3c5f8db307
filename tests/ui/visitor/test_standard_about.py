"""About the centre: address, hours, Wi-Fi, children's corner and the services
from the config and the catalog; the website only as a QR code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.catalog import Text
from kiosk.config import CentreInfo, Config
from kiosk.hours import parse_weekly_hours
from ui.app import Kiosk
from ui.widgets.qr import qr_matrix


def test_about_shows_the_configured_facts_in_both_languages(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    info = kiosk.config.info
    assert window.about_tile.title.text() == "О центре"
    window.about_tile.click()
    screen = window.about
    assert window.current() is screen
    assert screen.title.text() == "О центре"
    assert info.address is not None and screen.address.text() == info.address.ru
    assert screen.hours.text() == "Ежедневно: 08:00–20:00"
    assert screen.wifi.text() == f"Название сети: {info.wifi_name}"
    assert info.children_corner is not None and screen.children_corner.text() == info.children_corner.ru
    assert screen.service_labels["passport-foreign"].text() == "Заграничный паспорт на 5 лет"
    assert set(screen.service_labels) == {s.id for s in kiosk.catalog.services()}
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: screen.title.text() == "About the centre")
    assert screen.address.text() == info.address.en
    assert screen.hours.text() == "Every day: 08:00–20:00"
    assert screen.wifi.text() == f"Network name: {info.wifi_name}"
    assert screen.service_labels["passport-foreign"].text() == "Foreign travel passport for 5 years"


def test_about_website_is_a_qr_code_and_never_a_link(kiosk: Kiosk) -> None:
    kiosk.window.about_tile.click()
    screen = kiosk.window.about
    website = kiosk.config.info.website
    assert screen.qr.text() == website
    assert screen.qr.isVisible() and screen.qr.width() >= 200
    # What the camera reads is the configured address, nothing else.
    assert qr_matrix(website) == qr_matrix(screen.qr.text())
    address = screen.website.text().replace("\u200b", "")
    assert address == website
    for label in screen.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
        assert not label.openExternalLinks()


def test_about_hides_what_the_config_leaves_out(make_kiosk, config: Config) -> None:
    kiosk = make_kiosk(printer=None, cfg=config.with_overrides(info=CentreInfo()))
    kiosk.window.about_tile.click()
    screen = kiosk.window.about
    for hidden in (screen.address, screen.wifi_title, screen.wifi, screen.children_title, screen.children_corner,
                   screen.qr):
        assert not hidden.isVisible()
    assert screen.hours_title.text() == "Часы работы"
    assert screen.hours.isVisible()


def test_about_reads_a_week_of_different_hours_in_lines(make_kiosk, config: Config, qtbot: QtBot) -> None:
    hours = parse_weekly_hours({"daily": "08:00-20:00", "sat": "10:00-14:00, 15:00-18:00", "sun": "closed"})
    info = CentreInfo(address=Text(ru="Адрес", en="Address"))
    kiosk = make_kiosk(printer=None, cfg=config.with_overrides(hours=hours, info=info))
    screen = kiosk.window.about
    kiosk.window.about_tile.click()
    assert screen.hours.text() == "Пн–Пт: 08:00–20:00\nСб: 10:00–14:00, 15:00–18:00\nВс: выходной"
    kiosk.window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: screen.hours.text().startswith("Mon"))
    assert screen.hours.text() == "Mon–Fri: 08:00–20:00\nSat: 10:00–14:00, 15:00–18:00\nSun: closed"


def test_about_a_centre_open_round_the_clock(make_kiosk, config: Config) -> None:
    kiosk = make_kiosk(printer=None, cfg=config.with_overrides(hours=parse_weekly_hours({"daily": "00:00-24:00"})))
    kiosk.window.about_tile.click()
    assert kiosk.window.about.hours.text() == "Ежедневно: круглосуточно"
