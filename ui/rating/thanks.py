"""Rate the service, step 4: thanks, then back to Home (by a tap or by itself)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.screen import Screen

# Seconds the thanks stay before Home comes back by itself.
THANKS_SCREEN_S = 10


class RatingThanksScreen(Screen):
    """Signals:
        done(): the visitor tapped *Back to the start*.
    """

    screen_name = "ratingThanks"
    done = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.number: str | None = None
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addStretch(1)
        self.body = label("callout", name="ratingThanksBody", align=Qt.AlignmentFlag.AlignCenter)
        self.note = label("subtitle", name="ratingThanksNote", align=Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.body)
        self.outer.addWidget(self.note)
        self.outer.addStretch(2)
        self.button = QPushButton()
        self.button.setObjectName("ratingThanksDone")
        self.button.setProperty("kind", "primary")
        self.button.setProperty("wide", True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.done)
        self.outer.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def show_thanks(self, number: str) -> None:
        self.number = number
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thank you for your rating!"))
        if self.number:
            self.body.setText(self.tr("Your rating of ticket {number} has been saved.").format(number=self.number))
        else:
            self.body.clear()
        self.note.setText(self.tr("Your opinion helps the centre work better."))
        self.button.setText(self.tr("Back to the start"))
        self.button.setAccessibleName(self.button.text())

    def reset(self) -> None:
        self.number = None
        self.retranslate()
