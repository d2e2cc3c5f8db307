"""Where the offscreen platform's one screen is smaller than the kiosk window.

Qt's offscreen screen is 800×600 unless configured; the window is 1920×1080 or
1080×1920. A kinetic scroll area (QScroller) holds each press for 250 ms and
then hands it to whatever ``QApplication.widgetAt()`` finds at the finger's
global position, which off that screen is nothing: the press is lost, and a
tap on a button in a scrollable area does nothing (or, as the second tap of a
double-click, something). On a real display the same taps work (checked under
Xvfb). :func:`presses_reach_buttons` lets a test's taps through anyway: every
scroller in the window passes presses on at once, so what is tested is still a
real touch hit-testing its way to the key under the finger."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractScrollArea, QScroller, QScrollerProperties, QWidget


def screen_covers(window: QWidget) -> bool:
    """Whether the primary screen holds the whole window (a real display, or a configured offscreen one)."""
    screen = QGuiApplication.primaryScreen()
    return screen is not None and screen.geometry().contains(window.frameGeometry())


def presses_reach_buttons(window: QWidget) -> None:
    """Where the screen is smaller than ``window``: its scrollers pass presses on without holding them."""
    if screen_covers(window):
        return
    for area in window.findChildren(QAbstractScrollArea):
        if not QScroller.hasScroller(area.viewport()):
            continue
        scroller = QScroller.scroller(area.viewport())
        properties = scroller.scrollerProperties()
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
        scroller.setScrollerProperties(properties)
