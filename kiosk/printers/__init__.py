"""What a printer can say about itself, as facts: a reason code and the system's own text.

The kinds of printer live beside this module: :mod:`kiosk.printers.cups`
(a CUPS queue, through pycups) and :mod:`kiosk.printers.escpos` (a receipt
printer spoken to directly, through python-escpos). Both are Qt-free so that
the command line and the sync thread's heartbeat can ask them too; the UI
turns each :class:`PrinterReason` into words of its own.

A failed print is recorded as one line of text (the tickets table's
``print_error`` and the ``print.failed`` event's ``reason``): the reason code,
a colon, and the system's details, e.g. ``stopped: queue KioskReceipt is
stopped (paused)``. :func:`failure_text` writes it and :func:`parse_failure`
reads it back; text without a known code (older records, a fake printer in a
test) reads as :attr:`PrinterReason.OTHER` with the whole text as details.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from kiosk.config import PrinterConfig


class PrinterReason(enum.Enum):
    """Why a printer is or is not ready; the value is what is stored and sent."""

    OK = "ok"
    QUEUE_MISSING = "queue_missing"  # no CUPS queue of that name (or no default queue)
    STOPPED = "stopped"  # the queue is stopped (cupsdisable, or CUPS stopped it after a printer error)
    NOT_ACCEPTING = "not_accepting"  # the queue refuses new jobs (cupsreject)
    DAEMON_DOWN = "daemon_down"  # the CUPS scheduler does not answer
    MEDIA_EMPTY = "media_empty"  # out of paper (printer-state-reasons media-empty, ESC/POS paper sensor)
    COVER_OPEN = "cover_open"
    UNREACHABLE = "unreachable"  # the printer itself does not answer (off, unplugged, wrong address)
    TIMED_OUT = "timed_out"  # the job did not complete in time and was cancelled; the printer looked ready
    OTHER = "other"


@dataclass(frozen=True)
class PrinterStatus:
    """How a printer is now.

    Attributes:
        reason: the fact, for code and words.
        details: the system's own text (CUPS' state message, an exception), for a
            details line and the log; never the main message.
    """

    reason: PrinterReason
    details: str = ""

    @property
    def ok(self) -> bool:
        return self.reason is PrinterReason.OK


class PrintFailed(RuntimeError):
    """A slip was not printed. ``str()`` is the recorded form (see :func:`failure_text`).

    Args:
        details: what the system said, in its own words.
        reason: why, as a code.
    """

    def __init__(self, details: str, reason: PrinterReason = PrinterReason.OTHER) -> None:
        self.details = details
        self.reason = reason
        super().__init__(failure_text(reason, details))

    @classmethod
    def from_status(cls, status: PrinterStatus) -> PrintFailed:
        return cls(status.details, status.reason)


_CODES = {reason.value: reason for reason in PrinterReason if reason is not PrinterReason.OTHER}


def failure_text(reason: PrinterReason, details: str) -> str:
    """The one line stored and sent for a failed print: ``code: details``.

    ``other`` is left out, so a failure with no code reads as its details alone.
    """
    details = " ".join(details.split())  # one line, whatever the system said
    if reason is PrinterReason.OTHER:
        return details or "unknown"
    return f"{reason.value}: {details}" if details else reason.value


def parse_failure(text: str | None) -> PrinterStatus:
    """Read back what :func:`failure_text` wrote (any other text is ``other`` with that text)."""
    text = (text or "").strip()
    code, sep, rest = text.partition(":")
    if code in _CODES and (sep or not rest):
        return PrinterStatus(_CODES[code], rest.strip())
    return PrinterStatus(PrinterReason.OTHER, text)


def configured_status(printer: PrinterConfig) -> PrinterStatus:
    """The status of the printer a config names, for ``mfc-kiosk check`` and the heartbeat.

    Blocking I/O (a scheduler, a network printer): not for the GUI thread. The
    kinds' libraries are imported only when that kind is configured.
    """
    if printer.kind == "system":
        from kiosk.printers import cups

        return cups.printer_status(printer.name, printer.cups_server)
    if printer.kind == "escpos":
        from kiosk.printers.escpos import EscposPrinter

        return EscposPrinter(printer.device, codepage=printer.codepage, profile=printer.profile,
                             timeout_s=printer.connect_timeout_s, baudrate=printer.baudrate).status()
    return PrinterStatus(PrinterReason.OK, printer.kind)


class Slip(Protocol):
    """The texts printed on one slip (a ticket or a test page), already in their language.

    ``ui.printing.jobs.PrintJob`` is one; the core needs only these attributes.
    """

    @property
    def job_id(self) -> str: ...
    @property
    def centre_name(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def service(self) -> str: ...
    @property
    def issued(self) -> str: ...
    @property
    def ahead(self) -> str: ...
    @property
    def wait(self) -> str: ...
    @property
    def call(self) -> str: ...
    @property
    def link(self) -> str: ...
    @property
    def details(self) -> tuple[str, ...]:
        """Lines under the service (a booking, a package's services and documents): each
        printed on a line of its own, wrapped to the paper; none for an ordinary ticket."""
        ...
