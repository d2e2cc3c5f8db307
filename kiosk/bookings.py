"""Booked visits: checking in with a booking code at the kiosk.

The code is looked up in today's appointments as the central server last sent
them (:func:`kiosk.server_cache.appointments`), so check-in works offline from
the last list. Each answer is an :class:`Outcome` the screen turns into words:
checked in (a ticket with :data:`~kiosk.tickets.BOOKED_PREFIX`), too early
(``appointments.early_min`` before the slot), late (more than
``appointments.grace_min`` after it: a normal ticket is offered), already used,
cancelled, another centre's, another day's, unknown, or no list at all.

A code checks in once per kiosk for certain: the row in ``booked_checkins``
(primary key: day and code), the ticket and its two outbox events
(``ticket.issued`` and ``appointment.checked_in``) are written in one
transaction. Across the kiosks of a centre the server is the referee: it
receives every kiosk's ``appointment.checked_in`` and lists the check-ins it
knows with each appointment, so a code checked in elsewhere while this kiosk
was online is refused here too, and a code checked in on two kiosks that were
both offline shows as a double check-in (:func:`double_check_ins`) for a
consultant to settle. docs/visits.md explains why this is the rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import sqlite3
from dataclasses import dataclass, replace

from kiosk import server_cache
from kiosk.clock import iso_utc
from kiosk.disk import ensure_room
from kiosk.events import EventKind
from kiosk.server_cache import Appointment, AppointmentList
from kiosk.tickets import (
    BOOKED_PREFIX,
    Refusal,
    Ticket,
    TicketDesk,
    TicketRefused,
    format_number,
    store_ticket,
    take_number,
    ticket_link,
)

# The screen says how old the list is once it is older than this.
LIST_STALE_AFTER = dt.timedelta(hours=1)
CODE_MAX = 32
# Cyrillic letters a visitor may type for the Latin ones printed on a booking.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТУХ", "ABEKMHOPCTYX")

class Outcome(enum.Enum):
    CHECKED_IN = "checked_in"
    TOO_EARLY = "too_early"
    LATE = "late"  # past the grace period: offer a normal ticket
    ALREADY_USED = "already_used"
    CANCELLED = "cancelled"
    OTHER_CENTRE = "other_centre"
    OTHER_DAY = "other_day"
    UNKNOWN = "unknown"
    NO_LIST = "no_list"  # no appointments of today were ever fetched
    REFUSED = "refused"  # the booking is good but no ticket can be issued now (closed, paused, ...)


# Outcomes after which the visitor may take a normal ticket for the booked service instead.
OFFER_NORMAL_TICKET = frozenset({Outcome.LATE, Outcome.CANCELLED, Outcome.OTHER_DAY})


@dataclass(frozen=True)
class CheckIn:
    """What a code gave.

    Attributes:
        slot: the booked time (local), when the code was found.
        service_id: the booked service, when the code was found.
        come_back_at: for TOO_EARLY, the first moment (local) the code checks in.
        other_date: for OTHER_DAY, the booking's day.
        used_numbers: for ALREADY_USED, the tickets already taken with it (when known).
        list_fetched_utc: when the list that answered was fetched (None without one).
    """

    outcome: Outcome
    code: str
    ticket: Ticket | None = None
    slot: dt.datetime | None = None
    service_id: str = ""
    come_back_at: dt.datetime | None = None
    other_date: dt.date | None = None
    used_numbers: tuple[str, ...] = ()
    list_fetched_utc: dt.datetime | None = None
    refused: TicketRefused | None = None


def normalise_code(text: str) -> str:
    """A typed or scanned code as the server writes it: capitals, no spaces, Latin letters."""
    return "".join(text.split()).upper().translate(_LOOKALIKES)[:CODE_MAX]


def booking_of(desk: TicketDesk, ticket_id: str) -> tuple[str, str] | None:
    """The booking code and booked time ("HH:MM") a ticket was checked in with, or None
    (the table ``booked_checkins`` is made by migration 0004)."""
    row = desk.store.db.conn.execute("SELECT code, slot_local FROM booked_checkins WHERE ticket_id = ?",
                                     (ticket_id,)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]))


def list_age(desk: TicketDesk) -> dt.timedelta | None:
    """How old today's cached list is, or None when there is none."""
    found = server_cache.appointments(desk.store, desk.business_day())
    return None if found is None else desk.store.clock.now_utc() - found.fetched_utc


def is_stale(age: dt.timedelta | None) -> bool:
    return age is not None and age > LIST_STALE_AFTER


def _used_here(conn: sqlite3.Connection, day: dt.date, code: str) -> str | None:
    row = conn.execute("SELECT t.display FROM booked_checkins b JOIN tickets t ON t.id = b.ticket_id "
                       "WHERE b.business_day = ? AND b.code = ?", (day.isoformat(), code)).fetchone()
    return None if row is None else str(row[0])


def _find(listing: AppointmentList | None, code: str) -> Appointment | None:
    return None if listing is None else listing.appointments.get(code)


