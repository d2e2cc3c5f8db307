"""Colours, fonts and the application stylesheet.

The UI font is named explicitly (PT Sans, then Noto Sans, then DejaVu Sans)
so that layout and screenshots are the same on every machine. Sizes are in
pixels for a 1920x1080 touchscreen and scale with the text size setting.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase

FONT_FAMILIES = ("PT Sans", "Noto Sans", "DejaVu Sans")

# Minimum sizes promised in the brief (pixels at 1080p).
MIN_TOUCH_PX = 80
MIN_BODY_PX = 24
# On-screen keyboard keys: the usual width, and the narrower one where a row
# would not fit across the screen otherwise (never below a full tap target).
KEY_PX = 128
COMPACT_KEY_PX = MIN_TOUCH_PX


@dataclass(frozen=True)
class Palette:
    """Theme colours; every text/background pair here has contrast >= 4.5:1."""

    background: str = "#F3F5F8"
    surface: str = "#FFFFFF"
    text: str = "#17212F"
    muted: str = "#4A5566"
    primary: str = "#1D5AA6"
    on_primary: str = "#FFFFFF"
    primary_pressed: str = "#143F75"
    border: str = "#C9D1DC"
    bar: str = "#17212F"
    on_bar: str = "#FFFFFF"
    warn_bg: str = "#FFF1CC"
    warn_text: str = "#5A3B00"
    ok_text: str = "#17602C"
    disabled_bg: str = "#E3E7ED"
    disabled_text: str = "#4A5566"
    pressed_bg: str = "#C9D1DC"  # a pressed button; its text keeps the text colour
    bar_edge: str = "#17212F"  # the line between a bar and the page (the bar's own colour: none)


DEFAULT_PALETTE = Palette()


@dataclass(frozen=True)
class Sizes:
    """Font and control sizes in pixels."""

    scale: float = 1.0

    def px(self, base: float) -> int:
        return round(base * self.scale)

    @property
    def body(self) -> int:
        return self.px(28)

    @property
    def small(self) -> int:
        return self.px(24)

    @property
    def title(self) -> int:
        return self.px(46)

    @property
    def tile_title(self) -> int:
        return self.px(32)

    @property
    def ticket_number(self) -> int:
        # Already huge at 180 px; growing it 1.5x with large text would push the
        # service and the wait out of view for no gain in legibility.
        return min(self.px(180), 200)

    @property
    def touch(self) -> int:
        return max(MIN_TOUCH_PX, self.px(88))

    @property
    def grade_word(self) -> int:
        # The word under a grade's face; five of them side by side must fit a
        # 1080 px portrait screen, so it grows less than the page with large text.
        return min(self.px(24), 30)

    # The bars hold a fixed set of controls in one row across the screen; they
    # grow less than the page with large text so that the row still fits 1920 px.
    @property
    def bar_title(self) -> int:
        return min(self.px(30), 34)

    @property
    def bar_text(self) -> int:
        return min(self.px(28), 32)

    @property
    def bar_touch(self) -> int:
        return max(MIN_TOUCH_PX, min(self.px(88), 96))


def pick_font_family() -> str:
    """The first of :data:`FONT_FAMILIES` installed on this machine."""
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    return QFont().defaultFamily()


def stylesheet(family: str, sizes: Sizes, p: Palette = DEFAULT_PALETTE) -> str:
    """The application-wide Qt stylesheet."""
    return f"""
    QWidget {{ font-family: "{family}"; font-size: {sizes.body}px; color: {p.text}; }}
    QMainWindow, QStackedWidget, QWidget#screen, QScrollArea, QWidget#scrollContent {{
        background: {p.background};
    }}
    QLabel {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {sizes.title}px; font-weight: bold; }}
    QLabel[role="subtitle"] {{ font-size: {sizes.body}px; color: {p.muted}; }}
    QLabel[role="section"] {{ font-size: {sizes.px(34)}px; font-weight: bold; }}
    QLabel[role="small"] {{ font-size: {sizes.small}px; color: {p.muted}; }}
    QLabel[role="warning"] {{
        background: {p.warn_bg}; color: {p.warn_text}; border-radius: 12px;
        padding: {sizes.px(14)}px {sizes.px(20)}px; font-size: {sizes.body}px;
    }}
    QLabel[role="ticketNumber"] {{ font-size: {sizes.ticket_number}px; font-weight: bold; color: {p.text}; }}
    QLabel[role="ticketCaption"] {{ font-size: {sizes.px(34)}px; color: {p.muted}; }}
    QLabel[role="callout"] {{ font-size: {sizes.px(36)}px; font-weight: bold; }}
    QLabel[role="ok"] {{ font-size: {sizes.body}px; color: {p.ok_text}; }}
    QLabel[role="reading"] {{ font-size: {sizes.px(32)}px; }}
    QLabel[role="promiseFigure"] {{ font-size: {sizes.px(72)}px; font-weight: bold; }}
    QWidget#topBar, QWidget#bottomBar {{ background: {p.bar}; }}
    QWidget#topBar {{ border-bottom: 3px solid {p.bar_edge}; }}
    QWidget#bottomBar {{ border-top: 3px solid {p.bar_edge}; }}
    QWidget#topBar QLabel, QWidget#bottomBar QLabel {{ color: {p.on_bar}; }}
    QWidget#topBar QLabel {{ font-size: {sizes.bar_title}px; }}
    QLabel#centreName {{ font-size: {sizes.bar_title}px; font-weight: bold; }}
    QLabel#clock {{ font-size: {sizes.bar_title}px; }}
    QPushButton {{
        min-height: {sizes.touch}px; padding: 0 {sizes.px(28)}px; border-radius: 14px;
        background: {p.surface}; border: 2px solid {p.border}; color: {p.text};
        font-size: {sizes.body}px;
    }}
    QPushButton:pressed {{ background: {p.pressed_bg}; }}
    QPushButton[kind="primary"] {{
        background: {p.primary}; color: {p.on_primary}; border: 2px solid {p.primary}; font-weight: bold;
    }}
    QPushButton[kind="primary"]:pressed {{ background: {p.primary_pressed}; }}
    QPushButton[kind="primary"]:disabled {{
        background: {p.disabled_bg}; color: {p.disabled_text}; border-color: {p.border};
    }}
    QPushButton[wide="true"] {{ min-width: {sizes.px(320)}px; font-size: {sizes.px(32)}px; }}
    QWidget#bottomBar QPushButton {{
        background: {p.bar}; color: {p.on_bar}; border: 2px solid {p.on_bar};
        font-size: {sizes.bar_text}px; min-height: {sizes.bar_touch}px; padding: 0 {min(sizes.px(28), 30)}px;
    }}
    QWidget#bottomBar QPushButton:checked {{ background: {p.on_bar}; color: {p.bar}; font-weight: bold; }}
    QPushButton#tile {{ padding: 0; text-align: left; }}
    QPushButton#tile QLabel[role="tileTitle"] {{ font-size: {sizes.tile_title}px; font-weight: bold; }}
    QPushButton#tile QLabel[role="tileDetail"] {{ font-size: {sizes.small}px; color: {p.muted}; }}
    QPushButton#tile QLabel[role="tileBadge"] {{
        font-size: {sizes.px(40)}px; font-weight: bold; color: {p.on_primary}; background: {p.primary};
        border-radius: 10px; padding: 0 {sizes.px(12)}px;
    }}
    QPushButton#tile[kind="primary"] QLabel[role="tileTitle"],
    QPushButton#tile[kind="primary"] QLabel[role="tileDetail"] {{ color: {p.on_primary}; }}
    QPushButton#tile[hero="true"] QLabel[role="tileTitle"] {{ font-size: {sizes.px(60)}px; }}
    QPushButton#tile[hero="true"] QLabel[role="tileDetail"] {{ font-size: {sizes.body}px; }}
    QPushButton#tile:disabled {{ background: {p.disabled_bg}; border-color: {p.border}; }}
    QPushButton#tile QLabel[role="tileTitle"]:disabled,
    QPushButton#tile QLabel[role="tileDetail"]:disabled {{ color: {p.disabled_text}; }}
    QPushButton#tile QLabel[role="tileBadge"]:disabled {{ background: {p.disabled_text}; }}
    QFrame#card {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 18px; }}
    QLineEdit[role="codeField"] {{
        font-size: {sizes.px(64)}px; font-weight: bold; min-height: {sizes.px(112)}px; padding: 0 {sizes.px(24)}px;
        background: {p.surface}; border: 3px solid {p.primary}; border-radius: 14px; color: {p.text};
    }}
    QPlainTextEdit[role="commentField"] {{
        font-size: {sizes.px(34)}px; padding: {sizes.px(10)}px; background: {p.surface};
        border: 3px solid {p.primary}; border-radius: 14px; color: {p.text}; min-height: 130px;
    }}
    /* Keyboard keys keep their size in large-text mode (only the letters grow):
       larger keys would no longer fit a row across the screen. */
    QPushButton[key="char"], QPushButton[key="action"], QPushButton[key="space"] {{
        min-width: {KEY_PX}px; min-height: 88px; max-height: 88px; padding: 0; font-size: {sizes.px(34)}px;
    }}
    QPushButton[key="action"] {{ min-width: 170px; font-weight: bold; }}
    QPushButton[key="action"]:checked {{
        background: {p.primary}; color: {p.on_primary}; border-color: {p.primary_pressed};
    }}
    QPushButton[key="space"] {{ min-width: 460px; }}
    /* Narrower keys where the usual ones do not fit across (a portrait screen), still a full tap target. */
    QPushButton[key="char"][compact="true"] {{ min-width: {COMPACT_KEY_PX}px; }}
    QPushButton[key="action"][compact="true"] {{ min-width: 120px; }}
    QPushButton[key="space"][compact="true"] {{ min-width: 240px; }}
    QLabel[role="criterion"] {{ font-size: {sizes.px(30)}px; font-weight: bold; }}
    QPushButton[gradeButton="true"] {{ padding: 0; min-height: {sizes.touch}px; }}
    QPushButton[gradeButton="true"]:checked {{ background: {p.primary}; border: 4px solid {p.primary_pressed}; }}
    QLabel[role="gradeWord"] {{ font-size: {sizes.grade_word}px; color: {p.text}; }}
    QLabel[role="gradeWord"][chosen="true"] {{ color: {p.on_primary}; font-weight: bold; }}
    QFrame#quickRating {{ background: {p.surface}; border: 2px solid {p.border}; border-radius: 18px; }}
    QLabel[role="quickPrompt"] {{ font-size: {sizes.px(30)}px; font-weight: bold; }}
    QLabel[role="quickThanks"] {{ font-size: {sizes.px(30)}px; font-weight: bold; color: {p.ok_text}; }}
    QFrame#quickRatingCompact QLabel[role="quickPrompt"],
    QFrame#quickRatingCompact QLabel[role="quickThanks"] {{ font-size: {sizes.px(26)}px; }}
    QLabel[role="banner"] {{
        background: {p.warn_bg}; color: {p.warn_text}; border: 2px solid {p.warn_text}; border-radius: 14px;
        padding: {sizes.px(16)}px {sizes.px(24)}px; font-size: {sizes.px(32)}px; font-weight: bold;
    }}
    QLabel[role="pinDisplay"] {{
        font-size: {sizes.px(56)}px; background: {p.surface}; border: 3px solid {p.primary}; border-radius: 14px;
        min-height: {sizes.px(100)}px; padding: 0 {sizes.px(20)}px;
    }}
    QPushButton[adminTab="true"], QPushButton[choice="true"] {{ padding: 0 {sizes.px(18)}px; }}
    QPushButton[adminTab="true"]:checked, QPushButton[choice="true"]:checked, QPushButton[chosen="true"] {{
        background: {p.primary}; color: {p.on_primary}; border: 2px solid {p.primary_pressed}; font-weight: bold;
    }}
    QPushButton#tile[chosen="true"] QLabel[role="tileTitle"],
    QPushButton#tile[chosen="true"] QLabel[role="tileDetail"] {{ color: {p.on_primary}; }}
    QPushButton[danger="true"] {{
        background: {p.warn_bg}; color: {p.warn_text}; border: 3px solid {p.warn_text}; font-weight: bold;
    }}
    QWidget[chart="true"] {{
        color: {p.text}; qproperty-barColour: {p.primary}; qproperty-axisColour: {p.border};
    }}
    QWidget#bannerKeys QPushButton {{ min-height: {MIN_TOUCH_PX}px; }}
    QWidget#bannerKeys QPushButton[key="char"] {{ min-width: 112px; }}
    QWidget#bannerKeys QPushButton[key="char"][compact="true"] {{ min-width: {COMPACT_KEY_PX}px; }}
    QLineEdit[role="bannerField"] {{
        font-size: {sizes.px(30)}px; min-height: {MIN_TOUCH_PX}px; padding: 0 {sizes.px(16)}px;
        background: {p.surface}; border: 2px solid {p.border}; border-radius: 14px; color: {p.text};
    }}
    QLineEdit[role="bannerField"][active="true"] {{ border: 3px solid {p.primary}; }}
    QPlainTextEdit#logView {{
        font-family: "DejaVu Sans Mono", monospace; font-size: {sizes.small}px; background: {p.surface};
        border: 2px solid {p.border}; border-radius: 10px; color: {p.text};
    }}
    QScrollBar:vertical {{ width: 0px; }}
    """
