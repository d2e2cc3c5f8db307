"""Issuing queue tickets: numbering, the wait estimate, opening hours.

Numbering: a letter per category plus three digits («П017»). Numbers restart
every business day (local midnight in the centre's time zone). A kiosk only
ever uses numbers from its own block (``kiosk.ticket_block`` in the config),
so two kiosks of one centre never clash while offline. The business day never
moves backwards: if the wall clock steps back over midnight, the kiosk keeps
counting in the later day, so a number is never given twice in one day.
When a block is used up the kiosk refuses further tickets of that category
for the day (:attr:`Refusal.BLOCK_EXHAUSTED`); it never wraps round.

Wait estimate: each category is one queue served by the sum of its services'
windows. The kiosk replays its own tickets through that many windows, each
ticket taking its service's average minutes (first come, first served), and
remembers when every window is next free. A new ticket is expected to be
called when the earliest window frees up; people ahead are the tickets not
yet expected to be called.

Closing time: a ticket is refused when its expected call time falls at or
after the moment the centre (or the service) closes, so nobody is given a
number that cannot be served today.

Full disk: below ``storage.disk_refuse_mib`` free (:mod:`kiosk.disk`), or when
a write meets SQLITE_FULL, :meth:`TicketDesk.issue` raises
:class:`~kiosk.store.StoreFull` and nothing is stored, counter included; the
caller shows no ticket.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import shutil
import sqlite3
from dataclasses import dataclass

from kiosk import server_cache
from kiosk.catalog import Catalog, Category, Service
from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.config import Config
from kiosk.disk import DiskUsage, ensure_room
from kiosk.events import EventKind
from kiosk.pauses import active_pause
from kiosk.store import Store

WAIT_NORM_MINUTES = 15
# Live queue figures older than this are not trusted; the local estimate takes over.
LIVE_FIGURES_MAX_AGE_S = 180
# kiosk_state: the latest business day a ticket was issued in (kiosk.restore carries it forward).
LAST_DAY_KEY = "last_business_day"
PRINT_ERROR_MAX = 500
# The prefix of booked visitors' tickets (shared/product/domain.md): no category may use it.
BOOKED_PREFIX = "Р"

# The columns of a stored ticket, in the order :func:`ticket_from_row` reads them.
TICKET_COLUMNS = ("id, display, prefix, number, business_day, category_id, service_id, kiosk_id, centre_id, "
                  "issued_utc, people_ahead, wait_minutes, est_call_utc, language")


class Refusal(enum.Enum):
    """Why no ticket was issued. The UI turns each into words."""

    CENTRE_CLOSED = "centre_closed"
    SERVICE_CLOSED = "service_closed"
    PAST_CLOSING = "past_closing"
    BLOCK_EXHAUSTED = "block_exhausted"
    UNKNOWN_SERVICE = "unknown_service"
    PAUSED = "paused"  # paused by a consultant or the server; the code is in ``pause_reason``


class TicketRefused(Exception):
    """No ticket: :attr:`reason` says why, :attr:`opens_at` when to come back (if known)."""

    def __init__(self, reason: Refusal, opens_at: dt.datetime | None = None,
                 pause_reason: str | None = None) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.opens_at = opens_at
        self.pause_reason = pause_reason


@dataclass(frozen=True)
class Ticket:
    id: str
    display: str
    prefix: str
    number: int
    business_day: dt.date
    category_id: str
    service_id: str
    kiosk_id: str
    centre_id: str
    issued_utc: dt.datetime
    people_ahead: int
    wait_minutes: int
    est_call_utc: dt.datetime
    language: str
    link: str
    # A booked visit's ticket: its booking code and slot (local time); a package's: its services in order.
    booking_code: str = ""
    booked_slot: dt.datetime | None = None
    package_id: str = ""
    service_ids: tuple[str, ...] = ()

    @property
    def over_norm(self) -> bool:
        return self.wait_minutes > WAIT_NORM_MINUTES


@dataclass(frozen=True)
class Estimate:
    """Expected queue for one category right now."""

    people_ahead: int
    wait_minutes: int


@dataclass(frozen=True)
class Availability:
    """Whether a service takes tickets now, and if not, why and until when."""

    open: bool
    reason: Refusal | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    pause_reason: str | None = None  # a code of kiosk.pauses.PAUSE_REASONS when reason is PAUSED


def format_number(prefix: str, number: int) -> str:
    return f"{prefix}{number:03d}"


def ticket_link(config: Config, ticket_id: str) -> str:
    """The ticket's own address (its QR code): the config's template with the ticket's id."""
    return config.link_template.format(uuid=ticket_id)


