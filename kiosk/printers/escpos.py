"""A receipt printer spoken to directly in ESC/POS, through python-escpos (the optional
``escpos`` extra): USB, serial or network (raw TCP, port 9100).

A slip goes out as the printer's own commands: the texts in a code page the
printer has (Cyrillic through CP866 unless the config says otherwise; a dash,
quote or bullet the page lacks prints as a plain one it has), each field and
each detail line wrapped to the paper by itself, the number in large type,
the QR code as the printer's own QR command (GS ( k), then a cut. Paper and
cover are read with DLE EOT where the printer answers it; a printer that does
not answer is taken as having no sensors, never as broken. An empty roll or
an open cover fails the slip before anything is sent, and an empty roll read
after sending fails it too (the end of the roll came mid-slip).

Every slip opens the device and closes it again, so a printer that was
switched off and on, or a network printer that restarted, needs nothing more.
Network and serial waits are bounded by the config's ``connect_timeout_s``
(python-escpos' own network default is 60 s).
"""

from __future__ import annotations

import functools
import logging
import socket
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.printers import PrinterReason, PrinterStatus, PrintFailed, Slip

if TYPE_CHECKING:
    from kiosk.config import EscposDevice

log = logging.getLogger(__name__)

# Code pages with Cyrillic letters, as python-escpos names them; the profile says which the printer has.
CYRILLIC_CODEPAGES = ("CP866", "CP855", "CP1251", "CP1125")
DEFAULT_CODEPAGE = "CP866"
DEFAULT_PROFILE = "default"

# DLE EOT n: real-time status (ESC/POS). One byte comes back; bits 0x12 are always set.
STATUS_OFFLINE_CAUSE = b"\x10\x04\x02"
STATUS_PAPER = b"\x10\x04\x04"
COVER_OPEN_BIT = 0x04  # in the offline-cause byte
PAPER_END_BITS = 0x60  # in the paper-sensor byte: the roll is out
PAPER_STOP_BIT = 0x20  # in the offline-cause byte: printing stopped at the paper end
QR_SIZE = 6  # module size in dots: about 25 mm for a ticket link on a 203 dpi head


def setup_problem(profile: str, codepage: str) -> tuple[str, str] | None:
    """Whether python-escpos is here and the profile has the code page.

    Returns:
        None when all is well, else the config key at fault and what is allowed.
    """
    try:
        from escpos import capabilities
    except ImportError:
        return "kind", ("pdf, system or none: escpos needs python-escpos "
                        "(pip install 'mfc-kiosk[escpos]')")
    profiles = sorted(capabilities.CAPABILITIES["profiles"])
    if profile not in profiles:
        return "profile", "a python-escpos printer profile: " + ", ".join(profiles)
    pages = set(capabilities.get_profile(profile).profile_data.get("codePages", {}).values())
    usable = [page for page in CYRILLIC_CODEPAGES if page in pages]
    if codepage not in usable:
        return "codepage", (f"a code page with Cyrillic letters that profile {profile} has: "
                            + (", ".join(usable) or "(none: pick another profile)"))
    return None


@functools.cache
def _network_class() -> Any:
    from escpos.exceptions import DeviceNotFoundError
    from escpos.printer import Network

    class ClosingNetwork(Network):
        """WORKAROUND: python-escpos 3.1's ``Network.open`` leaves the socket open when the
        connection fails (a leaked descriptor and a ResourceWarning per try); this one closes it."""

        def open(self, raise_not_found: bool = True) -> None:
            if self._device:
                self.close()
            try:
                self.device = socket.create_connection((self.host, self.port), timeout=self.timeout)
            except OSError as exc:
                self.device = None
                raise DeviceNotFoundError(f"Could not open socket for {self.host}:{self.port}: {exc}") from None

    return ClosingNetwork


def _open_device(device: EscposDevice, profile: str, timeout_s: float, baudrate: int) -> Any:
    from escpos import printer

    if device.transport == "network":
        return _network_class()(host=device.host, port=device.port, timeout=timeout_s, profile=profile)
    if device.transport == "serial":
        return printer.Serial(devfile=device.path, baudrate=baudrate, timeout=timeout_s, profile=profile)
    # pyusb counts its timeout in milliseconds.
    return printer.Usb(idVendor=device.vendor, idProduct=device.product, timeout=int(timeout_s * 1000),
                       profile=profile)


