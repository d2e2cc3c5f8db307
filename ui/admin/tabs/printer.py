"""Admin tab *Printer*: how the latest ticket printed, today's failures, and a test page."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.admin.desk import PrintSummary, print_summary, record_test_page
from ui.admin.page import AdminPage, admin_button, card, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.printing.jobs import JobKind, PrintJob, test_page_job
from ui.widgets.labels import label


class PrinterPage(AdminPage):
    """Signals:
        test_page_requested(object): a :class:`ui.printing.PrintJob` for the print service.
    """

    page_name = "printer"
    test_page_requested = Signal(object)

    def __init__(self, ctx: UiContext, session: AdminSession, can_print: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.can_print = can_print
        self.summary: PrintSummary | None = None
        self.pending_test: str | None = None
        frame, inside = card("printer")
        self.printer_line = label("section", name="printerKind")
        self.last_line = label(None, name="printerLast")
        self.failures_line = label(None, name="printerFailures")
        for widget in (self.printer_line, self.last_line, self.failures_line):
            inside.addWidget(widget)
        self.body.addWidget(frame)
        self.test_button = admin_button("printerTest", primary=True)
        self.test_button.setProperty("wide", True)
        self.test_button.clicked.connect(self.print_test_page)
        self.body.addWidget(self.test_button)
        self.body.addStretch(1)
        self.retranslate()

    def print_test_page(self) -> None:
        if not self.can_print or self.pending_test is not None:
            return
        self.pending_test = f"test-page-{uuid.uuid4()}"
        self.test_page_requested.emit(test_page_job(
            self.pending_test, self.ctx, caption=self.tr("Printer test page"),
            body=self.tr("If you can read this, the printer works."),
            kiosk_line=self.tr("Kiosk {kiosk}").format(kiosk=self.ctx.config.kiosk_id),
            note=self.tr("This is not a queue ticket")))
        self.say(lambda: self.tr("Printing a test page…"))
        self.retranslate()

    @Slot(object, bool, str)
    def on_printed(self, job: PrintJob, ok: bool, error: str) -> None:
        """A print job ended (any job: only the pending test page is taken up here)."""
        if job.kind is not JobKind.TEST_PAGE or job.job_id != self.pending_test:
            self.refresh()
            return
        self.pending_test = None
        self.act(lambda: record_test_page(self.ctx.desk, self.role, ok, error))
        if ok:
            self.say(lambda: self.tr("The test page was printed. Check that it is readable."))
        else:
            self.say(lambda: self.tr("The test page failed: {error}").format(error=error), problem=True)
        self.refresh()

    def refresh(self) -> None:
        self.summary = print_summary(self.ctx.desk)
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        self.pending_test = None

    def retranslate(self) -> None:
        printer = self.ctx.config.printer
        if printer.kind == "none":
            self.printer_line.setText(self.tr("This kiosk has no printer"))
        elif printer.kind == "pdf":
            self.printer_line.setText(self.tr("Tickets are saved as PDF files"))
        else:
            self.printer_line.setText(self.tr("Printer: {name}").format(name=printer.name or self.tr("the default")))
        set_button_text(self.test_button, self.tr("Print a test page"))
        self.test_button.setEnabled(self.can_print and self.pending_test is None)
        summary = self.summary
        if summary is None:
            return
        last = summary.last
        if last is None:
            self.last_line.setText(self.tr("No ticket printed today yet."))
        else:
            local = self.ctx.config.local(last.ticket.issued_utc)
            self.last_line.setText(self.tr("Latest ticket {number} ({time}): {state}").format(
                number=last.ticket.display, time=f"{local:%H:%M}",
                state=admin_words().print_state(last.print_state, last.print_error)))
        self.failures_line.setText(self.tr("%n failed print(s) today", "", summary.failed_today))
