"""A visitor takes a ticket: Home → category → service → ticket, stored,
queued for sync and printed."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from tests.support import moscow
from ui.app import Kiosk
from ui.printing.jobs import PrintJob
from ui.printing.service import PrintError
from ui.visitor.ticket import PrintState


def take_ticket(kiosk: Kiosk, qtbot: QtBot, category: str, service: str) -> str:
    window = kiosk.window
    window.home.ticket_tile.click()
    assert window.current() is window.categories
    window.categories.category_tiles[category].click()
    assert window.current() is window.services
    with qtbot.waitSignal(window.ticket_shown, timeout=2000) as shown:
        window.services.tiles[service].click()
    return shown.args[0]


def test_home_to_ticket_stores_queues_and_prints(kiosk: Kiosk, qtbot: QtBot, pdf_dir: Path) -> None:
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        ticket_id = take_ticket(kiosk, qtbot, "passports", "passport-foreign")
        screen = kiosk.window.ticket
        assert kiosk.window.current() is screen
        # The number is on screen before the printer has finished.
        assert screen.number.text() == "П001"
        assert screen.print_state in (PrintState.PRINTING, PrintState.PRINTED)
    assert printed.args == [ticket_id, True, ""]

    assert screen.number.fontInfo().pixelSize() >= 120
    assert "Заграничный паспорт" in screen.service.text()
    assert screen.ahead.text() == "Перед вами никого нет"
    assert screen.call.text() == "Ждите вызова на табло"
    assert screen.qr.text() == kiosk.config.link_template.format(uuid=ticket_id)
    assert screen.print_state is PrintState.PRINTED
    assert "лотке" in screen.print_line.text()

    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    row = conn.execute("SELECT display, service_id, print_state FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    assert row == ("П001", "passport-foreign", "printed")
    kind, payload = conn.execute("SELECT kind, payload FROM outbox").fetchone()
    assert kind == "ticket.issued" and json.loads(payload)["ticket_id"] == ticket_id
    conn.close()

    pdfs = list(pdf_dir.glob("*.pdf"))
    assert [p.name for p in pdfs] == [f"П001-{ticket_id}.pdf"]
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed to read printed tickets back (./run.sh test installs it)"
    text = subprocess.run([pdftotext, "-layout", str(pdfs[0]), "-"], capture_output=True, text=True,
                          check=True).stdout
    for expected in ("П001", "Ваш номер", "Заграничный паспорт", "Ждите вызова на табло",
                     kiosk.config.centre_name.ru.split()[0], "24.11.2026"):
        assert expected in text


class BrokenPrinter:
    def print_ticket(self, job: PrintJob) -> None:
        raise PrintError("paper out")


@pytest.mark.expect_log("ui.printing.service")
def test_broken_printer_is_said_plainly_and_the_ticket_stays(make_kiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(printer=BrokenPrinter())
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=5000):
        ticket_id = take_ticket(kiosk, qtbot, "collect", "pickup")
    screen = kiosk.window.ticket
    qtbot.waitUntil(lambda: screen.print_state is PrintState.FAILED)
    assert screen.number.text() == "В001"
    assert screen.print_line.isVisible()
    assert "Принтер сейчас не работает" in screen.print_line.text()
    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    assert conn.execute("SELECT print_state, print_error FROM tickets").fetchone() == ("failed", "paper out")
    kinds = [r[0] for r in conn.execute("SELECT kind FROM outbox ORDER BY seq")]
    assert kinds == ["ticket.issued", "print.failed"]
    conn.close()
    assert ticket_id


def test_ticket_screen_returns_home_by_itself(make_kiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(printer=None)
    kiosk.window.nav.set_timeout_ms(kiosk.window.ticket, 50)  # the config's 30 s, shortened for the test
    take_ticket(kiosk, qtbot, "collect", "pickup")
    with qtbot.waitSignal(kiosk.window.went_home, timeout=3000):
        pass
    assert kiosk.window.current() is kiosk.window.home
    assert kiosk.window.ticket.ticket is None


def test_past_closing_shows_a_plain_refusal(make_kiosk, qtbot: QtBot, clock: ManualClock) -> None:
    clock.set(moscow(2026, 11, 24, 19, 55))
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    window.home.ticket_tile.click()
    window.categories.category_tiles["real-estate"].click()
    for _ in range(3):
        window.services.tiles["property-rights"].click()
        window.go_home()
        window.home.ticket_tile.click()
        window.categories.category_tiles["real-estate"].click()
    window.services.tiles["property-rights"].click()
    assert window.current() is window.message
    assert window.message.title.text() == "Талоны на эту услугу сегодня больше не выдаются"
    assert "завтра в 08:00" in window.message.body.text()
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: window.message.title.text() == "No more tickets for this service today")
    assert "tomorrow at 08:00" in window.message.body.text()
    window.message.button.click()
    assert window.current() is window.home


def test_closed_centre_home_says_when_it_opens(make_kiosk, clock: ManualClock) -> None:
    clock.set(moscow(2026, 11, 24, 21, 15))
    kiosk = make_kiosk(printer=None)
    home = kiosk.window.home
    assert not home.ticket_tile.isEnabled()
    assert home.closed_line.isVisible()
    assert home.closed_line.text() == "Центр сейчас закрыт. Он откроется завтра в 08:00."
