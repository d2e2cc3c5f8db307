"""What every screen shares: a title, plain-text labels, retranslation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QScrollArea, QScroller, QSizePolicy, QVBoxLayout, QWidget

from ui.context import UiContext
from ui.theme import Sizes
from ui.widgets.labels import label
from ui.widgets.tile import Tile

# Screens narrower than this (a 1080 px portrait stand, a 1280 px screen) put
# side-by-side columns one above the other and take fewer tile columns.
NARROW_PX = 1600


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
        self._fitted: tuple[int, bool] | None = None
        self._refit_posted = False

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

    # -- fitting the screen's width and the text size ------------------------------------
    def narrow(self) -> bool:
        """Whether the screen is too narrow for side-by-side columns (a portrait
        stand, a 1280 px screen): they then go one above the other."""
        return self.width() < NARROW_PX

    def room(self) -> int:
        """The width inside the screen's margins."""
        margins = self.outer.contentsMargins()
        return self.width() - margins.left() - margins.right()

    def fit(self) -> None:
        """Arrange the screen for its width and the text size (columns, rows);
        called when either changes, and after a language change (words change width)."""

    def refit(self, force: bool = False) -> None:
        key = (self.width(), large_text(self))
        if force or key != self._fitted:
            self._fitted = key
            self.fit()

    def refit_soon(self) -> None:
        # A new font or new words reach this screen before its children: measure
        # them once the whole screen has them (in the next turn of the event loop).
        if not self._refit_posted:
            self._refit_posted = True
            QTimer.singleShot(0, self, self._refit_now)

    def _refit_now(self) -> None:
        self._refit_posted = False
        self.refit(force=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refit_soon()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.refit()  # at once for the text size (a cap on columns, say) ...
            self.refit_soon()  # ... and again once every child has its new font
        super().changeEvent(event)


def fit_columns(tiles: Sequence[Tile], room: int, spacing: int, most: int) -> int:
    """The most columns (up to ``most``) in which every tile has room for its longest word."""
    need = max((tile.needed_width() for tile in tiles if not tile.isHidden()), default=0)
    for columns in range(most, 1, -1):
        if (room - spacing * (columns - 1)) / columns >= need:
            return columns
    return 1


def set_direction(box: QBoxLayout, across: bool) -> None:
    """Lay ``box`` out left to right (``across``) or top to bottom."""
    wanted = QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
    if box.direction() != wanted:
        box.setDirection(wanted)


def width_across(box: QBoxLayout) -> int:
    """The width ``box``'s items need side by side (whatever its direction now)."""
    items = [box.itemAt(i) for i in range(box.count())]
    widths = [item.sizeHint().width() for item in items if item is not None and not item.isEmpty()]
    margins = box.contentsMargins()
    return sum(widths) + box.spacing() * max(0, len(widths) - 1) + margins.left() + margins.right()


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


class ScrollHint(QWidget):
    """A fade with a down arrow over the bottom edge of a scroll area while more
    of its content lies below.

    The kiosk's scroll areas have no scroll bar (a finger drags the content), so
    without this a list cut off at the bottom looks like a list that ends there.
    It takes no touches: a drag that starts on it moves the content.
    """

    HEIGHT = 64

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)  # over the viewport, not inside the scrolled content
        self.area = area
        self.setObjectName(f"{area.objectName()}-more")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        bar = area.verticalScrollBar()
        bar.rangeChanged.connect(self.update_hint)
        bar.valueChanged.connect(self.update_hint)
        area.installEventFilter(self)
        self.setVisible(False)

    @property
    def more_below(self) -> bool:
        bar = self.area.verticalScrollBar()
        return bar.value() < bar.maximum()

    @Slot()
    def update_hint(self) -> None:
        viewport = self.area.viewport().geometry()
        height = min(self.HEIGHT, viewport.height())
        self.setGeometry(viewport.left(), viewport.bottom() + 1 - height, viewport.width(), height)
        self.setVisible(self.more_below)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.area and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.update_hint()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        behind = self.area.palette().color(QPalette.ColorRole.Window)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        clear = QColor(behind)
        clear.setAlpha(0)
        fade = QLinearGradient(0, 0, 0, self.height())
        fade.setColorAt(0.0, clear)
        fade.setColorAt(0.6, behind)
        fade.setColorAt(1.0, behind)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), fade)
        # An edge across the whole width, and a chevron pointing down in its middle.
        pen = QPen(ink, 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        bottom = self.height() - 2
        painter.drawLine(QPointF(0, bottom), QPointF(self.width(), bottom))
        middle, top = self.width() / 2, self.height() * 0.35
        painter.drawPolyline([QPointF(middle - 24, top), QPointF(middle, top + 18), QPointF(middle + 24, top)])
        painter.end()


def scroll_hint(area: QScrollArea) -> ScrollHint:
    """Show over ``area`` that its content goes on below (see :class:`ScrollHint`)."""
    return ScrollHint(area)


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
