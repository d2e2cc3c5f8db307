"""The kiosk process is killed with SIGKILL in the middle of sending batches,
then restarted: it resumes from the store, and the server ends with every
event exactly once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from central.testing import run_server
from kiosk.catalog import Catalog
from kiosk.config import PROJECT_ROOT, Config
from kiosk.hours import WeeklyHours
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.central.server_dbs import rows
from tests.faultproxy import FaultProxy
from tests.kiosk.sync.test_sync_engine import KIOSK, issue_token

CHILD = textwrap.dedent("""
    import random, sys
    from pathlib import Path
    from kiosk.clock import SystemClock
    from kiosk.store import Store
    from kiosk.sync.client import ServerClient
    from kiosk.sync.engine import SyncEngine
    import datetime as dt
    store = Store.open(Path(sys.argv[1]), SystemClock())
    engine = SyncEngine(store, ServerClient(sys.argv[2], sys.argv[3]), sys.argv[4],
                        business_day=dt.date.today, batch_size=15, rng=random.Random(1), heartbeat_every_s=10**9)
    print("running", flush=True)
    while True:
        result = engine.run_once()
        left = store.db.conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()[0]
        if result.ok and left == 0:
            print("done", flush=True)
            break
""")


def test_sigkill_mid_batch_then_restart_delivers_each_event_once(tmp_path: Path, db_url: str, config: Config,
                                                                 catalog: Catalog, clock) -> None:
    data = tmp_path / "kiosk"
    store = Store.open(data, clock)
    desk = TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
    for i in range(300):
        desk.issue(("pickup", "consultation")[i % 2], "ru")
    store.close()
    server_db = db_url
    rng = random.Random(2012)
    with run_server(server_db) as url:
        token = issue_token(server_db)
        proxy = FaultProxy(url)
        proxy.default = "slow:0.02"  # stretch each batch so the kill lands inside one
        try:
            for _ in range(6):
                child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), proxy.url, token, KIOSK],
                                         cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
                assert child.stdout is not None
                assert child.stdout.readline().strip() == "running"
                try:
                    child.wait(timeout=rng.uniform(0.05, 0.4))
                except subprocess.TimeoutExpired:
                    os.kill(child.pid, signal.SIGKILL)
                    child.wait()
                child.stdout.close()
            proxy.default = "forward"
            final = subprocess.run([sys.executable, "-c", CHILD, str(data), proxy.url, token, KIOSK],
                                   cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
            assert final.stdout.split() == ["running", "done"], final.stderr
        finally:
            proxy.close()
    kiosk = sqlite3.connect(data / "kiosk.db")
    assert kiosk.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sent = {r[0] for r in kiosk.execute("SELECT id FROM outbox WHERE state = 'sent'")}
    assert kiosk.execute("SELECT count(*) FROM outbox WHERE state != 'sent'").fetchone()[0] == 0
    kiosk.close()
    on_server = [r[0] for r in rows(server_db, "SELECT id FROM events WHERE kiosk_id = :k", {"k": KIOSK})]
    assert len(on_server) == len(set(on_server)), "an event reached the server twice"
    assert set(on_server) == sent
    assert len(sent) == 300 + 1  # every ticket, and the first round's heartbeat
