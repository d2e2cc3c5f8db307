"""The running kiosk holds its data folder's lock from start to shutdown: a restore is refused
meanwhile, a second kiosk on the same folder does not start, and after shutdown both may."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.backup import backup_database
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.datalock import DataDirBusy, DataDirLock
from kiosk.restore import RestoreError, restore_database
from ui.app import Kiosk


def test_the_kiosk_holds_the_data_folder_until_it_shuts_down(qapp, tmp_path: Path, clock: ManualClock,
                                                              config: Config) -> None:
    data = tmp_path / "data"
    kiosk = Kiosk(config, data, clock=clock, printer=None)
    try:
        backup = backup_database(data, clock, keep=14).path  # a backup runs beside the kiosk
        with pytest.raises(RestoreError, match="the kiosk is running"):
            restore_database(data, backup, clock, config.kiosk_id)
        with pytest.raises(DataDirBusy):
            Kiosk(config, data, clock=clock, printer=None)
    finally:
        kiosk.shutdown()
    assert not kiosk.data_lock.held
    DataDirLock.acquire(data).release()
    assert restore_database(data, backup, clock, config.kiosk_id).moved_aside is not None
