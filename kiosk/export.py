"""``main.py export --from DATE --to DATE --out FILE.csv``: tickets and ratings for a spreadsheet.

The dates are local business days (the centre's time zone), both included.
One row per ticket (with its rating, when it has one) and one row per quick
rating, in the order they happened.

The file is made for Excel with Russian regional settings, which is what the
centres run: **UTF-8 with a byte-order mark** (without it Excel reads the
Cyrillic as cp1251 mojibake) and **``;`` between fields** (a Russian locale's
list separator, because ``,`` is its decimal comma: a double-click then opens
the file in columns). Lines end in CRLF; fields holding ``;``, quotes or line
breaks are quoted as RFC 4180 says. LibreOffice asks for the separator and
reads it as well. There are no fractional numbers, so the decimal comma never
matters. Times are local, ``YYYY-MM-DD HH:MM:SS``, which both read as a date
and time.

Columns, in this order (empty when they do not apply):

==================== ==============================================================
``record``           ``ticket`` or ``quick_rating``
``business_day``     the local business day, ``YYYY-MM-DD``
``number``           the ticket's number as printed («П017»)
``ticket_id``        the ticket's id (its QR link ends with it)
``kiosk_id``         the kiosk that issued the ticket or took the rating
``issued_local``     when the ticket was issued
``category_id``      the ticket's category
``service_id``       the service of the ticket (or of a quick rating, if known)
``service_name``     the service's Russian name from the catalog in force
``people_ahead``     people ahead of the ticket when it was issued
``wait_minutes``     the wait promised on the ticket, in minutes
``expected_call_local`` when the ticket was expected to be called
``language``         ``ru`` or ``en``: the language the visitor used
``status``           ``waiting`` or ``cancelled``
``cancel_reason``    why a consultant cancelled the ticket
``print_state``      ``pending``, ``printed`` or ``failed``
``rated_local``      when the rating was given
``service_time`` … ``information``  the five «Ваш контроль» criteria, 1–5
                     (``service_time``, ``waiting_time``, ``staff``, ``comfort``,
                     ``information``); empty when skipped
``overall``          a quick rating's one grade, 1–5
``comment``          the visitor's comment
==================== ==============================================================

Never in the file: phone numbers, PINs, tokens. Nothing is read from the
audit trail, the PIN table, the server cache's appointments or the sync
credentials; a visitor's comment is free text, so any run of 7 or more digits
in it (with spaces, dashes, dots, brackets or a leading ``+`` between them:
«+7 (916) 123-45-67», «89161234567») is replaced by :data:`MASK`. A text cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading ``'`` so that a spreadsheet shows it rather than running it as a formula.

The file is written to a temporary name beside ``FILE.csv`` with mode 0600
(comments are personal) and renamed when complete.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import os
import re
import sqlite3
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog import Catalog, CatalogError, parse_catalog
from kiosk.clock import parse_iso_utc
from kiosk.ratings import CRITERIA
from kiosk.server_cache import BUNDLE

MASK = "***"
DELIMITER = ";"
ENCODING = "utf-8-sig"  # UTF-8 with the byte-order mark Excel looks for
COLUMNS: tuple[str, ...] = (
    "record", "business_day", "number", "ticket_id", "kiosk_id", "issued_local", "category_id", "service_id",
    "service_name", "people_ahead", "wait_minutes", "expected_call_local", "language", "status",
    "cancel_reason", "print_state", "rated_local", *(c.value for c in CRITERIA), "overall", "comment",
)
# 7+ digits, possibly separated: the shortest Moscow number without its code has 7.
_PHONE_RE = re.compile(r"\+?\d(?:[\s().\-]*\d){6,}")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportError(Exception):
    """The export could not be written; ``str()`` is one line saying why."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    tickets: int
    ratings: int  # ticket ratings and quick ratings


