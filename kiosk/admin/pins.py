"""Admin mode's security core: PINs per role and the lockout.

PINs are stored only as a slow salted hash (scrypt) whose text carries its own
salt and cost parameters, so a later change of the default cost still
verifies old hashes. Checking a PIN is split in three steps so that the slow
part can run off the GUI thread:

1. :meth:`PinVault.gate` refuses at once when no PIN is set or the pad is locked;
2. :func:`match_role` does the slow hashing (pure, any thread);
3. :meth:`PinVault.record` writes the outcome: a success clears the failure
   count, a failure adds one and, from the fifth on, locks the pad for a delay
   that doubles with every further failure. Count and lock live in
   ``kiosk_state``, so a restart does not reset them.

The lock can be kept up by anyone who knows the gesture (a wrong PIN names no
role, so it cannot be counted per role). :meth:`PinVault.unlock` is the way in
that a visitor cannot block: ``main.py unlock-pins``, run on the box itself,
clears the count and the lock, with an audit entry.

Every entry and every failure is audited (:mod:`kiosk.audit`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import hashlib
import hmac
import logging
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.audit import LOCKED, PIN_FAILED, PIN_SET, SIGNED_IN, audit
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.store import Store

log = logging.getLogger(__name__)

CONSULTANT = "consultant"
OPERATOR = "operator"
ROLES = (CONSULTANT, OPERATOR)
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12

# After this many wrong PINs in a row the pad locks; each further failure
# doubles the delay, up to the cap.
FAILURES_BEFORE_LOCK = 5
LOCK_BASE_S = 30
LOCK_MAX_S = 3600

KEY_FAILURES = "admin.pin_failures"
KEY_LOCKED_UNTIL = "admin.pin_locked_until_utc"

# The audit action of an unlock from the command line (the others are in kiosk.audit).
PINS_UNLOCKED = "admin.pins_unlocked"


@dataclass(frozen=True)
class ScryptParams:
    """scrypt's cost: ``n`` (CPU/memory, a power of two), ``r`` (block size), ``p`` (parallelism).

    The default is one of OWASP's recommended settings (n=2^15, r=8, p=3,
    32 MiB); it takes a few tenths of a second here. Tests pass a cheap set.
    """

    n: int = 2**15
    r: int = 8
    p: int = 3

    @property
    def maxmem(self) -> int:
        # scrypt needs about 128 * r * n bytes; leave room for the rest.
        return 2 * 128 * self.r * self.n + (1 << 20)


PRODUCTION_SCRYPT = ScryptParams()
_SALT_BYTES = 16
_KEY_BYTES = 32


class PinRejected(ValueError):
    """A new PIN is not acceptable; :attr:`code` says why (``format``, ``same_as_other_role``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def check_pin_format(pin: str) -> None:
    """Raise :class:`PinRejected` unless ``pin`` is 4 to 12 ASCII digits."""
    if not (PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS and pin.isascii() and pin.isdigit()):
        raise PinRejected("format")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, params: ScryptParams = PRODUCTION_SCRYPT, salt: bytes | None = None) -> str:
    """The encoded slow hash of a PIN: ``scrypt$n=…,r=…,p=…$<salt>$<key>`` (base64)."""
    check_pin_format(pin)
    salt = salt if salt is not None else os.urandom(_SALT_BYTES)
    key = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=params.n, r=params.r, p=params.p,
                         maxmem=params.maxmem, dklen=_KEY_BYTES)
    return f"scrypt$n={params.n},r={params.r},p={params.p}${_b64(salt)}${_b64(key)}"


def verify_pin(pin: str, encoded: str) -> bool:
    """Whether ``pin`` matches an encoded hash; compares in constant time. A malformed hash never matches."""
    try:
        scheme, cost, salt_text, key_text = encoded.split("$")
        values = dict(part.split("=", 1) for part in cost.split(","))
        params = ScryptParams(n=int(values["n"]), r=int(values["r"]), p=int(values["p"]))
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(key_text, validate=True)
    except (ValueError, KeyError, binascii.Error):
        log.error("a stored PIN hash is malformed; it matches nothing")
        return False
    if scheme != "scrypt" or not expected:
        log.error("a stored PIN hash uses an unknown scheme; it matches nothing")
        return False
    try:
        candidate = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=params.n, r=params.r, p=params.p,
                                   maxmem=params.maxmem, dklen=len(expected))
    except ValueError:
        log.error("a stored PIN hash has unusable parameters; it matches nothing")
        return False
    return hmac.compare_digest(candidate, expected)


