"""The catalog: the demo file is valid, and a bad one is refused with its path."""

from __future__ import annotations

import copy
import json

import pytest

from kiosk.catalog import CatalogError, parse_catalog
from kiosk.config import DEMO_CATALOG

DEMO = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
DELETE = object()  # as a value: remove the key instead


def test_demo_catalog_matches_the_domain_prefixes() -> None:
    catalog = parse_catalog(DEMO)
    assert [c.prefix for c in catalog.categories] == list("ПСЖГНФТБВК")
    assert catalog.category_of("birth-registration").prefix == "Г"
    assert len(catalog.life_situations) == 9


@pytest.mark.parametrize(("path", "value", "message"), [
    (("categories", 0, "prefix"), "З", "reads like a digit"),
    (("categories", 0, "prefix"), "C", "Cyrillic"),
    (("categories", 1, "prefix"), "П", "used by another category"),
    (("categories", 0, "services", 0, "avg_minutes"), 0, "avg_minutes"),
    (("categories", 0, "services", 0, "name"), {"ru": "Паспорт"}, "name.en"),
    (("categories", 0, "services", 1, "id"), "passport-internal", "used twice"),
    (("life_situations", 0, "services"), ["nope"], "unknown service 'nope'"),
    # What the server refuses too (its Catalog schema and checks), once taken here:
    (("categories", 0, "services", 0, "windows"), DELETE, "windows"),
    (("version",), DELETE, "version"),
    (("categories", 0, "services", 0, "id"), "паспорт", "services\\[0\\].id"),
    (("categories", 0, "services", 0, "id"), "x" * 65, "services\\[0\\].id"),
    (("categories", 0, "services", 0, "id"), "pass_port", "services\\[0\\].id"),
    (("categories", 1, "id"), "passports", "'passports' is used twice"),
    (("life_situations", 1, "id"), "birth", "'birth' is used twice"),
    (("life_situations",), None, "life_situations"),
    (("categories", 0, "prefix"), "П\n", "Cyrillic"),
    (("categories", 0, "services", 0, "avg_minutes"), float("nan"), "finite number"),
    (("categories", 0, "services", 0, "windows"), 2.5, "windows"),
    (("categories", 0, "services", 0, "name", "en"), "\ud800", "lone surrogate"),
    (("note",), 5, "note"),
])
def test_bad_catalog_is_refused(path: tuple, value: object, message: str) -> None:
    data = copy.deepcopy(DEMO)
    target = data
    for step in path[:-1]:
        target = target[step]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    with pytest.raises(CatalogError, match=message):
        parse_catalog(data)


def test_an_integral_float_is_a_whole_number_of_windows() -> None:
    """JSON Schema, which the server follows, counts 2.0 as the integer 2."""
    data = copy.deepcopy(DEMO)
    data["categories"][0]["services"][0]["windows"] = 2.0
    service = parse_catalog(data).categories[0].services[0]
    assert service.windows == 2 and isinstance(service.windows, int)
