"""What the ticket screen shows besides its own lines: the wait's band in words
(and the free hot drink over the norm), a package's services and documents, and
the offer of an SMS when the turn is near. One panel, added through the ticket
screen's ``add_panel``; and the Home line with the band of the longest wait."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk import packages, waits
from kiosk.tickets import BOOKED_PREFIX, Ticket
from ui.context import UiContext
from ui.widgets.labels import label, set_role


def verdict_for(ctx: UiContext, ticket: Ticket) -> waits.WaitVerdict:
    """A ticket's wait against its norm: the booked-visit norm for a booked visit."""
    booked = ticket.prefix == BOOKED_PREFIX and bool(ticket.booking_code)
    norm = ctx.config.appointments.wait_norm_min if booked else waits.WAIT_NORM_MINUTES
    return waits.assess(ticket.wait_minutes, norm)


def wait_words(verdict: waits.WaitVerdict, language: str) -> str:
    """The wait's band and the norm in a sentence; over the norm, the free hot drink too."""
    line = f"{waits.band_words(verdict.band, language)}, {waits.norm_words(verdict, language)}."
    return f"{line}\n{waits.hot_drink_words(verdict.norm, language)}" if verdict.over_norm else line


def tile_detail(queue: str, minutes: int, language: str) -> str:
    """A category or service tile's queue detail ('3 waiting · about 12 min') with the band
    and the norm in words after it (nothing added when there is no queue)."""
    if minutes <= 0:
        return queue
    return f"{queue} · {waits.tile_words(waits.assess(minutes), language)}"


class TicketExtrasPanel(QFrame):
    """Signals:
        sms_requested(object): the visitor wants an SMS for this :class:`~kiosk.tickets.Ticket`.
    """

    sms_requested = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket: Ticket | None = None
        self.sms_sent = False
        self.setObjectName("ticketExtras")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        self.band = label(None, name="ticketBand")
        self.package = label(None, name="ticketPackage")
        self.sms_button = QPushButton()
        self.sms_button.setObjectName("ticketSms")
        self.sms_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sms_button.clicked.connect(self._ask_sms)
        self.sms_done = label("ok", name="ticketSmsDone")
        for widget in (self.band, self.package, self.sms_button, self.sms_done):
            column.addWidget(widget)
        self.show_for(None)

    def show_for(self, ticket: Ticket | None) -> None:
        """Show the extras of ``ticket`` (None: nothing)."""
        if ticket is None or self.ticket is None or ticket.id != self.ticket.id:
            self.sms_sent = False
        self.ticket = ticket
        self.retranslate()

    def sms_accepted(self) -> None:
        """The SMS request was stored: the button gives way to a line saying so."""
        self.sms_sent = True
        self.retranslate()

    @Slot()
    def _ask_sms(self) -> None:
        if self.ticket is not None and not self.sms_sent:
            self.sms_requested.emit(self.ticket)

    def retranslate(self) -> None:
        ticket = self.ticket
        self.setVisible(ticket is not None)
        self.sms_button.setText(self.tr("Send me an SMS when my turn is near"))
        self.sms_button.setAccessibleName(self.sms_button.text())
        self.sms_done.setText(self.tr("We will send you an SMS when your turn is near."))
        self.sms_button.setVisible(ticket is not None and not self.sms_sent)
        self.sms_done.setVisible(ticket is not None and self.sms_sent)
        if ticket is None:
            self.band.clear()
            self.package.clear()
            return
        lang = self.ctx.language.current
        verdict = verdict_for(self.ctx, ticket)
        # The ticket's own wait line compares the wait with the norm (and offers the hot drink
        # over it); this line adds the band in words.
        self.band.setText(waits.band_words(verdict.band, lang))
        set_role(self.band, "warning" if verdict.over_norm else "")
        lines = packages.print_lines(self.ctx.catalog, ticket, lang)
        self.package.setText("\n".join(lines))
        self.package.setVisible(bool(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HomeWaitLine(QFrame):
    """Home's line with the band of the longest expected wait against the norm."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homeWaitBand")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.line = label(None, name="homeWaitBandLine")
        column.addWidget(self.line)
        self.refresh()

    def refresh(self) -> None:
        desk = self.ctx.desk
        if desk.centre_opens_at() is not None:
            self.setVisible(False)
            return
        _, longest = desk.overview()
        verdict = waits.assess(longest)
        lang = self.ctx.language.current
        self.line.setText(self.tr("Longest wait now: {band}, {norm}.").format(
            band=waits.band_word(verdict.band, lang), norm=waits.norm_words(verdict, lang)))
        set_role(self.line, "warning" if verdict.over_norm else "")
        self.setVisible(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
