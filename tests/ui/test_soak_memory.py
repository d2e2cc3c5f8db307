"""What the soak measures must be what the kiosk holds: the screens replace their tiles
with ``deleteLater()``, which only an event loop turn frees, so the scripted visitor's
taps must run those turns as the kiosk's own loop does; otherwise every round leaves
its old tiles behind until the next count and the resident memory measured grows with
objects the kiosk would have freed long before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from bench.soak_bench import Visitor, soak_kiosk


def test_tiles_replaced_during_a_walk_are_freed_round_by_round(qapp, qtbot: QtBot, tmp_path: Path) -> None:
    with soak_kiosk(tmp_path / "data") as (kiosk, clock):
        visitor = Visitor(kiosk, clock)
        live = {}
        for n in range(1, 13):  # no admin round (0, 25); 6 and 12 end the same way (a rating, no one-tap)
            visitor.round(n)
            live[n] = len(QApplication.allWidgets())  # no settle(): what the walk itself left alive
    assert len(visitor.tickets) == 12
    assert live[12] == live[6]
