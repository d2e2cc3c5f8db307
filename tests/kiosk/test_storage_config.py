"""``[storage]``: backups kept and the free-disk limits, defaults from code, every bad value
refused with one line naming the file, the key, the value and what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import DEMO_CONFIG, MIB, PROJECT_ROOT, ConfigError, StorageConfig, load_config

BASE = (DEMO_CONFIG.read_text(encoding="utf-8")
        # The demo's catalog is found next to its own file; here the copy lives elsewhere.
        .replace('[kiosk]\n', '[kiosk]\ncatalog = "' + str(PROJECT_ROOT / "assets" / "catalog" / "demo.json") + '"\n'))


def load(tmp_path: Path, storage: str) -> StorageConfig:
    path = tmp_path / "kiosk.toml"
    path.write_text(BASE + "\n[storage]\n" + storage + "\n", encoding="utf-8")
    return load_config(path).storage


def test_storage_defaults_when_the_section_is_absent() -> None:
    storage = load_config(DEMO_CONFIG).storage
    assert storage == StorageConfig(backup_keep=14, disk_warn_mib=500, disk_refuse_mib=50)
    assert (storage.warn_bytes, storage.refuse_bytes) == (500 * MIB, 50 * MIB)


def test_storage_values_are_read(tmp_path: Path) -> None:
    assert load(tmp_path, "backup_keep = 30\ndisk_warn_mib = 2048\ndisk_refuse_mib = 100") == \
        StorageConfig(backup_keep=30, disk_warn_mib=2048, disk_refuse_mib=100)


def test_the_example_config_documents_storage() -> None:
    text = (PROJECT_ROOT / "config" / "example.toml").read_text(encoding="utf-8")
    assert "[storage]" in text and "backup_keep" in text and "disk_refuse_mib" in text
    assert load_config(PROJECT_ROOT / "config" / "example.toml").storage == StorageConfig()


@pytest.mark.parametrize(("body", "key", "shown", "allowed"), [
    ("backup_keep = 0", "storage.backup_keep", "0", "a whole number of backups from 1 to 365"),
    ("backup_keep = 366", "storage.backup_keep", "366", "from 1 to 365"),
    ('backup_keep = "14"', "storage.backup_keep", "'14'", "a whole number of backups"),
    ("backup_keep = true", "storage.backup_keep", "True", "a whole number of backups"),
    ("disk_warn_mib = 0", "storage.disk_warn_mib", "0", "a whole number of MiB from 1 to 1048576"),
    ("disk_refuse_mib = 1.5", "storage.disk_refuse_mib", "1.5", "a whole number of MiB"),
    ("disk_warn_mib = 100\ndisk_refuse_mib = 100", "storage.disk_refuse_mib", "100",
     "fewer MiB than storage.disk_warn_mib (100)"),
    ("disk_refuse_mib = 600", "storage.disk_refuse_mib", "600", "fewer MiB than storage.disk_warn_mib (500)"),
    ("keep = 14", "storage.keep", "14", "unknown key; allowed keys: backup_keep, disk_refuse_mib, disk_warn_mib"),
])
def test_bad_storage_values_are_one_line_naming_file_key_value_and_rule(
        tmp_path: Path, body: str, key: str, shown: str, allowed: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load(tmp_path, body)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(f"{tmp_path / 'kiosk.toml'}: {key} = {shown} is not allowed: ")
    assert allowed in message