def parse_day(text: str) -> dt.date:
    """A business day written ``YYYY-MM-DD``.

    Raises:
        ValueError: anything else (``2026-13-01``, ``24.11.2026``, ``2026-11-24T10:00``).
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def mask_phones(text: str) -> str:
    """Replace anything that may be a phone number with :data:`MASK`."""
    return _PHONE_RE.sub(MASK, text)


def safe_text(text: str | None) -> str:
    """A free-text cell: phone numbers masked, and never taken for a formula."""
    if not text:
        return ""
    cleaned = mask_phones(text)
    return "'" + cleaned if cleaned.startswith(_FORMULA_START) else cleaned


def export_rows(conn: sqlite3.Connection, first: dt.date, last: dt.date, tz: zoneinfo.ZoneInfo,
                catalog: Catalog | None = None) -> Iterator[dict[str, str]]:
    """The rows of the export (as :data:`COLUMNS` → text), in the order they happened."""
    names = _service_names(conn, catalog)
    span = (first.isoformat(), last.isoformat())

    def local(text: object) -> str:
        if text is None:
            return ""
        return parse_iso_utc(str(text)).astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")

    rows: list[tuple[str, dict[str, str]]] = []
    tickets = conn.execute(
        "SELECT t.id, t.business_day, t.display, t.kiosk_id, t.issued_utc, t.category_id, t.service_id, "
        "t.people_ahead, t.wait_minutes, t.est_call_utc, t.language, t.status, t.cancel_reason, t.print_state, "
        "r.created_utc, r.scores, r.comment "
        "FROM tickets t LEFT JOIN ratings r ON r.ticket_id = t.id AND r.kind = 'ticket' "
        "WHERE t.business_day BETWEEN ? AND ? ORDER BY t.issued_utc, t.rowid", span)
    for (ticket_id, day, number, kiosk_id, issued, category, service, ahead, wait, call, language, status,
         reason, print_state, rated, scores, comment) in tickets:
        row = dict.fromkeys(COLUMNS, "")
        row.update(record="ticket", business_day=str(day), number=str(number), ticket_id=str(ticket_id),
                   kiosk_id=str(kiosk_id), issued_local=local(issued), category_id=str(category),
                   service_id=str(service), service_name=safe_text(names.get(str(service))),
                   people_ahead=str(ahead), wait_minutes=str(wait), expected_call_local=local(call),
                   language=str(language), status=str(status), cancel_reason=safe_text(reason),
                   print_state=str(print_state), rated_local=local(rated), comment=safe_text(comment))
        row.update(_scores(scores))
        rows.append((str(issued), row))
    quick = conn.execute(
        "SELECT business_day, kiosk_id, service_id, created_utc, overall, comment, language FROM ratings "
        "WHERE kind = 'quick' AND business_day BETWEEN ? AND ? ORDER BY created_utc, rowid", span)
    for day, kiosk_id, service, created, overall, comment, language in quick:
        row = dict.fromkeys(COLUMNS, "")
        row.update(record="quick_rating", business_day=str(day), kiosk_id=str(kiosk_id),
                   service_id="" if service is None else str(service),
                   service_name=safe_text(names.get(str(service))) if service is not None else "",
                   rated_local=local(created), overall="" if overall is None else str(overall),
                   comment=safe_text(comment), language=str(language))
        rows.append((str(created), row))
    rows.sort(key=lambda item: item[0])  # ISO UTC times sort as text
    for _, row in rows:
        yield row


def write_csv(rows: Iterable[Mapping[str, str]], out: Path) -> tuple[int, int]:
    """Write the rows to ``out`` (see the module docstring for the dialect), atomically.

    Returns:
        (tickets, ratings) written.

    Raises:
        OSError: the file could not be written; nothing is left at ``out``.
    """
    partial = out.with_name(f".{out.name}.partial")
    tickets = ratings = 0
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        with open(fd, "w", encoding=ENCODING, newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=DELIMITER, lineterminator="\r\n",
                                    quoting=csv.QUOTE_MINIMAL)
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
                tickets += row["record"] == "ticket"
                ratings += bool(row["rated_local"])
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, out)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return tickets, ratings


def export_csv(db_path: Path, first: dt.date, last: dt.date, tz: zoneinfo.ZoneInfo, out: Path,
               catalog: Catalog | None = None) -> ExportResult:
    """Export the tickets and ratings of business days ``first`` … ``last`` (inclusive) to ``out``.

    The database is only read, so this is safe while the kiosk runs.

    Raises:
        ExportError: no database, or the file cannot be written.
    """
    if not db_path.is_file():
        raise ExportError(f"no database at {db_path}")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise ExportError(f"cannot open {db_path}: {exc}") from None
    try:
        conn.execute("BEGIN")  # one snapshot: the kiosk may issue tickets meanwhile
        tickets, ratings = write_csv(export_rows(conn, first, last, tz, catalog), out)
    except sqlite3.Error as exc:
        raise ExportError(f"cannot read {db_path}: {exc}") from None
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        conn.close()
    return ExportResult(out, tickets, ratings)


def _scores(raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    try:
        scores = json.loads(str(raw))
    except ValueError:
        return {}
    if not isinstance(scores, dict):
        return {}
    return {c.value: str(scores[c.value]) for c in CRITERIA if isinstance(scores.get(c.value), int)}


def _service_names(conn: sqlite3.Connection, catalog: Catalog | None) -> dict[str, str]:
    """Russian service names: the config's catalog, overridden by the server's cached bundle."""
    names = {s.id: s.name.ru for s in catalog.services()} if catalog is not None else {}
    row = conn.execute("SELECT body FROM server_cache WHERE name = ?", (BUNDLE,)).fetchone()
    if row is not None:
        try:
            bundled = parse_catalog(json.loads(str(row[0]))["catalog"], source="bundle.catalog")
        except (ValueError, KeyError, TypeError, CatalogError):
            bundled = None
        if bundled is not None:
            names.update({s.id: s.name.ru for s in bundled.services()})
    return names
