"""Visitors' ratings of the service.

Two kinds of rating, both stored in the ``ratings`` table (migration 0002):

* **Ticket ratings**: the five «Ваш контроль» criteria, each 1..5 and each
  optional, plus an optional comment, tied to one of today's tickets of this
  centre. A ticket is found by its number as printed («П017») or by its id
  from the ticket's QR link. One rating per ticket: the check happens before
  the visitor starts and again inside the write, and a unique index on
  ``ratings.ticket_id`` backs both.
* **Quick ratings**: one overall grade in one tap, without a ticket. They are
  throttled per kiosk (``kiosk.quick_rating_gap_s``) so that a child tapping
  at the screen does not flood the statistics; a throttled tap is counted per
  business day in ``kiosk_state`` and the count travels with the next accepted
  quick rating, so nothing is dropped silently.

Every rating row is written with its ``rating.submitted`` outbox event in one
transaction. ``served_window`` stays NULL: the server's live data does not
name the window that served a ticket yet.

The ``scores`` column holds JSON ``{criterion id: grade}``; a skipped
criterion is absent. Criterion ids are the values of :class:`Criterion`.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.clock import iso_utc, parse_iso_utc
from kiosk.config import LANGUAGES, Config
from kiosk.events import EventKind
from kiosk.store import Store
from kiosk.tickets import TicketDesk, format_number

MAX_COMMENT_CHARS = 500
GRADES = (1, 2, 3, 4, 5)
_THROTTLED_KEY = "quick_rating_throttled:"  # + business day


class Criterion(enum.Enum):
    """The five federal criteria, in the order the visitor sees them."""

    SERVICE_TIME = "service_time"  # Время предоставления услуги
    WAITING_TIME = "waiting_time"  # Время ожидания в очереди
    STAFF = "staff"  # Вежливость и компетентность сотрудника
    COMFORT = "comfort"  # Комфортность условий в помещении
    INFORMATION = "information"  # Доступность информации о порядке предоставления услуги


CRITERIA: tuple[Criterion, ...] = tuple(Criterion)


class RatingKind(enum.Enum):
    TICKET = "ticket"
    QUICK = "quick"


class QuickSource(enum.Enum):
    """Where a quick rating was tapped; travels in the event for the statistics."""

    HOME = "home"
    TICKET = "ticket"


class Verdict(enum.Enum):
    """Why a ticket cannot be rated. The UI turns each into words."""

    UNREADABLE = "unreadable"  # neither a ticket number nor this kiosk's ticket link
    UNKNOWN = "unknown"  # no such ticket here
    OTHER_DAY = "other_day"  # a ticket from an earlier day
    OTHER_KIOSK = "other_kiosk"  # the number belongs to another kiosk's block
    CANCELLED = "cancelled"  # a consultant cancelled the ticket
    ALREADY_RATED = "already_rated"  # one rating per ticket


class NotRatable(Exception):
    """The ticket cannot be rated: :attr:`verdict` says why, :attr:`display` which
    number the visitor gave (when one could be read)."""

    def __init__(self, verdict: Verdict, display: str | None = None) -> None:
        super().__init__(verdict.value)
        self.verdict = verdict
        self.display = display


@dataclass(frozen=True)
class TicketCode:
    """What the visitor typed or scanned, understood: a ticket id or a number."""

    ticket_id: str | None = None
    prefix: str | None = None
    number: int | None = None

    @property
    def display(self) -> str | None:
        if self.prefix is None or self.number is None:
            return None
        return format_number(self.prefix, self.number)


@dataclass(frozen=True)
class RatableTicket:
    """A ticket the visitor may rate now."""

    id: str
    display: str
    service_id: str
    business_day: dt.date
    issued_utc: dt.datetime


@dataclass(frozen=True)
class Rating:
    id: str
    kind: RatingKind
    ticket_id: str | None
    business_day: dt.date
    service_id: str | None
    created_utc: dt.datetime
    language: str
    scores: Mapping[Criterion, int] = field(default_factory=dict)
    overall: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class QuickOutcome:
    """What became of a quick tap: a stored rating, or a throttled (counted) tap."""

    accepted: bool
    rating: Rating | None
    throttled_today: int


# -- understanding typed and scanned codes ----------------------------------------

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_UUID_RE = re.compile(_UUID)
_NUMBER_RE = re.compile(r"([^\W\d_])[\s-]?0*(\d{1,3})")
# Latin letters that look exactly like a Cyrillic one: a visitor copying
# «С017» on a hardware keyboard in the Latin layout types a Latin C.
_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
# A scanner types the key positions of a US keyboard; with the Russian layout
# active the link arrives in Cyrillic. This maps it back.
_RU_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбю.ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,\"№;:?"
_US_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?@#$^&"
_RU_TO_US = str.maketrans(_RU_KEYS, _US_KEYS)


def _link_pattern(link_template: str) -> re.Pattern[str]:
    before, _, after = link_template.partition("{uuid}")
    return re.compile(re.escape(before) + f"({_UUID})" + re.escape(after), re.IGNORECASE)


def parse_code(text: str, link_template: str) -> TicketCode | None:
    """Understand a typed ticket number («П017», «п17», «П 017») or a scanned
    ticket link (``link_template`` with its ``{uuid}``) or a bare ticket id.

    Returns:
        The code, or None when the text is neither.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    link = _link_pattern(link_template)
    for candidate in (cleaned, cleaned.translate(_RU_TO_US)):
        found = link.fullmatch(candidate) or _UUID_RE.fullmatch(candidate)
        if found:
            return TicketCode(ticket_id=(found.group(1) if found.re is link else found.group(0)).lower())
    number = _NUMBER_RE.fullmatch(cleaned.upper().translate(_LOOKALIKES))
    if number is None or int(number.group(2)) == 0:
        return None
    return TicketCode(prefix=number.group(1), number=int(number.group(2)))


