"""What the kiosk keeps of the central server's answers, with typed readers.

The sync worker stores each answer it fetched (the configuration bundle,
today's appointments, live queue figures) in ``server_cache`` with its ETag
and the moment it arrived; everything else in the kiosk reads them through
the functions here, never by parsing the stored JSON itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import sqlite3
from collections.abc import Mapping
from typing import Any

from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.store import Store

log = logging.getLogger(__name__)

BUNDLE = "bundle"
QUEUE = "queue"
_APPOINTMENTS = "appointments:"
MAX_AVG_SERVICE_MINUTES = 240


def appointments_name(day: dt.date) -> str:
    """The cache entry of one day's appointments."""
    return f"{_APPOINTMENTS}{day.isoformat()}"


@dataclasses.dataclass(frozen=True)
class Cached:
    """One stored answer: its body, when it arrived, and the server's ETag for it."""

    body: dict[str, Any]
    fetched_utc: dt.datetime
    etag: str | None


@dataclasses.dataclass(frozen=True)
class ServiceFigures:
    """The server's live figures for one service."""

    service_id: str
    waiting: int
    open_windows: int
    avg_service_minutes: float


@dataclasses.dataclass(frozen=True)
class LiveQueue:
    """Live queue figures by service id, as fetched at ``fetched_utc``."""

    fetched_utc: dt.datetime
    services: Mapping[str, ServiceFigures]


def read(store: Store, name: str) -> Cached | None:
    """The stored answer ``name``, or None when there is none or it no longer parses."""
    row = store.db.conn.execute("SELECT body, fetched_utc, etag FROM server_cache WHERE name = ?",
                                (name,)).fetchone()
    if row is None:
        return None
    try:
        body = json.loads(row[0])
        fetched = parse_iso_utc(row[1])
    except ValueError:
        body = None
    if not isinstance(body, dict):
        log.error("the cached %s from the central server no longer parses; it is ignored", name)
        return None
    return Cached(body, fetched, row[2])


def etag(store: Store, name: str) -> str | None:
    """The ETag the server gave with the stored answer, to ask only for a newer one."""
    row = store.db.conn.execute("SELECT etag FROM server_cache WHERE name = ?", (name,)).fetchone()
    return None if row is None else row[0]


def save(conn: sqlite3.Connection, name: str, body: Mapping[str, Any], etag_: str | None,
         now: dt.datetime) -> None:
    """Store an answer inside the caller's transaction, replacing the previous one."""
    conn.execute("INSERT INTO server_cache (name, etag, body, fetched_utc) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (name) DO UPDATE SET etag = excluded.etag, body = excluded.body, "
                 "fetched_utc = excluded.fetched_utc",
                 (name, etag_, json.dumps(body, ensure_ascii=False), iso_utc(now)))


def prune_appointments(conn: sqlite3.Connection, keep_from: dt.date) -> None:
    """Forget the appointment lists of days before ``keep_from`` (inside the caller's transaction)."""
    conn.execute("DELETE FROM server_cache WHERE name LIKE ? AND name < ?",
                 (f"{_APPOINTMENTS}%", appointments_name(keep_from)))


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def queue_problem(body: Mapping[str, Any]) -> str:
    """Why a live queue answer cannot be used, or '' when it can."""
    services = body.get("services")
    if not isinstance(services, list):
        return "services must be a list"
    for item in services:
        if not isinstance(item, dict) or not isinstance(item.get("service_id"), str):
            return "each service needs a service_id"
        for key in ("waiting", "open_windows"):
            if not _whole(item.get(key)):
                return f"{key} must be a whole number >= 0"
        avg = item.get("avg_service_minutes")
        if isinstance(avg, bool) or not isinstance(avg, (int, float)) or not 0 < avg <= MAX_AVG_SERVICE_MINUTES:
            return f"avg_service_minutes must be a number in (0, {MAX_AVG_SERVICE_MINUTES}]"
    return ""


def live_queue(store: Store) -> LiveQueue | None:
    """The last live queue figures, or None when there are none (or they no longer parse)."""
    cached = read(store, QUEUE)
    if cached is None or queue_problem(cached.body):
        return None
    services = {item["service_id"]: ServiceFigures(item["service_id"], int(item["waiting"]),
                                                   int(item["open_windows"]), float(item["avg_service_minutes"]))
                for item in cached.body["services"]}
    return LiveQueue(cached.fetched_utc, services)


@dataclasses.dataclass(frozen=True)
class Appointment:
    """One booked visit of the day's list.

    ``status`` is ``booked`` or ``cancelled``; ``check_ins`` are the kiosks'
    check-ins the server has received for the code (from every kiosk of the
    centre: more than one is a double check-in for a consultant to resolve).
    """

    code: str
    service_id: str
    slot_local: dt.time
    status: str = "booked"
    check_ins: tuple[str, ...] = ()  # the ticket numbers the server knows for this code


@dataclasses.dataclass(frozen=True)
class Elsewhere:
    """A code the server knows for another day or another centre (so the kiosk can say which)."""

    code: str
    date: dt.date
    centre_id: str


@dataclasses.dataclass(frozen=True)
class AppointmentList:
    """One day's appointments at the kiosk's centre, as fetched at ``fetched_utc``."""

    day: dt.date
    centre_id: str
    fetched_utc: dt.datetime
    appointments: Mapping[str, Appointment]
    elsewhere: Mapping[str, Elsewhere] = dataclasses.field(default_factory=dict)


def _appointment(item: Any) -> Appointment | None:
    if not isinstance(item, dict):
        return None
    code, service, slot = item.get("code"), item.get("service_id"), item.get("slot_local")
    if not (isinstance(code, str) and code and isinstance(service, str) and isinstance(slot, str)):
        return None
    try:
        slot_time = dt.time.fromisoformat(slot)
    except ValueError:
        return None
    status = item.get("status", "booked")
    raw_checks = item.get("check_ins", [])
    checks = tuple(str(c.get("number", "")) if isinstance(c, dict) else "" for c in raw_checks) \
        if isinstance(raw_checks, list) else ()
    return Appointment(code.upper(), service, slot_time, status if status in ("booked", "cancelled") else "booked",
                       checks)


def _elsewhere(item: Any) -> Elsewhere | None:
    if not isinstance(item, dict):
        return None
    code, date, centre = item.get("code"), item.get("date"), item.get("centre_id")
    if not (isinstance(code, str) and code and isinstance(date, str) and isinstance(centre, str)):
        return None
    try:
        return Elsewhere(code.upper(), dt.date.fromisoformat(date), centre)
    except ValueError:
        return None


def appointments(store: Store, day: dt.date) -> AppointmentList | None:
    """The cached appointments of ``day``, or None when none were fetched (or they no longer parse).

    Entries that do not parse are skipped (and logged), the others stay usable.
    """
    cached = read(store, appointments_name(day))
    if cached is None:
        return None
    body = cached.body
    items = body.get("appointments")
    if not isinstance(items, list) or body.get("date") != day.isoformat():
        log.error("the cached appointments of %s have the wrong shape; they are ignored", day)
        return None
    found: dict[str, Appointment] = {}
    for item in items:
        appointment = _appointment(item)
        if appointment is None:
            log.error("an appointment of %s in the cache does not parse; it is skipped", day)
            continue
        found[appointment.code] = appointment
    others: dict[str, Elsewhere] = {}
    raw_others = body.get("elsewhere", [])
    for item in raw_others if isinstance(raw_others, list) else []:
        other = _elsewhere(item)
        if other is not None:
            others[other.code] = other
    return AppointmentList(day, str(body.get("centre_id", "")), cached.fetched_utc, found, others)
