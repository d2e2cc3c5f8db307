"""``main.py restore FILE``: the backup's tickets come back and none after, while numbering,
the business day, the outbox and the PINs never go backwards; refused while the kiosk runs
and for any file that is not a good backup of this kiosk, with nothing changed."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk import restore as restore_module
from kiosk.admin.pins import CONSULTANT, OPERATOR, PinOutcome, PinVault, ScryptParams
from kiosk.backup import backup_database
from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import PROJECT_ROOT, Config
from kiosk.datalock import DataDirBusy, DataDirLock
from kiosk.hours import WeeklyHours
from kiosk.ratings import Criterion, RatingDesk
from kiosk.restore import RestoreError, restore_database
from kiosk.store import Store
from kiosk.tickets import TicketDesk
from tests.support import moscow

FAST = ScryptParams(n=2**4, r=1, p=1)


@dataclass
class Kiosk:
    """A store and desk on one data folder, opened and closed as the kiosk would be."""

    data: Path
    clock: ManualClock
    config: Config
    catalog: Catalog
    store: Store | None = None

    def start(self) -> TicketDesk:
        self.store = Store.open(self.data, self.clock)
        return TicketDesk(self.store, self.config, self.catalog)

    @property
    def desk(self) -> TicketDesk:
        assert self.store is not None
        return TicketDesk(self.store, self.config, self.catalog)

    def stop(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def query(self, sql: str, *args: object) -> list[tuple[object, ...]]:
        assert self.store is not None
        return [tuple(r) for r in self.store.db.conn.execute(sql, args)]


@pytest.fixture
def kiosk(tmp_path: Path, clock: ManualClock, config: Config, catalog: Catalog) -> Iterator[Kiosk]:
    made = Kiosk(tmp_path / "data", clock, config, catalog)
    made.start()
    yield made
    made.stop()


def files(folder: Path) -> list[str]:
    """What is in the data folder, but the lock file (it stays, and means nothing unlocked)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "kiosk.lock")


def test_round_trip_restores_the_backup_and_numbering_goes_on_after_the_last_number_given(
        kiosk: Kiosk, clock: ManualClock) -> None:
    desk = kiosk.desk
    kept = [desk.issue("consultation", "ru").display for _ in range(2)] + [desk.issue("pickup", "ru").display]
    backup = backup_database(kiosk.data, clock, keep=14).path
    clock.advance(minutes=5)
    lost = [desk.issue("consultation", "ru") for _ in range(2)]
    RatingDesk(kiosk.store, kiosk.config, desk).rate_ticket(lost[0].id, {Criterion.STAFF: 5}, "", "ru")
    events = dict(kiosk.query("SELECT id, seq FROM outbox"))
    category = kiosk.catalog.category("consultation")
    estimate = desk.estimate(category)
    kiosk.stop()

    result = restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)

    assert result.moved_aside is not None and result.moved_aside.name == "kiosk.db.before-restore-20261124T070500Z"
    assert result.tickets == 3
    desk = kiosk.start()
    # The wait estimate still counts the people who took the lost tickets: it is the replay's, not the backup's.
    assert desk.estimate(category).wait_minutes == estimate.wait_minutes == 7
    assert [r[0] for r in kiosk.query("SELECT display FROM tickets ORDER BY rowid")] == kept
    assert kiosk.query("SELECT count(*) FROM ratings") == [(0,)]
    # The numbers given out after the backup are never given out again.
    assert [(c.prefix, c.backup_last, c.last_number) for c in result.counters] == [("К", 2, 4)]
    assert desk.issue("consultation", "ru").display == "К005"
    assert desk.issue("pickup", "ru").display == kept[2][0] + "002"
    # The server still hears of every ticket and rating, each event with its own seq; new ones come after.
    carried = dict(kiosk.query("SELECT id, seq FROM outbox"))
    assert {k: carried[k] for k in events} == events
    assert result.events_carried == 3  # two ticket.issued and one rating.submitted
    kinds = [r[0] for r in kiosk.query("SELECT kind FROM outbox WHERE seq > ? ORDER BY seq", max(events.values()))]
    assert kinds == ["audit", "ticket.issued", "ticket.issued"]
    # The restore is on the record, for the server too.
    (details,) = kiosk.query("SELECT details FROM audit WHERE action = 'store.restored'")
    assert json.loads(str(details[0]))["backup"] == backup.name
    # The replaced database is kept whole.
    aside = sqlite3.connect(f"{result.moved_aside.as_uri()}?mode=ro", uri=True)
    assert aside.execute("SELECT count(*) FROM tickets").fetchone()[0] == 5
    assert aside.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    aside.close()


