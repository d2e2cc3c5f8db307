"""A large touch tile: a button with a title, an optional detail line and badge;
and the Home tile whose words follow the language."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import MIN_TOUCH_PX
from ui.widgets.labels import label

BORDER_PX = 2  # a tile's border (QPushButton in ui.theme)


class Tile(QPushButton):
    """A big button whose text wraps; sized by its labels.

    ``QPushButton`` sizes itself by its own (empty) text, so the size hints
    are taken from the inner layout instead.
    """

    def __init__(self, name: str, parent: QWidget | None = None, *, badge: str = "",
                 primary: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setProperty("tileName", name)
        self.setProperty("kind", "primary" if primary else "")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Width comes from the grid (equal columns), not from the text, so tiles
        # in a row line up whatever their words.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(self)
        self._row = row  # self.layout(), typed
        row.setContentsMargins(20, 14, 20, 14)
        row.setSpacing(16)
        self.badge = label("tileBadge", name="tileBadge", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        self.badge.setMinimumWidth(56)
        # Never narrower than its letter: a squeezed tile wraps its title instead.
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignVCenter)
        column = QVBoxLayout()
        column.setSpacing(6)
        self.title = label("tileTitle")
        self.detail = label("tileDetail")
        column.addWidget(self.title)
        column.addWidget(self.detail)
        row.addLayout(column, 1)
        for child in (self.badge, self.title, self.detail):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def set_texts(self, title: str, detail: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.updateGeometry()

    def needed_width(self) -> int:
        """The narrowest this tile can be with every word of its texts on one line
        (narrower, a word would be cut: the grid takes fewer columns instead)."""
        words = []
        for text_label in (self.title, self.detail):
            if text_label.isHidden() or not text_label.text():
                continue
            text_label.ensurePolished()
            metrics = text_label.fontMetrics()
            words.append(max((metrics.horizontalAdvance(word) for word in text_label.text().split()), default=0))
        margins = self._row.contentsMargins()
        width = margins.left() + margins.right() + max(words, default=0) + 2 * BORDER_PX + 2
        if not self.badge.isHidden():
            self.badge.ensurePolished()
            width += self.badge.sizeHint().width() + self._row.spacing()
        return width

    def sizeHint(self) -> QSize:
        hint = self._row.sizeHint()
        return QSize(hint.width(), max(MIN_TOUCH_PX, hint.height()))

    def minimumSizeHint(self) -> QSize:
        hint = self._row.minimumSize()
        return QSize(hint.width(), max(MIN_TOUCH_PX, hint.height()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(MIN_TOUCH_PX, self._row.totalHeightForWidth(width))


class TranslatedTile(Tile):
    """A tile with fixed words that follow the language (the Home tiles of the
    standard, the centre's information and ratings). Subclasses name the tile
    in :attr:`tile_name` and say its words in :meth:`texts`, with ``self.tr``.
    """

    tile_name = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tile_name, parent)
        self.retranslate()

    def texts(self) -> tuple[str, str]:
        """The title and the detail line, in the current language."""
        raise NotImplementedError

    def retranslate(self) -> None:
        self.set_texts(*self.texts())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
