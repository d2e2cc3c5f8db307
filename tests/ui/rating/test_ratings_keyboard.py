"""The on-screen keyboard and the code keypad: both layouts, capitals, digits,
space, backspace, a hardware keyboard alongside, the 500-character limit, and
keys big enough for a finger at arm's length."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ratings import MAX_COMMENT_CHARS, Criterion
from tests.ui.rating.support import grade, take_ticket, type_keys, type_on_pad
from ui.app import Kiosk
from ui.rating.comment import RatingCommentScreen
from ui.theme import MIN_BODY_PX, MIN_TOUCH_PX
from ui.widgets.keyboard import CodePad, OnScreenKeyboard


def comment_screen(kiosk: Kiosk, qtbot: QtBot) -> RatingCommentScreen:
    """Walk to the comment step of a real rating."""
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    window.go_home()
    window.rate_tile.click()
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 5)
    window.rating_criteria.next_button.click()
    assert window.current() is window.rating_comment
    return window.rating_comment


def tap(keyboard: OnScreenKeyboard, text: str) -> None:
    for char in text:
        if char == " ":
            keyboard.space_key.click()
            continue
        if char.isupper():
            keyboard.shift_key.click()
        keyboard.key_for(char).click()


def test_typing_in_both_layouts(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    keyboard = screen.keyboard
    assert keyboard.layout_code() == "ru"  # the visitor's language
    assert keyboard.switch_key.text() == "ABC"
    tap(keyboard, "Всё хорошо, 10!")
    keyboard.toggle_layout()
    assert keyboard.layout_code() == "en"
    assert keyboard.switch_key.text() == "АБВ"
    assert keyboard.letter_keys["en"]["q"].isVisible() and not keyboard.letter_keys["ru"]["й"].isVisible()
    tap(keyboard, " Thanks")
    assert screen.comment() == "Всё хорошо, 10! Thanks"
    for _ in range(3):
        keyboard.backspace_key.click()
    assert screen.comment() == "Всё хорошо, 10! Tha"
    assert screen.counter.text() == "19 из 500 символов"


def test_capital_key_types_one_capital_then_small_letters(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    keyboard = screen.keyboard
    keyboard.shift_key.click()
    assert keyboard.key_for("ж").text() == "Ж"
    keyboard.key_for("ж").click()
    keyboard.key_for("ж").click()
    assert screen.comment() == "Жж"
    assert not keyboard.shift_key.isChecked()


def test_keyboard_follows_the_visitors_language(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    kiosk.window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: screen.keyboard.layout_code() == "en", timeout=2000)
    assert screen.send_button.text() == "Send rating"


def test_hardware_keyboard_types_into_the_same_field(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    qtbot.waitUntil(screen.box.hasFocus, timeout=2000)
    screen.keyboard.toggle_layout()
    tap(screen.keyboard, "ok")
    qtbot.keyClicks(screen.box, " fine")
    type_keys(screen.box, " спасибо")
    qtbot.keyClick(screen.box, Qt.Key.Key_Return)  # no line breaks, nothing sent
    assert screen.comment() == "ok fine спасибо"
    assert kiosk.window.current() is screen


def test_comment_stops_at_500_characters(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    screen.box.setPlainText("д" * (MAX_COMMENT_CHARS - 2))
    screen.box.moveCursor(screen.box.textCursor().MoveOperation.End)
    tap(screen.keyboard, "абв")
    qtbot.keyClicks(screen.box, "xyz")
    assert screen.comment() == "д" * (MAX_COMMENT_CHARS - 2) + "аб"
    assert screen.counter.text() == "500 из 500 символов"


def test_keys_and_text_are_large_enough(kiosk: Kiosk, qtbot: QtBot) -> None:
    screen = comment_screen(kiosk, qtbot)
    keys = [k for k in screen.keyboard.findChildren(QPushButton) if k.isVisible()]
    assert len(keys) == 10 + 33 + 5 + 4  # digits, Russian letters, punctuation, the four action keys
    assert all(k.height() >= MIN_TOUCH_PX and k.width() >= MIN_TOUCH_PX for k in keys)
    # Nothing falls off a 1920 px wide screen.
    assert all(k.mapTo(kiosk.window, k.rect().bottomRight()).x() <= 1920 for k in keys)
    assert screen.box.fontInfo().pixelSize() >= 32
    assert screen.counter.fontInfo().pixelSize() >= MIN_BODY_PX
    screen.keyboard.toggle_layout()
    english = [k for k in screen.keyboard.findChildren(QPushButton) if k.isVisible()]
    assert len(english) == 10 + 26 + 5 + 4


def test_code_pad_keys_and_field(kiosk: Kiosk) -> None:
    window = kiosk.window
    window.rate_tile.click()
    entry = window.rating_entry
    pad = entry.pad
    assert set(pad.keys) >= set("0123456789ПСЖГНФТБВК")
    assert all(k.height() >= MIN_TOUCH_PX and k.width() >= MIN_TOUCH_PX
               for k in [*pad.keys.values(), pad.backspace_key])
    assert entry.code.fontInfo().pixelSize() >= 56
    type_on_pad(kiosk, "Ж12")
    pad.backspace_key.click()
    type_on_pad(kiosk, "3")
    assert entry.code.text() == "Ж13"


@pytest.mark.parametrize("layout", ["ru", "en"])
def test_keyboard_widget_on_its_own(qtbot: QtBot, layout: str) -> None:
    """The shared widget works with any line field, for other screens to reuse."""
    keyboard = OnScreenKeyboard(layout)
    field = QLineEdit()
    qtbot.addWidget(keyboard)
    qtbot.addWidget(field)
    keyboard.attach(field)
    with qtbot.waitSignal(keyboard.layout_changed) as changed:
        keyboard.toggle_layout()
    assert changed.args == ["en" if layout == "ru" else "ru"]
    keyboard.toggle_layout()
    word = "привет" if layout == "ru" else "hello"
    tap(keyboard, word)
    keyboard.space_key.click()
    keyboard.key_for("7").click()
    assert field.text() == f"{word} 7"
    with pytest.raises(KeyError):
        keyboard.key_for("ы" if layout == "en" else "w")
    pad = CodePad("АБ")
    qtbot.addWidget(pad)
    pad.attach(field)
    pad.keys["Б"].click()
    pad.backspace_key.click()
    pad.backspace_key.click()
    assert field.text() == f"{word} "
