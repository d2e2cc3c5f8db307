"""The configuration bundle last received from the central server, as the
kiosk uses it at start: its catalog, opening hours and ticket link replace
the config's. A cached bundle that no longer parses is ignored with a log
line (the config's values stay), so a kiosk always starts."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from kiosk import server_cache
from kiosk.catalog import Catalog, CatalogError, parse_catalog
from kiosk.config import Config
from kiosk.hours import parse_weekly_hours
from kiosk.store import Store

log = logging.getLogger(__name__)


def bundle_problem(body: dict[str, Any]) -> str:
    """Why a configuration bundle cannot be applied, or '' when it can."""
    try:
        parse_catalog(body.get("catalog"), source="bundle.catalog")
        parse_weekly_hours(body.get("hours"))
    except (CatalogError, ValueError) as exc:
        return str(exc)
    template = body.get("ticket_link_template")
    if template is not None and (not isinstance(template, str) or "{uuid}" not in template
                                 or not template.startswith("https://")):
        return "ticket_link_template must be an https address containing {uuid}"
    paused = body.get("paused_services", [])
    if not isinstance(paused, list) or not all(
            isinstance(p, dict) and isinstance(p.get("service_id"), str) and isinstance(p.get("reason_code"), str)
            for p in paused):
        return "paused_services must be a list of {service_id, reason_code}"
    if not isinstance(body.get("version"), int):
        return "version must be a whole number"
    return ""



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
