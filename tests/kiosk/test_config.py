"""Config: the shipped files load, and every bad value is rejected with one
line naming the file, the key, the value and what is allowed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import DEMO_CONFIG, PROJECT_ROOT, ConfigError, load_config
from kiosk.hours import WeeklyHours

GOOD = """
[centre]
id = "mfc-test"
name_ru = "Тестовый центр"
name_en = "Test centre"
[centre.hours]
daily = "08:00-20:00"
[kiosk]
id = "k1"
ticket_block = [1, 499]
[printer]
kind = "pdf"
[ticket]
link_template = "https://example.invalid/t/{uuid}"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_configs_load() -> None:
    demo = load_config(DEMO_CONFIG)
    assert demo.hours == WeeklyHours.always_open()  # the demo centre never closes
    example = load_config(PROJECT_ROOT / "config" / "example.toml")
    assert (example.block_start, example.block_end) == (1, 499)
    assert example.printer.kind == "system"


def test_good_config_gives_typed_values(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD))
    assert config.centre_id == "mfc-test"
    assert config.centre_name.get("en") == "Test centre"
    assert config.idle_timeout_s == 60  # default from code
    assert config.timezone == "Europe/Moscow"


@pytest.mark.parametrize(("old", "new", "key", "allowed"), [
    ('id = "k1"', 'id = "киоск 1"', "kiosk.id", "latin letters"),
    ("ticket_block = [1, 499]", "ticket_block = [0, 499]", "kiosk.ticket_block", "1 <= first < last <= 999"),
    ("ticket_block = [1, 499]", "ticket_block = [600, 500]", "kiosk.ticket_block", "1 <= first < last <= 999"),
    ("ticket_block = [1, 499]", "ticket_block = [1, 499]\nidle_timeout_s = 5", "kiosk.idle_timeout_s", "15 to 3600"),
    ("ticket_block = [1, 499]", "ticket_block = [1, 499]\nidle_timeout_s = \"60\"", "kiosk.idle_timeout_s",
     "whole number"),
    ("ticket_block = [1, 499]", "ticket_block = [1, 499]\ndefault_language = \"de\"", "kiosk.default_language",
     "one of ru, en"),
    ("ticket_block = [1, 499]", "ticket_block = [1, 499]\nidel_timeout_s = 60", "kiosk.idel_timeout_s",
     "unknown key"),
    ('kind = "pdf"', 'kind = "laser"', "printer.kind", "one of pdf, system, escpos, none"),
    ('daily = "08:00-20:00"', 'daily = "20:00-08:00"', "centre.hours", "closes before it opens"),
    ('daily = "08:00-20:00"', 'daily = "8am-8pm"', "centre.hours", "HH:MM"),
    ('name_en = "Test centre"', 'name_en = "Test centre"\ntimezone = "Mars/Olympus"', "centre.timezone",
     "IANA time zone"),
    ('link_template = "https://example.invalid/t/{uuid}"', 'link_template = "https://example.invalid/t/"',
     "ticket.link_template", "containing {uuid}"),
    ('link_template = "https://example.invalid/t/{uuid}"', 'link_template = "javascript:alert({uuid})"',
     "ticket.link_template", "https:// address"),
    ('link_template = "https://example.invalid/t/{uuid}"', 'link_template = "https://example.invalid/t/{uuid}?l={lang}"',
     "ticket.link_template", "no other braces"),
    ('link_template = "https://example.invalid/t/{uuid}"', 'link_template = "http://example.invalid/t/{uuid}"',
     "ticket.link_template", "https://"),
    ('link_template = "https://example.invalid/t/{uuid}"', 'link_template = "https://example.invalid/t/{uuid}/{uuid}"',
     "ticket.link_template", "exactly once"),
    ('id = "k1"', 'id = "-k1"', "kiosk.id", "starting with a letter or digit"),
    ('name_ru = "Тестовый центр"', "", "centre.name_ru", "non-empty text"),
    ('kind = "pdf"', 'kind = "pdf"\n[sync]\nserver = "http://central.example"', "sync.server", "https://"),
    ('kind = "pdf"', 'kind = "pdf"\n[sync]\ninterval_s = 1', "sync.interval_s", "10 to 3600"),
    ('kind = "pdf"', 'kind = "pdf"\n[sync]\nca_bundle = "missing.pem"', "sync.ca_bundle", "existing CA"),
])
def test_each_bad_value_names_file_key_value_and_what_is_allowed(
        tmp_path: Path, old: str, new: str, key: str, allowed: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: {key} = ")
    assert allowed in message


def test_sync_server_on_this_machine_may_use_plain_http(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD.replace('kind = "pdf"',
                                                      'kind = "pdf"\n[sync]\nserver = "http://127.0.0.1:8700/"')))
    assert config.sync.server == "http://127.0.0.1:8700"
    assert config.sync.interval_s == 60


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "\n[kiosk\n")
    with pytest.raises(ConfigError, match=r"kiosk\.toml: \(syntax\)"):
        load_config(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="readable TOML file"):
        load_config(tmp_path / "absent.toml")


def test_main_stops_with_exit_2_one_line_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("ticket_block = [1, 499]", "ticket_block = [1, 1000]"))
    data_dir = tmp_path / "data"
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "main.py"), "--config", str(path),
                             "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [f"{path}: kiosk.ticket_block = [1, 1000] is not allowed: "
                     "[first, last] with 1 <= first < last <= 999, a range no other kiosk of the centre uses"]
    assert not data_dir.exists()
