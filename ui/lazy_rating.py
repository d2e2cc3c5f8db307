"""The rating flow with its screens built on first use.

:class:`ui.rating.flow.RatingFlow` builds its four screens when it is made;
this form of it registers them with the navigator instead (see
:mod:`ui.navigation`), so start-up builds only what Home shows: the *Rate
the service* tile and the one-tap rating panel. The entry, criteria,
comment and thanks screens, and the one-tap panel of the ticket screen,
are built the first time something asks for them. Everything the flow does
once they exist is :class:`RatingFlow`'s own code.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from kiosk.ratings import RatingDesk
from ui.context import UiContext
from ui.navigation import IDLE, Navigator
from ui.rating.comment import RatingCommentScreen
from ui.rating.criteria import RatingCriteriaScreen
from ui.rating.entry import RateServiceTile, RatingEntryScreen
from ui.rating.flow import RatingFlow
from ui.rating.thanks import THANKS_SCREEN_S, RatingThanksScreen
from ui.visitor.message import MessageScreen
from ui.widgets.grades import QuickRatingPanel

ENTRY, CRITERIA, COMMENT, THANKS = "rating_entry", "rating_criteria", "rating_comment", "rating_thanks"


class LazyRatingFlow(RatingFlow):
    """A :class:`RatingFlow` whose screens are registered, not built, at start.

    Args:
        message: returns the window's message screen (itself built on first use).
    """

    def __init__(self, ctx: UiContext, ratings: RatingDesk, nav: Navigator, message: Callable[[], MessageScreen],
                 parent: QObject | None = None) -> None:
        QObject.__init__(self, parent)  # not RatingFlow's: that one builds every screen now
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
        screen = RatingCriteriaScreen(self.ctx)
        screen.next_step.connect(self._on_next_step)
        return screen

    def _build_comment(self) -> RatingCommentScreen:
        screen = RatingCommentScreen(self.ctx)
        screen.send.connect(self.submit)
        return screen

    def _build_thanks(self) -> RatingThanksScreen:
        screen = RatingThanksScreen(self.ctx)
        screen.done.connect(self.nav.home)
        return screen

    # RatingFlow sets plain attributes; here each is a property that builds on first use.
    @property
    def entry(self) -> RatingEntryScreen:  # type: ignore[override]
        screen = self.nav.screen(ENTRY)
        assert isinstance(screen, RatingEntryScreen)
        return screen

    @property
    def criteria(self) -> RatingCriteriaScreen:  # type: ignore[override]
        screen = self.nav.screen(CRITERIA)
        assert isinstance(screen, RatingCriteriaScreen)
        return screen

    @property
    def comment(self) -> RatingCommentScreen:  # type: ignore[override]
        screen = self.nav.screen(COMMENT)
        assert isinstance(screen, RatingCommentScreen)
        return screen

    @property
    def thanks(self) -> RatingThanksScreen:  # type: ignore[override]
        screen = self.nav.screen(THANKS)
        assert isinstance(screen, RatingThanksScreen)
        return screen

    @property
    def message(self) -> MessageScreen:  # type: ignore[override]
        return self._message()

    @property
    def ticket_quick(self) -> QuickRatingPanel:  # type: ignore[override]
        """The ticket screen's one-tap panel, made when the ticket screen is built."""
        if self._ticket_quick is None:
            self._ticket_quick = QuickRatingPanel("ticketQuickRating", compact=True)
            self._ticket_quick.rated.connect(self._on_ticket_quick)
        return self._ticket_quick

    @Slot()
    def _on_went_home(self) -> None:
        self.home_quick.reset()
        if self._ticket_quick is not None:
            self._ticket_quick.reset()
