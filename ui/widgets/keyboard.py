"""On-screen keyboards for a touchscreen with no system keyboard.

:class:`OnScreenKeyboard` types free text: a Russian ЙЦУКЕН and an English
QWERTY layout, digits, a little punctuation, a one-shot capital key, space and
backspace. :class:`CodePad` types codes: digits plus the letters a code may
hold (the ticket prefixes), and backspace.

Both only *emit* what was tapped (``typed``/``backspace``); :meth:`attach`
connects them to a ``QLineEdit`` or ``QPlainTextEdit`` so a hardware keyboard
and the on-screen one type into the same field. Keys never take focus, so the
field keeps the cursor (and a barcode scanner's keystrokes) while keys are tapped.

Key captions are the characters themselves and are the same in both UI
languages; every key carries ``key`` (``char``, ``action`` or ``space``) as a
stylesheet role and ``objectName`` ``key-<name>``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.theme import COMPACT_KEY_PX, KEY_PX

LAYOUTS: dict[str, tuple[str, ...]] = {
    "ru": ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбюё"),
    "en": ("qwertyuiop", "asdfghjkl", "zxcvbnm"),
}
DIGITS = "1234567890"
PUNCTUATION = ",.-!?"
# The switch key names the layout it switches *to*.
SWITCH_CAPTIONS = {"ru": "ABC", "en": "АБВ"}
SPACING = 10
KEY_BORDER_PX = 2  # a key's border (QPushButton in ui.theme)

Editor = QLineEdit | QPlainTextEdit


def make_key(caption: str, name: str, role: str = "char") -> QPushButton:
    """One key: a button that never takes focus, styled by its ``key`` role."""
    key = QPushButton(caption)
    key.setObjectName(f"key-{name}")
    key.setProperty("key", role)
    key.setAccessibleName(caption)
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # Holding a key down does not repeat it: a resting hand must not type a row of letters.
    key.setAutoRepeat(False)
    return key


def _centred_row(keys: list[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(SPACING)
    row.addStretch(1)
    for key in keys:
        row.addWidget(key)
    row.addStretch(1)
    return row


def set_compact(keys: list[QPushButton], on: bool) -> None:
    """Narrow keys (still at least 80 px, see ui.theme) for a screen too narrow for the usual ones."""
    for key in keys:
        if bool(key.property("compact")) != on:
            key.setProperty("compact", on)
            key.style().unpolish(key)
            key.style().polish(key)


class _KeyRows(QVBoxLayout):
    """One row of keys, centred; broken into two or more rows of about equal
    length when it is wider than the keyboard (a portrait screen)."""

    MAX_LINES = 3

    def __init__(self, keys: list[QPushButton]) -> None:
        super().__init__()
        self.setSpacing(SPACING)
        self.keys = keys
        self._lines: list[int] = []
        # The rows are made once; keys only move between them (layouts are never
        # deleted during a resize, which Qt may be in the middle of laying out).
        self.lines = [_centred_row([]) for _ in range(self.MAX_LINES)]
        for line in self.lines:
            self.addLayout(line)
        self.wrap(1 << 20)

    def needed(self, keys: list[QPushButton] | None = None) -> int:
        keys = self.keys if keys is None else keys
        return sum(key.sizeHint().width() for key in keys) + SPACING * (len(keys) - 1)

    def wrap(self, width: int) -> None:
        """Break the row into as few rows of near-equal key counts as fit ``width``."""
        count = len(self.keys)
        for lines in range(1, self.MAX_LINES + 1):
            size = -(-count // lines)
            chunks = [self.keys[i:i + size] for i in range(0, count, size)]
            if all(self.needed(chunk) <= width for chunk in chunks):
                break
        lengths = [len(chunk) for chunk in chunks]
        if lengths == self._lines:
            return
        self._lines = lengths
        for line in self.lines:
            for key in self.keys:
                line.removeWidget(key)
        for line, chunk in zip(self.lines, chunks, strict=False):
            for key in chunk:
                line.insertWidget(line.count() - 1, key)  # before the closing stretch


class _Typist:
    """Carries typed text into a line or text editor, keeping its cursor."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor

    def insert(self, text: str) -> None:
        if isinstance(self.editor, QLineEdit):
            self.editor.insert(text)
        else:
            self.editor.insertPlainText(text)
            self.editor.ensureCursorVisible()

    def backspace(self) -> None:
        if isinstance(self.editor, QLineEdit):
            self.editor.backspace()
            return
        cursor = self.editor.textCursor()
        cursor.deletePreviousChar()
        self.editor.setTextCursor(cursor)


