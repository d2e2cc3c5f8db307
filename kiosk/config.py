"""The kiosk's configuration: one TOML file, validated into one immutable object.

Defaults live here; the file overrides them. Every rejection is a
:class:`ConfigError` whose text is one line naming the file, the key, the bad
value and what is allowed, so an operator can fix a kiosk from the log alone.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import tomllib
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk import resources
from kiosk.catalog import Text
from kiosk.hours import WeeklyHours, parse_weekly_hours
from kiosk.shapes import IDENTIFIER_RE, TICKET_LINK_RULE, is_ticket_link_template

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_CATALOG = resources.assets_dir() / "catalog" / "demo.json"
DEMO_CONFIG = resources.configs_dir() / "demo.toml"

PRINTER_KINDS = ("pdf", "system", "escpos", "none")
LANGUAGES = ("ru", "en")
MAX_TICKET_NUMBER = 999
MIB = 1024 * 1024


class ConfigError(ValueError):
    """A configuration value is unusable. ``str()`` is the one-line message."""

    def __init__(self, source: str, key: str, value: Any, allowed: str) -> None:
        self.source, self.key, self.value, self.allowed = source, key, value, allowed
        shown = "(missing)" if value is _MISSING else repr(value)
        super().__init__(f"{source}: {key} = {shown} is not allowed: {allowed}")


_MISSING = object()


@dataclass(frozen=True)
class EscposDevice:
    """Where an ESC/POS printer is (``printer.device``): ``usb:VVVV:PPPP`` (hex ids, as lsusb
    shows them), ``serial:/dev/ttyUSB0`` or ``network:HOST[:PORT]`` (raw TCP, port 9100)."""

    transport: str  # usb, serial or network
    host: str = ""
    port: int = 9100
    vendor: int = 0
    product: int = 0
    path: str = ""

    def __str__(self) -> str:
        if self.transport == "usb":
            return f"USB {self.vendor:04x}:{self.product:04x}"
        if self.transport == "serial":
            return f"serial {self.path}"
        return f"network {self.host}:{self.port}"


@dataclass(frozen=True)
class PrinterConfig:
    kind: str = "pdf"  # one of PRINTER_KINDS
    name: str = ""  # CUPS/system queue name for kind = "system"; empty = default printer
    pdf_dir: Path | None = None  # for kind = "pdf"; None = DATA_DIR/printed
    cups_server: str = ""  # for kind = "system": empty = libcups' default (CUPS_SERVER, client.conf, local socket)
    job_timeout_s: int = 20  # for kind = "system": a job not completed by then is cancelled and failed
    device: EscposDevice | None = None  # for kind = "escpos"
    codepage: str = "CP866"  # for kind = "escpos": a Cyrillic code page the printer has
    profile: str = "default"  # for kind = "escpos": the python-escpos profile of the model
    baudrate: int = 9600  # for kind = "escpos" on a serial port
    connect_timeout_s: int = 3  # for kind = "escpos": connect, read and write timeout


@dataclass(frozen=True)
class SyncConfig:
    """Where and how often to sync; no server means the kiosk runs offline only."""

    server: str = ""  # https://... (http only for a server on this machine)
    ca_bundle: Path | None = None  # a CA file to verify the server; None = the system store
    interval_s: int = 60
    batch_size: int = 200
    credentials: Path | None = None  # None = DATA_DIR/sync-credentials.json


@dataclass(frozen=True)
class CentreInfo:
    """What the *About the centre* screen shows; every item is optional and hidden when absent."""

    address: Text | None = None
    children_corner: Text | None = None  # where it is, or what it offers
    website: str = ""  # shown as a QR code, never as a link
    wifi_name: str = ""  # the free network's name (SSID)


@dataclass(frozen=True)
class StorageConfig:
    """Backups of the database and the free disk space the kiosk needs (``[storage]``)."""

    backup_keep: int = 14  # how many of the newest backups in DATA_DIR/backups to keep
    disk_warn_mib: int = 500  # below this much free space admin mode and the heartbeat warn
    disk_refuse_mib: int = 50  # below this much free space no new ticket is issued

    @property
    def warn_bytes(self) -> int:
        return self.disk_warn_mib * MIB

    @property
    def refuse_bytes(self) -> int:
        return self.disk_refuse_mib * MIB


@dataclass(frozen=True)
class AppointmentsConfig:
    """Booked visits (``[appointments]``): when a code checks in, and their wait norm."""

    early_min: int = 30  # a booked visitor checks in at most this many minutes before the slot
    grace_min: int = 15  # ... and at most this many after it; later, a normal ticket is offered
    wait_norm_min: int = 15  # the norm a booked visitor's wait after the slot is measured against


@dataclass(frozen=True)
class Config:
    """Everything the kiosk needs to know about itself, checked once at start."""

    source: str
    centre_id: str
    centre_name: Text
    timezone: str
    hours: WeeklyHours
    kiosk_id: str
    default_language: str
    block_start: int
    block_end: int
    idle_timeout_s: int
    ticket_screen_s: int
    catalog_path: Path
    printer: PrinterConfig
    link_template: str
    data_dir: Path | None = None
    info: CentreInfo = CentreInfo()
    content_dir: Path | None = None  # replaces assets/content/ texts; None = the shipped ones
    sync: SyncConfig = SyncConfig()
    quick_rating_gap_s: int = 20  # minimum seconds between two accepted quick ratings
    storage: StorageConfig = StorageConfig()
    appointments: AppointmentsConfig = AppointmentsConfig()

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def local(self, moment_utc: dt.datetime) -> dt.datetime:
        return moment_utc.astimezone(self.tz)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **changes)


class _Reader:
    """Pulls typed values out of nested TOML tables, remembering which keys were used."""

    def __init__(self, source: str, data: Mapping[str, Any]) -> None:
        self.source = source
        self.data = data

    def table(self, name: str, allowed_keys: set[str]) -> Mapping[str, Any]:
        table = self.data.get(name, {})
        if not isinstance(table, Mapping):
            raise ConfigError(self.source, name, table, "a table ([" + name + "])")
        for key in table:
            if key not in allowed_keys:
                raise ConfigError(self.source, f"{name}.{key}", table[key],
                                  "unknown key; allowed keys: " + ", ".join(sorted(allowed_keys)))
        return table

    def text(self, table: Mapping[str, Any], section: str, key: str, default: Any = _MISSING,
             *, max_len: int = 200, ident: bool = False) -> str:
        value = table.get(key, default)
        allowed = ("an id of 1-64 latin letters, digits, '-' or '_', starting with a letter or digit" if ident
                   else f"a non-empty text of at most {max_len} characters")
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            raise ConfigError(self.source, f"{section}.{key}", value, allowed)
        # Ids travel to the central server (events, enrolment), so they follow its Identifier pattern.
        if ident and IDENTIFIER_RE.fullmatch(value) is None:
            raise ConfigError(self.source, f"{section}.{key}", value, allowed)
        return value.strip()

    def integer(self, table: Mapping[str, Any], section: str, key: str, default: int,
                low: int, high: int, unit: str) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ConfigError(self.source, f"{section}.{key}", value,
                              f"a whole number of {unit} from {low} to {high}")
        return value

    def choice(self, table: Mapping[str, Any], section: str, key: str, default: str,
               choices: tuple[str, ...]) -> str:
        value = table.get(key, default)
        if value not in choices:
            raise ConfigError(self.source, f"{section}.{key}", value, "one of " + ", ".join(choices))
        return str(value)

    def path(self, table: Mapping[str, Any], section: str, key: str, base: Path) -> Path | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(self.source, f"{section}.{key}", value, "a file or folder path")
        path = Path(os.path.expanduser(value))
        return path if path.is_absolute() else (base / path)


def parse_config(data: Mapping[str, Any], source: str, base_dir: Path) -> Config:
    """Validate decoded TOML into a :class:`Config`.

    Args:
        data: the decoded TOML document.
        source: the file name, for messages.
        base_dir: relative paths in the file are taken from here.

    Raises:
        ConfigError: the first bad value.
    """
    r = _Reader(source, data)
    for key in data:
        if key not in ("centre", "kiosk", "printer", "ticket", "sync", "storage", "appointments"):
            raise ConfigError(source, key, data[key],
                              "unknown section; allowed: centre, kiosk, printer, ticket, sync, storage, "
                              "appointments")

    centre = r.table("centre", {"id", "name_ru", "name_en", "timezone", "hours", *INFO_KEYS})
    centre_id = r.text(centre, "centre", "id", ident=True, max_len=64)
    centre_name = Text(ru=r.text(centre, "centre", "name_ru", max_len=120),
                       en=r.text(centre, "centre", "name_en", max_len=120))
    tz_name = centre.get("timezone", "Europe/Moscow")
    try:
        if not isinstance(tz_name, str):
            raise ValueError
        zoneinfo.ZoneInfo(tz_name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        raise ConfigError(source, "centre.timezone", tz_name,
                          "an IANA time zone name such as Europe/Moscow") from None
    raw_hours = centre.get("hours", {"daily": "08:00-20:00"})
    try:
        hours = parse_weekly_hours(raw_hours)
    except ValueError as exc:
        raise ConfigError(source, "centre.hours", raw_hours,
                          f"{exc} (days mon..sun or daily as 'HH:MM-HH:MM' or 'closed')") from None

    info = _centre_info(r, centre)

    kiosk = r.table("kiosk", {"id", "default_language", "ticket_block", "idle_timeout_s",
                              "ticket_screen_s", "catalog", "data_dir", "content_dir", "quick_rating_gap_s"})
    kiosk_id = r.text(kiosk, "kiosk", "id", ident=True, max_len=64)
    language = r.choice(kiosk, "kiosk", "default_language", "ru", LANGUAGES)
    block = kiosk.get("ticket_block", [1, MAX_TICKET_NUMBER])
    if (not isinstance(block, list) or len(block) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) for n in block)
            or not 1 <= block[0] < block[1] <= MAX_TICKET_NUMBER):
        raise ConfigError(source, "kiosk.ticket_block", block,
                          f"[first, last] with 1 <= first < last <= {MAX_TICKET_NUMBER}, "
                          "a range no other kiosk of the centre uses")
    idle = r.integer(kiosk, "kiosk", "idle_timeout_s", 60, 15, 3600, "seconds")
    ticket_screen = r.integer(kiosk, "kiosk", "ticket_screen_s", 30, 5, 600, "seconds")
    quick_gap = r.integer(kiosk, "kiosk", "quick_rating_gap_s", 20, 0, 3600, "seconds")
    catalog_path = r.path(kiosk, "kiosk", "catalog", base_dir) or DEMO_CATALOG
    data_dir = r.path(kiosk, "kiosk", "data_dir", base_dir)
    content_dir = r.path(kiosk, "kiosk", "content_dir", base_dir)

    printer = _printer(r, base_dir)

    sync_t = r.table("sync", {"server", "ca_bundle", "interval_s", "batch_size", "credentials"})
    server = sync_t.get("server", "")
    if not isinstance(server, str) or (server and not _server_url_ok(server)):
        raise ConfigError(source, "sync.server", server,
                          "an https:// address (http:// only for localhost), or empty for no sync")
    sync = SyncConfig(
        server=server.rstrip("/"),
        ca_bundle=r.path(sync_t, "sync", "ca_bundle", base_dir),
        interval_s=r.integer(sync_t, "sync", "interval_s", 60, 10, 3600, "seconds"),
        batch_size=r.integer(sync_t, "sync", "batch_size", 200, 1, 500, "events"),
        credentials=r.path(sync_t, "sync", "credentials", base_dir),
    )
    if sync.ca_bundle is not None and not sync.ca_bundle.is_file():
        raise ConfigError(source, "sync.ca_bundle", str(sync.ca_bundle), "an existing CA certificate file")

    storage = _storage(r)
    appointments = _appointments(r)

    ticket_t = r.table("ticket", {"link_template"})
    link = ticket_t.get("link_template", "https://example.invalid/ticket/{uuid}")
    # The server's rule for a bundle's template, so the config cannot allow what a bundle may not;
    # any other brace ({lang}) would make link_template.format(uuid=...) raise on every ticket.
    if not is_ticket_link_template(link):
        raise ConfigError(source, "ticket.link_template", link, TICKET_LINK_RULE)

    return Config(source=source, centre_id=centre_id, centre_name=centre_name, timezone=tz_name,
                  hours=hours, kiosk_id=kiosk_id, default_language=language,
                  block_start=block[0], block_end=block[1], idle_timeout_s=idle,
                  ticket_screen_s=ticket_screen, catalog_path=catalog_path, printer=printer,
                  link_template=link, data_dir=data_dir, quick_rating_gap_s=quick_gap, sync=sync,
                  info=info, content_dir=content_dir, storage=storage, appointments=appointments)


def _server_url_ok(url: str) -> bool:
    """TLS for every real server; plain HTTP only to this machine (tests, a local demo)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")


