"""The quick rating: one overall grade in one tap on Home and on the ticket
screen, throttled per kiosk, with the throttled taps counted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from tests.support import throttled_count
from tests.ui.rating.support import query, rating_events, take_ticket
from ui.app import Kiosk
from ui.theme import MIN_TOUCH_PX


def test_one_tap_on_home_is_a_rating(kiosk: Kiosk, qtbot: QtBot) -> None:
    panel = kiosk.window.home_quick
    assert panel.isVisible()
    assert panel.prompt.text() == "Как вам наш центр? Оцените одним касанием"
    words = [b.findChild(QLabel, "gradeWord").text() for b in panel.scale.buttons.values()]
    assert words == ["очень плохо", "плохо", "нормально", "хорошо", "отлично"]
    assert all(b.height() >= MIN_TOUCH_PX for b in panel.scale.buttons.values())
    with qtbot.waitSignal(kiosk.window.rating_saved, timeout=2000):
        panel.scale.buttons[4].click()
    assert panel.result is True
    assert panel.prompt.text() == "Спасибо! Ваша оценка учтена."
    assert query(kiosk, "SELECT kind, ticket_id, overall, language FROM ratings") == [("quick", None, 4, "ru")]
    [event] = rating_events(kiosk)
    assert (event["kind"], event["overall"], event["source"]) == ("quick", 4, "home")
    assert kiosk.window.current() is kiosk.window.home  # one tap, no screens


def test_a_child_tapping_away_is_throttled_and_counted(kiosk: Kiosk, qtbot: QtBot, clock: ManualClock) -> None:
    panel = kiosk.window.home_quick
    panel.scale.buttons[5].click()
    for grade in (1, 1, 2, 1, 3):
        clock.advance(seconds=2)
        panel.scale.buttons[grade].click()
        assert panel.result is False
    assert panel.prompt.text() == "Спасибо! Подождите немного перед новой оценкой."
    assert query(kiosk, "SELECT overall FROM ratings") == [(5,)]
    assert throttled_count(kiosk.window.ratings) == 5
    clock.advance(seconds=kiosk.config.quick_rating_gap_s)
    with qtbot.waitSignal(kiosk.window.rating_saved, timeout=2000):
        panel.scale.buttons[2].click()
    assert panel.result is True
    assert query(kiosk, "SELECT overall FROM ratings ORDER BY created_utc") == [(5,), (2,)]
    assert rating_events(kiosk)[-1]["throttled_today"] == 5  # the count travels to the server


def test_feedback_gives_way_to_the_question_again(kiosk: Kiosk, qtbot: QtBot) -> None:
    panel = kiosk.window.home_quick
    panel.feedback_timer.setInterval(50)  # a few seconds in the kiosk; shortened for the test
    panel.scale.buttons[5].click()
    qtbot.waitUntil(lambda: panel.result is None, timeout=2000)
    assert panel.prompt.text() == "Как вам наш центр? Оцените одним касанием"


def test_quick_rating_at_the_end_of_the_ticket_flow(kiosk: Kiosk, qtbot: QtBot, clock: ManualClock) -> None:
    ticket_id = take_ticket(kiosk, qtbot)
    window = kiosk.window
    panel = window.ticket_quick
    assert panel.isVisible() and window.current() is window.ticket
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: panel.prompt.text() == "How do you like our centre? Rate us with one tap", timeout=2000)
    with qtbot.waitSignal(window.rating_saved, timeout=2000):
        panel.scale.buttons[5].click()
    assert panel.prompt.text() == "Thank you! Your rating has been counted."
    assert window.current() is window.ticket
    # A quick rating is anonymous: it never uses up the ticket's own full rating.
    assert query(kiosk, "SELECT kind, ticket_id, overall, language FROM ratings") == [("quick", None, 5, "en")]
    assert rating_events(kiosk)[0]["source"] == "ticket"
    assert window.ratings.find_ticket("П001").id == ticket_id
    # The same kiosk-wide gap applies on Home.
    window.go_home()
    window.home_quick.scale.buttons[1].click()
    assert window.home_quick.result is False


def test_going_home_clears_the_thanks(kiosk: Kiosk, qtbot: QtBot) -> None:
    take_ticket(kiosk, qtbot)
    window = kiosk.window
    window.ticket_quick.scale.buttons[3].click()
    assert window.ticket_quick.result is True
    window.ticket.done_button.click()
    assert window.ticket_quick.result is None
