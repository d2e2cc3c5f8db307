"""The worker's event loop (central/poller.py) over a real waitress server on the loopback.

Each test runs the loop with the once-in-a-while full check switched off
(``full_check_s`` of an hour), so that what a test sees is what the loop
tracks from turn to turn: new and closed connections, answers written over
many turns, requests on connections that had been idle.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

import waitress  # type: ignore[import-untyped]

from central.poller import ChannelMap, EpollTurn
from tests.central.test_serve_workers import raw_request

BIG = 8 * 1024 * 1024  # far more than a socket buffer: written over many turns


def app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    body = b"x" * BIG if environ["PATH_INFO"] == "/big" else b"ok " + environ["PATH_INFO"].encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]


class Loop:
    def __init__(self, full_check_s: float = 3600.0, **adjustments: Any) -> None:
        self.map = ChannelMap()
        self.server = waitress.create_server(app, map=self.map, host="127.0.0.1", port=0, threads=4,
                                             asyncore_use_poll=True, **adjustments)
        self.port = self.server.getsockname()[1]
        self.turns = EpollTurn(self.map, full_check_s=full_check_s)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stopped.is_set():
            self.turns.turn(0.05)

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=10)


@contextlib.contextmanager
def running(full_check_s: float = 3600.0, **adjustments: Any) -> Iterator[Loop]:
    loop = Loop(full_check_s, **{"connection_limit": 1000, **adjustments})
    loop.thread.start()
    try:
        yield loop
    finally:
        loop.stopped.set()
        loop.thread.join(10)
        loop.server.task_dispatcher.shutdown()
        waitress.wasyncore.close_all(loop.map)
        loop.turns.close()


def test_idle_connections_are_not_asked_again_and_still_answer_their_next_request() -> None:
    with running() as loop, contextlib.ExitStack() as sockets:
        idle = [sockets.enter_context(loop.connect()) for _ in range(200)]
        for sock in idle:
            assert raw_request(sock, "/first").endswith(b"ok /first")
        busy = sockets.enter_context(loop.connect())
        before = loop.turns.asked
        for i in range(50):
            assert raw_request(busy, f"/busy{i}").endswith(f"ok /busy{i}".encode())
        # 50 requests take a few turns each; asking the 200 idle connections every turn
        # (as wasyncore.poll2 does) would be 200 questions a turn, thousands in all.
        assert loop.turns.asked - before < 50 * 20
        # Every idle connection is still in the set: its next request is answered.
        for n, sock in enumerate(idle):
            assert raw_request(sock, f"/again{n}").endswith(f"ok /again{n}".encode())


def test_a_descriptor_number_given_back_and_taken_again_is_served() -> None:
    with running() as loop:
        for i in range(300):
            with loop.connect() as sock:
                assert raw_request(sock, f"/n{i}").endswith(f"ok /n{i}".encode())


def test_an_answer_larger_than_the_socket_buffer_is_written_over_many_turns() -> None:
    with running() as loop, loop.connect() as sock:
        answer = raw_request(sock, "/big", timeout=30)
        assert answer.endswith(b"x" * 1024) and len(answer.partition(b"\r\n\r\n")[2]) == BIG
        assert raw_request(sock, "/after").endswith(b"ok /after")


def test_a_closed_client_leaves_the_set_and_its_number_is_reused() -> None:
    with running() as loop, contextlib.ExitStack() as sockets:
        socks = [sockets.enter_context(loop.connect()) for _ in range(20)]
        for sock in socks:
            raw_request(sock, "/x")
        for sock in socks:
            sock.close()
        # The server sees each close as an event and drops the channel; new clients get the numbers.
        again = [sockets.enter_context(loop.connect()) for _ in range(20)]
        for n, sock in enumerate(again):
            assert raw_request(sock, f"/y{n}").endswith(f"ok /y{n}".encode())


def test_an_idle_connection_is_closed_after_the_keep_alive_time() -> None:
    # waitress closes idle channels in its maintenance, run when the server is asked
    # whether it is readable: the full check asks it twice a second.
    with running(full_check_s=0.5, channel_timeout=1, cleanup_interval=1) as loop, loop.connect() as sock:
        raw_request(sock, "/x")
        sock.settimeout(10)
        assert sock.recv(1) == b""  # closed by the server, well before the 10 s timeout
