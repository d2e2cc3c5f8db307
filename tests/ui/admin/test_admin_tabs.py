"""What consultants and operators do in admin mode, through the real tabs:
each action changes what the kiosk does and leaves an audit row and an outbox event."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.admin.dashboard import compute_dashboard
from kiosk.admin.pins import CONSULTANT, OPERATOR, PinOutcome, PinVault
from kiosk.clock import ManualClock
from kiosk.tickets import Refusal, TicketRefused
from tests.ui.admin.support import CONSULTANT_PIN, FAST, OPERATOR_PIN, events, set_pins, sign_in
from tests.ui.admin.support import audit as full_audit
from ui.app import Kiosk


@pytest.fixture
def staffed(kiosk: Kiosk) -> Kiosk:
    return set_pins(kiosk)


def audit(kiosk: Kiosk) -> list[tuple[str | None, str, dict[str, object]]]:
    return full_audit(kiosk, with_pin_set=False)


def test_a_paused_service_is_unavailable_to_visitors_with_its_reason(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    sign_in(staffed, qtbot)
    page = window.admin.services
    window.admin.tabs["services"].click()
    page.tiles["snils"].click()
    page.reason_buttons["technical_failure"].click()
    assert page.tiles["snils"].detail.text() == "Приостановлена: технический сбой"
    assert (CONSULTANT, "service.paused", {"service_id": "snils", "reason_code": "technical_failure"}) \
        in audit(staffed)
    assert events(staffed, "audit")[-1]["action"] == "service.paused"
    window.bottom_bar.home_button.click()

    # A visitor looks for the service.
    window.home.ticket_tile.click()
    window.categories.category_tiles["pensions"].click()
    tile = window.services.tiles["snils"]
    assert not tile.isEnabled()
    assert tile.detail.text() == "Сейчас недоступна: технический сбой"
    assert window.services.tiles["pension-application"].isEnabled()
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: tile.detail.text() == "Not available now: technical failure", timeout=2000)
    with pytest.raises(TicketRefused) as refused:
        staffed.desk.issue("snils", "en")
    assert refused.value.reason is Refusal.PAUSED
    # A tap that races the pause gets a plain refusal, not a ticket.
    window.issue_ticket("snils")
    assert window.current() is window.message
    assert window.message.title.text() == "This service is paused"

    # Resumed, it takes tickets again.
    window.go_home()
    sign_in(staffed, qtbot)
    window.admin.tabs["services"].click()
    page.tiles["snils"].click()
    page.resume_button.click()
    assert page.tiles["snils"].detail.text() == "Талоны выдаются"
    assert staffed.desk.issue("snils", "ru").display == "Ф001"


def test_find_cancel_and_reprint_a_ticket(make_kiosk, qtbot: QtBot, pdf_dir: Path) -> None:
    kiosk = make_kiosk()
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, CONSULTANT_PIN)
    first = kiosk.desk.issue("passport-internal", "ru")
    kiosk.desk.issue("pickup", "ru")  # В001: the same number in another queue
    window = kiosk.window
    sign_in(kiosk, qtbot)
    window.admin.tabs["tickets"].click()
    page = window.admin.tickets
    page.pad.keys["1"].click()
    page.find_button.click()
    assert page.result_title.text() == "2 талона с этим номером; выберите нужный"
    page.field.clear()
    for key in ("П", "1"):
        page.pad.keys[key].click()
    page.find_button.click()
    assert page.record is not None and page.record.ticket.id == first.id
    assert "П001" in page.detail.text()

    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        page.reprint_button.click()
    assert printed.args == [first.id, True, ""]
    assert (pdf_dir / f"П001-{first.id}.pdf").exists()
    assert events(kiosk, "ticket.reprinted") == [{"ticket_id": first.id}]
    assert kiosk.store.db.conn.execute("SELECT print_state FROM tickets WHERE id = ?",
                                       (first.id,)).fetchone()[0] == "printed"

    page.cancel_buttons["visitor_left"].click()
    row = kiosk.store.db.conn.execute("SELECT status, cancel_reason FROM tickets WHERE id = ?",
                                      (first.id,)).fetchone()
    assert row == ("cancelled", "visitor_left")
    assert [e["ticket_id"] for e in events(kiosk, "ticket.cancelled")] == [first.id]
    assert "Талон П001 отменён: посетитель ушёл." in page.outcome.text()
    assert not page.reprint_button.isEnabled()
    assert not page.cancel_buttons["duplicate"].isVisible()
    assert [a for _, a, _ in audit(kiosk)][-2:] == ["ticket.reprinted", "ticket.cancelled"]


def test_printer_test_page_and_failures_today(make_kiosk, qtbot: QtBot, pdf_dir: Path) -> None:
    kiosk = make_kiosk()
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, CONSULTANT_PIN)
    ticket = kiosk.desk.issue("pickup", "ru")
    kiosk.desk.record_print(ticket.id, False, "paper out")
    window = kiosk.window
    sign_in(kiosk, qtbot)
    window.admin.tabs["printer"].click()
    page = window.admin.printer
    # The reason in plain words; what the printer said on a line of its own.
    assert page.last_line.text() == ("Последний талон В001 (10:00): не напечатан: "
                                     "принтер сообщает о неисправности; сообщите оператору")
    assert page.last_details.text() == "Сообщение системы: paper out"
    assert page.failures_line.text() == "Сегодня 1 сбой печати"
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        page.test_button.click()
    assert printed.args[0].startswith("test-page-") and printed.args[1] is True
    assert len(list(pdf_dir.glob("000-test-page-*.pdf"))) == 1
    assert page.outcome.text() == "Пробная страница напечатана. Проверьте, что она читается."
    assert (CONSULTANT, "printer.test_page", {"ok": True, "error": ""}) in audit(kiosk)
    # The test page is not a ticket: nothing was recorded against one.
    assert events(kiosk, "print.failed") == [{"ticket_id": ticket.id, "reason": "paper out"}]


def test_banner_shows_on_home_in_both_languages_until_it_expires(staffed: Kiosk, qtbot: QtBot,
                                                                 clock: ManualClock) -> None:
    window = staffed.window
    assert not window.home.banner.isVisible()
    sign_in(staffed, qtbot)
    window.admin.tabs["banner"].click()
    page = window.admin.banner
    for char in "до 18":
        (page.keyboard.space_key if char == " " else page.keyboard.key_for(char)).click()
    page.activate("en")
    for char in "till 18":
        (page.keyboard.space_key if char == " " else page.keyboard.key_for(char)).click()
    page.expiry_buttons["1h"].click()
    page.show_button.click()
    assert page.fields["ru"].text() == "до 18" and page.fields["en"].text() == "till 18"
    assert (CONSULTANT, "banner.set", {"ru": "до 18", "en": "till 18", "expires_utc": "2026-11-24T08:00:00.000Z"}) \
        in audit(staffed)
    window.bottom_bar.home_button.click()
    assert window.home.banner.isVisible() and window.home.banner.text() == "до 18"
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: window.home.banner.text() == "till 18", timeout=2000)
    clock.advance(hours=1)
    window.home.refresh()
    assert not window.home.banner.isVisible()


def test_sync_now_is_signalled_and_audited(staffed: Kiosk, qtbot: QtBot) -> None:
    window = staffed.window
    sign_in(staffed, qtbot)
    window.admin.tabs["sync"].click()
    page = window.admin.sync
    assert "событ" in page.pending_line.text()  # the audit events of this very session wait too
    with qtbot.waitSignal(window.sync_now_requested, timeout=1000):
        page.now_button.click()
    assert audit(staffed)[-1] == (CONSULTANT, "sync.now_requested", {})


def test_dashboard_tab_shows_the_store_figures(staffed: Kiosk, qtbot: QtBot) -> None:
    for service in ("passport-internal", "passport-internal", "pickup"):
        staffed.desk.issue(service, "ru")
    window = staffed.window
    sign_in(staffed, qtbot)
    page = window.admin.today
    board = compute_dashboard(staffed.desk)
    assert page.figures["issued"][0].text() == str(board.issued) == "3"
    assert page.figures["waiting"][0].text() == str(board.waiting_now)
    bars = dict(page.hours_chart.bars)
    assert bars["10"] == 3 and bars["09"] == 0 and bars["11"] is None  # an hour still to come has no figure
    assert [value for _, value in page.services_chart.bars] == [2, 1]


def test_operator_changes_a_pin_and_sees_the_kiosk(staffed: Kiosk, qtbot: QtBot, tmp_path: Path) -> None:
    window = staffed.window
    (staffed.data_dir / "logs").mkdir(exist_ok=True)
    (staffed.data_dir / "logs" / "kiosk.log").write_text("".join(f"line {i}\n" for i in range(250)))
    sign_in(staffed, qtbot, OPERATOR_PIN)
    window.admin.tabs["operator"].click()
    page = window.admin.operator
    assert page.info["kiosk"][1].text() == staffed.config.kiosk_id
    assert page.info["version"][1].text() == "0.1.0"
    lines = page.log_view.toPlainText().splitlines()
    assert len(lines) == 200 and lines[-1] == "line 249"
    assert page.log_view.isReadOnly()

    window.admin_session.vault.params = FAST
    page.pin_buttons[CONSULTANT].click()
    for pin in ("1357", "1357"):
        for digit in pin:
            page.pad.keys[digit].click()
        if page.first_pin is None:
            page.pad.ok_key.click()
        else:
            with qtbot.waitSignal(page.hashing.finished, timeout=3000):
                page.pad.ok_key.click()
    assert "изменён" in page.outcome.text()
    vault = PinVault(staffed.store, FAST)
    assert vault.check("1357").role == CONSULTANT
    assert vault.check(CONSULTANT_PIN).outcome is PinOutcome.WRONG
    pin_set = [(r, d) for r, a, d in full_audit(staffed) if a == "admin.pin_set"]
    assert pin_set[-1] == (OPERATOR, {"role": CONSULTANT, "source": "admin"})


def test_exit_takes_two_taps_and_reaches_the_quit_path(staffed: Kiosk, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # QApplication.exit() would also end every later test's event loop: record the call instead.
    exits: list[int] = []
    monkeypatch.setattr(staffed.app, "exit", exits.append)
    window = staffed.window
    sign_in(staffed, qtbot, OPERATOR_PIN)
    window.admin.tabs["operator"].click()
    page = window.admin.operator
    page.exit_button.click()
    assert page.exit_button.text() == "Нажмите ещё раз для выхода"
    assert not window.allow_close
    with qtbot.waitSignal(window.exit_requested, timeout=1000):
        page.exit_button.click()
    assert exits == [0] and window.allow_close  # Kiosk.quit ran: the application exits normally
    assert audit(staffed)[-1] == (OPERATOR, "app.exit", {})
