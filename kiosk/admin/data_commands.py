"""The data commands of ``main.py``: ``backup``, ``restore FILE`` and ``export``.

Each prints one summary line on success and one line naming the problem on
failure (standard error), and returns the process's exit code:
0 done, 2 bad arguments (:data:`EXIT_BAD_ARGUMENTS`), 6 the command ran and
failed (:data:`EXIT_FAILED`: the backup could not be made, the restore was
refused, the file could not be written). The work is in
:mod:`kiosk.backup`, :mod:`kiosk.restore` and :mod:`kiosk.export`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from kiosk.backup import BackupError, backup_database
from kiosk.catalog import Catalog
from kiosk.clock import Clock, SystemClock
from kiosk.config import Config
from kiosk.export import ExportError, export_csv, parse_day
from kiosk.restore import RestoreError, restore_database
from kiosk.store import DB_NAME
from kiosk.supervision import ExitCode

EXIT_OK = 0
EXIT_BAD_ARGUMENTS = int(ExitCode.BAD_CONFIG)
EXIT_FAILED = int(ExitCode.COMMAND_FAILED)


def backup_command(config: Config, data_dir: Path, *, clock: Clock | None = None,
                   out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``main.py backup``: back up the database now and keep the newest ``storage.backup_keep``."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        result = backup_database(data_dir, clock or SystemClock(), config.storage.backup_keep)
    except BackupError as exc:
        print(f"main.py backup: {exc}", file=err)
        return EXIT_FAILED
    removed = f"; removed {len(result.removed)} older" if result.removed else ""
    print(f"backup {result.path} ({result.size_bytes} bytes, {result.tickets} tickets, integrity ok; "
          f"keeping {config.storage.backup_keep}{removed})", file=out)
    return EXIT_OK


def restore_command(config: Config, data_dir: Path, backup_file: Path, *, force: bool = False,
                    clock: Clock | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``main.py restore FILE``: put a backup in place of the database (the kiosk must be stopped)."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        result = restore_database(data_dir, backup_file, clock or SystemClock(), config.kiosk_id, force=force)
    except RestoreError as exc:
        print(f"main.py restore: {exc}; nothing was changed", file=err)
        return EXIT_FAILED
    for warning in result.warnings:
        print(f"main.py restore: warning: {warning}", file=err)
    kept = f"the previous database is kept as {result.moved_aside}" if result.moved_aside \
        else "there was no database before"
    print(f"restored {result.restored_from} as {data_dir / DB_NAME} ({result.tickets} tickets); {kept}", file=out)
    for counter in result.counters:
        before = "none" if counter.backup_last is None else f"{counter.backup_last:03d}"
        print(f"  numbers of {counter.prefix} on {counter.business_day} continue after "
              f"{counter.last_number:03d} (the backup had {before})", file=out)
    if result.events_carried:
        print(f"  {result.events_carried} events for the server carried over from the previous database",
              file=out)
    return EXIT_OK


def export_command(config: Config, data_dir: Path, first: str, last: str, out_file: Path, *,
                   catalog: Catalog | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``main.py export --from DATE --to DATE --out FILE.csv`` (see :mod:`kiosk.export`)."""
    out, err = out or sys.stdout, err or sys.stderr
    days = []
    for option, text in (("--from", first), ("--to", last)):
        try:
            days.append(parse_day(text))
        except ValueError:
            print(f"main.py export: {option} {text!r} is not a date: use YYYY-MM-DD, "
                  "a local business day such as 2026-11-24", file=err)
            return EXIT_BAD_ARGUMENTS
    start, end = days
    if start > end:
        print(f"main.py export: --from {start} is after --to {end}: both days are included, "
              "the first comes first", file=err)
        return EXIT_BAD_ARGUMENTS
    try:
        result = export_csv(data_dir / DB_NAME, start, end, config.tz, out_file, catalog)
    except ExportError as exc:
        print(f"main.py export: {exc}", file=err)
        return EXIT_FAILED
    print(f"exported {result.tickets} tickets and {result.ratings} ratings of {start} to {end} "
          f"into {result.path}", file=out)
    return EXIT_OK
