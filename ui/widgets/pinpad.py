"""A PIN pad: ten digit keys, delete and OK, with the typed digits shown as dots.

The digits never reach a label or the log: the display shows one dot per
digit, and :meth:`take` hands the PIN over and forgets it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.admin.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS
from ui.widgets.keyboard import make_key
from ui.widgets.labels import label

DOT = "●"
PAD_WIDTH = 480


class PinPad(QWidget):
    """Signals:
        submitted(): OK was tapped with at least the minimum number of digits; call :meth:`take`.
    """

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self._digits = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.display = label("pinDisplay", name="pinDisplay", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.display)
        grid = QGridLayout()
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
        column.addLayout(grid)
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

    def press(self, digit: str) -> None:
        """Type one digit (ignored past the maximum length)."""
        if digit.isdigit() and len(self._digits) < PIN_MAX_DIGITS:
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
        self.ok_key.setEnabled(len(self._digits) >= PIN_MIN_DIGITS)

    def retranslate(self) -> None:
        self._show()
        self.delete_key.setAccessibleName(self.tr("Delete the last digit"))
        self.ok_key.setText(self.tr("OK"))
        self.ok_key.setAccessibleName(self.tr("Confirm the PIN"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
