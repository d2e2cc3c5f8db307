"""Kill the kiosk's core with SIGKILL in the middle of issuing, many times:
after every restart the store is intact, every ticket the child reported
has exactly one row and one outbox event, and numbering never repeats.

SIGKILL keeps the OS page cache, so this proves atomicity, not power-loss
durability (see shared/engineering/reliability.md)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from kiosk.config import PROJECT_ROOT

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiosk.catalog import load_catalog
    from kiosk.clock import SystemClock
    from kiosk.config import DEMO_CONFIG, load_config
    from kiosk.store import Store
    from kiosk.tickets import TicketDesk
    config = load_config(DEMO_CONFIG)
    desk = TicketDesk(Store.open(Path(sys.argv[1]), SystemClock()), config, load_catalog(config.catalog_path))
    services = ["pickup", "consultation", "passport-internal"]
    i = 0
    while True:
        ticket = desk.issue(services[i % 3], "ru")
        print(ticket.id, ticket.display, flush=True)  # reported to the visitor only after commit
        i += 1
""")

ROUNDS = 25


def test_sigkill_while_issuing_loses_and_doubles_nothing(tmp_path: Path) -> None:
    rng = random.Random(1284)
    reported: dict[str, str] = {}
    for _ in range(ROUNDS):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path)], cwd=PROJECT_ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        wanted = rng.randint(1, 40)
        for _ in range(wanted):
            line = child.stdout.readline()
            if not line:
                break
            ticket_id, display = line.split()
            reported[ticket_id] = display
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()

    conn = sqlite3.connect(tmp_path / "kiosk.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = dict(conn.execute("SELECT id, display FROM tickets").fetchall())
    for ticket_id, display in reported.items():
        assert rows.get(ticket_id) == display
    displays = list(rows.values())
    assert len(displays) == len(set(displays)), "a number was given twice"
    events = conn.execute("SELECT json_extract(payload, '$.ticket_id') FROM outbox "
                          "WHERE kind = 'ticket.issued'").fetchall()
    assert sorted(e[0] for e in events) == sorted(rows)
    # Numbers run without gaps per day and prefix: a killed transaction leaves no hole.
    for day, prefix in conn.execute("SELECT DISTINCT business_day, prefix FROM tickets").fetchall():
        numbers = [r[0] for r in conn.execute("SELECT number FROM tickets WHERE business_day = ? AND prefix = ? "
                                              "ORDER BY number", (day, prefix))]
        assert numbers == list(range(1, len(numbers) + 1))
    conn.close()
