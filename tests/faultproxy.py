"""A loopback HTTP proxy that misbehaves on cue, for sync tests.

It sits between the kiosk and the real reference server and, request by
request, forwards, drops, resets, delays, duplicates, truncates or answers
by itself. One request per connection (it asks the server to close), which
keeps it small; ``requests`` simply reconnects.
"""

from __future__ import annotations

import socket
import struct
import threading
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

CANNED = {
    "garbage": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\nnot json!",
    "badjson": b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{"results": "no"}',
}


def _status(code: int, retry_after: str | None) -> bytes:
    body = b'{"error": {"code": "injected", "message": "fault injected by the test proxy"}}'
    extra = f"Retry-After: {retry_after}\r\n" if retry_after else ""
    return (f"HTTP/1.1 {code} Injected\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body


def _read_request(conn: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        body += chunk
    lines = [ln for ln in head.split(b"\r\n") if not ln.lower().startswith(b"connection:")]
    return b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body


class FaultProxy:
    """Actions, taken from :attr:`plan` in order, then :attr:`default`:

    ``forward``; ``drop`` (close without answering); ``reset`` (TCP RST);
    ``status:CODE[:RETRY_AFTER]`` (answer by itself); ``garbage`` / ``badjson``
    (200 with a body that is not what the API promises); ``truncate`` (forward,
    return half the answer); ``slow:SECONDS`` (forward, answer late);
    ``duplicate`` (forward the request twice); ``lost-answer`` (forward, then
    close: the server applied it but the kiosk never hears); ``body:JSON``
    (answer 200 with this JSON, not forwarding); ``hook:NAME`` (forward, and call
    ``hooks[NAME]()`` as soon as the server has the request, e.g. to kill the server
    in the middle of a batch; whatever answer comes back is passed on).

    When the plan is empty, :attr:`choose` (if set) picks the action from the
    request line, else :attr:`default` applies. A server that cannot be reached
    or breaks off mid-answer closes the kiosk's connection without an answer, as
    ``drop`` does; :attr:`upstream_failures` counts those.
    """

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.plan: deque[str] = deque()
        self.default = "forward"
        self.seen: list[tuple[str, str]] = []  # (action, request line)
        self.choose: Callable[[str], str] | None = None
        self.hooks: dict[str, Callable[[], None]] = {}
        self.upstream_failures = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone does not
        except OSError:
            pass
        self._listener.close()
        self._thread.join(5)

    def _next(self, line: str) -> str:
        with self._lock:
            if self.plan:
                return self.plan.popleft()
            choose = self.choose
        return choose(line) if choose is not None else self.default

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _forward(self, request: bytes, during: Callable[[], None] | None = None) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(request)
            if during is not None:
                during()
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            request = _read_request(conn)
            if request is None:
                return
            line = request.split(b"\r\n", 1)[0].decode()
            action = self._next(line)
            with self._lock:
                self.seen.append((action, line))
            kind, _, arg = action.partition(":")
            if kind == "drop":
                return
            if kind == "reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            if kind == "status":
                code, _, retry_after = arg.partition(":")
                conn.sendall(_status(int(code), retry_after or None))
                return
            if kind in CANNED:
                conn.sendall(CANNED[kind])
                return
            if kind == "body":
                payload = arg.encode()
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                             + f"Content-Length: {len(payload)}\r\n\r\n".encode() + payload)
                return
            try:
                if kind == "duplicate":
                    self._forward(request)
                answer = self._forward(request, self.hooks[arg] if kind == "hook" else None)
            except OSError:
                with self._lock:
                    self.upstream_failures += 1
                return
            if kind == "lost-answer":
                return
            if kind == "truncate":
                conn.sendall(answer[: len(answer) // 2])
                return
            if kind == "slow":
                self._closing.wait(float(arg))
            try:
                conn.sendall(answer)
            except OSError:
                pass  # the client gave up waiting: that is the point of "slow"
