"""The multi-worker server (central/serve.py) as a real process: connections, slow clients, workers, logs."""

from __future__ import annotations

import io
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

from central.serve import AccessLog, RateLimitFilter, ServeOptions, safe_db
from tests.central.serve_support import REPO, ServerProcess, serving

HEALTH = "/api/v1/health"


def raw_request(sock: socket.socket, path: str = HEALTH, timeout: float = 10.0) -> bytes:
    """One keep-alive GET on an open socket; returns the whole answer (the server sends Content-Length)."""
    sock.settimeout(timeout)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: central\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    fields = [line.split(b":", 1) for line in head.split(b"\r\n")[1:]]
    length = next(int(value) for name, value in fields if name.strip().lower() == b"content-length")
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        body += chunk
    return head + b"\r\n\r\n" + body


def health_within(server: ServerProcess, seconds: float) -> requests.Response:
    started = time.monotonic()
    answer = requests.get(server.base + HEALTH, timeout=seconds)
    assert answer.status_code == 200, answer.text
    assert time.monotonic() - started < seconds
    return answer


def test_two_workers_serve_and_a_killed_worker_is_replaced(tmp_path: Path) -> None:
    with serving(tmp_path) as server:
        ready = server.wait_for("waitress: Serving on", count=2)
        pids = {int(line.split()[2]) for line in ready}  # LOG_FORMAT puts the pid third
        assert len(pids) == 2
        assert health_within(server, 5).headers["Server"] == "central"

        victim = sorted(pids)[0]
        os.kill(victim, signal.SIGKILL)
        # The master notices and starts a third worker; meanwhile the other one answers alone.
        for _ in range(20):
            health_within(server, 5)
        replaced = server.wait_for("waitress: Serving on", count=3)
        new_pids = {int(line.split()[2]) for line in replaced} - pids
        assert new_pids and victim not in new_pids
        for _ in range(20):  # fresh connections, spread over both living workers
            health_within(server, 5)


def test_each_worker_freezes_what_it_booted_so_full_collections_stay_short(tmp_path: Path) -> None:
    """A full pass of the cycle collector over a booted worker held every request thread 60-85 ms."""
    with serving(tmp_path) as server:
        settled = server.wait_for("heap settled", count=2)
        for line in settled:
            frozen = int(line.split("heap settled: ", 1)[1].split()[0])
            assert frozen > 30_000  # Flask, SQLAlchemy, psycopg and the schema: not a bare interpreter
        assert len({int(line.split()[2]) for line in settled}) == 2
        health_within(server, 5)


def test_300_idle_persistent_connections_stay_open_and_health_still_answers(tmp_path: Path) -> None:
    with serving(tmp_path, "--threads", "2") as server:
        kiosks = []
        try:
            for _ in range(300):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
                kiosks.append(sock)
                assert raw_request(sock).startswith(b"HTTP/1.1 200")
            health_within(server, 3)
            # Every one of the 300 is still open and answers its next request on the same connection.
            for sock in kiosks:
                assert raw_request(sock).startswith(b"HTTP/1.1 200")
        finally:
            for sock in kiosks:
                sock.close()


def test_half_sent_requests_do_not_starve_the_server(tmp_path: Path) -> None:
    # Two threads per worker: a server that gave each half-sent request a thread would be stuck.
    with serving(tmp_path, "--threads", "2") as server:
        slow = []
        try:
            for i in range(100):
                sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
                if i % 2:
                    sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: central\r\nX-Slow: ")  # headers never end
                else:
                    head = b"POST /api/v1/enrol HTTP/1.1\r\nHost: central\r\nContent-Type: application/json\r\n"
                    sock.sendall(head + b"Content-Length: 1000\r\n\r\n{\"kiosk_id\": ")  # the body never ends
                slow.append(sock)
            for _ in range(10):
                health_within(server, 2)
        finally:
            for sock in slow:
                sock.close()


