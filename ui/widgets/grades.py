"""The 1–5 grade scale of the «Ваш контроль» ratings, and the one-tap quick rating.

Every grade is shown three ways at once: a drawn face (its mouth from a deep
frown to a broad smile), the grade word («очень плохо» … «отлично») and a
colour; the chosen grade gets a thick frame, bold white words and a tick. So
the meaning never rests on colour alone.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ratings import GRADES
from ui.theme import MIN_TOUCH_PX
from ui.widgets.labels import label, set_role

FACE_PX = 56
COMPACT_FACE_PX = 40
# Below this width beside the faces, the question goes above them instead.
PROMPT_MIN_PX = 300
# Fill colours from red to green; the outline and features are dark on all of them.
FACE_COLOURS = {1: "#E0483E", 2: "#F28C28", 3: "#F5C518", 4: "#9CCC3C", 5: "#3DAE4F"}
FACE_INK = "#17212F"
# Mouth curvature from a deep frown (-) to a broad smile (+), as a share of the face.
MOUTH_CURVE = {1: -0.16, 2: -0.08, 3: 0.0, 4: 0.09, 5: 0.17}
MOUTH_Y = 0.7
# How long the thanks stay in the quick-rating panel before it asks again.
QUICK_FEEDBACK_MS = 5000


class GradeWords(QObject):
    """The grade words, through Qt's translations (context ``GradeWords``)."""

    def word(self, grade: int) -> str:
        words: dict[int, str] = {
            1: self.tr("very bad"),
            2: self.tr("bad"),
            3: self.tr("okay"),
            4: self.tr("good"),
            5: self.tr("excellent"),
        }
        return words[grade]

    def spoken(self, grade: int) -> str:
        """'5 of 5, excellent': for screen readers."""
        return str(self.tr("{grade} of 5, {word}")).format(grade=grade, word=self.word(grade))


@functools.cache
def grade_words() -> GradeWords:
    return GradeWords()


