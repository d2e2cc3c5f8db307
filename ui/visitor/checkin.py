"""*I have an appointment*: check in a booked visit with its booking code.

The code is typed on the keypad or scanned (a scanner types into the focused
field and ends with Enter). The answer replaces the keypad on the same screen:
the booked visit's ticket (number, service, booked time, code, the wait
against the booked-visit norm), or the reason there is none in plain words,
with a normal ticket offered where one makes sense.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kiosk import bookings
from kiosk.bookings import OFFER_NORMAL_TICKET, CheckIn, Outcome
from kiosk.store import StoreError
from kiosk.tickets import Ticket
from ui import words
from ui.context import UiContext
from ui.i18n import format_date, format_time
from ui.visitor.ticket_extras import verdict_for, wait_words
from ui.widgets.keyboard import CodePad
from ui.widgets.labels import label, set_role
from ui.widgets.private_text import PrivateLineEdit
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint
from ui.widgets.ticketblock import TicketBlock
from ui.widgets.tile import TranslatedTile

log = logging.getLogger(__name__)

CODE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ-"


def _button(name: str, primary: bool = False) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setProperty("kind", "primary" if primary else "")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class CheckInTile(TranslatedTile):
    tile_name = "checkin"

    def texts(self) -> tuple[str, str]:
        return self.tr("I have an appointment"), self.tr("Check in with your booking code")


class CheckInScreen(Screen):
    """Signals:
        checked_in(object): a booked visit's :class:`~kiosk.tickets.Ticket` was issued (print it).
        normal_ticket(str): the visitor asked for a normal ticket for this service id.
        done(): the visitor is finished here.
    """

    screen_name = "checkin"
    checked_in = Signal(object)
    normal_ticket = Signal(str)
    done = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.result: CheckIn | None = None
        self.pages = QStackedWidget()
        self.outer.addWidget(self.pages, 1)
        self._build_entry()
        self._build_answer()
        self.retranslate()

    # -- building -------------------------------------------------------------------
    def _build_entry(self) -> None:
        # The field and *Check in* on top, the keypad across the screen under them:
        # at normal text size it all fits without scrolling.
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(14)
        self.prompt = label("subtitle", name="checkinPrompt")
        self.field_label = label("section", name="checkinFieldLabel")
        self.code = PrivateLineEdit()
        self.code.setObjectName("checkinCode")
        self.code.setProperty("role", "codeField")
        self.code.setMaxLength(bookings.CODE_MAX)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.setDragEnabled(False)
        self.code.setAcceptDrops(False)
        self.code.returnPressed.connect(self.submit)
        self.list_age = label("warning", name="checkinListAge")
        self.list_age.setVisible(False)
        self.submit_button = _button("checkinSubmit", primary=True)
        self.submit_button.setProperty("wide", True)
        self.submit_button.clicked.connect(self.submit)
        field_row = QHBoxLayout()
        field_row.setSpacing(24)
        field_row.addWidget(self.code, 1)
        field_row.addWidget(self.submit_button)
        column.addWidget(self.prompt)
        column.addWidget(self.field_label)
        column.addLayout(field_row)
        column.addWidget(self.list_age)
        self.pad = CodePad(CODE_LETTERS, columns=7)
        self.pad.attach(self.code)
        column.addWidget(self.pad)
        column.addStretch(1)
        self.entry_page = kinetic_scroll_area(page, "checkinEntryScroll")
        self.entry_hint = scroll_hint(self.entry_page)
        self.pages.addWidget(self.entry_page)

    def _build_answer(self) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        self.service = label("callout", name="checkinService")
        self.slot = label(None, name="checkinSlot")
        self.booking = label("subtitle", name="checkinBooking")
        self.wait = label(None, name="checkinWait")
        # The booked visit's time stands in for the time the ticket was taken.
        self.card = TicketBlock("checkin", heading=(self.service,), details=(self.slot, self.booking, self.wait),
                                taken=False)
        self.number, self.call = self.card.number, self.card.call
        column.addWidget(self.card)
        self.answer_title = label("section", name="checkinAnswerTitle")
        self.answer_body = label(None, name="checkinAnswerBody")
        column.addWidget(self.answer_title)
        column.addWidget(self.answer_body)
        column.addStretch(1)
        # Two rows, so that a narrow (portrait) screen still has room for the words.
        choices = QHBoxLayout()
        choices.setSpacing(24)
        self.normal_button = _button("checkinNormalTicket", primary=True)
        self.normal_button.clicked.connect(self._take_normal)
        self.again_button = _button("checkinAgain")
        self.again_button.clicked.connect(self.try_again)
        self.done_button = _button("checkinDone", primary=True)
        self.done_button.clicked.connect(self.done)
        for button in (self.normal_button, self.again_button):
            choices.addWidget(button)
        choices.addStretch(1)
        column.addLayout(choices)
        finish = QHBoxLayout()
        finish.addStretch(1)
        finish.addWidget(self.done_button)
        column.addLayout(finish)
        self.answer_page = kinetic_scroll_area(page, "checkinAnswerScroll")
        self.answer_hint = scroll_hint(self.answer_page)
        self.pages.addWidget(self.answer_page)

    # -- acting -----------------------------------------------------------------------
    @Slot()
    def submit(self) -> None:
        """Check in what was typed or scanned and show the answer."""
        text = self.code.text()
        if not bookings.normalise_code(text) or self.pages.currentWidget() is not self.entry_page:
            return
        try:
            result = bookings.check_in(self.ctx.desk, text, self.language)
        except StoreError as exc:
            log.error("booked visit not checked in: %s", exc)
            self.result = None
            self._show_store_error()
            return
        log.info("check-in: %s", result.outcome.value)  # never the code: it names a person's booking
        self.result = result
        self.code.clear()
        self.pages.setCurrentWidget(self.answer_page)
        self.retranslate()
        if result.ticket is not None:
            self.checked_in.emit(result.ticket)

    def _show_store_error(self) -> None:
        self.pages.setCurrentWidget(self.answer_page)
        self.retranslate()
        self.answer_title.setText(self.tr("The kiosk cannot check you in right now"))
        self.answer_body.setText(self.tr("Please ask a consultant in the hall. No ticket was taken."))

    @Slot()
    def _take_normal(self) -> None:
        if self.result is not None and self.result.service_id:
            self.normal_ticket.emit(self.result.service_id)

    @Slot()
    def try_again(self) -> None:
        self.result = None
        self.pages.setCurrentWidget(self.entry_page)
        self.retranslate()
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- words ------------------------------------------------------------------------
    def _age_text(self) -> str:
        age = bookings.list_age(self.ctx.desk)
        if age is None:
            return self.tr("The kiosk has not received today's list of appointments yet.")
        if not bookings.is_stale(age):
            return ""
        hours = int(age.total_seconds() // 3600)
        return self.tr("The list of appointments was last updated %n hour(s) ago.", "", hours)

    def retranslate(self) -> None:
        self.title.setText(self.tr("I have an appointment"))
        self.prompt.setText(self.tr("Type the booking code from your confirmation, or hold its barcode "
                                    "under the scanner."))
        self.field_label.setText(self.tr("Booking code"))
        self.code.setAccessibleName(self.tr("Booking code"))
        self.submit_button.setText(self.tr("Check in"))
        self.submit_button.setAccessibleName(self.submit_button.text())
        age = self._age_text()
        self.list_age.setText(age)
        self.list_age.setVisible(bool(age))
        self.normal_button.setText(self.tr("Take a normal ticket"))
        self.again_button.setText(self.tr("Type another code"))
        self.done_button.setText(self.tr("Done"))
        for button in (self.normal_button, self.again_button, self.done_button):
            button.setAccessibleName(button.text())
        self._answer_texts()

    def _answer_texts(self) -> None:
        result = self.result
        ticket = result.ticket if result is not None else None
        if ticket is not self.card.ticket:
            self.card.show_ticket(ticket)
        else:
            self.card.retranslate()
        self.card.setVisible(ticket is not None)
        if result is None:
            return
        self.normal_button.setVisible(result.outcome in OFFER_NORMAL_TICKET and bool(result.service_id))
        self.again_button.setVisible(ticket is None)
        if ticket is not None:
            self._ticket_texts(ticket)
            self.answer_title.setText("")
            self.answer_body.setText("")
            self.answer_title.setVisible(False)
            self.answer_body.setVisible(False)
            return
        self.answer_title.setVisible(True)
        self.answer_body.setVisible(True)
        title, body = self.answer_words(result)
        self.answer_title.setText(title)
        self.answer_body.setText(body)
        set_role(self.answer_title, "warning" if result.outcome is not Outcome.TOO_EARLY else "section")

    def answer_words(self, result: CheckIn) -> tuple[str, str]:
        """The title and explanation of an answer that is not a ticket."""
        slot = format_time(result.slot) if result.slot is not None else ""
        service = self._service_name(result.service_id)
        now = self.ctx.desk.now_local()
        other = format_date(result.other_date) if result.other_date is not None else ""
        texts = {
            Outcome.TOO_EARLY: (
                self.tr("You are early"),
                self.tr("Your appointment is at {slot} ({service}). You can check in from {time}. "
                        "Please come back then.").format(slot=slot, service=service,
                                                        time=format_time(result.come_back_at or now))),
            Outcome.LATE: (
                self.tr("The time of your appointment has passed"),
                self.tr("Your appointment was at {slot}, and the booking has lapsed. You can take a normal "
                        "ticket for the same service ({service}) and wait in the queue.").format(
                            slot=slot, service=service)),
            Outcome.ALREADY_USED: (
                self.tr("This code has already been used"),
                (self.tr("A ticket was already taken with this code: {numbers}. Please wait for it to be "
                         "called, or ask a consultant in the hall.").format(numbers=", ".join(result.used_numbers))
                 if result.used_numbers else
                 self.tr("A ticket was already taken with this code. Please ask a consultant in the hall."))),
            Outcome.CANCELLED: (
                self.tr("This appointment was cancelled"),
                self.tr("You can take a normal ticket for the same service ({service}) or book again.").format(
                    service=service)),
            Outcome.OTHER_CENTRE: (
                self.tr("This appointment is at another centre"),
                self.tr("Please check the address in your confirmation. A consultant in the hall can help.")),
            Outcome.OTHER_DAY: (
                self.tr("This appointment is for another day"),
                self.tr("Your appointment is on {date}. Please come back then, or take a normal ticket "
                        "today.").format(date=other)),
            Outcome.UNKNOWN: (
                self.tr("We could not find this code"),
                self.tr("Please check the code in your confirmation and type it again, "
                        "or ask a consultant in the hall.")),
            Outcome.NO_LIST: (
                self.tr("The kiosk cannot check appointments right now"),
                self.tr("It has not received today's list of appointments. "
                        "Please ask a consultant in the hall.")),
        }
        if result.outcome is Outcome.REFUSED and result.refused is not None:
            return (words.refusal_title(result.refused.reason),
                    words.refusal_body(result.refused.reason, result.refused.opens_at, now))
        return texts.get(result.outcome, texts[Outcome.UNKNOWN])

    def _service_name(self, service_id: str) -> str:
        try:
            return self.ctx.catalog.service(service_id).name.get(self.language)
        except KeyError:
            return service_id

    def _ticket_texts(self, ticket: Ticket) -> None:
        norm = self.ctx.config.appointments.wait_norm_min
        self.service.setText(self._service_name(ticket.service_id))
        slot = ticket.booked_slot or self.ctx.config.local(ticket.est_call_utc)
        self.slot.setText(self.tr("Booked visit at {time}").format(time=format_time(slot)))
        self.booking.setText(self.tr("Booking code {code}").format(code=ticket.booking_code))
        latest = max(slot, self.ctx.config.local(ticket.issued_utc)) + dt.timedelta(minutes=norm)
        self.wait.setText(self.tr("You will be called by {time} at the latest: for booked visits the wait is "
                                  "at most {norm} minutes.").format(time=format_time(latest), norm=norm)
                          + "\n" + wait_words(verdict_for(self.ctx, ticket), self.language))

    def fit(self) -> None:
        self.card.arrange(self.narrow())

    # -- screen life --------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.pages.currentWidget() is self.entry_page:
            self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.result = None
        self.code.clear()
        self.pages.setCurrentWidget(self.entry_page)
        self.entry_page.verticalScrollBar().setValue(0)
        self.answer_page.verticalScrollBar().setValue(0)
        self.retranslate()
