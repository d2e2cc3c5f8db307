"""Validation of everything that reaches the server from outside.

Two kinds of input, two styles:

* Events come from kiosks over the network. :func:`validate_event` must never
  raise on any JSON value: it returns either a :class:`ValidEvent` or a
  :class:`Rejection` with a stable code, so one bad event is answered
  ``rejected`` and never blocks the others of its batch.
* Bundles, appointment lists and queue figures come from operators' files
  through the CLI. They are checked against the component schemas of
  ``central/openapi.yaml`` (:mod:`central.openapi`), the one definition of
  their shape; the code here adds only what a schema cannot say (unique ids
  and prefixes, references, intervals in order, real instants, storable text
  and numbers). Every problem is collected with its JSON path and raised as
  :class:`InputError`, so an operator fixes a file in one go.

The event rules follow the ``Event`` schemas of the same document
(``tests/central/test_central_properties.py`` checks that the code is never
more permissive).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from . import openapi
from .openapi import json_path

SCHEMA_VERSION = 1
MAX_BATCH = 500
MAX_SEQ = 2**63 - 1  # SQLite's INTEGER range
MAX_PAYLOAD_DEPTH = 32  # deeper nesting is never legitimate and costs stack

EVENT_KINDS = frozenset(
    {
        "ticket.issued",
        "ticket.cancelled",
        "ticket.reprinted",
        "rating.submitted",
        "audit",
        "print.failed",
        "heartbeat",
        "appointment.checked_in",
        "sms.requested",
    }
)
REQUIRED_ENVELOPE = ("id", "kind", "schema", "kiosk_id", "occurred_utc", "seq", "payload")

# From the document, so the CLI, the enrol route and the schema cannot disagree on an id.
IDENTIFIER_RE = re.compile(openapi.pattern("Identifier"))
# [0-9], not \d: Python's \d also matches other scripts' digits, JSON Schema's (ECMA-262) does not.
UTC_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
BOOKING_CODE_RE = re.compile(r"[A-Z0-9-]{4,32}")
LOCAL_TIME_RE = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
# A Russian mobile number in E.164, as the kiosk sends it (kiosk/sms.py).
PHONE_RE = re.compile(r"\+79[0-9]{9}")
SMS_LANGUAGES = ("ru", "en")
MAX_PACKAGE_SERVICES = 20
MAX_LATE_MIN = 24 * 60
UUID4_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}")


# --------------------------------------------------------------------------
# small predicates shared by both styles


def is_text(value: object, *, max_len: int | None = None) -> TypeGuard[str]:
    """A non-empty string that SQLite can store (no lone surrogates)."""
    if not isinstance(value, str) or not value:
        return False
    if max_len is not None and len(value) > max_len:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_int(value: object) -> TypeGuard[int]:
    """A JSON integer; ``True``/``False`` are ints in Python but not here."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    """A JSON number (int or finite float), not a boolean."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value == value and value not in (float("inf"), float("-inf"))


def is_identifier(value: object) -> TypeGuard[str]:
    """A kiosk or centre id as the document's ``Identifier`` says; safe in an ETag."""
    return isinstance(value, str) and IDENTIFIER_RE.fullmatch(value) is not None


def is_uuid(value: object) -> TypeGuard[str]:
    """A UUID in its 36-character hyphenated form, any case."""
    return isinstance(value, str) and UUID_RE.fullmatch(value) is not None


def is_uuid4(value: object) -> TypeGuard[str]:
    """A UUID version 4 (RFC 4122 variant) in hyphenated form, any case."""
    return isinstance(value, str) and UUID4_RE.fullmatch(value) is not None


def is_utc_timestamp(value: object) -> TypeGuard[str]:
    """ISO 8601 UTC with ``Z`` that names a real instant."""
    if not isinstance(value, str) or UTC_RE.fullmatch(value) is None:
        return False
    try:
        dt.datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True


