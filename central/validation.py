"""Validation of everything that reaches the server from outside.

Two kinds of input, two styles:

* Events come from kiosks over the network. :func:`validate_event` must never
  raise on any JSON value: it returns either a :class:`ValidEvent` or a
  :class:`Rejection` with a stable code, so one bad event is answered
  ``rejected`` and never blocks the others of its batch.
* Bundles, appointment lists and queue figures come from operators' files
  through the CLI. Their validators collect *every* problem with its JSON
  path and raise :class:`InputError`, so an operator fixes a file in one go.

The rules mirror the schemas of ``docs/api/openapi.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from typing import Any, TypeGuard

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
    }
)
REQUIRED_ENVELOPE = ("id", "kind", "schema", "kiosk_id", "occurred_utc", "seq", "payload")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PAUSE_REASONS = frozenset({"closed_today", "technical_failure", "staff_shortage", "system_maintenance", "other"})

IDENTIFIER_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
CATALOG_ID_RE = re.compile(r"(?=.*[A-Za-z0-9])[A-Za-z0-9-]{1,64}")
UTC_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
UUID4_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}")
APPOINTMENT_CODE_RE = re.compile(r"[A-Z0-9-]{4,32}")
# One capital Cyrillic letter, except З, О and Ч, which read like digits.
CYRILLIC_PREFIX_RE = re.compile(r"[А-ЖИ-НП-ЦШ-ЯЁ]")
HOURS_KEYS = frozenset({"daily", "closed_dates", *WEEKDAYS})
DAY_SPEC_TIME_RE = re.compile(r"([01]\d|2[0-3]):[0-5]\d|24:00")
MAX_AVG_MINUTES = 240
MAX_WINDOWS = 200
MAX_LINK_TEMPLATE = 300


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
    """A kiosk or centre id: Latin letters, digits, ``-`` and ``_`` (as in the kiosk's config); safe in an ETag."""
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


def is_local_time(value: object) -> TypeGuard[str]:
    """``HH:MM`` between 00:00 and 23:59."""
    return isinstance(value, str) and TIME_RE.fullmatch(value) is not None


def json_depth_exceeds(value: object, limit: int) -> bool:
    """Whether containers nest deeper than ``limit``; iterative, so it cannot overflow."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = list(item)
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
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
        return None
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
        id=str(uuid.UUID(event_id)),
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

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(f"{path}: {message}")

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)


def _check_localized(value: object, path: str, problems: _Problems) -> None:
    if not isinstance(value, dict):
        problems.add(path, "must be an object with ru and en")
        return
    for lang in ("ru", "en"):
        text = value.get(lang)
        if not is_text(text) or not text.strip():
            problems.add(f"{path}.{lang}", "must be a non-empty string")


def _check_catalog(catalog: object, problems: _Problems) -> set[str]:
    """Check the catalog's shape; returns the service ids it defines."""
    service_ids: set[str] = set()
    if not isinstance(catalog, dict):
        problems.add("catalog", "must be an object")
        return service_ids
    if not is_text(catalog.get("version")):
        problems.add("catalog.version", "must be a non-empty string")
    if "note" in catalog and not isinstance(catalog["note"], str):
        problems.add("catalog.note", "must be a string")
    categories = catalog.get("categories")
    if not isinstance(categories, list) or not categories:
        problems.add("catalog.categories", "must be a non-empty array")
        categories = []
    category_ids: set[str] = set()
    prefixes: set[str] = set()
    for i, category in enumerate(categories):
        path = f"catalog.categories[{i}]"
        if not isinstance(category, dict):
            problems.add(path, "must be an object")
            continue
        cid = category.get("id")
        if not _is_catalog_id(cid):
            problems.add(f"{path}.id", "must be 1 to 64 Latin letters, digits or -")
        elif cid in category_ids:
            problems.add(f"{path}.id", f"duplicate category id {cid!r}")
        else:
            category_ids.add(cid)
        prefix = category.get("prefix")
        if not isinstance(prefix, str) or CYRILLIC_PREFIX_RE.fullmatch(prefix) is None:
            problems.add(f"{path}.prefix", "must be one capital Cyrillic letter other than З, О, Ч")
        elif prefix in prefixes:
            problems.add(f"{path}.prefix", f"prefix {prefix} is used by another category")
        else:
            prefixes.add(prefix)
        _check_localized(category.get("name"), f"{path}.name", problems)
        services = category.get("services")
        if not isinstance(services, list) or not services:
            problems.add(f"{path}.services", "must be a non-empty array")
            continue
        for j, service in enumerate(services):
            spath = f"{path}.services[{j}]"
            if not isinstance(service, dict):
                problems.add(spath, "must be an object")
                continue
            sid = service.get("id")
            if not _is_catalog_id(sid):
                problems.add(f"{spath}.id", "must be 1 to 64 Latin letters, digits or -")
            elif sid in service_ids:
                problems.add(f"{spath}.id", f"duplicate service id {sid!r}")
            else:
                service_ids.add(sid)
            _check_localized(service.get("name"), f"{spath}.name", problems)
            avg = service.get("avg_minutes")
            if not is_number(avg) or not 0 < avg <= MAX_AVG_MINUTES:
                problems.add(f"{spath}.avg_minutes", f"must be a number greater than 0 and at most {MAX_AVG_MINUTES}")
            windows = service.get("windows")
            if not is_int(windows) or not 0 <= windows <= MAX_WINDOWS:
                problems.add(f"{spath}.windows", f"must be an integer from 0 to {MAX_WINDOWS}")
            if "hours" in service:
                _check_hours(service["hours"], f"{spath}.hours", problems)
    situations = catalog.get("life_situations", [])
    if not isinstance(situations, list):
        problems.add("catalog.life_situations", "must be an array")
        situations = []
    situation_ids: set[str] = set()
    for i, situation in enumerate(situations):
        path = f"catalog.life_situations[{i}]"
        if not isinstance(situation, dict):
            problems.add(path, "must be an object")
            continue
        lid = situation.get("id")
        if not _is_catalog_id(lid):
            problems.add(f"{path}.id", "must be 1 to 64 Latin letters, digits or -")
        elif lid in situation_ids:
            problems.add(f"{path}.id", f"duplicate life situation id {lid!r}")
        else:
            situation_ids.add(lid)
        _check_localized(situation.get("name"), f"{path}.name", problems)
        refs = situation.get("services")
        if not isinstance(refs, list) or not refs:
            problems.add(f"{path}.services", "must be a non-empty array of service ids")
            continue
        for j, ref in enumerate(refs):
            if not isinstance(ref, str) or ref not in service_ids:
                problems.add(f"{path}.services[{j}]", f"unknown service id {ref!r}")
    return service_ids


def _is_catalog_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and CATALOG_ID_RE.fullmatch(value) is not None


def _day_spec_problem(spec: object) -> str | None:
    """Check ``"08:00-20:00"``, ``"08:00-13:00, 14:00-20:00"`` or ``"closed"``."""
    if not isinstance(spec, str):
        return "must be text like '08:00-20:00' or 'closed'"
    if spec.strip() == "closed":
        return None
    previous_end = -1
    for part in spec.split(","):
        opening, sep, closing = part.strip().partition("-")
        if (
            not sep
            or not DAY_SPEC_TIME_RE.fullmatch(opening.strip())
            or not DAY_SPEC_TIME_RE.fullmatch(closing.strip())
        ):
            return "must be 'HH:MM-HH:MM' intervals separated by commas, or 'closed'"
        start, end = (int(t[:2]) * 60 + int(t[3:]) for t in (opening.strip(), closing.strip()))
        if end <= start:
            return f"'{part.strip()}' closes before it opens"
        if start < previous_end:
            return "intervals overlap or are out of order"
        previous_end = end
    return None


def _check_hours(hours: object, path: str, problems: _Problems) -> None:
    """The kiosk's weekly-hours format: ``daily`` and/or ``mon``..``sun``, plus ``closed_dates``."""
    if not isinstance(hours, dict):
        problems.add(path, "must be an object of days")
        return
    unknown = set(hours) - HOURS_KEYS
    if unknown:
        problems.add(path, "unknown keys " + ", ".join(sorted(map(str, unknown))))
    for day in WEEKDAYS:
        spec = hours.get(day, hours.get("daily"))
        if spec is None:
            problems.add(f"{path}.{day}", "has no hours (give it or daily)")
            continue
        problem = _day_spec_problem(spec)
        if problem:
            problems.add(f"{path}.{day if day in hours else 'daily'}", problem)
    closed = hours.get("closed_dates", [])
    if not isinstance(closed, list):
        problems.add(f"{path}.closed_dates", "must be an array of YYYY-MM-DD dates")
        return
    for i, date in enumerate(closed):
        if not is_date(date):
            problems.add(f"{path}.closed_dates[{i}]", "must be a YYYY-MM-DD date")


def _check_content(content: object, problems: _Problems) -> None:
    if not isinstance(content, dict):
        problems.add("content", "must be an object")
        return
    _check_localized(content.get("standard_md"), "content.standard_md", problems)
    if "banner" not in content:
        problems.add("content.banner", "is required (null for no banner)")
        return
    banner = content["banner"]
    if banner is None:
        return
    _check_localized(banner, "content.banner", problems)
    if isinstance(banner, dict) and not is_utc_timestamp(banner.get("expires_utc")):
        problems.add("content.banner.expires_utc", "must be an ISO 8601 UTC timestamp ending in Z")


def _is_link_template(template: object) -> bool:
    if not is_text(template, max_len=MAX_LINK_TEMPLATE):
        return False
    assert isinstance(template, str)
    if not template.startswith("https://") or any(ch.isspace() for ch in template):
        return False
    # Only {uuid} may appear in braces: the kiosk fills it with str.format.
    return (
        template.count("{uuid}") == 1
        and template.replace("{uuid}", "").count("{") == 0
        and "}" not in template.replace("{uuid}", "")
    )


def validate_bundle(data: object, centre_id: str) -> dict[str, Any]:
    """Check an operator's bundle file; return the bundle without ``version``.

    Raises :class:`InputError` listing every problem.
    """
    problems = _Problems()
    if not is_identifier(centre_id):
        problems.add("centre_id", "must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}")
    if not isinstance(data, dict):
        problems.add("$", "the file must hold a JSON object")
        problems.raise_if_any()
    assert isinstance(data, dict)
    if "centre_id" in data and data["centre_id"] != centre_id:
        problems.add("centre_id", f"the file is for {data['centre_id']!r}, not {centre_id!r}")
    for name in ("catalog", "hours", "paused_services", "content", "ticket_link_template"):
        if name not in data:
            problems.add(name, "is required")
    service_ids = _check_catalog(data["catalog"], problems) if "catalog" in data else set()
    if "hours" in data:
        _check_hours(data["hours"], "hours", problems)
    paused = data.get("paused_services", [])
    if not isinstance(paused, list):
        problems.add("paused_services", "must be an array")
        paused = []
    for i, item in enumerate(paused):
        path = f"paused_services[{i}]"
        if not isinstance(item, dict) or set(item) != {"service_id", "reason_code"}:
            problems.add(path, "must be an object with exactly service_id and reason_code")
            continue
        if item["service_id"] not in service_ids:
            problems.add(f"{path}.service_id", f"unknown service id {item['service_id']!r}")
        if item["reason_code"] not in PAUSE_REASONS:
            problems.add(f"{path}.reason_code", "must be one of " + ", ".join(sorted(PAUSE_REASONS)))
    if "content" in data:
        _check_content(data["content"], problems)
    template = data.get("ticket_link_template")
    if "ticket_link_template" in data and not _is_link_template(template):
        problems.add(
            "ticket_link_template",
            f"must be an https:// URL of at most {MAX_LINK_TEMPLATE} characters, without spaces, "
            "with {uuid} exactly once and no other braces",
        )
    problems.raise_if_any()
    return {
        "centre_id": centre_id,
        "catalog": data["catalog"],
        "hours": data["hours"],
        "paused_services": paused,
        "content": {"standard_md": data["content"]["standard_md"], "banner": data["content"]["banner"]},
        "ticket_link_template": template,
    }


def validate_appointments(data: object, service_ids: set[str] | None) -> dict[str, list[dict[str, str]]]:
    """Check an appointments file (one day or an array of days).

    ``service_ids`` is the catalog of the centre's bundle, or ``None`` when no
    bundle is loaded (then service ids cannot be checked). Returns a mapping
    date → appointments sorted by slot then code.
    """
    problems = _Problems()
    days = data if isinstance(data, list) else [data]
    if isinstance(data, list) and not data:
        problems.add("$", "the array of days is empty")
    result: dict[str, list[dict[str, str]]] = {}
    for d, day in enumerate(days):
        dpath = f"[{d}]" if isinstance(data, list) else "$"
        if not isinstance(day, dict):
            problems.add(dpath, "must be an object with date and appointments")
            continue
        date = day.get("date")
        if not is_date(date):
            problems.add(f"{dpath}.date", "must be a YYYY-MM-DD date")
            continue
        if date in result:
            problems.add(f"{dpath}.date", f"{date} appears more than once")
            continue
        items = day.get("appointments")
        if not isinstance(items, list):
            problems.add(f"{dpath}.appointments", "must be an array")
            continue
        codes: set[str] = set()
        cleaned: list[dict[str, str]] = []
        for i, item in enumerate(items):
            path = f"{dpath}.appointments[{i}]"
            if not isinstance(item, dict):
                problems.add(path, "must be an object")
                continue
            unknown = set(item) - {"code", "service_id", "slot_local", "name_hint"}
            if unknown:
                problems.add(path, "unknown fields " + ", ".join(sorted(map(str, unknown))))
            code = item.get("code")
            if not isinstance(code, str) or APPOINTMENT_CODE_RE.fullmatch(code) is None:
                problems.add(f"{path}.code", "must be 4 to 32 characters A-Z, 0-9 or -")
            elif code in codes:
                problems.add(f"{path}.code", f"duplicate code {code} on {date}")
            else:
                codes.add(code)
            service_id = item.get("service_id")
            if not is_text(service_id, max_len=64):
                problems.add(f"{path}.service_id", "must be a string of 1 to 64 characters")
            elif service_ids is not None and service_id not in service_ids:
                problems.add(f"{path}.service_id", f"unknown service id {service_id!r} in the centre's catalog")
            if not is_local_time(item.get("slot_local")):
                problems.add(f"{path}.slot_local", "must be HH:MM")
            if "name_hint" in item and not is_text(item["name_hint"], max_len=64):
                problems.add(f"{path}.name_hint", "must be a string of 1 to 64 characters")
            cleaned.append({k: item[k] for k in ("code", "service_id", "slot_local", "name_hint") if k in item})
        cleaned.sort(key=lambda a: (str(a.get("slot_local")), str(a.get("code"))))
        result[date] = cleaned
    problems.raise_if_any()
    return result


def validate_queue(data: object) -> tuple[str | None, list[dict[str, Any]]]:
    """Check a queue file; return ``(as_of_utc or None, services)``."""
    problems = _Problems()
    if not isinstance(data, dict):
        problems.add("$", "the file must hold a JSON object")
        problems.raise_if_any()
    assert isinstance(data, dict)
    as_of = data.get("as_of_utc")
    if as_of is not None and not is_utc_timestamp(as_of):
        problems.add("as_of_utc", "must be an ISO 8601 UTC timestamp ending in Z")
    services = data.get("services")
    if not isinstance(services, list):
        problems.add("services", "must be an array")
        services = []
    seen: set[str] = set()
    cleaned: list[dict[str, Any]] = []
    for i, item in enumerate(services):
        path = f"services[{i}]"
        keys = {"service_id", "waiting", "open_windows", "avg_service_minutes"}
        if not isinstance(item, dict) or set(item) != keys:
            problems.add(path, "must be an object with exactly " + ", ".join(sorted(keys)))
            continue
        sid = item["service_id"]
        if not is_text(sid, max_len=64):
            problems.add(f"{path}.service_id", "must be a string of 1 to 64 characters")
        elif sid in seen:
            problems.add(f"{path}.service_id", f"duplicate service id {sid!r}")
        else:
            seen.add(sid)
        for name in ("waiting", "open_windows"):
            if not is_int(item[name]) or item[name] < 0:
                problems.add(f"{path}.{name}", "must be an integer of at least 0")
        if not is_number(item["avg_service_minutes"]) or item["avg_service_minutes"] <= 0:
            problems.add(f"{path}.avg_service_minutes", "must be a number greater than 0")
        cleaned.append(dict(item))
    problems.raise_if_any()
    return as_of, cleaned
