"""What every screen shares: a title, plain-text labels, retranslation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QGridLayout, QScrollArea, QScroller, QSizePolicy, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.theme import Sizes
from ui.widgets.labels import label


class Screen(QWidget):
    """A full-area page in the window's stack.

    Subclasses build their widgets in ``__init__`` and set every visible word
    in ``retranslate()``, which runs again on each language change.
    """

    screen_name = "screen"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("screen")
        self.setProperty("screenName", self.screen_name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # The window is as big as the screen; a screen's own minimum must not
        # push it past that (long wrapped texts would otherwise do so).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(56, 36, 56, 24)
        self.outer.setSpacing(20)
        self.title = label("title", name=f"{self.screen_name}Title")
        self.outer.addWidget(self.title)

    @property
    def language(self) -> str:
        return self.ctx.language.current

    def retranslate(self) -> None:
        """Set every visible text in the current language."""

    def refresh(self) -> None:
        """Bring figures up to date; called each time the screen is shown."""
        self.retranslate()

    def reset(self) -> None:
        """Forget anything the visitor chose or typed here."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def kinetic_scroll_area(content: QWidget, name: str) -> QScrollArea:
    """A scroll area moved by dragging a finger, with no scroll bar to aim at."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content.setObjectName("scrollContent")
    area.setWidget(content)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    return area


def equal_columns(grid: QGridLayout, columns: int) -> None:
    """Give every column of a tile grid the same width."""
    for column in range(columns):
        grid.setColumnStretch(column, 1)


def place_tiles(grid: QGridLayout, tiles: Sequence[QWidget], columns: int) -> None:
    """(Re)place ``tiles`` row by row in ``columns`` equal columns (fewer with large text)."""
    for tile in tiles:
        grid.removeWidget(tile)
    for i, tile in enumerate(tiles):
        grid.addWidget(tile, i // columns, i % columns)
    for column in range(max(columns, grid.columnCount())):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def large_text(widget: QWidget) -> bool:
    """Whether the visitor chose large text (the widget's body font is well above normal)."""
    return widget.fontInfo().pixelSize() > Sizes().body * 1.2
