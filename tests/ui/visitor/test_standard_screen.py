"""The Moscow service standard screen: reached from Home, in both languages,
moved with a finger, and never showing markup, links or pictures from outside."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QScroller
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.content import standard_from_bundle
from ui.app import Kiosk


def shown_texts(kiosk: Kiosk) -> list[str]:
    return [label.text() for label in kiosk.window.standard.block_labels]


def test_standard_from_home_in_both_languages_and_back(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    assert window.standard_tile.title.text() == "Московский стандарт госуслуг"
    window.standard_tile.click()
    screen = window.standard
    assert window.current() is screen
    assert screen.title.text() == "Московский стандарт госуслуг"
    texts = shown_texts(kiosk)
    assert texts[0].startswith("Это краткое изложение")
    assert "Выслушать. Услышать. Помочь." in texts
    assert screen.promise_figure.text() == "15 мин"
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: shown_texts(kiosk)[0].startswith("This is a summary"))
    assert screen.title.text() == "Moscow service standard"
    assert "Listen. Hear. Help." in shown_texts(kiosk)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in screen.findChildren(QLabel))
    window.bottom_bar.back_button.click()
    assert window.current() is window.home


def test_standard_moves_with_a_finger_and_starts_at_the_top_again(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.switches.large_button.click()  # large text: the text is sure to be taller than the screen
    window.standard_tile.click()
    scroll = window.standard.scroll_area
    viewport = scroll.viewport()
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert QScroller.hasScroller(viewport)
    # A finger drags the text up: the input a touch gesture hands the scroller
    # (offscreen Qt has no touch screen to send real touch events from).
    scroller = QScroller.scroller(viewport)
    start = QPointF(viewport.width() / 3, viewport.height() - 60)
    scroller.handleInput(QScroller.Input.InputPress, start, 0)
    for step in range(1, 13):
        scroller.handleInput(QScroller.Input.InputMove, start - QPointF(0, 40 * step), 16 * step)
    scroller.handleInput(QScroller.Input.InputRelease, start - QPointF(0, 480), 16 * 13)
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=5000)
    window.go_home()
    assert bar.value() == 0


def test_standard_from_an_operators_folder_shows_words_only(make_kiosk, qtbot: QtBot, config: Config,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "standard_ru.md").write_text(
        "## Наши правила\n\nСм. [сайт](https://evil.example/x) <script>alert('x')</script>"
        "<b>жирным</b> ![фото](https://evil.example/p.png)\n\n- Пункт <img src=x onerror=alert(1)>",
        encoding="utf-8")
    (folder / "standard_en.md").write_text("## Our rules\n\nPlain.", encoding="utf-8")
    kiosk = make_kiosk(printer=None, cfg=config.with_overrides(content_dir=folder))
    kiosk.window.standard_tile.click()
    assert shown_texts(kiosk) == ["Наши правила", "См. сайт жирным", "Пункт"]
    screen = kiosk.window.standard
    assert screen.findChild(QLabel, "standardMarker2").text() == "•"
    for label in screen.findChildren(QLabel):
        assert "evil" not in label.text() and "<" not in label.text()
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert not label.openExternalLinks()


@pytest.mark.expect_log("kiosk.content")
def test_standard_falls_back_to_the_shipped_text_when_a_file_is_broken(
        make_kiosk, config: Config, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "standard_ru.md").write_bytes(b"\xff\xfe\x00broken")
    kiosk = make_kiosk(printer=None, cfg=config.with_overrides(content_dir=tmp_path))
    with caplog.at_level(logging.WARNING, logger="kiosk.content"):
        kiosk.window.standard_tile.click()
    assert shown_texts(kiosk)[0].startswith("Это краткое изложение")
    assert any("standard_ru.md" in r.getMessage() and "shipped text" in r.getMessage() for r in caplog.records)


def test_standard_takes_new_text_from_a_content_bundle(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    window.standard_tile.click()
    screen = window.standard
    current = dict(screen.documents or {})
    screen.set_documents(standard_from_bundle(
        {"ru": "## Обновлено\n\nНовый текст с [ссылкой](https://evil.example).", "en": "## Updated\n\nNew."},
        current))
    qtbot.waitUntil(lambda: shown_texts(kiosk) == ["Обновлено", "Новый текст с ссылкой."])
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: shown_texts(kiosk) == ["Updated", "New."])
