"""The kiosk window: bars, the stack of screens, navigation, issuing tickets.

Navigation lives here and nowhere else: screens only emit what the visitor
chose.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ratings import NotRatable, QuickSource, RatableTicket, RatingDesk
from kiosk.store import StoreError
from kiosk.tickets import Ticket, TicketRefused
from ui import words
from ui.accessibility import Accessibility, AccessibilitySwitches
from ui.admin.pin import AdminPinScreen
from ui.admin.screen import AdminScreen
from ui.admin.session import AdminSession, CornerTaps
from ui.admin.tabs.printer import TEST_PAGE_PREFIX
from ui.context import UiContext
from ui.i18n import format_date, format_time
from ui.printing import PrintJob, PrintService
from ui.rating.comment import RatingCommentScreen
from ui.rating.criteria import RatingCriteriaScreen
from ui.rating.entry import RateServiceTile, RatingEntryScreen
from ui.rating.thanks import THANKS_SCREEN_S, RatingThanksScreen
from ui.theme import pick_font_family
from ui.visitor.about import AboutScreen, AboutTile
from ui.visitor.categories import CategoriesScreen
from ui.visitor.home import HomeScreen
from ui.visitor.message import MessageScreen
from ui.visitor.services import ServicesScreen
from ui.visitor.standard import StandardScreen, StandardTile
from ui.visitor.ticket import PrintState, TicketScreen
from ui.voice import Voice
from ui.widgets.bars import BottomBar, TopBar
from ui.widgets.grades import QuickRatingPanel
from ui.widgets.screen import Screen
from ui.words import Words

log = logging.getLogger(__name__)


class KioskWindow(QMainWindow):
    """Signals:
        ticket_shown(str): a ticket id, once its screen is visible.
        went_home(): the window is back on Home with everything forgotten.
        rating_saved(str): a rating id, once it is stored (ticket or quick rating).
        sync_now_requested(): a consultant asked for a sync round now (admin mode).
        exit_requested(): an operator chose to leave the application (admin mode).
    """

    ticket_shown = Signal(str)
    went_home = Signal()
    rating_saved = Signal(str)
    sync_now_requested = Signal()
    exit_requested = Signal()

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
        self._build_ratings()
        self._build_information()
        self._build_accessibility()
        self._build_admin()

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
        if screen is not self.rating_thanks:
            self.thanks_timer.stop()

    @Slot()
    def go_back(self) -> None:
        if self.current() in (self.ticket, self.message, self.rating_thanks) or self.in_admin() or not self.history:
            self.go_home()
            return
        self.show_screen(self.history.pop(), remember=False)

    @Slot()
    def go_home(self) -> None:
        """Back to Home, forgetting everything this visitor chose; language back to default."""
        self.history.clear()
        self.admin_session.end("home")  # a no-op unless admin mode was on
        for screen in (self.categories, self.services, self.ticket, self.message, *self.rating_screens,
                       self.admin_pin, self.admin):
            screen.reset()
        for panel in (self.home_quick, self.ticket_quick):
            panel.reset()
        self.ctx.language.reset()
        self.show_screen(self.home, remember=False)
        self.went_home.emit()

    def _refresh_current(self) -> None:
        if self.current() in (self.home, self.categories, self.services):
            self.current().refresh()
        elif self.current() is self.admin:
            self.admin.refresh_figures()

    @Slot(str)
    def _on_category(self, category_id: str) -> None:
        self.services.show_category(category_id)
        self.show_screen(self.services)

    @Slot(str)
    def _on_situation(self, situation_id: str) -> None:
        self.services.show_situation(situation_id)
        self.show_screen(self.services)

    # -- the standard, the centre, accessibility --------------------------------------
    def _build_information(self) -> None:
        """The service standard and the centre's information, each with its Home tile."""
        self.standard = StandardScreen(self.ctx)
        self.about = AboutScreen(self.ctx)
        self.standard_tile = StandardTile()
        self.about_tile = AboutTile()
        for screen in (self.standard, self.about):
            self.stack.addWidget(screen)
            self.went_home.connect(screen.reset)
        self.home.add_tile(self.standard_tile)
        self.home.add_tile(self.about_tile)
        self.standard_tile.clicked.connect(lambda: self.show_screen(self.standard))
        self.about_tile.clicked.connect(lambda: self.show_screen(self.about))

    def _build_accessibility(self) -> None:
        """Text size, contrast and voice switches in the bottom bar; all off again on Home."""
        self.access = Accessibility(pick_font_family(), self)
        self.access.follow(self.top_bar, self.bottom_bar)
        self.access.show_on(self.current())
        self.voice = Voice(parent=self)
        self.switches = AccessibilitySwitches(self.access, self.voice.available)
        self.bottom_bar.add_switches(self.switches)
        self.switches.voice_toggled.connect(self._on_voice_toggled)
        self.voice.enabled_changed.connect(self._on_voice_changed)
        self.ctx.language.changed.connect(self.voice.set_language)
        self.voice.set_language(self.ctx.language.current)
        self.stack.currentChanged.connect(self._on_screen_changed)
        self.went_home.connect(self.access.reset)
        self.went_home.connect(self.voice.reset)
        self.access.changed.connect(self._fit_ticket_screen)

    @Slot()
    def _fit_ticket_screen(self) -> None:
        # With large text the ticket's own lines need all the room: the one-tap
        # rating is still on Home, and the card's "Your number" names the screen.
        self.ticket_quick.setVisible(not self.access.large)
        self.ticket.title.setVisible(not self.access.large)
        self.admin.fit_text_size(self.access.large)

    @Slot(bool)
    def _on_voice_toggled(self, on: bool) -> None:
        self.voice.set_enabled(on)
        if self.voice.enabled:
            self._announce()

    @Slot(bool)
    def _on_voice_changed(self, on: bool) -> None:
        self.switches.set_voice(on, self.voice.available)

    @Slot(int)
    def _on_screen_changed(self, _index: int) -> None:
        # Before the first paint of the screen: style it for the visitor's mode, then say it.
        self.access.show_on(self.current())
        self._announce()

    def _announce(self) -> None:
        """Say the screen's title, and on the ticket screen the number, when the voice is on."""
        if not self.voice.enabled:
            return
        screen = self.current()
        texts = [screen.title.text()]
        if screen is self.ticket and self.ticket.ticket is not None:
            texts.append(self.voice.ticket_phrase(self.ticket.ticket))
        self.voice.say(*texts)

    # -- ratings -------------------------------------------------------------------
    def _build_ratings(self) -> None:
        """The rating screens, the Home tile and the two quick-rating panels."""
        ctx = self.ctx
        self.ratings = RatingDesk(ctx.desk.store, ctx.config, ctx.desk)
        self.rating_entry = RatingEntryScreen(ctx, self.ratings)
        self.rating_criteria = RatingCriteriaScreen(ctx)
        self.rating_comment = RatingCommentScreen(ctx)
        self.rating_thanks = RatingThanksScreen(ctx)
        self.rating_screens: tuple[Screen, ...] = (self.rating_entry, self.rating_criteria, self.rating_comment,
                                                   self.rating_thanks)
        for screen in self.rating_screens:
            self.stack.addWidget(screen)
        self.rate_tile = RateServiceTile()
        self.home.add_tile(self.rate_tile)
        self.home_quick = QuickRatingPanel("homeQuickRating")
        self.home.add_panel(self.home_quick)
        self.ticket_quick = QuickRatingPanel("ticketQuickRating", compact=True)
        self.ticket.add_panel(self.ticket_quick)
        self.rate_tile.clicked.connect(lambda: self.show_screen(self.rating_entry))
        self.rating_entry.ticket_found.connect(self._on_rating_ticket)
        self.rating_criteria.next_step.connect(lambda: self.show_screen(self.rating_comment))
        self.rating_comment.send.connect(self.submit_rating)
        self.rating_thanks.done.connect(self.go_home)
        self.home_quick.rated.connect(self._on_home_quick)
        self.ticket_quick.rated.connect(self._on_ticket_quick)
        self.thanks_timer = QTimer(self)
        self.thanks_timer.setObjectName("rating-thanks-timer")
        self.thanks_timer.setSingleShot(True)
        self.thanks_timer.setInterval(THANKS_SCREEN_S * 1000)
        self.thanks_timer.timeout.connect(self.go_home)

    @Slot(object)
    def _on_rating_ticket(self, ticket: RatableTicket) -> None:
        self.rating_criteria.start(ticket)
        self.show_screen(self.rating_criteria)

    @Slot()
    def submit_rating(self) -> None:
        """Store the ticket's rating from the criteria and comment screens, then thank the visitor."""
        ticket = self.rating_criteria.ticket
        scores = self.rating_criteria.scores()
        if ticket is None or not scores:
            return
        try:
            rating = self.ratings.rate_ticket(ticket.id, scores, self.rating_comment.comment(),
                                              self.ctx.language.current)
        except NotRatable as refused:
            # Rated, cancelled or out of date since it was found: say so where the
            # visitor can try another ticket.
            log.info("rating of %s refused: %s", ticket.display, refused.verdict.value)
            verdict, display = refused.verdict, refused.display
            self._restart_rating()
            self.rating_entry.show_verdict(verdict, display)
            self.show_screen(self.rating_entry, remember=False)
            return
        except StoreError as exc:
            log.error("rating of %s not stored: %s", ticket.display, exc)
            self.rating_comment.allow_send()
            self.message.show_message(
                lambda: self.tr("The kiosk cannot save your rating right now"),
                lambda: self.tr("Please try again later or ask a consultant in the hall. Nothing was saved."))
            self.show_screen(self.message)
            return
        log.info("rating %s stored for ticket %s", rating.id, ticket.display)
        self._restart_rating()
        self.rating_thanks.show_thanks(ticket.display)
        self.show_screen(self.rating_thanks, remember=False)
        self.thanks_timer.start()
        self.rating_saved.emit(rating.id)

    def _restart_rating(self) -> None:
        """Forget the rating in progress (grades, comment, typed number) and its steps."""
        for screen in (self.rating_entry, self.rating_criteria, self.rating_comment):
            screen.reset()
        self.history = [self.home]

    @Slot(int)
    def _on_home_quick(self, grade: int) -> None:
        self._quick(grade, QuickSource.HOME, self.home_quick)

    @Slot(int)
    def _on_ticket_quick(self, grade: int) -> None:
        self._quick(grade, QuickSource.TICKET, self.ticket_quick)

    def _quick(self, grade: int, source: QuickSource, panel: QuickRatingPanel) -> None:
        try:
            outcome = self.ratings.rate_quick(grade, self.ctx.language.current, source)
        except StoreError as exc:
            log.error("quick rating not stored: %s", exc)
            panel.reset()
            return
        panel.show_result(outcome.accepted)
        if outcome.rating is not None:
            self.rating_saved.emit(outcome.rating.id)
        else:
            log.info("quick rating throttled (%d today)", outcome.throttled_today)

    # -- admin mode ------------------------------------------------------------------
    def _build_admin(self) -> None:
        """The hidden gesture on the top bar, the staff PIN pad and the admin tabs."""
        self.admin_session = AdminSession(self.ctx.desk.store, parent=self)
        self.admin_pin = AdminPinScreen(self.ctx, self.admin_session)
        self.admin = AdminScreen(self.ctx, self.admin_session, can_print=self.printing is not None)
        for screen in (self.admin_pin, self.admin):
            self.stack.addWidget(screen)
        self.admin_gesture = CornerTaps(self)
        self.top_bar.installEventFilter(self.admin_gesture)
        self.admin_gesture.triggered.connect(self.open_admin)
        self.admin_pin.signed_in.connect(self._on_admin_signed_in)
        self.admin_session.timed_out.connect(lambda: self.leave_admin("timeout"))
        self.admin.sign_out.connect(lambda: self.leave_admin("sign_out"))
        self.admin.sync_now_requested.connect(self.sync_now_requested)
        self.admin.exit_requested.connect(self.exit_requested)
        self.admin.reprint_requested.connect(self._reprint)
        if self.printing is not None:
            self.admin.test_page_requested.connect(self.printing.submit)
            self.printing.finished.connect(self.admin.on_printed)

    def in_admin(self) -> bool:
        return self.current() in (self.admin_pin, self.admin)

    @Slot()
    def open_admin(self) -> None:
        """The hidden gesture: the visitor's choices are dropped and the PIN pad opens."""
        if self.in_admin():
            return
        self.go_home()
        self.admin_session.open_pad()
        self.show_screen(self.admin_pin, remember=False)

    @Slot(str)
    def _on_admin_signed_in(self, role: str) -> None:
        self.admin_session.start(role)
        self.show_screen(self.admin, remember=False)

    def leave_admin(self, reason: str) -> None:
        """Close admin mode (``timeout`` or ``sign_out``) and return to Home."""
        self.admin_session.end(reason)
        self.go_home()

    @Slot(object)
    def _reprint(self, ticket: Ticket) -> None:
        if self.printing is not None:
            self.printing.submit(self.print_job(ticket))

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
        """The ticket's printed texts, in the language it was taken in (a reprint from
        admin mode may happen while the screen shows the other language)."""
        lang = ticket.language

        def text_in(context: str, source: str, n: int = -1) -> str:
            return self.ctx.language.text_in(lang, context, source, n)

        phrases = Words(text_in)
        local = self.ctx.config.local(ticket.issued_utc)
        return PrintJob(
            ticket_id=ticket.id,
            centre_name=self.ctx.config.centre_name.get(lang),
            caption=text_in("TicketScreen", "Your number"),
            number=ticket.display,
            service=self.ctx.catalog.service(ticket.service_id).name.get(lang),
            issued=f"{format_date(local)} {format_time(local)}",
            ahead=phrases.people_ahead(ticket.people_ahead),
            wait=phrases.wait_sentence(ticket.wait_minutes),
            call=text_in("TicketScreen", "Please wait until your number is called on the display"),
            link=ticket.link,
        )

    @Slot(str, bool, str)
    def _on_printed(self, ticket_id: str, ok: bool, error: str) -> None:
        if ticket_id.startswith(TEST_PAGE_PREFIX):
            return  # admin mode's test page: its printer tab records it
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