def _storage(r: _Reader) -> StorageConfig:
    """``[storage]``: backups kept, and the free space below which the kiosk warns and refuses tickets."""
    table = r.table("storage", {"backup_keep", "disk_warn_mib", "disk_refuse_mib"})
    keep = r.integer(table, "storage", "backup_keep", StorageConfig.backup_keep, 1, 365, "backups")
    warn = r.integer(table, "storage", "disk_warn_mib", StorageConfig.disk_warn_mib, 1, 1024 * 1024, "MiB")
    refuse = r.integer(table, "storage", "disk_refuse_mib", StorageConfig.disk_refuse_mib, 1, 1024 * 1024, "MiB")
    if refuse >= warn:
        raise ConfigError(r.source, "storage.disk_refuse_mib", refuse,
                          f"fewer MiB than storage.disk_warn_mib ({warn}), so the warning comes first")
    return StorageConfig(backup_keep=keep, disk_warn_mib=warn, disk_refuse_mib=refuse)


def _appointments(r: _Reader) -> AppointmentsConfig:
    """``[appointments]``: the check-in window around a booked slot, and the booked-visit wait norm."""
    table = r.table("appointments", {"early_min", "grace_min", "wait_norm_min"})
    defaults = AppointmentsConfig()
    return AppointmentsConfig(
        early_min=r.integer(table, "appointments", "early_min", defaults.early_min, 0, 240, "minutes"),
        grace_min=r.integer(table, "appointments", "grace_min", defaults.grace_min, 0, 120, "minutes"),
        wait_norm_min=r.integer(table, "appointments", "wait_norm_min", defaults.wait_norm_min, 1, 60, "minutes"))


