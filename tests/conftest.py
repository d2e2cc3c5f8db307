"""Shared fixtures. Qt runs offscreen: without a display pytest would abort
with exit 134 instead of failing."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from kiosk.catalog import Catalog, load_catalog
from kiosk.clock import ManualClock
from kiosk.config import DEMO_CONFIG, Config, load_config
from kiosk.hours import parse_weekly_hours
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.support import moscow


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(moscow(2026, 11, 24, 10, 0))


@pytest.fixture
def config() -> Config:
    """The demo config with a normal working day (08:00-20:00), so closing can be tested."""
    return load_config(DEMO_CONFIG).with_overrides(hours=parse_weekly_hours({"daily": "08:00-20:00"}))


@pytest.fixture
def catalog(config: Config) -> Catalog:
    return load_catalog(config.catalog_path)


@pytest.fixture
def store(tmp_path: Path, clock: ManualClock) -> Store:
    opened = Store.open(tmp_path / "data", clock)
    yield opened
    opened.close()


@pytest.fixture
def desk(store: Store, config: Config, catalog: Catalog) -> TicketDesk:
    return TicketDesk(store, config, catalog)
