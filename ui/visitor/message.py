"""A plain message in place of a dialog: why no ticket was issued, or that
something went wrong. It never shows technical details to a visitor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.screen import Screen


class MessageScreen(Screen):
    """Shows a title and a body made by callables, so they follow language changes.

    Signals:
        acknowledged(): the visitor tapped the button.
    """

    screen_name = "message"
    acknowledged = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._title: Callable[[], str] = lambda: ""
        self._body: Callable[[], str] = lambda: ""
        self.outer.addStretch(1)
        self.body = label("callout", name="messageBody")
        self.outer.addWidget(self.body)
        self.outer.addStretch(2)
        self.button = QPushButton()
        self.button.setObjectName("messageOk")
        self.button.setProperty("kind", "primary")
        self.button.setProperty("wide", True)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.acknowledged)
        self.outer.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def show_message(self, title: Callable[[], str], body: Callable[[], str]) -> None:
        self._title, self._body = title, body
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self._title())
        self.body.setText(self._body())
        self.button.setText(self.tr("Back to the start"))
        self.button.setAccessibleName(self.button.text())
