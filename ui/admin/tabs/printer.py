"""Admin tab *Printer*: the printer's status as the printer reports it, how the latest
ticket printed, today's failures, and a test page.

Each reason is said in plain words; the system's own text (CUPS' state
message, an exception) follows on a details line, never in their place.
The status is read on the print thread (it may wait on a network printer):
the tab asks for it when shown and on the window's refresh, and shows the
answer when it comes.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.admin.desk import PrintSummary, print_summary, record_test_page
from kiosk.printers import PrinterStatus, parse_failure
from ui.admin.page import AdminPage, admin_button, card, restyle, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.printing.jobs import JobKind, PrintJob, test_page_job
from ui.widgets.labels import label


class PrinterPage(AdminPage):
    """Signals:
        test_page_requested(object): a :class:`ui.printing.PrintJob` for the print service.
        status_requested(): the print service should read the printer's status
            (the answer goes to :meth:`on_status`).
    """

    page_name = "printer"
    test_page_requested = Signal(object)
    status_requested = Signal()

    def __init__(self, ctx: UiContext, session: AdminSession, can_print: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.can_print = can_print
        self.summary: PrintSummary | None = None
        self.pending_test: str | None = None
        self.status: PrinterStatus | None = None
        self.status_pending = False
        frame, inside = card("printer")
        self.printer_line = label("section", name="printerKind")
        self.status_line = label(None, name="printerStatus")
        self.status_details = label("small", name="printerStatusDetails")
        self.last_line = label(None, name="printerLast")
        self.last_details = label("small", name="printerLastDetails")
        self.failures_line = label(None, name="printerFailures")
        for widget in (self.printer_line, self.status_line, self.status_details, self.last_line,
                       self.last_details, self.failures_line):
            inside.addWidget(widget)
        self.status_details.setVisible(False)
        self.last_details.setVisible(False)
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
            failure = parse_failure(error)
            self.say(lambda: "\n".join(
                [self.tr("The test page was not printed: {reason}.").format(
                    reason=admin_words().printer_reason(failure.reason))]
                + ([admin_words().system_details(failure.details)] if failure.details else [])), problem=True)
        self.refresh()

    @Slot(object)
    def on_status(self, status: PrinterStatus) -> None:
        """The printer's status, read on the print thread."""
        self.status_pending = False
        self.status = status
        self.retranslate()

    def refresh(self) -> None:
        self.summary = print_summary(self.ctx.desk)
        if self.can_print and not self.status_pending:
            self.status_pending = True
            self.status_requested.emit()
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        self.pending_test = None
        self.status = None

    def retranslate(self) -> None:
        printer = self.ctx.config.printer
        if printer.kind == "none":
            self.printer_line.setText(self.tr("This kiosk has no printer"))
        elif printer.kind == "pdf":
            self.printer_line.setText(self.tr("Tickets are saved as PDF files"))
        elif printer.kind == "escpos" and printer.device is not None:
            device = printer.device
            if device.transport == "network":
                text = self.tr("Receipt printer on the network: {address}").format(
                    address=f"{device.host}:{device.port}")
            elif device.transport == "serial":
                text = self.tr("Receipt printer on serial port {port}").format(port=device.path)
            else:
                text = self.tr("Receipt printer on USB: {ids}").format(ids=f"{device.vendor:04x}:{device.product:04x}")
            self.printer_line.setText(text)
        else:
            self.printer_line.setText(self.tr("Printer: {name}").format(name=printer.name or self.tr("the default")))
        set_button_text(self.test_button, self.tr("Print a test page"))
        self.test_button.setEnabled(self.can_print and self.pending_test is None)
        self._show_printer_status()
        summary = self.summary
        if summary is None:
            return
        last = summary.last
        failure = None
        if last is None:
            self.last_line.setText(self.tr("No ticket printed today yet."))
        else:
            local = self.ctx.config.local(last.ticket.issued_utc)
            self.last_line.setText(self.tr("Latest ticket {number} ({time}): {state}").format(
                number=last.ticket.display, time=f"{local:%H:%M}",
                state=admin_words().print_state(last.print_state, last.print_error)))
            if last.print_state == "failed":
                failure = parse_failure(last.print_error)
        self._details(self.last_line, self.last_details, failure.details if failure else "",
                      "warning" if failure is not None else "plain")
        self.failures_line.setText(self.tr("%n failed print(s) today", "", summary.failed_today))

    def _show_printer_status(self) -> None:
        status = self.status
        if not self.can_print:
            self.status_line.setVisible(False)
            self.status_details.setVisible(False)
            return
        self.status_line.setVisible(True)
        if status is None:
            self.status_line.setText(self.tr("Status: checking the printer…"))
            self._details(self.status_line, self.status_details, "", "plain")
            return
        self.status_line.setText(self.tr("Status: {state}").format(
            state=admin_words().printer_reason(status.reason)))
        self._details(self.status_line, self.status_details, "" if status.ok else status.details,
                      "ok" if status.ok else "warning")

    def _details(self, main: QWidget, line: QLabel, details: str, role: str) -> None:
        """The main line's look (``plain`` has no stylesheet rule of its own), and the system's
        text on the line below it when there is any."""
        restyle(main, role)
        line.setVisible(bool(details))
        line.setText(admin_words().system_details(details) if details else "")
