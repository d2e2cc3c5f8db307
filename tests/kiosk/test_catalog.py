"""The catalog: the demo file is valid, and a bad one is refused with its path."""

from __future__ import annotations

import copy
import json

import pytest

from kiosk.catalog import CatalogError, parse_catalog
from kiosk.config import DEMO_CATALOG

DEMO = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))


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
])
def test_bad_catalog_is_refused(path: tuple, value: object, message: str) -> None:
    data = copy.deepcopy(DEMO)
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(CatalogError, match=message):
        parse_catalog(data)
