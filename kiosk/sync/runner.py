"""The sync thread: opens its own store connection and requests session, runs
rounds, sleeps between them, and wakes early for *sync now* or shutdown.

No visitor ever waits on it: the GUI thread only reads the store and the
status this thread records.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kiosk.clock import Clock
from kiosk.config import StorageConfig
from kiosk.store import Store
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import RoundResult, SyncEngine
from kiosk.sync.status import SyncStatus, read_status

log = logging.getLogger(__name__)

# How much lower than the GUI thread sync's threads run (see _yield_to_the_screen()).
SYNC_NICE = 10


def _yield_to_the_screen() -> None:
    """Run this thread (and the threads it starts, which inherit it) below the GUI thread.

    Linux keeps a nice value per thread. On two cores with the kiosk's other work, a
    sync thread at the GUI thread's own priority could keep it waiting for a core
    for a whole frame while a backlog drains; at +10 the scheduler lets the screen go
    first. Elsewhere, or where it is refused, sync simply keeps the process's priority.
    """
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, os.getpriority(
            os.PRIO_PROCESS, threading.get_native_id()) + SYNC_NICE))
    except (AttributeError, OSError) as exc:
        log.info("sync thread keeps the process's priority (%s)", exc)


class SyncRunner:
    """Runs :class:`SyncEngine` rounds on a daemon thread.

    Args:
        data_dir: the kiosk's data folder (the thread opens its own connection there).
        make_client: builds the HTTP client inside the thread.
        kiosk_id: for event envelopes.
        business_day: today's local date.
        clock: time source for the store.
        on_status: called on the sync thread after every round with the new status.
        interval_s, batch_size, storage, facts: as for :class:`SyncEngine`.
    """

    def __init__(self, data_dir: Path, make_client: Callable[[], ServerClient], kiosk_id: str, *,
                 business_day: Callable[[], dt.date], clock: Clock,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 interval_s: float = 60.0, batch_size: int = 200, storage: StorageConfig | None = None,
                 facts: Callable[[], Mapping[str, Any]] | None = None) -> None:
        self.data_dir = data_dir
        self.make_client = make_client
        self.kiosk_id = kiosk_id
        self.business_day = business_day
        self.clock = clock
        self.on_status = on_status
        self.interval_s = interval_s
        self.batch_size = batch_size
        self.storage = storage
        self.facts = facts
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync", daemon=True)
        self.rounds = 0
        self.last_result: RoundResult | None = None

    def start(self) -> None:
        self._thread.start()

    def request_now(self) -> None:
        """Run a round as soon as possible (admin's *sync now*, or the network came back)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        _yield_to_the_screen()
        store = Store.open(self.data_dir, self.clock)
        client = self.make_client()
        engine = SyncEngine(store, client, self.kiosk_id, business_day=self.business_day,
                            interval_s=self.interval_s, batch_size=self.batch_size, storage=self.storage,
                            facts=self.facts)
        try:
            while not self._stop.is_set():
                self._wake.clear()
                try:
                    result = engine.run_once()
                except Exception:  # a bug here must not kill sync for good
                    log.exception("sync round failed unexpectedly")
                    result = RoundResult(False, 0, engine.backoff.delay(max(1, engine.failures), engine.rng))
                self.last_result = result
                self.rounds += 1
                if self.on_status is not None:
                    try:
                        self.on_status(read_status(store, configured=True))
                    except Exception:
                        log.exception("sync status listener failed")
                self._wake.wait(result.delay_s)
        finally:
            client.close()
            store.close()
