"""Every key of every on-screen pad and keyboard types its own character when a
finger taps its centre: real touches sent to the window at 1920×1080 and
1080×1920, in both text sizes. A key that another key overlaps, or that sits
under some other widget, types the wrong thing or nothing, and shows here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QPushButton, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.admin.support import set_pins
from tests.ui.input_events import tap
from tests.ui.offscreen_screen import presses_reach_buttons
from tests.ui.test_a11y_walk import set_mode, settle
from ui.app import Kiosk
from ui.main_window import KioskWindow


@dataclass(frozen=True)
class Pad:
    """How to reach a pad, its keys by character, what its field holds, and how to empty the field."""

    reach: Callable[[KioskWindow], None]
    keys: Callable[[KioskWindow], dict[str, QPushButton]]
    typed: Callable[[KioskWindow], str]
    clear: Callable[[KioskWindow], None]


def comment_keys(layout: str) -> Callable[[KioskWindow], dict[str, QPushButton]]:
    def keys(window: KioskWindow) -> dict[str, QPushButton]:
        keyboard = window.rating_comment.keyboard
        if keyboard.layout_code() != layout:
            assert into_view(keyboard.switch_key) is None
            tap(keyboard.switch_key)
            assert keyboard.layout_code() == layout
        return {**keyboard.letter_keys[layout], **keyboard.shared_keys}
    return keys


def pin_reach(window: KioskWindow) -> None:
    """The consultant's five taps on the centre's name (PINs are set by the test)."""
    name = window.top_bar.centre
    for _ in range(5):
        tap(name, QPoint(30, name.height() // 2))
    assert window.current() is window.admin_pin


PADS: dict[str, Pad] = {
    "rating-entry": Pad(lambda w: w.rate_tile.click(), lambda w: w.rating_entry.pad.keys,
                        lambda w: w.rating_entry.code.text(), lambda w: w.rating_entry.code.clear()),
    "checkin": Pad(lambda w: w.visit_extras.checkin_tile.click(), lambda w: w.visit_extras.checkin.pad.keys,
                   lambda w: w.visit_extras.checkin.code.text(), lambda w: w.visit_extras.checkin.code.clear()),
    "comment-ru": Pad(lambda w: w.show_screen(w.rating_comment), comment_keys("ru"),
                      lambda w: w.rating_comment.box.text(), lambda w: w.rating_comment.box.clear()),
    "comment-en": Pad(lambda w: w.show_screen(w.rating_comment), comment_keys("en"),
                      lambda w: w.rating_comment.box.text(), lambda w: w.rating_comment.box.clear()),
    "admin-pin": Pad(pin_reach, lambda w: w.admin_pin.pad.keys,
                     lambda w: w.admin_pin.pad.take(), lambda w: w.admin_pin.pad.clear()),
}


def into_view(key: QWidget) -> str | None:
    """Scroll ``key`` into view; say what a finger on its centre would touch instead, if anything."""
    parent = key.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(key)
        QApplication.processEvents()
    if not key.isVisible():
        return "not shown"
    window = key.window()
    centre = key.mapTo(window, key.rect().center())
    if not window.rect().contains(centre):
        return f"centre {centre.x()},{centre.y()} outside the window"
    hit = window.childAt(centre)
    if hit is not key and not key.isAncestorOf(hit):
        return f"covered by {hit.objectName() or type(hit).__name__} ({hit.property('char') or ''})"
    return None


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("pad", list(PADS))
def test_every_key_types_its_own_character(make_kiosk, qtbot: QtBot, pad: str, size: tuple[int, int],
                                          large: bool) -> None:
    kiosk: Kiosk = set_pins(make_kiosk(printer=None))
    window = kiosk.window
    window.resize(*size)
    settle()
    set_mode(window, large, False)
    spec = PADS[pad]
    spec.reach(window)
    settle()
    presses_reach_buttons(window)
    keys = spec.keys(window)
    settle()
    assert keys
    wrong = []
    for char, key in keys.items():
        spec.clear(window)
        problem = into_view(key)
        if problem:
            wrong.append(f"«{char}»: {problem}")
            continue
        tap(key)
        typed = spec.typed(window)
        if typed != char:
            wrong.append(f"«{char}» typed «{typed}»")
    assert not wrong, f"{pad} at {size[0]}×{size[1]}{', large text' if large else ''}:\n" + "\n".join(wrong)
