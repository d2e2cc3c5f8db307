"""Admin mode's *Today* tab, the first every consultant sees, warns when the kiosk's disk runs
low or full, in both languages, measured as the desk measures it before each ticket."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import MIB
from tests.ui.admin.support import set_pins, sign_in
from ui.app import Kiosk


@dataclass
class FakeUsage:
    free: int | None
    total: int = 64 * 1024 * MIB

    def __call__(self, path: Path) -> FakeUsage:
        if self.free is None:
            raise OSError(5, "I/O error", str(path))
        return self


def test_today_warns_of_a_low_then_full_disk_and_is_quiet_with_room(kiosk: Kiosk, qtbot: QtBot) -> None:
    set_pins(kiosk)
    usage = FakeUsage(free=300 * MIB)
    kiosk.desk.disk_usage = usage
    sign_in(kiosk, qtbot)
    window = kiosk.window
    today = window.admin.today
    assert window.admin.current_page() is today
    warning = today.disk_warning
    assert warning.isVisible() and warning.property("role") == "warning"
    assert warning.text() == ("На диске киоска мало места: свободно 300.0 МБ. Когда останется меньше 50.0 МБ, "
                              "киоск перестанет выдавать талоны; сообщите оператору.")
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: warning.text().startswith("Little space left"), timeout=2000)
    assert warning.text() == ("Little space left on the kiosk's disk: 300.0 MB free. Below 50.0 MB the kiosk "
                              "stops issuing tickets; tell the operator.")

    usage.free = 20 * MIB
    window.admin.refresh_figures()
    assert warning.text() == ("The kiosk's disk is full: 20.0 MB free. No tickets are issued until the operator "
                              "frees space.")
    usage.free = None
    window.admin.refresh_figures()
    assert warning.text() == "The kiosk cannot measure its free disk space; tell the operator."

    usage.free = 10_000 * MIB
    window.admin.refresh_figures()
    assert not warning.isVisible()
