"""Chaos, reduced: a few hundred events of a real kiosk store go to the real
server (``python -m central serve``, on SQLite and on PostgreSQL) through the
fault proxy, which meets every batch kind of fault at least once, and the
server is killed with SIGKILL while it holds a batch, then started again on
the same port and database. The server ends with every event exactly once.

The full run (10,000 events, several restarts) is ``python bench/chaos_bench.py``.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from bench.chaos_bench import FAULTS, chaos_run
from tests.secrets_guard import remember_secret

EVENTS = 300


@pytest.mark.expect_log("kiosk.sync.engine")
def test_every_fault_and_a_server_killed_mid_batch_leave_each_event_stored_once(tmp_path: Path, db_url: str) -> None:
    result = chaos_run(tmp_path, db_url, EVENTS, batch=10, fault_rate=0.3, restarts=1, seed=7, time_limit_s=120,
                       workers=1, kill_with=(signal.SIGKILL,), remember=remember_secret)
    assert result.drained, result.problems
    # The run was the chaos it claims: every kind of fault, and the server went away once.
    assert set(result.faults) == set(FAULTS), result.faults
    assert result.restarts == {"SIGKILL": 1}
    assert result.upstream_failures > 0  # the kiosk met the server while it was down
    # Everything the kiosk queued was acknowledged and is stored once: none lost, none twice.
    assert result.queued == result.acknowledged == EVENTS
    assert result.stored == EVENTS  # the server's own count, from `kiosks --json`
    assert result.duplicates == 0 and result.lost == 0 and result.foreign == 0
    # Answers were lost after the server applied them, so some events were sent again
    # and recognised; the server accepted each event exactly once.
    assert result.verdicts.get("duplicate", 0) > 0
    assert result.verdicts.get("accepted", 0) <= EVENTS
    assert result.verdicts.get("rejected", 0) == 0
    assert result.problems == []
