"""The heartbeat tells the server how full the kiosk's disk is, against the config's limits."""

from __future__ import annotations

import errno
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.config import MIB, StorageConfig
from kiosk.store import Store
from kiosk.sync import runner as runner_module
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import RoundResult, SyncEngine


@dataclass
class FakeUsage:
    free: int | None
    total: int = 64 * 1024 * MIB

    def __call__(self, path: Path) -> FakeUsage:
        if self.free is None:
            raise PermissionError(errno.EACCES, "denied", str(path))
        return self


@pytest.fixture
def client() -> Iterator[ServerClient]:
    made = ServerClient("http://127.0.0.1:9", "unused-token")  # a heartbeat is queued, never sent here
    yield made
    made.close()


@pytest.mark.parametrize(("free", "state"), [
    (2000 * MIB, "ok"), (700 * MIB, "low"), (80 * MIB, "full"), (None, "unknown")])
def test_heartbeat_carries_free_bytes_and_the_disk_state(store: Store, client: ServerClient, free: int | None,
                                                         state: str) -> None:
    engine = SyncEngine(store, client, "demo-kiosk-1", business_day=lambda: store.clock.now_utc().date(),
                        storage=StorageConfig(disk_warn_mib=1000, disk_refuse_mib=100), disk_usage=FakeUsage(free))
    engine.queue_heartbeat()
    (payload,) = store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'heartbeat'").fetchone()
    body = json.loads(payload)
    assert (body["disk_free_bytes"], body["disk_state"]) == (free, state)


def test_heartbeat_measures_the_real_disk_by_default(store: Store, client: ServerClient) -> None:
    engine = SyncEngine(store, client, "demo-kiosk-1", business_day=lambda: store.clock.now_utc().date())
    engine.queue_heartbeat()
    (payload,) = store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'heartbeat'").fetchone()
    body = json.loads(payload)
    assert isinstance(body["disk_free_bytes"], int) and body["disk_free_bytes"] > 0
    assert body["disk_state"] in ("ok", "low", "full")


def test_the_sync_thread_hands_the_configs_limits_to_its_engine(tmp_path: Path, clock,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    made = threading.Event()
    seen: dict[str, object] = {}

    class Engine:
        failures = 0

        def __init__(self, store: Store, client: object, kiosk_id: str, **options: object) -> None:
            seen.update(options)
            made.set()

        def run_once(self) -> RoundResult:
            return RoundResult(True, 0, 3600.0)  # until stop() wakes the thread

    class Client:
        def close(self) -> None:
            pass

    monkeypatch.setattr(runner_module, "SyncEngine", Engine)
    limits = StorageConfig(disk_warn_mib=1000, disk_refuse_mib=100)
    runner = runner_module.SyncRunner(tmp_path / "data", Client, "demo-kiosk-1", clock=clock,
                                      business_day=lambda: clock.now_utc().date(), storage=limits)
    runner.start()
    try:
        assert made.wait(timeout=30)
    finally:
        runner.stop()
    assert seen["storage"] is limits