PRINTER_KEYS = {"kind", "name", "pdf_dir", "cups_server", "job_timeout_s", "device", "codepage", "profile",
                "baudrate", "connect_timeout_s"}
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)"
_CUPS_SERVER_RE = re.compile(rf"/\S{{1,200}}|{_HOST}(?::[0-9]{{1,5}})?")
_DEVICE_RE = re.compile(rf"usb:(?P<vendor>[0-9a-fA-F]{{4}}):(?P<product>[0-9a-fA-F]{{4}})"
                        rf"|serial:(?P<path>/\S{{1,200}})"
                        rf"|network:(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?")
DEVICE_RULE = "usb:VVVV:PPPP (hex ids as lsusb shows them), serial:/dev/ttyUSB0 or network:HOST[:PORT]"


def _printer(r: _Reader, base_dir: Path) -> PrinterConfig:
    """``[printer]``: the kind, and the keys of that kind (the others keep their defaults)."""
    source = r.source
    table = r.table("printer", PRINTER_KEYS)
    kind = r.choice(table, "printer", "kind", "pdf", PRINTER_KINDS)
    name = table.get("name", "")
    if not isinstance(name, str) or len(name) > 127:
        raise ConfigError(source, "printer.name", name, "a system printer queue name (empty for the default printer)")
    server = table.get("cups_server", "")
    if not isinstance(server, str) or not _cups_server_ok(server):
        raise ConfigError(source, "printer.cups_server", server,
                          "empty for CUPS' default, a socket path such as /run/cups/cups.sock, or HOST[:PORT]")
    device = _escpos_device(source, table.get("device"), required=kind == "escpos")
    codepage = table.get("codepage", PrinterConfig.codepage)
    profile = table.get("profile", PrinterConfig.profile)
    for key, value in (("codepage", codepage), ("profile", profile)):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(source, f"printer.{key}", value, "a non-empty name")
    baudrate = table.get("baudrate", PrinterConfig.baudrate)
    if isinstance(baudrate, bool) or baudrate not in BAUDRATES:
        raise ConfigError(source, "printer.baudrate", baudrate, "one of " + ", ".join(map(str, BAUDRATES)))
    printer = PrinterConfig(
        kind=kind, name=name.strip(), pdf_dir=r.path(table, "printer", "pdf_dir", base_dir), cups_server=server,
        job_timeout_s=r.integer(table, "printer", "job_timeout_s", PrinterConfig.job_timeout_s, 3, 300, "seconds"),
        device=device, codepage=codepage.strip().upper(), profile=profile.strip(), baudrate=baudrate,
        connect_timeout_s=r.integer(table, "printer", "connect_timeout_s", PrinterConfig.connect_timeout_s, 1, 30,
                                    "seconds"))
    # A kind whose library is not installed cannot print: say so now, not at the first ticket.
    if kind == "system" and importlib.util.find_spec("cups") is None:
        raise ConfigError(source, "printer.kind", kind,
                          "pdf, escpos or none: system needs pycups (pip install 'mfc-kiosk[cups]', "
                          "which builds against Debian's libcups2-dev)")
    if kind == "escpos":
        from kiosk.printers.escpos import setup_problem

        problem = setup_problem(printer.profile, printer.codepage)
        if problem is not None:
            key, allowed = problem
            raise ConfigError(source, f"printer.{key}", table.get(key, getattr(printer, key)), allowed)
    return printer