def ticket_from_row(row: sqlite3.Row | tuple[object, ...], config: Config) -> Ticket:
    """A :class:`Ticket` from a row that starts with :data:`TICKET_COLUMNS`."""
    values = list(row)
    ticket_id = str(values[0])
    return Ticket(
        id=ticket_id, display=str(values[1]), prefix=str(values[2]), number=int(str(values[3])),
        business_day=dt.date.fromisoformat(str(values[4])), category_id=str(values[5]),
        service_id=str(values[6]), kiosk_id=str(values[7]), centre_id=str(values[8]),
        issued_utc=parse_iso_utc(str(values[9])), people_ahead=int(str(values[10])),
        wait_minutes=int(str(values[11])), est_call_utc=parse_iso_utc(str(values[12])),
        language=str(values[13]), link=ticket_link(config, ticket_id))


def waiting_ahead(conn: sqlite3.Connection, day: dt.date, category_id: str, now: dt.datetime) -> int:
    """Tickets of the category's queue today still waiting and not yet expected to be called.

    A booked visitor's ticket (prefix :data:`BOOKED_PREFIX`, ``est_call_utc`` its slot) is
    not in the live queue until the slot is overrun; then it counts for
    :data:`BOOKED_OVERRUN_MINUTES`, the time it is expected to take to call them.
    """
    row = conn.execute("SELECT count(*) FROM tickets WHERE business_day = ? AND category_id = ? "
                       "AND status = 'waiting' AND ((prefix != ? AND est_call_utc > ?) "
                       "OR (prefix = ? AND est_call_utc <= ? AND est_call_utc > ?))",
                       (day.isoformat(), category_id, BOOKED_PREFIX, iso_utc(now), BOOKED_PREFIX, iso_utc(now),
                        iso_utc(now - dt.timedelta(minutes=BOOKED_OVERRUN_MINUTES)))).fetchone()
    return int(row[0])


# How long an overrun booked visitor stays counted in the live queue.
BOOKED_OVERRUN_MINUTES = 15


def take_number(conn: sqlite3.Connection, config: Config, day: dt.date, prefix: str) -> int:
    """The next number of ``prefix`` today from the kiosk's block, counted inside the caller's transaction.

    Raises:
        TicketRefused: the block is used up (:attr:`Refusal.BLOCK_EXHAUSTED`).
    """
    row = conn.execute("SELECT last_number FROM counters WHERE business_day = ? AND prefix = ?",
                       (day.isoformat(), prefix)).fetchone()
    number = max(row[0] if row else 0, config.block_start - 1) + 1
    if number > config.block_end:
        raise TicketRefused(Refusal.BLOCK_EXHAUSTED)
    conn.execute("INSERT INTO counters (business_day, prefix, last_number) VALUES (?, ?, ?) "
                 "ON CONFLICT (business_day, prefix) DO UPDATE SET last_number = excluded.last_number",
                 (day.isoformat(), prefix, number))
    return number


def store_ticket(store: Store, conn: sqlite3.Connection, ticket: Ticket,
                 extra: dict[str, object] | None = None) -> None:
    """Insert a ticket and its ``ticket.issued`` event inside the caller's transaction.

    ``extra`` adds fields to the event's payload (a booking code, a package's services).
    """
    day = ticket.business_day.isoformat()
    conn.execute(
        "INSERT INTO tickets (id, business_day, prefix, number, display, category_id, service_id, "
        "kiosk_id, centre_id, issued_utc, people_ahead, wait_minutes, est_call_utc, language) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (ticket.id, day, ticket.prefix, ticket.number, ticket.display, ticket.category_id, ticket.service_id,
         ticket.kiosk_id, ticket.centre_id, iso_utc(ticket.issued_utc), ticket.people_ahead, ticket.wait_minutes,
         iso_utc(ticket.est_call_utc), ticket.language))
    payload: dict[str, object] = {
        "ticket_id": ticket.id, "number": ticket.display, "prefix": ticket.prefix,
        "seq_number": ticket.number, "business_day": day, "category_id": ticket.category_id,
        "service_id": ticket.service_id, "centre_id": ticket.centre_id, "issued_utc": iso_utc(ticket.issued_utc),
        "people_ahead": ticket.people_ahead, "wait_minutes": ticket.wait_minutes,
        "language": ticket.language,
    }
    payload.update(extra or {})
    store.add_event(conn, EventKind.TICKET_ISSUED, payload, occurred=ticket.issued_utc)


def record_print_failure(store: Store, conn: sqlite3.Connection, reason: str, *,
                         ticket_id: str | None = None) -> None:
    """Queue a ``print.failed`` event inside the caller's transaction (a ticket's, or a test page's)."""
    payload: dict[str, object] = {"reason": (reason or "unknown")[:PRINT_ERROR_MAX]}
    if ticket_id is None:
        payload["test_page"] = True
    else:
        payload["ticket_id"] = ticket_id
    store.add_event(conn, EventKind.PRINT_FAILED, payload)


