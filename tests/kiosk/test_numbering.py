"""Ticket numbers: per-category prefix, daily reset in Moscow time, no reuse
after restarts or clock steps, per-kiosk blocks, and what happens at a block's end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.hours import WeeklyHours
from kiosk.store import Store
from kiosk.tickets import Refusal, TicketDesk, TicketRefused
from tests.support import moscow


def numbers(store: Store) -> list[tuple[str, str]]:
    return [tuple(r) for r in store.db.conn.execute(
        "SELECT business_day, display FROM tickets ORDER BY rowid").fetchall()]


def test_numbers_count_up_per_category_with_prefix(desk: TicketDesk) -> None:
    issued = [desk.issue(s, "ru").display for s in
              ("passport-internal", "passport-foreign", "child-benefits", "registration", "pickup")]
    assert issued == ["П001", "П002", "С001", "П003", "В001"]


def test_numbers_restart_at_moscow_midnight(desk: TicketDesk, clock: ManualClock, config: Config) -> None:
    desk.config = config.with_overrides(hours=WeeklyHours.always_open())
    clock.set(moscow(2026, 11, 24, 23, 58))
    assert desk.issue("pickup", "ru").display == "В001"
    assert desk.issue("pickup", "ru").display == "В002"
    # 21:00 UTC is midnight in Moscow: a UTC-based reset would come three hours late.
    clock.set(dt.datetime(2026, 11, 24, 21, 0, 30, tzinfo=dt.UTC))
    ticket = desk.issue("pickup", "ru")
    assert ticket.display == "В001"
    assert ticket.business_day == dt.date(2026, 11, 25)


def test_numbering_continues_after_restart(tmp_path: Path, clock: ManualClock, config: Config,
                                           catalog: Catalog) -> None:
    first = Store.open(tmp_path, clock)
    TicketDesk(first, config, catalog).issue("pickup", "ru")
    TicketDesk(first, config, catalog).issue("pickup", "ru")
    first.close()
    second = Store.open(tmp_path, clock)
    assert TicketDesk(second, config, catalog).issue("pickup", "ru").display == "В003"
    second.close()


def test_clock_stepping_back_within_the_day_does_not_reuse_numbers(desk: TicketDesk, clock: ManualClock) -> None:
    desk.issue("pickup", "ru")
    clock.advance(hours=-2)
    assert desk.issue("pickup", "ru").display == "В002"


def test_clock_stepping_back_over_midnight_keeps_the_later_day(desk: TicketDesk, clock: ManualClock,
                                                               config: Config) -> None:
    desk.config = config.with_overrides(hours=WeeklyHours.always_open())
    clock.set(moscow(2026, 11, 25, 0, 5))
    assert desk.issue("pickup", "ru").display == "В001"
    clock.set(moscow(2026, 11, 24, 23, 50))  # NTP pulls the clock back over midnight
    ticket = desk.issue("pickup", "ru")
    assert (ticket.display, ticket.business_day) == ("В002", dt.date(2026, 11, 25))
    assert len(set(numbers(desk.store))) == 2


def test_block_start_and_end_are_respected(desk: TicketDesk, config: Config) -> None:
    desk.config = config.with_overrides(block_start=500, block_end=502)
    assert [desk.issue("pickup", "ru").display for _ in range(3)] == ["В500", "В501", "В502"]
    with pytest.raises(TicketRefused) as refused:
        desk.issue("pickup", "ru")
    assert refused.value.reason is Refusal.BLOCK_EXHAUSTED
    # The refusal took nothing: no ticket, no event, and other categories go on.
    assert desk.store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3
    assert desk.store.pending_events() == 3
    assert desk.issue("consultation", "ru").display == "К500"


def test_two_kiosks_of_one_centre_never_share_a_number(tmp_path: Path, clock: ManualClock, config: Config,
                                                       catalog: Catalog) -> None:
    kiosks = [
        TicketDesk(Store.open(tmp_path / "k1", clock),
                   config.with_overrides(kiosk_id="k1", block_start=1, block_end=499), catalog),
        TicketDesk(Store.open(tmp_path / "k2", clock),
                   config.with_overrides(kiosk_id="k2", block_start=500, block_end=999), catalog),
    ]
    seen: list[str] = []
    for i in range(60):
        seen.append(kiosks[i % 2].issue("passport-internal", "ru").display)
        clock.advance(seconds=7)
    assert len(seen) == len(set(seen))
    assert seen[:4] == ["П001", "П500", "П002", "П501"]


# Each example opens a store of its own (a file, fsync'd): fewer than the profile's.
# The function-scoped fixtures used (config, catalog) are never changed, so sharing
# them between examples is safe.
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(["pickup", "consultation", "passport-internal"]),
                                st.integers(min_value=-180, max_value=600)), min_size=1, max_size=40))
def test_no_number_repeats_within_a_day_whatever_the_clock_does(
        tmp_path_factory: pytest.TempPathFactory, config: Config, catalog: Catalog,
        steps: list[tuple[str, int]]) -> None:
    clock = ManualClock(moscow(2026, 11, 24, 23, 0))
    store = Store.open(tmp_path_factory.mktemp("prop"), clock)
    desk = TicketDesk(store, config.with_overrides(hours=WeeklyHours.always_open()), catalog)
    for service_id, minutes in steps:
        clock.advance(minutes=minutes)  # forwards and backwards, across midnight
        desk.issue(service_id, "ru")
    issued = numbers(store)
    store.close()
    assert len(issued) == len(set(issued)) == len(steps)
