"""The kiosk with an ESC/POS receipt printer (python-escpos' Dummy, answering status queries
as a printer with an empty roll): the ticket fails truthfully and admin mode says why."""

from __future__ import annotations

import pytest
from escpos.printer import Dummy
from pytestqt.qtbot import QtBot

from kiosk.admin.pins import CONSULTANT, PinVault
from kiosk.config import Config, EscposDevice, PrinterConfig
from kiosk.printers.escpos import EscposPrinter
from tests.ui.admin.support import CONSULTANT_PIN, FAST, sign_in
from ui.app import make_printer


class EmptyRoll(Dummy):
    """Answers every DLE EOT query: the paper sensor says the roll is out."""

    def _read(self) -> bytes:
        return b"\x72"


def test_make_printer_builds_an_escpos_printer_from_the_config(config: Config, tmp_path) -> None:
    printer = make_printer(config.with_overrides(printer=PrinterConfig(
        kind="escpos", device=EscposDevice("network", host="192.168.10.50"), codepage="CP1251", profile="TM-T88V",
        connect_timeout_s=2)), tmp_path, "PT Sans")
    assert isinstance(printer, EscposPrinter)
    assert (str(printer.device), printer.codepage, printer.profile, printer.timeout_s) == \
        ("network 192.168.10.50:9100", "CP1251", "TM-T88V", 2)


@pytest.mark.expect_log("ui.printing.service")
def test_an_empty_roll_is_a_failed_ticket_and_admin_says_load_paper(make_kiosk, qtbot: QtBot, config: Config) -> None:
    device = EscposDevice("network", host="192.168.10.50")
    dummy = EmptyRoll()
    kiosk = make_kiosk(printer=EscposPrinter(device, factory=lambda: dummy),
                       cfg=config.with_overrides(printer=PrinterConfig(kind="escpos", device=device)))
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, CONSULTANT_PIN)
    window = kiosk.window
    assert kiosk.printing is not None
    with qtbot.waitSignal(kiosk.printing.finished, timeout=10_000) as printed:
        window.home.ticket_tile.click()
        window.categories.category_tiles["passports"].click()
        window.services.tiles["passport-foreign"].click()
    assert printed.args[1] is False and printed.args[2].startswith("media_empty: ")
    assert "П001".encode("cp866") not in dummy.output  # nothing was sent to an empty printer
    sign_in(kiosk, qtbot)
    with qtbot.waitSignal(kiosk.printing.status_checked, timeout=10_000):
        window.admin.tabs["printer"].click()
    page = window.admin.printer
    assert page.printer_line.text() == "Чековый принтер в сети: 192.168.10.50:9100"
    assert page.status_line.text() == "Состояние: в принтере кончилась бумага; вставьте новый рулон"
    assert page.last_line.text() == ("Последний талон П001 (10:00): не напечатан: "
                                     "в принтере кончилась бумага; вставьте новый рулон")
