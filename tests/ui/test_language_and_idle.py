"""Language switch on every screen; idle return to Home forgets the visitor."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.input_events import tap, wait_until_elapsed
from ui.app import Kiosk

CYRILLIC = re.compile("[А-Яа-яЁё]")
# Texts that are the same in both languages by design: the language buttons
# name themselves, and ticket numbers and queue letters keep their Cyrillic letter.
SAME_IN_BOTH = {"Русский", "English"}


def visible_texts(root: QWidget) -> dict[str, str]:
    texts = {}
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text().strip():
            key = f"{widget.objectName()}#{id(widget)}"
            texts[key] = widget.text()
    return texts


def go_to(kiosk: Kiosk, screen: str) -> None:
    window = kiosk.window
    window.go_home()
    if screen == "home":
        return
    window.home.ticket_tile.click()
    if screen == "categories":
        return
    window.categories.category_tiles["passports"].click()
    if screen == "services":
        return
    window.services.tiles["passport-internal"].click()
    assert screen == "ticket"


def assert_language(window: QWidget, language: str) -> None:
    for key, text in visible_texts(window).items():
        if text in SAME_IN_BOTH or key.startswith(("ticketNumber", "tileBadge")):
            continue
        if language == "en":
            assert not CYRILLIC.search(text), (key, text)
        else:
            assert CYRILLIC.search(text) or not re.search("[A-Za-z]", text), (key, text)


@pytest.mark.parametrize("screen", ["home", "categories", "services", "ticket"])
def test_switching_language_changes_every_visible_word(kiosk: Kiosk, qtbot: QtBot, screen: str) -> None:
    go_to(kiosk, screen)
    window = kiosk.window
    assert_language(window, "ru")
    russian = visible_texts(window)
    window.bottom_bar.language_buttons["en"].click()
    # Qt delivers LanguageChange through the event loop.
    qtbot.waitUntil(lambda: assert_language(window, "en"), timeout=2000)
    assert visible_texts(window).keys() == russian.keys()
    assert window.current().property("screenName") == screen  # switching does not navigate
    window.bottom_bar.language_buttons["ru"].click()
    qtbot.waitUntil(lambda: assert_language(window, "ru"), timeout=2000)


def test_idle_returns_home_and_forgets_choices(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.nav.set_idle_ms(100)  # the config's minimum is 15 s; shortened for the test
    window.bottom_bar.language_buttons["en"].click()
    window.home.ticket_tile.click()
    window.categories.category_tiles["social"].click()
    assert window.services.tiles
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.current() is window.home
    assert kiosk.language.current == "ru"
    assert window.services.tiles == {}
    assert window.history == []
    assert not window.bottom_bar.back_button.isVisible()


def test_touches_keep_the_screen_open(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.nav.set_idle_ms(600)  # the config's minimum is 15 s; shortened for the test
    window.home.ticket_tile.click()
    clock = QElapsedTimer()
    clock.start()
    # Four taps 400 ms apart: well past the timeout in all, but never 600 ms without one.
    for n in range(1, 5):
        wait_until_elapsed(qtbot, clock, n * 400)
        assert window.current() is window.categories
        tap(window.categories.title)
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert clock.elapsed() >= 1600 + 500  # the last tap still counted in full


def test_back_goes_one_step_and_home_clears(kiosk: Kiosk) -> None:
    window = kiosk.window
    window.home.ticket_tile.click()
    window.categories.situation_tiles["birth"].click()
    package = window.visit_extras.package
    assert window.current() is package and package.title.text() == "Рождение ребёнка"
    assert "1. Регистрация рождения" in package.services_list.text()
    window.bottom_bar.back_button.click()
    assert window.current() is window.categories
    window.bottom_bar.home_button.click()
    assert window.current() is window.home
