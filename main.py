"""Start the lobby kiosk, or render its screens.

    python main.py [--config FILE] [--data-dir DIR] [--windowed] [--demo]
    python main.py screenshots OUT_DIR [--config FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kiosk.catalog import CatalogError, load_catalog
from kiosk.config import DEMO_CATALOG, DEMO_CONFIG, PROJECT_ROOT, Config, ConfigError, PrinterConfig, load_config
from kiosk.logsetup import setup_logging
from kiosk.store import StoreError

EXIT_BAD_CONFIG = 2
EXIT_CANNOT_START = 1


def default_data_dir(demo: bool) -> Path:
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ("mfc-kiosk-demo" if demo else "mfc-kiosk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Lobby kiosk for «Мои документы» public-service centres: queue tickets, offline first.")
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="the kiosk's TOML config (default: config/kiosk.toml; with --demo: config/demo.toml)")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="where the database, logs and printed PDFs live "
                             "(default: kiosk.data_dir from the config, else ~/.local/share/mfc-kiosk)")
    parser.add_argument("--windowed", action="store_true",
                        help="run in a normal 1920x1080 window instead of frameless full screen (development)")
    parser.add_argument("--demo", action="store_true",
                        help="demo mode: the demo catalog, tickets printed as PDF files into DATA_DIR/printed")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    shots = sub.add_parser("screenshots", help="render every screen (RU and EN) to PNG files and exit; "
                                               "needs no display")
    shots.add_argument("out_dir", type=Path, metavar="OUT_DIR", help="folder for the PNG files")
    return parser


def resolve_config(args: argparse.Namespace) -> Config:
    """Load the config the arguments name; demo mode forces the demo catalog and PDF printing."""
    path = args.config
    if path is None:
        path = DEMO_CONFIG if (args.demo or args.command == "screenshots") else PROJECT_ROOT / "config" / "kiosk.toml"
    config = load_config(path)
    if args.demo:
        config = config.with_overrides(catalog_path=DEMO_CATALOG, printer=PrinterConfig(kind="pdf"))
    load_catalog(config.catalog_path)  # fail now, with the file's name, not after the window opens
    return config


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.config is None and not args.demo and args.command is None \
            and not (PROJECT_ROOT / "config" / "kiosk.toml").exists():
        print("main.py: no config: pass --config FILE, or --demo to try the kiosk", file=sys.stderr)
        return EXIT_BAD_CONFIG
    try:
        config = resolve_config(args)
    except (ConfigError, CatalogError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_CONFIG

    if args.command == "screenshots":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from ui.screenshots import render_all

        for path in render_all(config, args.out_dir):
            print(path)
        return 0

    data_dir = args.data_dir or config.data_dir or default_data_dir(args.demo)
    setup_logging(data_dir)
    from ui.app import Kiosk

    try:
        kiosk = Kiosk(config, data_dir)
    except StoreError as exc:
        print(f"main.py: cannot start: {exc}", file=sys.stderr)
        return EXIT_CANNOT_START
    return kiosk.run(windowed=args.windowed)


if __name__ == "__main__":
    sys.exit(main())