def test_restore_keeps_the_later_business_day_when_the_clock_went_back(kiosk: Kiosk, clock: ManualClock) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path  # 24 November
    clock.set(moscow(2026, 11, 25, 9, 0))
    assert kiosk.desk.issue("consultation", "ru").business_day.isoformat() == "2026-11-25"
    kiosk.stop()
    clock.set(moscow(2026, 11, 24, 11, 0))  # the clock is stepped back a day
    restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    kiosk.start()
    assert kiosk.store is not None
    # Open round the clock: the replay's free windows lie on the later day, past today's closing.
    desk = TicketDesk(kiosk.store, kiosk.config.with_overrides(hours=WeeklyHours.always_open()), kiosk.catalog)
    assert desk.business_day().isoformat() == "2026-11-25"
    ticket = desk.issue("consultation", "ru")
    assert (ticket.business_day.isoformat(), ticket.display) == ("2026-11-25", "К002")


def test_a_pin_changed_since_the_backup_does_not_come_back(kiosk: Kiosk, clock: ManualClock) -> None:
    assert kiosk.store is not None
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, "4821")
    backup = backup_database(kiosk.data, clock, keep=14).path
    PinVault(kiosk.store, FAST).set_pin(CONSULTANT, "1357")  # the old one leaked
    PinVault(kiosk.store, FAST).set_pin(OPERATOR, "97531")
    kiosk.stop()
    restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    kiosk.start()
    assert kiosk.store is not None
    vault = PinVault(kiosk.store, FAST)
    assert vault.check("1357").role == CONSULTANT
    assert vault.check("97531").role == OPERATOR
    assert vault.check("4821").outcome is PinOutcome.WRONG


def test_restore_is_refused_while_the_kiosk_holds_the_data_folder(kiosk: Kiosk, clock: ManualClock) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.desk.issue("consultation", "ru")
    before = files(kiosk.data)
    with DataDirLock.acquire(kiosk.data), pytest.raises(RestoreError, match="the kiosk is running"):
        restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    assert files(kiosk.data) == before
    assert kiosk.query("SELECT count(*) FROM tickets") == [(1,)]


def crash_after_three_tickets(data: Path) -> None:
    """Another process issues three tickets and dies without closing: they live only in kiosk.db-wal."""
    code = ("import os, sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path\n"
            "from kiosk.catalog import load_catalog; from kiosk.clock import ManualClock\n"
            "from kiosk.config import DEMO_CONFIG, load_config; from kiosk.store import Store\n"
            "from kiosk.tickets import TicketDesk; from tests.support import moscow\n"
            "config = load_config(DEMO_CONFIG)\n"
            "store = Store.open(Path(sys.argv[2]), ManualClock(moscow(2026, 11, 24, 10, 30)))\n"
            "desk = TicketDesk(store, config, load_catalog(config.catalog_path))\n"
            "[desk.issue('consultation', 'ru') for _ in range(3)]\n"
            "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", code, str(PROJECT_ROOT), str(data)], check=True, timeout=60)
    assert (data / "kiosk.db-wal").stat().st_size > 0


def test_a_crashed_kiosks_wal_is_carried_forward_never_replayed_into_the_backup(
        kiosk: Kiosk, clock: ManualClock) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    crash_after_three_tickets(kiosk.data)
    result = restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    assert [(c.prefix, c.last_number) for c in result.counters] == [("К", 3)]
    assert not (kiosk.data / "kiosk.db-wal").exists()  # the old WAL is not beside the new file
    # ... and the kept database is one whole file: its WAL was checkpointed into it first.
    assert result.moved_aside is not None and not Path(f"{result.moved_aside}-wal").exists()
    desk = kiosk.start()
    assert kiosk.query("SELECT count(*) FROM tickets") == [(0,)]
    assert kiosk.query("PRAGMA integrity_check") == [("ok",)]
    assert desk.issue("consultation", "ru").display == "К004"


def test_a_reader_open_during_the_restore_neither_blocks_it_nor_splits_the_kept_file(
        kiosk: Kiosk, clock: ManualClock) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    crash_after_three_tickets(kiosk.data)
    reader = sqlite3.connect(kiosk.data / "kiosk.db")  # an export or a backup, say
    try:
        assert reader.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3
        result = restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    finally:
        reader.close()
    assert [(c.prefix, c.last_number) for c in result.counters] == [("К", 3)]
    assert result.moved_aside is not None
    # The WAL was checkpointed into the kept file: read alone, ignoring any WAL, it has every ticket.
    kept = sqlite3.connect(f"{result.moved_aside.as_uri()}?immutable=1", uri=True)
    assert kept.execute("SELECT count(*) FROM tickets").fetchone()[0] == 3
    kept.close()
    kiosk.start()
    assert kiosk.query("SELECT count(*) FROM tickets") == [(0,)]
    assert kiosk.desk.issue("consultation", "ru").display == "К004"


