"""``python main.py screenshots OUT_DIR``: every screen in both languages as PNG,
at both text sizes and in both themes (``05-ticket-ru.png`` is normal text in
the default theme; ``-large``, ``-contrast`` and ``-large-contrast`` name the rest).

Runs offscreen on the demo config with a seeded queue and a fixed clock, so
the pictures show realistic figures and change only when the UI does.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zoneinfo
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.hours import parse_weekly_hours
from ui.app import Kiosk, application
from ui.visitor.ticket import PrintState

SIZE = (1920, 1080)
# Each mode: (large text, high contrast, the file-name suffix).
MODES = {"normal": (False, False, ""), "large": (True, False, "-large"), "contrast": (False, True, "-contrast"),
         "large-contrast": (True, True, "-large-contrast")}
COMBINATIONS = tuple(MODES.values())
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


def _grab(kiosk: Kiosk, path: Path) -> None:
    app = application()
    for _ in range(3):
        app.processEvents()
    kiosk.window.grab().save(str(path))


def render_all(config: Config, out_dir: Path,
               combinations: tuple[tuple[bool, bool, str], ...] = COMBINATIONS) -> list[Path]:
    """Render the screens to ``out_dir``; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-shots-") as tmp:
        clock = ManualClock(dt.datetime(2026, 11, 24, 10, 30, tzinfo=MOSCOW))
        config = config.with_overrides(hours=parse_weekly_hours({"daily": "08:00-20:00"}))
        kiosk = Kiosk(config, Path(tmp), clock=clock, printer=None)
        # A morning's queue: a few visitors in several categories.
        for service_id in ["passport-internal"] * 14 + ["child-benefits"] * 6 + ["pickup"] * 4 \
                + ["property-rights"] * 5 + ["consultation"] * 3:
            kiosk.desk.issue(service_id, "ru")
            clock.advance(seconds=20)
        # One ticket to be rated in every language and mode (one rating per
        # ticket, so each pass rates but never submits).
        rated = kiosk.desk.issue("passport-foreign", "ru").display
        window = kiosk.window
        window.resize(*SIZE)
        window.show()
        for (large, contrast, suffix), lang in [(c, lang) for c in combinations for lang in ("ru", "en")]:
            def apply(lang: str = lang, large: bool = large, contrast: bool = contrast) -> None:
                # Going Home resets the language and the accessibility switches.
                kiosk.language.set_language(lang)
                window.access.set_mode(large, contrast)

            def shot(name: str, lang: str = lang, suffix: str = suffix) -> None:
                path = out_dir / f"{name}-{lang}{suffix}.png"
                _grab(kiosk, path)
                written.append(path)

            window.go_home()
            apply()
            shot("01-home")
            window.home.ticket_tile.click()
            shot("02-categories")
            window.categories.category_tiles["passports"].click()
            shot("03-services")
            window.go_back()
            window.categories.situation_tiles["birth"].click()
            shot("04-life-situation")
            window.go_back()
            window.categories.category_tiles["passports"].click()
            window.services.tiles["passport-internal"].click()
            window.ticket.set_print_state(window.ticket.ticket.id if window.ticket.ticket else "",
                                          PrintState.PRINTED)
            shot("05-ticket")
            window.ticket.set_print_state(window.ticket.ticket.id if window.ticket.ticket else "",
                                          PrintState.FAILED)
            shot("06-ticket-printer-failed")
            window.go_home()
            apply()
            clock.set(dt.datetime(2026, 11, 24, 19, 50, tzinfo=MOSCOW))
            window.home.ticket_tile.click()
            window.categories.category_tiles["real-estate"].click()
            window.services.tiles["property-rights"].click()
            shot("07-refused-past-closing")
            clock.set(dt.datetime(2026, 11, 24, 21, 15, tzinfo=MOSCOW))
            window.go_home()
            apply()
            shot("08-home-closed")
            clock.set(dt.datetime(2026, 11, 24, 10, 40, tzinfo=MOSCOW))
            window.go_home()
            apply()
            window.standard_tile.click()
            shot("09-standard")
            window.go_home()
            apply()
            window.about_tile.click()
            shot("10-about")
            # Rating the ticket taken above: number, criteria, comment, thanks.
            window.go_home()
            apply()
            window.rate_tile.click()
            window.rating_entry.code.setText(rated)
            shot("11-rating-entry")
            window.rating_entry.look_up()
            for criterion, value in zip(window.rating_criteria.scales, (5, 4, 5, 3), strict=False):
                window.rating_criteria.scales[criterion].buttons[value].click()
            shot("12-rating-criteria")
            window.rating_criteria.next_button.click()
            window.rating_comment.box.setPlainText(
                "Всё быстро, спасибо!" if lang == "ru" else "Quick and friendly, thank you!")
            shot("13-rating-comment")
            window.go_home()
            apply()
            # Staff: the PIN pad and two admin tabs (signed in directly, no PIN typed).
            window.open_admin()
            apply()
            shot("14-admin-pin")
            window._on_admin_signed_in("operator")
            shot("15-admin-today")
            window.admin.show_page("operator")
            shot("16-admin-kiosk")
            window.leave_admin("sign_out")
        kiosk.shutdown()
    return written
