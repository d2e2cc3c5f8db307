"""The [printer] keys of each kind: typed values, defaults, and one line per refusal naming the
file, the key, the value and what is allowed."""

from __future__ import annotations

import builtins
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kiosk.config import ConfigError, EscposDevice, load_config

BASE = """
[centre]
id = "mfc-test"
name_ru = "Тестовый центр"
name_en = "Test centre"
[kiosk]
id = "k1"
[printer]
{printer}
"""


def load(tmp_path: Path, printer: str) -> Any:
    path = tmp_path / "kiosk.toml"
    path.write_text(BASE.format(printer=printer), encoding="utf-8")
    return load_config(path).printer


def test_system_keys_and_their_defaults(tmp_path: Path) -> None:
    printer = load(tmp_path, 'kind = "system"\nname = "KioskReceipt"')
    assert (printer.kind, printer.name, printer.cups_server, printer.job_timeout_s) == \
        ("system", "KioskReceipt", "", 20)
    printer = load(tmp_path, 'kind = "system"\ncups_server = "/run/cups/cups.sock"\njob_timeout_s = 45')
    assert (printer.cups_server, printer.job_timeout_s) == ("/run/cups/cups.sock", 45)
    assert load(tmp_path, 'kind = "system"\ncups_server = "print.lan:631"').cups_server == "print.lan:631"


@pytest.mark.parametrize(("device", "parsed"), [
    ("usb:04b8:0e15", EscposDevice("usb", vendor=0x04B8, product=0x0E15)),
    ("serial:/dev/ttyUSB0", EscposDevice("serial", path="/dev/ttyUSB0")),
    ("network:192.168.10.50", EscposDevice("network", host="192.168.10.50", port=9100)),
    ("network:printer.lan:9101", EscposDevice("network", host="printer.lan", port=9101)),
])
def test_escpos_devices(tmp_path: Path, device: str, parsed: EscposDevice) -> None:
    printer = load(tmp_path, f'kind = "escpos"\ndevice = "{device}"')
    assert printer.device == parsed
    assert (printer.codepage, printer.profile, printer.baudrate, printer.connect_timeout_s) == \
        ("CP866", "default", 9600, 3)


def test_escpos_keys(tmp_path: Path) -> None:
    printer = load(tmp_path, 'kind = "escpos"\ndevice = "serial:/dev/ttyS0"\ncodepage = "cp1251"\n'
                             'profile = "TM-T88V"\nbaudrate = 19200\nconnect_timeout_s = 5')
    assert (printer.codepage, printer.profile, printer.baudrate, printer.connect_timeout_s) == \
        ("CP1251", "TM-T88V", 19200, 5)


@pytest.mark.parametrize(("printer", "key", "allowed"), [
    ('kind = "system"\njob_timeout_s = 0', "printer.job_timeout_s", "from 3 to 300"),
    ('kind = "system"\njob_timeout_s = "20"', "printer.job_timeout_s", "whole number of seconds"),
    ('kind = "system"\ncups_server = "print server"', "printer.cups_server", "HOST[:PORT]"),
    ('kind = "system"\ncups_server = "print.lan:99999"', "printer.cups_server", "socket path"),
    ('kind = "escpos"', "printer.device", "kind = escpos needs it"),
    ('kind = "escpos"\ndevice = "usb:4b8:e15"', "printer.device", "usb:VVVV:PPPP"),
    ('kind = "escpos"\ndevice = "lpt:1"', "printer.device", "network:HOST[:PORT]"),
    ('kind = "escpos"\ndevice = "network:printer.lan:0"', "printer.device", "port from 1 to 65535"),
    ('kind = "escpos"\ndevice = "network:p"\ncodepage = "CP437"', "printer.codepage", "Cyrillic"),
    ('kind = "escpos"\ndevice = "network:p"\ncodepage = ""', "printer.codepage", "non-empty"),
    ('kind = "escpos"\ndevice = "network:p"\nprofile = "TM-X"', "printer.profile", "TM-T88V"),
    ('kind = "escpos"\ndevice = "serial:/dev/ttyS0"\nbaudrate = 9601', "printer.baudrate", "9600, 19200"),
    ('kind = "escpos"\ndevice = "network:p"\nconnect_timeout_s = 60', "printer.connect_timeout_s", "1 to 30"),
    ('kind = "escpos"\ndevice = "network:p"\ntimeout = 3', "printer.timeout", "unknown key"),
])
def test_bad_printer_values_are_refused_in_one_line(tmp_path: Path, printer: str, key: str, allowed: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load(tmp_path, printer)
    message = str(refused.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "kiosk.toml"))
    assert refused.value.key == key and allowed in message


def test_a_kind_whose_library_is_missing_is_refused_at_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec, real_import = importlib.util.find_spec, builtins.__import__

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == "cups" else real_find_spec(name, *args, **kwargs)

    def without_escpos(name: str, *args: Any, **kwargs: Any) -> ModuleType:
        if name == "escpos" or name.startswith("escpos."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    with pytest.raises(ConfigError, match=r"printer.kind = 'system' .*pycups .*mfc-kiosk\[cups\]"):
        load(tmp_path, 'kind = "system"')
    monkeypatch.setattr(builtins, "__import__", without_escpos)
    with pytest.raises(ConfigError, match=r"printer.kind = 'escpos' .*python-escpos .*mfc-kiosk\[escpos\]"):
        load(tmp_path, 'kind = "escpos"\ndevice = "network:p"')
