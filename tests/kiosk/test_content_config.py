"""The centre's information and the content folder in the config: optional,
checked like every other key, and named in every rejection."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog import Text
from kiosk.config import DEMO_CONFIG, PROJECT_ROOT, ConfigError, load_config

BASE = """
[centre]
id = "mfc-test"
name_ru = "Тестовый центр"
name_en = "Test centre"
{extra}
[kiosk]
id = "k1"
{kiosk_extra}
"""


def write(tmp_path: Path, extra: str = "", kiosk_extra: str = "") -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(BASE.format(extra=extra, kiosk_extra=kiosk_extra), encoding="utf-8")
    return path


def test_information_is_optional(tmp_path: Path) -> None:
    config = load_config(write(tmp_path))
    assert config.info.address is None and config.info.children_corner is None
    assert config.info.website == "" and config.info.wifi_name == ""
    assert config.content_dir is None


def test_shipped_configs_carry_demo_information() -> None:
    demo = load_config(DEMO_CONFIG).info
    assert demo.address is not None and "демо" in demo.address.ru.lower() and "demo" in demo.address.en.lower()
    assert demo.website.startswith("https://") and demo.wifi_name
    example = load_config(PROJECT_ROOT / "config" / "example.toml").info
    assert example.children_corner is not None


def test_information_values_are_read(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, extra='address_ru = "ул. Тверская, 1"\naddress_en = "1 Tverskaya St"\n'
                                               'wifi_name = "MFC Free"\nwebsite = "https://example.invalid/c"',
                               kiosk_extra='content_dir = "texts"'))
    assert config.info.address == Text(ru="ул. Тверская, 1", en="1 Tverskaya St")
    assert config.info.wifi_name == "MFC Free"
    assert config.info.website == "https://example.invalid/c"
    assert config.content_dir == tmp_path / "texts"


@pytest.mark.parametrize(("extra", "key", "allowed"), [
    ('address_ru = "ул. Тверская, 1"', "centre.address_en", "non-empty text"),
    ('children_corner_en = "Ground floor"', "centre.children_corner_ru", "non-empty text"),
    ('website = "javascript:alert(1)"', "centre.website", "http(s) address"),
    ('website = "https://exa mple.invalid"', "centre.website", "without spaces"),
    ('website = "https://"', "centre.website", "http(s) address"),
    ('wifi_name = "' + "x" * 33 + '"', "centre.wifi_name", "at most 32 bytes"),
    ('wifi_name = " padded "', "centre.wifi_name", "leading or trailing spaces"),
    ("wifi_name = 5", "centre.wifi_name", "Wi-Fi network name"),
    ('wifi_nam = "typo"', "centre.wifi_nam", "unknown key"),
])
def test_bad_information_is_refused_by_name(tmp_path: Path, extra: str, key: str, allowed: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, extra=extra))
    assert caught.value.key == key
    assert allowed in str(caught.value)
    assert str(tmp_path / "kiosk.toml") in str(caught.value)
