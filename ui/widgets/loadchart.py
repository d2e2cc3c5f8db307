"""The weekday × hour chart of typical load, drawn with QPainter.

Every cell shows its level three ways: a shade of the text colour, a fill
pattern (none, sparse dots, dense dots, hatching, solid) and, in the legend,
the level's words; so it reads in high contrast, in greyscale and for a
visitor who does not tell colours apart. Colours come from the widget's
palette, which the kiosk's stylesheet sets for each theme.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.visit_load import DAY_NAMES, Level, LoadGrid

PATTERNS = {
    Level.NONE: Qt.BrushStyle.NoBrush,
    Level.QUIET: Qt.BrushStyle.Dense6Pattern,
    Level.MODERATE: Qt.BrushStyle.Dense4Pattern,
    Level.BUSY: Qt.BrushStyle.BDiagPattern,
    Level.VERY_BUSY: Qt.BrushStyle.SolidPattern,
}
SHADE_ALPHA = {Level.NONE: 0, Level.QUIET: 40, Level.MODERATE: 90, Level.BUSY: 150, Level.VERY_BUSY: 230}


def draw_swatch(painter: QPainter, rect: QRectF, level: Level, ink: QColor) -> None:
    """One cell (or legend swatch) of ``level``: shade, pattern and outline."""
    shade = QColor(ink)
    shade.setAlpha(SHADE_ALPHA[level])
    painter.fillRect(rect, shade)
    if level is not Level.NONE:
        painter.fillRect(rect, QBrush(ink, PATTERNS[level]))
    painter.setPen(QPen(ink, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)


class LoadChart(QWidget):
    """Rows are weekdays (Monday first), columns the hours; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadChart")
        self.grid: LoadGrid | None = None
        self.language = "ru"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(320)

    def set_grid(self, grid: LoadGrid | None, language: str) -> None:
        self.grid = grid
        self.language = language
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(1400, 520)

    def cell_rect(self, weekday: int, hour_index: int) -> QRectF:
        """Where one cell is drawn (tests aim at cells through this)."""
        left, top, width, height = self._frame()
        hours = len(self.grid.hours) if self.grid is not None else 1
        cell_w, cell_h = width / hours, height / 7
        return QRectF(left + hour_index * cell_w, top + weekday * cell_h, cell_w, cell_h).adjusted(2, 2, -2, -2)

    def _frame(self) -> tuple[float, float, float, float]:
        metrics = self.fontMetrics()
        left = metrics.horizontalAdvance("Mon") * 1.6 + 12
        top = 8.0
        bottom = metrics.height() * 1.6 + 8
        return left, top, max(1.0, self.width() - left - 8), max(1.0, self.height() - top - bottom)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        font = QFont(self.font())
        painter.setFont(font)
        grid = self.grid
        if grid is None:
            painter.end()
            return
        names = DAY_NAMES["en" if self.language == "en" else "ru"]
        left, top, width, height = self._frame()
        hours = grid.hours
        cell_h = height / 7
        for weekday in range(7):
            painter.setPen(QPen(ink))
            painter.drawText(QRectF(0, top + weekday * cell_h, left - 12, cell_h),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), names[weekday])
            for index, hour in enumerate(hours):
                draw_swatch(painter, self.cell_rect(weekday, index), grid.level(weekday, hour), ink)
        painter.setPen(QPen(ink))
        cell_w = width / len(hours)
        for index, hour in enumerate(hours):
            painter.drawText(QRectF(left + index * cell_w, top + height + 4, cell_w, self.height() - top - height - 4),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), f"{hour:02d}")
        painter.end()


class LoadLegend(QWidget):
    """The levels' swatches with their words, in a row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadLegend")
        self.words: list[tuple[Level, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_words(self, words: list[tuple[Level, str]]) -> None:
        self.words = words
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(1200, int(metrics.height() * 1.8))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        side = metrics.height()
        x = 0.0
        for level, text in self.words:
            draw_swatch(painter, QRectF(x, (self.height() - side) / 2, side * 1.4, side), level, ink)
            x += side * 1.4 + 10
            painter.setPen(QPen(ink))
            painter.drawText(QRectF(x, 0, metrics.horizontalAdvance(text) + 4, self.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            x += metrics.horizontalAdvance(text) + 36
        painter.end()
