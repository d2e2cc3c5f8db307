"""The real program: starts in demo mode, logs, and stops cleanly on SIGTERM
(as systemd stops it) even while the Qt loop is idle."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.config import PROJECT_ROOT
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
