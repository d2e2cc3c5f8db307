"""The kiosk window: bars, the stack of screens, navigation, issuing tickets.

Navigation lives here and nowhere else: screens only emit what the visitor
chose.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.store import StoreError
from kiosk.tickets import Ticket, TicketRefused
from ui import words
from ui.context import UiContext
from ui.i18n import format_date, format_time
from ui.printing import PrintJob, PrintService
from ui.screens.base import Screen
from ui.screens.categories import CategoriesScreen
from ui.screens.home import HomeScreen
from ui.screens.message import MessageScreen
from ui.screens.services import ServicesScreen
from ui.screens.ticket import PrintState, TicketScreen
from ui.widgets.bars import BottomBar, TopBar

log = logging.getLogger(__name__)


class KioskWindow(QMainWindow):
    """Signals:
        ticket_shown(str): a ticket id, once its screen is visible.
        went_home(): the window is back on Home with everything forgotten.
    """

    ticket_shown = Signal(str)
    went_home = Signal()

    def __init__(self, ctx: UiContext, printing: PrintService | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.printing = printing
        self.allow_close = False
        self.setObjectName("kioskWindow")
        self.setWindowTitle("Kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.top_bar = TopBar(ctx.config, ctx.desk.store.clock, ctx.language)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        self.bottom_bar = BottomBar(ctx.language)
        column.addWidget(self.top_bar)
        column.addWidget(self.stack, 1)
        column.addWidget(self.bottom_bar)
        self.setCentralWidget(body)

        self.home = HomeScreen(ctx)
        self.categories = CategoriesScreen(ctx)
        self.services = ServicesScreen(ctx)
        self.ticket = TicketScreen(ctx)
        self.message = MessageScreen(ctx)
        for screen in (self.home, self.categories, self.services, self.ticket, self.message):
            self.stack.addWidget(screen)
        self.history: list[Screen] = []

        self.home.take_ticket.connect(lambda: self.show_screen(self.categories))
        self.categories.category_chosen.connect(self._on_category)
        self.categories.situation_chosen.connect(self._on_situation)
        self.services.service_chosen.connect(self.issue_ticket)
        self.ticket.done.connect(self.go_home)
        self.message.acknowledged.connect(self.go_home)
        self.bottom_bar.back.connect(self.go_back)
        self.bottom_bar.home.connect(self.go_home)
        if printing is not None:
            printing.finished.connect(self._on_printed)

        self.ticket_timer = QTimer(self)
        self.ticket_timer.setObjectName("ticket-screen-timer")
        self.ticket_timer.setSingleShot(True)
        self.ticket_timer.setInterval(ctx.config.ticket_screen_s * 1000)
        self.ticket_timer.timeout.connect(self.go_home)
        # Home's queue line and opening state follow the clock.
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setObjectName("home-refresh-timer")
        self.refresh_timer.setInterval(30_000)
        self.refresh_timer.timeout.connect(self._refresh_current)
        self.refresh_timer.start()
        self.show_screen(self.home, remember=False)

    # -- navigation ---------------------------------------------------------------
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Screen)
        return widget

    def show_screen(self, screen: Screen, remember: bool = True) -> None:
        if remember and self.stack.currentWidget() is not screen:
            self.history.append(self.current())
        screen.refresh()
        self.stack.setCurrentWidget(screen)
        self.bottom_bar.set_navigation(screen is not self.home)
        if screen is not self.ticket:
            self.ticket_timer.stop()

    @Slot()
    def go_back(self) -> None:
        if self.current() in (self.ticket, self.message) or not self.history:
            self.go_home()
            return
        self.show_screen(self.history.pop(), remember=False)

    @Slot()
    def go_home(self) -> None:
        """Back to Home, forgetting everything this visitor chose; language back to default."""
        self.history.clear()
        for screen in (self.categories, self.services, self.ticket, self.message):
            screen.reset()
        self.ctx.language.reset()
        self.show_screen(self.home, remember=False)
        self.went_home.emit()

    def _refresh_current(self) -> None:
        if self.current() in (self.home, self.categories, self.services):
            self.current().refresh()

    @Slot(str)
    def _on_category(self, category_id: str) -> None:
        self.services.show_category(category_id)
        self.show_screen(self.services)

    @Slot(str)
    def _on_situation(self, situation_id: str) -> None:
        self.services.show_situation(situation_id)
        self.show_screen(self.services)

    # -- tickets -------------------------------------------------------------------
    @Slot(str)
    def issue_ticket(self, service_id: str) -> None:
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
            self.show_screen(self.message)
            return
        except StoreError as exc:
            log.error("ticket for %s not issued: %s", service_id, exc)
            self.message.show_message(
                lambda: self.tr("The kiosk cannot issue a ticket right now"),
                lambda: self.tr("Please ask a consultant in the hall. No ticket was taken."))
            self.show_screen(self.message)
            return
        log.info("ticket %s issued for %s", ticket.display, service_id)
        state = PrintState.OFF if self.printing is None else PrintState.PRINTING
        self.ticket.show_ticket(ticket, state)
        self.show_screen(self.ticket)
        self.ticket_timer.start()
        self.ticket_shown.emit(ticket.id)
        if self.printing is not None:
            self.printing.submit(self.print_job(ticket))

    def print_job(self, ticket: Ticket) -> PrintJob:
        """The ticket's printed texts, in the language it was taken in."""
        screen = self.ticket
        local = self.ctx.config.local(ticket.issued_utc)
        return PrintJob(
            ticket_id=ticket.id,
            centre_name=self.ctx.config.centre_name.get(ticket.language),
            caption=screen.caption.text(),
            number=ticket.display,
            service=self.ctx.catalog.service(ticket.service_id).name.get(ticket.language),
            issued=f"{format_date(local)} {format_time(local)}",
            ahead=words.people_ahead(ticket.people_ahead),
            wait=words.wait_sentence(ticket.wait_minutes),
            call=screen.call.text(),
            link=ticket.link,
        )

    @Slot(str, bool, str)
    def _on_printed(self, ticket_id: str, ok: bool, error: str) -> None:
        try:
            self.ctx.desk.record_print(ticket_id, ok, error)
        except StoreError as exc:
            log.error("could not record the print result of %s: %s", ticket_id, exc)
        self.ticket.set_print_state(ticket_id, PrintState.PRINTED if ok else PrintState.FAILED)

    # -- the window itself -----------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # A visitor must not close the kiosk; the application exits through
        # app.exit() (signal, admin) after setting allow_close.
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