def test_the_swap_sets_an_old_wal_aside_with_its_database(kiosk: Kiosk, clock: ManualClock) -> None:
    # Reading the current database checkpoints its WAL first; when that could not happen, the
    # swap itself must not leave the old WAL beside the new file, where SQLite would replay it.
    kiosk.desk.issue("pickup", "ru")
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    crash_after_three_tickets(kiosk.data)
    staging = kiosk.data / "kiosk.db.restoring"
    shutil.copyfile(backup, staging)
    aside = restore_module._swap(kiosk.data / "kiosk.db", staging, clock)
    assert aside is not None and Path(f"{aside}-wal").stat().st_size > 0
    kiosk.start()
    assert kiosk.query("PRAGMA integrity_check") == [("ok",)]
    assert kiosk.query("SELECT count(*) FROM tickets") == [(1,)]
    kept = sqlite3.connect(aside)  # with its own WAL beside it, the kept database is whole
    assert kept.execute("SELECT count(*) FROM tickets").fetchone()[0] == 4
    kept.close()


def test_the_data_folder_stays_locked_while_the_restore_works(kiosk: Kiosk, clock: ManualClock,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    real_swap = restore_module._swap
    locked_at_swap = []

    def swap(current: Path, staging: Path, clock_: ManualClock) -> Path | None:
        with pytest.raises(DataDirBusy):  # a kiosk starting now would refuse to
            DataDirLock.acquire(kiosk.data)
        locked_at_swap.append(True)
        return real_swap(current, staging, clock_)

    monkeypatch.setattr(restore_module, "_swap", swap)
    restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    assert locked_at_swap == [True]
    DataDirLock.acquire(kiosk.data).release()  # and free again afterwards


def test_the_event_sequence_never_goes_back_even_without_the_newest_events(kiosk: Kiosk,
                                                                           clock: ManualClock) -> None:
    backup = backup_database(kiosk.data, clock, keep=14).path
    for _ in range(3):
        kiosk.desk.issue("consultation", "ru")
    ((top,),) = kiosk.query("SELECT max(seq) FROM outbox")
    assert kiosk.store is not None
    kiosk.store.db.conn.execute("DELETE FROM outbox WHERE seq > ?", (int(str(top)) - 2,))  # pruned, say
    kiosk.stop()
    restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    kiosk.start()
    kiosk.desk.issue("consultation", "ru")
    ((after,),) = kiosk.query("SELECT max(seq) FROM outbox WHERE kind = 'ticket.issued'")
    assert int(str(after)) > int(str(top))


def test_restore_into_an_empty_data_folder(kiosk: Kiosk, clock: ManualClock, tmp_path: Path) -> None:
    kiosk.desk.issue("consultation", "ru")
    backup = backup_database(kiosk.data, clock, keep=14).path
    fresh = tmp_path / "new-box"
    result = restore_database(fresh, backup, clock, kiosk.config.kiosk_id)
    assert result.moved_aside is None and result.tickets == 1
    store = Store.open(fresh, clock)
    try:
        assert TicketDesk(store, kiosk.config, kiosk.catalog).issue("consultation", "ru").display == "К002"
    finally:
        store.close()


def make_bad(kind: str, tmp_path: Path, kiosk: Kiosk, clock: ManualClock) -> Path:
    path = tmp_path / f"{kind}.db"
    if kind == "missing":
        return path
    if kind == "garbage":
        path.write_bytes(b"not a database at all" * 100)
        return path
    if kind == "foreign":  # an SQLite file, but not a kiosk's
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.commit()
        conn.close()
        return path
    good = backup_database(kiosk.data, clock, keep=14).path
    clock.advance(seconds=1)
    conn = sqlite3.connect(good)
    if kind == "newer":
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('kiosk', '0099_from_the_future', '2027-01-01')")
    elif kind == "damaged":
        conn.execute("PRAGMA writable_schema = ON")  # an index that lies about its table
        conn.execute("UPDATE sqlite_master SET sql = replace(sql, 'business_day, category_id', 'category_id') "
                     "WHERE name = 'tickets_day_category'")
    conn.commit()
    conn.close()
    return good


@pytest.mark.parametrize(("kind", "said"), [
    ("missing", "is not a file"), ("garbage", "not a kiosk database"), ("foreign", "no table tickets"),
    ("newer", "newer kiosk version"), ("damaged", "failed its integrity check .* choose another backup")])
def test_a_file_that_is_not_a_good_backup_is_refused_and_nothing_changes(
        kind: str, said: str, kiosk: Kiosk, clock: ManualClock, tmp_path: Path) -> None:
    kiosk.desk.issue("consultation", "ru")
    kiosk.desk.issue("consultation", "ru")
    bad = make_bad(kind, tmp_path, kiosk, clock)
    kiosk.stop()
    before = files(kiosk.data)
    with pytest.raises(RestoreError, match=said):
        restore_database(kiosk.data, bad, clock, kiosk.config.kiosk_id)
    assert files(kiosk.data) == before
    kiosk.start()
    assert kiosk.query("SELECT count(*) FROM tickets") == [(2,)]


def test_another_kiosks_backup_needs_force(kiosk: Kiosk, clock: ManualClock, config: Config) -> None:
    kiosk.desk.issue("consultation", "ru")
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    with pytest.raises(RestoreError, match=r"another kiosk \(demo-kiosk-1\)"):
        restore_database(kiosk.data, backup, clock, "mfc-tverskoy-k2")
    result = restore_database(kiosk.data, backup, clock, "mfc-tverskoy-k2", force=True)
    assert result.forced and any("another kiosk" in w for w in result.warnings)


def test_an_unreadable_current_database_needs_force_and_is_kept(kiosk: Kiosk, clock: ManualClock) -> None:
    kiosk.desk.issue("consultation", "ru")
    backup = backup_database(kiosk.data, clock, keep=14).path
    kiosk.stop()
    (kiosk.data / "kiosk.db").write_bytes(b"\0garbage" * 512)
    with pytest.raises(RestoreError, match="--force"):
        restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    result = restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id, force=True)
    assert result.moved_aside is not None and result.moved_aside.read_bytes() == b"\0garbage" * 512
    assert any("nothing was carried forward" in w for w in result.warnings)
    kiosk.start()
    assert kiosk.query("SELECT count(*) FROM tickets") == [(1,)]


