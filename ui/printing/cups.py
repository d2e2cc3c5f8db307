"""Printing to a CUPS queue (``printer.kind = "system"``): the ticket is drawn into a PDF
with Qt, exactly as the ``pdf`` kind draws it, and handed to
:func:`kiosk.printers.cups.print_pdf`, which counts it as printed only when
CUPS reports the job completed and cancels it when it does not complete in time.

pycups is imported on first use, so a kiosk without the ``cups`` extra still
starts with another kind of printer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kiosk.config import PrinterConfig
from kiosk.printers import PrinterStatus
from ui.printing.jobs import PrintJob
from ui.printing.service import render_pdf


class CupsTicketPrinter:
    """Prints tickets on a CUPS queue and reads its status.

    Args:
        queue: the queue's name; ``""`` for CUPS' default queue.
        server: where the scheduler is (``printer.cups_server``).
        timeout_s: how long a job may take to complete (``printer.job_timeout_s``).
        family: the font family for the ticket.
    """

    def __init__(self, *, queue: str, server: str = "", timeout_s: float = 20.0, family: str = "PT Sans") -> None:
        self.queue = queue
        self.server = server
        self.timeout_s = timeout_s
        self.family = family

    @classmethod
    def from_config(cls, printer: PrinterConfig, family: str) -> CupsTicketPrinter:
        return cls(queue=printer.name, server=printer.cups_server, timeout_s=printer.job_timeout_s, family=family)

    def print_ticket(self, job: PrintJob) -> None:
        from kiosk.printers import cups

        with tempfile.TemporaryDirectory(prefix="mfc-kiosk-print-") as folder:
            pdf = Path(folder) / f"{job.job_id}.pdf"
            render_pdf(job, pdf, self.family)
            cups.print_pdf(pdf, queue=self.queue, title=f"{job.number} {job.job_id}", timeout_s=self.timeout_s,
                           server=self.server)

    def status(self) -> PrinterStatus:
        from kiosk.printers import cups

        return cups.printer_status(self.queue, self.server)
