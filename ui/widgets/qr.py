"""A QR code drawn with QPainter from the ``qrcode`` package's module matrix
(no image library needed), for the screen and for the printed ticket.

``qrcode`` is imported when the first code is made, not with this module: it
brings PIL along, tens of milliseconds that Home's start-up does not need. Once
Home takes touches, :func:`warm_up` imports them on a thread of its own, so the
first ticket does not pay for them on the GUI thread either."""

from __future__ import annotations

import functools
import logging
import threading
from typing import Protocol

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class _Code(Protocol):
    """What is used here of ``qrcode``'s QRCode, whose methods carry no annotations."""

    def add_data(self, data: str) -> None: ...

    def make(self, fit: bool) -> None: ...

    def get_matrix(self) -> list[list[bool]]: ...


log = logging.getLogger(__name__)


# One of the eight data masks of ISO/IEC 18004, always the same. Every mask
# gives a valid code that any reader decodes; what the library's default adds is
# scoring all eight and keeping the least blotchy, about 13 ms of pure Python per
# code on the tap that issues a ticket.
MASK_PATTERN = 4


@functools.lru_cache(maxsize=16)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR modules for ``text`` (medium error correction, mask :data:`MASK_PATTERN`),
    with a 4-module quiet zone.

    Cached: the screen and the printed ticket show the same code moments apart.
    """
    from qrcode.constants import ERROR_CORRECT_M
    from qrcode.main import QRCode

    code: _Code = QRCode(error_correction=ERROR_CORRECT_M, border=4, mask_pattern=MASK_PATTERN)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def _import_encoder() -> None:
    # The same imports, in the same order, as qr_matrix(): a ticket taken while this
    # runs waits for each module on Python's import lock and finds it whole.
    try:
        import qrcode.constants
        import qrcode.main  # noqa: F401
    except ImportError as exc:
        log.warning("QR encoder not imported ahead of the first ticket: %s", exc)


@functools.cache
def warm_up() -> threading.Thread:
    """Import the QR encoder (and the image library it brings) on a daemon thread, once.

    Later calls return the same thread. Call it when the GUI thread is idle: it shares the
    interpreter's lock with the GUI thread for the 100 ms or so that the imports take.
    """
    thread = threading.Thread(target=_import_encoder, name="qr-warm-up", daemon=True)
    thread.start()
    return thread


def paint_qr(painter: QPainter, rect: QRectF, matrix: tuple[tuple[bool, ...], ...]) -> None:
    """Draw ``matrix`` as a square inside ``rect``, black on white."""
    if not matrix:
        return
    count = len(matrix)
    side = min(rect.width(), rect.height())
    module = side / count
    left = rect.left() + (rect.width() - side) / 2
    top = rect.top() + (rect.height() - side) / 2
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("white"))
    painter.drawRect(QRectF(left, top, side, side))
    painter.setBrush(QColor("black"))
    for y, row in enumerate(matrix):
        x = 0
        while x < count:
            if row[x]:
                run = x
                while run < count and row[run]:
                    run += 1
                # Slight overlap hides hairline seams between modules when scaled.
                painter.drawRect(QRectF(left + x * module, top + y * module,
                                        (run - x) * module + 0.3, module + 0.3))
                x = run
            else:
                x += 1
    painter.restore()


class QrWidget(QWidget):
    """Shows a QR code for a link; the link itself is never clickable."""

    def __init__(self, parent: QWidget | None = None, side: int = 260) -> None:
        super().__init__(parent)
        self._matrix: tuple[tuple[bool, ...], ...] = ()
        self._text = ""
        self._side = side
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(side, side)

    def set_text(self, text: str) -> None:
        self._text = text
        self._matrix = qr_matrix(text) if text else ()
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_qr(painter, QRectF(self.rect()), self._matrix)
        painter.end()
