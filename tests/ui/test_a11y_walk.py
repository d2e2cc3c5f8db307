"""Every screen of the window, and every tab of admin mode, in every combination
of language, text size, theme and supported resolution (1920x1080 landscape,
1080x1920 portrait, 1280x1024; docs/accessibility.md), passes the checks a
visitor's eyes and fingers would make.

At every resolution, the geometry:

- the window keeps the screen's size: nothing inside pushes it larger;
- every visible tap target (a button, or anything else a finger acts on: a text
  field, a slider) is at least 80 px wide and 80 px high as far as its parents
  let it show, has an accessible name, and overlaps no other;
- no text is clipped by its own widget: a label or a button is wide and high
  enough for its text in its font (word wrap taken into account, each word
  fitting the width), an empty comment field shows its whole explanation, a
  chart draws every bar's name whole (a name cut short with an ellipsis counts
  as clipped);
- no text or tap target is pushed outside its parent, or cut by a scroll area's
  edge (or hidden below it) while the scroll hint (:class:`ScrollHint`) that
  says more lies below is not shown;
- no text is smaller than 24 px, and no label overlaps another.

At 1920x1080 only (colours and words do not change with the window's size, and
the walk must stay within a few minutes), also:

- English screens show no Russian words and Russian screens no text without
  Russian (data that is the same in both, such as ticket numbers, aside); and,
  comparing the two languages widget by widget, every visible text changes
  with the language (nothing escaped translation);
- every visible text reaches the theme's minimum contrast (4.5:1, or 7:1 in
  high contrast), measured on the rendered window: the colour painted most in
  the widget against the colour that stands out most from it (the palette is
  not enough: it does not follow ``:checked`` colours of the stylesheet, and a
  transparent label's palette says nothing about what is behind it).

Screens are found through ``window.every_screen()``, so screens added later are walked too.
A screen that needs data is reached through the visitor's real flow (a ticket
is taken for the ticket screen; admin mode is entered as an operator, so that
every tab shows); any other screen is simply shown.
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
    QTextEdit,
    QWidget,
)

from kiosk.config import Config
from ui.accessibility import luminance
from ui.app import Kiosk
from ui.main_window import KioskWindow
from ui.theme import MIN_BODY_PX, MIN_TOUCH_PX
from ui.widgets.barchart import BarChart
from ui.widgets.screen import Screen, ScrollHint

CYRILLIC = re.compile("[А-Яа-яЁё]")
LATIN = re.compile("[A-Za-z]")
# Texts that are the same in both languages on purpose: the language buttons
# name themselves, a ticket number and its letter are data, the website address
# and the clock are not words.
SAME_IN_BOTH = {"language-ru", "language-en", "ticketNumber", "tileBadge", "aboutWebsiteAddress", "clock",
                # Admin's Kiosk tab: identifiers and paths from the config.
                "info-centre-value", "info-kiosk-value", "info-config-value", "info-data-value"}
# A ticket number (a category's Cyrillic letter and digits) quoted in a text is data too.
TICKET_NUMBER = re.compile(r"\b[А-ЯЁ]\d{2,4}\b")
# On-screen keyboard keys show letters of an alphabet, and the layout switch
# names the alphabet it switches to ("АБВ" on the Latin layout): not words.
SAME_IN_BOTH_PREFIXES = ("key-char-", "key-switch")


def same_in_both(name: str) -> bool:
    return name in SAME_IN_BOTH or name.startswith(SAME_IN_BOTH_PREFIXES)

COMBINATIONS = [(False, False), (True, False), (False, True), (True, True)]
MODE_IDS = ["normal", "large", "contrast", "large-contrast"]
# The screens the kiosk supports (docs/accessibility.md): lobby screens in
# landscape, portrait stands, and older 5:4 screens.
RESOLUTIONS = {"1920x1080": QSize(1920, 1080), "1080x1920": QSize(1080, 1920), "1280x1024": QSize(1280, 1024)}
# Where a wrapped label may break a line: spaces, and the zero-width space a long
# address carries after its separators (ui.widgets.labels.breakable).
BREAKS = re.compile(r"[\s\u200b]+")
# The resolution at which colours and languages are checked too (the other two get the geometry).
FULL_CHECKS_AT = "1920x1080"
# What a finger acts on (text edits only when they take typing, see is_tap_target).
TAP_KINDS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider)


def settle() -> None:
    """Let queued polish, font and layout events run (no waiting on time); a
    layout that reflows (words on two lines, fewer columns) takes a round more."""
    for _ in range(4):
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


def is_tap_target(widget: QWidget) -> bool:
    """Whether a finger acts on ``widget``: buttons, fields to type in, sliders, lists to pick from."""
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, TAP_KINDS)


def tap_targets(window: QWidget) -> list[QWidget]:
    return [w for w in shown(window, QWidget) if is_tap_target(w)]


def scrolled_by(widget: QWidget) -> QScrollArea | None:
    """The nearest scroll area whose content holds ``widget``, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport():
            return area
        parent = area
    return None


