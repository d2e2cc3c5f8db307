"""An SMS when the turn is near: the kiosk's side.

The visitor types a Russian mobile number (+7 9XX XXX-XX-XX) and gives explicit
consent after a short personal-data notice (law 152-ФЗ). The number then lives
in one place only: the payload of its own outbox event, ``sms.requested``,
until the central server has it. Once the server acknowledged the event (or
refused it for good), :func:`erase_delivered` removes the number from the
payload, with SQLite's ``secure_delete`` so the old bytes are overwritten, and
truncates the WAL so no earlier copy of the page stays there. A request the
server never got by the end of its business day is erased the same way and
not sent.

The number is never printed, logged, shown again in full (the screen shows
:func:`mask`), exported (the export reads no outbox payloads) or put in the
heartbeat (which counts events, nothing more).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
from dataclasses import dataclass

from kiosk.clock import iso_utc
from kiosk.events import EventKind
from kiosk.store import Store
from kiosk.tickets import Ticket

log = logging.getLogger(__name__)

# The notice the visitor agrees to; its version travels with the request.
NOTICE_VERSION = 1
PHONE_KEY = "phone"
# kiosk_state: the WAL may still hold an erased number until it is truncated.
_WAL_KEY = "sms.wal_to_truncate"
_MOBILE_RE = re.compile(r"9[0-9]{9}")


class SmsRefused(ValueError):
    """No request was stored: no consent, or not a Russian mobile number."""


@dataclass(frozen=True)
class Phone:
    """A validated Russian mobile number; ``str()`` and ``repr()`` show it masked only."""

    digits: str  # ten digits, starting with 9

    @property
    def e164(self) -> str:
        return f"+7{self.digits}"

    def __str__(self) -> str:
        return mask(self.digits)

    def __repr__(self) -> str:
        return f"Phone({mask(self.digits)})"


def national_digits(typed: str) -> str:
    """The digits after +7 in what was typed: '+7 916…', '8 916…' and '916…' give the same."""
    digits = "".join(ch for ch in typed if ch.isascii() and ch.isdigit())
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    return digits


def parse_phone(typed: str) -> Phone | None:
    """A Russian mobile number, or None when ``typed`` is not one."""
    digits = national_digits(typed)
    return Phone(digits) if _MOBILE_RE.fullmatch(digits) else None


def mask(digits: str) -> str:
    """'+7 916 •••-••-67' for ten digits; while typing, the digits so far in the same
    groups with all but the first three hidden."""
    digits = digits[:10]
    shown = [d if i < 3 or (len(digits) == 10 and i >= 8) else "•" for i, d in enumerate(digits)]
    text = "+7 " + "".join(shown[0:3])
    for start, end, gap in ((3, 6, " "), (6, 8, "-"), (8, 10, "-")):
        if len(shown) > start:
            text += gap + "".join(shown[start:end])
    return text


def request_sms(store: Store, ticket: Ticket, phone: Phone, language: str, *, consent: bool) -> str:
    """Queue the request for the server; returns the event id.

    Raises:
        SmsRefused: without consent (nothing is stored).
        StoreError: the store could not be written (nothing is stored).
    """
    if not consent:
        raise SmsRefused("the visitor did not consent to the processing of the phone number")
    now = store.clock.now_utc()
    with store.transaction() as conn:
        event_id = store.add_event(conn, EventKind.SMS_REQUESTED, {
            "ticket_id": ticket.id, "number": ticket.display, "business_day": ticket.business_day.isoformat(),
            "centre_id": ticket.centre_id, PHONE_KEY: phone.e164, "language": language,
            "consent_utc": iso_utc(now), "notice_version": NOTICE_VERSION,
        }, occurred=now)
    log.info("SMS request queued for ticket %s", ticket.display)  # never the number
    return event_id


def _strip(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> int:
    rows = conn.execute(f"SELECT seq, payload FROM outbox WHERE kind = ? AND {where}",
                        (EventKind.SMS_REQUESTED.value, *params)).fetchall()
    erased = 0
    for seq, payload in rows:
        body = json.loads(payload)
        if PHONE_KEY not in body:
            continue
        del body[PHONE_KEY]
        body["phone_erased"] = True
        conn.execute("UPDATE outbox SET payload = ? WHERE seq = ?",
                     (json.dumps(body, ensure_ascii=False, sort_keys=True), seq))
        erased += 1
    return erased


def erase_delivered(store: Store, today: dt.date) -> int:
    """Erase the numbers the server has (or refused), and those of earlier days never sent.

    Returns how many numbers were erased. The earlier days' requests are marked
    ``rejected`` (``expired``): an SMS for yesterday's queue is no use.
    """
    conn = store.db.conn
    left = numbers_left(store)
    erased = 0
    if left:
        # Deleted and rewritten cells are overwritten with zeros, not left in free space.
        conn.execute("PRAGMA secure_delete = ON")
        with store.transaction() as tx:
            erased = _strip(tx, "state != 'pending'", ())
            expired = tx.execute(
                "UPDATE outbox SET state = 'rejected', rejected_code = 'expired', "
                "last_error = 'not sent on its business day' WHERE kind = ? AND state = 'pending' "
                "AND json_extract(payload, '$.business_day') < ?",
                (EventKind.SMS_REQUESTED.value, today.isoformat())).rowcount
            if expired:
                erased += _strip(tx, "state = 'rejected' AND rejected_code = 'expired'", ())
            if erased:
                store.set_state(tx, _WAL_KEY, "1")
        if erased:
            log.info("%d SMS phone number(s) erased from the kiosk", erased)
    if store.get_state(_WAL_KEY) == "1":
        # No copy of the old pages may stay in the write-ahead log: truncate it, or try next time
        # (a reader on another connection keeps it busy).
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            with store.transaction() as tx:
                store.set_state(tx, _WAL_KEY, "0")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return erased


def numbers_left(store: Store) -> int:
    """How many SMS requests still hold a phone number (for admin mode and tests)."""
    row = store.db.conn.execute("SELECT count(*) FROM outbox WHERE kind = ? AND payload LIKE ?",
                                (EventKind.SMS_REQUESTED.value, f'%"{PHONE_KEY}"%')).fetchone()
    return int(row[0])
