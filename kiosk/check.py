"""``mfc-kiosk check``: everything an operator needs to know before leaving a box in a lobby.

Each check gives one line: a verdict (``ok``, ``warn`` or ``FAIL``), what was
checked and what was found, in words an operator can act on. A ``FAIL`` means
the kiosk will not serve visitors properly (it cannot store tickets, cannot
print, cannot reach its server once enrolled); a ``warn`` means it will, but
something needs a look (a fallback font, the clock not synchronised).

The checks read and never write: the database is opened read-only, so the
command is safe while the kiosk runs. ``docs/deploy.md`` explains each line.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import enum
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Config, StorageConfig
from kiosk.disk import DiskState, DiskUsage, disk_report
from kiosk.printers import configured_status
from kiosk.store import DB_NAME

# The kiosk's clock and the server's may differ by this much.
CLOCK_SKEW_S = 120
EARLIEST_SANE_YEAR = 2025
UI_FONT = "PT Sans"


class Verdict(enum.Enum):
    OK = "ok"
    WARN = "warn"
    FAIL = "FAIL"


@dataclass(frozen=True)
class CheckLine:
    """One check's outcome."""

    name: str
    verdict: Verdict
    detail: str

    def text(self) -> str:
        return f"{self.verdict.value:<4}  {self.name:<9} {self.detail}"


def check_data_dir(data_dir: Path) -> CheckLine:
    """The data folder exists, is this user's, is writable, and nobody else can read it."""
    name = "data"
    try:
        info = data_dir.stat()
    except FileNotFoundError:
        return CheckLine(name, Verdict.FAIL, f"{data_dir} does not exist (the installer creates it)")
    except OSError as exc:
        return CheckLine(name, Verdict.FAIL, f"{data_dir} cannot be read: {exc.strerror}")
    mode = info.st_mode & 0o777
    if info.st_uid != os.geteuid():
        return CheckLine(name, Verdict.FAIL, f"{data_dir} belongs to uid {info.st_uid}, not to this user "
                                             f"({os.geteuid()}); run the check as the kiosk's user")
    if not os.access(data_dir, os.W_OK):
        return CheckLine(name, Verdict.FAIL, f"{data_dir} is not writable (mode {mode:o})")
    if mode & 0o077:
        return CheckLine(name, Verdict.FAIL, f"{data_dir} is open to other users (mode {mode:o}); "
                                             f"run chmod 700 {data_dir}")
    return CheckLine(name, Verdict.OK, f"{data_dir} (mode {mode:o})")


def check_database(data_dir: Path) -> CheckLine:
    """The database passes ``quick_check`` and keeps its durability settings (read-only look)."""
    name = "database"
    path = data_dir / DB_NAME
    if not path.exists():
        return CheckLine(name, Verdict.OK, f"{path} not created yet (the kiosk makes it at first start)")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
            pending = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return CheckLine(name, Verdict.FAIL, f"{path} cannot be read: {exc}")
    if verdict != "ok":
        return CheckLine(name, Verdict.FAIL, f"{path} is damaged ({verdict}); the kiosk moves it aside at start")
    if mode != "wal":
        return CheckLine(name, Verdict.WARN, f"{path} is in {mode} mode; the kiosk sets WAL at start")
    return CheckLine(name, Verdict.OK, f"{path}: quick_check ok, {tickets} tickets, {pending} events to send")


def check_disk(data_dir: Path, limits: StorageConfig, usage: DiskUsage = shutil.disk_usage) -> CheckLine:
    """Free space where the data lives, against the same limits the kiosk applies to tickets."""
    report = disk_report(data_dir, limits, usage)
    if report.state is DiskState.UNKNOWN:
        return CheckLine("disk", Verdict.FAIL, f"cannot measure the free space of {data_dir}")
    text = f"{report.free_mib} MiB free for {data_dir}"
    if report.state is DiskState.FULL:
        return CheckLine("disk", Verdict.FAIL, text + f" (below storage.disk_refuse_mib = {limits.disk_refuse_mib}:"
                                                      " tickets are refused)")
    if report.state is DiskState.LOW:
        return CheckLine("disk", Verdict.WARN, text + f" (below storage.disk_warn_mib = {limits.disk_warn_mib})")
    return CheckLine("disk", Verdict.OK, text)


def check_font(match: Callable[[str], str | None] | None = None) -> CheckLine:
    """The UI font is installed (else Qt falls back and the layout differs from the tested one)."""
    found = (match or _fc_match)(UI_FONT)
    if found is None:
        return CheckLine("font", Verdict.WARN, "fontconfig is not installed; cannot tell which font is used")
    if UI_FONT.lower() not in found.lower():
        return CheckLine("font", Verdict.WARN, f"{UI_FONT} is missing (Debian package fonts-paratype); "
                                               f"the kiosk falls back to {found}")
    return CheckLine("font", Verdict.OK, UI_FONT)


def _fc_match(family: str) -> str | None:
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True,
                            timeout=10, check=False)
    return result.stdout.strip() or "(none)"


def check_printer(config: Config) -> CheckLine:
    printer = config.printer
    if printer.kind == "none":
        return CheckLine("printer", Verdict.OK, "none configured (tickets are shown, not printed)")
    if printer.kind == "pdf":
        target = printer.pdf_dir
        return CheckLine("printer", Verdict.OK, f"tickets saved as PDF files in {target or 'DATA_DIR/printed'}")
    where = (f"CUPS queue {printer.name or '(default)'}" if printer.kind == "system"
             else f"ESC/POS printer on {printer.device}")
    status = configured_status(printer)
    if status.ok:
        return CheckLine("printer", Verdict.OK, f"{where}: ready ({status.details})")
    return CheckLine("printer", Verdict.FAIL, f"{where}: {status.reason.value} ({status.details})")


