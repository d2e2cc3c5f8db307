"""The rest of a visit, wired into the window in one call: booked-visit check-in,
life situations as one visit, the best time to visit, the wait in words on Home
and on the ticket, and the SMS offer on the ticket.

:func:`install` changes none of the window's own screens: it registers its
screens with the navigator (built the first time they are needed), adds its
Home tiles and panels, and connects to the window's ticket flow.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk import packages, sms
from kiosk.store import StoreError
from kiosk.tickets import Ticket, TicketRefused
from ui import words
from ui.visitor.besttime import BestTimeScreen, BestTimeTile
from ui.visitor.checkin import CheckInScreen, CheckInTile
from ui.visitor.package import PackageScreen
from ui.visitor.sms import SmsScreen
from ui.visitor.ticket_extras import HomeWaitLine, TicketExtrasPanel
from ui.widgets.screen import Screen

log = logging.getLogger(__name__)

CHECKIN, PACKAGE, BEST_TIME, SMS = "checkin", "package", "besttime", "sms"
ERASE_EVERY_MS = 30_000  # how often the kiosk looks for SMS numbers the server already has


class VisitExtras(QObject):
    """What :func:`install` made, kept alive by the window (its parent)."""

    def __init__(self, window: Any, demo: bool) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.nav = window.nav
        self.demo = demo
        self._screens: dict[str, Screen] = {}
        if demo:
            self._seed_demo()
        config = self.ctx.config
        self._register(CHECKIN, self._make_checkin, timeout_ms=config.ticket_screen_s * 1000, ends_visit=True)
        self._register(PACKAGE, self._make_package)
        self._register(BEST_TIME, lambda: BestTimeScreen(self.ctx, demo=demo))
        self._register(SMS, self._make_sms)
        self.checkin_tile = CheckInTile()
        self.best_time_tile = BestTimeTile()
        self.checkin_tile.clicked.connect(lambda: self.nav.show(self.checkin))
        self.best_time_tile.clicked.connect(lambda: self.nav.show(self.best_time))
        window.home.add_tile(self.checkin_tile)
        window.home.add_tile(self.best_time_tile)
        self.home_wait = HomeWaitLine(self.ctx)
        window.home.add_queue_line(self.home_wait, self.home_wait.refresh)
        self.ticket_extras = TicketExtrasPanel(self.ctx)
        self.ticket_extras.sms_requested.connect(self.ask_sms)
        self._ticket_panel_added = False
        window.ticket_ready.connect(self._on_ticket_ready)
        self.nav.went_home.connect(lambda: self.ticket_extras.show_for(None))
        self.eraser = QTimer(self)
        self.eraser.setObjectName("sms-eraser")
        self.eraser.setInterval(ERASE_EVERY_MS)
        self.eraser.timeout.connect(self.erase_sms_numbers)
        self.eraser.start()

    def _seed_demo(self) -> None:
        from kiosk.demo_bookings import seed_demo_appointments

        desk = self.ctx.desk
        seed_demo_appointments(desk.store, self.ctx.config, self.ctx.catalog, desk.business_day())
        log.info("demo appointments for today made")

    # -- screens ----------------------------------------------------------------------
    def _register(self, name: str, factory: Callable[[], Screen], **policy: Any) -> None:
        """Through the navigator's registry when it has one, else built now and added."""
        def build() -> Screen:
            screen = factory()
            self._screens[name] = screen
            return screen

        if hasattr(self.nav, "register"):
            self.nav.register(name, build, **policy)
        else:
            self.nav.add(build(), **policy)

    def screen(self, name: str) -> Screen:
        if name not in self._screens:
            self.nav.screen(name)
        return self._screens[name]

    @property
    def checkin(self) -> CheckInScreen:
        screen = self.screen(CHECKIN)
        assert isinstance(screen, CheckInScreen)
        return screen

    @property
    def package(self) -> PackageScreen:
        screen = self.screen(PACKAGE)
        assert isinstance(screen, PackageScreen)
        return screen

    @property
    def best_time(self) -> BestTimeScreen:
        screen = self.screen(BEST_TIME)
        assert isinstance(screen, BestTimeScreen)
        return screen

    @property
    def sms_screen(self) -> SmsScreen:
        screen = self.screen(SMS)
        assert isinstance(screen, SmsScreen)
        return screen

    def _make_checkin(self) -> CheckInScreen:
        screen = CheckInScreen(self.ctx)
        screen.checked_in.connect(self.window.ticketing.print)
        screen.normal_ticket.connect(self.window.ticketing.issue)
        screen.done.connect(self.window.go_home)
        return screen

    def _make_package(self) -> PackageScreen:
        screen = PackageScreen(self.ctx)
        screen.take_package.connect(self.issue_package)
        screen.sms_requested.connect(self.ask_sms)
        screen.done.connect(self.window.go_home)
        return screen

    def _make_sms(self) -> SmsScreen:
        screen = SmsScreen(self.ctx)
        screen.accepted.connect(self._on_sms_accepted)
        screen.cancelled.connect(self.nav.back)
        return screen

    # -- flows --------------------------------------------------------------------------
    @Slot(str)
    def show_package(self, situation_id: str) -> None:
        """A life situation was chosen: show it as one visit."""
        self.package.show_package(situation_id)
        self.nav.show(self.package)

    @Slot(str)
    def issue_package(self, situation_id: str) -> None:
        """One ticket for the whole package, shown on the ticket screen and printed."""
        window, desk = self.window, self.ctx.desk
        if self.nav.current() is not self._screens.get(PACKAGE):
            return  # a stale tap from a screen no longer showing
        try:
            ticket = packages.issue(desk, packages.package(self.ctx.catalog, situation_id), self.ctx.language.current)
        except TicketRefused as refused:
            reason, opens_at, now = refused.reason, refused.opens_at, desk.now_local()
            window.message.show_message(lambda: words.refusal_title(reason),
                                        lambda: words.refusal_body(reason, opens_at, now))
            self.nav.show(window.message)
            return
        except (StoreError, KeyError) as exc:
            log.error("package ticket for %s not issued: %s", situation_id, exc)
            window.message.show_message(lambda: self.tr("The kiosk cannot issue a ticket right now"),
                                        lambda: self.tr("Please ask a consultant in the hall. No ticket was taken."))
            self.nav.show(window.message)
            return
        log.info("ticket %s issued for the package %s", ticket.display, situation_id)
        # Shown on the package screen, above the services and documents it covers.
        self.package.show_ticket(ticket)
        window.ticketing.print(ticket)

    @Slot(str)
    def _on_ticket_ready(self, ticket_id: str) -> None:
        screen = self.window.ticket
        if not self._ticket_panel_added:
            screen.add_panel(self.ticket_extras)
            self._ticket_panel_added = True
        ticket = screen.ticket
        self.ticket_extras.show_for(ticket if ticket is not None and ticket.id == ticket_id else None)

    @Slot(object)
    def ask_sms(self, ticket: Ticket) -> None:
        self.sms_screen.start(ticket)
        self.nav.show(self.sms_screen)

    @Slot(str)
    def _on_sms_accepted(self, ticket_id: str) -> None:
        if self.ticket_extras.ticket is not None and self.ticket_extras.ticket.id == ticket_id:
            self.ticket_extras.sms_accepted()
        package = self._screens.get(PACKAGE)
        if isinstance(package, PackageScreen) and package.ticket is not None and package.ticket.id == ticket_id:
            package.sms_accepted()
        self.nav.back()

    @Slot()
    def erase_sms_numbers(self) -> None:
        """Erase the SMS numbers the server already has (kiosk.sms.erase_delivered)."""
        try:
            sms.erase_delivered(self.ctx.desk.store, self.ctx.desk.business_day())
        except StoreError as exc:
            log.error("SMS numbers could not be erased yet: %s", exc)


def install(window: Any, *, demo: bool = False) -> VisitExtras:
    """Add check-in, packages, the best time to visit and the ticket's extras to ``window``.

    Args:
        window: the kiosk's main window (``ctx``, ``nav``, ``home``, ``ticket``, ``message``,
            ``ticketing``, ``printing``, ``ticket_ready``, ``go_home``).
        demo: demo mode: today's demo appointments are made, the best-time chart is illustrative.
    """
    return VisitExtras(window, demo)
