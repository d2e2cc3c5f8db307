"""The ticket screen after a print failure: the visitor is asked to remember or
photograph the number, so the ticket stays twice the usual time (the next
ticket gets the usual time again); and every text of the ticket fits the rect
it is painted in, in both languages and text sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.ui.test_a11y_walk import COMBINATIONS, name_of, set_mode, settle, take_ticket, visible_rect, window_rect
from ui.app import Kiosk
from ui.printing.jobs import PrintJob
from ui.printing.service import PrintError
from ui.visitor.ticket import PrintState


class FailsOnce:
    """Out of paper for the first ticket, refilled for the next."""

    def __init__(self) -> None:
        self.calls = 0

    def print_ticket(self, job: PrintJob) -> None:
        self.calls += 1
        if self.calls == 1:
            raise PrintError("paper out")


@pytest.mark.expect_log("ui.printing.service")
def test_a_failed_print_keeps_the_ticket_twice_as_long(make_kiosk, qtbot: QtBot) -> None:
    kiosk: Kiosk = make_kiosk(printer=FailsOnce())
    window, nav = kiosk.window, kiosk.window.nav
    screen = window.ticket
    usual = kiosk.config.ticket_screen_s * 1000
    assert nav.timeout_ms(screen) == usual
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=5000):
        take_ticket(window, "collect", "pickup")
    qtbot.waitUntil(lambda: screen.print_state is PrintState.FAILED)
    assert nav.timeout_ms(screen) == 2 * usual
    assert nav.timer.isActive() and nav.timer.interval() == 2 * usual

    window.go_home()
    with qtbot.waitSignal(kiosk.printing.finished, timeout=5000):
        take_ticket(window, "collect", "pickup")
    qtbot.waitUntil(lambda: screen.print_state is PrintState.PRINTED)
    assert nav.timeout_ms(screen) == usual
    assert nav.timer.interval() == usual


def clipped(lab: QLabel) -> str | None:
    """What of a label's text does not fit inside its contents rect, if anything."""
    room = lab.contentsRect()
    flags = int(lab.alignment()) | (int(Qt.TextFlag.TextWordWrap) if lab.wordWrap() else 0)
    needed = lab.fontMetrics().boundingRect(room, flags, lab.text())
    if needed.height() > room.height() or needed.width() > room.width():
        return f"{name_of(lab)}: needs {needed.width()}x{needed.height()} px, has {room.width()}x{room.height()}"
    return None


@pytest.mark.parametrize("state", [PrintState.PRINTED, PrintState.FAILED], ids=["printed", "failed"])
@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(("large", "contrast"), COMBINATIONS, ids=["normal", "large", "contrast", "large-contrast"])
def test_every_ticket_text_fits_its_rect(make_kiosk, language: str, large: bool, contrast: bool,
                                        state: PrintState) -> None:
    kiosk: Kiosk = make_kiosk(printer=None)
    window = kiosk.window
    for service in ["passport-internal"] * 19:  # a queue, so the wait is long and its warning shows
        kiosk.desk.issue(service, "ru")
    set_mode(window, large, contrast)
    take_ticket(window, "passports", "passport-internal")
    set_mode(window, large, contrast)
    window.bottom_bar.language_buttons[language].click()
    assert window.ticket.ticket is not None
    window.ticket.set_print_state(window.ticket.ticket.id, state)
    settle()
    assert window.current() is window.ticket
    labels = [lab for lab in window.ticket.findChildren(QLabel) if lab.isVisibleTo(window) and lab.text()]
    problems = [p for p in map(clipped, labels) if p]
    # A text the scroll area's bottom edge cuts through is cut mid-letter: the
    # sign that more lies below must be over that edge.
    hint = getattr(window.ticket, "scroll_hint", None)
    for lab in labels:
        seen, whole = visible_rect(lab, window), window_rect(lab, window)
        if seen != whole and not seen.isEmpty() and seen.bottom() < whole.bottom():
            if hint is None or not hint.isVisible() or not window_rect(hint, window).intersects(seen):
                problems.append(f"{name_of(lab)}: cut off at the bottom ({seen.height()} of {whole.height()} px "
                                "in view) with no sign that the ticket scrolls")
    assert not problems, "\n".join(problems)
    # Scrolled to its end, the last lines are whole and the sign has gone.
    bar = window.ticket.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    assert hint is None or not hint.isVisible()
    assert visible_rect(window.ticket.call, window) == window_rect(window.ticket.call, window)
