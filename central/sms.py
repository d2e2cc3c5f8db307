"""An SMS when the visitor's turn is near: the server's half.

A kiosk sends ``sms.requested`` with the visitor's number (after consent,
law 152-ФЗ); :mod:`central.store` keeps it in ``sms_requests`` (never in the
event itself). Whenever the centre's live queue figures are set
(``python -m central queue``), :func:`dispatch` works out how far each
pending ticket is from its turn and hands those ``ahead`` places away or
fewer to a :class:`Sender`, once per ticket. The number is forgotten (the
column set to NULL) as soon as the sender took it, when the queue moved past
the ticket, or when the business day is over (:func:`purge`, also run on every
queue update and by ``python -m central purge``).

How far away a ticket is: the live queue gives, per service, how many
tickets are ``waiting``. They are the last ones issued for that service, so a
ticket with ``k`` tickets of its service issued after it (and not cancelled)
is at place ``waiting - k`` (1 is next). Figures older than the ticket say
nothing about it, and it waits for newer ones.

Once per ticket, at most: a request is claimed (``sending``) in its own
transaction before the sender is called. If the sender fails it goes back to
``pending`` for the next queue update; if the process dies in between, it
stays claimed and is not sent again (a missed SMS, never two).

The number is never logged, answered or shown: logs carry :func:`mask`
(«+7 916 •••-••-67») and the ticket number.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from .db import Database
from .timeutil import iso_utc, parse_iso_utc

log = logging.getLogger("central.sms")

DEFAULT_AHEAD = 3
# The centres' local time: business days and "the end of the day" are Moscow's.
CENTRE_TZ = ZoneInfo("Europe/Moscow")

TEXTS = {
    "ru": "Мои документы: талон {number} — ваша очередь скоро, подойдите к залу ожидания.",
    "en": "My Documents: ticket {number}, your turn is near; please come to the waiting area.",
}


def mask(phone: str) -> str:
    """``+7 916 •••-••-67`` for ``+79160000067``; anything else is masked entirely."""
    digits = phone[2:] if phone.startswith("+7") else ""
    if len(digits) != 10 or not digits.isdigit():
        return "+7 ••• •••-••-••"
    return f"+7 {digits[:3]} •••-••-{digits[8:]}"


@dataclass(frozen=True)
class Message:
    """One SMS to hand over: the number is here only between the claim and the send."""

    ticket_id: str
    number: str  # the ticket's display number
    language: str
    phone: str
    text: str

    def __repr__(self) -> str:  # never the number, even in a traceback's locals
        return f"Message(ticket={self.number}, phone={mask(self.phone)})"


class SendError(RuntimeError):
    """The sender could not hand the message over (it will be tried again)."""


class Sender(Protocol):
    def send(self, message: Message) -> None:
        """Hand ``message`` over; raise :class:`SendError` when that failed."""


class LogSender:
    """The default: sends nothing, logs that it would have (with the number masked)."""

    def send(self, message: Message) -> None:
        log.info("SMS for ticket %s to %s (log only): %s", message.number, mask(message.phone), message.text)


class HttpSender:
    """An example for an SMS gateway: ``POST url`` with a JSON body and a bearer token.

    The body is ``{"to": "+79…", "text": "…", "reference": ticket_id}``; any 2xx
    answer counts as handed over. Gateways differ: adapt the body to yours.
    The token comes from the environment (``CENTRAL_SMS_TOKEN``), never the
    command line, and is never logged.
    """

    def __init__(self, url: str, token: str, *, timeout: float = 10.0) -> None:
        parts = urllib.parse.urlsplit(url)
        loopback = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
        if not (parts.scheme == "https" and parts.hostname) and not loopback:
            raise ValueError("the SMS gateway URL must be https:// (plain http only on the loopback)")
        self.url = url
        self.token = token
        self.timeout = timeout

    def send(self, message: Message) -> None:
        body = json.dumps({"to": message.phone, "text": message.text, "reference": message.ticket_id}).encode()
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # the scheme is checked above
                status = answer.status
        except urllib.error.HTTPError as error:
            raise SendError(f"the gateway answered {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise SendError(f"the gateway cannot be reached: {type(error).__name__}") from None
        if not 200 <= status < 300:
            raise SendError(f"the gateway answered {status}")
        log.info("SMS for ticket %s handed to the gateway (%s)", message.number, mask(message.phone))


def local_today(now: dt.datetime) -> dt.date:
    return now.astimezone(CENTRE_TZ).date()


def _forget_securely(db: Database) -> None:
    """On SQLite, make the next writes overwrite freed bytes (the old number) with zeros."""
    if db.is_sqlite:
        db.conn.exec_driver_sql("PRAGMA secure_delete = ON")


def _truncate_wal(db: Database) -> None:
    """On SQLite, copy the WAL into the database and empty it, so no old page keeps a number."""
    if not db.is_sqlite:
        return
    db.end_read()
    raw: Any = db.conn.connection.dbapi_connection
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def purge(db: Database, *, now: dt.datetime) -> int:
    """Forget the numbers of earlier business days (never sent: ``expired``); returns how many."""
    today = local_today(now).isoformat()
    _forget_securely(db)
    with db.write():
        result = db.execute(
            "UPDATE sms_requests SET phone = NULL, "
            "state = CASE WHEN state IN ('pending', 'sending') THEN 'expired' ELSE state END, "
            "done_utc = coalesce(done_utc, :at) WHERE phone IS NOT NULL AND business_day < :d",
            {"at": iso_utc(now), "d": today},
        )
        forgotten = result.rowcount or 0
    _truncate_wal(db)
    if forgotten:
        log.info("%d SMS number(s) of earlier days forgotten", forgotten)
    return forgotten


def _places(db: Database, centre_id: str, ticket_id: str, waiting: dict[str, int], as_of: str) -> int | None:
    """The ticket's place in its queue (1 is next), or None when the figures say nothing about it."""
    row = db.execute(
        "SELECT service_id, issued_utc, business_day, state FROM tickets WHERE centre_id = :c AND ticket_id = :t",
        {"c": centre_id, "t": ticket_id},
    ).fetchone()
    if row is None or row[1] is None:
        return None  # its ticket.issued has not arrived
    service_id, issued, business_day, state = row
    if state == "cancelled":
        return 0
    if service_id not in waiting or parse_iso_utc(issued) > parse_iso_utc(as_of):
        return None
    behind = db.scalar(
        "SELECT count(*) FROM tickets WHERE centre_id = :c AND business_day = :d AND service_id = :s "
        "AND state <> 'cancelled' AND ticket_id <> :t AND issued_utc IS NOT NULL "
        "AND (issued_utc > :at OR (issued_utc = :at AND ticket_id > :t)) AND issued_utc <= :as_of",
        {"c": centre_id, "d": business_day, "s": service_id, "t": ticket_id, "at": issued, "as_of": as_of},
    )
    return waiting[service_id] - int(behind)