def check_in(desk: TicketDesk, typed: str, language: str) -> CheckIn:
    """Check in the code ``typed``: issue the booked visit's ticket or say why not.

    Raises:
        StoreFull, StoreError: the ticket could not be stored (nothing was kept).
    """
    code = normalise_code(typed)
    config = desk.config
    now = desk.store.clock.now_utc()
    local = config.local(now)
    day = desk.business_day(local)
    listing = server_cache.appointments(desk.store, day)
    fetched = listing.fetched_utc if listing is not None else None
    appointment = _find(listing, code)
    if appointment is None:
        return _not_today(desk, code, day, listing)
    slot = dt.datetime.combine(day, appointment.slot_local, tzinfo=config.tz)
    found = CheckIn(Outcome.UNKNOWN, code, slot=slot, service_id=appointment.service_id, list_fetched_utc=fetched)
    if appointment.status == "cancelled":
        return replace(found, outcome=Outcome.CANCELLED)
    with desk.store.transaction() as conn:
        here = _used_here(conn, day, code)
    if here is not None or appointment.check_ins:
        numbers = tuple(n for n in ((here,) if here else ()) + appointment.check_ins if n)
        return replace(found, outcome=Outcome.ALREADY_USED, used_numbers=tuple(dict.fromkeys(numbers)))
    window = config.appointments
    opens = slot - dt.timedelta(minutes=window.early_min)
    if local < opens:
        return replace(found, outcome=Outcome.TOO_EARLY, come_back_at=opens)
    if local > slot + dt.timedelta(minutes=window.grace_min):
        return replace(found, outcome=Outcome.LATE)
    try:
        ticket = _issue(desk, code, appointment, slot, language)
    except TicketRefused as refused:
        return replace(found, outcome=Outcome.REFUSED, refused=refused)
    if ticket is None:  # another screen of this kiosk took the code a moment ago
        with desk.store.transaction() as conn:
            here = _used_here(conn, day, code)
        return replace(found, outcome=Outcome.ALREADY_USED, used_numbers=(here,) if here else ())
    return replace(found, outcome=Outcome.CHECKED_IN, ticket=ticket)


def _not_today(desk: TicketDesk, code: str, day: dt.date, listing: AppointmentList | None) -> CheckIn:
    fetched = listing.fetched_utc if listing is not None else None
    other = listing.elsewhere.get(code) if listing is not None else None
    if other is not None and other.centre_id != desk.config.centre_id:
        return CheckIn(Outcome.OTHER_CENTRE, code, other_date=other.date, list_fetched_utc=fetched)
    if other is not None and other.date != day:
        return CheckIn(Outcome.OTHER_DAY, code, other_date=other.date, list_fetched_utc=fetched)
    # Yesterday's list is kept for a kiosk that runs over midnight: a code from it is another day's.
    yesterday = server_cache.appointments(desk.store, day - dt.timedelta(days=1))
    if _find(yesterday, code) is not None:
        return CheckIn(Outcome.OTHER_DAY, code, other_date=day - dt.timedelta(days=1), list_fetched_utc=fetched)
    if listing is None:
        return CheckIn(Outcome.NO_LIST, code)
    return CheckIn(Outcome.UNKNOWN, code, list_fetched_utc=fetched)


def _issue(desk: TicketDesk, code: str, appointment: Appointment, slot: dt.datetime,
           language: str) -> Ticket | None:
    """Store the booked visit's ticket, its check-in row and both events; None if the code was taken."""
    try:
        service = desk.catalog.service(appointment.service_id)
    except KeyError:
        raise TicketRefused(Refusal.UNKNOWN_SERVICE) from None
    now = desk.store.clock.now_utc()
    local = desk.config.local(now)
    avail = desk.availability(service, local)
    if not avail.open:
        raise TicketRefused(avail.reason or Refusal.CENTRE_CLOSED, avail.opens_at, avail.pause_reason)
    ensure_room(desk.store.health.path.parent, desk.config.storage, desk.disk_usage)
    category = desk.catalog.category(service.category_id)
    slot_utc = slot.astimezone(dt.UTC)
    call_at = max(now, slot_utc)
    with desk.store.transaction() as conn:
        day = desk.business_day(local)
        if _used_here(conn, day, code) is not None:
            return None
        number = take_number(conn, desk.config, day, BOOKED_PREFIX)
        ticket_id = desk.store.new_id()
        ticket = Ticket(
            id=ticket_id, display=format_number(BOOKED_PREFIX, number), prefix=BOOKED_PREFIX, number=number,
            business_day=day, category_id=category.id, service_id=service.id, kiosk_id=desk.config.kiosk_id,
            centre_id=desk.config.centre_id, issued_utc=now, people_ahead=0,
            wait_minutes=math.ceil(max(0.0, (call_at - now).total_seconds()) / 60),
            est_call_utc=call_at, language=language, link=ticket_link(desk.config, ticket_id),
            booking_code=code, booked_slot=slot)
        slot_text = appointment.slot_local.strftime("%H:%M")
        store_ticket(desk.store, conn, ticket, {"booking_code": code, "slot_local": slot_text, "booked": True})
        conn.execute("INSERT INTO booked_checkins (business_day, code, ticket_id, slot_local, checked_in_utc) "
                     "VALUES (?, ?, ?, ?, ?)", (day.isoformat(), code, ticket_id, slot_text, iso_utc(now)))
        desk.store.add_event(conn, EventKind.APPOINTMENT_CHECKED_IN, {
            "code": code, "business_day": day.isoformat(), "slot_local": slot_text,
            "service_id": service.id, "centre_id": desk.config.centre_id, "ticket_id": ticket_id,
            "number": ticket.display, "checked_in_utc": iso_utc(now),
            "late_min": max(0, math.floor((now - slot_utc).total_seconds() / 60)),
        }, occurred=now)
    return ticket


@dataclass(frozen=True)
class DoubleCheckIn:
    """A code the server saw checked in more than once (by two kiosks that were offline)."""

    code: str
    slot_local: dt.time
    numbers: tuple[str, ...]


def double_check_ins(desk: TicketDesk) -> list[DoubleCheckIn]:
    """Today's codes the server lists with more than one check-in, for a consultant to settle."""
    listing = server_cache.appointments(desk.store, desk.business_day())
    if listing is None:
        return []
    return [DoubleCheckIn(a.code, a.slot_local, a.check_ins) for a in listing.appointments.values()
            if len(a.check_ins) > 1]
