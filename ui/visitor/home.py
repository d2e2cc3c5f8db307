"""Home: welcome, the queue at a glance, and the way to a ticket."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from kiosk.admin.banner import current_banner
from kiosk.tickets import WAIT_NORM_MINUTES
from ui import words
from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.screen import Screen, fit_columns, kinetic_scroll_area, large_text, place_tiles, scroll_hint
from ui.widgets.tile import Tile


class HomeScreen(Screen):
    """The first screen and the one every idle timeout returns to.

    Signals:
        take_ticket(): the visitor tapped *Get a ticket*.
    """

    screen_name = "home"
    take_ticket = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Tight enough for the hero, five tiles, the queue card and the quick rating
        # at 1920×1080 with normal text, without scrolling.
        self.outer.setContentsMargins(56, 32, 56, 20)
        # With large text Home is taller than the screen: everything under the
        # title then scrolls with a finger instead of squeezing lines together.
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)
        self.scroll_area = kinetic_scroll_area(content, "homeScroll")
        # Whatever runs below the edge (large text, a short screen) is announced by a fade and an arrow.
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.subtitle = label("subtitle", name="homeSubtitle")
        self.body.addWidget(self.subtitle)
        # The consultant's message for visitors (admin mode, Banner tab); hidden when there is none.
        self.banner = label("banner", name="homeBanner")
        self.banner.setVisible(False)
        self.body.addWidget(self.banner)
        self.body.addStretch(1)
        self.ticket_tile = Tile("getTicket", primary=True)
        self.ticket_tile.setProperty("hero", True)
        self.ticket_tile.setMinimumHeight(240)
        self.ticket_tile.clicked.connect(self.take_ticket)
        self.body.addWidget(self.ticket_tile)
        # Further tiles (rating, the standard, the centre's information, ...)
        # go in this row through add_tile(); with large text they take two rows.
        self.tiles: list[Tile] = []
        self.tiles_row = QGridLayout()
        self.tiles_row.setSpacing(18)
        self.body.addLayout(self.tiles_row)
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(36, 16, 36, 16)
        inside.setSpacing(6)
        self.queue_card = inside
        self.queue_line = label("callout", name="homeQueue")
        self.closed_line = label("warning", name="homeClosed")
        self.promise = label("subtitle", name="homePromise")
        inside.addWidget(self.queue_line)
        inside.addWidget(self.closed_line)
        # Lines about the queue added by others (the wait's band against the norm) go here.
        self.queue_extras: list[Callable[[], None]] = []
        self.queue_extra_lines: list[QWidget] = []
        self.queue_extras_at = inside.count()
        inside.addWidget(self.promise)
        self.body.addWidget(card)
        # Full-width panels under the queue card (the quick rating, ...) go
        # here through add_panel().
        self.panels = QVBoxLayout()
        self.panels.setSpacing(12)
        self.body.addLayout(self.panels)
        self.body.addStretch(1)
        self.retranslate()

    def add_tile(self, tile: Tile) -> None:
        """Add a tile to the row under *Get a ticket*; its owner sets its texts."""
        self.tiles.append(tile)
        self._place_tiles()

    def _place_tiles(self) -> None:
        count = len(self.tiles)
        # One row; with large text at most three a row; fewer where a word would
        # not fit (a narrow screen); the rows as even as possible.
        most = min(count, 3) if large_text(self) else count
        fitted = fit_columns(self.tiles, self.room(), self.tiles_row.horizontalSpacing(), max(most, 1))
        columns = math.ceil(count / math.ceil(count / fitted)) if count else 1
        place_tiles(self.tiles_row, self.tiles, columns)

    def fit(self) -> None:
        self._place_tiles()

    def add_queue_line(self, line: QWidget, refresh: Callable[[], None]) -> None:
        """Add a line to the queue card, above the promise; ``refresh`` is called whenever
        Home brings its figures up to date."""
        self.queue_card.insertWidget(self.queue_extras_at + len(self.queue_extras), line)
        self.queue_extras.append(refresh)
        self.queue_extra_lines.append(line)
        refresh()
        self._show_promise()

    def _show_promise(self) -> None:
        # A line that compares the wait with the norm names the norm itself: the promise
        # then gives way, so the card stays one line shorter on a busy day.
        self.promise.setVisible(all(line.isHidden() for line in self.queue_extra_lines))

    def add_panel(self, panel: QWidget) -> None:
        """Add a full-width panel under the queue card; its owner sets its texts."""
        self.panels.addWidget(panel)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome"))
        self.subtitle.setText(self.tr("Take a number for the electronic queue here."))
        self.ticket_tile.set_texts(self.tr("Get a ticket"),
                                   self.tr("Choose a service or a life situation and take a queue number"))
        self.promise.setText(self.tr("Our promise: you wait in the queue no more than {norm} minutes.").format(
            norm=WAIT_NORM_MINUTES))
        banner = current_banner(self.ctx.desk.store)
        self.banner.setText(banner.text(self.language) if banner else "")
        self.banner.setVisible(banner is not None)
        desk = self.ctx.desk
        opens = desk.centre_opens_at()
        self.ticket_tile.setEnabled(opens is None)
        self.closed_line.setVisible(opens is not None)
        self.queue_line.setVisible(opens is None)
        for refresh in self.queue_extras:
            refresh()
        self._show_promise()
        if opens is not None:
            self.closed_line.setText(self.tr("The centre is closed now. It opens {when}.").format(
                when=words.when(opens, desk.now_local())))
            return
        waiting, longest = desk.overview()
        if waiting == 0 and longest == 0:
            self.queue_line.setText(self.tr("There is no queue right now."))
        else:
            self.queue_line.setText(self.tr("%n people in the queue, longest expected wait about {minutes} min",
                                            "", waiting).format(minutes=longest))