class _Typing(QWidget):
    """What both keyboards share: the signals and :meth:`attach`.

    Signals:
        typed(str): text to insert at the cursor.
        backspace(): delete the character before the cursor.
    """

    typed = Signal(str)
    backspace = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typists: list[_Typist] = []

    def attach(self, editor: Editor) -> None:
        """Type into ``editor`` from now on."""
        typist = _Typist(editor)
        self._typists.append(typist)  # the connections hold bound methods; keep their owner alive
        self.typed.connect(typist.insert)
        self.backspace.connect(typist.backspace)


class OnScreenKeyboard(_Typing):
    """A full keyboard for free text in Russian or English.

    Signals:
        typed(str), backspace(): see :class:`_Typing`.
        layout_changed(str): ``ru`` or ``en``, after the visitor or the screen switched.
    """

    layout_changed = Signal(str)

    def __init__(self, layout: str = "ru", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self.setAccessibleName("keyboard")
        self._layout = layout
        self._shift = False
        # Letters per layout, and the keys every layout shares (digits, punctuation).
        self.letter_keys: dict[str, dict[str, QPushButton]] = {}
        self.shared_keys: dict[str, QPushButton] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(SPACING)
        # Never wider than the room it is given: the rows break instead (see _fit).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.key_rows: list[_KeyRows] = []
        self._fitted_width = -1
        digits = [self._char_key(d) for d in DIGITS]
        column.addLayout(self._rows(digits))
        self.pages = QStackedWidget()
        self.pages.setObjectName("keyboardLayouts")
        self._page_index: dict[str, int] = {}
        for code, rows in LAYOUTS.items():
            page = QWidget()
            page.setObjectName(f"keyboard-{code}")
            page_column = QVBoxLayout(page)
            page_column.setContentsMargins(0, 0, 0, 0)
            page_column.setSpacing(SPACING)
            keys: dict[str, QPushButton] = {}
            for row in rows:
                row_keys = [self._char_key(ch) for ch in row]
                keys.update((str(k.property("char")), k) for k in row_keys)
                page_column.addLayout(self._rows(row_keys))
            self.letter_keys[code] = keys
            self._page_index[code] = self.pages.addWidget(page)
        column.addWidget(self.pages)
        self.switch_key = make_key("", "switch", "action")
        self.switch_key.clicked.connect(self.toggle_layout)
        self.shift_key = make_key("⇧", "shift", "action")
        self.shift_key.setCheckable(True)
        self.shift_key.toggled.connect(self._set_shift)
        self.space_key = make_key("", "space", "space")
        self.space_key.clicked.connect(lambda: self.typed.emit(" "))
        self.backspace_key = make_key("⌫", "backspace", "action")
        self.backspace_key.setAutoRepeat(True)  # holding backspace clears a word, as everywhere
        self.backspace_key.clicked.connect(self.backspace)
        punctuation = [self._char_key(ch) for ch in PUNCTUATION]
        self.shared_keys = {str(k.property("char")): k for k in digits + punctuation}
        column.addLayout(self._rows([self.switch_key, self.shift_key, *punctuation[:2], self.space_key,
                                     *punctuation[2:], self.backspace_key]))
        self.set_layout(layout)
        self.retranslate()

    def _rows(self, keys: list[QPushButton]) -> _KeyRows:
        rows = _KeyRows(keys)
        self.key_rows.append(rows)
        return rows

    def _fit(self, width: int) -> None:
        """The usual keys if every row fits ``width``, else narrower ones; rows
        still too wide break in two."""
        if width == self._fitted_width:
            return
        self._fitted_width = width
        keys = [key for rows in self.key_rows for key in rows.keys]
        set_compact(keys, False)
        if max(rows.needed() for rows in self.key_rows) > width:
            set_compact(keys, True)
        for rows in self.key_rows:
            rows.wrap(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        # Keys keep their size in every theme and text size (only the letters grow):
        # the arrangement depends on the width alone.
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _char_key(self, char: str) -> QPushButton:
        key = make_key(char, f"char-{char}")
        key.setProperty("char", char)
        key.clicked.connect(lambda _=False, k=key: self._press(k))
        return key

    def _press(self, key: QPushButton) -> None:
        self.typed.emit(key.text())
        if self._shift:
            self.shift_key.setChecked(False)  # one capital, then small letters again

    @Slot(bool)
    def _set_shift(self, on: bool) -> None:
        self._shift = on
        for keys in self.letter_keys.values():
            for char, key in keys.items():
                key.setText(char.upper() if on else char)

    # -- layouts ---------------------------------------------------------------
    def layout_code(self) -> str:
        return self._layout

    def set_layout(self, code: str) -> None:
        """Show the ``ru`` or ``en`` letters."""
        if code not in LAYOUTS:
            raise ValueError(f"unknown keyboard layout {code!r}")
        changed = code != self._layout
        self._layout = code
        self.pages.setCurrentIndex(self._page_index[code])
        self.switch_key.setText(SWITCH_CAPTIONS[code])
        self.switch_key.setAccessibleName(SWITCH_CAPTIONS[code])
        if changed:
            self.layout_changed.emit(code)

    @Slot()
    def toggle_layout(self) -> None:
        self.set_layout("en" if self._layout == "ru" else "ru")

    def key_for(self, char: str) -> QPushButton:
        """The key that types ``char`` in the current layout (digits and punctuation too)."""
        wanted = char.lower()
        key = self.letter_keys[self._layout].get(wanted) or self.shared_keys.get(wanted)
        if key is None:
            raise KeyError(f"no key for {char!r} in the {self._layout} layout")
        return key

    def reset(self) -> None:
        self.shift_key.setChecked(False)

    # -- words -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.space_key.setAccessibleName(self.tr("Space"))
        self.backspace_key.setAccessibleName(self.tr("Delete the last character"))
        self.shift_key.setAccessibleName(self.tr("Capital letter"))
        self.switch_key.setAccessibleDescription(self.tr("Switch between Russian and English letters"))


class CodePad(_Typing):
    """Digits in a telephone grid, the letters a code may start with, and backspace.

    Signals:
        typed(str), backspace(): see :class:`_Typing`.
    """

    def __init__(self, letters: str, columns: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("codePad")
        self.keys: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACING * 3)
        letter_grid = QGridLayout()
        letter_grid.setSpacing(SPACING)
        for i, letter in enumerate(letters):
            letter_grid.addWidget(self._key(letter), i // columns, i % columns)
        letter_grid.setRowStretch(letter_grid.rowCount(), 1)
        digit_grid = QGridLayout()
        digit_grid.setSpacing(SPACING)
        for i, digit in enumerate("123456789"):
            digit_grid.addWidget(self._key(digit), i // 3, i % 3)
        self.backspace_key = make_key("⌫", "backspace", "action")
        self.backspace_key.clicked.connect(self.backspace)
        digit_grid.addWidget(self._key("0"), 3, 0, 1, 2)
        digit_grid.addWidget(self.backspace_key, 3, 2)
        row.addLayout(letter_grid)
        row.addLayout(digit_grid)
        self.pad_row = row
        self.letter_columns = min(columns, len(letters))
        self.retranslate()

    def _width(self, key_px: int) -> int:
        """The pad's width with keys ``key_px`` wide (and their borders)."""
        key = key_px + 2 * KEY_BORDER_PX
        return (self.letter_columns * key + (self.letter_columns - 1) * SPACING + self.pad_row.spacing()
                + 3 * key + 2 * SPACING)

    def sizeHint(self) -> QSize:
        return QSize(self._width(KEY_PX), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        # Narrower keys where the usual ones do not fit (a portrait screen).
        return QSize(self._width(COMPACT_KEY_PX), super().minimumSizeHint().height())

    def _fit(self, width: int) -> None:
        set_compact([*self.keys.values(), self.backspace_key], width < self._width(KEY_PX))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit(event.size().width())

    def _key(self, char: str) -> QPushButton:
        key = make_key(char, f"char-{char}")
        key.setProperty("char", char)
        key.clicked.connect(lambda _=False, c=char: self.typed.emit(c))
        self.keys[char] = key
        return key

    def retranslate(self) -> None:
        self.backspace_key.setAccessibleName(self.tr("Delete the last character"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
