"""Rate the service, step 1: which ticket? Typed on the keypad or a keyboard,
or scanned from the ticket's QR code (a scanner types like a keyboard and ends
with Enter). Also the Home tile that leads here."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.ratings import NotRatable, RatableTicket, RatingDesk, Verdict
from ui.context import UiContext
from ui.widgets.keyboard import CodePad
from ui.widgets.labels import label
from ui.widgets.private_text import PrivateLineEdit
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction
from ui.widgets.tile import TranslatedTile

# Long enough for any ticket link (the template allows 300 characters plus the id).
MAX_CODE_CHARS = 400


class RateServiceTile(TranslatedTile):
    """The *Rate the service* tile on Home; it keeps its own words in step with the language."""

    tile_name = "rateService"

    def texts(self) -> tuple[str, str]:
        return self.tr("Rate the service"), self.tr("After your visit: five questions, one minute")


class RatingEntryScreen(Screen):
    """Finds the visitor's ticket; says plainly why one cannot be rated.

    Signals:
        ticket_found(object): the :class:`RatableTicket` to rate.
    """

    screen_name = "ratingEntry"
    ticket_found = Signal(object)

    def __init__(self, ctx: UiContext, ratings: RatingDesk, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ratings = ratings
        self._verdict: tuple[Verdict, str | None] | None = None
        # Everything under the title scrolls (with a finger) when large text
        # makes it taller than the screen.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        self.subtitle = label("subtitle", name="ratingEntrySubtitle")
        column.addWidget(self.subtitle)
        column.addStretch(1)
        # The field and its explanations beside the keypad; on a narrow screen, above it.
        row = QHBoxLayout()
        row.setSpacing(56)
        self.row = row
        left = QVBoxLayout()
        left.setSpacing(18)
        self.field_label = label("callout", name="ratingCodeLabel")
        self.code = PrivateLineEdit()  # nothing reaches or leaves it through the clipboard
        self.code.setObjectName("ratingCode")
        self.code.setProperty("role", "codeField")
        self.code.setMaxLength(MAX_CODE_CHARS)
        self.code.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.code.setDragEnabled(False)
        self.code.setAcceptDrops(False)
        self.code.setPlaceholderText("П017")
        self.code.returnPressed.connect(self.look_up)
        self.code.textChanged.connect(self._hide_verdict)
        self.verdict = label("warning", name="ratingVerdict")
        self.verdict.setVisible(False)
        self.hint = label("subtitle", name="ratingCodeHint")
        self.find_button = QPushButton()
        self.find_button.setObjectName("ratingFind")
        self.find_button.setProperty("kind", "primary")
        self.find_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.find_button.clicked.connect(self.look_up)
        left.addWidget(self.field_label)
        left.addWidget(self.code)
        left.addWidget(self.verdict)
        left.addWidget(self.hint)
        left.addStretch(1)
        row.addLayout(left, 1)
        # The keypad and *Find* stay together at the top of their column, so that
        # with large text they are still in view when the explanations grow.
        right = QVBoxLayout()
        right.setSpacing(18)
        letters = "".join(c.prefix for c in ctx.catalog.categories)
        self.pad = CodePad(letters)
        self.pad.attach(self.code)
        right.addWidget(self.pad)
        right.addWidget(self.find_button)
        right.addStretch(1)
        row.addLayout(right)
        column.addLayout(row)
        self.scroll_area = kinetic_scroll_area(content, "ratingEntryScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def fit(self) -> None:
        set_direction(self.row, across=not self.narrow())

    @Slot()
    def look_up(self) -> None:
        """Look up what was typed or scanned; on success emit :attr:`ticket_found`."""
        text = self.code.text()
        if not text.strip():
            return
        try:
            ticket: RatableTicket = self.ratings.find_ticket(text)
        except NotRatable as refused:
            # A mistyped number stays to be corrected; a scanned link is cleared so
            # that the next scan does not land behind it.
            if refused.display is None or refused.verdict is Verdict.UNREADABLE:
                self.code.clear()
            self.show_verdict(refused.verdict, refused.display)
            return
        self.ticket_found.emit(ticket)

    def show_verdict(self, verdict: Verdict, display: str | None) -> None:
        """Say why the ticket cannot be rated (also used when sending fails the same way)."""
        self._verdict = (verdict, display)
        self.retranslate()
        self.verdict.setVisible(True)

    @Slot()
    def _hide_verdict(self) -> None:
        if self._verdict is not None and self.code.text():
            self._verdict = None
            self.verdict.setVisible(False)

    def verdict_text(self, verdict: Verdict, display: str | None) -> str:
        if display is None:
            texts = {
                Verdict.UNREADABLE: self.tr("We could not read that. Please type the number from your ticket, "
                                            "or scan the QR code printed on it."),
                Verdict.UNKNOWN: self.tr("We could not find this ticket among today's tickets of this centre."),
                Verdict.OTHER_DAY: self.tr("This ticket was taken on another day. "
                                           "Only today's tickets can be rated here."),
                Verdict.OTHER_KIOSK: self.tr("This ticket was issued by another kiosk. "
                                             "Please rate your visit at that kiosk."),
                Verdict.CANCELLED: self.tr("This ticket was cancelled, so it cannot be rated. "
                                           "If this is a mistake, please ask a consultant in the hall."),
                Verdict.ALREADY_RATED: self.tr("This ticket has already been rated. Thank you! "
                                               "Each visit can be rated once."),
            }
            return texts[verdict]
        texts = {
            Verdict.UNREADABLE: self.tr("We could not read that. Please type the number from your ticket, "
                                        "or scan the QR code printed on it."),
            Verdict.UNKNOWN: self.tr("We could not find ticket {number} among today's tickets. "
                                     "Please check the number on your ticket."),
            Verdict.OTHER_DAY: self.tr("Ticket {number} was taken on another day. "
                                       "Only today's tickets can be rated here."),
            Verdict.OTHER_KIOSK: self.tr("Ticket {number} was issued by another kiosk in this centre. "
                                         "Please rate your visit at that kiosk."),
            Verdict.CANCELLED: self.tr("Ticket {number} was cancelled, so it cannot be rated. "
                                       "If this is a mistake, please ask a consultant in the hall."),
            Verdict.ALREADY_RATED: self.tr("Ticket {number} has already been rated. Thank you! "
                                           "Each visit can be rated once."),
        }
        return texts[verdict].format(number=display)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Rate the service"))
        self.subtitle.setText(self.tr("Type the number from your ticket, or hold the ticket's QR code "
                                      "under the scanner."))
        self.field_label.setText(self.tr("Your ticket number"))
        self.code.setAccessibleName(self.tr("Your ticket number"))
        self.hint.setText(self.tr("The number is printed in large letters at the top of your ticket. "
                                  "Type it on the keypad on the screen: first the letter, then the digits."))
        self.find_button.setText(self.tr("Find my ticket"))
        self.find_button.setAccessibleName(self.find_button.text())
        if self._verdict is not None:
            self.verdict.setText(self.verdict_text(*self._verdict))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The field takes the keystrokes of a hardware keyboard or a scanner.
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self._verdict = None
        self.verdict.setVisible(False)
        self.code.clear()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
