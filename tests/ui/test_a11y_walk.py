"""Every screen in the window's stack, in every combination of language, text
size and theme, passes the checks a visitor's eyes and fingers would make:

- English screens show no Russian words and Russian screens no text without
  Russian (data that is the same in both, such as ticket numbers, aside); and,
  comparing the two languages widget by widget, every visible text changes
  with the language (nothing escaped translation);
- every visible button is a tap target at least 80 px high and wide, with an
  accessible name;
- every visible text reaches the theme's minimum contrast (4.5:1, or 7:1 in
  high contrast), measured on the rendered window: the colour painted most in
  the widget against the colour that stands out most from it (the palette is
  not enough: it does not follow ``:checked`` colours of the stylesheet, and a
  transparent label's palette says nothing about what is behind it);
- no label's text is clipped (shorter or narrower than its text needs), pushed
  outside its parent, or overlapping another label;
- no text is smaller than 24 px.

Screens are found through ``window.every_screen()``, so screens added later are walked too.
A screen that needs data is reached through the visitor's real flow (a ticket
is taken for the ticket screen); any other screen is simply shown.
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from kiosk.config import Config
from ui.accessibility import luminance
from ui.app import Kiosk
from ui.main_window import KioskWindow
from ui.theme import MIN_BODY_PX, MIN_TOUCH_PX
from ui.widgets.screen import Screen

CYRILLIC = re.compile("[А-Яа-яЁё]")
LATIN = re.compile("[A-Za-z]")
# Texts that are the same in both languages on purpose: the language buttons
# name themselves, a ticket number and its letter are data, the website address
# and the clock are not words.
SAME_IN_BOTH = {"language-ru", "language-en", "ticketNumber", "tileBadge", "aboutWebsiteAddress", "clock"}
# On-screen keyboard keys show letters of an alphabet, and the layout switch
# names the alphabet it switches to ("АБВ" on the Latin layout): not words.
SAME_IN_BOTH_PREFIXES = ("key-char-", "key-switch")


def same_in_both(name: str) -> bool:
    return name in SAME_IN_BOTH or name.startswith(SAME_IN_BOTH_PREFIXES)

COMBINATIONS = [(False, False), (True, False), (False, True), (True, True)]


def settle() -> None:
    """Let queued polish, font and layout events run (no waiting on time)."""
    for _ in range(2):
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def window_rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` not cut off by its ancestors (a scroll area's viewport, say)."""
    rect = window_rect(widget, window)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(window_rect(parent, window))
        parent = parent.parentWidget()
    return rect.intersected(window.rect())


def shown(window: QWidget, kind: type[QWidget]) -> Iterator[QWidget]:
    for widget in window.findChildren(kind):
        if widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0:
            yield widget


