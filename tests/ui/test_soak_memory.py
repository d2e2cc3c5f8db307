"""What the soak measures must be what the kiosk holds: the screens replace their tiles
with ``deleteLater()``, which only an event loop turn frees, so the scripted visitor's
taps must run those turns as the kiosk's own loop does; otherwise every round leaves
its old tiles behind until the next count and the resident memory measured grows with
objects the kiosk would have freed long before."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QApplication, QLayout, QLayoutItem
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


def _items(layout: QLayout) -> list[QLayoutItem]:
    found: list[QLayoutItem] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        found.append(item)
        if item.layout() is not None:
            found.extend(_items(item.layout()))
    return found


def test_the_standard_text_rebuilt_in_another_language_leaves_no_layout_items_behind(
        qapp, qtbot: QtBot, tmp_path: Path) -> None:
    """The standard's text is rebuilt at each change of language, 25 paragraphs and lines.
    Their layout items (one per widget, spacing and line) must go with them: taken out of a
    layout and dropped, they stayed allocated for ever, some 2.5 KB a rebuild."""
    with soak_kiosk(tmp_path / "data") as (kiosk, clock):
        visitor = Visitor(kiosk, clock)
        window = kiosk.window
        visitor.tap(window.standard_tile)
        screen = window.current()
        assert screen.property("screenName") == "standard"
        old = _items(screen.column)
        assert len(old) > 10 and any(item.layout() is not None for item in old)
        visitor.tap(window.bottom_bar.language_buttons["en"])
        assert _items(screen.column), "the English text is on screen"
        assert [item for item in old if shiboken6.isValid(item)] == []
