"""Operator commands: ``python -m central <command> ... [--db PATH]``.

serve               run the HTTP server (waitress)
enrol KIOSK_ID      create a kiosk and print a one-time enrolment code
                    (or, with --print-token, its bearer token, once)
revoke KIOSK_ID     revoke a kiosk's credential (its data stays)
kiosks              list kiosks with their sync figures
load-bundle C FILE  validate and store a configuration bundle for centre C
load-appointments C FILE   store appointments of one or more days
queue C FILE        set the live queue figures of centre C
backup DEST         copy the database online with SQLite's backup API

Exit status: 0 on success, 1 when the command cannot be done (bad file,
unknown kiosk, ...), 2 on wrong usage. Tokens and codes appear on stdout only
at the moment they are issued and are never logged.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import auth, openapi, store
from .app import DEFAULT_MAX_BODY_BYTES, create_app
from .timeutil import Clock, iso_utc, system_now
from .validation import InputError, is_identifier, validate_appointments, validate_bundle, validate_queue


class CommandError(Exception):
    """A command cannot be carried out; the message is shown to the operator."""


def id_rule() -> str:
    """What a kiosk or centre id may be, in words and as the pattern, both from the OpenAPI document."""
    identifier = openapi.component("Identifier")
    return f"{identifier[openapi.PROBLEM_KEY]} (pattern {identifier['pattern']})"


def _version() -> str:
    """The installed distribution's version (the server ships in the kiosk's wheel)."""
    try:
        return importlib.metadata.version("mfc-kiosk")
    except importlib.metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _parser() -> argparse.ArgumentParser:
    # argparse expands %-formats in help texts; the rule has none, but a future pattern might.
    id_help = id_rule().replace("%", "%%")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default="central.db", metavar="PATH", help="SQLite database file (default: central.db)")
    parser = argparse.ArgumentParser(
        prog="python -m central",
        description="Central server for the lobby kiosks.",
        epilog=f"Kiosk and centre ids {id_help}.",
    )
    parser.add_argument("--version", action="version", version=f"mfc-central {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", parents=[common], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES)

    enrol = sub.add_parser("enrol", parents=[common], help="create a kiosk and issue its credential")
    enrol.add_argument("kiosk_id", help=f"the kiosk's id, which {id_help}")
    enrol.add_argument("--centre", required=True, metavar="CENTRE_ID", help=f"the kiosk's centre, whose id {id_help}")
    enrol.add_argument("--print-token", action="store_true", help="skip the code and print the bearer token, once")
    enrol.add_argument(
        "--reissue",
        action="store_true",
        help="replace the credential of an existing kiosk (its old token stops working)",
    )

    revoke = sub.add_parser("revoke", parents=[common], help="revoke a kiosk's credential")
    revoke.add_argument("kiosk_id")

    kiosks = sub.add_parser("kiosks", parents=[common], help="list kiosks")
    kiosks.add_argument("--json", action="store_true", help="print JSON instead of a table")

    for name, helptext in (
        ("load-bundle", "validate and store a configuration bundle"),
        ("load-appointments", "validate and store appointments"),
        ("queue", "set live queue figures"),
    ):
        command = sub.add_parser(name, parents=[common], help=helptext)
        command.add_argument("centre_id", help=f"the centre, whose id {id_help}")
        command.add_argument("file", type=Path, help="a UTF-8 JSON file (its schema: central/openapi.yaml)")

    backup = sub.add_parser("backup", parents=[common], help="online copy of the database")
    backup.add_argument("destination", type=Path)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, clock: Clock = system_now) -> int:
    """Run one command; returns the process exit status."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        store.init_db(args.db)
        with store.connection(args.db) as db:
            handler = _COMMANDS[args.command]
            handler(db, args, out, clock)
        return 0
    except (CommandError, store.StorageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except InputError as error:
        print(f"error: {args.file} is not valid:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1


def _serve(args: argparse.Namespace) -> int:
    import waitress  # type: ignore[import-untyped]  # ships no type hints

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = create_app(args.db, max_body_bytes=args.max_body_bytes)
    logging.getLogger("central").info("serving %s on http://%s:%d", args.db, args.host, args.port)
    # Twice the app's limit: bodies between the two get the app's JSON 413,
    # larger ones are cut off by waitress before they fill memory or disk.
    waitress.serve(
        app,
        host=args.host,
        port=args.port,
        threads=args.threads,
        max_request_body_size=2 * args.max_body_bytes,
        ident="central",
    )
    return 0


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _read_json_file(path: Path) -> Any:
    try:
        # NaN and Infinity are not JSON, though Python's json reads them.
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant)
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise CommandError(f"{path} is not valid UTF-8 JSON: {error}") from None


def _require_identifier(value: str, what: str) -> None:
    if not is_identifier(value):
        raise CommandError(f"{what} {value!r} is not allowed: it {id_rule()}")


def _enrol(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.kiosk_id, "kiosk id")
    _require_identifier(args.centre, "centre id")
    now = clock()
    try:
        if args.print_token:
            token = auth.new_token()
            store.issue_credential(
                db, args.kiosk_id, args.centre, now=now, token_hash=auth.hash_secret(token), reissue=args.reissue
            )
            print(f"kiosk {args.kiosk_id} enrolled for centre {args.centre}", file=out)
            print(f"token: {token}", file=out)
            print("This token is shown once and cannot be retrieved later.", file=out)
            return
        code = auth.new_enrolment_code()
        store.issue_credential(
            db,
            args.kiosk_id,
            args.centre,
            now=now,
            code_hash=auth.hash_secret(auth.normalise_code(code)),
            reissue=args.reissue,
        )
    except store.KioskExistsError:
        raise CommandError(
            f"kiosk {args.kiosk_id} already has a credential; add --reissue to replace it (the old token stops working)"
        ) from None
    expires = iso_utc(now + store.ENROLMENT_CODE_VALIDITY)
    print(f"kiosk {args.kiosk_id} created for centre {args.centre}", file=out)
    print(f"enrolment code: {code}", file=out)
    print(f"valid until {expires}, usable once", file=out)


def _revoke(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    if not store.revoke(db, args.kiosk_id, now=clock()):
        raise CommandError(f"unknown kiosk {args.kiosk_id}")
    print(f"kiosk {args.kiosk_id} revoked; its events are kept", file=out)


def _heartbeat_summary(heartbeat: Any, limit: int = 60) -> str:
    """Scalar heartbeat fields as ``key=value`` pairs, shortened for a table cell."""
    if not isinstance(heartbeat, dict):
        return "-"
    pairs = [f"{k}={v}" for k, v in heartbeat.items() if isinstance(v, (str, int, float, bool)) or v is None]
    text = " ".join(pairs) or "-"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kiosks(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    listing = store.list_kiosks(db)
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2), file=out)
        return
    headers = ("KIOSK", "CENTRE", "STATE", "LAST SEEN UTC", "RECEIVED", "REJECTED", "MAX SEQ", "LAST HEARTBEAT")
    rows = [
        (
            k["kiosk_id"],
            k["centre_id"],
            k["state"],
            k["last_seen_utc"] or "never",
            str(k["events_received"]),
            str(k["events_rejected"]),
            str(k["max_seq"]),
            _heartbeat_summary(k["heartbeat"]),
        )
        for k in listing
    ]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    for line in [headers, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip(), file=out)
    if not rows:
        print("(no kiosks)", file=out)


def _load_bundle(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.centre_id, "centre id")
    bundle = validate_bundle(_read_json_file(args.file), args.centre_id)
    version = store.store_bundle(db, args.centre_id, bundle, now=clock())
    print(f"bundle for centre {args.centre_id} stored as version {version}", file=out)


def _load_appointments(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.centre_id, "centre id")
    service_ids = store.catalog_service_ids(db, args.centre_id)
    days = validate_appointments(_read_json_file(args.file), service_ids)
    store.store_appointments(db, args.centre_id, days, now=clock())
    for date, items in sorted(days.items()):
        print(f"{args.centre_id} {date}: {len(items)} appointment(s) stored", file=out)
    if service_ids is None:
        print("note: the centre has no bundle yet, so service ids were not checked", file=out)


def _queue(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.centre_id, "centre id")
    as_of, services = validate_queue(_read_json_file(args.file))
    now = clock()
    store.set_queue(db, args.centre_id, as_of or iso_utc(now), services, now=now)
    print(f"queue of centre {args.centre_id} set for {len(services)} service(s)", file=out)


def _backup(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    if args.destination.exists():
        raise CommandError(f"{args.destination} exists; choose a new file")
    store.backup(db, args.destination)
    print(f"database copied to {args.destination}", file=out)


_COMMANDS = {
    "enrol": _enrol,
    "revoke": _revoke,
    "kiosks": _kiosks,
    "load-bundle": _load_bundle,
    "load-appointments": _load_appointments,
    "queue": _queue,
    "backup": _backup,
}


def entry() -> None:
    """The ``mfc-central`` command."""
    sys.exit(main())
