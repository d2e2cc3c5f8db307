"""Rate the service, step 3: an optional comment of up to 500 characters,
typed on the on-screen keyboard (Russian or English letters) or a hardware
keyboard, then *Send*."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ratings import MAX_COMMENT_CHARS
from ui.context import UiContext
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.labels import label
from ui.widgets.private_text import PrivatePlainTextEdit
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction


class CommentBox(PrivatePlainTextEdit):
    """A plain-text field that holds at most ``limit`` characters and one paragraph.

    Enter does nothing (a scanner or a stray key must not send or break lines),
    and nothing can be dragged or dropped into it, nor pasted, cut or copied
    (see :mod:`ui.widgets.private_text`).
    """

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.setObjectName("ratingComment")
        self.setProperty("role", "commentField")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.textChanged.connect(self._cap)

    def text(self) -> str:
        return self.toPlainText()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """Tall enough for the whole explanation shown while the field is empty."""
        # The frame and padding around the viewport, whatever the field's size now.
        frame_w, frame_h = self.width() - self.viewport().width(), self.height() - self.viewport().height()
        document = round(self.document().documentMargin())
        room = width - frame_w - 2 * document
        needed = self.fontMetrics().boundingRect(QRect(0, 0, max(1, room), 100_000),
                                                 int(Qt.TextFlag.TextWordWrap.value), self.placeholderText())
        return max(self.minimumHeight(), needed.height() + 2 * document + frame_h)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self.heightForWidth(hint.width())))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot()
    def _cap(self) -> None:
        text = self.toPlainText()
        if len(text) <= self.limit:
            return
        # Whatever pushed the text over the limit (a key, a tap) is cut off at the end.
        self.blockSignals(True)
        self.setPlainText(text[:self.limit])
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.setTextCursor(cursor)
        self.textChanged.emit()


class RatingCommentScreen(Screen):
    """Signals:
        send(): the visitor tapped *Send rating* (with or without a comment).
    """

    screen_name = "ratingComment"
    send = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        # Everything under the title scrolls (with a finger) when large text
        # makes it taller than the screen; at the normal size it all fits.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        # The field, then the counter and *Send* beside it; on a narrow screen below it.
        row = QHBoxLayout()
        row.setSpacing(28)
        self.row = row
        self.box = CommentBox(MAX_COMMENT_CHARS)
        self.box.textChanged.connect(self._count)
        row.addWidget(self.box, 1)
        send_row = QHBoxLayout()
        send_row.setSpacing(28)
        # The counter sits beside *Send*, not above it: the row stays no taller
        # than the field, which leaves the whole keyboard on screen with large text.
        self.counter = label("subtitle", name="ratingCommentCounter", wrap=False)
        self.send_button = QPushButton()
        self.send_button.setObjectName("ratingSend")
        self.send_button.setProperty("kind", "primary")
        self.send_button.setProperty("wide", True)
        self.send_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_button.clicked.connect(self._on_send)
        send_row.addStretch(1)
        send_row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignBottom)
        send_row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        row.addLayout(send_row)
        column.addLayout(row, 1)
        self.keyboard = OnScreenKeyboard(ctx.language.current)
        self.keyboard.attach(self.box)
        column.addWidget(self.keyboard)
        self.scroll_area = kinetic_scroll_area(content, "ratingCommentScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self._sent = False
        self.retranslate()

    def fit(self) -> None:
        set_direction(self.row, across=not self.narrow())

    def comment(self) -> str:
        return self.box.text()

    @Slot()
    def _on_send(self) -> None:
        # One tap sends once: a second tap before the screen changes does nothing.
        if self._sent:
            return
        self._sent = True
        self.send.emit()

    def allow_send(self) -> None:
        """Let *Send* work again (the window calls this if sending did not go through)."""
        self._sent = False

    @Slot()
    def _count(self) -> None:
        self.counter.setText(self.tr("{used} of {limit} characters").format(
            used=len(self.box.text()), limit=MAX_COMMENT_CHARS))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Would you like to add a few words?"))
        # The explanation lives in the empty field, so the field and the keys
        # both fit on the screen even with large text.
        self.box.setPlaceholderText(self.tr("Optional. Type what went well or what we should improve, "
                                            "or just send your rating."))
        self.box.setAccessibleName(self.tr("Your comment"))
        self.send_button.setText(self.tr("Send rating"))
        self.send_button.setAccessibleName(self.send_button.text())
        # The letters follow the language the visitor chose; the ABC/АБВ key switches them.
        self.keyboard.set_layout(self.language)
        self._count()

    def refresh(self) -> None:
        self._sent = False
        super().refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)  # for a hardware keyboard

    def reset(self) -> None:
        self.box.clear()
        self.keyboard.reset()
        self.scroll_area.verticalScrollBar().setValue(0)
        self._sent = False
        self.retranslate()
