"""The whole system on one machine: the kiosk window and the reference server.
A ticket taken on screen reaches the server; the top bar says online or
offline; a dead server never slows a visitor down."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from central.testing import run_server
from kiosk.config import DEMO_CATALOG, Config
from kiosk.sync import credentials
from tests.faultproxy import FaultProxy
from tests.kiosk.sync.test_sync_engine import CENTRE, KIOSK, issue_token
from tests.ui.visitor.test_ticket_flow import take_ticket


@pytest.fixture
def central(tmp_path: Path) -> Iterator[tuple[FaultProxy, Path]]:
    db = tmp_path / "central.db"
    with run_server(db) as url:
        proxy = FaultProxy(url)
        yield proxy, db
        proxy.close()


def synced_config(config: Config, tmp_path: Path, proxy: FaultProxy, server_db: Path) -> Config:
    credentials.save(tmp_path / "data" / credentials.FILE_NAME,
                     credentials.Credentials(proxy.url, KIOSK, CENTRE, issue_token(server_db)))
    return config.with_overrides(sync=dataclasses.replace(config.sync, server=proxy.url, interval_s=10))


def server_tickets(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM events WHERE kind = 'ticket.issued'")]
    finally:
        conn.close()


# central before make_kiosk: fixtures are torn down in reverse, so the kiosk's sync thread
# stops before the server goes away (instead of failing a last round against no server).
def test_ticket_reaches_the_server_and_the_bar_says_online(central, make_kiosk, qtbot: QtBot, tmp_path: Path,
                                                          config: Config) -> None:
    proxy, server_db = central
    kiosk = make_kiosk(printer=None, cfg=synced_config(config, tmp_path, proxy, server_db))
    assert kiosk.sync.configured
    with qtbot.waitSignal(kiosk.sync.status_changed, timeout=10_000):
        kiosk.sync.start()
    ticket_id = take_ticket(kiosk, qtbot, "collect", "pickup")
    kiosk.sync.request_now()
    qtbot.waitUntil(lambda: len(server_tickets(server_db)) == 1, timeout=10_000)
    bar = kiosk.window.top_bar
    qtbot.waitUntil(lambda: bar.connection.isVisible() and bar.connection.text().startswith("● В сети"))
    assert ticket_id
    assert (kiosk.data_dir / credentials.FILE_NAME).stat().st_mode & 0o777 == 0o600


@pytest.mark.expect_log("kiosk.sync.engine")
def test_a_dead_server_never_delays_a_ticket(make_kiosk, qtbot: QtBot, tmp_path: Path, config: Config,
                                             central) -> None:
    proxy, server_db = central
    proxy.default = "slow:30"  # the server hangs; the kiosk's read timeout is 30 s
    kiosk = make_kiosk(printer=None, cfg=synced_config(config, tmp_path, proxy, server_db))
    kiosk.sync.start()
    kiosk.sync.request_now()
    for service in ("pickup", "consultation"):
        take_ticket(kiosk, qtbot, "collect" if service == "pickup" else "consultation", service)
        assert kiosk.window.current() is kiosk.window.ticket
        kiosk.window.go_home()
    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    assert conn.execute("SELECT count(*) FROM outbox WHERE kind = 'ticket.issued'").fetchone()[0] == 2
    conn.close()


def cache_bundle(tmp_path: Path, clock, body: dict) -> None:
    from kiosk.clock import iso_utc
    from kiosk.store import Store

    store = Store.open(tmp_path / "data", clock)
    with store.transaction() as tx:
        tx.execute("INSERT INTO server_cache (name, etag, body, fetched_utc) VALUES ('bundle', 'v7', ?, ?)",
                   (json.dumps(body, ensure_ascii=False), iso_utc(clock.now_utc())))
    store.close()


def demo_bundle() -> dict:
    catalog = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    catalog["categories"][0]["name"] = {"ru": "Паспорта (из центра)", "en": "Passports (from central)"}
    return {"version": 7, "centre_id": "demo-centre", "catalog": catalog, "hours": {"daily": "08:00-20:00"},
            "paused_services": [],
            "content": {"standard_md": {"ru": "# Стандарт центра\n\nТекст с сервера.",
                                        "en": "# Centre standard\n\nText from the server."}, "banner": None},
            "ticket_link_template": "https://central.example/t/{uuid}"}


def test_the_cached_bundle_drives_catalog_link_and_standard(make_kiosk, qtbot: QtBot, tmp_path: Path,
                                                             clock) -> None:
    cache_bundle(tmp_path, clock, demo_bundle())
    kiosk = make_kiosk(printer=None)
    window = kiosk.window
    window.home.ticket_tile.click()
    assert window.categories.category_tiles["passports"].title.text() == "Паспорта (из центра)"
    take_ticket(kiosk, qtbot, "collect", "pickup")
    assert window.ticket.qr.text().startswith("https://central.example/t/")
    window.go_home()
    window.standard_tile.click()
    qtbot.waitUntil(lambda: "Текст с сервера." in " ".join(
        w.text() for w in window.standard.findChildren(QLabel) if w.isVisible()))


@pytest.mark.expect_log("kiosk.sync.bundle")
def test_a_broken_cached_bundle_falls_back_to_the_config(make_kiosk, tmp_path: Path, clock,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    broken = dict(demo_bundle(), catalog={"categories": []})
    cache_bundle(tmp_path, clock, broken)
    kiosk = make_kiosk(printer=None)
    assert kiosk.bundle is None
    assert kiosk.window.categories.category_tiles["passports"].title.text() == "Паспорта и регистрация"
    assert "cached configuration bundle is unusable" in caplog.text


def receive_bundle(kiosk, clock, body: dict) -> None:
    """What the sync thread does when a bundle arrives: cache it and note its version."""
    from kiosk.clock import iso_utc
    from kiosk.store import Store
    from kiosk.sync.engine import KEY_BUNDLE_VERSION
    from kiosk.sync.status import read_status

    store = Store.open(kiosk.data_dir, clock)
    with store.transaction() as tx:
        tx.execute("INSERT OR REPLACE INTO server_cache (name, etag, body, fetched_utc) VALUES ('bundle', 'v', ?, ?)",
                   (json.dumps(body, ensure_ascii=False), iso_utc(clock.now_utc())))
        store.set_state(tx, KEY_BUNDLE_VERSION, str(body["version"]))
    status = read_status(store, configured=True)
    store.close()
    kiosk.sync.status_changed.emit(status)


def test_a_new_bundle_restarts_the_kiosk_once_home_is_left_alone(make_kiosk, qtbot: QtBot, clock) -> None:
    kiosk = make_kiosk(printer=None)
    restarts: list[bool] = []
    kiosk.restart = lambda: restarts.append(True)  # the real one ends the Qt loop that pytest-qt needs
    kiosk.bundle_quiet.timer.setInterval(150)  # two minutes in the kiosk
    window = kiosk.window
    window.home.ticket_tile.click()  # a visitor is choosing when the bundle arrives
    receive_bundle(kiosk, clock, demo_bundle())
    assert not kiosk.bundle_quiet.timer.isActive()
    window.categories.category_tiles["social"].click()
    assert restarts == []
    window.go_home()
    qtbot.waitUntil(lambda: restarts == [True], timeout=3000)


@pytest.mark.expect_log("kiosk.sync.bundle")
def test_an_unusable_bundle_never_restarts_the_kiosk(make_kiosk, clock) -> None:
    kiosk = make_kiosk(printer=None)
    receive_bundle(kiosk, clock, dict(demo_bundle(), catalog={"categories": []}))
    assert not kiosk.bundle_quiet.timer.isActive()
