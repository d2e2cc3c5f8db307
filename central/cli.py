"""Operator commands: ``python -m central <command> ... [--db PATH]``.

serve               run the HTTP server (several worker processes, central/serve.py)
enrol KIOSK_ID      create a kiosk and print a one-time enrolment code
                    (or, with --print-token, its bearer token, once)
revoke KIOSK_ID     revoke a kiosk's credential (its data stays)
kiosks              list kiosks with their sync figures
load-bundle C FILE  validate and store a configuration bundle for centre C
load-appointments C FILE   store appointments of one or more days
queue C FILE        set the live queue figures of centre C (and send the SMS now due)
send-sms C          send the SMS now due by centre C's stored queue
purge               forget the SMS numbers of business days that are over
init                create a new database (or bring an existing one to the newest schema)
backup DEST         copy the database online (SQLite backup API, or pg_dump); 0600
backup --into DIR --keep N   a timestamped copy in DIR, keeping the newest N
restore SOURCE      replace the database with a backup (server stopped)
operator NAME       issue an operator's token for the fleet view (--revoke removes it)

--db is an SQLite file path or a postgresql:// URL, for every command
(docs/server.md, Storage). Only init and enrol create a missing database.

Exit status: 0 on success, 1 when the command cannot be done (bad file,
unknown kiosk, ...), 2 on wrong usage. Tokens and codes appear on stdout only
at the moment they are issued and are never logged.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import auth, openapi, sms, store
from . import db as dbmod
from .app import DEFAULT_MAX_BODY_BYTES
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
    common.add_argument(
        "--db",
        default="central.db",
        metavar="DB",
        help="SQLite database file, or a postgresql://user@host/dbname URL (default: central.db)",
    )
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
    serve.add_argument("--threads", type=int, default=8, help="request threads per worker (default 8)")
    serve.add_argument("--max-body-bytes", type=int, default=DEFAULT_MAX_BODY_BYTES)
    # The rest are explained in central/serve.py and docs/server.md (Processes and connections).
    serve.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    serve.add_argument(
        "--max-connections", type=int, default=2000, help="open connections per worker (default 2000)"
    )
    serve.add_argument(
        "--keepalive", type=int, default=150, metavar="SECONDS", help="idle connection timeout (default 150)"
    )
    serve.add_argument(
        "--timeout", type=int, default=30, metavar="SECONDS", help="a silent worker is replaced after (default 30)"
    )
    serve.add_argument("--backlog", type=int, default=2048, help="pending connections the kernel queues (default 2048)")
    serve.add_argument("--access-log", default="-", metavar="FILE", help="access log file, - for stderr, off for none")
    serve.add_argument("--trusted-proxy", metavar="ADDRESS", help="a reverse proxy whose X-Forwarded-For is believed")

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

    sms_options = argparse.ArgumentParser(add_help=False)
    sms_options.add_argument(
        "--sms-ahead", type=int, default=sms.DEFAULT_AHEAD, metavar="N",
        help=f"send the SMS when the ticket is N places away or fewer (default {sms.DEFAULT_AHEAD})",
    )
    sms_options.add_argument(
        "--sms-gateway", metavar="URL",
        help="POST the SMS to this gateway (token in CENTRAL_SMS_TOKEN); without it they are only logged, masked",
    )
    for name, helptext in (
        ("load-bundle", "validate and store a configuration bundle"),
        ("load-appointments", "validate and store appointments"),
        ("queue", "set live queue figures"),
    ):
        command = sub.add_parser(name, parents=[common, sms_options] if name == "queue" else [common], help=helptext)
        command.add_argument("centre_id", help=f"the centre, whose id {id_help}")
        command.add_argument("file", type=Path, help="a UTF-8 JSON file (its schema: central/openapi.yaml)")

    queue_sms = sub.add_parser(
        "send-sms", parents=[common, sms_options], help="send the SMS now due by the centre's stored queue"
    )
    queue_sms.add_argument("centre_id", help=f"the centre, whose id {id_help}")
    sub.add_parser("purge", parents=[common], help="forget the SMS numbers of business days that are over")

    sub.add_parser("init", parents=[common], help="create the database, or migrate it to the newest schema")

    operator = sub.add_parser(
        "operator", parents=[common], help="issue (or revoke) an operator's token for the fleet view"
    )
    operator.add_argument("name", help=f"the operator's name, which {id_help}")
    operator.add_argument("--revoke", action="store_true", help="remove the operator's token")

    backup = sub.add_parser("backup", parents=[common], help="online copy of the database (files 0600)")
    backup.add_argument("destination", type=Path, nargs="?", help="a new file")
    backup.add_argument("--into", type=Path, metavar="DIR", help="write central-backup-<UTC time> into this folder")
    backup.add_argument("--keep", type=int, metavar="N", help="with --into: keep only the newest N backups there")

    restore = sub.add_parser("restore", parents=[common], help="replace the database with a backup (server stopped)")
    restore.add_argument("source", type=Path, help="a file made by backup")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, clock: Clock = system_now) -> int:
    """Run one command; returns the process exit status."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command in ("backup", "restore"):
            # Neither migrates: a backup copies the database as it is, and a
            # restored one is migrated (after a backup of its own) at the next start.
            _FILE_COMMANDS[args.command](args, out)
            return 0
        store.init_db(args.db, create=args.command in ("init", "enrol"))
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
    except ValueError as error:  # a --db that is neither a path nor a postgresql:// URL
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if args.command != "serve":
            dbmod.dispose(args.db)


