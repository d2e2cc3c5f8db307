"""A small bar chart drawn with QPainter (Qt Charts is deprecated and heavy).

Vertical bars suit short labels (hours); horizontal bars suit long ones
(service names). Every bar carries its number in text, so the chart never
relies on bar length or colour alone, and the same figures are given to
screen readers as the accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Property, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import DEFAULT_PALETTE, MIN_BODY_PX

GAP = 10
WRAP = Qt.TextFlag.TextWordWrap
LEFT_WRAPPED = int(Qt.AlignmentFlag.AlignVCenter.value | Qt.AlignmentFlag.AlignLeft.value) | int(WRAP.value)


class BarChart(QWidget):
    """Bars with a label and a value each.

    Colours come from the stylesheet, so the chart follows the theme: ``color``
    for the texts, ``qproperty-barColour`` and ``qproperty-axisColour`` for the
    bars and the base line (``QWidget[chart="true"]`` in :mod:`ui.theme`).

    Args:
        orientation: ``Qt.Vertical`` (bars grow upwards) or ``Qt.Horizontal`` (bars grow right).
    """

    def __init__(self, orientation: Qt.Orientation = Qt.Orientation.Vertical,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.orientation = orientation
        self.bars: list[tuple[str, int | None]] = []
        self.setProperty("chart", True)
        self._bar_colour = QColor(DEFAULT_PALETTE.primary)
        self._axis_colour = QColor(DEFAULT_PALETTE.border)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # Horizontal bars: the height follows the width (long names wrap).
        policy.setHeightForWidth(orientation == Qt.Orientation.Horizontal)
        self.setSizePolicy(policy)

    def _get_bar_colour(self) -> QColor:
        return self._bar_colour

    def _set_bar_colour(self, colour: QColor) -> None:
        self._bar_colour = QColor(colour)
        self.update()

    def _get_axis_colour(self) -> QColor:
        return self._axis_colour

    def _set_axis_colour(self, colour: QColor) -> None:
        self._axis_colour = QColor(colour)
        self.update()

    barColour = Property(QColor, _get_bar_colour, _set_bar_colour)  # noqa: N815 (a Qt property, set by the stylesheet)
    axisColour = Property(QColor, _get_axis_colour, _set_axis_colour)  # noqa: N815

    @property
    def text_colour(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.WindowText)

    def set_bars(self, bars: Sequence[tuple[str, int | None]]) -> None:
        """Bars in order; a value of None leaves the slot empty (no figure yet), with its label."""
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{name}: {value}" for name, value in self.bars
                                                if value is not None))
        self.updateGeometry()
        self.update()

    def _font(self) -> QFont:
        # A little smaller than the body text (it follows the large-text mode), never below the minimum.
        font = QFont(self.font())
        font.setPixelSize(max(MIN_BODY_PX, self.font().pixelSize() - 4))
        return font

    def _row_height(self) -> int:
        return int(QFontMetrics(self._font()).height() * 1.5)

    def sizeHint(self) -> QSize:
        if self.orientation == Qt.Orientation.Horizontal:
            return QSize(600, self.heightForWidth(600) if self.bars else self._row_height())
        return QSize(600, 260)

    def minimumSizeHint(self) -> QSize:
        if self.orientation == Qt.Orientation.Horizontal:
            return QSize(200, self._row_height())
        return QSize(200, 160)

    def _label_width(self, metrics: QFontMetrics, width: int) -> int:
        return min(int(width * 0.45), max(metrics.horizontalAdvance(name) for name, _ in self.bars) + GAP)

    def _name_rect(self, metrics: QFontMetrics, name: str, room: int) -> QRectF:
        """Where a horizontal bar's name goes: wrapped onto as many lines as it needs."""
        return QRectF(metrics.boundingRect(0, 0, max(1, room), 100_000, int(WRAP.value), name))

    def _row_heights(self, width: int) -> list[int]:
        metrics = QFontMetrics(self._font())
        room = self._label_width(metrics, width) - GAP
        return [max(self._row_height(), int(self._name_rect(metrics, name, room).height()) + 12)
                for name, _ in self.bars]

    def cut_names(self) -> list[str]:
        """The bar names that are not drawn whole at the chart's current width
        (a word wider than a horizontal chart's name column, a name wider than its
        slot under a vertical bar)."""
        if not self.bars:
            return []
        metrics = QFontMetrics(self._font())
        if self.orientation == Qt.Orientation.Horizontal:
            room = self._label_width(metrics, self.width()) - GAP
            return [name for name, _ in self.bars
                    if max(metrics.horizontalAdvance(word) for word in name.split()) > room]
        slot = int(self.width() / len(self.bars))
        return [name for name, _ in self.bars if metrics.horizontalAdvance(name) > slot]

    def heightForWidth(self, width: int) -> int:
        """A horizontal chart's height: its rows grow with names wrapped onto more lines."""
        if self.orientation != Qt.Orientation.Horizontal or not self.bars:
            return super().heightForWidth(width)
        return max(1, sum(self._row_heights(width)))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.bars:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._font())
        try:
            if self.orientation == Qt.Orientation.Horizontal:
                self._paint_horizontal(painter)
            else:
                self._paint_vertical(painter)
        finally:
            painter.end()

    def _paint_vertical(self, painter: QPainter) -> None:
        metrics = QFontMetrics(painter.font())
        text_h = metrics.height()
        top, bottom = text_h + 4, self.height() - text_h - 6
        slot = self.width() / len(self.bars)
        peak = max(1, max(value or 0 for _, value in self.bars))
        painter.setPen(self._axis_colour)
        painter.drawLine(0, bottom, self.width(), bottom)
        for i, (name, value) in enumerate(self.bars):
            left = i * slot
            painter.setPen(self.text_colour)
            if value is not None:
                height = (bottom - top) * value / peak
                bar = QRectF(left + slot * 0.15, bottom - height, slot * 0.7, height)
                painter.fillRect(bar, self._bar_colour)
                painter.drawText(QRectF(left, bar.top() - text_h - 2, slot, text_h),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, str(value))
            painter.drawText(QRectF(left, bottom + 4, slot, text_h), Qt.AlignmentFlag.AlignHCenter,
                             metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(slot)))

    def _paint_horizontal(self, painter: QPainter) -> None:
        metrics = QFontMetrics(painter.font())
        bar_h = self._row_height()
        label_w = self._label_width(metrics, self.width())
        value_w = max(metrics.horizontalAdvance(str(value)) for _, value in self.bars) + GAP
        room = max(1, self.width() - label_w - value_w - GAP)
        peak = max(1, max(value or 0 for _, value in self.bars))
        top = 0
        # A long name wraps onto more lines (its row grows) rather than being cut short.
        for (name, value), row_h in zip(self.bars, self._row_heights(self.width()), strict=True):
            painter.setPen(self.text_colour)
            painter.drawText(QRectF(0, top, label_w - GAP, row_h),
                             LEFT_WRAPPED, name)
            if value is not None:
                width = room * value / peak
                middle = top + row_h / 2
                painter.fillRect(QRectF(label_w, middle - bar_h * 0.32, width, bar_h * 0.64), self._bar_colour)
                painter.drawText(QRectF(label_w + width + GAP / 2, top, value_w, row_h),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(value))
            top += row_h