def check_clock(now: dt.datetime, server_date: dt.datetime | None, ntp_synchronised: bool | None) -> CheckLine:
    """The clock is plausible, near the server's, and kept in step (numbering and hours depend on it)."""
    name = "clock"
    if now.year < EARLIEST_SANE_YEAR:
        return CheckLine(name, Verdict.FAIL, f"the clock says {now:%Y-%m-%d %H:%M} UTC; set the time")
    if server_date is not None:
        skew = (now - server_date).total_seconds()
        if abs(skew) > CLOCK_SKEW_S:
            return CheckLine(name, Verdict.FAIL, f"{skew:+.0f} s off the server's clock (at most "
                                                 f"{CLOCK_SKEW_S} s); enable time synchronisation")
    if ntp_synchronised is False:
        return CheckLine(name, Verdict.WARN, f"{now:%Y-%m-%d %H:%M} UTC, but not synchronised "
                                             "(timedatectl set-ntp true)")
    return CheckLine(name, Verdict.OK, f"{now:%Y-%m-%d %H:%M:%S} UTC")


def ntp_synchronised() -> bool | None:
    """What systemd-timedated says, or None where it cannot be asked."""
    if shutil.which("timedatectl") is None:
        return None
    result = subprocess.run(["timedatectl", "show", "-p", "NTPSynchronized", "--value"], capture_output=True,
                            text=True, timeout=10, check=False)
    value = result.stdout.strip()
    return None if result.returncode != 0 or value not in ("yes", "no") else value == "yes"


def check_server(config: Config, data_dir: Path) -> tuple[CheckLine, dt.datetime | None]:
    """The kiosk is enrolled and its server answers with this kiosk's credential.

    Returns:
        The line, and the server's clock (its ``Date`` header) when it answered.
    """
    name = "server"
    if not config.sync.server:
        return CheckLine(name, Verdict.OK, "none configured (the kiosk runs on its own)"), None
    # Imported here: the HTTP stack is needed only for a kiosk that syncs.
    from kiosk.sync import credentials
    from kiosk.sync.client import API, AuthError, ServerClient, SyncError

    path = config.sync.credentials or data_dir / credentials.FILE_NAME
    try:
        saved = credentials.load(path)
    except credentials.CredentialsError as exc:
        return CheckLine(name, Verdict.FAIL, str(exc)), None
    if saved is None:
        return CheckLine(name, Verdict.FAIL, f"not enrolled: run mfc-kiosk enrol --server {config.sync.server} "
                                             "--code CODE"), None
    if saved.kiosk_id != config.kiosk_id:
        return CheckLine(name, Verdict.FAIL, f"{path} is for kiosk {saved.kiosk_id}, the config says "
                                             f"{config.kiosk_id}; enrol again"), None
    client = ServerClient(saved.server, saved.token, timeout=(5.0, 10.0),
                          ca_bundle=str(config.sync.ca_bundle) if config.sync.ca_bundle else None)
    try:
        client.status()
        # The same endpoint again for its Date header, to compare clocks.
        response = client.session.get(client.base + "/kiosk/status", timeout=client.timeout)
        server_date = _http_date(response.headers.get("Date"))
    except AuthError as exc:
        return CheckLine(name, Verdict.FAIL, f"{saved.server} refuses this kiosk's credential ({exc}); "
                                             "enrol again"), None
    except (SyncError, OSError) as exc:
        return CheckLine(name, Verdict.FAIL, f"{saved.server} cannot be reached: {exc}"), None
    except Exception as exc:  # requests' own errors, before the client maps them
        return CheckLine(name, Verdict.FAIL, f"{saved.server} cannot be reached: {type(exc).__name__}"), None
    finally:
        client.close()
    return CheckLine(name, Verdict.OK, f"{saved.server}{API} knows kiosk {saved.kiosk_id} of centre "
                                       f"{saved.centre_id}"), server_date


def _http_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).astimezone(dt.UTC)
    except (TypeError, ValueError):
        return None


def heartbeat_facts(config: Config, data_dir: Path) -> dict[str, dict[str, str]]:
    """The checks the sync thread can afford every heartbeat, by name: verdict and detail.

    The database's quick_check (it reads the whole file) and the server line (the
    heartbeat itself says whether the server answers) are left to ``mfc-kiosk check``;
    an ESC/POS printer is not asked, as asking it could hold up a ticket printing now.
    """
    lines = [check_data_dir(data_dir), check_disk(data_dir, config.storage), check_font()]
    if config.printer.kind != "escpos":
        lines.append(check_printer(config))
    lines.append(check_clock(dt.datetime.now(dt.UTC), None, ntp_synchronised()))
    return {line.name: {"verdict": line.verdict.value, "detail": line.detail} for line in lines}


def run_checks(config: Config, data_dir: Path, *, now: Callable[[], dt.datetime] | None = None) -> Iterator[CheckLine]:
    """Every check, in the order an operator would mend them."""
    yield CheckLine("config", Verdict.OK, f"{config.source}: kiosk {config.kiosk_id} of centre {config.centre_id}")
    yield check_data_dir(data_dir)
    yield check_database(data_dir)
    yield check_disk(data_dir, config.storage)
    yield check_font()
    yield check_printer(config)
    server_line, server_date = check_server(config, data_dir)
    yield server_line
    yield check_clock((now or (lambda: dt.datetime.now(dt.UTC)))(), server_date, ntp_synchronised())