def _serve(args: argparse.Namespace) -> int:
    from . import serve  # gunicorn and waitress are only needed to serve

    options = serve.ServeOptions(
        db=args.db,
        host=args.host,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        max_connections=args.max_connections,
        keepalive=args.keepalive,
        timeout=args.timeout,
        backlog=args.backlog,
        max_body_bytes=args.max_body_bytes,
        access_log=args.access_log,
        trusted_proxy=args.trusted_proxy,
    )
    return serve.serve(options)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is too large for a JSON number")
    return value


def _read_json_file(path: Path) -> Any:
    try:
        # NaN and Infinity are not JSON, though Python's json reads them.
        return json.loads(path.read_text(encoding="utf-8"), parse_constant=_refuse_constant, parse_float=_finite_float)
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
    sender = _sms_sender(args)  # a wrong gateway setting stops the command before anything changes
    now = clock()
    store.set_queue(db, args.centre_id, as_of or iso_utc(now), services, now=now)
    print(f"queue of centre {args.centre_id} set for {len(services)} service(s)", file=out)
    _dispatch(db, args, out, clock, sender)


def _sms_sender(args: argparse.Namespace) -> sms.Sender:
    if args.sms_ahead < 1:
        raise CommandError(f"--sms-ahead {args.sms_ahead}: must be at least 1")
    if not args.sms_gateway:
        return sms.LogSender()
    token = os.environ.get("CENTRAL_SMS_TOKEN", "")
    if not token:
        raise CommandError("--sms-gateway needs the gateway's token in the environment variable CENTRAL_SMS_TOKEN")
    try:
        return sms.HttpSender(args.sms_gateway, token)
    except ValueError as error:
        raise CommandError(f"--sms-gateway {args.sms_gateway}: {error}") from None


def _send_sms(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.centre_id, "centre id")
    _dispatch(db, args, out, clock, _sms_sender(args))


def _dispatch(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock, sender: sms.Sender) -> None:
    sent = sms.dispatch(db, args.centre_id, sender=sender, now=clock(), ahead=args.sms_ahead)
    if sent:
        print(f"SMS sent for ticket(s) {', '.join(sent)}", file=out)


def _purge(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    forgotten = sms.purge(db, now=clock())
    print(f"{forgotten} SMS number(s) of earlier days forgotten", file=out)


def _operator(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    _require_identifier(args.name, "operator name")
    if args.revoke:
        if not store.revoke_operator(db, args.name):
            raise CommandError(f"unknown operator {args.name}")
        print(f"operator {args.name} removed; the token stops working now", file=out)
        return
    token = auth.new_token()
    store.issue_operator_token(db, args.name, auth.hash_secret(token), now=clock())
    print(f"operator {args.name} may read the fleet view (GET /api/v1/fleet)", file=out)
    print(f"token: {token}", file=out)
    print("This token is shown once; any older token of this operator stopped working.", file=out)


def _init(db: Any, args: argparse.Namespace, out: TextIO, clock: Clock) -> None:
    print(f"database {db.target.describe()} is ready (schema {store.head_revision()})", file=out)


def _backup(args: argparse.Namespace, out: TextIO) -> None:
    if (args.destination is None) == (args.into is None):
        raise CommandError("give either a DEST file or --into DIR")
    if args.keep is not None and (args.into is None or args.keep < 1):
        raise CommandError("--keep N needs --into DIR and N of at least 1")
    where = dbmod.target(args.db)
    if where.sqlite_path is not None and not where.sqlite_path.is_file():
        raise CommandError(f"database {where.sqlite_path} does not exist")
    if args.into is not None:
        if not args.into.is_dir():
            raise CommandError(f"{args.into} is not a folder")
        suffix = ".db" if where.is_sqlite else ".dump"
        destination = args.into / f"central-backup-{clock_stamp()}{suffix}"
    else:
        destination = args.destination
    if destination.exists():
        raise CommandError(f"{destination} exists; choose a new file")
    try:
        store.backup(args.db, destination)
    except sqlite3.Error as error:
        raise CommandError(f"cannot back up {where.describe()}: {error}") from None
    print(f"database copied to {destination}", file=out)
    if args.keep is not None:
        for old in store.prune_backups(args.into, args.keep):
            print(f"removed old backup {old}", file=out)


def clock_stamp() -> str:
    """UTC time for a backup's file name; sorts in time order."""
    return system_now().strftime("%Y%m%dT%H%M%S%fZ")


def _restore(args: argparse.Namespace, out: TextIO) -> None:
    store.restore(args.source, args.db)
    print(f"database {dbmod.target(args.db).describe()} restored from {args.source}", file=out)
    print("start the server as usual; it migrates the restored database if it is older", file=out)


_COMMANDS = {
    "enrol": _enrol,
    "revoke": _revoke,
    "kiosks": _kiosks,
    "load-bundle": _load_bundle,
    "load-appointments": _load_appointments,
    "queue": _queue,
    "send-sms": _send_sms,
    "purge": _purge,
    "init": _init,
    "operator": _operator,
}


_FILE_COMMANDS = {"backup": _backup, "restore": _restore}


def entry() -> None:
    """The ``mfc-central`` command."""
    sys.exit(main())
