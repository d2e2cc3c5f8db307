"""Telling the service manager how the kiosk is: systemd's notification protocol.

Under systemd with ``Type=notify``, the unit's ``NOTIFY_SOCKET`` names a Unix
datagram socket; the kiosk sends ``READY=1`` once Home is on screen and takes
touches, ``WATCHDOG=1`` from the GUI thread's event loop (so a frozen screen
stops the pings and systemd restarts the kiosk after ``WatchdogSec=``),
``STATUS=…`` lines an operator sees in ``systemctl status``, and
``STOPPING=1`` when it shuts down. Without ``NOTIFY_SOCKET`` every call does
nothing, so the same code runs from a terminal.

The protocol is a few lines of text in one datagram; it needs no library.
"""

from __future__ import annotations

import enum
import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


class ExitCode(enum.IntEnum):
    """Why the kiosk process ended; ``docs/deploy.md`` lists what an operator does about each."""

    OK = 0  # stopped on purpose: SIGTERM, Ctrl+C, an operator's *Exit* in admin mode
    CRASHED = 1  # an unexpected error outside the event loop (Python's own code for it)
    BAD_CONFIG = 2  # the config or catalog is wrong: one line on stderr names file, key and value
    DATA_UNUSABLE = 3  # the data folder or database cannot be opened or written
    DISPLAY_LOST = 4  # the connection to the display server broke
    WINDOW_GONE = 5  # the kiosk window was destroyed from outside
    COMMAND_FAILED = 6  # a command (enrol, check, ...) ran and failed; it says why
    RESTART = 75  # a new configuration bundle: start again to apply it (EX_TEMPFAIL)


class ServiceNotifier:
    """Sends sd_notify messages; a no-op when the process is not under a service manager.

    Args:
        environ: where ``NOTIFY_SOCKET``, ``WATCHDOG_USEC`` and ``WATCHDOG_PID`` are read
            (the process environment by default; tests pass their own).
    """

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        # An abstract socket is written with a leading '@' and addressed with a NUL.
        self.address = "\0" + address[1:] if address.startswith("@") else address
        self.watchdog_usec = _watchdog_usec(env)
        self._failed = False

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def watchdog_interval_ms(self) -> int | None:
        """How often to ping the watchdog (half its timeout), or None when no watchdog is set."""
        if not self.enabled or self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def send(self, *fields: str) -> bool:
        """Send ``KEY=value`` fields in one message; False when it could not be sent."""
        if not self.enabled:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto("\n".join(fields).encode("utf-8"), self.address)
        except OSError as exc:
            if not self._failed:  # once: a watchdog ping that fails would otherwise log twice a second
                log.error("cannot notify the service manager at %s: %s", self.address.lstrip("\0"), exc)
                self._failed = True
            return False
        self._failed = False
        return True

    def ready(self, status: str) -> bool:
        return self.send("READY=1", f"STATUS={status}")

    def watchdog(self) -> bool:
        return self.send("WATCHDOG=1")

    def status(self, status: str) -> bool:
        return self.send(f"STATUS={status}")

    def stopping(self, status: str = "stopping") -> bool:
        return self.send("STOPPING=1", f"STATUS={status}")


def _watchdog_usec(env: Mapping[str, str]) -> int | None:
    """The watchdog timeout meant for this process, in microseconds, or None."""
    pid = env.get("WATCHDOG_PID")
    if pid and pid != str(os.getpid()):
        return None  # set for another process (a parent shell, say)
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    return usec if usec > 0 else None
