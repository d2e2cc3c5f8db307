"""The real program: starts in demo mode, logs, and stops cleanly on SIGTERM
(as systemd stops it) even while the Qt loop is idle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.config import PROJECT_ROOT
from kiosk.supervision import ExitCode
from tests.support import wait_for_line


def test_demo_starts_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    data = tmp_path / "data"
    process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--demo", "--data-dir", str(data)],
                               env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        wait_for_line(process, "started; data in", timeout=60)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stderr is not None
        process.stderr.close()
    assert (data / "kiosk.db").exists()
    log = (data / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "signal 15: exiting" in log


def test_under_systemd_it_says_ready_pings_the_watchdog_and_says_stopping(tmp_path: Path) -> None:
    import socket

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(60)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=str(tmp_path / "notify"),
               WATCHDOG_USEC="400000")  # a ping every 0.2 s
    env.pop("WATCHDOG_PID", None)
    process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--demo", "--data-dir",
                                str(tmp_path / "data")], env=env, stderr=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        messages = [sock.recv(4096).decode()]
        assert messages[0].startswith("READY=1\nSTATUS=Home on screen")
        # The GUI thread's loop keeps pinging while it runs.
        assert [sock.recv(4096).decode() for _ in range(3)] == ["WATCHDOG=1"] * 3
        process.send_signal(signal.SIGTERM)
        while not (last := sock.recv(4096).decode()).startswith("STOPPING=1"):
            assert last == "WATCHDOG=1"
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        sock.close()


def test_a_lost_display_exits_with_its_own_code(tmp_path: Path) -> None:
    import shutil

    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is installed by run.sh test"
    display = f":{90 + os.getpid() % 50}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
    process = None
    try:
        process = subprocess.Popen([sys.executable, str(PROJECT_ROOT / "main.py"), "--demo", "--data-dir",
                                    str(tmp_path / "data")], env=env, stderr=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, text=True)
        wait_for_line(process, "kiosk interactive", timeout=60)
        server.terminate()  # the X server goes away under the kiosk
        server.wait(timeout=20)
        assert process.wait(timeout=30) == ExitCode.DISPLAY_LOST
    finally:
        for proc in (process, server):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        if process is not None and process.stderr is not None:
            process.stderr.close()
    log = (tmp_path / "data" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "connection broke" in log
