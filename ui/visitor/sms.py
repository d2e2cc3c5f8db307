"""*Send me an SMS when my turn is near*: a phone number on a keypad, shown masked,
an explicit consent after a short personal-data notice (law 152-ФЗ), and the
language of the SMS. The number goes into its own outbox event and nowhere
else (see kiosk.sms); the field is emptied as soon as it is stored."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import sms
from kiosk.store import StoreError
from kiosk.tickets import Ticket
from ui.context import UiContext
from ui.widgets.keyboard import CodePad
from ui.widgets.labels import label, set_role
from ui.widgets.private_text import PrivateLineEdit
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint
from ui.widgets.tile import Tile

log = logging.getLogger(__name__)

# Narrower than this (a portrait screen), the keypad goes under the field instead of beside it.
NARROW_PX = 1500


def _button(name: str, *, checkable: bool = False, primary: bool = False) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setCheckable(checkable)
    button.setProperty("kind", "primary" if primary else "")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class SmsScreen(Screen):
    """Signals:
        accepted(str): the request for this ticket id was stored.
        cancelled(): the visitor went back without one.
    """

    screen_name = "sms"
    accepted = Signal(str)
    cancelled = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ticket: Ticket | None = None
        self.sms_language = ""
        self.failed = False
        content = QWidget()
        # Side by side on a landscape screen, one above the other on a narrow one (resizeEvent).
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.columns = row
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(48)
        left = QVBoxLayout()
        left.setSpacing(14)
        self.field_label = label("section", name="smsFieldLabel")
        # The digits live in a field nobody sees; the screen shows them masked.
        self.field = PrivateLineEdit()
        self.field.setObjectName("smsPhoneField")
        self.field.setMaxLength(10)
        self.field.setVisible(False)
        self.shown = label("pinDisplay", name="smsPhoneMasked", wrap=False)
        self.problem = label("warning", name="smsProblem")
        self.notice = label(None, name="smsNotice")
        # A tile, so that the long consent sentence wraps instead of widening the screen.
        self.consent = Tile("smsConsent")
        self.consent.setCheckable(True)
        language_row = QHBoxLayout()
        language_row.setSpacing(16)
        self.language_label = label(None, name="smsLanguageLabel", wrap=False)
        self.language_buttons = {code: _button(f"smsLanguage-{code}", checkable=True) for code in ("ru", "en")}
        language_row.addWidget(self.language_label)
        for code, button in self.language_buttons.items():
            button.clicked.connect(lambda _=False, c=code: self._choose_language(c))
            language_row.addWidget(button)
        language_row.addStretch(1)
        for widget in (self.field_label, self.field, self.shown, self.problem, self.notice, self.consent):
            left.addWidget(widget)
        left.addLayout(language_row)
        left.addStretch(1)
        row.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(18)
        self.pad = CodePad("")
        self.pad.attach(self.field)
        self.send_button = _button("smsSend", primary=True)
        self.send_button.clicked.connect(self.send)
        self.cancel_button = _button("smsCancel")
        self.cancel_button.clicked.connect(self._cancel)
        right.addWidget(self.pad)
        right.addWidget(self.send_button)
        right.addWidget(self.cancel_button)
        right.addStretch(1)
        # The keypad takes the room it is given (it breaks its rows otherwise): give it some.
        row.addLayout(right, 2)
        self.scroll_area = kinetic_scroll_area(content, "smsScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.field.textChanged.connect(self._update)
        self.field.returnPressed.connect(self.send)
        self.consent.toggled.connect(self._update)
        self.retranslate()

    def start(self, ticket: Ticket) -> None:
        """Ask for a number for ``ticket`` (the screen forgets any earlier one)."""
        self.reset()
        self.ticket = ticket
        self.sms_language = self.language
        self.retranslate()

    @Slot(str)
    def _choose_language(self, code: str) -> None:
        self.sms_language = code
        self._update()

    def phone(self) -> sms.Phone | None:
        return sms.parse_phone(self.field.text())

    @Slot()
    def _update(self) -> None:
        digits = sms.national_digits(self.field.text())
        self.shown.setText(sms.mask(digits) if digits else "+7")
        complete = len(digits) >= 10
        valid = self.phone() is not None
        self.problem.setVisible(self.failed or (complete and not valid) or (bool(digits) and digits[0] != "9"))
        if self.failed:
            self.problem.setText(self.tr("The request could not be saved. Please ask a consultant in the hall."))
        else:
            self.problem.setText(self.tr("A mobile number starts with 9 after +7 and has 10 digits."))
        self.send_button.setEnabled(valid and self.consent.isChecked() and self.ticket is not None)
        # A check mark says which is on, in words as well as colours (as the accessibility switches do).
        names = {"ru": self.tr("Russian"), "en": self.tr("English")}
        for code, button in self.language_buttons.items():
            chosen = code == (self.sms_language or self.language)
            button.setChecked(chosen)
            button.setText(("✓ " if chosen else "") + names[code])
            button.setAccessibleName(names[code])
        agree = self.tr("I agree to the processing of my phone number for this SMS")
        self.consent.set_texts(("✓ " if self.consent.isChecked() else "") + agree)
        self.consent.setAccessibleName(agree)

    @Slot()
    def send(self) -> None:
        phone, ticket = self.phone(), self.ticket
        if phone is None or ticket is None or not self.consent.isChecked():
            return
        try:
            sms.request_sms(self.ctx.desk.store, ticket, phone, self.sms_language or self.language, consent=True)
        except StoreError as exc:
            log.error("SMS request not stored: %s", exc)
            self.failed = True
            self._update()
            return
        self.field.clear()
        self.accepted.emit(ticket.id)

    @Slot()
    def _cancel(self) -> None:
        self.field.clear()
        self.cancelled.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("An SMS when your turn is near"))
        self.field_label.setText(self.tr("Your mobile number"))
        self.notice.setText(self.tr(
            "Personal data (law 152-FZ): the centre uses your number only to send one SMS about this ticket. "
            "It is not printed or shown, and it is deleted after the SMS is sent, or at the end of the day."))
        self.language_label.setText(self.tr("Language of the SMS:"))
        self.send_button.setText(self.tr("Send me an SMS"))
        self.cancel_button.setText(self.tr("No, thank you"))
        for button in (self.send_button, self.cancel_button):
            button.setAccessibleName(button.text())
        set_role(self.shown, "pinDisplay")
        self._update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = event.size().width() < NARROW_PX
        self.columns.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.ticket = None
        self.failed = False
        self.sms_language = ""
        self.field.clear()
        self.consent.setChecked(False)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