def _cups_server_ok(server: str) -> bool:
    if not server:
        return True
    if _CUPS_SERVER_RE.fullmatch(server) is None:
        return False
    _, sep, port = server.rpartition(":")
    return server.startswith("/") or not sep or 0 < int(port) < 65536


def _escpos_device(source: str, value: Any, *, required: bool) -> EscposDevice | None:
    if value is None and not required:
        return None
    match = _DEVICE_RE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ConfigError(source, "printer.device", _MISSING if value is None else value,
                          DEVICE_RULE + ("; kind = escpos needs it" if value is None else ""))
    if match["vendor"]:
        return EscposDevice("usb", vendor=int(match["vendor"], 16), product=int(match["product"], 16))
    if match["path"]:
        return EscposDevice("serial", path=match["path"])
    port = int(match["port"] or 9100)
    if not 0 < port < 65536:
        raise ConfigError(source, "printer.device", value, DEVICE_RULE + " with a port from 1 to 65535")
    return EscposDevice("network", host=match["host"], port=port)


INFO_KEYS = ("address_ru", "address_en", "children_corner_ru", "children_corner_en", "website", "wifi_name")


def _centre_info(r: _Reader, centre: Mapping[str, Any]) -> CentreInfo:
    """The optional facts about the centre; a text given in one language needs the other too."""
    texts: dict[str, Text | None] = {}
    for key in ("address", "children_corner"):
        if f"{key}_ru" in centre or f"{key}_en" in centre:
            texts[key] = Text(ru=r.text(centre, "centre", f"{key}_ru", max_len=200),
                              en=r.text(centre, "centre", f"{key}_en", max_len=200))
        else:
            texts[key] = None
    website = centre.get("website", "")
    if not isinstance(website, str) or (website and (
            not website.startswith(("https://", "http://")) or len(website) > 200
            or any(c.isspace() for c in website) or len(website.split("/")[2]) == 0)):
        raise ConfigError(r.source, "centre.website", website,
                          "an http(s) address of at most 200 characters without spaces (shown as a QR code), "
                          "or leave the key out")
    wifi = centre.get("wifi_name", "")
    if not isinstance(wifi, str) or len(wifi.encode("utf-8")) > 32 or not wifi.isprintable() \
            or wifi != wifi.strip():
        raise ConfigError(r.source, "centre.wifi_name", wifi,
                          "a Wi-Fi network name of at most 32 bytes, without leading or trailing spaces, "
                          "or leave the key out")
    return CentreInfo(address=texts["address"], children_corner=texts["children_corner"],
                      website=website, wifi_name=wifi)


def load_config(path: Path) -> Config:
    """Read, parse and validate a config file.

    Raises:
        ConfigError: unreadable file, bad TOML, or a bad value.
    """
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(source, "(file)", str(path), f"a readable TOML file ({exc.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(source, "(file)", str(path), "UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, "(syntax)", str(exc), "valid TOML") from None
    return parse_config(data, source, path.resolve().parent)