def dispatch(
    db: Database,
    centre_id: str,
    *,
    sender: Sender,
    now: dt.datetime,
    ahead: int = DEFAULT_AHEAD,
) -> list[str]:
    """Hand the centre's tickets that are ``ahead`` places away or fewer to ``sender``.

    Reads the centre's live queue as stored; returns the ticket numbers sent.
    """
    purge(db, now=now)
    row = db.execute("SELECT as_of_utc, services FROM queues WHERE centre_id = :c", {"c": centre_id}).fetchone()
    if row is None:
        return []
    as_of = row[0]
    waiting = {item["service_id"]: int(item["waiting"]) for item in json.loads(row[1])}
    today = local_today(now).isoformat()
    pending = db.execute(
        "SELECT ticket_id FROM sms_requests WHERE centre_id = :c AND state = 'pending' AND business_day = :d "
        "ORDER BY requested_utc, ticket_id",
        {"c": centre_id, "d": today},
    ).fetchall()
    db.end_read()
    sent: list[str] = []
    passed = []
    for (ticket_id,) in pending:
        place = _places(db, centre_id, ticket_id, waiting, as_of)
        db.end_read()
        if place is None:
            continue
        if place <= 0:
            passed.append(ticket_id)  # called already (or cancelled): nothing to send
            continue
        if place > ahead:
            continue
        message = _claim(db, centre_id, ticket_id, now=now)
        if message is None:
            continue  # another process claimed it
        try:
            sender.send(message)
        except SendError as error:
            log.error("SMS for ticket %s not sent, tried again at the next queue update: %s", message.number, error)
            _release(db, centre_id, ticket_id)
            continue
        _done(db, centre_id, ticket_id, "sent", now=now)
        sent.append(message.number)
    for ticket_id in passed:
        _done(db, centre_id, ticket_id, "passed", now=now)
    if sent or passed:
        _truncate_wal(db)
    return sent


def _claim(db: Database, centre_id: str, ticket_id: str, *, now: dt.datetime) -> Message | None:
    with db.write():
        row = db.execute(
            "UPDATE sms_requests SET state = 'sending' WHERE centre_id = :c AND ticket_id = :t AND state = 'pending' "
            "RETURNING number, language, phone",
            {"c": centre_id, "t": ticket_id},
        ).fetchone()
    if row is None or row[2] is None:
        return None
    number, language, phone = row
    text = TEXTS.get(language, TEXTS["ru"]).format(number=number)
    return Message(ticket_id, number, language, phone, text)


def _release(db: Database, centre_id: str, ticket_id: str) -> None:
    with db.write():
        db.execute(
            "UPDATE sms_requests SET state = 'pending' WHERE centre_id = :c AND ticket_id = :t AND state = 'sending'",
            {"c": centre_id, "t": ticket_id},
        )


def _done(db: Database, centre_id: str, ticket_id: str, state: str, *, now: dt.datetime) -> None:
    _forget_securely(db)
    with db.write():
        db.execute(
            "UPDATE sms_requests SET state = :s, phone = NULL, done_utc = :at "
            "WHERE centre_id = :c AND ticket_id = :t AND state IN ('pending', 'sending')",
            {"s": state, "at": iso_utc(now), "c": centre_id, "t": ticket_id},
        )


def states(db: Database, centre_id: str) -> dict[str, int]:
    """How many requests of the centre are in each state (for operators; no numbers)."""
    rows: Iterable[Any] = db.execute(
        "SELECT state, count(*) FROM sms_requests WHERE centre_id = :c GROUP BY state", {"c": centre_id}
    )
    return {state: int(count) for state, count in rows}
