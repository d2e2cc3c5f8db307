"""One turn of a worker's event loop that costs what is happening, not what is open.

waitress's own turn (``wasyncore.poll2``) asks every open connection whether
it wants to read or write and hands the whole list to ``poll(2)``, every
turn. A city's kiosks keep their connections open between sync rounds, so a
worker holds some 750 of them, nearly all idle, and turns the loop several
times per request: under 1,500 kiosks on PostgreSQL that asking took a third
of the worker's interpreter time, and the kernel scanned the same 750
descriptors again on each ``poll``.

:class:`EpollTurn` keeps the descriptors registered in one ``epoll`` set and
asks again only the connections that may have changed their mind:

* those that had an event in the previous turn, or that are new;
* those with work in progress (a request being served, an answer being
  written, a close pending), which change without an event of their own when
  a request thread finishes (it then wakes the loop through waitress's
  trigger);
* every connection once per ``full_check_s``, so that nothing waitress does
  behind our back (its maintenance closing idle channels, say) is missed for
  longer than that.

A connection that only waits for its next request (readable, nothing to
write, no request pending) is asked nothing until it has an event. The flags
and the handling (``wasyncore.readwrite``) are exactly waitress's; a
connection that wants nothing is taken out of the set, as ``poll2`` leaves it
out, so a hang-up is not reported while its request is still running.
"""

from __future__ import annotations

import contextlib
import select
import time
from collections.abc import Callable
from typing import Any

from waitress import wasyncore  # type: ignore[import-untyped]  # ships no type hints

READ_FLAGS = select.EPOLLIN | select.EPOLLPRI
WRITE_FLAGS = select.EPOLLOUT


class ChannelMap(dict[int, Any]):
    """waitress's socket map, noting each descriptor added or removed since the last turn.

    wasyncore adds a dispatcher with ``map[fd] = dispatcher``, removes it with
    ``del map[fd]`` and ends with ``map.clear()``; a descriptor number a closed
    connection gave back and a new one took is noted as changed, too.
    """

    def __init__(self) -> None:
        super().__init__()
        self.changed: set[int] = set()

    def __setitem__(self, fd: int, obj: Any) -> None:
        super().__setitem__(fd, obj)
        self.changed.add(fd)

    def __delitem__(self, fd: int) -> None:
        super().__delitem__(fd)
        self.changed.add(fd)

    def clear(self) -> None:
        self.changed.update(self.keys())
        super().clear()


class EpollTurn:
    """Turns of the event loop over one :class:`ChannelMap`, with a persistent epoll set."""

    def __init__(self, socket_map: ChannelMap, full_check_s: float = 0.5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.map = socket_map
        self.full_check_s = full_check_s
        self.clock = clock
        self._epoll = select.epoll()
        self._registered: dict[int, tuple[Any, int]] = {}  # fd -> (dispatcher, flags in the set)
        self._watch: set[int] = set()  # fds to ask again at the next turn
        self._next_full = 0.0
        self.asked = 0  # readable()/writable() questions asked, for tests and benchmarks

    def close(self) -> None:
        self._epoll.close()
        self._registered.clear()
        self._watch.clear()

    def _unregister(self, fd: int) -> None:
        self._registered.pop(fd, None)
        # A closed socket has left the set already; the kernel then answers EBADF or ENOENT.
        with contextlib.suppress(OSError, ValueError):
            self._epoll.unregister(fd)

    def _update(self, fd: int) -> None:
        """Ask the dispatcher on ``fd`` what it wants and bring the epoll set in line."""
        obj = self.map.get(fd)
        known = self._registered.get(fd)
        if known is not None and known[0] is not obj:
            # Gone, or closed with its number given to a new connection.
            self._unregister(fd)
            known = None
        if obj is None:
            self._watch.discard(fd)
            return
        # The same questions, in the same order, as wasyncore.poll2.
        flags = 0
        if obj.readable():
            flags |= READ_FLAGS
        if obj.writable() and not obj.accepting:
            flags |= WRITE_FLAGS
        self.asked += 1
        if self.map.get(fd) is not obj:  # readable() may close channels (waitress's maintenance)
            self._unregister(fd)
            self._watch.discard(fd)
            return
        if flags == 0:
            if known is not None:
                self._unregister(fd)
        elif known is None:
            try:
                self._epoll.register(fd, flags)
            except FileExistsError:
                self._epoll.modify(fd, flags)
            self._registered[fd] = (obj, flags)
        elif known[1] != flags:
            self._epoll.modify(fd, flags)
            self._registered[fd] = (obj, flags)
        if flags != READ_FLAGS or getattr(obj, "requests", None):
            self._watch.add(fd)  # work in progress: ask again next turn
        else:
            self._watch.discard(fd)

    def turn(self, timeout: float) -> None:
        """One turn: bring the set up to date, wait up to ``timeout`` s, handle the events."""
        socket_map = self.map
        now = self.clock()
        if now >= self._next_full:
            self._next_full = now + self.full_check_s
            fds = set(socket_map.keys()) | self._registered.keys() | self._watch | socket_map.changed
        else:
            fds = self._watch | socket_map.changed
        socket_map.changed = set()
        for fd in fds:
            self._update(fd)
        try:
            events = self._epoll.poll(timeout)
        except InterruptedError:
            events = []
        for fd, flags in events:
            obj = socket_map.get(fd)
            if obj is None:
                self._unregister(fd)
                continue
            wasyncore.readwrite(obj, flags)
            self._watch.add(fd)
