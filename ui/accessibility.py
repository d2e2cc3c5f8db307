"""Large text and high contrast, switched by the visitor on every screen.

Both work by rebuilding the stylesheet from :mod:`ui.theme`: ``Sizes(scale)``
for the text size and a second :class:`~ui.theme.Palette` for the contrast.
Qt re-polishes the widgets, fonts change, and layouts recompute their heights,
so screens need no code of their own for either mode.

The application keeps the default stylesheet; another mode's stylesheet is set
on the bars and on the screen in view, and on each further screen as it is
shown. Re-polishing the whole window (some 500 widgets) takes half a second,
too slow for a tap; one screen and the bars take a fraction of that.

Both switches go back to the defaults when the kiosk returns Home (the next
visitor starts afresh).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ui.theme import DEFAULT_PALETTE, Palette, Sizes, stylesheet

log = logging.getLogger(__name__)

LARGE_SCALE = 1.5

# White and yellow on black: every text/background pair here has a contrast of
# at least 7:1 (WCAG AAA); tests/ui/test_a11y_theme.py checks each pair.
HIGH_CONTRAST_PALETTE = Palette(
    background="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#E0E0E0",
    primary="#FFE14D",
    on_primary="#000000",
    primary_pressed="#D6B800",
    border="#FFFFFF",
    bar="#000000",
    on_bar="#FFFFFF",
    warn_bg="#FFE14D",
    warn_text="#000000",
    ok_text="#8DF5A0",
    disabled_bg="#2E2E2E",
    disabled_text="#D4D4D4",
    pressed_bg="#3A3A3A",
    bar_edge="#FFFFFF",
)

MIN_CONTRAST = 4.5  # WCAG AA, the default theme
MIN_CONTRAST_HIGH = 7.0  # WCAG AAA, the high-contrast theme


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: QColor | str) -> float:
    """WCAG relative luminance of an opaque colour."""
    c = QColor(color)
    return 0.2126 * _linear(c.red()) + 0.7152 * _linear(c.green()) + 0.0722 * _linear(c.blue())


def contrast_ratio(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio, 1.0 (none) to 21.0 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Accessibility(QObject):
    """The visitor's text size and theme, applied to the whole application.

    Signals:
        changed(): after the stylesheet was rebuilt for a new setting.
    """

    changed = Signal()

    def __init__(self, family: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.family = family
        self.large = False
        self.high_contrast = False
        self._sheet = ""  # empty: the application's default stylesheet applies
        self._always: tuple[QWidget, ...] = ()
        self._current: QWidget | None = None

    def follow(self, *always: QWidget) -> None:
        """Style these widgets (the bars) in every mode, besides the screen in view."""
        self._always = always

    def show_on(self, screen: QWidget) -> None:
        """Style ``screen`` for the current mode, if it is not already; call as it comes into view."""
        self._current = screen
        self._style(screen)

    def _style(self, widget: QWidget) -> None:
        if widget.styleSheet() != self._sheet:
            widget.setStyleSheet(self._sheet)

    @property
    def sizes(self) -> Sizes:
        return Sizes(LARGE_SCALE if self.large else 1.0)

    @property
    def palette(self) -> Palette:
        return HIGH_CONTRAST_PALETTE if self.high_contrast else DEFAULT_PALETTE

    @property
    def min_contrast(self) -> float:
        """The contrast every text must reach in the current theme."""
        return MIN_CONTRAST_HIGH if self.high_contrast else MIN_CONTRAST

    def set_large(self, on: bool) -> None:
        self._set(on, self.high_contrast)

    def set_high_contrast(self, on: bool) -> None:
        self._set(self.large, on)

    def reset(self) -> None:
        """Normal text, default theme (for the next visitor)."""
        self._set(False, False)

    def set_mode(self, large: bool, high_contrast: bool) -> None:
        """Both settings at once (one re-polish instead of two)."""
        self._set(large, high_contrast)

    def _set(self, large: bool, high_contrast: bool) -> None:
        if (large, high_contrast) == (self.large, self.high_contrast):
            return  # re-polishing every widget is not free: only on a real change
        self.large, self.high_contrast = large, high_contrast
        self._sheet = stylesheet(self.family, self.sizes, self.palette) if (large or high_contrast) else ""
        for widget in (*self._always, *([self._current] if self._current is not None else [])):
            self._style(widget)
        log.info("text size %s, %s theme", "large" if large else "normal",
                 "high-contrast" if high_contrast else "default")
        self.changed.emit()


def switch_button(name: str) -> QPushButton:
    """A checkable bottom-bar button that says what it does in words."""
    button = QPushButton()
    button.setObjectName(name)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class AccessibilitySwitches(QWidget):
    """The text-size, contrast and (when an engine speaks the language) voice switches.

    Each says its state in words as well as by its colours: a check mark
    precedes the name of a switch that is on.

    Signals:
        voice_toggled(bool): the visitor switched the voice on or off.
    """

    voice_toggled = Signal(bool)

    def __init__(self, access: Accessibility, voice_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accessibilitySwitches")
        self.access = access
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        self.large_button = switch_button("largeTextSwitch")
        self.contrast_button = switch_button("contrastSwitch")
        self.voice_button = switch_button("voiceSwitch")
        self.voice_button.setVisible(voice_available)
        for button in (self.large_button, self.contrast_button, self.voice_button):
            row.addWidget(button)
        self.large_button.toggled.connect(access.set_large)
        self.contrast_button.toggled.connect(access.set_high_contrast)
        self.voice_button.toggled.connect(self.voice_toggled)
        for button in (self.large_button, self.contrast_button, self.voice_button):
            button.toggled.connect(self.retranslate)
        access.changed.connect(self.sync)
        self.retranslate()

    def sync(self) -> None:
        """Show the settings as they are (after a reset, for instance)."""
        for button, on in ((self.large_button, self.access.large),
                           (self.contrast_button, self.access.high_contrast)):
            if button.isChecked() != on:
                button.setChecked(on)

    def set_voice(self, on: bool, available: bool = True) -> None:
        """Show the voice switch's state; shown only while ``available`` (an engine loaded
        at start-up that speaks the current language, see ui/voice.py)."""
        self.voice_button.setVisible(available)
        if self.voice_button.isChecked() != on:
            self.voice_button.blockSignals(True)
            self.voice_button.setChecked(on)
            self.voice_button.blockSignals(False)
            self.retranslate()

    def retranslate(self) -> None:
        names = ((self.large_button, self.tr("Large text")),
                 (self.contrast_button, self.tr("High contrast")),
                 (self.voice_button, self.tr("Voice")))
        for button, name in names:
            # The mark says "on" in a way that does not depend on colour.
            button.setText(("✓ " if button.isChecked() else "") + name)
            button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
