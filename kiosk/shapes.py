"""The shapes the central server's contract defines, checked by the kiosk itself.

The contract is ``central/openapi.yaml``; the server validates operators'
files against its schemas with ``jsonschema``. The kiosk must accept exactly
the same catalogs, opening hours and bundles, but it neither reads that
document nor imports ``jsonschema``, ``yaml`` or ``central``: start-up time
matters, and ``kiosk/`` runs without the server's dependencies. So the
patterns and bounds are repeated here, word for word;
``tests/kiosk/test_shapes.py`` checks each against the document, and
``tests/kiosk/sync/test_bundle_agreement.py`` checks that the kiosk's parsers
and the server give the same verdict on generated documents.

Patterns are always applied with ``fullmatch``: with ``re.search`` Python's
``$`` would also match before a final newline, so ``"П\\n"`` would pass.
Numbers follow JSON Schema: ``true`` is not a number, and ``2.0`` is an integer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, TypeGuard

IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
CATALOG_ID_PATTERN = r"^[A-Za-z0-9-]*[A-Za-z0-9][A-Za-z0-9-]*$"
CATALOG_ID_MAX = 64
# One capital Cyrillic letter except З, О and Ч, which read like digits.
PREFIX_PATTERN = r"^[А-ЖИ-НП-ЦШ-ЯЁ]$"
_TIME = r"(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)"
DAY_SPEC_PATTERN = rf"^(closed|{_TIME}-{_TIME}( *, *{_TIME}-{_TIME})*)$"
LOCAL_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
UTC_TIMESTAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$"
TICKET_LINK_PATTERN = r"^https://[^\s{}]*\{uuid\}[^\s{}]*$"
TICKET_LINK_MAX = 300
AVG_MINUTES_MAX = 240
WINDOWS_MAX = 200
TICKET_LINK_RULE = (
    f"an https:// address of at most {TICKET_LINK_MAX} characters without spaces, "
    "containing {uuid} exactly once and no other braces"
)

IDENTIFIER_RE = re.compile(IDENTIFIER_PATTERN)
CATALOG_ID_RE = re.compile(CATALOG_ID_PATTERN)
PREFIX_RE = re.compile(PREFIX_PATTERN)
DAY_SPEC_RE = re.compile(DAY_SPEC_PATTERN)
LOCAL_DATE_RE = re.compile(LOCAL_DATE_PATTERN)
UTC_TIMESTAMP_RE = re.compile(UTC_TIMESTAMP_PATTERN)
TICKET_LINK_RE = re.compile(TICKET_LINK_PATTERN)


def matches(regex: re.Pattern[str], value: object) -> TypeGuard[str]:
    """A string that the whole of ``regex`` matches."""
    return isinstance(value, str) and regex.fullmatch(value) is not None


def is_json_integer(value: object) -> TypeGuard[int | float]:
    """An integer as JSON Schema counts them: ``3`` or ``3.0``, never ``true``."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def is_json_number(value: object) -> TypeGuard[int | float]:
    """A JSON number, never ``true``/``false`` (Python's ints)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_non_blank(value: object) -> TypeGuard[str]:
    """Text with at least one character that is not white space."""
    return isinstance(value, str) and value.strip() != ""


def is_localized(value: object) -> bool:
    """``{"ru": ..., "en": ...}``, both non-blank; other keys are allowed."""
    return isinstance(value, dict) and is_non_blank(value.get("ru")) and is_non_blank(value.get("en"))


def is_calendar_date(value: object) -> TypeGuard[str]:
    """``YYYY-MM-DD`` naming a real date (``date.fromisoformat`` alone also takes ``20270101``)."""
    if not isinstance(value, str) or LOCAL_DATE_RE.fullmatch(value) is None:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_utc_instant(value: object) -> TypeGuard[str]:
    """An ISO 8601 UTC timestamp with ``Z`` that names a real instant."""
    if not isinstance(value, str) or UTC_TIMESTAMP_RE.fullmatch(value) is None:
        return False
    try:
        dt.datetime.fromisoformat(value[:19])
    except ValueError:
        return False
    return True


def is_ticket_link_template(value: object) -> TypeGuard[str]:
    """What the kiosk may fill with ``str.format(uuid=...)``: see :data:`TICKET_LINK_RULE`."""
    return isinstance(value, str) and TICKET_LINK_RE.fullmatch(value) is not None and len(value) <= TICKET_LINK_MAX


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def unstorable(value: Any, where: str = "") -> str:
    """Where a decoded JSON value holds a lone surrogate or a NaN/infinite number, or ''.

    Python's ``json`` reads both although neither is JSON text or a JSON
    number; the server refuses them anywhere in a file, so the kiosk does too.
    """
    stack: list[tuple[Any, str]] = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str) and not _is_text(item):
            return f"{path or 'the document'}: contains a lone surrogate, which is not text"
        if isinstance(item, float) and not math.isfinite(item):
            return f"{path or 'the document'}: must be a finite number, got {item!r}"
        if isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and not _is_text(key):
                    return f"{path or 'the document'}: has a key with a lone surrogate"
                stack.append((child, f"{path}.{key}" if path else str(key)))
        elif isinstance(item, list):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return ""
