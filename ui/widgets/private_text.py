"""Text fields that keep a visitor's words away from the clipboard and the X selection.

A kiosk is shared: whatever one visitor types (a ticket number, a comment with a
phone number) must not reach the next visitor or another program on the display,
and nothing another program put on the clipboard may land in a visitor's field.
:class:`PrivateLineEdit` and :class:`PrivatePlainTextEdit` therefore

- drop every paste, cut and copy key (Ctrl+V/C/X, Shift+Insert, Shift+Delete,
  Ctrl+Insert, and the platform's other bindings of the same actions);
- take nothing from the middle button (X11's "paste the primary selection");
- never hand a selection to the system: the line field skips the mouse release in
  which QLineEdit publishes a mouse selection as the X primary selection, and the
  text box's selection carries no text (``createMimeDataFromSelection``), whether
  copied, cut or published as the primary selection.

:func:`clear_clipboard` empties the clipboard and the selection (the navigator
calls it on the way Home).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

_CLIPBOARD_KEYS = (QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut, QKeySequence.StandardKey.Copy)
# Also the X11/Windows bindings, whatever the platform's key theme says.
_CLIPBOARD_CHORDS = frozenset({
    (Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier),
    (Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier),
})
_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
              | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)


def is_clipboard_key(event: QKeyEvent) -> bool:
    """Whether a key press asks for paste, cut or copy."""
    if any(event.matches(action) for action in _CLIPBOARD_KEYS):
        return True
    modifiers = event.modifiers() & _MODIFIERS
    return any(event.key() == key and modifiers == mods for key, mods in _CLIPBOARD_CHORDS)


def clear_clipboard() -> None:
    """Empty the clipboard and (where the system has one) the primary selection."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear(QClipboard.Mode.Clipboard)
    if clipboard.supportsSelection():
        clipboard.clear(QClipboard.Mode.Selection)


def _drops(event: QEvent) -> bool:
    """Whether a field must swallow ``event`` (a paste, cut or copy key)."""
    return isinstance(event, QKeyEvent) and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
        and is_clipboard_key(event)


class PrivateLineEdit(QLineEdit):
    """A one-line field that neither reads from nor writes to the clipboard or the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)

    def event(self, event: QEvent) -> bool:
        if _drops(event):
            event.accept()
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # QLineEdit copies a mouse selection onto the X selection here (and pastes it
        # on a middle click): neither may happen, so the release stops at this class.
        event.accept()


class PrivatePlainTextEdit(QPlainTextEdit):
    """A multi-line field that neither reads from nor writes to the clipboard or the selection."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)

    def event(self, event: QEvent) -> bool:
        if _drops(event):
            event.accept()
            return True
        return super().event(event)

    # A paste by any route (keys, the middle button, a drop) inserts through these two.
    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return False

    def insertFromMimeData(self, source: QMimeData) -> None:
        return  # no paste, by any route

    def createMimeDataFromSelection(self) -> QMimeData:
        return QMimeData()  # a selection (copied, cut, or the X selection) carries nothing
