"""The ticket printer: 80 mm layout in a PDF, and a clear failure for a queue that is not there."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.printers import PrinterReason, PrintFailed
from tests.cups_support import PrivateCups
from tests.escpos_support import wrapped_run
from ui.printing.cups import CupsTicketPrinter
from ui.printing.jobs import PrintJob
from ui.printing.service import PAPER_HEIGHT_MM, QtTicketPrinter

JOB = PrintJob(job_id="0b6f3f1e-1111-4222-8333-944455556666", centre_name="Центр госуслуг",
               caption="Ваш номер", number="Ж042", service="Выписка из домовой книги", issued="24.11.2026 10:42",
               ahead="Перед вами 3 человека", wait="Ожидание: около 9 мин", call="Ждите вызова на табло",
               link="https://example.invalid/ticket/0b6f3f1e-1111-4222-8333-944455556666")

PACKAGE_JOB = dataclasses.replace(JOB, number="Г001", service="Регистрация рождения", details=(
    "Услуги:", "1. Регистрация рождения", "2. Пособия на детей", "3. Регистрация по месту жительства или пребывания",
    "4. СНИЛС", "5. Материнский капитал", "Возьмите с собой:", "• Паспорт гражданина РФ",
    "• Медицинское свидетельство о рождении", "• Свидетельство о браке (если есть)"))


def page_size_mm(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size")).split()
    return float(size[2]) / 72 * 25.4, float(size[4]) / 72 * 25.4


def test_pdf_ticket_is_80mm_wide_with_every_field(qapp, tmp_path: Path) -> None:
    QtTicketPrinter(pdf_dir=tmp_path).print_ticket(JOB)
    (pdf,) = tmp_path.glob("*.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width_pt = float(size.split()[2])
    assert abs(width_pt - 80 / 25.4 * 72) < 1.5  # 80 mm in points
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for field in ("Центр госуслуг", "Ваш номер", "Ж042", "домовой книги", "24.11.2026 10:42",
                  "Перед вами 3 человека", "Ждите вызова на табло"):
        assert field in text


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbar-tools and poppler-utils decode the printed QR code")
def test_printed_qr_code_scans_to_the_ticket_link(qapp, tmp_path: Path) -> None:
    QtTicketPrinter(pdf_dir=tmp_path).print_ticket(JOB)
    (pdf,) = tmp_path.glob("*.pdf")
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True).stdout
    assert scanned.strip() == JOB.link


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbar-tools and poppler-utils decode the printed QR code")
def test_a_packages_lines_each_print_on_their_own_and_the_page_grows_to_keep_the_qr_whole(qapp,
                                                                                         tmp_path: Path) -> None:
    QtTicketPrinter(pdf_dir=tmp_path / "package").print_ticket(PACKAGE_JOB)
    QtTicketPrinter(pdf_dir=tmp_path / "ordinary").print_ticket(JOB)
    (pdf,) = (tmp_path / "package").glob("*.pdf")
    (ordinary,) = (tmp_path / "ordinary").glob("*.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for detail in PACKAGE_JOB.details:
        assert wrapped_run(lines, detail) is not None, f"{detail!r} is not on lines of its own in {lines!r}"
    assert lines.index("Регистрация рождения") < lines.index("Услуги:")  # under the service
    assert lines.index("• Свидетельство о браке (если есть)") < lines.index("24.11.2026 10:42")
    width, height = page_size_mm(pdf)
    assert abs(width - 80) < 0.5 and height > PAPER_HEIGHT_MM + 5
    assert page_size_mm(ordinary)[1] == pytest.approx(PAPER_HEIGHT_MM, abs=0.5)  # an ordinary ticket keeps its length
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    scanned = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True).stdout
    assert scanned.strip() == PACKAGE_JOB.link  # the QR code is whole on the page


def test_missing_system_queue_fails_with_its_reason_and_name(qapp, cups_scheduler: PrivateCups) -> None:
    with pytest.raises(PrintFailed) as failed:
        CupsTicketPrinter(queue="NoSuchQueue", server=cups_scheduler.server).print_ticket(JOB)
    assert failed.value.reason is PrinterReason.QUEUE_MISSING
    assert "NoSuchQueue" in failed.value.details


def test_a_ticket_prints_in_its_own_language_whatever_the_screen_shows(make_kiosk, qtbot) -> None:
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    kiosk.language.set_language("en")
    for _ in range(6):
        kiosk.desk.issue("consultation", "ru")  # a queue, so the plural phrases are exercised
    ticket = kiosk.desk.issue("consultation", "en")
    kiosk.language.set_language("ru")  # a consultant reprints from a Russian screen
    job = window.print_job(ticket)
    assert job.caption == "Your number"
    assert job.call == "Please wait until your number is called on the display"
    assert job.ahead == "4 people ahead of you"
    assert job.wait.startswith("Expected wait: about 18 min, longer than the 15-minute norm")
    assert job.centre_name == kiosk.config.centre_name.en
    ru_job = window.print_job(kiosk.desk.issue("consultation", "ru"))
    assert ru_job.caption == "Ваш номер" and ru_job.ahead == "Перед вами 5 человек"
