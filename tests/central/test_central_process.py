"""The package as a process: purity of imports, ``python -m central serve``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import requests

from tests.support import wait_for_line

REPO = Path(__file__).resolve().parents[2]


def test_central_imports_no_gui_and_no_kiosk_code() -> None:
    code = (
        "import sys, central, central.app, central.cli, central.store, central.testing,"
        " central.validation, central.auth;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'ui', 'kiosk', 'shiboken6')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_health(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "served.db"
    made = subprocess.run(
        [sys.executable, "-m", "central", "init", "--db", str(db)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert made.returncode == 0, made.stderr
    process = subprocess.Popen(
        [sys.executable, "-m", "central", "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        wait_for_line(process, "waitress: Serving on", timeout=20)  # waitress says so once it listens
        answer = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
        assert answer.json()["status"] == "ok"
        assert answer.headers["Server"] == "central"
    finally:
        process.terminate()
        try:
            # A normal stop takes about 2 s; a worker that misses the signal costs the graceful 20 s.
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            _, rest = process.communicate(timeout=10)
            raise AssertionError(f"serve did not stop within 30 s of SIGTERM; it said:\n{rest}") from None
        assert process.stderr is not None
        process.stderr.close()


def test_cli_enrol_prints_the_token_once_and_backup_copies(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "central", *args, "--db", str(db)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    first = run("enrol", "kiosk-01", "--centre", "centre-a", "--print-token")
    assert first.returncode == 0
    token = first.stdout.split("token: ", 1)[1].split()[0]
    listing = run("kiosks")
    assert "kiosk-01" in listing.stdout and token not in listing.stdout + listing.stderr
    assert run("enrol", "kiosk-01", "--centre", "centre-a", "--print-token").returncode == 1
    assert run("backup", str(tmp_path / "copy.db")).returncode == 0
    copy = run("kiosks").stdout
    assert (
        "kiosk-01"
        in subprocess.run(
            [sys.executable, "-m", "central", "kiosks", "--db", str(tmp_path / "copy.db")],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    )
    assert copy
    assert run("enrol", "bad id!", "--centre", "centre-a").returncode == 1
    assert run("nonsense").returncode == 2
