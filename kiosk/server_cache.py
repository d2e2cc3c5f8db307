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
