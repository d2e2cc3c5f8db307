"""Taking a ticket: issue it, show it, print it, and record how the print went.

The ticket is stored (with its outbox event) and on screen before the
printer starts; the print runs on its own thread and its outcome comes back
as a signal, so a slow or broken printer never holds up the visitor.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.store import StoreError
from kiosk.tickets import Ticket, TicketRefused
from ui import words
from ui.context import UiContext
from ui.navigation import Navigator
from ui.printing.jobs import JobKind, PrintJob, ticket_job
from ui.printing.service import PrintService
from ui.visitor.message import MessageScreen
from ui.visitor.ticket import PrintState, TicketScreen
from ui.widgets.screen import Screen

log = logging.getLogger(__name__)


class Ticketing(QObject):
    """Signals:
        ticket_ready(str): a ticket id, its screen filled and about to be shown: what
            adds to the ticket screen does it now, so the screen is laid out once.
        ticket_shown(str): a ticket id, once its screen is visible.
    """

    ticket_ready = Signal(str)
    ticket_shown = Signal(str)

    def __init__(self, ctx: UiContext, nav: Navigator, screen: TicketScreen, message: MessageScreen,
                 printing: PrintService | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.nav = nav
        self.screen = screen
        self.message = message
        self.printing = printing
        self._issuing = False
        if printing is not None:
            printing.job_finished.connect(self._on_printed)

    @Slot(str)
    def issue(self, service_id: str) -> None:
        """Issue a ticket for a service and show it, or say plainly why not.

        A choice sent by a screen that is no longer showing is stale (a second
        tap, a double-click or a replayed press of a touchscreen, delivered after
        the first tap already brought up the ticket) and issues nothing: one
        ticket per deliberate tap.
        """
        chooser = self.sender()
        if self._issuing or (isinstance(chooser, Screen) and self.nav.current() is not chooser):
            log.info("service choice %s ignored: it came from a screen no longer showing", service_id)
            return
        self._issuing = True
        try:
            self._issue(service_id)
        finally:
            self._issuing = False

    def _issue(self, service_id: str) -> None:
        desk = self.ctx.desk
        try:
            ticket = desk.issue(service_id, self.ctx.language.current)
        except TicketRefused as refused:
            log.info("ticket refused for %s: %s", service_id, refused.reason.value)
            # Bind the facts now: Python unbinds ``refused`` when this block ends,
            # and the texts are rebuilt later on a language change.
            reason, opens_at, now = refused.reason, refused.opens_at, desk.now_local()
            self.message.show_message(lambda: words.refusal_title(reason),
                                      lambda: words.refusal_body(reason, opens_at, now))
            self.nav.show(self.message)
            return
        except StoreError as exc:
            log.error("ticket for %s not issued: %s", service_id, exc)
            self.message.show_message(
                lambda: self.tr("The kiosk cannot issue a ticket right now"),
                lambda: self.tr("Please ask a consultant in the hall. No ticket was taken."))
            self.nav.show(self.message)
            return
        log.info("ticket %s issued for %s", ticket.display, service_id)
        state = PrintState.OFF if self.printing is None else PrintState.PRINTING
        self.screen.show_ticket(ticket, state)
        # Filled while hidden: each change to a visible screen lays it out again
        # (measured: about 7 ms of a tap for the ticket's extras alone).
        self.ticket_ready.emit(ticket.id)
        self.nav.show(self.screen)
        self.ticket_shown.emit(ticket.id)
        # Sent once the loop has laid out and painted the ticket (posted events go before
        # timers): rendering the job on the print thread meanwhile would take turns with
        # the GUI thread for the interpreter's lock, and the visitor would see the ticket later.
        QTimer.singleShot(0, self, lambda: self.print(ticket))

    @Slot(object)
    def print(self, ticket: Ticket) -> None:
        """Send a ticket to the printer (a new one, or a consultant's reprint)."""
        if self.printing is not None:
            self.printing.submit(self.job(ticket))

    def job(self, ticket: Ticket) -> PrintJob:
        return ticket_job(ticket, self.ctx)

    @Slot(object, bool, str)
    def _on_printed(self, job: PrintJob, ok: bool, error: str) -> None:
        if job.kind is not JobKind.TICKET:
            return  # admin mode's test page: its printer tab records it
        try:
            self.ctx.desk.record_print(job.job_id, ok, error)
        except StoreError as exc:
            log.error("could not record the print result of %s: %s", job.number, exc)
        self.screen.set_print_state(job.job_id, PrintState.PRINTED if ok else PrintState.FAILED)
