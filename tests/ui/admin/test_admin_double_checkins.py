"""Admin mode's *Today* tab shows the booking codes the server lists as checked in at two
kiosks (both offline at the time), so a consultant can settle them; in both languages."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk import server_cache
from tests.ui.admin.support import set_pins, sign_in
from ui.app import Kiosk


def server_list(kiosk: Kiosk, check_ins: list[dict[str, str]]) -> None:
    """Today's list as the server sends it, with the check-ins it has heard of for 2401."""
    day = kiosk.desk.business_day()
    body = {"date": day.isoformat(), "centre_id": kiosk.config.centre_id, "appointments": [
        {"code": "2401", "service_id": "snils", "slot_local": "10:10", "check_ins": check_ins},
        {"code": "2402", "service_id": "snils", "slot_local": "10:30"}]}
    with kiosk.store.transaction() as conn:
        server_cache.save(conn, server_cache.appointments_name(day), body, '"e2"', kiosk.store.clock.now_utc())


def test_today_lists_double_check_ins_and_is_quiet_without(kiosk: Kiosk, qtbot: QtBot) -> None:
    set_pins(kiosk)
    server_list(kiosk, [{"number": "Р001", "kiosk_id": "demo-kiosk-1"}])
    sign_in(kiosk, qtbot)
    window = kiosk.window
    today = window.admin.today
    assert window.admin.current_page() is today
    assert not today.double_line.isVisible()  # one check-in is no double

    server_list(kiosk, [{"number": "Р001", "kiosk_id": "demo-kiosk-1"}, {"number": "Р501", "kiosk_id": "demo-kiosk-2"}])
    window.admin.refresh_figures()
    line = today.double_line
    assert line.isVisible() and line.property("role") == "warning"
    assert "код 2401, запись на 10:10: талоны Р001, Р501" in line.text()
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: "code 2401" in line.text(), timeout=2000)
    assert line.text().startswith("Booking codes checked in more than once today")
    assert "code 2401, booked for 10:10: tickets Р001, Р501" in line.text()
