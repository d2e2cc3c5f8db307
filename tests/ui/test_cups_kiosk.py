"""The kiosk printing to a real CUPS queue (tests/cups_support.py): a ticket is printed when
CUPS says the job completed; a stopped queue or a scheduler that is down is told
truthfully to the visitor, in the store, and in admin mode's printer tab in both
languages, and the ticket that failed never comes out later."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.admin.pins import CONSULTANT, PinVault
from kiosk.printers import cups as kcups
from tests.cups_support import PrivateCups, landed, write_pdf
from tests.ui.admin.support import CONSULTANT_PIN, FAST, sign_in
from ui.app import Kiosk
from ui.printing.cups import CupsTicketPrinter
from ui.visitor.ticket import PrintState

# The Russian screen's main lines may name CUPS, and nothing else in Latin letters.
LATIN = re.compile(r"[A-Za-z]+")


@pytest.fixture
def queue(cups_scheduler: PrivateCups) -> Iterator[str]:
    name = f"KioskUi{uuid.uuid4().hex[:8]}"
    cups_scheduler.add_queue(name)
    yield name
    cups_scheduler.delete_queue(name)


def cups_kiosk(make_kiosk, queue: str, server: str, timeout_s: float = 30) -> Kiosk:
    kiosk: Kiosk = make_kiosk(printer=CupsTicketPrinter(queue=queue, server=server, timeout_s=timeout_s))
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, CONSULTANT_PIN)
    return kiosk


def take_ticket(kiosk: Kiosk, qtbot: QtBot, timeout_ms: int = 30_000) -> list[object]:
    window = kiosk.window
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=timeout_ms) as printed:
        window.home.ticket_tile.click()
        window.categories.category_tiles["passports"].click()
        window.services.tiles["passport-foreign"].click()
    return list(printed.args)


def open_printer_tab(kiosk: Kiosk, qtbot: QtBot) -> None:
    """Sign in and show the printer tab; its status is read on the print thread."""
    sign_in(kiosk, qtbot)
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.status_checked, timeout=10_000):
        kiosk.window.admin.tabs["printer"].click()


def test_a_ticket_counts_as_printed_once_cups_completed_it(make_kiosk, qtbot: QtBot, cups_scheduler: PrivateCups,
                                                            queue: str, tmp_path: Path) -> None:
    kiosk = cups_kiosk(make_kiosk, queue, cups_scheduler.server)
    started = time.monotonic()
    ticket_id, ok, error = take_ticket(kiosk, qtbot)
    print(f"tap to printed on cups-pdf: {time.monotonic() - started:.2f} s")  # the figure, with -s
    assert (ok, error) == (True, "")
    assert kiosk.window.ticket.print_state is PrintState.PRINTED
    row = kiosk.store.db.conn.execute("SELECT print_state, print_error FROM tickets WHERE id = ?",
                                      (ticket_id,)).fetchone()
    assert tuple(row) == ("printed", None)
    try:
        (pdf,) = landed(str(ticket_id))
        # What came out is this ticket: its QR code scans to its link. (cups-pdf distils through
        # PostScript, which drops the text layer, so pdftotext cannot read the words back.)
        if shutil.which("pdftoppm") and shutil.which("zbarimg"):
            subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "out")], check=True,
                           capture_output=True)
            (png,) = tmp_path.glob("out*.png")
            scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
            assert scanned.stdout.strip() == kiosk.config.link_template.format(uuid=ticket_id)
    finally:
        for path in landed(str(ticket_id)):
            path.unlink()
    open_printer_tab(kiosk, qtbot)
    page = kiosk.window.admin.printer
    assert page.status_line.text() == "Состояние: готов к печати"
    assert not page.status_details.isVisible()
    assert page.last_line.text() == "Последний талон П001 (10:00): напечатан"


@pytest.mark.expect_log("ui.printing.service", "kiosk.printers.cups")
def test_a_stopped_queue_is_a_failed_ticket_said_plainly_and_nothing_prints_later(
        make_kiosk, qtbot: QtBot, cups_scheduler: PrivateCups, queue: str, tmp_path: Path) -> None:
    kiosk = cups_kiosk(make_kiosk, queue, cups_scheduler.server)
    cups_scheduler.disable(queue)  # what "paper out" looks like to CUPS
    ticket_id, ok, error = take_ticket(kiosk, qtbot)
    assert not ok and str(error).startswith("stopped: ")
    screen = kiosk.window.ticket
    assert screen.print_state is PrintState.FAILED
    assert "Принтер сейчас не работает" in screen.print_line.text()  # the visitor's words, as before
    conn = kiosk.store.db.conn
    state, recorded = conn.execute("SELECT print_state, print_error FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
    assert state == "failed" and recorded.startswith("stopped: ")
    (payload,) = [json.loads(p) for (p,) in conn.execute("SELECT payload FROM outbox WHERE kind = 'print.failed'")]
    assert payload["ticket_id"] == ticket_id and payload["reason"].startswith("stopped: ")

    open_printer_tab(kiosk, qtbot)
    page = kiosk.window.admin.printer
    assert page.status_line.text().startswith("Состояние: очередь печати остановлена")
    assert LATIN.findall(page.status_line.text()) == []
    assert page.status_details.isVisible()
    assert page.status_details.text() == f"Сообщение системы: queue {queue}: stopped; reasons paused; «Paused»"
    assert page.last_line.text().startswith("Последний талон П001 (10:00): не напечатан: очередь печати остановлена")
    assert page.last_details.text().startswith(f"Сообщение системы: queue {queue}: stopped")
    # The test page tells the truth too.
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        page.test_button.click()
    assert printed.args[1] is False
    assert page.outcome.text().startswith("Пробная страница не напечатана: очередь печати остановлена")
    assert "\nСообщение системы: queue " in page.outcome.text()

    kiosk.language.set_language("en")  # Qt delivers LanguageChange through the event loop
    qtbot.waitUntil(lambda: page.status_line.text().startswith("Status: the print queue is stopped"), timeout=2000)
    assert page.last_line.text().startswith("Latest ticket П001 (10:00): failed: the print queue is stopped")

    # Paper back, queue enabled: one more job completes, and the failed ticket never came out.
    cups_scheduler.enable(queue)
    kcups.print_pdf(write_pdf(tmp_path / "sentinel.pdf"), queue=queue, title=f"sentinel {ticket_id}",
                    server=cups_scheduler.server)
    try:
        assert [("sentinel" in p.name) for p in landed(str(ticket_id))] == [True]
    finally:
        for path in landed(str(ticket_id)):
            path.unlink()


@pytest.mark.expect_log("ui.printing.service")
def test_a_scheduler_that_is_down_is_said_so_in_both_languages(make_kiosk, qtbot: QtBot, tmp_path: Path) -> None:
    kiosk = cups_kiosk(make_kiosk, "KioskReceipt", str(tmp_path / "no-cupsd.sock"))
    _, ok, error = take_ticket(kiosk, qtbot)
    assert not ok and str(error).startswith("daemon_down: ")
    open_printer_tab(kiosk, qtbot)
    page = kiosk.window.admin.printer
    status = page.status_line.text()
    assert status == "Состояние: служба печати (CUPS) на киоске не работает; сообщите оператору"
    assert LATIN.findall(status) == ["CUPS"]  # not "queue missing", and not in English
    assert "failed to connect to server" in page.status_details.text()
    assert LATIN.findall(page.last_line.text()) == ["CUPS"]
    kiosk.language.set_language("en")
    qtbot.waitUntil(lambda: page.status_line.text() == (
        "Status: the print service (CUPS) is not running on this kiosk; tell the operator"), timeout=2000)
    assert page.last_line.text().startswith("Latest ticket П001 (10:00): failed: the print service (CUPS)")
