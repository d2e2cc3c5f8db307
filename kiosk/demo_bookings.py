"""Demo mode's booked visits: a list of today's appointments made at start,
around the current time, so that every check-in case can be tried.

The codes (also in README's demo section):

=========  ==============================================================
``2401``   booked 10 minutes from now: checks in (a second try: already used)
``2402``   booked 10 minutes ago: late, within the grace period, checks in
``2403``   booked 3 hours from now: too early
``2404``   booked 2 hours ago: late past the grace period, normal ticket offered
``2405``   cancelled
``2406``   a booking at another centre
``2407``   a booking for tomorrow
any other  unknown (``9999``, say)
=========  ==============================================================

The list is written into the server cache as if the server had sent it, so the
kiosk reads it exactly as a real one; it is never sent anywhere.
"""

from __future__ import annotations

import datetime as dt

from kiosk import server_cache
from kiosk.catalog import Catalog
from kiosk.config import Config
from kiosk.store import Store

DEMO_CODES = {
    "2401": "on time", "2402": "late within the grace period", "2403": "too early",
    "2404": "late past the grace period", "2405": "cancelled", "2406": "another centre", "2407": "tomorrow",
}


def demo_appointments(config: Config, catalog: Catalog, now_utc: dt.datetime,
                      day: dt.date) -> dict[str, object]:
    """Today's demo list in the server's ``Appointments`` shape (with its proposed additions)."""
    local = config.local(now_utc)
    services = [s.id for s in catalog.services()]
    preferred = [s for s in ("passport-foreign", "snils", "registration", "child-benefits") if s in services]
    pick = (preferred + services) or ["unknown"]

    def at(minutes: int) -> str:
        moment = local + dt.timedelta(minutes=minutes)
        if moment.date() != day:  # keep slots inside today near midnight
            moment = local.replace(hour=0, minute=0) if minutes < 0 else local.replace(hour=23, minute=59)
        return moment.strftime("%H:%M")

    appointments = [
        {"code": "2401", "service_id": pick[0 % len(pick)], "slot_local": at(10)},
        {"code": "2402", "service_id": pick[1 % len(pick)], "slot_local": at(-10)},
        {"code": "2403", "service_id": pick[2 % len(pick)], "slot_local": at(180)},
        {"code": "2404", "service_id": pick[3 % len(pick)], "slot_local": at(-120)},
        {"code": "2405", "service_id": pick[0 % len(pick)], "slot_local": at(30), "status": "cancelled"},
    ]
    appointments.sort(key=lambda a: (a["slot_local"], a["code"]))
    return {
        "date": day.isoformat(), "centre_id": config.centre_id, "appointments": appointments,
        "elsewhere": [
            {"code": "2406", "date": day.isoformat(), "centre_id": "another-centre"},
            {"code": "2407", "date": (day + dt.timedelta(days=1)).isoformat(), "centre_id": config.centre_id},
        ],
    }


def seed_demo_appointments(store: Store, config: Config, catalog: Catalog, day: dt.date) -> None:
    """Put today's demo list in the cache, replacing any earlier one (demo mode only)."""
    now = store.clock.now_utc()
    with store.transaction() as conn:
        server_cache.save(conn, server_cache.appointments_name(day),
                          demo_appointments(config, catalog, now, day), None, now)
