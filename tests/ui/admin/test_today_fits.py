"""Admin's *Today* tab at 1920×1080, in Russian and English, normal and large
text: the figure captions are short lines, not cramped columns, no label is
clipped, and a card cut off at the bottom has a visible sign that the tab
scrolls (which goes once the tab is scrolled to its end)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.admin.support import set_pins, sign_in
from tests.ui.test_a11y_walk import layout_problems, set_mode, settle, visible_rect, window_rect
from ui.app import Kiosk


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_today_tab_fits_or_scrolls_visibly(make_kiosk, qtbot: QtBot, language: str, large: bool) -> None:
    kiosk: Kiosk = set_pins(make_kiosk(printer=None))
    for service in ["passport-internal"] * 4 + ["pickup", "child-benefits", "consultation", "snils"]:
        kiosk.desk.issue(service, "ru")
    window = kiosk.window
    sign_in(kiosk, qtbot)
    set_mode(window, large, False)
    window.bottom_bar.language_buttons[language].click()
    page = window.admin.today
    window.admin.show_page("today")
    settle()
    assert window.admin.current_page() is page

    problems = layout_problems(window)
    for key, (_value, caption) in page.figures.items():
        lines = round(caption.height() / caption.fontMetrics().lineSpacing())
        if lines > 2:
            problems.append(f"figure {key}: its caption {caption.text()!r} takes {lines} lines")
    cards = [card for card in page.findChildren(type(page.disk_warning.parentWidget()))
             if card.objectName() == "card" and card.isVisibleTo(window)]
    assert len(cards) >= 7
    cut = [card.property("cardName") for card in cards if visible_rect(card, window) != window_rect(card, window)]
    hint = getattr(page, "scroll_hint", None)
    if cut and (hint is None or not hint.isVisible()):
        problems.append(f"cards {cut} are cut off with no sign that the tab scrolls")
    if not cut and hint is not None and hint.isVisible():
        problems.append("the scroll sign shows while everything is in view")
    assert not problems, "\n".join(problems)

    # Scrolled to its end, every card is in view and the sign has gone.
    bar = page.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    assert hint is not None and not hint.isVisible()
    last = max(cards, key=lambda c: window_rect(c, window).bottom())
    assert visible_rect(last, window) == window_rect(last, window)
