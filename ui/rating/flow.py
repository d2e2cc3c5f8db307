"""The rating flow: find the ticket, grade five criteria, comment, thanks; and the
one-tap quick ratings on Home and on the ticket screen.

It builds the four rating screens and registers them with the navigator,
and turns each way a rating can end (stored, refused for the ticket, the
store failing) into the screen the visitor sees next.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.ratings import NotRatable, QuickSource, RatableTicket, RatingDesk
from kiosk.store import StoreError
from ui.context import UiContext
from ui.navigation import Navigator
from ui.rating.comment import RatingCommentScreen
from ui.rating.criteria import RatingCriteriaScreen
from ui.rating.entry import RateServiceTile, RatingEntryScreen
from ui.rating.thanks import THANKS_SCREEN_S, RatingThanksScreen
from ui.visitor.message import MessageScreen
from ui.widgets.grades import QuickRatingPanel

log = logging.getLogger(__name__)


class RatingFlow(QObject):
    """Signals:
        rating_saved(str): a rating id, once it is stored (ticket or quick rating).
    """

    rating_saved = Signal(str)

    def __init__(self, ctx: UiContext, ratings: RatingDesk, nav: Navigator, message: MessageScreen,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ratings = ratings
        self.nav = nav
        self.message = message
        self.entry = RatingEntryScreen(ctx, ratings)
        self.criteria = RatingCriteriaScreen(ctx)
        self.comment = RatingCommentScreen(ctx)
        self.thanks = RatingThanksScreen(ctx)
        for screen in (self.entry, self.criteria, self.comment):
            nav.add(screen)
        nav.add(self.thanks, timeout_ms=THANKS_SCREEN_S * 1000, ends_visit=True)
        self.tile = RateServiceTile()
        self.home_quick = QuickRatingPanel("homeQuickRating")
        self.ticket_quick = QuickRatingPanel("ticketQuickRating", compact=True)
        self.tile.clicked.connect(self.start)
        self.entry.ticket_found.connect(self._on_ticket_found)
        self.criteria.next_step.connect(self._on_next_step)
        self.comment.send.connect(self.submit)
        self.thanks.done.connect(nav.home)
        self.home_quick.rated.connect(self._on_home_quick)
        self.ticket_quick.rated.connect(self._on_ticket_quick)
        nav.went_home.connect(self._on_went_home)

    @Slot()
    def start(self) -> None:
        self.nav.show(self.entry)

    @Slot(object)
    def _on_ticket_found(self, ticket: RatableTicket) -> None:
        self.criteria.start(ticket)
        self.nav.show(self.criteria)

    @Slot()
    def _on_next_step(self) -> None:
        self.nav.show(self.comment)

    @Slot()
    def submit(self) -> None:
        """Store the ticket's rating from the criteria and comment screens, then thank the visitor."""
        ticket = self.criteria.ticket
        scores = self.criteria.scores()
        if ticket is None or not scores:
            return
        try:
            rating = self.ratings.rate_ticket(ticket.id, scores, self.comment.comment(), self.ctx.language.current)
        except NotRatable as refused:
            # Rated, cancelled or out of date since it was found: say so where the
            # visitor can try another ticket.
            log.info("rating of %s refused: %s", ticket.display, refused.verdict.value)
            verdict, display = refused.verdict, refused.display
            self._restart()
            self.entry.show_verdict(verdict, display)
            self.nav.show(self.entry, remember=False)
            return
        except StoreError as exc:
            log.error("rating of %s not stored: %s", ticket.display, exc)
            self.comment.allow_send()
            self.message.show_message(
                lambda: self.tr("The kiosk cannot save your rating right now"),
                lambda: self.tr("Please try again later or ask a consultant in the hall. Nothing was saved."))
            self.nav.show(self.message)
            return
        log.info("rating %s stored for ticket %s", rating.id, ticket.display)
        self._restart()
        self.thanks.show_thanks(ticket.display)
        self.nav.show(self.thanks, remember=False)
        self.rating_saved.emit(rating.id)

    def _restart(self) -> None:
        """Forget the rating in progress (grades, comment, typed number) and its steps."""
        for screen in (self.entry, self.criteria, self.comment):
            screen.reset()
        self.nav.restart_from_home()

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

    @Slot()
    def _on_went_home(self) -> None:
        for panel in (self.home_quick, self.ticket_quick):
            panel.reset()
