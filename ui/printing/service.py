"""Printing on 80 mm receipt paper, off the GUI thread.

:class:`TicketPrinter` is the interface; :class:`QtTicketPrinter` draws a
ticket with ``QPainter`` into a PDF file (:func:`render_pdf`), which is also
what :class:`ui.printing.cups.CupsTicketPrinter` hands to a CUPS queue; an
ESC/POS printer is :class:`kiosk.printers.escpos.EscposPrinter`.
:class:`PrintService` owns a worker thread, so a slow or broken printer never
delays the ticket screen, and reports each job's outcome and the printer's
status by signal. A failure's text is :func:`kiosk.printers.failure_text`:
its reason code, then the system's own words.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF, Qt, QThread, Signal, Slot
from PySide6.QtGui import QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from kiosk.printers import PrinterReason, PrinterStatus, PrintFailed
from ui.printing.jobs import PrintJob

log = logging.getLogger(__name__)

PAPER_WIDTH_MM = 80.0
PAPER_HEIGHT_MM = 140.0
MARGIN_MM = 4.0
HEIGHT_SLACK_MM = 2.0  # over the measured layout, for the PDF's text metrics differing a little


class PrintError(PrintFailed):
    """The ticket could not be printed; the message says why, for the log and admins."""


class TicketPrinter(Protocol):
    def print_ticket(self, job: PrintJob) -> None:
        """Print one ticket or raise :class:`kiosk.printers.PrintFailed` (:class:`PrintError` is one)."""


@runtime_checkable
class ReportsStatus(Protocol):
    def status(self) -> PrinterStatus:
        """How the printer is now (blocking I/O: call it on the print thread)."""


def render_pdf(job: PrintJob, path: Path, family: str) -> None:
    """Draw one ticket into a PDF file of one 80 mm page, 140 mm long or longer when the
    ticket's lines need it (a package's services and documents), so the QR code is whole.

    Raises:
        PrintError: the file could not be written.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(f"ticket {job.number}")
    height_mm = max(PAPER_HEIGHT_MM, ticket_height_mm(job, family, printer.resolution()))
    printer.setPageLayout(QPageLayout(
        QPageSize(QSizeF(PAPER_WIDTH_MM, height_mm), QPageSize.Unit.Millimeter, "receipt80"),
        QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(f"cannot write {path}")
    try:
        draw_ticket(painter, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)),
                    printer.resolution(), job, family)
    finally:
        if not painter.end():
            raise PrintError(f"cannot finish {path}")


def ticket_height_mm(job: PrintJob, family: str, dpi: int) -> float:
    """How long the ticket's layout is, margins and a little slack included (measured on an
    image at the printer's resolution: nothing is drawn)."""
    image = QImage(1, 1, QImage.Format.Format_Mono)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    painter = QPainter(image)
    try:
        mm = dpi / 25.4
        page = QRectF(0, 0, PAPER_WIDTH_MM * mm, 10_000 * mm)
        bottom = draw_ticket(painter, page, dpi, job, family, draw=False)
    finally:
        painter.end()
    return bottom / mm + MARGIN_MM + HEIGHT_SLACK_MM


class QtTicketPrinter:
    """Writes each ticket as a PDF file (``printer.kind = "pdf"``).

    Args:
        pdf_dir: write ``<number>-<ticket id>.pdf`` files here.
        family: the font family for the ticket.
    """

    def __init__(self, *, pdf_dir: Path, family: str = "PT Sans") -> None:
        self.pdf_dir = pdf_dir
        self.family = family

    def status(self) -> PrinterStatus:
        folder = self.pdf_dir if self.pdf_dir.exists() else self.pdf_dir.parent
        if os.access(folder, os.W_OK):
            return PrinterStatus(PrinterReason.OK, str(self.pdf_dir))
        return PrinterStatus(PrinterReason.OTHER, f"cannot write to {self.pdf_dir}")

    def print_ticket(self, job: PrintJob) -> None:
        try:
            self.pdf_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PrintError(f"cannot create {self.pdf_dir}: {exc.strerror}") from None
        render_pdf(job, self.pdf_dir / f"{job.number}-{job.job_id}.pdf", self.family)