def test_restore_refuses_the_live_database_itself(kiosk: Kiosk, clock: ManualClock) -> None:
    kiosk.stop()
    with pytest.raises(RestoreError, match="own database"):
        restore_database(kiosk.data, kiosk.data / "kiosk.db", clock, kiosk.config.kiosk_id)


def test_every_counter_the_backup_had_lower_is_raised_across_letters_and_days(
        kiosk: Kiosk, clock: ManualClock) -> None:
    assert kiosk.store is not None
    desk = TicketDesk(kiosk.store, kiosk.config.with_overrides(hours=WeeklyHours.always_open()), kiosk.catalog)
    pickup = desk.issue("pickup", "ru").prefix
    backup = backup_database(kiosk.data, clock, keep=14).path
    for _ in range(3):
        desk.issue("pickup", "ru")
    clock.set(moscow(2026, 11, 25, 9, 0))
    desk.issue("consultation", "ru")
    kiosk.stop()
    result = restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    assert sorted((c.business_day, c.prefix, c.backup_last, c.last_number) for c in result.counters) == sorted([
        ("2026-11-24", pickup, 1, 4), ("2026-11-25", "К", None, 1)])


def test_run_as_root_the_files_stay_the_kiosk_users(kiosk: Kiosk, clock: ManualClock) -> None:
    if os.geteuid() != 0:
        pytest.skip("only root can make files for another user")
    kiosk.desk.issue("consultation", "ru")
    kiosk.stop()
    nobody = 65534  # the kiosk's own user, say; the operator types sudo mfc-kiosk …
    for path in [kiosk.data, *kiosk.data.iterdir()]:
        os.chown(path, nobody, nobody)
    backup = backup_database(kiosk.data, clock, keep=14).path
    restore_database(kiosk.data, backup, clock, kiosk.config.kiosk_id)
    made = [kiosk.data / "backups", backup, kiosk.data / "kiosk.db", kiosk.data / "kiosk.lock",
            *(p for p in kiosk.data.glob("kiosk.db-*"))]
    assert {str(p.relative_to(kiosk.data)): (p.stat().st_uid, p.stat().st_gid) for p in made} == \
        {str(p.relative_to(kiosk.data)): (nobody, nobody) for p in made}
