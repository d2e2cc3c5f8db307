"""The sync thread (kiosk/sync/runner.py) against the real reference server over
loopback: it starts, runs a round and reports the status, wakes early for
*sync now*, survives a bug in a round or in its listener, and stops promptly,
closing what it opened. Tests wait on the status it reports, never on time."""

from __future__ import annotations

import datetime as dt
import io
import os
import queue
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from central import cli as central_cli
from central.testing import run_server
from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.hours import WeeklyHours
from kiosk.store import Store
from kiosk.sync.client import ServerClient
from kiosk.sync.runner import SyncRunner
from kiosk.sync.status import SyncStatus
from kiosk.tickets import TicketDesk
from tests.central.server_dbs import rows

KIOSK = "demo-kiosk-1"
WAIT_S = 20.0  # generous for a loaded machine; a healthy round takes milliseconds
NEVER_S = 3600.0  # an interval no test outlives: a second round needs request_now()


class Server:
    def __init__(self, url: str, db: Path) -> None:
        self.url, self.db = url, db
        out = io.StringIO()
        assert central_cli.main(["enrol", KIOSK, "--centre", "demo-centre", "--print-token", "--db", str(db)],
                                out=out) == 0, out.getvalue()
        self.token = next(line.split(": ", 1)[1] for line in out.getvalue().splitlines()
                          if line.startswith("token: "))

    def ticket_events(self) -> int:
        return int(rows(self.db, "SELECT count(*) FROM events WHERE kind = 'ticket.issued'")[0][0])