def category_windows(category: Category) -> int:
    """Windows serving the category's queue; at least one, so a wait is finite."""
    return max(1, sum(s.windows for s in category.services))


class TicketDesk:
    """Issues tickets and answers queue questions from the local store.

    Args:
        store: the open store (used only from the thread that opened it).
        config: the kiosk's config.
        catalog: the service catalog in force.
        disk_usage: measures the data folder's filesystem (tests pass a fake one).
    """

    def __init__(self, store: Store, config: Config, catalog: Catalog, *,
                 disk_usage: DiskUsage = shutil.disk_usage) -> None:
        self.store = store
        self.config = config
        self.catalog = catalog
        self.disk_usage = disk_usage

    # -- time ---------------------------------------------------------------
    def now_local(self) -> dt.datetime:
        return self.config.local(self.store.clock.now_utc())

    def business_day(self, local: dt.datetime | None = None) -> dt.date:
        """Today's local date, never earlier than a day the kiosk already issued in."""
        today = (local or self.now_local()).date()
        last = self.store.get_state(LAST_DAY_KEY)
        if last is not None and dt.date.fromisoformat(last) > today:
            return dt.date.fromisoformat(last)
        return today

    # -- availability ---------------------------------------------------------
    def availability(self, service: Service, local: dt.datetime | None = None) -> Availability:
        local = local or self.now_local()
        centre_close = self.config.hours.closes_at(local)
        if centre_close is None:
            return Availability(False, Refusal.CENTRE_CLOSED, self.config.hours.next_opening(local))
        pause = active_pause(self.store, service.id, local)
        if pause is not None:
            return Availability(False, Refusal.PAUSED, pause_reason=pause.reason)
        close = centre_close
        if service.hours is not None:
            service_close = service.hours.closes_at(local)
            if service_close is None:
                return Availability(False, Refusal.SERVICE_CLOSED, service.hours.next_opening(local))
            close = min(close, service_close)
        return Availability(True, closes_at=close)

    def centre_opens_at(self) -> dt.datetime | None:
        """None while open; otherwise when the centre opens next."""
        local = self.now_local()
        if self.config.hours.is_open(local):
            return None
        return self.config.hours.next_opening(local)

    # -- estimates ------------------------------------------------------------
    def _free_times(self, conn: sqlite3.Connection, day: dt.date, category: Category,
                    now: dt.datetime) -> list[dt.datetime]:
        row = conn.execute("SELECT free_times FROM queue_state WHERE business_day = ? AND category_id = ?",
                           (day.isoformat(), category.id)).fetchone()
        windows = category_windows(category)
        times = [parse_iso_utc(t) for t in json.loads(row[0])] if row else []
        # A change of window count in the catalog takes effect here.
        times = sorted(times)[-windows:] if len(times) > windows else times
        times += [now] * (windows - len(times))
        return sorted(times)

    def live_estimate(self, category: Category, now: dt.datetime | None = None) -> Estimate | None:
        """The estimate from the server's live queue figures, or None when they are missing,
        older than :data:`LIVE_FIGURES_MAX_AGE_S`, or name no open window for the category.

        Tickets this kiosk issued after the figures were fetched are not in them
        yet, so they are added to the people waiting.
        """
        now = now or self.store.clock.now_utc()
        live = server_cache.live_queue(self.store)
        if live is None or not 0 <= (now - live.fetched_utc).total_seconds() <= LIVE_FIGURES_MAX_AGE_S:
            return None
        known = [live.services[s.id] for s in category.services if s.id in live.services]
        windows = sum(item.open_windows for item in known)
        if not known or windows == 0:
            return None
        waiting = sum(item.waiting for item in known)
        weights = [max(1, item.waiting) for item in known]
        avg = sum(item.avg_service_minutes * w for item, w in zip(known, weights, strict=True)) / sum(weights)
        since = self.store.db.conn.execute(
            "SELECT count(*) FROM tickets WHERE category_id = ? AND status = 'waiting' AND issued_utc >= ?",
            (category.id, iso_utc(live.fetched_utc))).fetchone()[0]
        ahead = waiting + int(since)
        return Estimate(people_ahead=ahead, wait_minutes=_round_minutes(ahead * avg / windows))

    def estimate(self, category: Category) -> Estimate:
        """People waiting in the category's queue and the wait a new ticket would face:
        the server's live figures when fresh, otherwise the kiosk's own replay."""
        live = self.live_estimate(category)
        if live is not None:
            return live
        now = self.store.clock.now_utc()
        day = self.business_day()
        conn = self.store.db.conn
        free = self._free_times(conn, day, category, now)
        wait = max(0.0, (free[0] - now).total_seconds() / 60)
        ahead = waiting_ahead(conn, day, category.id, now)
        return Estimate(people_ahead=ahead, wait_minutes=_round_minutes(wait))

    def overview(self) -> tuple[int, int]:
        """(people waiting in all queues, the longest expected wait in minutes)."""
        estimates = [self.estimate(c) for c in self.catalog.categories]
        return sum(e.people_ahead for e in estimates), max((e.wait_minutes for e in estimates), default=0)

    # -- issuing ----------------------------------------------------------------
    def issue(self, service_id: str, language: str, *, package_id: str = "") -> Ticket:
        """Issue a ticket for a service and store it with its outbox event, atomically.

        With ``package_id`` (a life situation of the catalog) the ticket is one visit for
        all the package's services: ``service_id`` is ignored, the number has the prefix
        of the first service's category (its queue calls the visitor), every service must
        be open, and the window is taken for the sum of their average minutes.

        Raises:
            TicketRefused: closed, past closing, block used up, or unknown service.
            StoreFull: less free disk than ``storage.disk_refuse_mib``, or the write met a
                full disk (nothing was issued).
            StoreError: the store could not be written (nothing was issued).
        """
        try:
            service_ids = self.catalog.package(package_id).service_ids if package_id else (service_id,)
            services = [self.catalog.service(sid) for sid in service_ids]
        except KeyError:
            raise TicketRefused(Refusal.UNKNOWN_SERVICE) from None
        service = services[0]
        category = self.catalog.category(service.category_id)
        now = self.store.clock.now_utc()
        local = self.config.local(now)
        avail = self.availability(service, local)
        for other in services[1:]:
            other_avail = self.availability(other, local)
            if not other_avail.open:
                avail = other_avail
                break
            if other_avail.closes_at is not None and avail.closes_at is not None:
                avail = Availability(True, closes_at=min(avail.closes_at, other_avail.closes_at))
        if not avail.open:
            raise TicketRefused(avail.reason or Refusal.CENTRE_CLOSED, avail.opens_at, avail.pause_reason)
        visit_minutes = sum(s.avg_minutes for s in services)
        # Before the write: the last megabytes are kept for the tickets already out (ratings, outbox).
        ensure_room(self.store.health.path.parent, self.config.storage, self.disk_usage)

        with self.store.transaction() as conn:
            day = self.business_day(local)
            free = self._free_times(conn, day, category, now)
            live = self.live_estimate(category, now)
            call_at = now + dt.timedelta(minutes=live.wait_minutes) if live is not None else max(now, free[0])
            if avail.closes_at is not None and call_at >= avail.closes_at:
                raise TicketRefused(Refusal.PAST_CLOSING, self.config.hours.next_opening(avail.closes_at))
            number = take_number(conn, self.config, day, category.prefix)
            ahead = live.people_ahead if live is not None else waiting_ahead(conn, day, category.id, now)
            # The kiosk's own replay goes on either way, ready for when live figures go stale.
            free[0] = max(now, free[0]) + dt.timedelta(minutes=visit_minutes)
            conn.execute("INSERT INTO queue_state (business_day, category_id, free_times) VALUES (?, ?, ?) "
                         "ON CONFLICT (business_day, category_id) DO UPDATE SET free_times = excluded.free_times",
                         (day.isoformat(), category.id, json.dumps([iso_utc(t) for t in sorted(free)])))
            self.store.set_state(conn, LAST_DAY_KEY, day.isoformat())
            ticket_id = self.store.new_id()
            ticket = Ticket(
                id=ticket_id, display=format_number(category.prefix, number), prefix=category.prefix,
                number=number, business_day=day, category_id=category.id, service_id=service.id,
                kiosk_id=self.config.kiosk_id, centre_id=self.config.centre_id, issued_utc=now,
                people_ahead=int(ahead), wait_minutes=_round_minutes((call_at - now).total_seconds() / 60),
                est_call_utc=call_at, language=language,
                link=ticket_link(self.config, ticket_id),
                package_id=package_id, service_ids=tuple(s.id for s in services) if package_id else (),
            )
            extra: dict[str, object] = {"package_id": package_id, "service_ids": list(ticket.service_ids)} \
                if package_id else {}
            store_ticket(self.store, conn, ticket, extra)
        return ticket

    def record_print(self, ticket_id: str, ok: bool, error: str | None = None) -> None:
        """Remember how printing a ticket ended; a failure is also queued for the server."""
        reason = (error or "unknown")[:PRINT_ERROR_MAX]
        with self.store.transaction() as conn:
            conn.execute("UPDATE tickets SET print_state = ?, print_error = ? WHERE id = ?",
                         ("printed" if ok else "failed", None if ok else reason, ticket_id))
            if not ok:
                record_print_failure(self.store, conn, reason, ticket_id=ticket_id)


def _round_minutes(minutes: float) -> int:
    """Whole minutes, rounded up: promising 4 minutes and taking 4.5 disappoints."""
    whole = int(minutes)
    return whole if minutes - whole < 1e-9 else whole + 1
