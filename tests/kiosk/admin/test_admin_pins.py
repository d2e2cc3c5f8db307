"""Admin PINs: stored only as a slow salted hash, checked per role, locked out
after five wrong tries for a growing delay that survives a restart."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from kiosk.admin.pins import (
    CONSULTANT,
    OPERATOR,
    PRODUCTION_SCRYPT,
    LockState,
    PinOutcome,
    PinRejected,
    PinVault,
    ScryptParams,
    hash_pin,
    lock_delay_s,
    verify_pin,
)
from kiosk.clock import ManualClock, iso_utc
from kiosk.store import Store

# Cheap scrypt cost for tests only; production keeps PRODUCTION_SCRYPT.
FAST = ScryptParams(n=2**4, r=1, p=1)


@pytest.fixture
def vault(store: Store) -> PinVault:
    return PinVault(store, FAST)


def audit_actions(store: Store) -> list[str]:
    return [r[0] for r in store.db.conn.execute("SELECT action FROM audit ORDER BY created_utc, rowid")]


def outbox_payloads(store: Store) -> list[dict[str, object]]:
    rows = store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'audit' ORDER BY seq")
    return [json.loads(r[0]) for r in rows]


def test_production_cost_stays_slow() -> None:
    # OWASP's scrypt minimum: n=2^15 with r=8 (32 MiB); p adds time, never less.
    assert PRODUCTION_SCRYPT.n >= 2**15 and PRODUCTION_SCRYPT.r >= 8 and PRODUCTION_SCRYPT.p >= 1
    assert PinVault.__init__.__defaults__ == (PRODUCTION_SCRYPT,)


def test_a_pin_is_stored_only_as_a_salted_scrypt_hash(vault: PinVault, store: Store) -> None:
    vault.set_pin(CONSULTANT, "482913")
    (stored,) = store.db.conn.execute("SELECT hash FROM admin_pins WHERE role = 'consultant'").fetchone()
    assert "482913" not in stored
    scheme, cost, salt_b64, key_b64 = stored.split("$")
    assert (scheme, cost) == ("scrypt", "n=16,r=1,p=1")
    salt, key = base64.b64decode(salt_b64), base64.b64decode(key_b64)
    assert len(salt) == 16 and len(key) == 32
    # It is exactly scrypt of the PIN with that salt: a one-way function, not an encoding.
    assert key == hashlib.scrypt(b"482913", salt=salt, n=16, r=1, p=1, dklen=32)
    # The same PIN hashed again gets another salt, so equal PINs do not look equal.
    assert hash_pin("482913", FAST) != stored
    assert verify_pin("482913", stored) and not verify_pin("482914", stored)
    # Neither the audit trail nor the outbox ever carries the PIN.
    dump = json.dumps(outbox_payloads(store)) + json.dumps(
        store.db.conn.execute("SELECT * FROM audit").fetchall())
    assert "482913" not in dump
    assert audit_actions(store) == ["admin.pin_set"]


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", "١٢٣٤", "12 34"])
def test_bad_pins_are_refused(vault: PinVault, pin: str) -> None:
    with pytest.raises(PinRejected) as refused:
        vault.set_pin(OPERATOR, pin)
    assert refused.value.code == "format"
    assert vault.roles_with_pin() == ()


def test_a_pin_names_one_role(vault: PinVault) -> None:
    vault.set_pin(CONSULTANT, "1111")
    with pytest.raises(PinRejected) as refused:
        vault.set_pin(OPERATOR, "1111")
    assert refused.value.code == "same_as_other_role"
    vault.set_pin(OPERATOR, "2222")
    assert vault.check("1111").role == CONSULTANT
    assert vault.check("2222").role == OPERATOR


@pytest.mark.expect_log("kiosk.admin.pins")
def test_malformed_stored_hash_matches_nothing(vault: PinVault, store: Store) -> None:
    with store.transaction() as conn:
        conn.execute("INSERT INTO admin_pins VALUES ('consultant', '1234', '2026-01-01T00:00:00.000Z')")
    assert vault.check("1234").outcome is PinOutcome.WRONG


def test_no_pin_set_means_no_admin_mode(vault: PinVault, store: Store) -> None:
    assert vault.check("0000").outcome is PinOutcome.NOT_SET
    assert audit_actions(store) == []  # nothing was tried, so nothing counts as a failure


def test_right_and_wrong_pins_are_audited(vault: PinVault, store: Store) -> None:
    vault.set_pin(CONSULTANT, "2468")
    wrong = vault.check("1357")
    assert (wrong.outcome, wrong.failures, wrong.role) == (PinOutcome.WRONG, 1, None)
    right = vault.check("2468")
    assert (right.outcome, right.role) == (PinOutcome.OK, CONSULTANT)
    assert vault.lock_state().failures == 0
    assert audit_actions(store) == ["admin.pin_set", "admin.pin_failed", "admin.signed_in"]
    events = outbox_payloads(store)
    assert [e["action"] for e in events] == audit_actions(store)
    assert events[2]["actor"] == CONSULTANT
    assert "1357" not in json.dumps(events)


@pytest.mark.expect_log("kiosk.admin.pins")
def test_lock_grows_with_each_failure_and_a_right_pin_clears_it(vault: PinVault, store: Store,
                                                                clock: ManualClock) -> None:
    vault.set_pin(CONSULTANT, "2468")
    for attempt in range(1, 5):
        assert vault.check("0000").outcome is PinOutcome.WRONG, attempt
    fifth = vault.check("0000")
    assert fifth.outcome is PinOutcome.LOCKED and fifth.failures == 5
    assert fifth.locked_until == clock.now_utc() + dt.timedelta(seconds=30)
    # While locked even the right PIN is refused, and the refusal does not count.
    clock.advance(seconds=29)
    during = vault.check("2468")
    assert during.outcome is PinOutcome.LOCKED and during.failures == 5
    clock.advance(seconds=2)
    sixth = vault.check("0000")
    assert sixth.outcome is PinOutcome.LOCKED
    assert (sixth.locked_until - clock.now_utc()).total_seconds() == 60  # the delay doubled
    clock.advance(seconds=61)
    seventh = vault.check("0000")
    assert (seventh.locked_until - clock.now_utc()).total_seconds() == 120
    clock.advance(seconds=121)
    assert vault.check("2468").outcome is PinOutcome.OK
    assert vault.lock_state().failures == 0
    assert vault.check("0000").outcome is PinOutcome.WRONG  # the count starts again from one
    assert audit_actions(store).count("admin.locked") == 3


def test_delay_is_capped() -> None:
    assert [lock_delay_s(n) for n in (1, 4, 5, 6, 7)] == [0, 0, 30, 60, 120]
    assert lock_delay_s(40) == lock_delay_s(400) == 3600


@pytest.mark.expect_log("kiosk.admin.pins")
def test_a_clock_stepped_back_does_not_lock_staff_out_for_days(vault: PinVault, clock: ManualClock) -> None:
    vault.set_pin(CONSULTANT, "2468")
    for _ in range(5):
        vault.check("0000")
    clock.advance(days=-2)  # the wall clock is set back after the lock was taken
    assert vault.check("2468").outcome is PinOutcome.OK


@pytest.mark.expect_log("kiosk.admin.pins")
def test_lock_and_count_survive_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    store = Store.open(tmp_path / "data", clock)
    vault = PinVault(store, FAST)
    vault.set_pin(OPERATOR, "97531")
    for _ in range(5):
        last = vault.check("11111")
    store.close()

    reopened = Store.open(tmp_path / "data", clock)
    try:
        vault = PinVault(reopened, FAST)
        assert vault.lock_state().failures == 5
        still = vault.check("97531")
        assert still.outcome is PinOutcome.LOCKED and still.locked_until == last.locked_until
        clock.advance(seconds=31)
        assert vault.check("97531").outcome is PinOutcome.OK
    finally:
        reopened.close()


@pytest.mark.expect_log("kiosk.admin.pins")
def test_the_operator_unlocks_the_pad_from_the_box_and_it_is_audited(vault: PinVault, store: Store,
                                                                      clock: ManualClock) -> None:
    # A visitor who knows the gesture can keep the pad locked for an hour at a time;
    # the unlock on the box itself is what they cannot block.
    vault.set_pin(CONSULTANT, "2468")
    for _ in range(12):
        clock.advance(seconds=3601)
        vault.check("0000")
    locked = vault.gate()
    assert locked is not None and locked.outcome is PinOutcome.LOCKED and locked.failures == 12
    assert (locked.locked_until - clock.now_utc()).total_seconds() == 3600
    before = vault.unlock()
    assert before.failures == 12 and before.locked_until == locked.locked_until
    assert vault.gate() is None and vault.lock_state() == LockState(0, None)
    assert vault.check("2468").outcome is PinOutcome.OK  # at once, no waiting
    (details,) = [json.loads(r[0]) for r in store.db.conn.execute(
        "SELECT details FROM audit WHERE action = 'admin.pins_unlocked'")]
    assert details == {"failures": 12, "locked_until_utc": iso_utc(locked.locked_until), "source": "command_line"}
    kinds = [json.loads(r[0])["action"] for r in store.db.conn.execute(
        "SELECT payload FROM outbox WHERE kind = 'audit' ORDER BY seq")]
    assert "admin.pins_unlocked" in kinds  # the server hears of it too
    # The growing delay still applies afterwards: five more wrong PINs lock again.
    for _ in range(4):
        assert vault.check("0000").outcome is PinOutcome.WRONG
    assert vault.check("0000").outcome is PinOutcome.LOCKED


@pytest.mark.expect_log("kiosk.admin.pins")
def test_an_unlock_persists_across_a_restart(tmp_path: Path, clock: ManualClock) -> None:
    store = Store.open(tmp_path / "data", clock)
    PinVault(store, FAST).set_pin(OPERATOR, "97531")
    for _ in range(5):
        PinVault(store, FAST).check("11111")
    store.close()
    other = Store.open(tmp_path / "data", clock)  # the command line, another process
    PinVault(other, FAST).unlock()
    other.close()
    reopened = Store.open(tmp_path / "data", clock)
    try:
        assert PinVault(reopened, FAST).lock_state().failures == 0
        assert PinVault(reopened, FAST).check("97531").outcome is PinOutcome.OK
    finally:
        reopened.close()
