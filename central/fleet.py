"""The fleet view: every kiosk's state at a glance, for operators.

``GET /api/v1/fleet`` answers JSON, ``?format=csv`` a CSV export, and
``?format=html`` a page rendered on the server (no script, nothing fetched
from elsewhere). Each kiosk is judged from what the server already has: when
it was last seen, and its latest heartbeat (version, disk, printer, events the
kiosk set aside because the server rejected them).

Operators authenticate with a token of their own, made by
``python -m central operator NAME`` and shown once; the server keeps only its
SHA-256, like kiosk tokens. A program sends it as ``Authorization: Bearer``;
a browser asks for it through HTTP Basic (any user name, the token as the
password), so the page opens in a browser without anything installed.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from typing import Any

from . import store
from .db import Database
from .sms import local_today
from .timeutil import iso_utc, parse_iso_utc

# A kiosk syncs every minute: after LATE without a request it is late, after OFFLINE offline.
LATE = dt.timedelta(minutes=5)
OFFLINE = dt.timedelta(minutes=30)

COLUMNS = (
    "kiosk_id",
    "centre_id",
    "state",
    "connection",
    "last_seen_utc",
    "version",
    "disk_state",
    "disk_free_bytes",
    "printer",
    "printer_detail",
    "pending_events",
    "events_set_aside",
    "events_rejected",
    "heartbeat_utc",
    "attention",
)


def connection(last_seen: str | None, now: dt.datetime) -> str:
    """``ok``, ``late``, ``offline`` or ``never`` from the time of the last authenticated request."""
    if last_seen is None:
        return "never"
    age = now - parse_iso_utc(last_seen)
    if age >= OFFLINE:
        return "offline"
    return "late" if age >= LATE else "ok"


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text_or_none(value: object, limit: int = 200) -> str | None:
    return value[:limit] if isinstance(value, str) else None


def kiosks(db: Database, *, now: dt.datetime) -> list[dict[str, Any]]:
    """One row per kiosk, with what needs attention first in ``attention``."""
    result = db.execute(
        "SELECT k.kiosk_id, k.centre_id, k.state, k.last_seen_utc, k.heartbeat_json, k.heartbeat_utc, "
        "k.rejections_dropped + (SELECT count(*) FROM rejections r WHERE r.kiosk_id = k.kiosk_id) "
        "FROM kiosks k ORDER BY k.centre_id, k.kiosk_id"
    )
    listing = []
    for kiosk_id, centre_id, state, last_seen, heartbeat_json, heartbeat_utc, rejected in result:
        beat: dict[str, Any] = {}
        if heartbeat_json:
            loaded = json.loads(heartbeat_json)
            beat = loaded if isinstance(loaded, dict) else {}
        checks = beat.get("checks")
        printer: dict[str, Any] = {}
        if isinstance(checks, dict) and isinstance(checks.get("printer"), dict):
            printer = checks["printer"]
        row: dict[str, Any] = {
            "kiosk_id": kiosk_id,
            "centre_id": centre_id,
            "state": state,
            "connection": connection(last_seen, now) if state == "enrolled" else state,
            "last_seen_utc": last_seen,
            "version": _text_or_none(beat.get("version"), 40),
            "disk_state": _text_or_none(beat.get("disk_state"), 20),
            "disk_free_bytes": _int_or_none(beat.get("disk_free_bytes")),
            "printer": _text_or_none(printer.get("verdict"), 20),
            "printer_detail": _text_or_none(printer.get("detail")),
            "pending_events": _int_or_none(beat.get("pending_events")),
            "events_set_aside": _int_or_none(beat.get("rejected_events")),
            "events_rejected": int(rejected),
            "heartbeat_utc": heartbeat_utc,
        }
        row["attention"] = _attention(row)
        listing.append(row)
    listing.sort(key=lambda r: (not r["attention"], r["centre_id"], r["kiosk_id"]))
    return listing


def _attention(row: dict[str, Any]) -> list[str]:
    """What an operator should look at on this kiosk, in words."""
    reasons = []
    if row["state"] == "enrolled" and row["connection"] in ("late", "offline", "never"):
        reasons.append({"late": "late", "offline": "offline", "never": "never connected"}[row["connection"]])
    if row["disk_state"] in ("low", "full"):
        reasons.append(f"disk {row['disk_state']}")
    if row["printer"] not in (None, "ok"):
        reasons.append(f"printer: {row['printer_detail'] or row['printer']}")
    if row["events_set_aside"]:
        reasons.append(f"{row['events_set_aside']} event(s) set aside")
    return reasons


# Double check-ins stay in the fleet view for this many days (a consultant settles them the same day).
DOUBLE_CHECK_IN_DAYS = 7


def double_check_ins(db: Database, *, now: dt.datetime) -> list[dict[str, Any]]:
    """Booking codes two kiosks checked in (each with its own ticket) in the last days, newest day first."""
    since = (local_today(now) - dt.timedelta(days=DOUBLE_CHECK_IN_DAYS)).isoformat()
    found = store.double_check_ins(db, since)
    found.sort(key=lambda d: (d["date"], d["centre_id"], d["code"]), reverse=True)
    return found


def as_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = ["; ".join(row[c]) if c == "attention" else row[c] for c in COLUMNS]
        # A cell starting with = + - @ would be a formula in a spreadsheet; a quote mark defuses it.
        writer.writerow(
            ["'" + c if isinstance(c, str) and c[:1] in "=+-@" else ("" if c is None else c) for c in cells]
        )
    return out.getvalue()


def _doubles_html(doubles: list[dict[str, Any]]) -> str:
    if not doubles:
        return ""
    items = "".join(
        f"<li>{html.escape(d['centre_id'])} {html.escape(d['date'])}: code {html.escape(d['code'])} checked in "
        f"with tickets {html.escape(', '.join(d['numbers']))} (kiosks {html.escape(', '.join(d['kiosk_ids']))})</li>"
        for d in doubles
    )
    return f"<h2>Double check-ins</h2><p>Settle each with the visitors: usually cancel one ticket.</p><ul>{items}</ul>"


def as_html(rows: list[dict[str, Any]], *, now: dt.datetime, doubles: list[dict[str, Any]] | None = None) -> str:
    need = sum(1 for r in rows if r["attention"])
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in COLUMNS)
    body = []
    for row in rows:
        cells = []
        for column in COLUMNS:
            value = row[column]
            text = "; ".join(value) if column == "attention" else ("—" if value is None else str(value))
            cells.append(f"<td>{html.escape(text)}</td>")
        css = ' class="attention"' if row["attention"] else ""
        body.append(f"<tr{css}>{''.join(cells)}</tr>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kiosk fleet</title>"
        "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:2px 6px;font-size:13px}tr.attention td{background:#fde2e2}</style></head><body>"
        f"<h1>Kiosk fleet</h1><p>{len(rows)} kiosk(s), {need} needing attention, as of "
        f"{html.escape(iso_utc(now))}. Export: <a href=\"?format=csv\">CSV</a>, "
        "<a href=\"?format=json\">JSON</a>.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        f"{_doubles_html(doubles or [])}</body></html>\n"
    )
