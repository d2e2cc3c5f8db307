"""What every admin tab shares: a finger-scrolled body, a status line,
buttons made the house way, and retranslation."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.store import StoreError
from ui.admin.session import AdminSession
from ui.context import UiContext
from ui.widgets.labels import label, set_role
from ui.widgets.screen import kinetic_scroll_area, scroll_hint, set_direction

# A tab narrower than this (a portrait or 1280 px screen) puts its side panel below the list.
NARROW_PAGE_PX = 1500
QWIDGETSIZE_MAX = (1 << 24) - 1

log = logging.getLogger(__name__)


def admin_button(name: str, *, primary: bool = False, checkable: bool = False) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if primary:
        button.setProperty("kind", "primary")
    button.setCheckable(checkable)
    return button


def set_button_text(button: QPushButton, text: str) -> None:
    button.setText(text)
    button.setAccessibleName(text)


def card(name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setProperty("cardName", name)
    inside = QVBoxLayout(frame)
    inside.setContentsMargins(24, 14, 24, 14)
    inside.setSpacing(6)
    return frame, inside


def restyle(widget: QWidget, role: str) -> None:
    set_role(widget, role)


def repolish(widget: QWidget) -> None:
    """Apply the stylesheet again after a property it selects on changed (to children too)."""
    for each in (widget, *widget.findChildren(QWidget)):
        each.style().unpolish(each)
        each.style().polish(each)


def mark_chosen(widget: QWidget, chosen: bool) -> None:
    """Show a tile or button as the one picked (the stylesheet's ``chosen`` property)."""
    if bool(widget.property("chosen")) != chosen:
        widget.setProperty("chosen", chosen)
        repolish(widget)


class AdminPage(QWidget):
    """One tab of admin mode.

    Subclasses add widgets to :attr:`body`, set texts in :meth:`retranslate`
    and read the store in :meth:`refresh` (called each time the tab is shown).
    """

    page_name = "page"

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.setObjectName(f"admin-{self.page_name}")
        self.setAccessibleName(self.page_name)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(18)
        self.scroll_area = kinetic_scroll_area(content, f"admin-{self.page_name}-scroll")
        # The scroll area has no bar: a fade and an arrow say when more lies below.
        self.scroll_hint = scroll_hint(self.scroll_area)
        row = QHBoxLayout()
        row.setSpacing(28)
        row.addWidget(self.scroll_area, 1)
        # A panel beside the scrolled list for pages where one picks an item and
        # acts on it; it scrolls on its own, so its buttons are never squeezed.
        side_content = QWidget()
        self.side = QVBoxLayout(side_content)
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.setSpacing(12)
        self.side_panel = kinetic_scroll_area(side_content, f"admin-{self.page_name}-side")
        self.side_hint = scroll_hint(self.side_panel)
        self.side_panel.setVisible(False)
        row.addWidget(self.side_panel, 1)
        self.row = row
        self._side_width = 0
        self._side_below = False
        outer.addLayout(row, 1)
        # The outcome of the last action, outside the scroll so it is always seen.
        self.outcome = label("ok", name=f"admin-{self.page_name}-outcome")
        self.outcome.setVisible(False)
        outer.addWidget(self.outcome)
        self._status_text: Callable[[], str] = lambda: ""

    def use_side_panel(self, width: int) -> None:
        self._side_width = width
        self.side_panel.setFixedWidth(width)
        self.side_panel.setVisible(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a narrow screen the side panel goes below the list, as wide as the tab.
        narrow = event.size().width() < NARROW_PAGE_PX
        if self._side_width and narrow != self._side_below:
            self._side_below = narrow
            set_direction(self.row, across=not narrow)
            if narrow:
                self.side_panel.setMinimumWidth(0)
                self.side_panel.setMaximumWidth(QWIDGETSIZE_MAX)
            else:
                self.side_panel.setFixedWidth(self._side_width)

    @property
    def role(self) -> str | None:
        return self.session.role

    def say(self, text: Callable[[], str], *, problem: bool = False) -> None:
        """Show the outcome of an action; a callable, so it follows language changes."""
        self._status_text = text
        restyle(self.outcome, "warning" if problem else "ok")
        self._show_status()

    def _show_status(self) -> None:
        text = self._status_text()
        self.outcome.setText(text)
        self.outcome.setVisible(bool(text))

    def act(self, action: Callable[[], object]) -> bool:
        """Run a store-writing action; a store failure is said, not raised."""
        try:
            action()
        except StoreError as exc:
            log.error("admin action failed: %s", exc)
            self.say(lambda: self.tr("The kiosk could not save this. Please try again."), problem=True)
            return False
        return True

    def retranslate(self) -> None:
        """Set every text in the current language."""

    def refresh(self) -> None:
        """Read the store again and show it."""
        self.retranslate()

    def reset(self) -> None:
        """Forget what was typed or chosen here, and the last outcome."""
        self.say(lambda: "")
        self.scroll_area.verticalScrollBar().setValue(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._show_status()
        super().changeEvent(event)
