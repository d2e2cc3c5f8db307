"""The centre's load by weekday and hour, for "best time to visit", against a seeded history."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from central.testing import run_server
from tests.central.conftest import Client, issue_token, make_event

NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)  # Tuesday 12:00 in Moscow
MSK = dt.timezone(dt.timedelta(hours=3))


def _ticket(seq: int, local: dt.datetime, **extra: Any) -> dict[str, Any]:
    payload = {"ticket_id": str(uuid.uuid4()), "number": f"С{seq:03d}", "service_id": "snils",
               "category_id": "docs", "business_day": local.date().isoformat(), **extra}
    at = local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return make_event("kiosk-01", seq, "ticket.issued", payload, occurred_utc=at)


def test_the_load_counts_walk_in_tickets_of_the_last_eight_weeks(db_url: str, spec: Any) -> None:
    events = []
    monday = dt.datetime(2026, 11, 23, 10, 15, tzinfo=MSK)
    for week in range(8):
        for n in range(4):
            events.append(_ticket(len(events) + 1, monday - dt.timedelta(weeks=week, minutes=-n)))
    events.append(_ticket(len(events) + 1, dt.datetime(2026, 11, 17, 14, 40, tzinfo=MSK)))  # one quiet Tuesday
    events.append(_ticket(len(events) + 1, dt.datetime(2026, 11, 24, 10, 0, tzinfo=MSK)))  # today: not yet
    events.append(_ticket(len(events) + 1, dt.datetime(2026, 9, 21, 10, 0, tzinfo=MSK)))  # nine weeks ago
    booked = _ticket(len(events) + 1, dt.datetime(2026, 11, 16, 11, 0, tzinfo=MSK), booking_code="A7K2Q9",
                     slot_local="11:00", booked=True)
    events.append(booked)
    events.append(make_event("kiosk-01", len(events) + 1, "appointment.checked_in", {
        "code": "A7K2Q9", "business_day": "2026-11-16", "slot_local": "11:00", "service_id": "snils",
        "centre_id": "centre-a", "ticket_id": booked["payload"]["ticket_id"], "number": "Р001",
        "checked_in_utc": "2026-11-16T07:55:00Z", "late_min": 0}))

    with run_server(db_url, clock=lambda: NOW) as url:
        kiosk = Client(url, spec, issue_token(db_url, "kiosk-01", "centre-a"))
        assert {r["status"] for r in kiosk.send(events)} == {"accepted"}
        answer = kiosk.get("/api/v1/load")
        assert answer.status_code == 200
        body = answer.json()
        assert (body["period_from"], body["period_to"]) == ("2026-09-29", "2026-11-23")
        assert body["cells"] == [
            {"weekday": 0, "hour": 10, "avg_tickets": 4.0},
            {"weekday": 1, "hour": 14, "avg_tickets": 0.125},
        ]
        assert kiosk.get("/api/v1/load", headers={"If-None-Match": answer.headers["ETag"]}).status_code == 304
        # Another centre sees its own (empty) load.
        other = Client(url, spec, issue_token(db_url, "kiosk-b", "centre-b")).get("/api/v1/load").json()
        assert other["cells"] == [] and other["centre_id"] == "centre-b"
        assert Client(url, spec).get("/api/v1/load").status_code == 401
