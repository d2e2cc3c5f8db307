"""Start the lobby kiosk, or render its screens.

    python main.py [--config FILE] [--data-dir DIR] [--windowed] [--demo]
    python main.py screenshots OUT_DIR [--config FILE] [--modes normal,large,contrast,large-contrast]
    python main.py set-pin --role consultant|operator [--pin-stdin] [--config FILE] [--data-dir DIR]
    python main.py unlock-pins [--config FILE] [--data-dir DIR]
    python main.py backup | restore FILE [--force] | export --from DATE --to DATE --out FILE.csv

The options --config, --data-dir, --windowed and --demo may stand before or after a command.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kiosk import __version__, resources
from kiosk.catalog import CatalogError, load_catalog
from kiosk.config import DEMO_CATALOG, DEMO_CONFIG, Config, ConfigError, PrinterConfig, load_config
from kiosk.logsetup import setup_logging
from kiosk.store import StoreError
from kiosk.supervision import ExitCode

EXIT_BAD_CONFIG = int(ExitCode.BAD_CONFIG)
EXIT_CANNOT_START = int(ExitCode.DATA_UNUSABLE)


def default_data_dir(demo: bool) -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ("mfc-kiosk-demo" if demo else "mfc-kiosk")


def _add_common_options(parser: argparse.ArgumentParser, *, inherited: bool) -> None:
    """--config, --data-dir, --windowed and --demo, accepted before or after the command.

    On a command's own parser they default to SUPPRESS, so an option given
    before the command is not reset by the command's parser.
    """
    default: dict[str, Any] = {"default": argparse.SUPPRESS} if inherited else {}
    parser.add_argument("--config", type=Path, metavar="FILE", **default,
                        help="the kiosk's TOML config (default: config/kiosk.toml in a checkout, "
                             "/etc/mfc-kiosk/kiosk.toml when installed; with --demo: the shipped demo.toml)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", **default,
                        help="where the database, logs and printed PDFs live "
                             "(default: kiosk.data_dir from the config, else ~/.local/share/mfc-kiosk)")
    parser.add_argument("--windowed", action="store_true", **default,
                        help="run in a normal 1920x1080 window instead of frameless full screen (development)")
    parser.add_argument("--demo", action="store_true", **default,
                        help="demo mode: the demo catalog, tickets printed as PDF files into DATA_DIR/printed")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "mfc-kiosk",
        description="Lobby kiosk for «Мои документы» public-service centres: queue tickets, offline first.")
    parser.add_argument("--version", action="version", version=f"mfc-kiosk {__version__}")
    _add_common_options(parser, inherited=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    shots = sub.add_parser("screenshots", help="render every screen (RU and EN, each text size and theme) "
                                               "to PNG files and exit; needs no display")
    shots.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder for the PNG files")
    shots.add_argument("--modes", default="normal,large,contrast,large-contrast", metavar="LIST",
                       help="which of normal, large, contrast, large-contrast to render (default: all)")
    enrol = sub.add_parser("enrol", help="exchange a one-time enrolment code for this kiosk's server token "
                                         "(stored in DATA_DIR/sync-credentials.json, mode 0600)")
    enrol.add_argument("--server", required=True, metavar="URL", help="the central server, e.g. https://central.example")
    enrol.add_argument("--code", required=True, help="the code printed by `python -m central enrol`")
    pin = sub.add_parser("set-pin", help="set the admin-mode PIN of a role (asked twice, not echoed)")
    pin.add_argument("--role", required=True, choices=("consultant", "operator"), help="whose PIN to set")
    pin.add_argument("--pin-stdin", action="store_true",
                     help="read the PIN once from standard input instead of the terminal (for scripts)")
    sub.add_parser("unlock-pins", help="clear the admin PIN pad's lock and wrong-PIN count now (audited); "
                                        "safe while the kiosk runs")
    sub.add_parser("check", help="check config, data folder, database, disk, font, printer, server and "
                                  "clock; one line each, exit 6 on any FAIL")
    sub.add_parser("backup", help="back up DATA_DIR/kiosk.db now (online, checked) into DATA_DIR/backups, "
                                   "keeping the newest storage.backup_keep")
    restore = sub.add_parser("restore", help="put a backup in place of DATA_DIR/kiosk.db (stop the kiosk first); "
                                             "the current database is kept aside, ticket numbers never repeat")
    restore.add_argument("file", type=Path, metavar="FILE", help="the backup, e.g. DATA_DIR/backups/kiosk-...db")
    restore.add_argument("--force", action="store_true",
                         help="restore even if the current database cannot be read (today's numbers may "
                              "repeat) or the backup holds another kiosk's tickets")
    export = sub.add_parser("export", help="tickets and ratings of some business days as a CSV file for Excel "
                                           "(UTF-8 with BOM, ';'); no phone numbers, PINs or tokens")
    export.add_argument("--from", dest="first", required=True, metavar="DATE", help="first local business day, "
                                                                                    "YYYY-MM-DD")
    export.add_argument("--to", dest="last", required=True, metavar="DATE", help="last local business day "
                                                                                 "(included), YYYY-MM-DD")
    export.add_argument("--out", required=True, type=Path, metavar="FILE.csv", help="the file to write")
    for command in sub.choices.values():
        _add_common_options(command, inherited=True)
    return parser


def resolve_config(args: argparse.Namespace) -> Config:
    """Load the config the arguments name; demo mode forces the demo catalog and PDF printing."""
    path = args.config
    if path is None:
        path = DEMO_CONFIG if (args.demo or args.command == "screenshots") else resources.default_config()
    config = load_config(path)
    if args.demo:
        config = config.with_overrides(catalog_path=DEMO_CATALOG, printer=PrinterConfig(kind="pdf"))
    load_catalog(config.catalog_path)  # fail now, with the file's name, not after the window opens
    return config


def enrol_kiosk(config: Config, data_dir: Path, server: str, code: str) -> int:
    """Enrol with the central server and keep the token; the token itself is never printed."""
    from kiosk.sync import credentials
    from kiosk.sync.client import SyncError, enrol

    try:
        token, centre_id = enrol(server, config.kiosk_id, code.strip(),
                                 ca_bundle=str(config.sync.ca_bundle) if config.sync.ca_bundle else None)
    except SyncError as exc:
        print(f"main.py enrol: the server refused or could not be reached: {exc}", file=sys.stderr)
        return int(ExitCode.COMMAND_FAILED)
    path = config.sync.credentials or data_dir / credentials.FILE_NAME
    credentials.save(path, credentials.Credentials(server=server.rstrip("/"), kiosk_id=config.kiosk_id,
                                                   centre_id=centre_id, token=token))
    if centre_id != config.centre_id:
        print(f"main.py enrol: warning: the server enrolled this kiosk for centre {centre_id}, "
              f"but the config says {config.centre_id}", file=sys.stderr)
    print(f"kiosk {config.kiosk_id} enrolled with {server} for centre {centre_id}; credentials in {path}")
    return 0


def check_command(config: Config, data_dir: Path) -> int:
    """Print one line per check (docs/deploy.md explains each); non-zero when any failed."""
    from kiosk.check import Verdict, run_checks

    failed = False
    for line in run_checks(config, data_dir):
        print(line.text(), flush=True)
        failed |= line.verdict is Verdict.FAIL
    return int(ExitCode.COMMAND_FAILED) if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.config is None and not args.demo and args.command is None \
            and not resources.default_config().exists():
        print("main.py: no config: pass --config FILE, or --demo to try the kiosk", file=sys.stderr)
        return EXIT_BAD_CONFIG
    try:
        config = resolve_config(args)
    except (ConfigError, CatalogError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_CONFIG

    if args.command == "screenshots":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.screenshots import MODES, render_all

        modes = [m.strip() for m in args.modes.split(",") if m.strip()]
        unknown = [m for m in modes if m not in MODES]
        if unknown or not modes:
            print(f"main.py screenshots: --modes {args.modes!r}: use some of {', '.join(MODES)}", file=sys.stderr)
            return EXIT_BAD_CONFIG
        for path in render_all(config, args.out_dir, tuple(MODES[m] for m in modes)):
            print(path)
        return 0

    data_dir = args.data_dir or config.data_dir or default_data_dir(args.demo)
    if args.command == "enrol":
        return enrol_kiosk(config, data_dir, args.server, args.code)
    if args.command == "check":
        return check_command(config, data_dir)
    if args.command in ("backup", "restore", "export"):
        from kiosk.admin import data_commands

        if args.command == "backup":
            return data_commands.backup_command(config, data_dir)
        if args.command == "restore":
            return data_commands.restore_command(config, data_dir, args.file, force=args.force)
        return data_commands.export_command(config, data_dir, args.first, args.last, args.out,
                                            catalog=load_catalog(config.catalog_path))
    if args.command == "set-pin":
        from kiosk.admin.cli import set_pin_command

        return set_pin_command(data_dir, args.role, from_stdin=args.pin_stdin)
    if args.command == "unlock-pins":
        from kiosk.admin.cli import unlock_pins_command

        return unlock_pins_command(data_dir)
    setup_logging(data_dir)
    from ui.app import EXIT_RESTART, Kiosk

    try:
        kiosk = Kiosk(config, data_dir)
    except StoreError as exc:
        print(f"main.py: cannot start: {exc}", file=sys.stderr)
        return EXIT_CANNOT_START
    code = kiosk.run(windowed=args.windowed)
    if code == EXIT_RESTART:
        # A new configuration bundle arrived while nobody was at the screen:
        # start again with the same arguments so that it applies everywhere.
        os.execv(sys.executable, [sys.executable, *sys.argv])
    return code


def entry() -> None:
    """The ``mfc-kiosk`` command (and ``python main.py``)."""
    # Everything the kiosk writes (database, logs, backups, printed PDFs) holds
    # visitors' data: readable by the kiosk's own user only. Set for the process
    # here, not in main(), which tests call in their own process.
    os.umask(0o077)
    sys.exit(main())


if __name__ == "__main__":
    entry()