class EscposPrinter:
    """Prints slips on an ESC/POS printer and reads its paper and cover.

    Args:
        device: where the printer is (the config's ``printer.device``).
        codepage: the code page for the texts (one of :data:`CYRILLIC_CODEPAGES` the profile has).
        profile: the python-escpos profile of the model (code pages, columns, QR support).
        timeout_s: connect, read and write timeout.
        baudrate: for a serial printer.
        factory: makes the python-escpos printer object (tests pass one that makes a ``Dummy``).
    """

    def __init__(self, device: EscposDevice | None, *, codepage: str = DEFAULT_CODEPAGE,
                 profile: str = DEFAULT_PROFILE, timeout_s: float = 3.0, baudrate: int = 9600,
                 factory: Callable[[], Any] | None = None) -> None:
        self.device = device
        self.codepage = codepage
        self.profile = profile
        self.timeout_s = timeout_s
        self.baudrate = baudrate
        self.factory = factory
        # False once the printer left a status query unanswered: it has no back channel, and
        # asking again would cost a timeout on every slip.
        self.answers_status = True

    def describe(self) -> str:
        return str(self.device) if self.device is not None else "ESC/POS printer"

    def _connect(self) -> Any:
        """An open python-escpos printer.

        Raises:
            PrintFailed: ``unreachable`` when the device cannot be opened.
        """
        from escpos.exceptions import Error as EscposError

        try:
            if self.factory is not None:
                printer = self.factory()
            else:
                assert self.device is not None, "an ESC/POS printer needs printer.device"
                printer = _open_device(self.device, self.profile, self.timeout_s, self.baudrate)
            printer.open()
        except (EscposError, OSError) as exc:
            raise PrintFailed(f"{self.describe()}: {' '.join(str(exc).split())}", PrinterReason.UNREACHABLE) from None
        return printer

    # -- status ----------------------------------------------------------------------------
    def _query(self, printer: Any, command: bytes) -> int | None:
        """One DLE EOT status byte, or None when the printer does not answer (no sensor, no back channel)."""
        try:
            printer._raw(command)
            answer = printer._read()
        except NotImplementedError:
            return None
        except OSError as exc:  # a socket timeout: nothing came back
            log.debug("%s: no status answer (%s)", self.describe(), exc)
            return None
        if not answer:
            return None
        return int(answer[-1])

    def _sensors(self, printer: Any) -> PrinterStatus:
        paper = self._query(printer, STATUS_PAPER) if self.answers_status else None
        if paper is None:
            if self.answers_status:
                log.info("%s does not answer status queries; not asking again", self.describe())
            self.answers_status = False
            return PrinterStatus(PrinterReason.OK, f"{self.describe()}: no status answer")
        if paper & PAPER_END_BITS == PAPER_END_BITS:
            return PrinterStatus(PrinterReason.MEDIA_EMPTY, f"{self.describe()}: paper sensor 0x{paper:02x}")
        cause = self._query(printer, STATUS_OFFLINE_CAUSE)
        if cause is not None and cause & COVER_OPEN_BIT:
            return PrinterStatus(PrinterReason.COVER_OPEN, f"{self.describe()}: offline cause 0x{cause:02x}")
        if cause is not None and cause & PAPER_STOP_BIT:
            return PrinterStatus(PrinterReason.MEDIA_EMPTY, f"{self.describe()}: offline cause 0x{cause:02x}")
        return PrinterStatus(PrinterReason.OK, f"{self.describe()}: paper sensor 0x{paper:02x}")

    def status(self) -> PrinterStatus:
        """How the printer is now; never raises for a printer problem."""
        try:
            printer = self._connect()
        except PrintFailed as failed:
            return PrinterStatus(failed.reason, failed.details)
        try:
            return self._sensors(printer)
        finally:
            printer.close()

    # -- printing --------------------------------------------------------------------------
    def print_ticket(self, slip: Slip) -> None:
        """Print one slip.

        Raises:
            PrintFailed: not printed, with the reason.
        """
        printer = self._connect()
        try:
            before = self._sensors(printer)
            if not before.ok:
                raise PrintFailed.from_status(before)
            try:
                write_slip(printer, slip, self.codepage)
            except OSError as exc:
                raise PrintFailed(f"{self.describe()}: {exc}", PrinterReason.UNREACHABLE) from None
            after = self._sensors(printer)
            if after.reason is PrinterReason.MEDIA_EMPTY:
                raise PrintFailed.from_status(after)
        finally:
            printer.close()


def _columns(printer: Any) -> int:
    fonts = printer.profile.profile_data.get("fonts", {})
    try:
        return max(16, int(fonts["0"]["columns"]))
    except (KeyError, TypeError, ValueError):
        return 42


# Stand-ins for punctuation a Cyrillic code page may lack (CP866 has no dashes, «» or •),
# best first; python-escpos would print "?" for them.
_STAND_INS = {"—": ("-",), "–": ("-",), "‑": ("-",), "«": ('"',), "»": ('"',), "„": ('"',), "“": ('"',),
              "”": ('"',), "‘": ("'",), "’": ("'",), "…": ("...",), "•": ("∙", "·", "*")}


def printable(text: str, codepage: str) -> str:
    """``text`` with each character ``codepage`` cannot encode replaced by a stand-in it can."""

    def fits(value: str) -> bool:
        try:
            value.encode(codepage.lower())
        except (UnicodeEncodeError, LookupError):
            return False
        return True

    if fits(text):
        return text
    return "".join(char if fits(char) else next((s for s in _STAND_INS.get(char, ()) if fits(s)), char)
                   for char in text)


def write_slip(printer: Any, slip: Slip, codepage: str) -> None:
    """Send one slip's commands: texts in ``codepage``, the number large, the QR natively, a cut."""
    columns = _columns(printer)
    printer.hw("INIT")  # ESC @ resets modes (and the code page), so select ours after it
    printer.charcode(codepage)

    def lines(text: str, *, bold: bool = False) -> None:
        if not text:
            return
        printer.set(align="center", bold=bold, normal_textsize=True)
        for line in textwrap.wrap(printable(text, codepage), columns) or [""]:
            printer.textln(line)

    lines(slip.centre_name, bold=True)
    printer.ln()
    lines(slip.caption)
    printer.set(align="center", bold=True, custom_size=True, width=4, height=4)
    printer.textln(slip.number)
    lines(slip.service, bold=True)
    for detail in slip.details:  # each wrapped by itself, so one never runs on into the next
        lines(detail)
    lines(slip.issued)
    lines(slip.ahead)
    lines(slip.wait)
    printer.ln()
    lines(slip.call, bold=True)
    printer.set(align="center", bold=False, normal_textsize=True)
    if printer.profile.supports("qrCode"):
        printer.qr(slip.link, native=True, size=QR_SIZE)
    else:  # the model cannot draw one: send it as an image instead
        printer.qr(slip.link, native=False, size=QR_SIZE, center=True)
    printer.ln(2)
    printer.cut()
