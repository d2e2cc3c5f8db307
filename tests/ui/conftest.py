"""Fixtures for driving the real kiosk window offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.clock import ManualClock
from kiosk.config import Config
from ui.app import Kiosk
from ui.printing.service import QtTicketPrinter


@pytest.fixture
def pdf_dir(tmp_path: Path) -> Path:
    return tmp_path / "printed"


@pytest.fixture
def make_kiosk(qapp, qtbot: QtBot, tmp_path: Path, clock: ManualClock, config: Config, pdf_dir: Path):
    """Build a kiosk (optionally with another printer or config); shut down after the test."""
    made: list[Kiosk] = []

    def factory(printer: object = "pdf", cfg: Config | None = None) -> Kiosk:
        chosen = QtTicketPrinter(pdf_dir=pdf_dir) if printer == "pdf" else printer
        kiosk = Kiosk(cfg or config, tmp_path / "data", clock=clock, printer=chosen)
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        qtbot.waitExposed(kiosk.window)
        made.append(kiosk)
        return kiosk

    yield factory
    for kiosk in made:
        kiosk.shutdown()


@pytest.fixture
def kiosk(make_kiosk) -> Iterator[Kiosk]:
    yield make_kiosk()