class Face(QWidget):
    """A round face drawn for a grade; it ignores the mouse so its button gets the tap."""

    def __init__(self, grade: int, side: int = FACE_PX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grade = grade
        self.setFixedSize(side, side)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = float(min(self.width(), self.height()))
        pen_width = max(2.0, side / 20)
        box = QRectF(pen_width / 2, pen_width / 2, side - pen_width, side - pen_width)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(FACE_INK), pen_width))
        painter.setBrush(QColor(FACE_COLOURS[self.grade]))
        painter.drawEllipse(box)
        painter.setBrush(QColor(FACE_INK))
        painter.setPen(Qt.PenStyle.NoPen)
        eye = side * 0.075
        for x in (0.35, 0.65):
            painter.drawEllipse(QPointF(side * x, side * 0.38), eye, eye)
        # A quadratic curve bulges half as far as its control point.
        mouth = QPainterPath(QPointF(side * 0.3, side * MOUTH_Y))
        bend = QPointF(side * 0.5, side * (MOUTH_Y + 2 * MOUTH_CURVE[self.grade]))
        mouth.quadTo(bend, QPointF(side * 0.7, side * MOUTH_Y))
        pen = QPen(QColor(FACE_INK), pen_width * 1.3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(mouth)
        painter.end()


class GradeButton(QPushButton):
    """A face above its grade word (a smaller face when ``compact``); checkable
    when it is part of a choice."""

    def __init__(self, grade: int, checkable: bool, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grade = grade
        self.setObjectName(f"grade-{grade}")
        self.setProperty("grade", grade)
        self.setProperty("gradeButton", True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCheckable(checkable)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The buttons of one scale (set by GradeScale): each asks for the size of
        # the largest, so the five come out equal whatever the length of each word.
        self.peers: list[GradeButton] = []
        # A word of two ("очень плохо") goes on two lines when the scale is too narrow for one.
        self.two_lines = False
        self._own_sizes: dict[tuple[object, ...], QSize] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6 if compact else 8, 8, 6 if compact else 8)
        column.setSpacing(2 if compact else 4)
        self.column = column
        self.face = Face(grade, COMPACT_FACE_PX if compact else FACE_PX)
        self.word = label("gradeWord", name="gradeWord", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        self.word.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        column.addWidget(self.face, 0, Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.word)
        self.toggled.connect(self._show_choice)
        self.retranslate()

    def retranslate(self) -> None:
        words = grade_words()
        self._word = words.word(self.grade)
        self.setAccessibleName(words.spoken(self.grade))
        self._show_choice(self.isChecked())

    def _lines(self, two_lines: bool, chosen: bool) -> list[str]:
        text = ("✓ " if chosen else "") + self._word
        return text.rsplit(" ", 1) if two_lines and " " in text else [text]

    @Slot(bool)
    def _show_choice(self, chosen: bool) -> None:
        # The tick and the bold white word mark the choice for those who cannot
        # tell the highlight colour apart.
        text = "\n".join(self._lines(self.two_lines, chosen))
        if text == self.word.text() and self.word.property("chosen") == chosen:
            return  # as shown already: a repolish would only throw away the style's cached fonts
        self.word.setText(text)
        self.word.setProperty("chosen", chosen)
        self.word.style().unpolish(self.word)
        self.word.style().polish(self.word)

    def set_two_lines(self, on: bool) -> None:
        if on != self.two_lines:
            self.two_lines = on
            self._show_choice(self.isChecked())
            self.updateGeometry()

    def own_size(self, two_lines: bool) -> QSize:
        """The face and the word (with room for the tick, so a choice does not
        change the size), on one line or two."""
        # QPushButton sizes itself by its own (empty) text; the face and word decide.
        self.word.ensurePolished()
        margins = self.column.contentsMargins()
        # A layout asks each of five buttons for the largest of five sizes, several times
        # a pass (8 ms of a ticket's tap went here); the answer changes only with these.
        key = (two_lines, self._word, self.word.font().key(), self.face.width(), self.face.height(),
               margins.left(), margins.top(), margins.right(), margins.bottom(), self.column.spacing())
        known = self._own_sizes.get(key)
        if known is not None:
            return QSize(known)
        metrics = self.word.fontMetrics()
        lines = self._lines(two_lines, chosen=True)
        text_width = max(metrics.horizontalAdvance(line) for line in lines) + 4
        # Some air around a word on one line; on two lines the scale is short of room.
        width = max(self.face.width(), text_width) + margins.left() + margins.right() + (0 if two_lines else 24)
        height = (margins.top() + margins.bottom() + self.face.height() + self.column.spacing()
                  + metrics.height() + metrics.lineSpacing() * (len(lines) - 1) + 2)
        size = QSize(max(width, MIN_TOUCH_PX), max(height, MIN_TOUCH_PX))
        if len(self._own_sizes) > 32:  # languages x text sizes x themes x one or two lines
            self._own_sizes.clear()
        self._own_sizes[key] = QSize(size)
        return size

    def largest(self, two_lines: bool) -> QSize:
        sizes = [peer.own_size(two_lines) for peer in self.peers] or [self.own_size(two_lines)]
        return QSize(max(s.width() for s in sizes), max(s.height() for s in sizes))

    def sizeHint(self) -> QSize:
        return self.largest(self.two_lines)

    def minimumSizeHint(self) -> QSize:
        # As narrow as the words on two lines allow (the scale then breaks them).
        return QSize(self.largest(True).width(), self.sizeHint().height())


class GradeScale(QWidget):
    """Five grade buttons, 1 (left) to 5 (right).

    With ``choice=True`` a grade stays chosen, and tapping it again clears it
    (so a criterion can be skipped after all); otherwise each tap just reports.

    Signals:
        changed(int): the chosen grade, 0 when cleared (``choice=True``).
        tapped(int): a grade was tapped.
    """

    changed = Signal(int)
    tapped = Signal(int)

    def __init__(self, name: str, choice: bool = True, compact: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        # As tall as its buttons (one line of words or two), never squeezed.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.choice = choice
        self._value = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(10 if compact else 12)
        self.row = row
        self.buttons: dict[int, GradeButton] = {}
        for grade in GRADES:
            button = GradeButton(grade, checkable=choice, compact=compact)
            button.clicked.connect(lambda _=False, g=grade: self._on_tap(g))
            # The same size asked for and the same stretch: five equal buttons.
            row.addWidget(button, 1)
            self.buttons[grade] = button
        for button in self.buttons.values():
            button.peers = list(self.buttons.values())

    def one_line_width(self) -> int:
        """The width the five buttons need with every word on one line."""
        button = self.buttons[GRADES[0]]
        spacing = self.row.spacing()
        return len(self.buttons) * button.largest(False).width() + spacing * (len(self.buttons) - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Not while the layout that resized the scale is still running: a change of
        # the buttons' height would be lost there. In the next turn of the loop.
        if (event.size().width() < self.one_line_width()) != self.buttons[GRADES[0]].two_lines:
            QTimer.singleShot(0, self, self._fit_words)

    @Slot()
    def _fit_words(self) -> None:
        two_lines = self.width() < self.one_line_width()
        for button in self.buttons.values():
            button.set_two_lines(two_lines)
        # The buttons' new height must reach the layouts above the scale.
        self.row.invalidate()
        widget: QWidget | None = self
        while widget is not None:
            widget.updateGeometry()
            widget = widget.parentWidget()

    def value(self) -> int:
        """The chosen grade, or 0 when none is."""
        return self._value

    def set_value(self, grade: int) -> None:
        if grade != 0 and grade not in GRADES:
            raise ValueError(f"bad grade {grade!r}")
        for g, button in self.buttons.items():
            button.setChecked(self.choice and g == grade)
        if self.choice and grade != self._value:
            self._value = grade
            self.changed.emit(grade)

    def clear(self) -> None:
        self.set_value(0)

    def _on_tap(self, grade: int) -> None:
        self.tapped.emit(grade)
        if self.choice:
            self.set_value(0 if grade == self._value else grade)

    def retranslate(self) -> None:
        for button in self.buttons.values():
            button.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class QuickRatingPanel(QFrame):
    """"How was it?" and five faces: one tap is a whole rating.

    The panel only reports the tap; whoever stores it answers with
    :meth:`show_result`, and the panel thanks the visitor for a few seconds
    before asking again. It never disables itself: every tap reaches the
    store, which counts the taps it throttles.

    ``compact`` makes a frameless panel with smaller faces, for a row that
    also holds other buttons. When the panel is too narrow for the question
    beside the faces (large text), the question goes above them.

    Signals:
        rated(int): the grade tapped.
    """

    rated = Signal(int)

    def __init__(self, name: str, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickRatingCompact" if compact else "quickRating")
        self.setProperty("panelName", name)
        self.setAccessibleName(name)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        row.setContentsMargins(*((0, 0, 0, 0) if compact else (28, 12, 16, 12)))
        row.setSpacing(24)
        self.row = row
        self.prompt = label("quickPrompt", name=f"{name}Prompt")
        self.scale = GradeScale(f"{name}Scale", choice=False, compact=compact)
        self.scale.tapped.connect(self.rated)
        row.addWidget(self.prompt, 1)
        # Compact: the faces take their own width and the words get the rest.
        row.addWidget(self.scale, 0 if compact else 2)
        self._result: bool | None = None
        self.feedback_timer = QTimer(self)
        self.feedback_timer.setObjectName(f"{name}-feedback-timer")
        self.feedback_timer.setSingleShot(True)
        self.feedback_timer.setInterval(QUICK_FEEDBACK_MS)
        self.feedback_timer.timeout.connect(self.reset)
        self.retranslate()

    def show_result(self, accepted: bool) -> None:
        """Thank the visitor: ``accepted`` False means the tap came too soon after another."""
        self._result = accepted
        self.feedback_timer.start()
        self.retranslate()

    @property
    def result(self) -> bool | None:
        """None while asking; True or False while thanking."""
        return self._result

    @Slot()
    def reset(self) -> None:
        self.feedback_timer.stop()
        self._result = None
        self.retranslate()

    def retranslate(self) -> None:
        if self._result is None:
            text = self.tr("How do you like our centre? Rate us with one tap")
        elif self._result:
            text = self.tr("Thank you! Your rating has been counted.")
        else:
            text = self.tr("Thank you! Please wait a moment before rating again.")
        self.prompt.setText(text)
        set_role(self.prompt, "quickPrompt" if self._result is None else "quickThanks")
        self.scale.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        margins = self.row.contentsMargins()
        room = event.size().width() - margins.left() - margins.right() - self.row.spacing()
        beside = room - self.scale.one_line_width() >= PROMPT_MIN_PX
        wanted = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != wanted:
            self.row.setDirection(wanted)
