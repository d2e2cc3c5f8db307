"""The Moscow service standard: its rules and the centre's promises, in large
plain text that the visitor moves with a finger.

The words come from Markdown files (``assets/content/standard_<lang>.md``, an
operator's ``kiosk.content_dir``, later the server's content bundle), turned
into plain-text blocks by :mod:`kiosk.content`; nothing in them can become a
link, a picture or markup here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.tickets import WAIT_NORM_MINUTES
from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.layouts import clear_layout
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction
from ui.widgets.tile import TranslatedTile

if TYPE_CHECKING:  # the screen imports the Markdown reader when it is built, not Home with its tile
    from kiosk.content import Document


class StandardTile(TranslatedTile):
    """The *Moscow service standard* tile on Home; it keeps its words in step with the language."""

    tile_name = "serviceStandard"

    def texts(self) -> tuple[str, str]:
        return self.tr("Moscow service standard"), self.tr("How we serve you and what we promise")


class StandardScreen(Screen):
    """The standard's text beside a card with the waiting-time promise."""

    screen_name = "standard"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.hint = label("subtitle", name="standardHint")
        self.outer.addWidget(self.hint)
        # The card scrolls with the text: with large text the two together are
        # taller than the screen, and nothing may be cut off.
        self.content = QWidget()
        # Side by side on a wide screen; on a narrow one the card goes below the text.
        row = QHBoxLayout(self.content)
        row.setContentsMargins(0, 0, 0, 24)
        row.setSpacing(48)
        self.row = row
        self.column = QVBoxLayout()
        self.column.setSpacing(16)
        row.addLayout(self.column, 2)
        row.addLayout(self._promise_card(), 1)
        self.scroll_area = kinetic_scroll_area(self.content, "standardScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.block_labels: list[QLabel] = []
        # Read on first show, not here: widget constructors do no file I/O.
        self.documents: dict[str, Document] | None = None
        self._built_for: str | None = None
        self.retranslate()

    def _promise_card(self) -> QVBoxLayout:
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(36, 28, 36, 28)
        inside.setSpacing(14)
        self.promise_figure = label("promiseFigure", name="standardPromiseFigure")
        self.promise_text = label("callout", name="standardPromiseText")
        self.drink_text = label("reading", name="standardDrinkText")
        for widget in (self.promise_figure, self.promise_text, self.drink_text):
            inside.addWidget(widget)
        column = QVBoxLayout()
        column.addWidget(card)
        column.addStretch(1)
        return column

    def set_documents(self, documents: Mapping[str, Document]) -> None:
        """Replace the text (from a content bundle, say); shown from the next language change or show."""
        self.documents = dict(documents)
        self._built_for = None
        if self.isVisible():
            self.retranslate()

    def refresh(self) -> None:
        if self.documents is None:
            from kiosk.content import load_standard

            self.documents = load_standard(self.ctx.config.content_dir)
        super().refresh()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Moscow service standard"))
        self.hint.setText(self.tr("Slide the text up or down with your finger."))
        self.promise_figure.setText(self.tr("{minutes} min").format(minutes=WAIT_NORM_MINUTES))
        self.promise_text.setText(self.tr("is the longest you should wait in the queue, with or without a booking"))
        self.drink_text.setText(self.tr("If you wait longer, you will be offered a free hot drink."))
        if self.documents is not None and self._built_for != self.language:
            self._build(self.documents.get(self.language, ()))
            self._built_for = self.language

    def _build(self, document: Document) -> None:
        from kiosk.content import BlockKind

        clear_layout(self.column)
        self.block_labels = []
        if not document:
            # The shipped file itself was unusable (logged by kiosk.content).
            missing = label("reading", name="standardUnavailable")
            missing.setText(self.tr("The text of the standard is not available right now. "
                                    "Please ask a consultant in the hall."))
            self.column.addWidget(missing)
            self.block_labels.append(missing)
        for i, block in enumerate(document):
            text = label("section" if block.kind is BlockKind.HEADING else "reading", name=f"standardBlock{i}")
            text.setText(block.text)
            self.block_labels.append(text)
            if block.kind is BlockKind.ITEM:
                line = QHBoxLayout()
                line.setSpacing(16)
                marker = label("reading", name=f"standardMarker{i}", wrap=False)
                marker.setText(block.marker)
                line.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(text, 1)
                self.column.addLayout(line)
            else:
                if block.kind is BlockKind.HEADING and i > 0:
                    self.column.addSpacing(12)
                self.column.addWidget(text)
        self.column.addStretch(1)

    def fit(self) -> None:
        set_direction(self.row, across=not self.narrow())

    def reset(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)
