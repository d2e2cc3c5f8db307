"""Under a real X server (Xvfb, xdotool, xclip): a comment typed on the kiosk never
reaches the primary selection, the selection and the clipboard never reach a
visitor field, and both are emptied on the way Home."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.ui.xvfb_kiosk_child import CODE, COMMENT

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool", "xclip")


class Display:
    def __init__(self, env: dict[str, str], status: Path) -> None:
        self.env = env
        self.status = status

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        if stdin is not None:  # xclip stays behind to serve what it was given: do not wait on its output
            return subprocess.run(list(args), env=self.env, input=stdin, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, text=True, timeout=20)
        return subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=20)

    def selection(self, which: str) -> str:
        return self.run("xclip", "-o", "-selection", which).stdout

    def box_and_screen(self) -> tuple[str, str]:
        text, _, where = self.status.read_text(encoding="utf-8").rpartition("\n")
        return text, where


@pytest.fixture
def x_kiosk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Display, list[int]]]:
    mode = getattr(request, "param", [])
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"{missing} are installed by run.sh test"
    # -displayfd: Xvfb picks a free display and writes its number to the pipe once it
    # accepts clients, which is the readiness signal to wait on.
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24",
                               "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end, encoding="ascii") as announced:
        number = announced.readline().strip()
    assert number, "Xvfb did not start"
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=f":{number}")
    status = tmp_path / "status"
    child = None
    try:
        child = subprocess.Popen([sys.executable, "-m", "tests.ui.xvfb_kiosk_child", str(tmp_path / "data"),
                                  str(status), *mode], cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, text=True)
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("READY"), line
        yield Display(env, status), [int(v) for v in line.split()[1:]]
    finally:
        for proc in (child, server):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        if child is not None and child.stdout is not None:
            child.stdout.close()


def _wait(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_the_primary_selection_neither_takes_nor_gives_a_comment(x_kiosk: tuple[Display, list[int]]) -> None:
    x, (x1, y, x2) = x_kiosk
    _wait(lambda: x.status.exists() and x.box_and_screen()[0] == COMMENT)
    # Another program on the display owns the primary selection and the clipboard.
    x.run("xclip", "-selection", "primary", stdin="чужой текст")
    x.run("xclip", "-selection", "clipboard", stdin="ещё чужой")
    # A finger drags across the comment: the selection the kiosk would publish.
    x.run("xdotool", "mousemove", str(x1), str(y), "mousedown", "1", "sleep", "0.1",
          "mousemove", str(x2), str(y), "sleep", "0.1", "mouseup", "1")
    # A negative check has no event to wait on: give the kiosk the time a real drag's
    # release takes to be handled (it would publish the selection within a few ms).
    time.sleep(0.3)
    assert "89160001122" not in x.selection("primary")
    # The middle button and Shift+Insert paste nothing into the comment.
    x.run("xclip", "-selection", "primary", stdin="чужой текст")
    x.run("xdotool", "mousemove", str(x2), str(y), "click", "2", "sleep", "0.2", "key", "shift+Insert",
          "sleep", "0.2")
    assert x.box_and_screen()[0] == COMMENT
    assert "89160001122" not in x.selection("primary") + x.selection("clipboard")
    # Home empties both, whoever filled them.
    (x.status.parent / f"{x.status.name}.home").touch()
    _wait(lambda: x.box_and_screen()[1] == "home")
    _wait(lambda: x.selection("primary") == "" and x.selection("clipboard") == "")


@pytest.mark.parametrize("x_kiosk", [["entry"]], indirect=True)
def test_the_ticket_field_neither_takes_nor_gives_the_primary_selection(x_kiosk: tuple[Display, list[int]]) -> None:
    x, (x1, y, x2) = x_kiosk
    _wait(lambda: x.status.exists() and x.box_and_screen()[0] == CODE)
    x.run("xclip", "-selection", "primary", stdin="чужой")
    x.run("xdotool", "mousemove", str(x1), str(y), "mousedown", "1", "sleep", "0.1",
          "mousemove", str(x2), str(y), "sleep", "0.1", "mouseup", "1", "sleep", "0.2")
    assert CODE not in x.selection("primary")
    x.run("xclip", "-selection", "primary", stdin="П999")
    x.run("xdotool", "click", "2", "sleep", "0.3")
    assert x.box_and_screen()[0] == CODE
