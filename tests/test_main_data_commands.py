"""``main.py backup``, ``restore`` and ``export`` as an operator (or the systemd timer) types them:
options before or after the command, one line per outcome, and the documented exit codes."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

import main
from kiosk.catalog import load_catalog
from kiosk.clock import SystemClock
from kiosk.config import DEMO_CONFIG, load_config
from kiosk.datalock import DataDirLock
from kiosk.store import Store
from kiosk.tickets import TicketDesk


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with one ticket in it (the demo centre is open round the clock)."""
    folder = tmp_path / "data"
    config = load_config(DEMO_CONFIG)
    store = Store.open(folder, SystemClock())
    TicketDesk(store, config, load_catalog(config.catalog_path)).issue("consultation", "ru")
    store.close()
    return folder


@pytest.mark.parametrize("where", ["before", "after"])
def test_backup_then_restore_through_main(where: str, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--demo", "--data-dir", str(data)]
    assert main.main([*common, "backup"] if where == "before" else ["backup", *common]) == 0
    (backup,) = (data / "backups").iterdir()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    said = capsys.readouterr()
    assert said.out.startswith(f"backup {backup} (") and "1 tickets, integrity ok; keeping 14)" in said.out
    assert said.err == ""

    restore = ["restore", str(backup)]
    assert main.main([*common, *restore] if where == "before" else [*restore, *common]) == 0
    said = capsys.readouterr()
    assert said.out.startswith(f"restored {backup} as {data / 'kiosk.db'} (1 tickets); the previous database "
                               f"is kept as {data}/kiosk.db.before-restore-")


def test_restore_while_the_kiosk_runs_is_one_line_and_exit_6(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["backup", "--demo", "--data-dir", str(data)]) == 0
    (backup,) = (data / "backups").iterdir()
    capsys.readouterr()
    with DataDirLock.acquire(data):  # as the running kiosk holds it
        assert main.main(["restore", str(backup), "--demo", "--data-dir", str(data)]) == 6
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("main.py restore: the kiosk is running") and err.endswith("nothing was changed\n")


def test_backup_without_a_database_is_exit_6(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["backup", "--demo", "--data-dir", str(tmp_path / "none")]) == 6
    assert capsys.readouterr().err.startswith("main.py backup: no database to back up at ")


def test_export_through_main(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tickets.csv"
    today = SystemClock().now_utc().astimezone(load_config(DEMO_CONFIG).tz).date().isoformat()
    argv = ["export", "--from", today, "--to", today, "--out", str(out), "--demo", "--data-dir", str(data)]
    assert main.main(argv) == 0, capsys.readouterr().err
    assert out.read_bytes().startswith(b"\xef\xbb\xbfrecord;business_day;number;")
    assert main.main(["export", "--from", "yesterday", "--to", today, "--out", str(out),
                      "--demo", "--data-dir", str(data)]) == 2
    assert capsys.readouterr().err.endswith("main.py export: --from 'yesterday' is not a date: use YYYY-MM-DD, "
                                            "a local business day such as 2026-11-24\n")