def test_access_log_names_the_kiosk_and_holds_no_token_or_query(tmp_path: Path, tools: Any) -> None:
    log_file = tmp_path / "access.log"
    with serving(tmp_path, "--access-log", str(log_file), workers=1) as server:
        token = tools.issue_token(tmp_path / "central.db", "kiosk-07", "centre-a")
        auth = {"Authorization": f"Bearer {token}"}
        assert requests.get(server.base + "/api/v1/kiosk/status", headers=auth, timeout=5).status_code == 200
        answer = requests.get(server.base + "/api/v1/appointments", params={"date": "2026-11-24"}, headers=auth,
                              timeout=5)  # fmt: skip
        assert answer.status_code == 200
        bad = {"Authorization": "Bearer not-a-token-x"}
        wrong = requests.get(server.base + "/api/v1/queue", headers=bad, timeout=5)
        assert wrong.status_code == 401
    # Stopped: every worker has written and closed its log.
    text = log_file.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert any("GET /api/v1/kiosk/status 200" in line and "kiosk=kiosk-07" in line for line in lines), text
    assert any("GET /api/v1/appointments 200" in line and "kiosk=kiosk-07" in line for line in lines), text
    assert any("GET /api/v1/queue 401" in line and "kiosk=-" in line for line in lines), text
    assert token not in text and "not-a-token-x" not in text and "Bearer" not in text
    assert "date=" not in text and "2026-11-24" not in text


def test_access_log_middleware_escapes_control_characters() -> None:
    stream = io.StringIO()
    logger = logging.getLogger("test.serve.access")
    logger.handlers[:] = [logging.StreamHandler(stream)]
    logger.propagate = False
    logger.setLevel(logging.INFO)

    def app(environ: dict[str, object], start_response: object) -> list[bytes]:
        start_response("404 NOT FOUND", [])  # type: ignore[operator]
        return [b"{}"]

    wrapped = AccessLog(app, logger)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/x\n2026 forged line", "REMOTE_ADDR": "10.0.0.1"}
    body = wrapped(environ, lambda status, headers, exc_info=None: None)
    assert b"".join(body) == b"{}"
    line = stream.getvalue()
    assert line.count("\n") == 1 and "/x\\n2026 forged line 404" in line


def test_rate_limit_lets_a_few_warnings_through_and_counts_the_rest() -> None:
    now = [0.0]
    limit = RateLimitFilter(burst=5, interval_s=60.0, clock=lambda: now[0])

    def record(msg: str, level: int = logging.WARNING) -> logging.LogRecord:
        return logging.LogRecord("waitress.queue", level, __file__, 1, msg, (7,), None)

    passed = [r for r in (record("Task queue depth is %d") for _ in range(1000)) if limit.filter(r)]
    assert len(passed) == 5
    assert limit.filter(record("another kind %d"))  # other messages have their own allowance
    assert limit.filter(record("Task queue depth is %d", logging.INFO))  # below WARNING: not limited
    now[0] = 61.0
    summary = record("Task queue depth is %d")
    assert limit.filter(summary)
    assert "995 more like this" in summary.getMessage()


def test_database_urls_are_logged_without_their_password() -> None:
    assert safe_db("postgresql://central:s3cret@db.local:5432/central") == "postgresql://central:***@db.local:5432/central"
    assert safe_db("/var/lib/mfc-central/central.db") == "/var/lib/mfc-central/central.db"


def test_reduced_load_run_has_no_failure_and_no_duplicate(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "bench/load_bench.py", "--kiosks", "50", "--centres", "5", "--duration", "20",
         "--interval", "5", "--backlog", "10", "--storm-window", "5", "--storm-limit", "120",
         "--db", str(tmp_path / "load.db")],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 failed" in next(line for line in report.splitlines() if line.startswith("all:")), report
    assert "no duplicate, none lost" in report, report
    assert "drained in" in report and "NOT drained" not in report, report


def test_options_outside_their_range_are_named_one_line_each() -> None:
    problems = ServeOptions(db="central.db", workers=0, keepalive=0, port=70000).problems()
    assert problems == [
        "--workers 0 is not allowed: it must be at least 1",
        "--keepalive 0 is not allowed: it must be at least 1",
        "--port 70000 is not allowed: it must be 0 to 65535",
    ]
    assert ServeOptions(db="central.db").problems() == []
