"""The best-time chart in both languages and both themes (levels told apart without
colour), the package screen, and the SMS screen: the number shown masked, consent
required, nothing typed kept for the next visitor."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.sms import numbers_left
from kiosk.tickets import TicketDesk
from kiosk.visit_load import Level
from tests.ui.input_events import tap
from tests.ui.visitor.visit_support import make_ctx, show
from ui.context import UiContext
from ui.visitor.besttime import BestTimeScreen
from ui.visitor.package import PackageScreen
from ui.visitor.sms import SmsScreen


@pytest.fixture
def ctx(config: Config, catalog: Catalog, desk: TicketDesk) -> Iterator[UiContext]:
    yield from make_ctx(config, catalog, desk)


def cell_colours(screen: BestTimeScreen, image: QImage, level: Level) -> set[int]:
    """The colours inside the cells of ``level`` (patterns give several per cell)."""
    grid = screen.chart.grid
    assert grid is not None
    found: set[int] = set()
    origin = screen.chart.mapTo(screen, screen.chart.rect().topLeft())
    for weekday in range(7):
        for index, hour in enumerate(grid.hours):
            if grid.level(weekday, hour) is not level:
                continue
            rect = screen.chart.cell_rect(weekday, index).toRect().adjusted(4, 4, -4, -4)
            for x in range(rect.left(), rect.right(), 3):
                for y in range(rect.top(), rect.bottom(), 3):
                    found.add(image.pixel(origin.x() + x, origin.y() + y))
    return found


@pytest.mark.parametrize("contrast", [False, True], ids=["default", "high-contrast"])
def test_the_chart_renders_in_both_languages_and_themes(ctx: UiContext, qtbot: QtBot, contrast: bool) -> None:
    screen = BestTimeScreen(ctx, demo=True)
    show(qtbot, screen, contrast=contrast)
    assert screen.title.text() == "Лучшее время для визита"
    assert screen.quiet.text() == "Тише всего: вт–чт, 14:00–16:00"
    assert screen.source.text() == "Условные данные для демонстрации, а не реальные посещения."
    image = screen.grab().toImage()
    quiet, busiest = cell_colours(screen, image, Level.QUIET), cell_colours(screen, image, Level.VERY_BUSY)
    assert quiet and busiest
    # Told apart by pattern, not by hue: a quiet cell shows the page through its dots, a busy one is solid.
    assert len(quiet) >= 2 and len(busiest) == 1
    ink = QColor("#FFFFFF" if contrast else "#17212F").rgb()
    assert busiest == {ink}  # solid text colour: on white in the default theme, white on black in contrast
    ctx.language.set_language("en")
    qtbot.waitUntil(lambda: screen.quiet.text() == "Quietest: Tue–Thu, 14:00–16:00")
    assert screen.chart.language == "en" and screen.title.text() == "Best time to visit"
    assert [text for _, text in screen.legend.words] == ["quiet", "moderate", "busy", "very busy"]


def test_the_chart_without_history_says_so(ctx: UiContext, qtbot: QtBot) -> None:
    screen = BestTimeScreen(ctx)
    show(qtbot, screen, large=True)
    assert screen.quiet.text() == "Пока слишком мало посещений, чтобы назвать самое спокойное время."
    assert screen.source.text().startswith("Обычная неделя по талонам этого киоска, ")


def test_the_package_screen_lists_services_documents_and_the_whole_visit(ctx: UiContext, qtbot: QtBot) -> None:
    screen = PackageScreen(ctx)
    show(qtbot, screen)
    screen.show_package("retirement")
    assert screen.title.text() == "Выход на пенсию"
    assert screen.services_list.text().splitlines()[0].startswith("1. ")
    assert "Трудовая книжка" in screen.documents_list.text()
    assert "Ожидание около 0 мин: короткое ожидание" in screen.wait.text()
    assert screen.visit.text().startswith("Весь визит займёт у окна около ")
    with qtbot.waitSignal(screen.take_package, timeout=2000) as asked:
        tap(screen.take_button)
    assert asked.args == ["retirement"]
    screen.reset()
    assert screen.package is None and screen.services_list.text() == ""


def test_the_sms_screen_masks_the_number_and_needs_consent(ctx: UiContext, qtbot: QtBot, desk: TicketDesk) -> None:
    ticket = desk.issue("snils", "ru")
    screen = SmsScreen(ctx)
    show(qtbot, screen)
    screen.start(ticket)
    assert "152-ФЗ" in screen.notice.text()
    for digit in "84951234567":  # a Moscow landline: not a mobile
        tap(screen.pad.keys[digit])
    assert screen.problem.isVisible() and not screen.send_button.isEnabled()
    for _ in range(11):
        tap(screen.pad.backspace_key)
    assert screen.shown.text() == "+7"
    for digit in "9161234567":
        tap(screen.pad.keys[digit])
    assert screen.shown.text() == "+7 916 •••-••-67"
    assert "1234" not in screen.shown.text() and not screen.problem.isVisible()
    assert not screen.send_button.isEnabled()
    assert not screen.consent.title.text().startswith("✓")
    tap(screen.consent)
    assert screen.send_button.isEnabled() and screen.consent.title.text().startswith("✓ Я согласен")
    assert screen.language_buttons["ru"].text() == "✓ Русский"
    tap(screen.language_buttons["en"])
    assert screen.language_buttons["en"].text() == "✓ Английский" and screen.language_buttons["ru"].text() == "Русский"
    with qtbot.waitSignal(screen.accepted, timeout=2000) as accepted:
        tap(screen.send_button)
    assert accepted.args == [ticket.id]
    assert screen.field.text() == "" and numbers_left(desk.store) == 1
    payload = desk.store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'sms.requested'").fetchone()[0]
    assert '"language": "en"' in payload


def test_going_home_forgets_a_half_typed_number(ctx: UiContext, qtbot: QtBot, desk: TicketDesk) -> None:
    screen = SmsScreen(ctx)
    show(qtbot, screen)
    screen.start(desk.issue("snils", "ru"))
    for digit in "91612":
        tap(screen.pad.keys[digit])
    tap(screen.consent)
    screen.reset()  # what the navigator does on the way Home, on idle too
    assert screen.field.text() == "" and not screen.consent.isChecked() and screen.ticket is None
    assert screen.shown.text() == "+7" and numbers_left(desk.store) == 0