def draw_ticket(painter: QPainter, page: QRectF, dpi: int, job: PrintJob, family: str, *,
                draw: bool = True) -> float:
    """Lay out a ticket on ``page`` (device pixels at ``dpi``); with ``draw=False`` only measure it.

    Returns:
        where the layout ends (the QR code's bottom edge), in device pixels.
    """
    # Imported here, on the print thread: the QR encoder is not needed to show Home.
    from ui.widgets.qr import paint_qr, qr_matrix

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
        if draw:
            painter.drawText(QRectF(area.left(), y, area.width(), bounds.height()), flags, value)
        y += bounds.height() + gap_mm * mm

    text(job.centre_name, 9, bold=True, gap_mm=3)
    text(job.caption, 11)
    text(job.number, 40, bold=True, gap_mm=2)
    text(job.service, 11, bold=True, gap_mm=1 if job.details else 2)
    for n, detail in enumerate(job.details, 1):  # each its own paragraph, wrapped by itself
        text(detail, 9.5, gap_mm=2 if n == len(job.details) else 0.4)
    text(job.issued, 9)
    text(job.ahead, 10)
    text(job.wait, 9, gap_mm=3)
    text(job.call, 12, bold=True, gap_mm=3)
    side = 30 * mm
    if draw:
        paint_qr(painter, QRectF(area.center().x() - side / 2, y, side, side), qr_matrix(job.link))
    return y + side


class PrintWorker(QObject):
    """Lives in the print thread; prints jobs one after another.

    Signals:
        finished(object, bool, str): the job, success, error text (empty on success).
        status_checked(object): a :class:`kiosk.printers.PrinterStatus`.
    """

    finished = Signal(object, bool, str)
    status_checked = Signal(object)

    def __init__(self, printer: TicketPrinter) -> None:
        super().__init__()
        self.printer = printer

    @Slot(object)
    def print_job(self, job: PrintJob) -> None:
        try:
            self.printer.print_ticket(job)
        except PrintFailed as exc:
            log.error("printing ticket %s failed: %s", job.number, exc)
            self.finished.emit(job, False, str(exc))
        except Exception as exc:  # a printer driver can fail in any way; the kiosk goes on
            log.exception("printing ticket %s failed unexpectedly", job.number)
            self.finished.emit(job, False, f"{type(exc).__name__}: {exc}")
        else:
            log.info("ticket %s printed", job.number)
            self.finished.emit(job, True, "")

    @Slot()
    def check_status(self) -> None:
        status = PrinterStatus(PrinterReason.OK)
        if isinstance(self.printer, ReportsStatus):
            try:
                status = self.printer.status()
            except Exception as exc:  # as for printing: a driver can fail in any way
                log.exception("reading the printer's status failed unexpectedly")
                status = PrinterStatus(PrinterReason.OTHER, f"{type(exc).__name__}: {exc}")
        self.status_checked.emit(status)


class PrintService(QObject):
    """Owns the print thread.

    Signals:
        job_finished(object, bool, str): a :class:`PrintJob` ended, in the GUI thread:
            the job, success, error text.
        finished(str, bool, str): the same with the job's id (for logs and tests).
        status_checked(object): the printer's :class:`kiosk.printers.PrinterStatus`, in the
            GUI thread, after :meth:`request_status`.
    """

    job_finished = Signal(object, bool, str)
    finished = Signal(str, bool, str)
    status_checked = Signal(object)
    _submit = Signal(object)
    _status_request = Signal()

    def __init__(self, printer: TicketPrinter, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.print_thread = QThread()
        self.print_thread.setObjectName("print-thread")
        self.worker = PrintWorker(printer)
        self.worker.moveToThread(self.print_thread)
        self._submit.connect(self.worker.print_job)
        self._status_request.connect(self.worker.check_status)
        self.worker.finished.connect(self._on_finished)
        self.worker.status_checked.connect(self._on_status)
        self.print_thread.start()

    def submit(self, job: PrintJob) -> None:
        self._submit.emit(job)

    def request_status(self) -> None:
        """Ask the printer how it is; the answer comes as :attr:`status_checked` (after any job
        already waiting, since both use the print thread)."""
        self._status_request.emit()

    @Slot(object)
    def _on_status(self, status: PrinterStatus) -> None:
        self.status_checked.emit(status)

    @Slot(object, bool, str)
    def _on_finished(self, job: PrintJob, ok: bool, error: str) -> None:
        self.job_finished.emit(job, ok, error)
        self.finished.emit(job.job_id, ok, error)

    def shutdown(self) -> None:
        self.print_thread.quit()
        self.print_thread.wait(5000)
