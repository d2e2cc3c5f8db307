"""``python main.py set-pin``: the operator sets a role's PIN from the command line."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from kiosk.admin.cli import set_pin_command, unlock_pins_command
from kiosk.admin.pins import CONSULTANT, OPERATOR, PinOutcome, PinVault, ScryptParams, hash_pin
from kiosk.clock import ManualClock
from kiosk.store import Store

FAST = ScryptParams(n=2**4, r=1, p=1)  # cheap hashes for tests


class Terminal(io.StringIO):
    """Standard input that says it is a terminal (getpass is replaced by ``ask``)."""

    def isatty(self) -> bool:
        return True


def answers(*typed: str) -> Iterator[str]:
    return iter(typed)


def stored_roles(data_dir: Path, clock: ManualClock) -> tuple[str, ...]:
    store = Store.open(data_dir, clock)
    try:
        return PinVault(store).roles_with_pin()
    finally:
        store.close()


def test_set_pin_from_stdin_through_main(tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    code = main.main(["--demo", "--data-dir", str(tmp_path), "set-pin", "--role", CONSULTANT, "--pin-stdin"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "482913" not in out + err
    store = Store.open(tmp_path, clock)
    try:
        assert PinVault(store).check("482913").role == CONSULTANT
        # The production hash: scrypt at the slow default cost.
        (encoded,) = store.db.conn.execute("SELECT hash FROM admin_pins").fetchone()
        assert encoded.startswith("scrypt$n=32768,r=8,p=")
    finally:
        store.close()


def test_a_terminal_asks_twice(tmp_path: Path, clock: ManualClock) -> None:
    typed = answers("2468", "2468")
    out, err = io.StringIO(), io.StringIO()
    code = set_pin_command(tmp_path, OPERATOR, from_stdin=False, stdin=Terminal(), ask=lambda _: next(typed),
                           clock=clock, out=out, err=err)
    assert code == 0 and "2468" not in out.getvalue()
    assert stored_roles(tmp_path, clock) == (OPERATOR,)


def test_mismatch_bad_format_and_no_terminal_change_nothing(tmp_path: Path, clock: ManualClock) -> None:
    err = io.StringIO()
    typed = answers("2468", "2469")
    assert set_pin_command(tmp_path, OPERATOR, from_stdin=False, stdin=Terminal(), ask=lambda _: next(typed),
                           clock=clock, err=err) == 2
    assert "differ" in err.getvalue()
    assert set_pin_command(tmp_path, OPERATOR, from_stdin=True, stdin=io.StringIO("12ab\n"), clock=clock,
                           err=err) == 2
    assert set_pin_command(tmp_path, OPERATOR, from_stdin=False, stdin=io.StringIO("2468\n"), clock=clock,
                           err=err) == 2
    assert "--pin-stdin" in err.getvalue()
    assert stored_roles(tmp_path, clock) == ()
    store = Store.open(tmp_path, clock)
    try:
        assert PinVault(store).check("2468").outcome is PinOutcome.NOT_SET
    finally:
        store.close()


@pytest.mark.expect_log("kiosk.admin.pins")
def test_unlock_pins_through_main_clears_the_lock_and_is_audited(
        tmp_path: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(tmp_path, clock)
    try:
        vault = PinVault(store)
        vault.store_hash(CONSULTANT, hash_pin("2468", FAST), by=None)
        for _ in range(6):
            vault.record(None)  # six wrong PINs: locked for a minute
        assert vault.gate() is not None
    finally:
        store.close()
    code = main.main(["--demo", "--data-dir", str(tmp_path), "unlock-pins"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "6 wrong PINs" in out and "unlocked" in out
    store = Store.open(tmp_path, clock)
    try:
        vault = PinVault(store)
        assert vault.gate() is None and vault.lock_state().failures == 0
        (role, details) = store.db.conn.execute(
            "SELECT role, details FROM audit WHERE action = 'admin.pins_unlocked'").fetchone()
        assert role is None and json.loads(details)["failures"] == 6
    finally:
        store.close()
    # Run again with nothing locked: it says so and still succeeds.
    assert main.main(["--demo", "--data-dir", str(tmp_path), "unlock-pins"]) == 0
    assert "was not locked" in capsys.readouterr().out


def test_unlock_pins_reports_a_store_it_cannot_open(tmp_path: Path, clock: ManualClock) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    err = io.StringIO()
    assert unlock_pins_command(blocked, clock=clock, out=io.StringIO(), err=err) == 6
    assert "cannot open the store" in err.getvalue()
