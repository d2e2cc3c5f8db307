"""Optional voice: off by default, switched on in the bottom bar, it reads the
screen's title and the ticket number through Qt's text-to-speech ("mock"
engine here: it speaks into signals, word by word); Home switches it off."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

pytest.importorskip("PySide6.QtTextToSpeech", reason="PySide6-Addons (QtTextToSpeech) is not installed")

from PySide6.QtTextToSpeech import QTextToSpeech

from ui.app import Kiosk
from ui.voice import Voice


@pytest.fixture(autouse=True)
def mock_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kiosk loads the mock engine at start-up (it speaks English only)."""
    monkeypatch.setattr(Voice, "DEFAULT_ENGINE", "mock")


def switch_voice_on(kiosk: Kiosk) -> list[str]:
    """Turn the voice on (in English: the mock engine's language); returns the list
    the engine's spoken words go into."""
    window = kiosk.window
    window.bottom_bar.language_buttons["en"].click()
    window.switches.voice_button.click()
    assert window.voice.enabled
    spoken: list[str] = []
    window.voice.engine.sayingWord.connect(lambda word, _id, _start, _length: spoken.append(word))
    return spoken


def test_a11y_voice_is_off_by_default_and_reads_the_ticket_number(make_kiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.voice.engine is not None, timeout=2000)  # the start-up check
    button = window.switches.voice_button
    assert window.voice.engine is not None  # loaded at start-up, so the switch never shows in vain
    window.bottom_bar.language_buttons["en"].click()
    assert button.isVisible() and not button.isChecked() and not window.voice.enabled
    spoken = switch_voice_on(kiosk)
    assert button.isChecked() and button.text() == "✓ Voice"

    said: list[str] = []
    window.voice.said.connect(said.append)
    window.home.ticket_tile.click()
    window.categories.category_tiles["passports"].click()
    with qtbot.waitSignal(window.ticket_shown, timeout=2000):
        window.services.tiles["passport-foreign"].click()
    assert window.ticket.number.text() == "П001"
    # The title, then the number as it is called in the hall: the letter, then 1.
    assert said[-2:] == ["Your ticket", "Your number is П 1"]
    expected = ["Your", "ticket", "Your", "number", "is", "1"]
    # The mock engine drops the Cyrillic letter when it splits words; the rest is heard in order.
    qtbot.waitUntil(lambda: [w for w in spoken if w][-6:] == expected, timeout=5000)
    qtbot.waitUntil(lambda: window.voice.engine.state() == QTextToSpeech.State.Ready, timeout=5000)


def test_a11y_voice_goes_off_when_the_kiosk_returns_home(make_kiosk, qtbot: QtBot) -> None:
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.voice.engine is not None, timeout=2000)  # the start-up check
    switch_voice_on(kiosk)
    kiosk.window.nav.set_idle_ms(50)  # the config's 60 s, shortened for the test
    window.standard_tile.click()
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert not window.voice.enabled
    assert not window.switches.voice_button.isChecked()
    assert window.switches.voice_button.text() == "Озвучка"
    assert window.voice.engine.state() != QTextToSpeech.State.Speaking


def test_a11y_voice_switch_hides_itself_when_no_engine_works(make_kiosk, qtbot: QtBot,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="ui.voice")
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    qtbot.waitUntil(lambda: window.voice.engine is not None, timeout=2000)  # the start-up check
    window.voice.engine_name = "no-such-engine"
    window.bottom_bar.language_buttons["en"].click()
    assert window.switches.voice_button.isVisible()
    assert not window.voice.probe()  # the engine went away (the start-up check, run again)
    assert not window.voice.enabled
    assert not window.switches.voice_button.isVisible()
    assert not window.switches.voice_button.isChecked()
    assert any("did not load" in record.getMessage() for record in caplog.records)
    # Nothing else broke: the visitor goes on as before.
    window.home.ticket_tile.click()
    assert window.current() is window.categories