# -- the desk ---------------------------------------------------------------------

class RatingDesk:
    """Finds tickets to rate and stores ratings with their outbox events.

    Args:
        store: the open store (used only from the thread that opened it).
        config: the kiosk's config (centre, number block, link template, quick-rating gap).
        tickets: the ticket desk, for the business day.
    """

    def __init__(self, store: Store, config: Config, tickets: TicketDesk) -> None:
        self.store = store
        self.config = config
        self.tickets = tickets

    # -- finding the ticket -----------------------------------------------------
    def find_ticket(self, text: str) -> RatableTicket:
        """The ticket a typed number or scanned link names, if it may be rated now.

        Raises:
            NotRatable: unreadable, unknown, another day's, another kiosk's,
                cancelled, or already rated.
        """
        code = parse_code(text, self.config.link_template)
        if code is None:
            raise NotRatable(Verdict.UNREADABLE)
        return self._check(self.store.db.conn, code)

    def _check(self, conn: sqlite3.Connection, code: TicketCode) -> RatableTicket:
        today = self.tickets.business_day()
        columns = "id, display, service_id, business_day, issued_utc, status, cancelled_utc"
        if code.ticket_id is not None:
            row = conn.execute(f"SELECT {columns} FROM tickets WHERE id = ? AND centre_id = ?",
                               (code.ticket_id, self.config.centre_id)).fetchone()
            if row is None:
                raise NotRatable(Verdict.UNKNOWN)
        else:
            display = code.display
            assert display is not None and code.number is not None
            row = conn.execute(f"SELECT {columns} FROM tickets WHERE business_day = ? AND display = ? "
                               "AND centre_id = ?", (today.isoformat(), display, self.config.centre_id)).fetchone()
            if row is None:
                if not self.config.block_start <= code.number <= self.config.block_end:
                    raise NotRatable(Verdict.OTHER_KIOSK, display)
                earlier = conn.execute("SELECT 1 FROM tickets WHERE display = ? AND business_day < ? "
                                       "AND centre_id = ? LIMIT 1",
                                       (display, today.isoformat(), self.config.centre_id)).fetchone()
                raise NotRatable(Verdict.OTHER_DAY if earlier else Verdict.UNKNOWN, display)
        ticket_id, display, service_id, day, issued, status, cancelled = row
        if day != today.isoformat():
            raise NotRatable(Verdict.OTHER_DAY, display)
        if status == "cancelled" or cancelled is not None:
            raise NotRatable(Verdict.CANCELLED, display)
        if conn.execute("SELECT 1 FROM ratings WHERE ticket_id = ?", (ticket_id,)).fetchone():
            raise NotRatable(Verdict.ALREADY_RATED, display)
        return RatableTicket(id=ticket_id, display=display, service_id=service_id,
                             business_day=dt.date.fromisoformat(day), issued_utc=parse_iso_utc(issued))

    # -- ticket ratings -----------------------------------------------------------
    def rate_ticket(self, ticket_id: str, scores: Mapping[Criterion, int], comment: str,
                    language: str) -> Rating:
        """Store a ticket's rating with its outbox event, atomically.

        Args:
            ticket_id: a ticket :meth:`find_ticket` returned.
            scores: a grade 1..5 per criterion the visitor rated; at least one.
            comment: the visitor's words (may be empty), at most 500 characters.
            language: the language the visitor used.

        Raises:
            NotRatable: the ticket was rated or cancelled meanwhile, or its day is over.
            ValueError: no grade, a grade out of range, or a comment too long.
            StoreError: the store could not be written (nothing was stored).
        """
        if not scores:
            raise ValueError("a rating needs at least one grade")
        for criterion, grade in scores.items():
            if not isinstance(criterion, Criterion) or grade not in GRADES:
                raise ValueError(f"bad grade {grade!r} for {criterion!r}")
        text = comment.strip()
        if len(text) > MAX_COMMENT_CHARS:
            raise ValueError(f"comment of {len(text)} characters; at most {MAX_COMMENT_CHARS}")
        _check_language(language)
        now = self.store.clock.now_utc()
        ordered = {c: scores[c] for c in CRITERIA if c in scores}
        with self.store.transaction() as conn:
            # Checked again inside the write lock (BEGIN IMMEDIATE): between finding
            # the ticket and sending, a consultant may have cancelled it, the day may
            # have ended, or another rating may have been stored. Under the lock the
            # unique index on ratings.ticket_id can only fire on a bug.
            ticket = self._check(conn, TicketCode(ticket_id=ticket_id))
            rating = Rating(id=self.store.new_id(), kind=RatingKind.TICKET, ticket_id=ticket.id,
                            business_day=ticket.business_day, service_id=ticket.service_id, created_utc=now,
                            language=language, scores=ordered, comment=text or None)
            self._insert(conn, rating, {"ticket_number": ticket.display})
        return rating

    # -- quick ratings -------------------------------------------------------------
    def rate_quick(self, grade: int, language: str, source: QuickSource) -> QuickOutcome:
        """Store a one-tap overall grade, unless one was stored less than the gap ago.

        A throttled tap is counted for the business day and the outcome says so.

        Raises:
            ValueError: a grade out of range or an unknown language.
            StoreError: the store could not be written.
        """
        if grade not in GRADES:
            raise ValueError(f"bad grade {grade!r}")
        _check_language(language)
        now = self.store.clock.now_utc()
        gap = dt.timedelta(seconds=self.config.quick_rating_gap_s)
        with self.store.transaction() as conn:
            day = self.tickets.business_day()
            key = _THROTTLED_KEY + day.isoformat()
            throttled = int(self.store.get_state(key) or 0)
            last = conn.execute("SELECT max(created_utc) FROM ratings WHERE kind = 'quick' AND kiosk_id = ?",
                                (self.config.kiosk_id,)).fetchone()[0]
            # abs(): a wall clock stepped back must not lock quick ratings out for hours.
            if last is not None and abs(now - parse_iso_utc(last)) < gap:
                self.store.set_state(conn, key, str(throttled + 1))
                return QuickOutcome(accepted=False, rating=None, throttled_today=throttled + 1)
            rating = Rating(id=self.store.new_id(), kind=RatingKind.QUICK, ticket_id=None, business_day=day,
                            service_id=None, created_utc=now, language=language, overall=grade)
            self._insert(conn, rating, {"source": source.value, "throttled_today": throttled})
        return QuickOutcome(accepted=True, rating=rating, throttled_today=throttled)

    # -- writing ----------------------------------------------------------------------
    def _insert(self, conn: sqlite3.Connection, rating: Rating, extra: Mapping[str, object]) -> None:
        scores = {c.value: g for c, g in rating.scores.items()}
        conn.execute(
            "INSERT INTO ratings (id, kind, ticket_id, business_day, service_id, served_window, kiosk_id, "
            "created_utc, scores, overall, comment, language) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
            (rating.id, rating.kind.value, rating.ticket_id, rating.business_day.isoformat(), rating.service_id,
             self.config.kiosk_id, iso_utc(rating.created_utc), json.dumps(scores, sort_keys=True),
             rating.overall, rating.comment, rating.language))
        payload: dict[str, object] = {
            "rating_id": rating.id, "kind": rating.kind.value, "ticket_id": rating.ticket_id,
            "business_day": rating.business_day.isoformat(), "service_id": rating.service_id,
            "served_window": None, "centre_id": self.config.centre_id, "kiosk_id": self.config.kiosk_id,
            "created_utc": iso_utc(rating.created_utc), "comment": rating.comment, "language": rating.language,
            **extra,
        }
        # The server's contract (docs/api/openapi.yaml, RatingPayload): a ticket
        # rating carries a non-empty "scores", a quick one an "overall"; an
        # empty "scores" or a null "overall" is refused.
        if scores:
            payload["scores"] = scores
        if rating.overall is not None:
            payload["overall"] = rating.overall
        self.store.add_event(conn, EventKind.RATING_SUBMITTED, payload, occurred=rating.created_utc)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
