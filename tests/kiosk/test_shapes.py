"""kiosk.shapes repeats the contract's patterns and bounds word for word, and the
kiosk core loads none of the server's validation stack."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import kiosk
from central import openapi
from kiosk import shapes
from kiosk.config import PROJECT_ROOT
from kiosk.hours import DAY_KEYS
from kiosk.pauses import PAUSE_REASONS
from kiosk.sync.bundle import BUNDLE_KEYS


def schema(name: str) -> dict:
    return openapi.component(name)


@pytest.mark.parametrize(("ours", "theirs"), [
    (shapes.IDENTIFIER_PATTERN, lambda: schema("Identifier")["pattern"]),
    (shapes.CATALOG_ID_PATTERN, lambda: schema("CatalogId")["pattern"]),
    (shapes.CATALOG_ID_MAX, lambda: schema("CatalogId")["maxLength"]),
    (shapes.PREFIX_PATTERN, lambda: schema("Category")["properties"]["prefix"]["pattern"]),
    (shapes.DAY_SPEC_PATTERN, lambda: schema("DaySpec")["pattern"]),
    (shapes.LOCAL_DATE_PATTERN, lambda: schema("LocalDate")["pattern"]),
    (shapes.UTC_TIMESTAMP_PATTERN, lambda: schema("UtcTimestamp")["pattern"]),
    (shapes.TICKET_LINK_PATTERN, lambda: schema("TicketLinkTemplate")["pattern"]),
    (shapes.TICKET_LINK_MAX, lambda: schema("TicketLinkTemplate")["maxLength"]),
    (shapes.AVG_MINUTES_MAX, lambda: schema("Service")["properties"]["avg_minutes"]["maximum"]),
    (0, lambda: schema("Service")["properties"]["avg_minutes"]["exclusiveMinimum"]),
    (shapes.WINDOWS_MAX, lambda: schema("Service")["properties"]["windows"]["maximum"]),
    (0, lambda: schema("Service")["properties"]["windows"]["minimum"]),
    (list(PAUSE_REASONS), lambda: schema("PausedService")["properties"]["reason_code"]["enum"]),
    (sorted(BUNDLE_KEYS), lambda: sorted(schema("Bundle")["required"])),
    (sorted(BUNDLE_KEYS), lambda: sorted(schema("Bundle")["properties"])),
    (sorted(["daily", "closed_dates", *DAY_KEYS]), lambda: sorted(schema("WeeklyHours")["properties"])),
    (r"\S", lambda: schema("NonBlankText")["pattern"]),  # what is_non_blank's str.strip() means
])
def test_the_kiosk_repeats_the_contract_exactly(ours: object, theirs: object) -> None:
    assert callable(theirs)
    assert ours == theirs()


def test_the_kiosk_core_loads_none_of_the_servers_validation_stack() -> None:
    """Start-up time: no yaml, no jsonschema, no central, whatever kiosk module is imported."""
    modules = [m.name for m in pkgutil.walk_packages(kiosk.__path__, "kiosk.")]
    assert "kiosk.shapes" in modules and "kiosk.sync.bundle" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "heavy = ('central', 'jsonschema', 'yaml', 'referencing', 'hypothesis')\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True,
                            check=True, timeout=60)
    assert result.stdout.strip() == ""
