"""The ticket as every screen that gives one out shows it: a card with «Your
number» and the large number, the screen's lines about the ticket, when it was
taken, the request to wait for the display, and the QR code that follows the
ticket (with what scanning it does).

On a wide screen the card has three columns: the number, the words, the code.
On a narrow one (:meth:`TicketBlock.arrange`) the number and the code share the
top row and the words go below them, across the whole card.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.tickets import Ticket
from ui.i18n import format_date, format_time
from ui.widgets.labels import label
from ui.widgets.qr import QrWidget

QR_SIDE = 300


class TicketBlock(QFrame):
    """A ticket's card.

    Args:
        name: the prefix of the parts' object names (``ticket`` gives ``ticketCaption``,
            ``ticketIssued``, ``ticketCall``, ``ticketQr``, ``ticketQrHint``); the number
            is always ``ticketNumber``.
        heading: the screen's lines above the time the ticket was taken (the service, say).
        details: the screen's lines below it (the queue, the wait).
        taken: whether the card says when the ticket was taken.

    The screen sets the texts of its own lines; the card sets its own in :meth:`retranslate`,
    which the screen calls from its ``retranslate``.
    """

    def __init__(self, name: str, heading: Sequence[QWidget] = (), details: Sequence[QWidget] = (), *,
                 taken: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.ticket: Ticket | None = None
        self._taken_local: dt.datetime | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(48, 28, 48, 28)
        grid.setSpacing(48)
        self.grid = grid
        number_column = QVBoxLayout()
        number_column.setSpacing(4)
        self.caption = label("ticketCaption", name=f"{name}Caption")
        self.number = label("ticketNumber", name="ticketNumber", wrap=False)
        number_column.addWidget(self.caption)
        number_column.addWidget(self.number)
        number_column.addStretch(1)
        words = QVBoxLayout()
        words.setSpacing(12)
        self.taken = label("subtitle", name=f"{name}Issued")
        self.taken.setVisible(taken)
        self.call = label("callout", name=f"{name}Call")
        for widget in (*heading, self.taken, *details, self.call):
            words.addWidget(widget)
        words.addStretch(1)
        code_column = QVBoxLayout()
        code_column.setSpacing(10)
        self.qr = QrWidget(side=QR_SIDE)
        self.qr.setObjectName(f"{name}Qr")
        self.qr_hint = label("small", name=f"{name}QrHint", align=Qt.AlignmentFlag.AlignCenter)
        self.qr_hint.setFixedWidth(QR_SIDE)
        code_column.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        code_column.addWidget(self.qr_hint, 0, Qt.AlignmentFlag.AlignHCenter)
        code_column.addStretch(1)
        self.columns = (number_column, words, code_column)
        self._narrow: bool | None = None
        self.arrange(narrow=False)
        self.retranslate()

    def arrange(self, narrow: bool) -> None:
        """Three columns, or (``narrow``) the number and the code above the words."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        number_column, words, code_column = self.columns
        for part in self.columns:
            self.grid.removeItem(part)
        if narrow:
            self.grid.addLayout(number_column, 0, 0)
            self.grid.addLayout(code_column, 0, 1)
            self.grid.addLayout(words, 1, 0, 1, 2)
            stretches = (1, 0, 0)
        else:
            self.grid.addLayout(number_column, 0, 0)
            self.grid.addLayout(words, 0, 1)
            self.grid.addLayout(code_column, 0, 2)
            stretches = (0, 1, 0)
        for column, stretch in enumerate(stretches):
            self.grid.setColumnStretch(column, stretch)

    def show_ticket(self, ticket: Ticket | None, taken_local: dt.datetime | None = None) -> None:
        """Show ``ticket`` (taken at ``taken_local``, the centre's time), or nothing for ``None``."""
        self.ticket = ticket
        self._taken_local = taken_local if ticket is not None else None
        self.qr.set_text(ticket.link if ticket is not None else "")
        self.retranslate()

    def retranslate(self) -> None:
        # The words of the ticket screen's context: the printed ticket (ui/printing/jobs.py)
        # reads its caption and its call from there too, so screen and paper say the same.
        self.caption.setText(QCoreApplication.translate("TicketScreen", "Your number"))
        self.call.setText(QCoreApplication.translate("TicketScreen",
                                                     "Please wait until your number is called on the display"))
        self.qr_hint.setText(QCoreApplication.translate("TicketScreen",
                                                        "Scan to follow your ticket and rate the service"))
        ticket, local = self.ticket, self._taken_local
        if ticket is None:
            self.number.clear()
            self.number.setAccessibleName("")
        else:
            self.number.setText(ticket.display)
            self.number.setAccessibleName(
                QCoreApplication.translate("TicketScreen", "Your number is {number}").format(number=ticket.display))
        if local is None:
            self.taken.clear()
        else:
            self.taken.setText(QCoreApplication.translate("TicketScreen", "Taken on {date} at {time}").format(
                date=format_date(local), time=format_time(local)))