def is_date(value: object) -> TypeGuard[str]:
    """A real calendar date written ``YYYY-MM-DD``."""
    if not isinstance(value, str) or DATE_RE.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def json_depth_exceeds(value: object, limit: int) -> bool:
    """Whether containers nest deeper than ``limit``; iterative, so it cannot overflow."""
    if not isinstance(value, (dict, list)):
        return False
    # Only containers go on the stack: the scalars of a payload cost nothing here.
    stack: list[tuple[dict[str, object] | list[object], int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


# --------------------------------------------------------------------------
# events


@dataclass(frozen=True)
class ValidEvent:
    """An event that passed validation, ready to be stored."""

    id: str  # lower-cased, so the unique key does not depend on letter case
    kind: str
    schema: int
    kiosk_id: str
    occurred_utc: str
    seq: int
    payload: dict[str, Any]


@dataclass(frozen=True)
class Rejection:
    """Why an event cannot be stored: a stable code and an English sentence."""

    code: str
    reason: str


def _payload_problem(kind: str, payload: dict[str, Any]) -> str | None:
    """The minimal per-kind rules; returns a reason or ``None`` when fine."""
    if kind == "ticket.issued":
        if not is_uuid(payload.get("ticket_id")):
            return "payload.ticket_id must be a UUID string."
        if not is_text(payload.get("number"), max_len=16):
            return "payload.number must be a display string of 1 to 16 characters."
        for name in ("service_id", "category_id"):
            if not is_text(payload.get(name), max_len=64):
                return f"payload.{name} must be a string of 1 to 64 characters."
        if not is_date(payload.get("business_day")):
            return "payload.business_day must be a YYYY-MM-DD date."
        return _booking_fields_problem(payload)
    if kind == "appointment.checked_in":
        return _checked_in_problem(payload)
    if kind == "sms.requested":
        return _sms_problem(payload)
    if kind in ("ticket.cancelled", "ticket.reprinted"):
        if not is_uuid(payload.get("ticket_id")):
            return "payload.ticket_id must be a UUID string."
        return None
    if kind == "rating.submitted":
        if not is_uuid(payload.get("rating_id")):
            return "payload.rating_id must be a UUID string."
        ticket_id = payload.get("ticket_id")
        if ticket_id is not None and not is_uuid(ticket_id):
            return "payload.ticket_id must be a UUID string or null."
        has_scores = "scores" in payload
        has_overall = "overall" in payload
        if not has_scores and not has_overall:
            return "payload needs scores or overall."
        if has_scores:
            scores = payload["scores"]
            if not isinstance(scores, dict) or not scores:
                return "payload.scores must be a non-empty object."
            for criterion, score in scores.items():
                if not is_text(criterion, max_len=64):
                    return "payload.scores keys must be strings of 1 to 64 characters."
                if not is_int(score) or not 1 <= score <= 5:
                    return "payload.scores values must be integers from 1 to 5."
        if has_overall:
            overall = payload["overall"]
            if not is_int(overall) or not 1 <= overall <= 5:
                return "payload.overall must be an integer from 1 to 5."
        comment = payload.get("comment")
        if comment is not None and not isinstance(comment, str):
            return "payload.comment must be a string."
        return None
    if kind == "audit":
        if not is_text(payload.get("action"), max_len=128):
            return "payload.action must be a string of 1 to 128 characters."
        return None
    if kind == "print.failed":
        has_ticket = "ticket_id" in payload
        has_reason = "reason" in payload
        if not has_ticket and not has_reason:
            return "payload needs ticket_id or reason."
        if has_ticket and not is_uuid(payload["ticket_id"]):
            return "payload.ticket_id must be a UUID string."
        if has_reason and not is_text(payload["reason"]):
            return "payload.reason must be a non-empty string."
        return None
    # heartbeat: any object
    return None


def is_booking_code(value: object) -> TypeGuard[str]:
    """A booking code as the ``Appointment`` schema writes it."""
    return isinstance(value, str) and BOOKING_CODE_RE.fullmatch(value) is not None


def is_local_time(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and LOCAL_TIME_RE.fullmatch(value) is not None


def _booking_fields_problem(payload: dict[str, Any]) -> str | None:
    """The optional fields of ``ticket.issued`` for a booked visit or a package."""
    if "booking_code" in payload and not is_booking_code(payload["booking_code"]):
        return "payload.booking_code must be 4 to 32 characters A-Z, 0-9 or -."
    if "slot_local" in payload and not is_local_time(payload["slot_local"]):
        return "payload.slot_local must be a time HH:MM."
    if "booked" in payload and not isinstance(payload["booked"], bool):
        return "payload.booked must be true or false."
    if "package_id" in payload and not is_text(payload["package_id"], max_len=64):
        return "payload.package_id must be a string of 1 to 64 characters."
    if "service_ids" in payload:
        ids = payload["service_ids"]
        if (
            not isinstance(ids, list)
            or not 1 <= len(ids) <= MAX_PACKAGE_SERVICES
            or not all(is_text(i, max_len=64) for i in ids)
        ):
            return f"payload.service_ids must be 1 to {MAX_PACKAGE_SERVICES} strings of 1 to 64 characters."
    return None


def _checked_in_problem(payload: dict[str, Any]) -> str | None:
    if not is_booking_code(payload.get("code")):
        return "payload.code must be 4 to 32 characters A-Z, 0-9 or -."
    if not is_date(payload.get("business_day")):
        return "payload.business_day must be a YYYY-MM-DD date."
    if not is_local_time(payload.get("slot_local")):
        return "payload.slot_local must be a time HH:MM."
    if not is_text(payload.get("service_id"), max_len=64):
        return "payload.service_id must be a string of 1 to 64 characters."
    if not is_identifier(payload.get("centre_id")):
        return "payload.centre_id must be a centre identifier."
    if not is_uuid(payload.get("ticket_id")):
        return "payload.ticket_id must be a UUID string."
    if not is_text(payload.get("number"), max_len=16):
        return "payload.number must be a display string of 1 to 16 characters."
    if not is_utc_timestamp(payload.get("checked_in_utc")):
        return "payload.checked_in_utc must be an ISO 8601 UTC timestamp ending in Z."
    late = payload.get("late_min")
    if not is_int(late) or not 0 <= late <= MAX_LATE_MIN:
        return f"payload.late_min must be an integer from 0 to {MAX_LATE_MIN}."
    return None


def _sms_problem(payload: dict[str, Any]) -> str | None:
    # Messages never quote the number: a reason is stored and answered.
    if not is_uuid(payload.get("ticket_id")):
        return "payload.ticket_id must be a UUID string."
    if not is_text(payload.get("number"), max_len=16):
        return "payload.number must be a display string of 1 to 16 characters."
    if not is_date(payload.get("business_day")):
        return "payload.business_day must be a YYYY-MM-DD date."
    if not is_identifier(payload.get("centre_id")):
        return "payload.centre_id must be a centre identifier."
    if "phone_erased" in payload and payload["phone_erased"] is not True:
        return "payload.phone_erased, when present, must be true."
    if "phone" in payload:
        phone = payload["phone"]
        if not isinstance(phone, str) or PHONE_RE.fullmatch(phone) is None:
            return "payload.phone must be a Russian mobile number written +79XXXXXXXXX."
    elif payload.get("phone_erased") is not True:
        return "payload needs phone, or phone_erased true for a request resent after the kiosk erased it."
    if payload.get("language") not in SMS_LANGUAGES:
        return "payload.language must be ru or en."
    if not is_utc_timestamp(payload.get("consent_utc")):
        return "payload.consent_utc must be an ISO 8601 UTC timestamp ending in Z."
    version = payload.get("notice_version")
    if not (is_int(version) and version >= 1) and not is_text(version, max_len=32):
        return "payload.notice_version must be a positive integer or a string of 1 to 32 characters."
    return None


def validate_event(raw: object, kiosk_id: str) -> ValidEvent | Rejection:
    """Check one element of a batch sent by ``kiosk_id``. Never raises."""
    if not isinstance(raw, dict):
        return Rejection("not_an_object", "Each event must be a JSON object.")
    for name in REQUIRED_ENVELOPE:
        if name not in raw:
            return Rejection("missing_field", f"The field {name} is required.")
    event_id = raw["id"]
    if not is_uuid4(event_id):
        return Rejection("invalid_id", "id must be a UUID version 4 string.")
    kind = raw["kind"]
    if not isinstance(kind, str) or kind not in EVENT_KINDS:
        return Rejection("unknown_kind", "kind is not a known event kind.")
    schema = raw["schema"]
    if not is_int(schema) or schema != SCHEMA_VERSION:
        return Rejection("unsupported_schema", f"schema must be {SCHEMA_VERSION}.")
    if raw["kiosk_id"] != kiosk_id:
        return Rejection("kiosk_mismatch", "kiosk_id differs from the kiosk of the token.")
    occurred = raw["occurred_utc"]
    if not is_utc_timestamp(occurred):
        return Rejection("invalid_timestamp", "occurred_utc must be an ISO 8601 UTC timestamp ending in Z.")
    seq = raw["seq"]
    if not is_int(seq) or not 1 <= seq <= MAX_SEQ:
        return Rejection("invalid_seq", "seq must be an integer from 1 to 2^63-1.")
    payload = raw["payload"]
    if not isinstance(payload, dict):
        return Rejection("payload_not_object", "payload must be a JSON object.")
    if json_depth_exceeds(payload, MAX_PAYLOAD_DEPTH):
        return Rejection("invalid_payload", f"payload nests deeper than {MAX_PAYLOAD_DEPTH} levels.")
    problem = _payload_problem(kind, payload)
    if problem is not None:
        return Rejection("invalid_payload", problem)
    return ValidEvent(
        id=event_id.lower(),  # the hyphenated form is checked above, so this is its canonical form
        kind=kind,
        schema=schema,
        kiosk_id=kiosk_id,
        occurred_utc=occurred,
        seq=seq,
        payload=payload,
    )


def batch_events(body: object) -> list[object] | None:
    """The list inside ``{"events": [...]}``, or ``None`` if the body has another shape."""
    if not isinstance(body, dict):
        return None
    events = body.get("events")
    if not isinstance(events, list):
        return None
    return events


# --------------------------------------------------------------------------
# operator files


class InputError(ValueError):
    """An operator's file has problems; ``problems`` lists each with its path."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Problems:
    """Collects problems with JSON paths such as ``catalog.categories[2].prefix``."""

    def __init__(self, found: list[str] | None = None) -> None:
        self.items: list[str] = list(found or [])

    def add(self, path: str, message: str) -> None:
        line = f"{path}: {message}"
        if line not in self.items:
            self.items.append(line)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


def _join(base: str, *parts: str | int) -> str:
    return json_path(parts, base) if base else json_path(parts)


def _check_storable(value: object, problems: _Problems) -> None:
    """Text SQLite can store (no lone surrogates) and finite numbers, anywhere in the file.

    JSON Schema has no words for either: Python's ``json`` reads ``"\\ud800"``
    and ``NaN``, and ``NaN`` passes every numeric bound.
    """
    stack: list[tuple[object, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str) and not is_text(item) and item:
            problems.add(path or "$", "contains a lone surrogate, which is not text")
        elif isinstance(item, float) and not is_number(item):
            problems.add(path or "$", "must be a finite number")
        elif isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and key and not is_text(key):
                    problems.add(path or "$", "has a key with a lone surrogate, which is not text")
                stack.append((child, _join(path, str(key))))
        elif isinstance(item, list):
            stack.extend((child, _join(path, i)) for i, child in enumerate(item))


def _check_unique(value: object, path: str, what: str, seen: set[str], problems: _Problems) -> bool:
    """Report ``value`` if ``seen`` has it already; returns whether it is a new string."""
    if not isinstance(value, str):
        return False
    if value in seen:
        problems.add(path, f"duplicate {what} {value!r}")
        return False
    seen.add(value)
    return True


def _dicts(value: object) -> list[tuple[int, dict[str, Any]]]:
    """The objects of an array with their indexes (the schema reports anything else)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _catalog_rules(catalog: object, base: str, problems: _Problems) -> set[str]:
    """Unique ids and prefixes, known service references, service hours; returns the service ids."""
    service_ids: set[str] = set()
    if not isinstance(catalog, dict):
        return service_ids
    category_ids: set[str] = set()
    prefixes: set[str] = set()
    for i, category in _dicts(catalog.get("categories")):
        path = _join(base, "categories", i)
        _check_unique(category.get("id"), _join(path, "id"), "category id", category_ids, problems)
        prefix = category.get("prefix")
        if isinstance(prefix, str) and prefix in prefixes:
            problems.add(_join(path, "prefix"), f"prefix {prefix} is used by another category")
        elif isinstance(prefix, str):
            prefixes.add(prefix)
        for j, service in _dicts(category.get("services")):
            spath = _join(path, "services", j)
            _check_unique(service.get("id"), _join(spath, "id"), "service id", service_ids, problems)
            if "hours" in service:
                _hours_rules(service["hours"], _join(spath, "hours"), problems)
    situation_ids: set[str] = set()
    for i, situation in _dicts(catalog.get("life_situations")):
        path = _join(base, "life_situations", i)
        _check_unique(situation.get("id"), _join(path, "id"), "life situation id", situation_ids, problems)
        refs = situation.get("services")
        for j, ref in enumerate(refs if isinstance(refs, list) else []):
            if isinstance(ref, str) and ref not in service_ids:
                problems.add(_join(path, "services", j), f"unknown service id {ref!r}")
    return service_ids


@functools.cache
def _day_spec_regex() -> re.Pattern[str]:
    return re.compile(openapi.pattern("DaySpec"))


def _day_rules(spec: str) -> str | None:
    """Intervals of a well-formed day in order: each closes after it opens, none overlaps the previous."""
    if spec == "closed" or _day_spec_regex().fullmatch(spec) is None:
        return None  # 'closed', or already reported by the schema
    previous_end = -1
    for part in spec.split(","):
        opening, _, closing = part.strip().partition("-")
        start, end = (int(t[:2]) * 60 + int(t[3:]) for t in (opening, closing))
        if end <= start:
            return f"'{part.strip()}' closes before it opens"
        if start < previous_end:
            return "intervals overlap or are out of order"
        previous_end = end
    return None


def _hours_rules(hours: object, base: str, problems: _Problems) -> None:
    if not isinstance(hours, dict):
        return
    for key, spec in hours.items():
        if key != "closed_dates" and isinstance(spec, str):
            problem = _day_rules(spec)
            if problem:
                problems.add(_join(base, key), problem)


def _instant_rule(value: object, path: str, problems: _Problems) -> None:
    """A timestamp the schema accepts must also name a real instant (no 30 February, no 25:00)."""
    if isinstance(value, str) and UTC_RE.fullmatch(value) and not is_utc_timestamp(value):
        problems.add(path, "does not name a real instant")


def _bundle_rules(data: dict[str, Any], problems: _Problems) -> None:
    """What the Bundle and BundleInput schemas cannot say."""
    service_ids = _catalog_rules(data.get("catalog"), "catalog", problems)
    _hours_rules(data.get("hours"), "hours", problems)
    for i, item in _dicts(data.get("paused_services")):
        service_id = item.get("service_id")
        if isinstance(service_id, str) and service_id not in service_ids:
            problems.add(_join("paused_services", i, "service_id"), f"unknown service id {service_id!r}")
    content = data.get("content")
    banner = content.get("banner") if isinstance(content, dict) else None
    if isinstance(banner, dict):
        _instant_rule(banner.get("expires_utc"), "content.banner.expires_utc", problems)


def document_problems(name: str, data: object) -> list[str]:
    """Every problem of ``data`` as the component ``name``: its schema, then the rules beyond it.

    ``name`` is ``Catalog``, ``WeeklyHours``, ``Bundle`` (what a kiosk
    receives) or ``BundleInput``; an empty list means the server accepts it.
    The kiosk's parsers give the same verdict
    (``tests/kiosk/sync/test_bundle_agreement.py``).
    """
    problems = _Problems(openapi.schema_problems(name, data))
    _check_storable(data, problems)
    if name == "Catalog":
        _catalog_rules(data, "", problems)
    elif name == "WeeklyHours":
        _hours_rules(data, "", problems)
    elif name in ("Bundle", "BundleInput"):
        if isinstance(data, dict):
            _bundle_rules(data, problems)
    else:
        raise ValueError(f"no rules for {name}")
    return problems.items


def validate_bundle(data: object, centre_id: str) -> dict[str, Any]:
    """Check an operator's bundle file; return the bundle without ``version``.

    Raises :class:`InputError` listing every problem.
    """
    problems = _Problems(document_problems("BundleInput", data))
    if not is_identifier(centre_id):
        problems.add("centre_id", f"{centre_id!r} {openapi.component('Identifier')[openapi.PROBLEM_KEY]}")
    if isinstance(data, dict) and "centre_id" in data and data["centre_id"] != centre_id:
        problems.add("centre_id", f"the file is for {data['centre_id']!r}, not {centre_id!r}")
    problems.raise_if_any()
    assert isinstance(data, dict)
    return {
        "centre_id": centre_id,
        "catalog": data["catalog"],
        "hours": data["hours"],
        "paused_services": data["paused_services"],
        "content": {"standard_md": data["content"]["standard_md"], "banner": data["content"]["banner"]},
        "ticket_link_template": data["ticket_link_template"],
    }


def validate_appointments(data: object, service_ids: set[str] | None) -> dict[str, list[dict[str, str]]]:
    """Check an appointments file (one day or an array of days).

    ``service_ids`` is the catalog of the centre's bundle, or ``None`` when no
    bundle is loaded (then service ids cannot be checked). Returns a mapping
    date → appointments sorted by slot then code.
    """
    problems = _Problems(openapi.schema_problems("AppointmentsInput", data))
    _check_storable(data, problems)
    days = list(enumerate(data)) if isinstance(data, list) else [(None, data)]
    result: dict[str, list[dict[str, str]]] = {}
    for d, day in days:
        base = "" if d is None else f"[{d}]"
        if not isinstance(day, dict):
            continue
        date = day.get("date")
        if isinstance(date, str) and date in result:
            problems.add(_join(base, "date"), f"{date} appears more than once")
            continue
        codes: set[str] = set()
        for i, item in _dicts(day.get("appointments")):
            path = _join(base, "appointments", i)
            _check_unique(item.get("code"), _join(path, "code"), f"code on {date}:", codes, problems)
            service_id = item.get("service_id")
            if service_ids is not None and isinstance(service_id, str) and service_id not in service_ids:
                problems.add(_join(path, "service_id"), f"unknown service id {service_id!r} in the centre's catalog")
        if isinstance(date, str):
            items = [item for _, item in _dicts(day.get("appointments"))]
            result[date] = sorted(items, key=lambda a: (str(a.get("slot_local")), str(a.get("code"))))
    problems.raise_if_any()
    return result


def validate_queue(data: object) -> tuple[str | None, list[dict[str, Any]]]:
    """Check a queue file; return ``(as_of_utc or None, services)``."""
    problems = _Problems(openapi.schema_problems("QueueInput", data))
    _check_storable(data, problems)
    if isinstance(data, dict):
        _instant_rule(data.get("as_of_utc"), "as_of_utc", problems)
        seen: set[str] = set()
        for i, item in _dicts(data.get("services")):
            _check_unique(item.get("service_id"), f"services[{i}].service_id", "service id", seen, problems)
    problems.raise_if_any()
    assert isinstance(data, dict)
    return data.get("as_of_utc"), [dict(item) for item in data["services"]]
