"""The ticket: a very large number, the service, the queue, the QR code and
whether the paper ticket came out."""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.tickets import Ticket
from ui import words
from ui.context import UiContext
from ui.widgets.labels import label, set_role
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction
from ui.widgets.ticketblock import TicketBlock

# After a failed print the visitor is asked to remember or photograph the
# number: the ticket then stays this many times its usual period.
FAILED_PRINT_STAY = 2


class PrintState(enum.Enum):
    OFF = "off"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


class TicketScreen(Screen):
    """Signals:
        done(): the visitor tapped *Done*.
        stay_changed(int): how many times its usual period the ticket now stays
            (:data:`FAILED_PRINT_STAY` after a failed print, 1 again for the next ticket).
    """

    screen_name = "ticket"
    done = Signal()
    stay_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ticket: Ticket | None = None
        self.print_state = PrintState.OFF
        self.stay = 1
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.service = label("callout", name="ticketService")
        self.ahead = label(None, name="ticketAhead")
        self.wait = label(None, name="ticketWait")
        # Three columns on a wide screen: the number, what it is for, the QR
        # code. Side by side they stay in view even with large text. On a narrow
        # screen the number and the code share the top row, the words go below.
        card = TicketBlock("ticket", heading=(self.service,), details=(self.ahead, self.wait))
        self.card = card
        self.number, self.call, self.qr = card.number, card.call, card.qr
        # With large text the card is taller than the room left for it: it then
        # scrolls with a finger (the number, at its top, is in view first)
        # instead of squeezing its lines over each other.
        body = QWidget()
        body_column = QVBoxLayout(body)
        body_column.setContentsMargins(0, 0, 0, 0)
        body_column.addWidget(card)
        body_column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(body, "ticketScroll")
        # Where the card is cut off, a fade and an arrow say that it scrolls.
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.print_line = label(None, name="ticketPrint")
        self.outer.addWidget(self.print_line)
        self.done_button = QPushButton()
        self.done_button.setObjectName("ticketDone")
        self.done_button.setProperty("kind", "primary")
        self.done_button.setProperty("wide", True)
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.done)
        # The last row: panels added through add_panel() (the quick rating), then Done.
        # On a narrow screen the panels go above Done (beside it they would squeeze the faces).
        self.footer = QHBoxLayout()
        self.footer.setSpacing(24)
        self.footer.addStretch(1)
        self.footer.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.outer.addLayout(self.footer)
        self._narrow: bool | None = None
        self.retranslate()

    def fit(self) -> None:
        narrow = self.narrow()
        if narrow != self._narrow:
            self._narrow = narrow
            self.card.arrange(narrow)
            set_direction(self.footer, across=not narrow)

    def add_panel(self, panel: QWidget) -> None:
        """Put a panel in the last row, left of *Done*; its owner sets its texts."""
        self.footer.insertWidget(self.footer.count() - 2, panel, 1)
        self.footer.setStretch(self.footer.count() - 2, 0)  # the gap before Done: the panels take the room

    def show_ticket(self, ticket: Ticket, print_state: PrintState) -> None:
        self.ticket = ticket
        self.print_state = print_state
        self._update_stay()
        self.card.show_ticket(ticket, self.ctx.config.local(ticket.issued_utc))
        self.retranslate()

    def set_print_state(self, ticket_id: str, state: PrintState) -> None:
        if self.ticket is not None and self.ticket.id == ticket_id:
            self.print_state = state
            self._update_stay()
            self._print_text()

    def _update_stay(self) -> None:
        stay = FAILED_PRINT_STAY if self.print_state is PrintState.FAILED else 1
        if stay != self.stay:
            self.stay = stay
            self.stay_changed.emit(stay)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your ticket"))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Done"))
        self.card.retranslate()
        ticket = self.ticket
        if ticket is None:
            for widget in (self.service, self.ahead, self.wait):
                widget.clear()
            self.print_line.clear()
            return
        self.service.setText(self.ctx.catalog.service(ticket.service_id).name.get(self.language))
        self.ahead.setText(words.people_ahead(ticket.people_ahead))
        self.wait.setText(words.wait_sentence(ticket.wait_minutes))
        set_role(self.wait, "warning" if ticket.over_norm else "")
        self._print_text()

    def _print_text(self) -> None:
        texts = {
            PrintState.OFF: "",
            PrintState.PRINTING: self.tr("Printing your ticket…"),
            PrintState.PRINTED: self.tr("Please take your printed ticket from the slot below the screen."),
            PrintState.FAILED: self.tr("The printer is not working right now. Please remember your number "
                                       "or take a photo of this screen."),
        }
        self.print_line.setText(texts[self.print_state])
        set_role(self.print_line, "warning" if self.print_state is PrintState.FAILED else "ok")
        self.print_line.setVisible(self.print_state is not PrintState.OFF)

    def reset(self) -> None:
        self.ticket = None
        self.print_state = PrintState.OFF
        self._update_stay()
        self.card.show_ticket(None)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
