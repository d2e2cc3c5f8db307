"""Home: welcome, the queue at a glance, and the way to a ticket."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.tickets import WAIT_NORM_MINUTES
from ui import words
from ui.context import UiContext
from ui.screens.base import Screen
from ui.widgets.labels import label
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
        self.outer.setContentsMargins(56, 48, 56, 40)
        self.subtitle = label("subtitle", name="homeSubtitle")
        self.outer.addWidget(self.subtitle)
        self.outer.addStretch(1)
        self.ticket_tile = Tile("getTicket", primary=True)
        self.ticket_tile.setProperty("hero", True)
        self.ticket_tile.setMinimumHeight(240)
        self.ticket_tile.clicked.connect(self.take_ticket)
        self.outer.addWidget(self.ticket_tile)
        # Further tiles (rating, the standard, the centre's information, ...)
        # go in this row through add_tile().
        self.tiles_row = QHBoxLayout()
        self.tiles_row.setSpacing(18)
        self.outer.addLayout(self.tiles_row)
        self.outer.addSpacing(12)
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(36, 24, 36, 24)
        inside.setSpacing(10)
        self.queue_line = label("callout", name="homeQueue")
        self.closed_line = label("warning", name="homeClosed")
        self.promise = label("subtitle", name="homePromise")
        inside.addWidget(self.queue_line)
        inside.addWidget(self.closed_line)
        inside.addWidget(self.promise)
        self.outer.addWidget(card)
        self.outer.addStretch(1)
        self.retranslate()

    def add_tile(self, tile: Tile) -> None:
        """Add a tile to the row under *Get a ticket*; its owner sets its texts."""
        self.tiles_row.addWidget(tile)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome"))
        self.subtitle.setText(self.tr("Take a number for the electronic queue here."))
        self.ticket_tile.set_texts(self.tr("Get a ticket"),
                                   self.tr("Choose a service or a life situation and take a queue number"))
        self.promise.setText(self.tr("Our promise: you wait in the queue no more than {norm} minutes.").format(
            norm=WAIT_NORM_MINUTES))
        desk = self.ctx.desk
        opens = desk.centre_opens_at()
        self.ticket_tile.setEnabled(opens is None)
        self.closed_line.setVisible(opens is not None)
        self.queue_line.setVisible(opens is None)
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
