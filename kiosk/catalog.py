"""The service catalog: categories (each with its ticket prefix), services and
life situations, loaded from JSON and checked before use.

Names are bilingual data (``{"ru": ..., "en": ...}``): they come from the
catalog, not from the translation files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.hours import WeeklyHours, parse_weekly_hours

LANGUAGES = ("ru", "en")

# Letters that read like digits on a display or when spoken («З»/3, «О»/0,
# «Ч»/4 in some fonts), see shared/product/domain.md.
CONFUSABLE_PREFIXES = frozenset("ЗОЧ")


class CatalogError(ValueError):
    """The catalog file or bundle is not usable; the message says where and why."""


@dataclass(frozen=True)
class Text:
    """A visitor-facing text in both languages."""

    ru: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language == "en" else self.ru


@dataclass(frozen=True)
class Service:
    id: str
    category_id: str
    name: Text
    avg_minutes: float
    windows: int
    hours: WeeklyHours | None = None


@dataclass(frozen=True)
class Category:
    id: str
    prefix: str
    name: Text
    services: tuple[Service, ...]


@dataclass(frozen=True)
class LifeSituation:
    id: str
    name: Text
    service_ids: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    version: str
    categories: tuple[Category, ...]
    life_situations: tuple[LifeSituation, ...] = ()
    _services: Mapping[str, Service] = field(default_factory=dict, repr=False, compare=False)

    def service(self, service_id: str) -> Service:
        """Return the service with this id.

        Raises:
            KeyError: no such service.
        """
        return self._services[service_id]

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    def category_of(self, service_id: str) -> Category:
        return self.category(self.service(service_id).category_id)

    def services(self) -> tuple[Service, ...]:
        return tuple(self._services.values())


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected {{\"ru\": ..., \"en\": ...}}, got {raw!r}")
    values = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not isinstance(value, str) or not value.strip():
            raise CatalogError(f"{where}.{lang}: a non-empty text is required, got {value!r}")
        values[lang] = value.strip()
    return Text(**values)


def _ident(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw or len(raw) > 64 or not raw.replace("-", "").isalnum():
        raise CatalogError(f"{where}: expected an id of letters, digits and '-', got {raw!r}")
    return raw


def parse_catalog(data: Any, source: str = "catalog") -> Catalog:
    """Build a :class:`Catalog` from decoded JSON, checking every field.

    Raises:
        CatalogError: with the path of the first bad field.
    """
    if not isinstance(data, dict):
        raise CatalogError(f"{source}: expected a JSON object")
    version = str(data.get("version", "unversioned"))
    raw_categories = data.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise CatalogError(f"{source}: 'categories' must be a non-empty list")
    categories: list[Category] = []
    services: dict[str, Service] = {}
    prefixes: set[str] = set()
    for i, raw_cat in enumerate(raw_categories):
        where = f"{source}: categories[{i}]"
        if not isinstance(raw_cat, dict):
            raise CatalogError(f"{where}: expected an object")
        cat_id = _ident(raw_cat.get("id"), f"{where}.id")
        prefix = raw_cat.get("prefix")
        if not isinstance(prefix, str) or len(prefix) != 1 or not ("А" <= prefix <= "Я" or prefix == "Ё"):
            raise CatalogError(f"{where}.prefix: one capital Cyrillic letter is required, got {prefix!r}")
        if prefix in CONFUSABLE_PREFIXES:
            raise CatalogError(f"{where}.prefix: {prefix!r} reads like a digit; choose another letter")
        if prefix in prefixes:
            raise CatalogError(f"{where}.prefix: {prefix!r} is used by another category")
        prefixes.add(prefix)
        raw_services = raw_cat.get("services")
        if not isinstance(raw_services, list) or not raw_services:
            raise CatalogError(f"{where}.services: a non-empty list is required")
        cat_services: list[Service] = []
        for j, raw_svc in enumerate(raw_services):
            swhere = f"{where}.services[{j}]"
            if not isinstance(raw_svc, dict):
                raise CatalogError(f"{swhere}: expected an object")
            svc_id = _ident(raw_svc.get("id"), f"{swhere}.id")
            if svc_id in services:
                raise CatalogError(f"{swhere}.id: {svc_id!r} is used twice")
            avg = raw_svc.get("avg_minutes")
            if isinstance(avg, bool) or not isinstance(avg, (int, float)) or not 0 < avg <= 240:
                raise CatalogError(f"{swhere}.avg_minutes: a number of minutes in (0, 240] is required, got {avg!r}")
            windows = raw_svc.get("windows", 1)
            if isinstance(windows, bool) or not isinstance(windows, int) or not 0 <= windows <= 200:
                raise CatalogError(f"{swhere}.windows: a whole number 0-200 is required, got {windows!r}")
            hours = None
            if "hours" in raw_svc:
                try:
                    hours = parse_weekly_hours(raw_svc["hours"])
                except ValueError as exc:
                    raise CatalogError(f"{swhere}.hours: {exc}") from None
            service = Service(
                id=svc_id,
                category_id=cat_id,
                name=_text(raw_svc.get("name"), f"{swhere}.name"),
                avg_minutes=float(avg),
                windows=windows,
                hours=hours,
            )
            services[svc_id] = service
            cat_services.append(service)
        categories.append(
            Category(id=cat_id, prefix=prefix, name=_text(raw_cat.get("name"), f"{where}.name"),
                     services=tuple(cat_services))
        )
    situations: list[LifeSituation] = []
    for i, raw_sit in enumerate(data.get("life_situations", []) or []):
        where = f"{source}: life_situations[{i}]"
        if not isinstance(raw_sit, dict):
            raise CatalogError(f"{where}: expected an object")
        ids = raw_sit.get("services")
        if not isinstance(ids, list) or not ids:
            raise CatalogError(f"{where}.services: a non-empty list of service ids is required")
        for sid in ids:
            if sid not in services:
                raise CatalogError(f"{where}.services: unknown service {sid!r}")
        situations.append(LifeSituation(id=_ident(raw_sit.get("id"), f"{where}.id"),
                                        name=_text(raw_sit.get("name"), f"{where}.name"),
                                        service_ids=tuple(ids)))
    return Catalog(version=version, categories=tuple(categories),
                   life_situations=tuple(situations), _services=services)


def load_catalog(path: Path) -> Catalog:
    """Read and check a catalog file.

    Raises:
        CatalogError: unreadable file, bad JSON, or a bad field (the message names the file).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"{path}: cannot be read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    return parse_catalog(data, source=str(path))
