"""The kiosk's server credential on disk (kiosk/sync/credentials.py): written
0600 whatever was there before, refused when other users could read it, and
never shown in a repr."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from kiosk.sync import credentials
from kiosk.sync.credentials import Credentials, CredentialsError

SAMPLE = Credentials(server="https://central.example", kiosk_id="kiosk-01", centre_id="centre-a",
                     token="s3cret-token")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "data" / credentials.FILE_NAME
    credentials.save(path, SAMPLE)
    return path


def test_saved_credentials_load_back_and_only_the_owner_may_read_them(saved: Path) -> None:
    assert mode_of(saved) == 0o600
    assert credentials.load(saved) == SAMPLE
    assert not saved.with_name(saved.name + ".tmp").exists()


def test_a_kiosk_that_never_enrolled_has_no_credentials(tmp_path: Path) -> None:
    assert credentials.load(tmp_path / credentials.FILE_NAME) is None


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o606, 0o666])
def test_a_file_others_could_read_is_refused(saved: Path, mode: int) -> None:
    os.chmod(saved, mode)
    with pytest.raises(CredentialsError, match="readable by other users") as refused:
        credentials.load(saved)
    assert "chmod 600" in str(refused.value)
    assert SAMPLE.token not in str(refused.value)


def test_a_file_left_world_readable_by_an_earlier_attempt_is_saved_0600(tmp_path: Path) -> None:
    # An interrupted save leaves its .tmp behind; O_CREAT's mode does not apply to an
    # existing file, so only the explicit chmod keeps the new token private.
    path = tmp_path / credentials.FILE_NAME
    leftover = path.with_name(path.name + ".tmp")
    leftover.write_text("{}", encoding="utf-8")
    os.chmod(leftover, 0o644)
    credentials.save(path, SAMPLE)
    assert mode_of(path) == 0o600
    assert credentials.load(path) == SAMPLE


@pytest.mark.parametrize("content", [b"not json", b"{}", json.dumps({"server": "x"}).encode(), b"\xff\xfe"])
def test_a_damaged_file_is_refused_without_quoting_it(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / credentials.FILE_NAME
    path.write_bytes(content)
    os.chmod(path, 0o600)
    with pytest.raises(CredentialsError, match="cannot be used"):
        credentials.load(path)


def test_the_token_never_shows_in_a_repr() -> None:
    assert SAMPLE.token not in repr(SAMPLE)
    assert "kiosk-01" in repr(SAMPLE)
