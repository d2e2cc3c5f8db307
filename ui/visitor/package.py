"""A life situation as one visit: its services, the documents to bring, the wait
for the whole package, and one ticket for all of it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk import packages, waits
from kiosk.packages import Package
from kiosk.tickets import Ticket
from ui.context import UiContext
from ui.widgets.labels import label, set_role
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint
from ui.widgets.ticketblock import TicketBlock


class PackageScreen(Screen):
    """Before the ticket: the package's services, documents and wait, and *Take one ticket*.
    After it: the ticket's number, time and QR code above the same lists.

    Signals:
        take_package(str): the visitor asked for one ticket for this life situation id.
        sms_requested(object): the visitor wants an SMS for the package's ticket.
        done(): the visitor is finished.
    """

    screen_name = "package"
    take_package = Signal(str)
    sms_requested = Signal(object)
    done = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.package: Package | None = None
        self.ticket: Ticket | None = None
        self.sms_sent = False
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.intro = label("subtitle", name="packageIntro")
        column.addWidget(self.intro)
        self.ticket_card = TicketBlock("package")
        self.number = self.ticket_card.number
        column.addWidget(self.ticket_card)
        lists = QHBoxLayout()
        lists.setSpacing(48)
        self.services_card, self.services_title, self.services_list = self._card("packageServices")
        self.documents_card, self.documents_title, self.documents_list = self._card("packageDocuments")
        lists.addWidget(self.services_card, 1)
        lists.addWidget(self.documents_card, 1)
        # The wait first, then what the visit covers.
        self.wait = label(None, name="packageWait")
        self.visit = label("callout", name="packageVisit")
        column.addWidget(self.wait)
        column.addWidget(self.visit)
        column.addLayout(lists)
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content, "packageScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.take_button = QPushButton()
        self.take_button.setObjectName("packageTake")
        self.take_button.setProperty("kind", "primary")
        self.take_button.setProperty("wide", True)
        self.take_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.take_button.clicked.connect(self._take)
        self.sms_button = QPushButton()
        self.sms_button.setObjectName("packageSms")
        self.sms_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sms_button.clicked.connect(self._ask_sms)
        self.sms_done = label("ok", name="packageSmsDone")
        self.done_button = QPushButton()
        self.done_button.setObjectName("packageDone")
        self.done_button.setProperty("kind", "primary")
        self.done_button.setProperty("wide", True)
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.done)
        # The SMS offer on its own row: its words need the width on a narrow screen.
        sms_row = QHBoxLayout()
        sms_row.addWidget(self.sms_button)
        sms_row.addWidget(self.sms_done, 1)
        sms_row.addStretch(1)
        self.outer.addLayout(sms_row)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addStretch(1)
        row.addWidget(self.take_button)
        row.addWidget(self.done_button)
        self.outer.addLayout(row)
        self.retranslate()

    @staticmethod
    def _card(name: str) -> tuple[QFrame, QLabel, QLabel]:
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(36, 24, 36, 24)
        inside.setSpacing(10)
        title = label("section", name=f"{name}Title")
        body = label(None, name=f"{name}List")
        inside.addWidget(title)
        inside.addWidget(body)
        inside.addStretch(1)
        return card, title, body

    def show_package(self, situation_id: str) -> None:
        self.package = packages.package(self.ctx.catalog, situation_id)
        self.ticket = None
        self.sms_sent = False
        self.ticket_card.show_ticket(None)
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def show_ticket(self, ticket: Ticket) -> None:
        """The package's ticket was issued: show it above the lists."""
        self.ticket = ticket
        self.sms_sent = False
        self.ticket_card.show_ticket(ticket, self.ctx.config.local(ticket.issued_utc))
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()

    def sms_accepted(self) -> None:
        self.sms_sent = True
        self.retranslate()

    @Slot()
    def _ask_sms(self) -> None:
        if self.ticket is not None and not self.sms_sent:
            self.sms_requested.emit(self.ticket)

    @Slot()
    def _take(self) -> None:
        if self.package is not None and self.ticket is None:
            self.take_package.emit(self.package.id)

    def retranslate(self) -> None:
        lang = self.language
        self.intro.setText(self.tr("One visit for everything: you take one ticket, and one window handles "
                                   "all these services one after another."))
        self.services_title.setText(self.tr("Services"))
        self.documents_title.setText(self.tr("Documents to bring"))
        self.take_button.setText(self.tr("Take one ticket for the whole visit"))
        self.take_button.setAccessibleName(self.take_button.text())
        self.sms_button.setText(self.tr("Send me an SMS when my turn is near"))
        self.sms_button.setAccessibleName(self.sms_button.text())
        self.sms_done.setText(self.tr("We will send you an SMS when your turn is near."))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.done_button.text())
        self.ticket_card.retranslate()
        ticket = self.ticket
        self.ticket_card.setVisible(ticket is not None)
        self.intro.setVisible(ticket is None)
        self.take_button.setVisible(ticket is None)
        self.done_button.setVisible(ticket is not None)
        self.sms_button.setVisible(ticket is not None and not self.sms_sent)
        self.sms_done.setVisible(ticket is not None and self.sms_sent)
        chosen = self.package
        if chosen is None:
            self.title.clear()
            for widget in (self.services_list, self.documents_list, self.wait, self.visit):
                widget.clear()
            return
        self.title.setText(chosen.name.get(lang))
        self.services_list.setText("\n".join(f"{n}. {s.name.get(lang)}"
                                             for n, s in enumerate(chosen.services, 1)))
        self.documents_list.setText("\n".join(f"• {d.get(lang)}" for d in chosen.documents)
                                    or self.tr("Your passport; a consultant in the hall will tell you the rest."))
        estimate = packages.estimate(self.ctx.desk, chosen)
        verdict = waits.assess(ticket.wait_minutes if ticket is not None else estimate.wait_minutes)
        self.wait.setText(waits.ticket_words(verdict, lang))
        set_role(self.wait, "warning" if verdict.over_norm else "")
        self.visit.setText(self.tr("The whole visit takes about {minutes} min at the window.").format(
            minutes=estimate.visit_minutes))

    def fit(self) -> None:
        self.ticket_card.arrange(self.narrow())

    def refresh(self) -> None:
        self.retranslate()

    def reset(self) -> None:
        self.package = None
        self.ticket = None
        self.sms_sent = False
        self.ticket_card.show_ticket(None)
        self.retranslate()
