"""Building the visit screens on their own for tests: a UiContext over the test store,
a translator installed, the kiosk's stylesheet in each mode."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.tickets import TicketDesk
from ui.accessibility import HIGH_CONTRAST_PALETTE, LARGE_SCALE
from ui.context import UiContext
from ui.i18n import LanguageManager
from ui.theme import DEFAULT_PALETTE, Sizes, pick_font_family, stylesheet


def make_ctx(config: Config, catalog: Catalog, desk: TicketDesk, language: str = "ru") -> Iterator[UiContext]:
    manager = LanguageManager("ru")
    manager.set_language(language)
    yield UiContext(config=config, catalog=catalog, desk=desk, language=manager)
    manager.uninstall()
    # The screens answer the language change now, while the store they read is still open.
    QCoreApplication.sendPostedEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def show(qtbot: QtBot, widget: QWidget, *, large: bool = False, contrast: bool = False) -> None:
    """Show ``widget`` as a 1920×1080 window styled as the kiosk styles a screen in that mode."""
    widget.setStyleSheet(stylesheet(pick_font_family(), Sizes(LARGE_SCALE if large else 1.0),
                                    HIGH_CONTRAST_PALETTE if contrast else DEFAULT_PALETTE))
    widget.resize(1920, 1080)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=2000)
