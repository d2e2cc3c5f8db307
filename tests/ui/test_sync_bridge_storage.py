"""The GUI's sync bridge hands the config's free-disk limits to the sync thread (for the heartbeat)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.clock import ManualClock
from kiosk.config import Config, StorageConfig
from kiosk.sync import credentials
from ui.sync_bridge import SyncBridge


def test_the_bridge_passes_the_storage_limits_to_the_runner(qapp, tmp_path: Path, clock: ManualClock,
                                                            config: Config) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    credentials.save(data / credentials.FILE_NAME, credentials.Credentials(
        server="http://127.0.0.1:9", kiosk_id=config.kiosk_id, centre_id=config.centre_id, token="t-unused"))
    limits = StorageConfig(disk_warn_mib=1000, disk_refuse_mib=100)
    cfg = config.with_overrides(storage=limits, sync=replace(config.sync, server="http://127.0.0.1:9"))
    bridge = SyncBridge(cfg, data, clock, lambda: clock.now_utc().date())  # built, never started
    assert bridge.runner is not None and bridge.runner.storage is limits
