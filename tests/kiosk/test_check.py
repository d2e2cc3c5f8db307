"""``mfc-kiosk check``: each line says what an operator must mend, and a FAIL fails the command."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

import main
from central.testing import run_server
from kiosk.check import (
    Verdict,
    check_clock,
    check_data_dir,
    check_database,
    check_disk,
    check_font,
    check_server,
)
from kiosk.clock import ManualClock
from kiosk.config import Config, SyncConfig
from kiosk.store import Store
from tests.kiosk.sync.test_sync_engine import KIOSK, central, issue_token
from tests.support import moscow

NOW = dt.datetime(2026, 11, 24, 7, 0, tzinfo=dt.UTC)


def test_a_data_folder_others_can_read_fails(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    assert check_data_dir(folder).verdict is Verdict.OK
    folder.chmod(0o755)
    line = check_data_dir(folder)
    assert line.verdict is Verdict.FAIL and "chmod 700" in line.detail


def test_the_kiosk_makes_its_data_folder_private(tmp_path: Path) -> None:
    Store.open(tmp_path / "new", ManualClock(moscow(2026, 11, 24, 10, 0))).close()
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_a_damaged_database_fails_and_a_healthy_one_counts_its_tickets(tmp_path: Path) -> None:
    Store.open(tmp_path, ManualClock(moscow(2026, 11, 24, 10, 0))).close()
    line = check_database(tmp_path)
    assert line.verdict is Verdict.OK and "0 tickets" in line.detail
    (tmp_path / "kiosk.db").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"kiosk.db{suffix}").unlink(missing_ok=True)
    assert check_database(tmp_path).verdict is Verdict.FAIL


def test_the_check_never_writes_to_the_database(tmp_path: Path) -> None:
    Store.open(tmp_path, ManualClock(moscow(2026, 11, 24, 10, 0))).close()
    before = (tmp_path / "kiosk.db").read_bytes()
    (tmp_path / "kiosk.db").chmod(0o400)
    try:
        assert check_database(tmp_path).verdict is Verdict.OK
    finally:
        (tmp_path / "kiosk.db").chmod(0o600)
    assert (tmp_path / "kiosk.db").read_bytes() == before
    with sqlite3.connect(tmp_path / "kiosk.db") as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_disk_uses_the_configs_limits(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from kiosk.config import StorageConfig

    limits = StorageConfig(disk_warn_mib=500, disk_refuse_mib=50)

    def free(mib: int) -> object:
        return lambda _path: SimpleNamespace(free=mib * 2**20, total=10_000 * 2**20)

    assert check_disk(tmp_path, limits, free(600)).verdict is Verdict.OK
    assert check_disk(tmp_path, limits, free(400)).verdict is Verdict.WARN
    line = check_disk(tmp_path, limits, free(40))
    assert line.verdict is Verdict.FAIL and "tickets are refused" in line.detail


def test_a_missing_ui_font_warns_with_the_package_to_install() -> None:
    line = check_font(lambda family: "DejaVu Sans")
    assert line.verdict is Verdict.WARN and "fonts-paratype" in line.detail
    assert check_font(lambda family: "PT Sans").verdict is Verdict.OK


def test_a_clock_far_from_the_servers_fails() -> None:
    assert check_clock(NOW, NOW - dt.timedelta(seconds=30), True).verdict is Verdict.OK
    assert check_clock(NOW, NOW - dt.timedelta(minutes=10), True).verdict is Verdict.FAIL
    assert check_clock(dt.datetime(2001, 1, 1, tzinfo=dt.UTC), None, None).verdict is Verdict.FAIL
    assert check_clock(NOW, None, False).verdict is Verdict.WARN


def _synced(config: Config, url: str) -> Config:
    return config.with_overrides(sync=SyncConfig(server=url))


def test_server_check_against_the_real_server(tmp_path: Path, config: Config) -> None:
    from kiosk.sync import credentials

    db = tmp_path / "central.db"
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    with run_server(db) as url:
        synced = _synced(config, url)
        line, _ = check_server(synced, data)
        assert line.verdict is Verdict.FAIL and "not enrolled" in line.detail
        token = issue_token(db)
        credentials.save(data / credentials.FILE_NAME, credentials.Credentials(url, KIOSK, "demo-centre", token))
        line, server_date = check_server(synced, data)
        assert line.verdict is Verdict.OK and server_date is not None
        assert token not in line.text()
        central(db, "revoke", KIOSK)
        line, _ = check_server(synced, data)
        assert line.verdict is Verdict.FAIL and "enrol again" in line.detail
    line, _ = check_server(synced, data)
    assert line.verdict is Verdict.FAIL and "cannot be reached" in line.detail


def test_the_command_prints_every_line_and_fails_on_a_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    assert main.main(["check", "--demo", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in out] == ["config", "data", "database", "disk", "font", "printer",
                                                 "server", "clock"]
    os.chmod(data, 0o755)
    assert main.main(["check", "--demo", "--data-dir", str(data)]) == main.ExitCode.COMMAND_FAILED
    assert any(line.startswith("FAIL  data") for line in capsys.readouterr().out.splitlines())
