"""Label helpers: every label is plain text, so nothing from a catalog, a
server or a config file can become a link or markup on a public screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def label(role: str | None = None, *, name: str | None = None, wrap: bool = True,
          parent: QWidget | None = None, align: Qt.AlignmentFlag | None = None) -> QLabel:
    """A plain-text label with a stylesheet role."""
    widget = QLabel(parent)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setOpenExternalLinks(False)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    if align is not None:
        widget.setAlignment(align)
    return widget


def set_role(widget: QWidget, role: str) -> None:
    """Change a widget's stylesheet role and apply the role's look at once.

    ``unpolish``/``polish`` alone updates colours but keeps the old box model,
    so a label that becomes a padded warning would keep its text flush to the
    edge. Setting the widget's own (empty, commented) stylesheet to a new value
    makes Qt rebuild its style completely, padding included.
    """
    if widget.property("role") == role and widget.styleSheet():
        return
    widget.setProperty("role", role)
    widget.setStyleSheet(f"/* role: {role} */")


def breakable(text: str) -> str:
    """``text`` that may wrap after its separators (a zero-width space after each
    of ``/.-?&=_``), so a long address or path wraps inside its label instead of
    pushing the label wider."""
    return "".join(c + "\u200b" if c in "/.-?&=_" else c for c in text)
