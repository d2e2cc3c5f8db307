"""A PIN pad: ten digit keys, delete and OK, with the typed digits shown as dots.

While the PIN check is locked (too many wrong PINs) the pad says so itself:
every key is disabled and dimmed, and a line above the keys counts down the
time left, in the pad's language.

The digits never reach a label or the log: the display shows one dot per
digit, and :meth:`take` hands the PIN over and forgets it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from ui.widgets.keyboard import make_key
from ui.widgets.labels import label

DOT = "●"
PAD_WIDTH = 480
# How strongly locked keys are dimmed: the theme styles no disabled key, so
# without this a disabled key would look exactly like a live one.
LOCKED_OPACITY = 0.35


class PinPad(QWidget):
    """Signals:
        submitted(): OK was tapped with at least the minimum number of digits; call :meth:`take`.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self._digits = ""
        self._lock_left_s: int | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.display = label("pinDisplay", name="pinDisplay", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        self.lock_note = label("warning", name="pinLockNote", align=Qt.AlignmentFlag.AlignCenter)
        # While locked the note takes the display's place (nothing can be typed), at
        # the display's height (the note asks for none of its own), so the keys never
        # jump under a finger when the lock comes or goes.
        self.lock_note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.top = QStackedWidget()
        self.top.setObjectName("pinTop")
        self.top.addWidget(self.display)
        self.top.addWidget(self.lock_note)
        column.addWidget(self.top)
        self.key_area = QWidget()
        self.key_area.setObjectName("pinKeys")
        grid = QGridLayout(self.key_area)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        self.keys: dict[str, QPushButton] = {}
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._digit_key(digit), i // 3, i % 3)
        self.delete_key = make_key("⌫", "pin-delete", "action")
        self.delete_key.clicked.connect(self._delete)
        self.ok_key = make_key("", "pin-ok", "action")
        self.ok_key.setProperty("kind", "primary")
        self.ok_key.clicked.connect(self._submit)
        grid.addWidget(self.delete_key, 3, 0)
        grid.addWidget(self._digit_key("0"), 3, 1)
        grid.addWidget(self.ok_key, 3, 2)
        column.addWidget(self.key_area)
        self.dimmer = QGraphicsOpacityEffect(self.key_area)
        self.dimmer.setOpacity(LOCKED_OPACITY)
        self.dimmer.setEnabled(False)
        self.key_area.setGraphicsEffect(self.dimmer)
        # Equal keys: every column an equal share of the pad's width.
        for key in (*self.keys.values(), self.delete_key, self.ok_key):
            key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for c in range(3):
            grid.setColumnStretch(c, 1)

        self.setMinimumWidth(PAD_WIDTH)
        self.retranslate()

    def _digit_key(self, digit: str) -> QPushButton:
        # The same key role as delete and OK, so that all twelve keys are equally wide.
        key = make_key(digit, f"pin-{digit}", "action")
        key.clicked.connect(lambda _=False, d=digit: self.press(d))
        self.keys[digit] = key
        return key

    @property
    def locked(self) -> bool:
        return self._lock_left_s is not None

    def set_locked(self, seconds_left: int | None) -> None:
        """Show the pad locked for ``seconds_left`` more seconds, or (None) open again."""
        self._lock_left_s = None if seconds_left is None else max(0, seconds_left)
        locked = self.locked
        if locked:
            self._digits = ""
        for key in (*self.keys.values(), self.delete_key):
            key.setEnabled(not locked)
        self.dimmer.setEnabled(locked)
        self.top.setCurrentWidget(self.lock_note if locked else self.display)
        self._show()

    def press(self, digit: str) -> None:
        """Type one digit (ignored past the maximum length, and while locked)."""
        if not self.locked and digit.isdigit() and len(self._digits) < PIN_MAX_DIGITS:
            self._digits += digit
            self._show()

    def _delete(self) -> None:
        self._digits = self._digits[:-1]
        self._show()

    def _submit(self) -> None:
        if len(self._digits) >= PIN_MIN_DIGITS:
            self.submitted.emit()

    def take(self) -> str:
        """The typed PIN; the pad is cleared."""
        pin, self._digits = self._digits, ""
        self._show()
        return pin

    def clear(self) -> None:
        self._digits = ""
        self._show()

    def _show(self) -> None:
        # A dash per empty place up to the minimum shows how many digits are asked for.
        shown = DOT * len(self._digits) + "–" * max(0, PIN_MIN_DIGITS - len(self._digits))
        self.display.setText(" ".join(shown))
        self.display.setAccessibleName(self.tr("%n digit(s) typed", "", len(self._digits)))
        self.ok_key.setEnabled(not self.locked and len(self._digits) >= PIN_MIN_DIGITS)
        left = self._lock_left_s
        if left is not None:
            # Minutes once a minute or more is left (rounded up, so "1 minute" never hides 90 s).
            text = (self.tr("Locked for %n more second(s)", "", left) if left < 60
                    else self.tr("Locked for %n more minute(s)", "", math.ceil(left / 60)))
            self.lock_note.setText(text)
            self.lock_note.setAccessibleName(text)

    def retranslate(self) -> None:
        self._show()
        self.delete_key.setAccessibleName(self.tr("Delete the last digit"))
        self.ok_key.setText(self.tr("OK"))
        self.ok_key.setAccessibleName(self.tr("Confirm the PIN"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
