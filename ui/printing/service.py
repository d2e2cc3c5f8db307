"""Printing on 80 mm receipt paper, off the GUI thread.

:class:`TicketPrinter` is the interface; :class:`QtTicketPrinter` draws with
``QPrinter`` either to a named system (CUPS) queue or to a PDF file.
:class:`PrintService` owns a worker thread, so a slow or broken printer never
delays the ticket screen, and reports each job's outcome by signal.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from ui.printing.jobs import PrintJob
from ui.widgets.qr import paint_qr, qr_matrix

log = logging.getLogger(__name__)

PAPER_WIDTH_MM = 80.0
PAPER_HEIGHT_MM = 140.0
MARGIN_MM = 4.0


class PrintError(RuntimeError):
    """The ticket could not be printed; the message says why, for the log and admins."""


class TicketPrinter(Protocol):
    def print_ticket(self, job: PrintJob) -> None:
        """Print one ticket or raise :class:`PrintError`."""


class QtTicketPrinter:
    """Prints through ``QPrinter``.

    Args:
        printer_name: a system queue; empty for the system default (ignored when ``pdf_dir`` is set).
        pdf_dir: write ``<number>-<ticket id>.pdf`` files here instead of printing.
        family: the font family for the ticket.
    """

    def __init__(self, *, printer_name: str = "", pdf_dir: Path | None = None, family: str = "PT Sans") -> None:
        self.printer_name = printer_name
        self.pdf_dir = pdf_dir
        self.family = family

    def _printer(self, job: PrintJob) -> QPrinter:
        if self.pdf_dir is not None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            try:
                self.pdf_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise PrintError(f"cannot create {self.pdf_dir}: {exc.strerror}") from None
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.pdf_dir / f"{job.number}-{job.job_id}.pdf"))
        else:
            info = (QPrinterInfo.printerInfo(self.printer_name) if self.printer_name
                    else QPrinterInfo.defaultPrinter())
            if info.isNull():
                raise PrintError(f"printer {self.printer_name or '(default)'!r} is not installed")
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"ticket {job.number}")
        printer.setPageLayout(QPageLayout(
            QPageSize(QSizeF(PAPER_WIDTH_MM, PAPER_HEIGHT_MM), QPageSize.Unit.Millimeter, "receipt80"),
            QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        return printer

    def print_ticket(self, job: PrintJob) -> None:
        printer = self._printer(job)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(f"printer {self.printer_name or 'PDF'!r} refused the job")
        try:
            draw_ticket(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)),
                        printer.resolution(), job, self.family)
        finally:
            if not painter.end():
                raise PrintError("the printer did not finish the job")


def draw_ticket(painter: QPainter, page: QRectF, dpi: int, job: PrintJob, family: str) -> None:
    """Lay out a ticket on ``page`` (device pixels at ``dpi``)."""
    mm = dpi / 25.4
    area = page.adjusted(MARGIN_MM * mm, MARGIN_MM * mm, -MARGIN_MM * mm, -MARGIN_MM * mm)
    y = area.top()

    def text(value: str, points: float, *, bold: bool = False, gap_mm: float = 1.5) -> None:
        nonlocal y
        font = QFont(family)
        font.setPointSizeF(points)
        font.setBold(bold)
        painter.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)
        bounds = painter.boundingRect(QRectF(area.left(), y, area.width(), area.height()), flags, value)
        painter.drawText(QRectF(area.left(), y, area.width(), bounds.height()), flags, value)
        y += bounds.height() + gap_mm * mm

    text(job.centre_name, 9, bold=True, gap_mm=3)
    text(job.caption, 11)
    text(job.number, 40, bold=True, gap_mm=2)
    text(job.service, 11, bold=True, gap_mm=2)
    text(job.issued, 9)
    text(job.ahead, 10)
    text(job.wait, 9, gap_mm=3)
    text(job.call, 12, bold=True, gap_mm=3)
    side = 30 * mm
    paint_qr(painter, QRectF(area.center().x() - side / 2, y, side, side), qr_matrix(job.link))


class PrintWorker(QObject):
    """Lives in the print thread; prints jobs one after another.

    Signals:
        finished(object, bool, str): the job, success, error text (empty on success).
    """

    finished = Signal(object, bool, str)

    def __init__(self, printer: TicketPrinter) -> None:
        super().__init__()
        self.printer = printer

    @Slot(object)
    def print_job(self, job: PrintJob) -> None:
        try:
            self.printer.print_ticket(job)
        except PrintError as exc:
            log.error("printing ticket %s failed: %s", job.number, exc)
            self.finished.emit(job, False, str(exc))
        except Exception as exc:  # a printer driver can fail in any way; the kiosk goes on
            log.exception("printing ticket %s failed unexpectedly", job.number)
            self.finished.emit(job, False, f"{type(exc).__name__}: {exc}")
        else:
            log.info("ticket %s printed", job.number)
            self.finished.emit(job, True, "")


class PrintService(QObject):
    """Owns the print thread.

    Signals:
        job_finished(object, bool, str): a :class:`PrintJob` ended, in the GUI thread:
            the job, success, error text.
        finished(str, bool, str): the same with the job's id (for logs and tests).
    """

    job_finished = Signal(object, bool, str)
    finished = Signal(str, bool, str)
    _submit = Signal(object)

    def __init__(self, printer: TicketPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.print_thread = QThread()
        self.print_thread.setObjectName("print-thread")
        self.worker = PrintWorker(printer)
        self.worker.moveToThread(self.print_thread)
        self._submit.connect(self.worker.print_job)
        self.worker.finished.connect(self._on_finished)
        self.print_thread.start()

    def submit(self, job: PrintJob) -> None:
        self._submit.emit(job)

    @Slot(object, bool, str)
    def _on_finished(self, job: PrintJob, ok: bool, error: str) -> None:
        self.job_finished.emit(job, ok, error)
        self.finished.emit(job.job_id, ok, error)

    def shutdown(self) -> None:
        self.print_thread.quit()
        self.print_thread.wait(5000)
