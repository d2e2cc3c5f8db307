"""A booked visit's and a package's tickets on an ESC/POS receipt printer (python-escpos'
Dummy): read back from the bytes the printer gets, the booking line and each of the
package's services and documents start a line of their own, never run on from the field
before them, and a line too long for the paper is wrapped between words."""

from __future__ import annotations

from escpos.printer import Dummy
from pytestqt.qtbot import QtBot

from kiosk import packages
from kiosk.printers.escpos import EscposPrinter
from tests.escpos_support import printed_lines, wrapped_run
from tests.ui.input_events import tap
from tests.ui.visitor.checkin_support import check_in_by_taps
from ui.main_window import KioskWindow

COLUMNS = 42  # python-escpos' default profile: Font A on 80 mm paper


class Roll:
    """Makes the Dummy printer each slip is sent to, and keeps them in order."""

    def __init__(self) -> None:
        self.slips: list[Dummy] = []

    def __call__(self) -> Dummy:
        self.slips.append(Dummy())
        return self.slips[-1]

    def last_lines(self) -> list[str]:
        assert self.slips, "nothing was sent to the printer"
        return printed_lines(self.slips[-1].output, "cp866")


def ready_window(window: KioskWindow, qtbot: QtBot) -> KioskWindow:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    return window


def assert_on_lines_of_its_own(lines: list[str], text: str) -> None:
    run = wrapped_run(lines, text)
    assert run is not None, f"{text!r} is not on lines of its own in {lines!r}"
    assert all(len(piece) <= COLUMNS for piece in run), run


def test_a_booked_tickets_booking_line_is_a_line_of_its_own(make_kiosk, qtbot: QtBot) -> None:
    roll = Roll()
    kiosk = make_kiosk(printer=EscposPrinter(None, factory=roll))
    window = ready_window(kiosk.window, qtbot)
    ticket = check_in_by_taps(kiosk, qtbot)
    lines = roll.last_lines()
    assert_on_lines_of_its_own(lines, kiosk.catalog.service(ticket.service_id).name.ru)
    assert_on_lines_of_its_own(lines, f"Запись на {ticket.booked_slot:%H:%M}, код 2401")
    assert_on_lines_of_its_own(lines, window.print_job(ticket).wait)
    assert "Запись на".encode("cp866") in roll.slips[-1].output  # Cyrillic in the printer's code page


def test_a_package_tickets_services_and_documents_are_lines_of_their_own(make_kiosk, qtbot: QtBot) -> None:
    roll = Roll()
    kiosk = make_kiosk(printer=EscposPrinter(None, factory=roll))
    window = ready_window(kiosk.window, qtbot)
    extras = window.visit_extras
    tap(window.home.ticket_tile)
    extras.show_package("birth")  # what the categories screen's life situation tile will call
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        tap(extras.package.take_button)
    assert printed.args[1] is True, printed.args[2]
    ticket = extras.package.ticket
    assert ticket is not None and ticket.language == "ru"
    lines = roll.last_lines()
    chosen = packages.package(kiosk.catalog, "birth")
    expected = ["Услуги:", *(f"{n}. {s.name.ru}" for n, s in enumerate(chosen.services, 1)),
                "Возьмите с собой:", *(f"∙ {d.ru}" for d in chosen.documents)]  # CP866 has no •, but ∙
    for text in expected:
        assert_on_lines_of_its_own(lines, text)
    # «3. Регистрация по месту жительства или пребывания» is longer than the paper is wide.
    long_line = next(text for text in expected if len(text) > COLUMNS)
    assert len(wrapped_run(lines, long_line) or []) == 2
    assert_on_lines_of_its_own(lines, window.print_job(ticket).wait)  # the wait keeps to itself too
