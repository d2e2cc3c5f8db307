"""The service catalog: categories (each with its ticket prefix), services and
life situations, loaded from JSON and checked before use.

Names are bilingual data (``{"ru": ..., "en": ...}``): they come from the
catalog, not from the translation files.

What is a valid catalog is the server's ``Catalog`` schema plus its checks
beyond it (see :mod:`kiosk.shapes`): a file the kiosk takes, the server takes,
and the reverse.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.hours import WeeklyHours, parse_weekly_hours
from kiosk.shapes import (
    AVG_MINUTES_MAX,
    CATALOG_ID_MAX,
    CATALOG_ID_RE,
    PREFIX_RE,
    WINDOWS_MAX,
    is_json_integer,
    is_json_number,
    is_non_blank,
    unstorable,
)

LANGUAGES = ("ru", "en")

# Letters that read like digits on a display or when spoken («З»/3, «О»/0,
# «Ч»/4 in some fonts), see shared/product/domain.md.
CONFUSABLE_PREFIXES = frozenset("ЗОЧ")
# The documents a life situation lists for the visitor to bring.
DOCUMENTS_MAX = 20


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
    """A package of services for one event in a visitor's life, taken as one visit
    (one ticket, see docs/visits.md), with the documents to bring."""

    id: str
    name: Text
    service_ids: tuple[str, ...]
    documents: tuple[Text, ...] = ()


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

    def package(self, situation_id: str) -> LifeSituation:
        """The life situation (package) with this id.

        Raises:
            KeyError: no such package.
        """
        for situation in self.life_situations:
            if situation.id == situation_id:
                return situation
        raise KeyError(situation_id)


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected {{\"ru\": ..., \"en\": ...}}, got {raw!r}")
    values = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if not is_non_blank(value):
            raise CatalogError(f"{where}.{lang}: a non-empty text is required, got {value!r}")
        values[lang] = value.strip()
    return Text(**values)


def _ident(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or CATALOG_ID_RE.fullmatch(raw) is None or len(raw) > CATALOG_ID_MAX:
        raise CatalogError(f"{where}: expected an id of 1 to {CATALOG_ID_MAX} Latin letters, digits and '-', "
                           f"got {raw!r}")
    return raw


def _prefix(raw: Any, where: str) -> str:
    if isinstance(raw, str) and raw in CONFUSABLE_PREFIXES:
        raise CatalogError(f"{where}: {raw!r} reads like a digit; choose another letter")
    if not isinstance(raw, str) or PREFIX_RE.fullmatch(raw) is None:
        raise CatalogError(f"{where}: one capital Cyrillic letter is required, got {raw!r}")
    return raw


def _unique(value: str, seen: set[str], where: str) -> str:
    if value in seen:
        raise CatalogError(f"{where}: {value!r} is used twice")
    seen.add(value)
    return value


def _list(raw: Any, where: str, what: str, *, non_empty: bool = True) -> list[Any]:
    if not isinstance(raw, list) or (non_empty and not raw):
        raise CatalogError(f"{where}: {'a non-empty' if non_empty else 'a'} list of {what} is required, got {raw!r}")
    return raw


def _service(raw: Any, category_id: str, where: str) -> Service:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected an object")
    svc_id = _ident(raw.get("id"), f"{where}.id")
    avg = raw.get("avg_minutes")
    if not (is_json_number(avg) and 0 < avg <= AVG_MINUTES_MAX):
        raise CatalogError(f"{where}.avg_minutes: a number of minutes in (0, {AVG_MINUTES_MAX}] is required, "
                           f"got {avg!r}")
    windows = raw.get("windows")
    if not (is_json_integer(windows) and 0 <= windows <= WINDOWS_MAX):
        raise CatalogError(f"{where}.windows: a whole number 0-{WINDOWS_MAX} is required, got {windows!r}")
    hours = None
    if "hours" in raw:
        try:
            hours = parse_weekly_hours(raw["hours"])
        except ValueError as exc:
            raise CatalogError(f"{where}.hours: {exc}") from None
    return Service(id=svc_id, category_id=category_id, name=_text(raw.get("name"), f"{where}.name"),
                   avg_minutes=float(avg), windows=int(windows), hours=hours)


def _documents(raw: Any) -> tuple[Text, ...]:
    """A life situation's documents to bring: the usable entries, at most :data:`DOCUMENTS_MAX`.

    Read leniently: the server's ``LifeSituation`` schema does not describe
    ``documents`` yet, so a catalog it accepts must not be refused for them here;
    an entry that is not a text in both languages is left out.
    """
    found: list[Text] = []
    for item in raw if isinstance(raw, list) else []:
        try:
            found.append(_text(item, "documents"))
        except CatalogError:
            continue
    return tuple(found[:DOCUMENTS_MAX])


def parse_catalog(data: Any, source: str = "catalog") -> Catalog:
    """Build a :class:`Catalog` from decoded JSON, checking every field.

    The rules are the server's (its ``Catalog`` schema and the checks beyond
    it: unique ids and prefixes, known services in life situations), so a
    catalog is refused here exactly when the server would refuse it.

    Raises:
        CatalogError: with the path of the first bad field.
    """
    if not isinstance(data, dict):
        raise CatalogError(f"{source}: expected a JSON object")
    problem = unstorable(data)
    if problem:
        raise CatalogError(f"{source}: {problem}")
    version = data.get("version")
    if not isinstance(version, str) or not version:
        raise CatalogError(f"{source}: 'version' must be a non-empty text naming the edition, got {version!r}")
    if "note" in data and not isinstance(data["note"], str):
        raise CatalogError(f"{source}: 'note' must be a text, got {data['note']!r}")
    raw_categories = _list(data.get("categories"), f"{source}: categories", "categories")
    categories: list[Category] = []
    services: dict[str, Service] = {}
    category_ids: set[str] = set()
    prefixes: set[str] = set()
    for i, raw_cat in enumerate(raw_categories):
        where = f"{source}: categories[{i}]"
        if not isinstance(raw_cat, dict):
            raise CatalogError(f"{where}: expected an object")
        cat_id = _unique(_ident(raw_cat.get("id"), f"{where}.id"), category_ids, f"{where}.id")
        prefix = _prefix(raw_cat.get("prefix"), f"{where}.prefix")
        if prefix in prefixes:
            raise CatalogError(f"{where}.prefix: {prefix!r} is used by another category")
        prefixes.add(prefix)
        cat_services: list[Service] = []
        for j, raw_svc in enumerate(_list(raw_cat.get("services"), f"{where}.services", "services")):
            service = _service(raw_svc, cat_id, f"{where}.services[{j}]")
            if service.id in services:  # unique across the catalog, not only the category
                raise CatalogError(f"{where}.services[{j}].id: {service.id!r} is used twice")
            services[service.id] = service
            cat_services.append(service)
        categories.append(
            Category(id=cat_id, prefix=prefix, name=_text(raw_cat.get("name"), f"{where}.name"),
                     services=tuple(cat_services))
        )
    situations: list[LifeSituation] = []
    situation_ids: set[str] = set()
    raw_situations = _list(data.get("life_situations", []), f"{source}: life_situations", "life situations",
                           non_empty=False)
    for i, raw_sit in enumerate(raw_situations):
        where = f"{source}: life_situations[{i}]"
        if not isinstance(raw_sit, dict):
            raise CatalogError(f"{where}: expected an object")
        sit_id = _unique(_ident(raw_sit.get("id"), f"{where}.id"), situation_ids, f"{where}.id")
        ids = _list(raw_sit.get("services"), f"{where}.services", "service ids")
        for sid in ids:
            if not isinstance(sid, str) or sid not in services:
                raise CatalogError(f"{where}.services: unknown service {sid!r}")
        situations.append(LifeSituation(id=sit_id, name=_text(raw_sit.get("name"), f"{where}.name"),
                                        service_ids=tuple(ids), documents=_documents(raw_sit.get("documents"))))
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
