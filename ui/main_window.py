"""The kiosk window: the top and bottom bars, the stack of screens, and their wiring.

What happens between screens is decided elsewhere: the navigator
(:mod:`ui.navigation`) moves between them and brings the kiosk Home, the
ticket flow (:mod:`ui.visitor.ticketing`) and the rating flow
(:mod:`ui.rating.flow`) turn a visitor's choice into a stored ticket or
rating. Screens only emit what the visitor chose; this module connects
those signals to the flows and the navigator, and keeps the screens
reachable by name (tests, screenshots and the accessibility walk use them).

Only Home (with its tiles and one-tap rating panel) and the bars are built
at start. Every other screen is registered with the navigator and built the
first time it is needed, its signals connected as it is built; the
attributes ``window.ticket``, ``window.admin``, ``window.rating_entry``, ...
build the screen when first read. :meth:`KioskWindow.every_screen` builds
them all.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from kiosk.ratings import RatingDesk
from kiosk.sync.status import SyncStatus
from kiosk.tickets import Ticket
from ui.accessibility import Accessibility, AccessibilitySwitches
from ui.admin.session import ADMIN_TIMEOUT_S, AdminSession, CornerTaps
from ui.context import UiContext
from ui.navigation import Navigator
from ui.printing.jobs import PrintJob
from ui.printing.service import PrintService
from ui.rating.flow import RatingFlow
from ui.theme import pick_font_family
from ui.visitor.about import AboutTile
from ui.visitor.home import HomeScreen
from ui.visitor.message import MessageScreen
from ui.visitor.standard import StandardTile
from ui.visitor.visit_extras import install
from ui.voice import Voice
from ui.widgets.bars import BottomBar, TopBar
from ui.widgets.screen import Screen

if TYPE_CHECKING:
    from kiosk.content import Document
    from ui.admin.pin import AdminPinScreen
    from ui.admin.screen import AdminScreen
    from ui.rating.comment import RatingCommentScreen
    from ui.rating.criteria import RatingCriteriaScreen
    from ui.rating.entry import RatingEntryScreen
    from ui.rating.thanks import RatingThanksScreen
    from ui.visitor.about import AboutScreen
    from ui.visitor.categories import CategoriesScreen
    from ui.visitor.services import ServicesScreen
    from ui.visitor.standard import StandardScreen
    from ui.visitor.ticket import TicketScreen
    from ui.visitor.ticketing import Ticketing
    from ui.widgets.grades import QuickRatingPanel

log = logging.getLogger(__name__)

# Home's queue line and opening state, and admin mode's figures, follow the clock.
REFRESH_MS = 30_000

S = TypeVar("S", bound=Screen)

# The names of the screens registered with the navigator (see ui.navigation).
CATEGORIES, SERVICES, TICKET, MESSAGE = "categories", "services", "ticket", "message"
STANDARD, ABOUT, ADMIN_PIN, ADMIN = "standard", "about", "admin_pin", "admin"


class KioskWindow(QMainWindow):
    """Signals:
        ticket_ready(str): a ticket id, its screen filled and about to be shown.
        ticket_shown(str): a ticket id, once its screen is visible.
        went_home(): the window is back on Home with everything forgotten.
        rating_saved(str): a rating id, once it is stored (ticket or quick rating).
        sync_now_requested(): a consultant asked for a sync round now (admin mode).
        exit_requested(): an operator chose to leave the application (admin mode).

    Args:
        ctx: what the screens need from the core.
        printing: the print service, or None for a kiosk without a printer.
        ratings: the rating desk.
        admin_session: admin mode's session (PINs, who is signed in).
        demo: the demo catalog is in use: demo appointments for today, an illustrative best-time chart.
    """

    ticket_ready = Signal(str)
    ticket_shown = Signal(str)
    went_home = Signal()
    rating_saved = Signal(str)
    sync_now_requested = Signal()
    exit_requested = Signal()

    def __init__(self, ctx: UiContext, printing: PrintService | None, ratings: RatingDesk,
                 admin_session: AdminSession, *, demo: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self.printing = printing
        self.ratings = ratings
        self.admin_session = admin_session
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
        self.stack.addWidget(self.home)
        self.nav = Navigator(self.stack, self.home, ctx.config.idle_timeout_s, self)
        self._ticketing: Ticketing | None = None
        # What the rest of the kiosk told screens not built yet; given to them as they are built.
        self._documents: Mapping[str, Document] | None = None
        self._sync_setup: tuple[bool, str] = (False, "")
        self._build_visit()
        self._build_ratings()
        self._build_information()
        self._build_admin()
        self._build_accessibility()
        # Check-in, packages, the best time to visit and the ticket's extras (ui/visitor/visit_extras.py).
        self.visit_extras = install(self, demo=demo)
        self.nav.went_home.connect(self._on_went_home)
        self.nav.screen_shown.connect(self._on_screen_shown)
        self.bottom_bar.back.connect(self.nav.back)
        self.bottom_bar.home.connect(self.go_home)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setObjectName("home-refresh-timer")
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self._refresh_current)
        self.refresh_timer.start()
        self.nav.show(self.home, remember=False)

    # -- building -------------------------------------------------------------------
    def _build_visit(self) -> None:
        """Getting a ticket: categories, services, the ticket, and the message for a refusal."""
        nav = self.nav
        nav.register(CATEGORIES, self._make_categories)
        nav.register(SERVICES, self._make_services)
        nav.register(TICKET, self._make_ticket, timeout_ms=self.ctx.config.ticket_screen_s * 1000, ends_visit=True)
        nav.register(MESSAGE, self._make_message, ends_visit=True)
        self.home.take_ticket.connect(lambda: nav.show(self.categories))

    def _make_categories(self) -> CategoriesScreen:
        from ui.visitor.categories import CategoriesScreen

        screen = CategoriesScreen(self.ctx)
        screen.category_chosen.connect(self._on_category)
        screen.situation_chosen.connect(self.visit_extras.show_package)
        return screen

    def _make_services(self) -> ServicesScreen:
        from ui.visitor.services import ServicesScreen

        screen = ServicesScreen(self.ctx)
        # Straight to the flow: it tells a stale choice by the screen that sent it.
        screen.service_chosen.connect(self.ticketing.issue)
        return screen

    def _make_ticket(self) -> TicketScreen:
        from ui.visitor.ticket import TicketScreen

        screen = TicketScreen(self.ctx)
        screen.add_panel(self.rating.ticket_quick)
        screen.done.connect(self.go_home)
        screen.stay_changed.connect(self._on_ticket_stay_changed)
        self._fit_ticket(screen)
        return screen

    def _make_message(self) -> MessageScreen:
        screen = MessageScreen(self.ctx)
        screen.acknowledged.connect(self.go_home)
        return screen

    @property
    def ticketing(self) -> Ticketing:
        """The ticket flow, made (with the ticket and message screens) when first needed."""
        if self._ticketing is None:
            from ui.visitor.ticketing import Ticketing

            self._ticketing = Ticketing(self.ctx, self.nav, self.ticket, self.message, self.printing, self)
            self._ticketing.ticket_ready.connect(self.ticket_ready)
            self._ticketing.ticket_shown.connect(self.ticket_shown)
        return self._ticketing

    def _build_ratings(self) -> None:
        """The rating screens (registered), their Home tile and the Home quick-rating panel."""
        self.rating = RatingFlow(self.ctx, self.ratings, self.nav, lambda: self.message, self)
        self.rating.rating_saved.connect(self.rating_saved)
        self.rate_tile = self.rating.tile
        self.home_quick = self.rating.home_quick
        self.home.add_tile(self.rate_tile)
        self.home.add_panel(self.home_quick)

    def _build_information(self) -> None:
        """The service standard and the centre's information (registered), each with its Home tile."""
        self.nav.register(STANDARD, self._make_standard)
        self.nav.register(ABOUT, self._make_about)
        self.standard_tile = StandardTile()
        self.about_tile = AboutTile()
        self.home.add_tile(self.standard_tile)
        self.home.add_tile(self.about_tile)
        self.standard_tile.clicked.connect(lambda: self.nav.show(self.standard))
        self.about_tile.clicked.connect(lambda: self.nav.show(self.about))

    def _make_standard(self) -> StandardScreen:
        from ui.visitor.standard import StandardScreen

        screen = StandardScreen(self.ctx)
        if self._documents is not None:
            screen.set_documents(self._documents)
        return screen

    def _make_about(self) -> AboutScreen:
        from ui.visitor.about import AboutScreen

        return AboutScreen(self.ctx)

    def _build_admin(self) -> None:
        """The hidden gesture on the top bar; the staff PIN pad and the admin tabs are registered."""
        for name, factory in ((ADMIN_PIN, self._make_admin_pin), (ADMIN, self._make_admin)):
            self.nav.register(name, factory, timeout_ms=ADMIN_TIMEOUT_S * 1000, ends_visit=True,
                              on_timeout=self._on_admin_timeout)
        self.admin_gesture = CornerTaps(self)
        self.top_bar.installEventFilter(self.admin_gesture)
        self.admin_gesture.triggered.connect(self.open_admin)

    def _make_admin_pin(self) -> AdminPinScreen:
        from ui.admin.pin import AdminPinScreen

        screen = AdminPinScreen(self.ctx, self.admin_session)
        screen.signed_in.connect(self._on_admin_signed_in)
        return screen

    def _make_admin(self) -> AdminScreen:
        from ui.admin.screen import AdminScreen

        admin = AdminScreen(self.ctx, self.admin_session, can_print=self.printing is not None)
        admin.sign_out.connect(lambda: self.leave_admin("sign_out"))
        admin.sync_now_requested.connect(self.sync_now_requested)
        admin.exit_requested.connect(self.exit_requested)
        admin.reprint_requested.connect(self.ticketing.print)
        if self.printing is not None:
            admin.test_page_requested.connect(self.printing.submit)
            self.printing.job_finished.connect(admin.on_printed)
            admin.printer_status_requested.connect(self.printing.request_status)
            self.printing.status_checked.connect(admin.on_printer_status)
        admin.sync.set_setup(*self._sync_setup)
        admin.fit_text_size(self.access.large)
        return admin

    def _build_accessibility(self) -> None:
        """Text size, contrast and voice switches in the bottom bar; all off again on Home."""
        self.access = Accessibility(pick_font_family(), self)
        self.access.follow(self.top_bar, self.bottom_bar)
        self.voice = Voice(parent=self)
        self.switches = AccessibilitySwitches(self.access, self.voice.available)
        self.bottom_bar.add_switches(self.switches)
        self.switches.voice_toggled.connect(self._on_voice_toggled)
        self.voice.enabled_changed.connect(self._on_voice_changed)
        self.voice.available_changed.connect(self._on_voice_changed)
        self.ctx.language.changed.connect(self.voice.set_language)
        self.voice.set_language(self.ctx.language.current)
        # The voice switch shows once an engine has loaded, just after start-up
        # (in the first turn of the event loop, not in this constructor).
        # With the voice as context: a window closed before the loop turns drops the call.
        QTimer.singleShot(0, self.voice, self.voice.probe)
        self.access.changed.connect(self._fit_ticket_screen)
        self.access.show_on(self.home)
        self.stack.currentChanged.connect(self._on_screen_changed)

    # -- the screens by name, each built the first time it is read ---------------------
    def _screen(self, name: str, kind: type[S]) -> S:
        screen = self.nav.screen(name)
        assert isinstance(screen, kind)
        return screen

    @property
    def categories(self) -> CategoriesScreen:
        from ui.visitor.categories import CategoriesScreen

        return self._screen(CATEGORIES, CategoriesScreen)

    @property
    def services(self) -> ServicesScreen:
        from ui.visitor.services import ServicesScreen

        return self._screen(SERVICES, ServicesScreen)

    @property
    def ticket(self) -> TicketScreen:
        from ui.visitor.ticket import TicketScreen

        return self._screen(TICKET, TicketScreen)

    @property
    def message(self) -> MessageScreen:
        return self._screen(MESSAGE, MessageScreen)

    @property
    def standard(self) -> StandardScreen:
        from ui.visitor.standard import StandardScreen

        return self._screen(STANDARD, StandardScreen)

    @property
    def about(self) -> AboutScreen:
        from ui.visitor.about import AboutScreen

        return self._screen(ABOUT, AboutScreen)

    @property
    def admin_pin(self) -> AdminPinScreen:
        from ui.admin.pin import AdminPinScreen

        return self._screen(ADMIN_PIN, AdminPinScreen)

    @property
    def admin(self) -> AdminScreen:
        from ui.admin.screen import AdminScreen

        return self._screen(ADMIN, AdminScreen)

    @property
    def rating_entry(self) -> RatingEntryScreen:
        return self.rating.entry

    @property
    def rating_criteria(self) -> RatingCriteriaScreen:
        return self.rating.criteria

    @property
    def rating_comment(self) -> RatingCommentScreen:
        return self.rating.comment

    @property
    def rating_thanks(self) -> RatingThanksScreen:
        return self.rating.thanks

    @property
    def ticket_quick(self) -> QuickRatingPanel:
        return self.rating.ticket_quick

    def _is(self, screen: Screen, *names: str) -> bool:
        """Whether ``screen`` is one of the named screens (building none of them)."""
        return any(self.nav.built(name) is screen for name in names)

    # -- navigation -----------------------------------------------------------------
    def every_screen(self) -> tuple[Screen, ...]:
        """Every screen the kiosk can show, Home first, each built if it was not yet
        (the accessibility walk and the screenshots reach screens through this)."""
        return self.nav.build_all()

    @property
    def history(self) -> list[Screen]:
        return self.nav.history

    def current(self) -> Screen:
        return self.nav.current()

    def show_screen(self, screen: Screen, remember: bool = True) -> None:
        self.nav.show(screen, remember)

    @Slot()
    def go_back(self) -> None:
        self.nav.back()

    @Slot()
    def go_home(self) -> None:
        """Back to Home, forgetting everything this visitor chose; language back to default."""
        self.nav.home()

    @Slot()
    def _on_went_home(self) -> None:
        self.admin_session.end("home")  # a no-op unless admin mode was on
        self.ctx.language.reset()
        self.access.reset()
        self.voice.reset()
        self.went_home.emit()

    @Slot(object)
    def _on_screen_shown(self, screen: Screen) -> None:
        self.bottom_bar.set_navigation(screen is not self.home)

    @Slot(int)
    def _on_screen_changed(self, _index: int) -> None:
        # Before the first paint of the screen: style it for the visitor's mode, then say it.
        self.access.show_on(self.current())
        self._announce()

    def _refresh_current(self) -> None:
        current = self.current()
        if current is self.home or self._is(current, CATEGORIES, SERVICES):
            current.refresh()
        elif self._is(current, ADMIN):
            self.admin.refresh_figures()

    @Slot(str)
    def _on_category(self, category_id: str) -> None:
        self.services.show_category(category_id)
        self.nav.show(self.services)

    # -- tickets ----------------------------------------------------------------------
    @Slot(str)
    def issue_ticket(self, service_id: str) -> None:
        self.ticketing.issue(service_id)

    def print_job(self, ticket: Ticket) -> PrintJob:
        """The print job of a ticket (in the language it was taken in)."""
        return self.ticketing.job(ticket)

    # -- admin mode ------------------------------------------------------------------
    def in_admin(self) -> bool:
        return self._is(self.current(), ADMIN_PIN, ADMIN)

    @Slot()
    def open_admin(self) -> None:
        """The hidden gesture: the visitor's choices are dropped and the PIN pad opens."""
        if self.in_admin():
            return
        self.go_home()
        self.nav.show(self.admin_pin, remember=False)

    @Slot(str)
    def _on_admin_signed_in(self, role: str) -> None:
        self.admin_session.start(role)
        self.nav.show(self.admin, remember=False)

    def _on_admin_timeout(self) -> None:
        self.leave_admin("timeout")

    def leave_admin(self, reason: str) -> None:
        """Close admin mode (``timeout`` or ``sign_out``) and return to Home."""
        self.admin_session.end(reason)
        self.go_home()

    # -- what the rest of the kiosk tells the screens --------------------------------------
    def set_standard(self, documents: Mapping[str, Document]) -> None:
        """The service standard's text from the central server's bundle."""
        self._documents = documents
        standard = self.nav.built(STANDARD)
        if standard is not None:
            self.standard.set_documents(documents)

    def set_sync_setup(self, configured: bool, problem: str) -> None:
        """Whether this kiosk syncs, and why not when it was meant to (admin's Sync tab)."""
        self._sync_setup = (configured, problem)
        if self.nav.built(ADMIN) is not None:
            self.admin.sync.set_setup(configured, problem)

    @Slot(object)
    def show_sync_status(self, status: SyncStatus) -> None:
        """A sync round ended: the top bar's indicator, and admin's Sync tab while it is open."""
        self.top_bar.set_sync_status(status)
        if self.nav.built(ADMIN) is not None and self.admin.sync.isVisible():
            self.admin.sync.refresh()

    # -- accessibility ------------------------------------------------------------------
    @Slot()
    def _fit_ticket_screen(self) -> None:
        # With large text the ticket's own lines need all the room: the one-tap
        # rating is still on Home, and the card's "Your number" names the screen.
        if self.nav.built(TICKET) is not None:
            self._fit_ticket(self.ticket)
        if self.nav.built(ADMIN) is not None:
            self.admin.fit_text_size(self.access.large)

    def _fit_ticket(self, screen: TicketScreen) -> None:
        self.rating.ticket_quick.setVisible(not self.access.large)
        screen.title.setVisible(not self.access.large)

    @Slot(int)
    def _on_ticket_stay_changed(self, times: int) -> None:
        # Longer after a failed print (the visitor notes the number); the usual period again after.
        self.nav.set_timeout_ms(self.ticket, self.ctx.config.ticket_screen_s * 1000 * times)

    @Slot(bool)
    def _on_voice_toggled(self, on: bool) -> None:
        self.voice.set_enabled(on)
        if self.voice.enabled:
            self._announce()

    @Slot(bool)
    def _on_voice_changed(self, _value: bool) -> None:
        # Either signal (on/off, or offered/not): show both as they now are.
        self.switches.set_voice(self.voice.enabled, self.voice.available)

    def _announce(self) -> None:
        """Say the screen's title, and on the ticket screen the number, when the voice is on."""
        if not self.voice.enabled:
            return
        screen = self.current()
        texts = [screen.title.text()]
        if self._is(screen, TICKET) and self.ticket.ticket is not None:
            texts.append(self.voice.ticket_phrase(self.ticket.ticket))
        self.voice.say(*texts)

    # -- the window itself -----------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        # A visitor must not close the kiosk; the application exits through
        # app.exit() (signal, admin) after setting allow_close.
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