def own_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` its ancestors let through, scroll viewports aside (what a
    viewport cuts off is :func:`scroll_edge_problems`' business: it may scroll into view)."""
    rect = window_rect(widget, window)
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return rect  # within scrolled content: the viewport, not its ancestors, shows it
        rect = rect.intersected(window_rect(parent, window))
        parent = area
    return rect.intersected(window.rect())


def window_problems(window: QWidget, size: QSize) -> list[str]:
    """The window is as big as the screen: nothing inside may push it larger."""
    if window.size() != size:
        needs = window.minimumSizeHint()
        return [f"the window is {window.width()}x{window.height()} on a {size.width()}x{size.height()} screen "
                f"(its contents need at least {needs.width()}x{needs.height()})"]
    return []


def label_clipping(lab: QLabel) -> str | None:
    """Why ``lab`` cannot show all of its text at its size with its font, or None."""
    room = lab.contentsRect()
    metrics = lab.fontMetrics()
    if lab.wordWrap():
        needed = lab.heightForWidth(lab.width())
        if lab.height() + 1 < needed:
            return f"{lab.height()} px high, its text needs {needed} at {lab.width()} px wide"
        for word in BREAKS.split(lab.text()):
            if metrics.horizontalAdvance(word) > room.width() + 1:
                return f"the word {word!r} is wider than the label ({room.width()} px)"
        return None
    lines = lab.text().split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.lineSpacing() * (len(lines) - 1) + metrics.height()
    if width > room.width() + 1 or height > room.height() + 1:
        return f"{room.width()}x{room.height()} px inside, its text needs {width}x{height}"
    return None


def button_clipping(button: QAbstractButton) -> str | None:
    """Why ``button``'s own text does not fit inside its padding and border, or None."""
    if not button.text() or not isinstance(button, QPushButton):
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)
    room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    metrics = button.fontMetrics()
    lines = button.text().split("\n")
    width = max(metrics.horizontalAdvance(line) for line in lines)
    if not option.icon.isNull():
        width += option.iconSize.width() + 4
    height = metrics.lineSpacing() * (len(lines) - 1) + metrics.height()
    if width > room.width() + 1 or height > room.height() + 1:
        return f"{room.width()}x{room.height()} px inside its padding, its text needs {width}x{height}"
    return None


def placeholder_clipping(field: QWidget) -> str | None:
    """Why an empty text field's explanation (its placeholder) is cut off, or None."""
    if not isinstance(field, QPlainTextEdit) or field.toPlainText() or not field.placeholderText():
        return None
    margin = round(field.document().documentMargin())
    room = field.viewport().rect().adjusted(margin, margin, -margin, -margin)
    flags = int(Qt.TextFlag.TextWordWrap.value)
    needed = field.fontMetrics().boundingRect(QRect(0, 0, room.width(), 100_000), flags,
                                              field.placeholderText())
    if needed.height() > room.height() + 1 or needed.width() > room.width() + 1:
        return f"its placeholder needs {needed.width()}x{needed.height()} px, it has {room.width()}x{room.height()}"
    return None


def chart_clipping(chart: BarChart) -> str | None:
    cut = chart.cut_names()
    return f"bar names cut short: {cut[:3]}" if cut else None


def scroll_edge_problems(window: QWidget) -> list[str]:
    """Texts and tap targets that a scroll area's viewport cuts off (partly, or
    wholly: below its edge) while nothing on screen says that the area scrolls.

    The kiosk's scroll areas have no scroll bar; the sign is a
    :class:`~ui.widgets.screen.ScrollHint` shown over the viewport's bottom edge.
    """
    found = []
    for area in shown(window, QScrollArea):
        content = area.widget()
        if content is None:
            continue
        viewport = visible_rect(area.viewport(), window)
        hints = [h for h in area.findChildren(ScrollHint, options=Qt.FindChildOption.FindDirectChildrenOnly)
                 if h.isVisibleTo(window) and h.height() > 0]
        for widget in [*content.findChildren(QLabel), *content.findChildren(QAbstractButton),
                       *content.findChildren(QPlainTextEdit), *content.findChildren(QLineEdit)]:
            if not widget.isVisibleTo(window) or (isinstance(widget, QLabel) and not widget.text()):
                continue
            if scrolled_by(widget) is not area:
                continue  # an inner scroll area's business
            rect = window_rect(widget, window)
            if rect.top() < viewport.top() - 1:
                # Scrolled up: only a hint at the top would say so, and there is none.
                if area.verticalScrollBar().value() > 0:
                    found.append(f"{name_of(widget)}: above the top of {area.objectName()!r} "
                                 "with nothing to say so")
                    break
            if rect.bottom() > viewport.bottom() + 1 and not hints:
                cut = "cut by" if rect.top() <= viewport.bottom() else "hidden below"
                found.append(f"{name_of(widget)}: {cut} the bottom edge of {area.objectName()!r} "
                             "with no sign that it scrolls")
                break
    return found


def outside_parent(widget: QWidget, window: QWidget) -> str | None:
    """Where ``widget`` (or an ancestor) sticks out of its parent, which cuts it off.

    Content may run below a scroll area's viewport (that is what scrolling is
    for, see :func:`scroll_edge_problems`), never beside it: there is no sideways scrolling.
    """
    while widget.parentWidget() is not None and widget is not window:
        parent = widget.parentWidget()
        geometry, room_rect = widget.geometry(), parent.rect().adjusted(-1, -1, 1, 1)
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            inside = room_rect.left() <= geometry.left() and geometry.right() <= room_rect.right()
        else:
            inside = room_rect.contains(geometry)
        if not inside:
            return f"pushed outside {type(parent).__name__} {parent.objectName()!r} ({geometry} in {parent.rect()})"
        widget = parent
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Clipped, displaced or overlapping texts; small, unnamed or overlapping tap targets; small text."""
    found: list[str] = []
    labels = [w for w in shown(window, QLabel) if w.text()]
    targets = tap_targets(window)
    for lab in labels:
        assert isinstance(lab, QLabel)
        clipped = label_clipping(lab)
        if clipped:
            found.append(f"{name_of(lab)}: {clipped}")
        if lab.fontInfo().pixelSize() < MIN_BODY_PX:
            found.append(f"{name_of(lab)}: text of {lab.fontInfo().pixelSize()} px, less than {MIN_BODY_PX}")
    for widget in [*labels, *targets]:
        outside = outside_parent(widget, window)
        if outside:
            found.append(f"{name_of(widget)}: {outside}")
    for chart in shown(window, BarChart):
        assert isinstance(chart, BarChart)
        clipped = chart_clipping(chart)
        if clipped:
            found.append(f"{name_of(chart)}: {clipped}")
    # What is painted where: a label scrolled below a viewport overlaps nothing.
    rects = [(lab, visible_rect(lab, window)) for lab in labels]
    for i, (first, first_rect) in enumerate(rects):
        for second, second_rect in rects[i + 1:]:
            overlap = first_rect.intersected(second_rect)
            if overlap.width() > 2 and overlap.height() > 2:
                found.append(f"{name_of(first)} overlaps {name_of(second)}")
    target_rects = [(target, own_rect(target, window)) for target in targets]
    seen_rects = [(target, visible_rect(target, window)) for target in targets]
    for i, (first, first_rect) in enumerate(seen_rects):
        for second, second_rect in seen_rects[i + 1:]:
            overlap = first_rect.intersected(second_rect)
            if overlap.width() > 2 and overlap.height() > 2 and not (
                    first.isAncestorOf(second) or second.isAncestorOf(first)):
                found.append(f"the tap targets {name_of(first)} and {name_of(second)} overlap")
    for target, rect in target_rects:
        if rect.height() < MIN_TOUCH_PX or rect.width() < MIN_TOUCH_PX:
            found.append(f"{name_of(target)}: a tap target of {rect.width()}x{rect.height()} px, "
                         f"less than {MIN_TOUCH_PX}x{MIN_TOUCH_PX}")
        if not target.accessibleName() or not target.objectName():
            found.append(f"{name_of(target)}: no accessible name or object name")
        if isinstance(target, QAbstractButton):
            clipped = button_clipping(target)
            if clipped:
                found.append(f"{name_of(target)}: {clipped}")
            if target.text() and target.fontInfo().pixelSize() < MIN_BODY_PX:
                found.append(f"{name_of(target)}: text of {target.fontInfo().pixelSize()} px")
        clipped = placeholder_clipping(target)
        if clipped:
            found.append(f"{name_of(target)}: {clipped}")
    return found + scroll_edge_problems(window)


def below_no_hint(widget: QWidget, rect: QRect, window: QWidget) -> QRect:
    """``rect`` without the part under a scroll hint's fade (faded on purpose: it says more is below)."""
    area = scrolled_by(widget)
    while area is not None:
        for hint in area.findChildren(ScrollHint, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if hint.isVisibleTo(window):
                top = window_rect(hint, window).top()
                if rect.bottom() >= top:
                    rect.setBottom(top - 1)
        area = scrolled_by(area)
    return rect


def contrast_problems(window: QWidget, minimum: float) -> list[str]:
    """Texts that stand out less than ``minimum`` from what is painted behind them."""
    pixels = Pixels(window)
    found = []
    for widget in [*shown(window, QLabel), *shown(window, QAbstractButton)]:
        if not text_of(widget).strip():
            continue
        rect = below_no_hint(widget, visible_rect(widget, window), window)
        if isinstance(widget, QAbstractButton):
            rect = rect.adjusted(4, 4, -4, -4)  # inside the border, which is not text
        if rect.width() < 4 or rect.height() < 4:
            continue  # scrolled out of view
        if rect.height() < 0.8 * window_rect(widget, window).height():
            continue  # mostly scrolled out of view (or under the scroll hint's fade): scroll_edge_problems' business
        text_colour, behind, ratio = text_contrast(pixels, rect)
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
        text = TICKET_NUMBER.sub("", text)  # data, the same in both languages
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
    "checkin": lambda w: w.visit_extras.checkin_tile.click(),
    "besttime": lambda w: w.visit_extras.best_time_tile.click(),
    "package": lambda w: (w.home.ticket_tile.click(), w.categories.situation_tiles["birth"].click()),
    "sms": lambda w: (take_ticket(w, "passports", "passport-foreign"),
                      w.visit_extras.ticket_extras.sms_button.click()),
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
    assert {"home", "categories", "services", "ticket", "message", "standard", "about", "checkin", "besttime",
            "package", "sms"} <= {s.screen_name for s in screens}
    return screens  # type: ignore[return-value]


def sign_in_operator(window: KioskWindow) -> None:
    """Admin mode as an operator (every tab shown), as a PIN accepted by the pad leads there."""
    window.admin_pin.signed_in.emit("operator")


DRIVERS["admin"] = sign_in_operator


def views(window: KioskWindow, language: str, large: bool = False, contrast: bool = False) -> Iterator[str]:
    """Show every screen in turn (and every tab of admin mode), yielding the name of each view."""
    for screen in all_screens(window):
        visit(window, screen, language, large, contrast)
        assert window.access.large is large and window.access.high_contrast is contrast
        yield screen.screen_name
        if screen is window.admin:
            for name, tab in window.admin.tabs.items():
                if name != "today" and tab.isVisibleTo(window):
                    tab.click()
                    settle()
                    assert window.admin.current_page() is window.admin.pages[name]
                    yield f"admin-{name}"


def resize(window: KioskWindow, size: QSize) -> None:
    window.resize(size)
    settle()


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(("large", "contrast"), COMBINATIONS, ids=MODE_IDS)
@pytest.mark.parametrize("resolution", list(RESOLUTIONS))
def test_a11y_every_screen_readable_and_touchable(make_kiosk, config: Config, resolution: str, large: bool,
                                                  contrast: bool, language: str) -> None:
    kiosk: Kiosk = make_kiosk(printer=None, cfg=config.with_overrides(block_end=2))
    window = kiosk.window
    size = RESOLUTIONS[resolution]
    resize(window, size)
    problems: list[str] = []
    for _view in views(window, language, large, contrast):
        problems += window_problems(window, size)
        problems += layout_problems(window)
        # Colours and words do not depend on the window's size: measured once, at 1920x1080.
        if resolution == FULL_CHECKS_AT:
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
