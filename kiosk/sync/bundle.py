"""The configuration bundle last received from the central server, as the
kiosk uses it at start: its catalog, opening hours and ticket link replace
the config's. A cached bundle that no longer parses is ignored with a log
line (the config's values stay), so a kiosk always starts.

A bundle is usable exactly when the server's contract allows it (the
``Bundle`` schema of ``central/openapi.yaml`` and the server's checks beyond
it); :func:`bundle_problem` says why not, and the sync engine then keeps the
previous bundle. ``tests/kiosk/sync/test_bundle_agreement.py`` holds the two
sides to the same verdict."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from kiosk import server_cache
from kiosk.catalog import Catalog, CatalogError, parse_catalog
from kiosk.config import Config
from kiosk.hours import parse_weekly_hours
from kiosk.pauses import PAUSE_REASONS
from kiosk.shapes import (
    IDENTIFIER_RE,
    TICKET_LINK_RULE,
    is_json_integer,
    is_localized,
    is_non_blank,
    is_ticket_link_template,
    is_utc_instant,
    matches,
    unstorable,
)
from kiosk.store import Store

log = logging.getLogger(__name__)

BUNDLE_KEYS = ("version", "centre_id", "catalog", "hours", "paused_services", "content", "ticket_link_template")


def _content_problem(content: Any) -> str:
    if not isinstance(content, dict):
        return "content must be an object with standard_md and banner"
    if not is_localized(content.get("standard_md")):
        return "content.standard_md must have a non-empty ru and en text"
    if "banner" not in content:
        return "content.banner is required (null for no banner)"
    banner = content["banner"]
    if banner is None:
        return ""
    if not isinstance(banner, dict) or not (is_non_blank(banner.get("ru")) and is_non_blank(banner.get("en"))):
        return "content.banner must be null or have a non-empty ru and en text"
    if not is_utc_instant(banner.get("expires_utc")):
        return f"content.banner.expires_utc must be a real UTC time ending in Z, got {banner.get('expires_utc')!r}"
    return ""


def _paused_problem(paused: Any, catalog: Catalog) -> str:
    if not isinstance(paused, list):
        return "paused_services must be a list"
    service_ids = {service.id for service in catalog.services()}
    for i, item in enumerate(paused):
        if not isinstance(item, dict) or set(item) != {"service_id", "reason_code"}:
            return f"paused_services[{i}] must be exactly {{service_id, reason_code}}"
        service_id = item["service_id"]
        if not isinstance(service_id, str) or service_id not in service_ids:
            return f"paused_services[{i}].service_id: unknown service {service_id!r}"
        if item["reason_code"] not in PAUSE_REASONS:
            return f"paused_services[{i}].reason_code must be one of {', '.join(PAUSE_REASONS)}"
    return ""


def bundle_problem(body: Any) -> str:
    """Why a configuration bundle cannot be applied, or '' when it can."""
    if not isinstance(body, dict):
        return "the bundle must be a JSON object"
    problem = unstorable(body, "bundle")
    if problem:
        return problem
    missing = [key for key in BUNDLE_KEYS if key not in body]
    if missing:
        return "the bundle lacks " + ", ".join(missing)
    unknown = sorted(set(body) - set(BUNDLE_KEYS))
    if unknown:
        return "the bundle has unknown keys " + ", ".join(map(str, unknown))
    version = body["version"]
    if not is_json_integer(version) or version < 1:
        return f"version must be a whole number of at least 1, got {version!r}"
    if not matches(IDENTIFIER_RE, body["centre_id"]):
        return f"centre_id {body['centre_id']!r} is not a centre id"
    try:
        catalog = parse_catalog(body["catalog"], source="bundle.catalog")
        parse_weekly_hours(body["hours"])
    except CatalogError as exc:
        return str(exc)
    except ValueError as exc:
        return f"bundle.hours: {exc}"
    template = body["ticket_link_template"]
    if not is_ticket_link_template(template):
        return f"ticket_link_template = {template!r} is not allowed: {TICKET_LINK_RULE}"
    return _paused_problem(body["paused_services"], catalog) or _content_problem(body["content"])


@dataclass(frozen=True)
class AppliedBundle:
    version: int
    config: Config
    catalog: Catalog
    content: dict[str, Any]


def cached_bundle(store: Store, config: Config) -> AppliedBundle | None:
    """The cached bundle applied to ``config``, or None when there is none (or it is unusable)."""
    cached = server_cache.read(store, server_cache.BUNDLE)
    if cached is None:
        return None
    body = cached.body
    try:
        problem = bundle_problem(body)
        if problem:
            raise ValueError(problem)
        catalog = parse_catalog(body["catalog"], source="bundle.catalog")
        hours = parse_weekly_hours(body["hours"])
    except (ValueError, KeyError, CatalogError) as exc:
        log.error("the cached configuration bundle is unusable (%s); using the config file's values", exc)
        return None
    changes: dict[str, Any] = {"hours": hours}
    if isinstance(body.get("ticket_link_template"), str):
        changes["link_template"] = body["ticket_link_template"]
    raw_content = body.get("content")
    content: dict[str, Any] = raw_content if isinstance(raw_content, dict) else {}
    log.info("using configuration bundle version %s from the central server", body["version"])
    return AppliedBundle(int(body["version"]), replace(config, **changes), catalog, content)
