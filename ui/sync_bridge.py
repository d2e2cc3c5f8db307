"""Runs the sync thread for the Qt application and brings its status to the
GUI thread as a signal. Nothing here ever blocks the GUI on the network."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.check import heartbeat_facts
from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.sync import credentials
from kiosk.sync.client import ServerClient
from kiosk.sync.runner import SyncRunner
from kiosk.sync.status import SyncStatus

log = logging.getLogger(__name__)


class SyncBridge(QObject):
    """Signals:
        status_changed(object): a :class:`SyncStatus`, delivered on the GUI thread.
    """

    status_changed = Signal(object)
    _from_thread = Signal(object)

    def __init__(self, config: Config, data_dir: Path, clock: Clock, business_day: Callable[[], dt.date],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner: SyncRunner | None = None
        self.problem = ""
        self.status: SyncStatus | None = None
        path = config.sync.credentials or data_dir / credentials.FILE_NAME
        try:
            creds = credentials.load(path)
        except credentials.CredentialsError as exc:
            self.problem = str(exc)
            log.error("sync is off: %s", exc)
            return
        server = config.sync.server or (creds.server if creds else "")
        if not server or creds is None:
            if server:
                self.problem = f"not enrolled: run main.py enrol --server {server} --code CODE"
                log.warning("sync is off: %s", self.problem)
            return
        ca = str(config.sync.ca_bundle) if config.sync.ca_bundle else None
        token = creds.token

        def make_client() -> ServerClient:
            return ServerClient(server, token, ca_bundle=ca)

        self._from_thread.connect(self._deliver)
        self.runner = SyncRunner(data_dir, make_client, config.kiosk_id, business_day=business_day, clock=clock,
                                 on_status=self._from_thread.emit, interval_s=config.sync.interval_s,
                                 batch_size=config.sync.batch_size, storage=config.storage,
                                 facts=lambda: heartbeat_facts(config, data_dir))
        log.info("sync with %s every %d s", server, config.sync.interval_s)

    @property
    def configured(self) -> bool:
        return self.runner is not None

    def start(self) -> None:
        if self.runner is not None:
            self.runner.start()

    @Slot()
    def request_now(self) -> None:
        if self.runner is not None:
            self.runner.request_now()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()

    @Slot(object)
    def _deliver(self, status: SyncStatus) -> None:
        self.status = status
        self.status_changed.emit(status)