def match_role(pin: str, hashes: Mapping[str, str]) -> str | None:
    """The role whose PIN this is, or None. Slow (one hash per role); safe on any thread.

    Every role is checked even after a match, so the time taken does not tell
    which role a PIN belongs to.
    """
    found: str | None = None
    for role in ROLES:
        encoded = hashes.get(role)
        if encoded is not None and verify_pin(pin, encoded) and found is None:
            found = role
    return found


def new_pin_hash(role: str, pin: str, other_hashes: Mapping[str, str],
                 params: ScryptParams = PRODUCTION_SCRYPT) -> str:
    """Check a new PIN and hash it. Slow and pure: safe on any thread.

    Raises:
        ValueError: an unknown role.
        PinRejected: bad format, or it is another role's PIN (a PIN must name one role).
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    check_pin_format(pin)
    if match_role(pin, other_hashes) is not None:
        raise PinRejected("same_as_other_role")
    return hash_pin(pin, params)


class PinOutcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class LockState:
    """Wrong PINs in a row and, when locked, until when (UTC)."""

    failures: int
    locked_until: dt.datetime | None

    def locked(self, now: dt.datetime) -> bool:
        # A lock further ahead than the longest delay means the wall clock was
        # stepped back: it must not shut staff out for days.
        return self.locked_until is not None and now < self.locked_until <= now + dt.timedelta(seconds=LOCK_MAX_S)


@dataclass(frozen=True)
class PinAttempt:
    """How a PIN attempt ended. ``role`` is set on success; ``locked_until`` when the pad is locked."""

    outcome: PinOutcome
    role: str | None = None
    failures: int = 0
    locked_until: dt.datetime | None = None


def lock_delay_s(failures: int) -> int:
    """Seconds the pad stays locked after ``failures`` wrong PINs in a row (0 below the threshold)."""
    if failures < FAILURES_BEFORE_LOCK:
        return 0
    return int(min(LOCK_MAX_S, LOCK_BASE_S * 2 ** min(failures - FAILURES_BEFORE_LOCK, 16)))


class PinVault:
    """PINs per role and the lockout, kept in the store.

    Args:
        store: the open store.
        params: scrypt cost for new hashes (tests pass a cheap set; production keeps the default).
    """

    def __init__(self, store: Store, params: ScryptParams = PRODUCTION_SCRYPT) -> None:
        self.store = store
        self.params = params

    # -- PINs ------------------------------------------------------------------
    def hashes(self) -> dict[str, str]:
        rows = self.store.db.conn.execute("SELECT role, hash FROM admin_pins").fetchall()
        return {str(role): str(encoded) for role, encoded in rows if role in ROLES}

    def roles_with_pin(self) -> tuple[str, ...]:
        have = self.hashes()
        return tuple(role for role in ROLES if role in have)

    def other_hashes(self, role: str) -> dict[str, str]:
        """The PIN hashes of the roles other than ``role`` (a new PIN must not match them)."""
        return {r: h for r, h in self.hashes().items() if r != role}

    def make_hash(self, role: str, pin: str) -> str:
        """Check a new PIN and hash it, on this thread (it reads the store).

        Raises:
            PinRejected: bad format, or it is another role's PIN.
        """
        return new_pin_hash(role, pin, self.other_hashes(role), self.params)

    def store_hash(self, role: str, encoded: str, *, by: str | None) -> None:
        """Save a role's new PIN hash, with its audit entry.

        ``by`` is the role that changed it in admin mode, or None from the command line.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO admin_pins (role, hash, set_utc) VALUES (?, ?, ?) "
                         "ON CONFLICT (role) DO UPDATE SET hash = excluded.hash, set_utc = excluded.set_utc",
                         (role, encoded, iso_utc(self.store.clock.now_utc())))
            audit(self.store, conn, by, PIN_SET, {"role": role, "source": "admin" if by else "command_line"})
        log.info("PIN for %s set", role)

    def set_pin(self, role: str, pin: str, *, by: str | None = None) -> None:
        """Hash and save a role's PIN (both steps on this thread)."""
        self.store_hash(role, self.make_hash(role, pin), by=by)

    # -- lockout -----------------------------------------------------------------
    def lock_state(self) -> LockState:
        failures = self.store.get_state(KEY_FAILURES)
        until = self.store.get_state(KEY_LOCKED_UNTIL)
        return LockState(int(failures) if failures else 0, parse_iso_utc(until) if until else None)

    def gate(self) -> PinAttempt | None:
        """A refusal when no PIN is set or the pad is locked now; None when a PIN may be checked."""
        if not self.roles_with_pin():
            return PinAttempt(PinOutcome.NOT_SET)
        state = self.lock_state()
        if state.locked(self.store.clock.now_utc()):
            return PinAttempt(PinOutcome.LOCKED, failures=state.failures, locked_until=state.locked_until)
        return None

    def record(self, role: str | None) -> PinAttempt:
        """Write the outcome of a checked PIN (``role`` None = wrong) with its audit entries."""
        now = self.store.clock.now_utc()
        with self.store.transaction() as conn:
            if role is not None:
                self.store.set_state(conn, KEY_FAILURES, "0")
                self.store.set_state(conn, KEY_LOCKED_UNTIL, "")
                audit(self.store, conn, role, SIGNED_IN)
                return PinAttempt(PinOutcome.OK, role=role)
            row = conn.execute("SELECT value FROM kiosk_state WHERE key = ?", (KEY_FAILURES,)).fetchone()
            failures = (int(row[0]) if row and row[0] else 0) + 1
            self.store.set_state(conn, KEY_FAILURES, str(failures))
            audit(self.store, conn, None, PIN_FAILED, {"failures": failures})
            delay = lock_delay_s(failures)
            if delay == 0:
                return PinAttempt(PinOutcome.WRONG, failures=failures)
            until = now + dt.timedelta(seconds=delay)
            self.store.set_state(conn, KEY_LOCKED_UNTIL, iso_utc(until))
            audit(self.store, conn, None, LOCKED, {"failures": failures, "seconds": delay,
                                                   "until_utc": iso_utc(until)})
        log.warning("admin PIN pad locked for %d s after %d wrong PINs", delay, failures)
        return PinAttempt(PinOutcome.LOCKED, failures=failures, locked_until=until)

    def unlock(self, *, source: str = "command_line") -> LockState:
        """Clear the failure count and the lock at once, with an audit entry.

        Meant for ``main.py unlock-pins`` on the box: a shell there is what a
        visitor at the screen cannot reach. The kiosk, if running, reads the
        cleared state from the store at its next check.

        Returns:
            The state before the unlock (for the operator's message).
        """
        with self.store.transaction() as conn:
            before = self._lock_state(conn)
            self.store.set_state(conn, KEY_FAILURES, "0")
            self.store.set_state(conn, KEY_LOCKED_UNTIL, "")
            audit(self.store, conn, None, PINS_UNLOCKED, {
                "failures": before.failures, "source": source,
                "locked_until_utc": iso_utc(before.locked_until) if before.locked_until else None})
        log.info("admin PIN pad unlocked from the %s after %d wrong PINs", source, before.failures)
        return before

    def _lock_state(self, conn: sqlite3.Connection) -> LockState:
        rows = dict(conn.execute("SELECT key, value FROM kiosk_state WHERE key IN (?, ?)",
                                 (KEY_FAILURES, KEY_LOCKED_UNTIL)).fetchall())
        failures, until = rows.get(KEY_FAILURES), rows.get(KEY_LOCKED_UNTIL)
        return LockState(int(failures) if failures else 0, parse_iso_utc(until) if until else None)

    def check(self, pin: str) -> PinAttempt:
        """All three steps on this thread: gate, hash, record."""
        refused = self.gate()
        if refused is not None:
            return refused
        return self.record(match_role(pin, self.hashes()))
