"""The one-tap rating's five faces are equal tap targets, at least 80×80 px,
on Home and on the ticket screen, in both languages and text sizes: measured
in the real window at 1920×1080."""

from __future__ import annotations

import pytest

from tests.ui.test_a11y_walk import DRIVERS, set_mode, settle
from ui.app import Kiosk
from ui.theme import MIN_TOUCH_PX


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_quick_rating_faces_are_equal_and_big_enough(make_kiosk, language: str, large: bool) -> None:
    kiosk: Kiosk = make_kiosk(printer=None)
    window = kiosk.window
    problems = []
    for screen, panel in ((window.home, window.home_quick),
                          (window.ticket, window.ticket_quick)):
        window.go_home()
        set_mode(window, large, False)
        DRIVERS[screen.screen_name](window)
        set_mode(window, large, False)
        window.bottom_bar.language_buttons[language].click()
        settle()
        assert window.current() is screen
        if not panel.isVisible():
            # The ticket screen leaves the quick rating to Home with large text.
            assert large and screen is window.ticket
            continue
        sizes = [(b.width(), b.height()) for b in panel.scale.buttons.values()]
        widths = {w for w, _ in sizes}
        if max(widths) - min(widths) > 1:
            problems.append(f"{screen.screen_name}: uneven widths {sizes}")
        if min(min(s) for s in sizes) < MIN_TOUCH_PX:
            problems.append(f"{screen.screen_name}: smaller than {MIN_TOUCH_PX} px: {sizes}")
    assert not problems, "\n".join(problems)
