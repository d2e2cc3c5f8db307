"""The quick-rating gap in the config: a default, a value from the file, and
a one-line refusal for anything outside 0..3600 seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import DEMO_CONFIG, PROJECT_ROOT, ConfigError, load_config

BASE = """
[centre]
id = "mfc-test"
name_ru = "Тестовый центр"
name_en = "Test centre"
[kiosk]
id = "k1"
{extra}
"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(BASE.format(extra=extra), encoding="utf-8")
    return path


def test_default_and_shipped_values() -> None:
    assert load_config(DEMO_CONFIG).quick_rating_gap_s == 20
    assert load_config(PROJECT_ROOT / "config" / "example.toml").quick_rating_gap_s == 20


@pytest.mark.parametrize("seconds", [0, 1, 45, 3600])
def test_gap_from_the_file(tmp_path: Path, seconds: int) -> None:
    assert load_config(write(tmp_path, f"quick_rating_gap_s = {seconds}")).quick_rating_gap_s == seconds


@pytest.mark.parametrize("value", ["-1", "3601", '"20"', "true", "2.5"])
def test_bad_gap_is_refused_naming_file_key_value_and_range(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"quick_rating_gap_s = {value}")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and "kiosk.quick_rating_gap_s" in message
    assert "0 to 3600" in message and "\n" not in message