def text_of(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""


def key(widget: QWidget, window: QWidget) -> str:
    """A path that names the same widget in two walks (before and after a language change)."""
    parts = []
    while widget is not None and widget is not window:
        parent = widget.parentWidget()
        index = parent.children().index(widget) if parent is not None else 0
        parts.append(f"{widget.objectName() or type(widget).__name__}:{index}")
        widget = parent
    return "/".join(reversed(parts))


def name_of(widget: QWidget) -> str:
    screen = widget
    while screen is not None and not isinstance(screen, Screen):
        screen = screen.parentWidget()
    where = screen.screen_name if isinstance(screen, Screen) else "bars"
    return f"{where}: {type(widget).__name__} {widget.objectName()!r} {text_of(widget)[:40]!r}"


class Pixels:
    """A grabbed window's pixels, counted fast (memoryview slices are counted in C)."""

    def __init__(self, window: QWidget) -> None:
        self.image = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        self.stride = self.image.bytesPerLine() // 4
        self.data = memoryview(self.image.constBits()).cast("I")

    def colours(self, rect: QRect) -> collections.Counter[int]:
        """Colours in ``rect``; in every third row only for a tall block of text, whose
        upright strokes run over many rows (a lone full stop gets every row)."""
        counts: collections.Counter[int] = collections.Counter()
        for y in range(rect.top(), rect.bottom() + 1, 3 if rect.height() > 160 else 1):
            start = y * self.stride + rect.left()
            counts.update(self.data[start:start + rect.width()])
        return counts


@functools.cache
def luminance_of(rgb: int) -> float:
    return luminance(QColor.fromRgb(rgb))


def ratio_of(first: int, second: int) -> float:
    high, low = sorted((luminance_of(first), luminance_of(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_contrast(pixels: Pixels, rect: QRect) -> tuple[QColor, QColor, float]:
    """(text colour, background, ratio) as painted in ``rect``.

    The background is the colour painted most; the text colour is the one that
    stands out most from it among colours painted more than a few times (the
    cores of the glyph strokes; anti-aliased edges lie between the two).
    Measured, not read from the palette: a widget's palette does not follow
    state-dependent stylesheet colours such as ``:checked``, and a transparent
    label's palette says nothing about what is painted behind it.
    """
    counts = pixels.colours(rect)
    behind = counts.most_common(1)[0][0]
    best, best_ratio = behind, 1.0
    for rgb, count in counts.items():
        if count >= 3:
            ratio = ratio_of(rgb, behind)
            if ratio > best_ratio:
                best, best_ratio = rgb, ratio
    return QColor.fromRgb(best), QColor.fromRgb(behind), best_ratio


def layout_problems(window: QWidget) -> list[str]:
    """Clipped, displaced or overlapping labels; small or unnamed tap targets; small text."""
    found: list[str] = []
    labels = [w for w in shown(window, QLabel) if w.text()]
    for lab in labels:
        assert isinstance(lab, QLabel)
        if lab.wordWrap():
            needed = lab.heightForWidth(lab.width())
            if lab.height() + 1 < needed:
                found.append(f"{name_of(lab)}: {lab.height()} px high, its text needs {needed}")
            room = lab.contentsRect().width()
            for word in lab.text().split():
                if lab.fontMetrics().horizontalAdvance(word) > room + 1:
                    found.append(f"{name_of(lab)}: the word {word!r} is wider than the label ({room} px)")
                    break
        else:
            hint = lab.minimumSizeHint()
            if lab.width() + 1 < hint.width() or lab.height() + 1 < hint.height():
                found.append(f"{name_of(lab)}: {lab.width()}x{lab.height()} px, its text needs "
                             f"{hint.width()}x{hint.height()}")
        widget: QWidget = lab
        while widget.parentWidget() is not None and widget is not window:
            parent = widget.parentWidget()
            geometry, room_rect = widget.geometry(), parent.rect().adjusted(-1, -1, 1, 1)
            if isinstance(parent.parentWidget(), QScrollArea):
                # Content may run below a scroll area's viewport (that is what
                # scrolling is for), never beside it: there is no sideways scrolling.
                inside = room_rect.left() <= geometry.left() and geometry.right() <= room_rect.right()
            else:
                inside = room_rect.contains(geometry)
            if not inside:
                found.append(f"{name_of(lab)}: pushed outside {type(parent).__name__} "
                             f"{parent.objectName()!r} ({geometry} in {parent.rect()})")
                break
            widget = parent
        if lab.fontInfo().pixelSize() < MIN_BODY_PX:
            found.append(f"{name_of(lab)}: text of {lab.fontInfo().pixelSize()} px, less than {MIN_BODY_PX}")
    # What is painted where: a label scrolled below a viewport overlaps nothing.
    rects = [(lab, visible_rect(lab, window)) for lab in labels]
    for i, (first, first_rect) in enumerate(rects):
        for second, second_rect in rects[i + 1:]:
            overlap = first_rect.intersected(second_rect)
            if overlap.width() > 2 and overlap.height() > 2:
                found.append(f"{name_of(first)} overlaps {name_of(second)}")
    for button in shown(window, QAbstractButton):
        if button.height() < MIN_TOUCH_PX or button.width() < MIN_TOUCH_PX:
            found.append(f"{name_of(button)}: a tap target of {button.width()}x{button.height()} px, "
                         f"less than {MIN_TOUCH_PX}")
        if not button.accessibleName() or not button.objectName():
            found.append(f"{name_of(button)}: no accessible name or object name")
        if button.text() and button.fontInfo().pixelSize() < MIN_BODY_PX:
            found.append(f"{name_of(button)}: text of {button.fontInfo().pixelSize()} px")
    return found


def contrast_problems(window: QWidget, minimum: float) -> list[str]:
    """Texts that stand out less than ``minimum`` from what is painted behind them."""
    pixels = Pixels(window)
    found = []
    for widget in [*shown(window, QLabel), *shown(window, QAbstractButton)]:
        if not text_of(widget).strip():
            continue
        rect = visible_rect(widget, window)
        if isinstance(widget, QAbstractButton):
            rect = rect.adjusted(4, 4, -4, -4)  # inside the border, which is not text
        if rect.width() < 4 or rect.height() < 4:
            continue  # scrolled out of view
        text_colour, behind, ratio = text_contrast(pixels, rect)
        if ratio == 1.0 and visible_rect(widget, window) != window_rect(widget, window):
            continue  # only a blank sliver of it is in view; its words are scrolled away
        if ratio < minimum - 0.005:
            found.append(f"{name_of(widget)}: {text_colour.name()} on {behind.name()} is {ratio:.2f}:1, "
                         f"less than {minimum}:1")
    return found


Seen = dict[str, tuple[str, str, str]]  # path: (object name, description, text)


def texts(window: QWidget) -> Seen:
    """The visible words on screen, by widget path (widgets rebuilt on a language change keep their path)."""
    return {key(w, window): (w.objectName(), name_of(w), text_of(w))
            for w in [*shown(window, QLabel), *shown(window, QAbstractButton)]
            if LATIN.search(text_of(w)) or CYRILLIC.search(text_of(w))}


def script_problems(seen: Seen, language: str) -> list[str]:
    """Russian words on an English screen, or a text with no Russian on a Russian screen."""
    found = []
    for name, described, text in seen.values():
        if same_in_both(name):
            continue
        if language == "en" and CYRILLIC.search(text):
            found.append(f"{described}: Russian words on the English screen")
        if language == "ru" and not CYRILLIC.search(text):
            found.append(f"{described}: no Russian on the Russian screen")
    return found


def translation_problems(ru: Seen, en: Seen) -> list[str]:
    found = script_problems(ru, "ru") + script_problems(en, "en")
    for path, (name, described, en_text) in en.items():
        if not same_in_both(name) and ru.get(path, ("", "", ""))[2] == en_text:
            found.append(f"{described}: the same in Russian and English (not translated?)")
    return found


# -- reaching each screen the way a visitor does ------------------------------------------------

def take_ticket(window: KioskWindow, category: str, service: str) -> None:
    window.home.ticket_tile.click()
    window.categories.category_tiles[category].click()
    window.services.tiles[service].click()


def refused_ticket(window: KioskWindow) -> None:
    # The walk's kiosk owns numbers 1-2 only: the third ticket of a queue is refused.
    for _ in range(3):
        window.go_home()
        take_ticket(window, "collect", "pickup")


DRIVERS: dict[str, Callable[[KioskWindow], None]] = {
    "home": lambda w: None,
    "categories": lambda w: w.home.ticket_tile.click(),
    "services": lambda w: (w.home.ticket_tile.click(), w.categories.category_tiles["passports"].click()),
    "ticket": lambda w: take_ticket(w, "passports", "passport-internal"),
    "message": refused_ticket,
    "standard": lambda w: w.standard_tile.click(),
    "about": lambda w: w.about_tile.click(),
}


def set_mode(window: KioskWindow, large: bool, contrast: bool) -> None:
    """Flip the bottom-bar switches as a visitor would."""
    if window.switches.large_button.isChecked() != large:
        window.switches.large_button.click()
    if window.switches.contrast_button.isChecked() != contrast:
        window.switches.contrast_button.click()


def visit(window: KioskWindow, screen: Screen, language: str, large: bool = False,
          contrast: bool = False) -> None:
    """Start afresh at Home, switch the mode there, reach ``screen`` as a visitor would,
    then choose the language."""
    window.go_home()
    assert not window.access.large and not window.access.high_contrast  # Home resets both
    set_mode(window, large, contrast)
    DRIVERS.get(screen.screen_name, lambda w, s=screen: w.show_screen(s))(window)
    assert window.current() is screen, f"could not reach {screen.screen_name}"
    set_mode(window, large, contrast)  # again if the way there passed through Home
    window.bottom_bar.language_buttons[language].click()
    settle()


def all_screens(window: KioskWindow) -> list[Screen]:
    screens = list(window.every_screen())
    assert all(isinstance(s, Screen) for s in screens)
    assert {"home", "categories", "services", "ticket", "message", "standard", "about"} <= {
        s.screen_name for s in screens}
    return screens  # type: ignore[return-value]


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(("large", "contrast"), COMBINATIONS, ids=["normal", "large", "contrast", "large-contrast"])
def test_a11y_every_screen_readable_and_touchable(make_kiosk, config: Config, large: bool, contrast: bool,
                                                  language: str) -> None:
    kiosk: Kiosk = make_kiosk(printer=None, cfg=config.with_overrides(block_end=2))
    window = kiosk.window
    problems: list[str] = []
    for screen in all_screens(window):
        visit(window, screen, language, large, contrast)
        assert window.access.large is large and window.access.high_contrast is contrast
        problems += layout_problems(window)
        problems += contrast_problems(window, window.access.min_contrast)
        problems += script_problems(texts(window), language)
    assert not problems, "\n".join(sorted(set(problems)))


def test_a11y_every_visible_text_is_translated(make_kiosk, config: Config) -> None:
    kiosk: Kiosk = make_kiosk(printer=None, cfg=config.with_overrides(block_end=2))
    window = kiosk.window
    problems: list[str] = []
    for screen in all_screens(window):
        visit(window, screen, "ru")
        russian = texts(window)
        window.bottom_bar.language_buttons["en"].click()
        settle()
        problems += translation_problems(russian, texts(window))
    assert not problems, "\n".join(sorted(set(problems)))
