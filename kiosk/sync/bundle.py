"""The configuration bundle last received from the central server, as the
kiosk uses it at start: its catalog, opening hours and ticket link replace
the config's. A cached bundle that no longer parses is ignored with a log
line (the config's values stay), so a kiosk always starts."""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from kiosk.catalog import Catalog, CatalogError, parse_catalog
from kiosk.config import Config
from kiosk.hours import parse_weekly_hours
from kiosk.sync.engine import check_bundle

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppliedBundle:
    version: int
    config: Config
    catalog: Catalog
    content: dict[str, Any]


def cached_bundle(conn: sqlite3.Connection, config: Config) -> AppliedBundle | None:
    """The cached bundle applied to ``config``, or None when there is none (or it is unusable)."""
    row = conn.execute("SELECT body FROM server_cache WHERE name = 'bundle'").fetchone()
    if row is None:
        return None
    try:
        body = json.loads(row[0])
        problem = check_bundle(body) if isinstance(body, dict) else "not an object"
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
    content = body.get("content") if isinstance(body.get("content"), dict) else {}
    log.info("using configuration bundle version %s from the central server", body["version"])
    return AppliedBundle(int(body["version"]), replace(config, **changes), catalog, content)
