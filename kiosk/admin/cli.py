"""``python main.py set-pin --role consultant``: set a role's admin PIN from the command line;
``python main.py unlock-pins``: lift the PIN pad's lock.

The PIN is read twice without echo from a terminal, or once from standard
input with ``--pin-stdin`` (for scripts). It is never printed or logged.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kiosk.admin.pins import PIN_MAX_DIGITS, PIN_MIN_DIGITS, PinRejected, PinVault
from kiosk.clock import Clock, SystemClock
from kiosk.store import Store, StoreError
from kiosk.supervision import ExitCode

EXIT_OK = 0
EXIT_CANNOT_OPEN = 1
EXIT_BAD_PIN = 2


def set_pin_command(data_dir: Path, role: str, *, from_stdin: bool, stdin: TextIO | None = None,
                    ask: Callable[[str], str] = getpass.getpass, clock: Clock | None = None,
                    out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Read a PIN and store its hash for ``role`` in ``DATA_DIR/kiosk.db``.

    Returns:
        0 when set; 1 when the store cannot be opened; 2 when the PIN is refused
        (format, mismatch, another role's PIN, or no terminal to read it from).
    """
    stdin = stdin or sys.stdin
    out, err = out or sys.stdout, err or sys.stderr
    if from_stdin:
        pin = stdin.readline().strip()
    else:
        if not stdin.isatty():
            print("main.py set-pin: no terminal to read the PIN from; pipe it in with --pin-stdin", file=err)
            return EXIT_BAD_PIN
        pin = ask(f"New {role} PIN ({PIN_MIN_DIGITS}-{PIN_MAX_DIGITS} digits): ").strip()
        if ask("The same PIN again: ").strip() != pin:
            print("main.py set-pin: the two PINs differ; nothing was changed", file=err)
            return EXIT_BAD_PIN
    try:
        store = Store.open(data_dir, clock or SystemClock())
    except StoreError as exc:
        print(f"main.py set-pin: cannot open the store: {exc}", file=err)
        return EXIT_CANNOT_OPEN
    try:
        PinVault(store).set_pin(role, pin)
    except PinRejected as refused:
        reason = ("it is the other role's PIN; each role needs its own" if refused.code == "same_as_other_role"
                  else f"a PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits")
        print(f"main.py set-pin: PIN refused: {reason}; nothing was changed", file=err)
        return EXIT_BAD_PIN
    except StoreError as exc:
        print(f"main.py set-pin: cannot save the PIN: {exc}", file=err)
        return EXIT_CANNOT_OPEN
    finally:
        store.close()
    print(f"PIN for the {role} set in {data_dir}; admin mode opens with five quick taps on the centre's name", file=out)
    return EXIT_OK


def unlock_pins_command(data_dir: Path, *, clock: Clock | None = None,
                        out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Clear the PIN pad's failure count and lock in ``DATA_DIR/kiosk.db``, audited.

    Safe while the kiosk runs: the pad opens at its next check (within a second).

    Returns:
        0 when cleared (or nothing was locked); 6 when the store cannot be opened or written.
    """
    out, err = out or sys.stdout, err or sys.stderr
    clock = clock or SystemClock()
    try:
        store = Store.open(data_dir, clock)
    except StoreError as exc:
        print(f"main.py unlock-pins: cannot open the store: {exc}", file=err)
        return int(ExitCode.COMMAND_FAILED)
    try:
        before = PinVault(store).unlock()
    except StoreError as exc:
        print(f"main.py unlock-pins: cannot clear the lock: {exc}", file=err)
        return int(ExitCode.COMMAND_FAILED)
    finally:
        store.close()
    if before.locked_until is not None:  # a lock was set (it may have run out already)
        print(f"PIN pad unlocked after {before.failures} wrong PINs; the count starts again from zero", file=out)
    elif before.failures:
        print(f"The PIN pad was not locked; {before.failures} wrong PINs forgotten", file=out)
    else:
        print("The PIN pad was not locked; nothing to clear", file=out)
    return EXIT_OK
