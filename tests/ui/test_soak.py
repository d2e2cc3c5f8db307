"""A short soak (bench/soak_bench.py): a scripted visitor goes round every screen;
after the first rounds (every screen built, admin mode opened once) nothing the
kiosk holds may grow: widgets, the window's objects, threads. No round may fail
and nothing may be logged as an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from bench.soak_bench import ROOT, WINDOW, Visitor, soak, soak_kiosk

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


def test_the_visitors_taps_reach_the_tiles_of_a_home_that_scrolls(qapp, qtbot: QtBot, tmp_path: Path) -> None:
    # With large text Home runs below the edge, so its kinetic scroller holds each press
    # back and hands it to the widget under the point on the screen; pytest's offscreen
    # screen (800×800) is smaller than the window, and a tap off it would be lost.
    with soak_kiosk(tmp_path / "data") as (kiosk, clock):
        window = kiosk.window
        visitor = Visitor(kiosk, clock)
        visitor.tap(window.switches.large_button)
        bar = window.home.scroll_area.verticalScrollBar()
        for tile, screen in ((window.about_tile, window.about), (window.standard_tile, window.standard)):
            qtbot.waitUntil(lambda: window.access.large and bar.maximum() > 0)  # Back keeps the text size
            visitor.tap(tile)
            qtbot.waitUntil(lambda: window.current() is not window.home)
            assert window.current() is screen
            visitor.tap(window.bottom_bar.back_button)
            qtbot.waitUntil(lambda: window.current() is window.home)


def test_the_soak_script_gives_the_offscreen_platform_a_screen_as_big_as_the_window(tmp_path: Path) -> None:
    # Run as a script, the soak makes its own application: its screen holds the whole window,
    # so no tap ever lands off the screen (a test's shared application keeps Qt's 800×800).
    probe = ("import sys; from pathlib import Path; from bench.soak_bench import use_kiosk_sized_screen; "
             "from ui.app import application; use_kiosk_sized_screen(Path(sys.argv[1])); "
             "g = application().primaryScreen().geometry(); print(g.width(), g.height())")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.split() == [str(side) for side in WINDOW]
