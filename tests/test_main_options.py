"""main.py takes the common options where operators type them: before or after the command."""

from __future__ import annotations

from pathlib import Path

import pytest

import main


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_is_taken_before_or_after_the_command(where: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    common = ["--demo", "--data-dir", str(data)]
    command = ["set-pin", "--role", "consultant", "--pin-stdin"]
    args = main.build_parser().parse_args(common + command if where == "before" else command + common)
    assert args.command == "set-pin" and args.data_dir == data and args.demo is True


def test_an_option_before_the_command_is_not_reset_by_the_command(tmp_path: Path) -> None:
    argv = ["--data-dir", str(tmp_path), "enrol", "--server", "https://x", "--code", "c"]
    args = main.build_parser().parse_args(argv)
    assert args.data_dir == tmp_path and args.windowed is False


def test_set_pin_after_the_command_stores_the_pin_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sqlite3

    data = tmp_path / "data"
    monkeypatch.setattr("sys.stdin", io.StringIO("246810\n"))
    code = main.main(["set-pin", "--role", "consultant", "--pin-stdin", "--demo", "--data-dir", str(data)])
    assert code == 0, capsys.readouterr().err
    with sqlite3.connect(data / "kiosk.db") as conn:
        assert [r[0] for r in conn.execute("SELECT role FROM admin_pins")] == ["consultant"]
    assert "246810" not in capsys.readouterr().out
