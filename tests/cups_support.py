"""A CUPS scheduler of the tests' own: its own config, spool, logs and socket in a
temporary folder, so tests may stop and start queues without touching the
machine's CUPS (or another engineer's tests).

Queues print to ``cups-pdf:/`` (Debian's printer-driver-cups-pdf; a job lands
as a PDF in the job owner's ``~/PDF``), or to the ``kiosktest`` backend,
which plays a broken printer according to its device URI:

- ``kiosktest:/paperout``: reports ``media-empty-error`` and stops the queue
  (what a USB receipt printer's backend does when the roll runs out);
- ``kiosktest:/cover``: reports ``cover-open-error`` and stops the queue;
- ``kiosktest:/stop``: a printer error with no reason; CUPS stops the queue;
- ``kiosktest:/hang``: never finishes (a printer that takes the data and hangs).

The scheduler runs as root (backends such as cups-pdf run as root only when
cupsd does); :func:`unavailable` says why it cannot run here.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"
SYSTEM_SERVER_BIN = Path("/usr/lib/cups")

_BACKEND = """#!/bin/sh
# kiosktest: a broken printer for the kiosk's tests (tests/cups_support.py).
if [ $# -eq 0 ]; then echo 'direct kiosktest "Unknown" "Kiosk test backend"'; exit 0; fi
case "$DEVICE_URI" in
  *paperout) echo "STATE: +media-empty-error" >&2; echo "ERROR: Out of paper" >&2; exit 4 ;;
  *cover) echo "STATE: +cover-open-error" >&2; echo "ERROR: Cover open" >&2; exit 4 ;;
  *stop) echo "ERROR: Printer fault" >&2; exit 4 ;;
  *hang) exec sleep 600 ;;
esac
echo "ERROR: unknown kiosktest device $DEVICE_URI" >&2
exit 1
"""


def unavailable() -> str | None:
    """Why a private scheduler cannot run here, or None."""
    for tool in (CUPSD, "/usr/sbin/lpadmin", "/usr/sbin/cupsdisable"):
        if not Path(tool).exists():
            return f"{tool} is missing (apt-get install cups printer-driver-cups-pdf; ./run.sh test does)"
    if not (SYSTEM_SERVER_BIN / "backend" / "cups-pdf").exists():
        return "the cups-pdf backend is missing (apt-get install printer-driver-cups-pdf)"
    if os.geteuid() != 0:
        return "a private cupsd runs its backends as root only when it runs as root"
    try:
        import cups  # noqa: F401
    except ImportError:
        return "pycups is not installed (the test extra has it)"
    return None


def pdf_output_dir() -> Path:
    """Where cups-pdf puts the jobs of this user (its ``Out ${HOME}/PDF``)."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"


class PrivateCups:
    """One scheduler in ``root``; :meth:`start` it, :meth:`stop` it when done."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.socket = root / "cups.sock"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / "log" / "error_log"

    @property
    def server(self) -> str:
        return str(self.socket)

    def _write_config(self) -> None:
        root = self.root
        for sub in ("etc", "spool/tmp", "cache", "state", "log", "bin/backend"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        root.chmod(0o755)
        (root / "etc" / "cupsd.conf").write_text(f"""
Listen {self.socket}
LogLevel info
WebInterface No
Browsing No
DefaultAuthType None
# The tests cancel jobs: keep them in the history so their end state can be read.
PreserveJobHistory Yes
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
""")
        (root / "etc" / "cups-files.conf").write_text(f"""
ServerRoot {root}/etc
ServerBin {root}/bin
RequestRoot {root}/spool
TempDir {root}/spool/tmp
CacheDir {root}/cache
StateDir {root}/state
AccessLog {root}/log/access_log
ErrorLog {root}/log/error_log
PageLog {root}/log/page_log
Sandboxing relaxed
""")
        # The system's filters and backends, plus the broken printer.
        for entry in SYSTEM_SERVER_BIN.iterdir():
            target = root / "bin" / entry.name
            if entry.name != "backend" and not target.exists():
                target.symlink_to(entry)
        for backend in (SYSTEM_SERVER_BIN / "backend").iterdir():
            target = root / "bin" / "backend" / backend.name
            if not target.exists():
                target.symlink_to(backend)
        fake = root / "bin" / "backend" / "kiosktest"
        fake.write_text(_BACKEND)
        fake.chmod(0o700)  # mode 0700: cupsd runs it as root, as it runs cups-pdf

    def start(self, timeout_s: float = 20.0) -> None:
        self._write_config()
        etc = self.root / "etc"
        self.process = subprocess.Popen(
            [CUPSD, "-f", "-c", str(etc / "cupsd.conf"), "-s", str(etc / "cups-files.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout_s
        while not self._answers():
            if self.process.poll() is not None:
                raise RuntimeError(f"cupsd exited with {self.process.returncode}; see {self.log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not open {self.socket} within {timeout_s} s; see {self.log}")
            time.sleep(0.05)

    def _answers(self) -> bool:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(str(self.socket))
            except OSError:
                return False
        return True

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)
        self.process = None

    def kill(self) -> None:
        """Kill the scheduler as a crash would (its jobs stay in the spool for the next start)."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=20)
            self.process = None

    # -- queues ----------------------------------------------------------------------------
    def _run(self, *argv: str) -> None:
        subprocess.run([argv[0], "-h", self.server, *argv[1:]], check=True, capture_output=True, timeout=30)

    def add_queue(self, name: str, device: str = "cups-pdf:/") -> str:
        self._run("/usr/sbin/lpadmin", "-p", name, "-E", "-v", device, "-m", CUPS_PDF_PPD)
        return name

    def set_device(self, name: str, device: str) -> None:
        self._run("/usr/sbin/lpadmin", "-p", name, "-v", device)

    def delete_queue(self, name: str) -> None:
        self._run("/usr/sbin/lpadmin", "-x", name)

    def disable(self, name: str) -> None:
        self._run("/usr/sbin/cupsdisable", name)

    def enable(self, name: str) -> None:
        self._run("/usr/sbin/cupsenable", name)

    def reject(self, name: str) -> None:
        self._run("/usr/sbin/cupsreject", name)

    def accept(self, name: str) -> None:
        self._run("/usr/sbin/cupsaccept", name)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Wait for a condition of the scheduler's (a job's state) with a deadline."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout_s} s: {what}")
        time.sleep(0.05)


def write_pdf(path: Path, text: str = "kiosk test") -> Path:
    """A small valid one-page PDF (80 x 140 mm) with one line of ASCII text."""
    stream = f"BT /F1 12 Tf 20 300 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 227 397] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def landed(token: str) -> list[Path]:
    """The PDFs cups-pdf wrote for jobs whose title contains ``token``."""
    folder = pdf_output_dir()
    return sorted(folder.glob(f"*{token}*.pdf")) if folder.is_dir() else []
