"""A short soak (bench/soak_bench.py): a scripted visitor goes round every screen;
after the first rounds (every screen built, admin mode opened once) nothing the
kiosk holds may grow: widgets, the window's objects, threads. No round may fail
and nothing may be logged as an error."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from bench.soak_bench import soak, soak_kiosk

# Round 0 and round 25 open admin mode; the visits repeat every three rounds,
# so the warm and the final counts are taken at the same point of the pattern.
WARMUP = 26
ROUNDS = WARMUP + 24


def test_a_walk_round_every_screen_leaks_no_widgets_objects_or_threads(qapp, qtbot: QtBot, tmp_path: Path) -> None:
    with soak_kiosk(tmp_path / "data") as (kiosk, clock):
        result = soak(kiosk, clock, ROUNDS, WARMUP)
    assert result.errors == []
    assert result.tickets == ROUNDS  # every round took its ticket
    assert result.ratings > ROUNDS // 2  # the ticket ratings and the one-tap ones were stored
    assert result.end.widgets == result.warm.widgets
    assert result.end.objects == result.warm.objects
    assert result.end.threads == result.warm.threads
