"""The rating flow: find the ticket, grade five criteria, comment, thanks; and the
one-tap quick ratings on Home and on the ticket screen.

It registers the four rating screens with the navigator (see
:mod:`ui.navigation`), so start-up builds only what Home shows: the *Rate the
service* tile and the one-tap rating panel. The entry, criteria, comment and
thanks screens, and the ticket screen's one-tap panel, are built the first
time something asks for them. It turns each way a rating can end (stored,
refused for the ticket, the store failing) into the screen the visitor sees
next.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.ratings import NotRatable, QuickSource, RatableTicket, RatingDesk
from kiosk.store import StoreError
from ui.context import UiContext
from ui.navigation import IDLE, Navigator
from ui.rating.entry import RateServiceTile, RatingEntryScreen
from ui.rating.thanks import THANKS_SCREEN_S, RatingThanksScreen
from ui.widgets.grades import QuickRatingPanel

if TYPE_CHECKING:  # imported by the screens' builders, when first shown
    from ui.rating.comment import RatingCommentScreen
    from ui.rating.criteria import RatingCriteriaScreen
    from ui.visitor.message import MessageScreen

log = logging.getLogger(__name__)

# The rating screens' names in the navigator.
ENTRY, CRITERIA, COMMENT, THANKS = "rating_entry", "rating_criteria", "rating_comment", "rating_thanks"


class RatingFlow(QObject):
    """Args:
        message: returns the window's message screen (itself built on first use).

    Signals:
        rating_saved(str): a rating id, once it is stored (ticket or quick rating).
    """

    rating_saved = Signal(str)

    def __init__(self, ctx: UiContext, ratings: RatingDesk, nav: Navigator, message: Callable[[], MessageScreen],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ratings = ratings
        self.nav = nav
        self._message = message
        self._ticket_quick: QuickRatingPanel | None = None
        nav.register(ENTRY, self._build_entry, timeout_ms=IDLE)
        nav.register(CRITERIA, self._build_criteria, timeout_ms=IDLE)
        nav.register(COMMENT, self._build_comment, timeout_ms=IDLE)
        nav.register(THANKS, self._build_thanks, timeout_ms=THANKS_SCREEN_S * 1000, ends_visit=True)
        self.tile = RateServiceTile()
        self.home_quick = QuickRatingPanel("homeQuickRating")
        self.tile.clicked.connect(self.start)
        self.home_quick.rated.connect(self._on_home_quick)
        nav.went_home.connect(self._on_went_home)

    # -- the screens, each built the first time it is asked for ------------------------
    def _build_entry(self) -> RatingEntryScreen:
        screen = RatingEntryScreen(self.ctx, self.ratings)
        screen.ticket_found.connect(self._on_ticket_found)
        return screen

    def _build_criteria(self) -> RatingCriteriaScreen:
        from ui.rating.criteria import RatingCriteriaScreen

        screen = RatingCriteriaScreen(self.ctx)
        screen.next_step.connect(self._on_next_step)
        return screen

    def _build_comment(self) -> RatingCommentScreen:
        from ui.rating.comment import RatingCommentScreen

        screen = RatingCommentScreen(self.ctx)
        screen.send.connect(self.submit)
        return screen

    def _build_thanks(self) -> RatingThanksScreen:
        screen = RatingThanksScreen(self.ctx)
        screen.done.connect(self.nav.home)
        return screen

    @property
    def entry(self) -> RatingEntryScreen:
        screen = self.nav.screen(ENTRY)
        assert isinstance(screen, RatingEntryScreen)
        return screen

    @property
    def criteria(self) -> RatingCriteriaScreen:
        from ui.rating.criteria import RatingCriteriaScreen

        screen = self.nav.screen(CRITERIA)
        assert isinstance(screen, RatingCriteriaScreen)
        return screen

    @property
    def comment(self) -> RatingCommentScreen:
        from ui.rating.comment import RatingCommentScreen

        screen = self.nav.screen(COMMENT)
        assert isinstance(screen, RatingCommentScreen)
        return screen

    @property
    def thanks(self) -> RatingThanksScreen:
        screen = self.nav.screen(THANKS)
        assert isinstance(screen, RatingThanksScreen)
        return screen

    @property
    def message(self) -> MessageScreen:
        return self._message()

    @property
    def ticket_quick(self) -> QuickRatingPanel:
        """The ticket screen's one-tap panel, made when the ticket screen is built."""
        if self._ticket_quick is None:
            self._ticket_quick = QuickRatingPanel("ticketQuickRating", compact=True)
            self._ticket_quick.rated.connect(self._on_ticket_quick)
        return self._ticket_quick

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
        self.home_quick.reset()
        if self._ticket_quick is not None:
            self._ticket_quick.reset()
