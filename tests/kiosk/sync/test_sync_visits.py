"""The rest of a visit, end to end: the kiosk's real events through its sync
engine to the real server over loopback, on both databases.

A booked visit checked in, a package ticket and an SMS request are accepted
as the kiosk sends them; the server lists the check-in back; a queue update
hands the SMS to the log sender once, masked, and the number is then gone
from the server's database (the SQLite file and its WAL, or PostgreSQL's table).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from central import cli as central_cli
from central.testing import run_server
from kiosk import bookings, server_cache, sms, visit_load
from kiosk.catalog import Catalog
from kiosk.clock import iso_utc
from kiosk.config import Config
from kiosk.hours import WeeklyHours
from kiosk.store import Store
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import KEY_LAST_HEARTBEAT, SyncEngine
from kiosk.tickets import TicketDesk
from tests.central.server_dbs import rows
from tests.secrets_guard import remember_secret

KIOSK = "demo-kiosk-1"
CENTRE = "demo-centre"
PHONE = "+79161234567"


def central(db: str, *args: str, clock: object = None) -> str:
    out = io.StringIO()
    kwargs = {"clock": clock} if clock is not None else {}
    assert central_cli.main([*args, "--db", db], out=out, **kwargs) == 0, out.getvalue()  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def served(db_url: str) -> Iterator[tuple[str, str]]:
    with run_server(db_url) as url:
        yield url, db_url


@pytest.fixture
def kiosk(tmp_path: Path, served: tuple[str, str], config: Config, catalog: Catalog,
          clock) -> Iterator[tuple[Store, TicketDesk, SyncEngine]]:
    url, db = served
    text = central(db, "enrol", KIOSK, "--centre", CENTRE, "--print-token")
    token = remember_secret(next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("token: ")))
    store = Store.open(tmp_path / "kiosk", clock)
    desk = TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
    with store.transaction() as tx:
        store.set_state(tx, KEY_LAST_HEARTBEAT, iso_utc(clock.now_utc()))
    client = ServerClient(url, token, timeout=(2.0, 10.0))
    engine = SyncEngine(store, client, KIOSK, business_day=desk.business_day, interval_s=60, batch_size=50,
                        rng=random.Random(3), heartbeat_every_s=10**9)
    yield store, desk, engine
    client.close()
    store.close()


def _outbox_states(store: Store) -> dict[str, int]:
    return dict(store.db.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())


def _phone_in_server_storage(db: str) -> bool:
    needles = (PHONE.encode(), PHONE[1:].encode(), PHONE[2:].encode())
    if db.startswith("postgresql"):
        texts = [json.dumps(r, default=str) for table in ("sms_requests", "events", "rejections")
                 for r in rows(db, f"SELECT * FROM {table}")]
        return any(n.decode() in t for n in needles for t in texts)
    found = False
    for suffix in ("", "-wal"):
        path = Path(db + suffix)
        if path.exists():
            data = path.read_bytes()
            found = found or any(n in data for n in needles)
    return found


def test_check_in_package_and_sms_reach_the_server_and_the_number_goes(
        kiosk: tuple[Store, TicketDesk, SyncEngine], served: tuple[str, str], clock,
        caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    store, desk, engine = kiosk
    _, db = served
    day = desk.business_day().isoformat()
    slot = (clock.now_utc() + dt.timedelta(minutes=15)).astimezone(desk.config.tz).strftime("%H:%M")
    appointments = tmp_path / "appointments.json"
    appointments.write_text(json.dumps({"date": day, "appointments": [
        {"code": "A7K2Q9", "service_id": "passport-internal", "slot_local": slot}]}), encoding="utf-8")
    central(db, "load-appointments", CENTRE, str(appointments))
    assert engine.run_once().ok  # pulls today's list

    checked = bookings.check_in(desk, "a7k2q9", "ru")
    assert checked.outcome is bookings.Outcome.CHECKED_IN and checked.ticket is not None
    package = desk.issue("", "ru", package_id=desk.catalog.life_situations[0].id)
    assert package.package_id
    walk_in = desk.issue("passport-internal", "ru")
    sms.request_sms(store, walk_in, sms.parse_phone(PHONE), "en", consent=True)  # type: ignore[arg-type]

    assert engine.run_once().ok
    assert _outbox_states(store).get("rejected", 0) == 0, store.db.conn.execute(
        "SELECT kind, last_error FROM outbox WHERE state = 'rejected'").fetchall()
    kinds = {r[0] for r in rows(db, "SELECT kind FROM events WHERE kiosk_id = :k", {"k": KIOSK})}
    assert {"ticket.issued", "appointment.checked_in", "sms.requested"} <= kinds
    assert rows(db, "SELECT count(*) FROM tickets") == [(3,)]
    # The kiosk erases its copy once the server has it.
    assert sms.erase_delivered(store, desk.business_day()) == 1 and sms.numbers_left(store) == 0

    # The server lists the check-in; the kiosk's cache has it after the next pull.
    listed = rows(db, "SELECT code, number FROM appointment_check_ins")
    assert listed == [("A7K2Q9", checked.ticket.display)]

    assert _phone_in_server_storage(db)  # the search finds it while the server needs it

    # The walk-in ticket is 2 places away: the SMS goes now, once, with the number masked.
    queue = tmp_path / "queue.json"
    queue.write_text(json.dumps({"services": [
        {"service_id": "passport-internal", "waiting": 2, "open_windows": 1, "avg_service_minutes": 10}]}))
    server_now = lambda: clock.now_utc() + dt.timedelta(minutes=1)  # noqa: E731
    with caplog.at_level(logging.INFO, logger="central.sms"):
        out = central(db, "queue", CENTRE, str(queue), clock=server_now)
        again = central(db, "queue", CENTRE, str(queue), clock=server_now)
    assert walk_in.display in out and "SMS sent" not in again
    sent_lines = [r.getMessage() for r in caplog.records if r.name == "central.sms" and "log only" in r.getMessage()]
    assert len(sent_lines) == 1 and "+7 916 •••-••-67" in sent_lines[0]
    assert all(PHONE[2:] not in r.getMessage() for r in caplog.records)
    assert rows(db, "SELECT state, phone FROM sms_requests") == [("sent", None)]
    assert not _phone_in_server_storage(db)
    if not db.startswith("postgresql"):  # no earlier page of the request is left in the WAL either
        wal = Path(db + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0

    # The next round brings the check-in back to the kiosk, and the centre's load.
    assert engine.run_once().ok
    cached = server_cache.appointments(store, desk.business_day())
    assert cached is not None and cached.appointments["A7K2Q9"].check_ins == (checked.ticket.display,)
    grid = visit_load.server_grid(store)
    assert grid is not None and server_cache.etag(store, visit_load.LOAD)
