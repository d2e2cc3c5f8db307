"""The voice switch is offered only when a speech engine loads at start-up and
speaks the visitor's language: Qt's "mock" engine (English only) shows it on
English screens and keeps it on the first tap; a missing engine never shows it."""

from __future__ import annotations

import logging

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("PySide6.QtTextToSpeech", reason="PySide6-Addons (QtTextToSpeech) is not installed")

from tests.ui.test_a11y_walk import settle
from ui.app import Kiosk
from ui.voice import Voice


def started(make_kiosk, monkeypatch: pytest.MonkeyPatch, engine: str) -> Kiosk:
    monkeypatch.setattr(Voice, "DEFAULT_ENGINE", engine)
    kiosk: Kiosk = make_kiosk(printer=None)
    settle()  # the start-up check runs in the first turn of the event loop
    return kiosk


def test_a11y_voice_switch_shows_with_an_engine_that_speaks_the_language(
        make_kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = started(make_kiosk, monkeypatch, "mock")
    window = kiosk.window
    button = window.switches.voice_button
    assert window.voice.engine is not None and window.voice.languages == {"en"}
    # Russian first: the mock engine has no Russian voice, so no switch.
    assert not button.isVisible()
    window.bottom_bar.language_buttons["en"].click()
    assert button.isVisible()
    button.click()
    assert window.voice.enabled and button.isVisible() and button.isChecked()
    # Back to Russian: the English voice does not read Russian; the switch goes.
    window.bottom_bar.language_buttons["ru"].click()
    assert not window.voice.enabled and not button.isVisible()


def test_a11y_voice_switch_never_shows_without_an_engine(
        make_kiosk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ui.voice")
    kiosk = started(make_kiosk, monkeypatch, "no-such-engine")
    window = kiosk.window
    button = window.switches.voice_button
    assert any("did not load" in r.getMessage() for r in caplog.records if r.name == "ui.voice")
    for language in ("ru", "en"):
        window.bottom_bar.language_buttons[language].click()
        settle()
        assert not button.isVisible(), f"the voice switch shows in {language} with no engine"
    assert window.voice.engine is None and not window.voice.enabled