class RecordingClient(ServerClient):
    """The real client, noting whether the thread closed it; ``fail_status`` makes the
    first status call raise what a bug would (not a network error)."""

    def __init__(self, *args: Any, fail_status: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.closed = False
        self.fail_status = fail_status

    def status(self) -> dict[str, Any]:
        if self.fail_status:
            self.fail_status = False
            raise RuntimeError("a bug in the round")
        return super().status()

    def close(self) -> None:
        self.closed = True
        super().close()


@pytest.fixture
def server(db_url: str) -> Iterator[Server]:
    db = db_url
    with run_server(db) as url:
        yield Server(url, db)


@pytest.fixture
def kiosk_desk(tmp_path: Path, clock: ManualClock, config: Config, catalog: Catalog) -> Iterator[TicketDesk]:
    """The GUI thread's side: its own store in the data folder the sync thread also opens."""
    store = Store.open(tmp_path / "data", clock)
    yield TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
    store.close()


class Rig:
    def __init__(self, tmp_path: Path, clock: ManualClock) -> None:
        self.tmp_path, self.clock = tmp_path, clock
        self.statuses: queue.Queue[SyncStatus] = queue.Queue()
        self.clients: list[RecordingClient] = []
        self.runners: list[SyncRunner] = []

    def runner(self, url: str, token: str, *, fail_status: bool = False,
               on_status: Callable[[SyncStatus], None] | None = None) -> SyncRunner:
        def make_client() -> RecordingClient:
            client = RecordingClient(url, token, timeout=(2.0, 5.0), fail_status=fail_status)
            self.clients.append(client)
            return client

        made = SyncRunner(self.tmp_path / "data", make_client, KIOSK, business_day=lambda: dt.date(2026, 11, 24),
                          clock=self.clock, on_status=on_status or self.statuses.put, interval_s=NEVER_S)
        self.runners.append(made)
        return made

    def next_status(self) -> SyncStatus:
        return self.statuses.get(timeout=WAIT_S)


@pytest.fixture
def rig(tmp_path: Path, clock: ManualClock) -> Iterator[Rig]:
    made = Rig(tmp_path, clock)
    yield made
    for runner in made.runners:  # a failed test must not leave a sync thread behind
        runner.stop(timeout=WAIT_S)


def issue(desk: TicketDesk, count: int) -> None:
    for _ in range(count):
        desk.issue("pickup", "ru")


def test_a_started_runner_syncs_at_once_and_reports_the_status(rig: Rig, server: Server,
                                                               kiosk_desk: TicketDesk) -> None:
    issue(kiosk_desk, 4)  # queued while no sync thread ran
    runner = rig.runner(server.url, server.token)
    runner.start()
    status = rig.next_status()
    assert status.configured and status.online
    assert status.pending == 0 and status.last_success_utc is not None and status.last_error is None
    assert server.ticket_events() == 4
    assert runner.rounds == 1 and runner.last_result is not None and runner.last_result.ok
    assert kiosk_desk.store.pending_events() == 0  # the GUI thread's own connection sees it too


def test_sync_threads_run_below_the_gui_threads_priority(rig: Rig, server: Server, kiosk_desk: TicketDesk) -> None:
    """Sync's threads at nice +10 against the thread that started them, so a draining backlog
    never keeps the screen from a core. A batch is sent from a thread the round's thread
    starts, which inherits its priority."""
    issue(kiosk_desk, 3)
    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: dict[str, int] = {}
    runner = rig.runner(server.url, server.token)
    runner.start()
    rig.next_status()
    client = rig.clients[0]
    real_post = client.post_events

    def post_events(events: list[dict[str, Any]]) -> Any:
        seen["post"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        return real_post(events)

    client.post_events = post_events  # type: ignore[method-assign]
    issue(kiosk_desk, 2)
    runner.request_now()
    rig.next_status()
    assert seen["post"] == min(19, gui + 10)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui  # the caller's own is untouched


def test_sync_now_runs_a_round_before_the_interval_is_up(rig: Rig, server: Server,
                                                         kiosk_desk: TicketDesk) -> None:
    runner = rig.runner(server.url, server.token)
    runner.start()
    rig.next_status()
    issue(kiosk_desk, 2)
    runner.request_now()
    status = rig.next_status()  # an hour early
    assert status.pending == 0
    assert server.ticket_events() == 2
    assert runner.rounds == 2


def test_stop_ends_the_thread_while_it_waits_and_closes_the_client(rig: Rig, server: Server) -> None:
    runner = rig.runner(server.url, server.token)
    runner.start()
    rig.next_status()  # now waiting out the hour-long interval
    runner.stop(timeout=WAIT_S)
    assert not runner._thread.is_alive()
    assert [c.closed for c in rig.clients] == [True]
    assert runner.rounds == 1


@pytest.mark.expect_log("kiosk.sync.engine")
def test_a_dead_server_is_reported_offline_and_the_thread_goes_on(rig: Rig, tmp_path: Path,
                                                                  kiosk_desk: TicketDesk) -> None:
    with run_server(tmp_path / "gone.db") as url:
        pass  # a port that was a server a moment ago and now refuses connections
    issue(kiosk_desk, 1)
    runner = rig.runner(url, "token")
    runner.start()
    status = rig.next_status()
    assert not status.online and status.pending == 1
    assert status.last_error and "network" in status.last_error
    assert runner.last_result is not None and not runner.last_result.ok
    runner.request_now()
    assert rig.next_status().pending == 1  # still trying, nothing lost
    runner.stop(timeout=WAIT_S)
    assert not runner._thread.is_alive()


@pytest.mark.expect_log("kiosk.sync.runner")
def test_a_bug_in_a_round_is_logged_and_the_next_round_runs(rig: Rig, server: Server, kiosk_desk: TicketDesk,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    issue(kiosk_desk, 3)
    runner = rig.runner(server.url, server.token, fail_status=True)
    runner.start()
    first = rig.next_status()
    assert first.pending == 3
    assert runner.last_result is not None and not runner.last_result.ok
    assert any(r.name == "kiosk.sync.runner" and r.exc_info for r in caplog.records)
    runner.request_now()
    second = rig.next_status()
    assert second.online and second.pending == 0
    assert server.ticket_events() == 3


@pytest.mark.expect_log("kiosk.sync.runner")
def test_a_failing_status_listener_does_not_stop_sync(rig: Rig, server: Server, kiosk_desk: TicketDesk) -> None:
    first_call = threading.Event()

    def listener(status: SyncStatus) -> None:
        if not first_call.is_set():
            first_call.set()
            raise ValueError("a bug in the listener")
        rig.statuses.put(status)

    runner = rig.runner(server.url, server.token, on_status=listener)
    runner.start()
    assert first_call.wait(WAIT_S)
    issue(kiosk_desk, 1)
    runner.request_now()  # after the first round: the thread must still be there to run it
    assert rig.next_status().pending == 0
    assert server.ticket_events() == 1
    assert runner.rounds == 2
