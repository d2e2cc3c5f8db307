"""A visitor rates the service through the screens: the ticket, the five
criteria, a comment, the thanks; one rating per ticket; plain answers for
unknown, old and cancelled tickets; a scanner; the idle return forgets it all."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from kiosk.ratings import CRITERIA, Criterion
from tests.ui.rating.support import grade, query, rating_events, take_ticket, type_keys, type_on_pad
from ui.app import Kiosk


def open_rating(kiosk: Kiosk) -> None:
    window = kiosk.window
    window.go_home()
    window.rate_tile.click()
    assert window.current() is window.rating_entry


def test_full_rating_is_stored_with_its_outbox_event(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    ticket_id = take_ticket(kiosk, qtbot)
    window.ticket.done_button.click()
    window.rate_tile.click()
    entry = window.rating_entry
    assert entry.title.text() == "Оценить обслуживание"
    type_on_pad(kiosk, "П001")
    assert entry.code.text() == "П001"
    entry.find_button.click()

    criteria = window.rating_criteria
    assert window.current() is criteria
    assert criteria.subtitle.text().startswith("Талон П001: Паспорт гражданина РФ")
    assert [criteria.names[c].text() for c in CRITERIA] == [
        "Время предоставления услуги", "Время ожидания в очереди", "Вежливость и компетентность сотрудника",
        "Комфортность условий в помещении", "Доступность информации о порядке предоставления услуги"]
    assert not criteria.next_button.isEnabled()  # nothing rated yet
    for criterion, value in zip(CRITERIA, (5, 4, 3, 2, 1), strict=True):
        grade(kiosk, criterion, value)
    assert criteria.status.text() == "Вы ответили на все пять вопросов."
    criteria.next_button.click()

    comment = window.rating_comment
    assert window.current() is comment
    for char in "спасибо":
        comment.keyboard.key_for(char).click()
    assert comment.counter.text() == "7 из 500 символов"
    with qtbot.waitSignal(window.rating_saved, timeout=2000) as saved:
        comment.send_button.click()
    assert window.current() is window.rating_thanks
    assert window.rating_thanks.body.text() == "Ваша оценка по талону П001 сохранена."

    stored = query(kiosk, "SELECT id, kind, ticket_id, service_id, served_window, scores, comment, language "
                          "FROM ratings")
    assert stored == [(saved.args[0], "ticket", ticket_id, "passport-internal", None,
                       '{"comfort": 2, "information": 1, "service_time": 5, "staff": 3, "waiting_time": 4}',
                       "спасибо", "ru")]
    [event] = rating_events(kiosk)
    assert event["rating_id"] == saved.args[0] and event["ticket_id"] == ticket_id
    assert event["scores"]["service_time"] == 5 and event["comment"] == "спасибо"
    window.rating_thanks.button.click()
    assert window.current() is window.home


def test_skipped_criteria_and_no_comment(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot, "collect", "pickup")
    open_rating(kiosk)
    type_on_pad(kiosk, "В1")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 4)
    grade(kiosk, Criterion.COMFORT, 2)
    grade(kiosk, Criterion.COMFORT, 2)  # tapped again: skipped after all
    assert window.rating_criteria.scales[Criterion.COMFORT].value() == 0
    assert window.rating_criteria.status.text().startswith("Отвечено на 1 вопрос из 5")
    window.rating_criteria.next_button.click()
    with qtbot.waitSignal(window.rating_saved, timeout=2000):
        window.rating_comment.send_button.click()
    assert query(kiosk, "SELECT scores, comment FROM ratings") == [('{"staff": 4}', None)]


def test_back_from_the_comment_keeps_the_grades(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    open_rating(kiosk)
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.WAITING_TIME, 5)
    window.rating_criteria.next_button.click()
    window.bottom_bar.back_button.click()
    assert window.current() is window.rating_criteria
    assert window.rating_criteria.scores() == {Criterion.WAITING_TIME: 5}
    window.bottom_bar.back_button.click()
    assert window.current() is window.rating_entry
    window.rating_entry.find_button.click()  # the same ticket again: the grade is still there
    assert window.rating_criteria.scores() == {Criterion.WAITING_TIME: 5}


def test_one_rating_per_ticket(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    for attempt in range(2):
        open_rating(kiosk)
        type_on_pad(kiosk, "П001")
        window.rating_entry.find_button.click()
        if attempt == 1:
            break
        grade(kiosk, Criterion.STAFF, 5)
        window.rating_criteria.next_button.click()
        with qtbot.waitSignal(window.rating_saved, timeout=2000):
            window.rating_comment.send_button.click()
    entry = window.rating_entry
    assert window.current() is entry
    assert entry.verdict.isVisible()
    assert entry.verdict.text() == "Талон П001 уже оценён. Спасибо! Каждый визит оценивается один раз."
    assert query(kiosk, "SELECT count(*) FROM ratings") == [(1,)]


def test_a_second_tap_on_send_stores_one_rating(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    open_rating(kiosk)
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 5)
    window.rating_criteria.next_button.click()
    window.rating_comment.send_button.click()
    window.rating_comment.send_button.click()
    window.rating_comment.send.emit()  # even if the signal itself came twice
    assert query(kiosk, "SELECT count(*) FROM ratings") == [(1,)]
    assert len(rating_events(kiosk)) == 1
    assert window.current() is window.rating_thanks


@pytest.mark.parametrize(("case", "russian", "english"), [
    ("unknown", "Талон П042 не найден среди сегодняшних. Пожалуйста, проверьте номер на талоне.",
     "We could not find ticket П042 among today's tickets. Please check the number on your ticket."),
    ("yesterday", "Талон П001 выдан в другой день. Здесь можно оценить только сегодняшние талоны.",
     "Ticket П001 was taken on another day. Only today's tickets can be rated here."),
    ("cancelled", "Талон П001 отменён, и оценка по нему не принимается. Если это ошибка, обратитесь к "
                  "консультанту в зале.",
     "Ticket П001 was cancelled, so it cannot be rated. If this is a mistake, please ask a consultant in the hall."),
], ids=["unknown", "yesterday", "cancelled"])
def test_tickets_that_cannot_be_rated_get_a_plain_answer(kiosk: Kiosk, qtbot: QtBot, clock: ManualClock,
                                                         case: str, russian: str, english: str) -> None:
    window = kiosk.window
    ticket = kiosk.desk.issue("passport-internal", "ru")
    typed = "П001"
    if case == "unknown":
        typed = "П042"
    elif case == "yesterday":
        clock.advance(days=1)
    else:
        with kiosk.store.transaction() as conn:
            conn.execute("UPDATE tickets SET status = 'cancelled' WHERE id = ?", (ticket.id,))
    open_rating(kiosk)
    type_on_pad(kiosk, typed)
    window.rating_entry.find_button.click()
    entry = window.rating_entry
    assert window.current() is entry
    assert entry.verdict.isVisible() and entry.verdict.text() == russian
    window.bottom_bar.language_buttons["en"].click()
    qtbot.waitUntil(lambda: entry.verdict.text() == english, timeout=2000)
    # The typed number stays to be corrected; typing hides the old answer.
    assert entry.code.text() == typed
    entry.pad.backspace_key.click()
    assert not entry.verdict.isVisible()
    assert query(kiosk, "SELECT count(*) FROM ratings") == [(0,)]


def test_a_ticket_cancelled_while_the_visitor_rates(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    ticket_id = take_ticket(kiosk, qtbot)
    open_rating(kiosk)
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 5)
    window.rating_criteria.next_button.click()
    with kiosk.store.transaction() as conn:
        conn.execute("UPDATE tickets SET status = 'cancelled' WHERE id = ?", (ticket_id,))
    window.rating_comment.send_button.click()
    assert window.current() is window.rating_entry
    assert "отменён" in window.rating_entry.verdict.text()
    assert window.rating_criteria.scores() == {}
    assert query(kiosk, "SELECT count(*) FROM ratings") == [(0,)]


def test_scanner_types_the_ticket_link_and_enter(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    ticket_id = take_ticket(kiosk, qtbot, "social", "child-benefits")
    open_rating(kiosk)
    entry = window.rating_entry
    qtbot.waitUntil(entry.code.hasFocus, timeout=2000)  # a scan lands in the field without a tap
    link = kiosk.config.link_template.format(uuid=ticket_id)
    qtbot.keyClicks(entry.code, link)
    assert entry.code.text() == link
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert window.current() is window.rating_criteria
    assert window.rating_criteria.ticket is not None and window.rating_criteria.ticket.id == ticket_id
    assert window.rating_criteria.subtitle.text().startswith("Талон С001")


def test_scanned_number_and_unreadable_scan(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot, "social", "child-benefits")
    open_rating(kiosk)
    entry = window.rating_entry
    qtbot.keyClicks(entry.code, "https://elsewhere.invalid/promo?id=7")
    qtbot.keyClick(entry.code, Qt.Key.Key_Enter)
    assert window.current() is entry
    assert entry.verdict.text().startswith("Не удалось распознать номер.")
    assert entry.code.text() == ""  # cleared, so the next scan is not appended to it
    type_keys(entry.code, "с001")  # a hardware keyboard in the Russian layout, small letter
    qtbot.keyClick(entry.code, Qt.Key.Key_Return)
    assert window.current() is window.rating_criteria


def test_idle_return_discards_the_unfinished_rating(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    window.go_home()
    window.nav.set_idle_ms(100)  # the config's minimum is 15 s; shortened for the test
    window.rate_tile.click()
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 1)
    window.rating_criteria.next_button.click()
    window.bottom_bar.language_buttons["en"].click()
    comment = window.rating_comment
    comment.keyboard.toggle_layout()
    for char in "rude":
        comment.keyboard.key_for(char).click()
    assert comment.comment() == "rude"
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.current() is window.home
    assert kiosk.language.current == "ru"
    assert comment.comment() == ""
    assert window.rating_criteria.ticket is None and window.rating_criteria.scores() == {}
    assert window.rating_entry.code.text() == ""
    assert query(kiosk, "SELECT count(*) FROM ratings") == [(0,)]
    # The next visitor starts from an empty field.
    window.rate_tile.click()
    assert window.rating_entry.code.text() == "" and not window.rating_entry.verdict.isVisible()


def test_thanks_return_home_by_themselves(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    open_rating(kiosk)
    window.nav.set_timeout_ms(window.rating_thanks, 50)  # 10 s in the kiosk; shortened for the test
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.INFORMATION, 3)
    window.rating_criteria.next_button.click()
    window.rating_comment.send_button.click()
    assert window.current() is window.rating_thanks
    with qtbot.waitSignal(window.went_home, timeout=3000):
        pass
    assert window.current() is window.home


CYRILLIC = re.compile("[А-Яа-яЁё]")
TICKET_NUMBER = re.compile(r"[А-ЯЁ]\d{3}")


def visible_words(root: QWidget) -> list[tuple[str, str]]:
    """Visible label and button texts, except keyboard keys (the same letters in
    both languages) and ticket numbers (always with their Cyrillic letter)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.property("key"):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text().strip():
            found.append((widget.objectName(), TICKET_NUMBER.sub("", widget.text())))
    return found


def test_every_rating_screen_speaks_both_languages(kiosk: Kiosk, qtbot: QtBot) -> None:
    window = kiosk.window
    take_ticket(kiosk, qtbot)
    window.go_home()
    screens = []
    window.rate_tile.click()
    screens.append(window.current())
    type_on_pad(kiosk, "П001")
    window.rating_entry.find_button.click()
    grade(kiosk, Criterion.STAFF, 5)
    screens.append(window.current())
    window.rating_criteria.next_button.click()
    screens.append(window.current())
    for screen in screens:
        window.show_screen(screen)
        window.bottom_bar.language_buttons["en"].click()
        qtbot.waitUntil(lambda s=screen: not any(CYRILLIC.search(t) for _, t in visible_words(s)), timeout=2000)
        window.bottom_bar.language_buttons["ru"].click()
        qtbot.waitUntil(lambda s=screen: all(CYRILLIC.search(t) or not re.search("[A-Za-z]", t)
                                             for _, t in visible_words(s)), timeout=2000)
