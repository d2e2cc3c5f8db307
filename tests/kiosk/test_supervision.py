"""The sd_notify protocol as the service manager sees it: a real Unix datagram socket."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.supervision import ExitCode, ServiceNotifier


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(5)
    yield sock
    sock.close()


def received(sock: socket.socket) -> list[str]:
    return sock.recv(4096).decode().split("\n")


def test_ready_watchdog_and_stopping_reach_the_socket(notify_socket: socket.socket) -> None:
    notifier = ServiceNotifier({"NOTIFY_SOCKET": notify_socket.getsockname(), "WATCHDOG_USEC": "10000000"})
    assert notifier.enabled and notifier.watchdog_interval_ms() == 5000
    assert notifier.ready("Home on screen")
    assert received(notify_socket) == ["READY=1", "STATUS=Home on screen"]
    assert notifier.watchdog()
    assert received(notify_socket) == ["WATCHDOG=1"]
    assert notifier.stopping()
    assert received(notify_socket)[0] == "STOPPING=1"


def test_without_a_service_manager_nothing_is_sent() -> None:
    notifier = ServiceNotifier({})
    assert not notifier.enabled and notifier.watchdog_interval_ms() is None
    assert notifier.ready("x") is False


def test_a_watchdog_meant_for_another_process_is_ignored(notify_socket: socket.socket) -> None:
    env = {"NOTIFY_SOCKET": notify_socket.getsockname(), "WATCHDOG_USEC": "4000000",
           "WATCHDOG_PID": str(os.getpid() + 1)}
    assert ServiceNotifier(env).watchdog_interval_ms() is None


@pytest.mark.expect_log("kiosk.supervision")
def test_a_missing_socket_is_logged_once_and_never_raises(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    notifier = ServiceNotifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert notifier.watchdog() is False
    assert notifier.watchdog() is False
    assert caplog.text.count("cannot notify the service manager") == 1


def test_every_exit_cause_has_its_own_code() -> None:
    codes = [int(code) for code in ExitCode]
    assert len(codes) == len(set(codes))
    assert ExitCode.BAD_CONFIG == 2 and ExitCode.OK == 0
