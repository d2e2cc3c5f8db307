"""What a booked visit's and a package's printed tickets say, read back from the PDF the
kiosk printed: the booking's time and code, the package's services and documents to bring,
in the language the ticket was taken in."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk import packages
from kiosk.admin.desk import load_ticket
from tests.ui.input_events import tap
from tests.ui.visitor.checkin_support import check_in_by_taps
from ui.app import Kiosk


def printed_text(pdf_dir: Path, number: str) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "poppler-utils is needed to read printed tickets back (./run.sh test installs it)"
    (pdf,) = pdf_dir.glob(f"{number}-*.pdf")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext gives the font's ligatures ("ﬁ") as one character: NFKC spells them out.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_a_booked_ticket_prints_its_time_and_code(kiosk: Kiosk, qtbot: QtBot, pdf_dir: Path) -> None:
    window = kiosk.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    ticket = check_in_by_taps(kiosk, qtbot)
    text = printed_text(pdf_dir, ticket.display)
    assert f"Запись на {ticket.booked_slot:%H:%M}, код 2401" in text
    # A reprint from admin mode, of the ticket as the store has it, still says so.
    record = load_ticket(kiosk.desk, ticket.id)
    assert record is not None
    assert f"Запись на {ticket.booked_slot:%H:%M}, код 2401" in window.print_job(record.ticket).details


def test_a_package_ticket_prints_its_services_and_documents_in_english(kiosk: Kiosk, qtbot: QtBot,
                                                                       pdf_dir: Path) -> None:
    window = kiosk.window
    extras = window.visit_extras
    tap(window.bottom_bar.language_buttons["en"])
    tap(window.home.ticket_tile)
    extras.show_package("birth")
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        tap(extras.package.take_button)
    assert printed.args[1] is True
    ticket = extras.package.ticket
    assert ticket is not None and ticket.language == "en"
    text = printed_text(pdf_dir, ticket.display)
    chosen = packages.package(kiosk.catalog, "birth")
    assert "Services:" in text and "Bring with you:" in text
    for n, service in enumerate(chosen.services, 1):
        assert f"{n}. {service.name.en}" in text
    for document in chosen.documents:
        assert document.en in text
    assert "Запись" not in text and "Booked for" not in text
