"""The Qt binding must not leak references to ``None``.

PySide6 6.12.0 under Python 3.11 returns ``None`` from void methods without
taking a reference, so every call lowers None's count until the interpreter
aborts ("none_dealloc"); a kiosk painting QR codes all day would crash within
hours. setup.cfg excludes that release; this test catches any other.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter


def test_void_qt_calls_keep_none_alive(qapp) -> None:
    image = QImage(64, 64, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(2000):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("black"))
            painter.drawRect(QRectF(0, 0, 1, 1))
        after = sys.getrefcount(None)
    finally:
        painter.end()
    assert after - before > -100, f"None lost {before - after} references in 6000 Qt calls"
