"""Once Home is interactive the kiosk settles its heap (kiosk/heap.py), and says so in its log."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from ui.app import Kiosk


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_the_interactive_kiosk_freezes_start_ups_objects(kiosk: Kiosk, qtbot: QtBot,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    gc.unfreeze()
    caplog.set_level(logging.INFO, logger="ui.app")
    kiosk.on_interactive()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=10_000)
    # The whole window, its screens and the modules behind them: far more than a bare interpreter holds.
    assert gc.get_freeze_count() > 30_000
    assert all(obj is not kiosk.window for obj in gc.get_objects())
    assert any("start-up heap settled" in r.getMessage() for r in caplog.records)


def test_the_interactive_kiosk_hands_the_interpreter_over_within_a_millisecond(kiosk: Kiosk) -> None:
    """Sync and printing threads compute beside the GUI thread; a tap waits at most 1 ms for the lock."""
    import sys

    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # the interpreter's default
        kiosk.on_interactive()
        assert sys.getswitchinterval() <= 0.001
    finally:
        sys.setswitchinterval(before)
