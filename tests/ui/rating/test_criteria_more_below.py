"""The five rating questions at 1920×1080: a question the screen's bottom edge
cuts off has a visible sign that the list scrolls; scrolled to the end, the
fifth question is whole and the sign has gone."""

from __future__ import annotations

import pytest

from tests.ui.test_a11y_walk import set_mode, settle, visible_rect, window_rect
from ui.app import Kiosk


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_cut_off_question_shows_that_more_is_below(make_kiosk, language: str, large: bool) -> None:
    kiosk: Kiosk = make_kiosk(printer=None)
    window = kiosk.window
    screen = window.rating_criteria
    set_mode(window, large, False)
    window.show_screen(screen)
    set_mode(window, large, False)
    window.bottom_bar.language_buttons[language].click()
    settle()
    assert window.current() is screen
    rows = [(screen.names[c], screen.scales[c]) for c in screen.names]
    hint = getattr(screen, "scroll_hint", None)
    cut = [name.text() for name, scale in rows
           if any(visible_rect(w, window) != window_rect(w, window) for w in (name, scale))]
    if cut:
        assert hint is not None and hint.isVisible(), f"{cut} cut off with no sign that the list scrolls"
        fifth = rows[-1][1]
        assert window_rect(hint, window).intersects(visible_rect(fifth, window)) or \
            visible_rect(fifth, window).isEmpty()
    else:
        assert hint is None or not hint.isVisible()

    bar = screen.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    settle()
    name, scale = rows[-1]
    assert visible_rect(scale, window) == window_rect(scale, window)
    assert visible_rect(name, window) == window_rect(name, window)
    assert hint is None or not hint.isVisible()
