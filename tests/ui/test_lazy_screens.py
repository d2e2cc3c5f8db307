"""Screens are built on first use (ui/navigation.py's registry): a kiosk starts
with Home and its tiles only, a screen appears the first time a visitor needs
it and is the same screen after, what the kiosk tells a screen before it
exists reaches it when it is built, and every_screen() still reaches them all."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.content import load_standard, standard_from_bundle
from tests.ui.input_events import tap
from ui.app import Kiosk
from ui.navigation import Navigator
from ui.widgets.screen import Screen


def test_a_kiosk_starts_with_home_alone_and_its_tiles(kiosk: Kiosk) -> None:
    window = kiosk.window
    assert window.nav.screens() == (window.home,)
    assert window.stack.count() == 1
    for tile in (window.home.ticket_tile, window.rate_tile, window.standard_tile, window.about_tile):
        assert tile.isVisible()
    assert window.home_quick.isVisible()
    # Nothing the kiosk does by itself at start or on Home builds a screen either.
    window._refresh_current()
    assert not window.in_admin()
    window.switches.large_button.click()
    window.switches.large_button.click()
    assert [name for name in window.nav.names() if window.nav.built(name) is not None] == []


def test_a_screen_is_built_when_first_needed_and_kept(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    tap(window.about_tile)
    about = window.nav.built("about")
    assert about is not None and window.current() is about
    assert window.nav.timeout_ms(about) == kiosk.config.idle_timeout_s * 1000
    tap(window.bottom_bar.home_button)
    tap(window.about_tile)
    assert window.current() is about and window.about is about
    assert window.stack.count() == 2  # Home and the centre's information, nothing else


def test_text_for_a_screen_not_built_yet_is_there_when_it_is(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.set_standard(standard_from_bundle({"ru": "## Обновлено\n\nНовый текст.", "en": "## Updated\n\nNew."},
                                             load_standard()))
    window.set_sync_setup(False, "not enrolled: run main.py enrol")
    assert window.nav.built("standard") is None and window.nav.built("admin") is None
    tap(window.standard_tile)
    qtbot.waitUntil(lambda: [label.text() for label in window.standard.block_labels] == ["Обновлено", "Новый текст."])
    assert window.admin.sync.setup_problem == "not enrolled: run main.py enrol"


def test_every_screen_builds_them_all_home_first_each_once(kiosk: Kiosk) -> None:
    window = kiosk.window
    screens = window.every_screen()
    assert screens[0] is window.home
    assert len(screens) == len(set(screens)) == len(window.nav.names()) + 1
    assert all(window.stack.indexOf(screen) >= 0 for screen in screens)
    for name in ("ticket", "admin", "admin_pin", "rating_entry", "rating_thanks", "standard", "message"):
        assert window.nav.built(name) in screens
    assert window.every_screen() == screens  # built once


def test_a_name_registers_once_and_a_factory_may_not_need_its_own_screen(kiosk: Kiosk) -> None:
    nav: Navigator = kiosk.window.nav
    with pytest.raises(ValueError, match="registered twice"):
        nav.register("about", lambda: Screen(kiosk.ctx))
    nav.register("loop", lambda: nav.screen("loop"))
    with pytest.raises(RuntimeError, match="needs itself"):
        nav.screen("loop")
