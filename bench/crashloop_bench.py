"""Endurance: SIGKILL the kiosk's core at random moments while it issues tickets and ratings.

    python bench/crashloop_bench.py [--kills 300] [--quick] [--seed 1284]

A child process opens the store as the kiosk does (``quick_check``,
migrations) and issues tickets and rates every other one (a ticket rating
with five grades), printing each id only after its transaction committed,
as the kiosk shows a ticket only after it is stored. The parent kills it
with SIGKILL after a random number of lines (or a random moment, so some
kills land mid-transaction, some during start-up), then, after every kill:

* ``PRAGMA integrity_check`` is ok;
* every ticket and rating the child reported exists exactly once, each with
  its one outbox event;
* no number was given twice in a business day, and numbers run without gaps.

SIGKILL keeps the OS page cache: this proves atomicity, not power-loss
durability (see shared/engineering/reliability.md). The reduced version is
tests/kiosk/test_crash.py.
"""

from __future__ import annotations

import argparse
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from kiosk.catalog import load_catalog
    from kiosk.clock import SystemClock
    from kiosk.config import DEMO_CONFIG, load_config
    from kiosk.hours import WeeklyHours
    from kiosk.ratings import Criterion, RatingDesk
    from kiosk.store import Store
    from kiosk.tickets import TicketDesk
    config = load_config(DEMO_CONFIG).with_overrides(hours=WeeklyHours.always_open())
    store = Store.open(Path(sys.argv[1]), SystemClock())
    desk = TicketDesk(store, config, load_catalog(config.catalog_path))
    ratings = RatingDesk(store, config, desk)
    services = ["pickup", "consultation", "passport-internal"]
    i = int(sys.argv[2])
    print("ready", flush=True)
    while True:
        ticket = desk.issue(services[i % 3], "ru")
        print("ticket", ticket.id, ticket.display, flush=True)
        if i % 2:
            rating = ratings.rate_ticket(ticket.id, {c: 5 - i % 3 for c in Criterion}, "", "ru")
            print("rating", rating.id, ticket.id, flush=True)
        i += 1
""")


def check(db: Path, tickets: dict[str, str], ratings: dict[str, str]) -> list[str]:
    """What is wrong with the store after a kill (nothing: an empty list)."""
    problems: list[str] = []
    conn = sqlite3.connect(db)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            problems.append(f"integrity_check: {verdict}")
        rows = dict(conn.execute("SELECT id, display FROM tickets").fetchall())
        lost = [t for t, display in tickets.items() if rows.get(t) != display]
        if lost:
            problems.append(f"{len(lost)} tickets shown but not stored as shown, e.g. {lost[0]}")
        issued = [r[0] for r in conn.execute("SELECT json_extract(payload, '$.ticket_id') FROM outbox "
                                             "WHERE kind = 'ticket.issued'")]
        if sorted(issued) != sorted(rows):
            problems.append(f"ticket outbox events {len(issued)} for {len(rows)} tickets")
        stored = dict(conn.execute("SELECT id, ticket_id FROM ratings").fetchall())
        missing = [r for r, t in ratings.items() if stored.get(r) != t]
        if missing:
            problems.append(f"{len(missing)} ratings reported but not stored, e.g. {missing[0]}")
        rated = [r[0] for r in conn.execute("SELECT json_extract(payload, '$.rating_id') FROM outbox "
                                            "WHERE kind = 'rating.submitted'")]
        if sorted(rated) != sorted(stored):
            problems.append(f"rating outbox events {len(rated)} for {len(stored)} ratings")
        for day, prefix in conn.execute("SELECT DISTINCT business_day, prefix FROM tickets").fetchall():
            numbers = [r[0] for r in conn.execute("SELECT number FROM tickets WHERE business_day = ? AND prefix = ? "
                                                  "ORDER BY number", (day, prefix))]
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"numbers of {day} {prefix} repeat or skip")
    finally:
        conn.close()
    return problems


def crash_loop(data: Path, kills: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    tickets: dict[str, str] = {}
    ratings: dict[str, str] = {}
    failures: list[str] = []
    mid_start = 0
    started = time.monotonic()
    for n in range(kills):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(data), str(len(tickets))], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        # Most kills after some lines; one in ten at a random moment of start-up or of a write.
        if rng.random() < 0.1:
            time.sleep(rng.uniform(0.0, 0.6))
            mid_start += 1
        else:
            wanted = rng.randint(1, 10)
            while wanted > 0:
                ready, _, _ = select.select([child.stdout], [], [], 30)
                line = child.stdout.readline() if ready else ""
                if not line:
                    break
                parts = line.split()
                if parts[0] == "ticket":
                    tickets[parts[1]] = parts[2]
                    wanted -= 1
                elif parts[0] == "rating":
                    ratings[parts[1]] = parts[2]
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        # Lines already written before the kill were shown to the visitor too.
        for line in child.stdout.read().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ticket":
                tickets[parts[1]] = parts[2]
            elif len(parts) == 3 and parts[0] == "rating":
                ratings[parts[1]] = parts[2]
        child.stdout.close()
        problems = check(data / "kiosk.db", tickets, ratings)
        if problems:
            failures.append(f"after kill {n + 1}: " + "; ".join(problems))
    return {"kills": kills, "tickets": len(tickets), "ratings": len(ratings), "failures": failures,
            "mid_start": mid_start, "seconds": time.monotonic() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1284)
    parser.add_argument("--quick", action="store_true", help="a short run: 30 kills")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from bench.kiosk_bench import machine

    facts = machine()
    print(f"machine: {facts['uname']}; {facts['cpu']}; {facts['cores']} cores; commit {facts['commit']}, "
          f"{facts['date']}")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="kiosk-crash-") as tmp:
        result = crash_loop(Path(tmp), 30 if args.quick else args.kills, args.seed)
    print(f"{result['kills']} SIGKILLs ({result['mid_start']} at a random moment) in {result['seconds']:.0f} s: "
          f"{result['tickets']} tickets and {result['ratings']} ratings shown; "
          f"stores with a problem after a kill: {len(result['failures'])}")
    for line in result["failures"][:10]:
        print(f"  {line}")
    print(f"figure: crash loop, {result['kills']} kills = {len(result['failures'])} problems "
          f"({result['tickets']} tickets, {result['ratings']} ratings)")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
