"""Booked visits: every check-in case, one use per code, offline from the cached list,
two kiosks offline with one code, and booked visitors kept out of the live queue."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kiosk import server_cache
from kiosk.bookings import Outcome, check_in, double_check_ins, is_stale, list_age, normalise_code
from kiosk.catalog import Catalog
from kiosk.clock import ManualClock
from kiosk.config import Config, ConfigError, load_config
from kiosk.demo_bookings import DEMO_CODES, seed_demo_appointments
from kiosk.store import Store
from kiosk.tickets import BOOKED_PREFIX, TicketDesk
from tests.support import moscow

TODAY = dt.date(2026, 11, 24)  # the clock fixture: 10:00 in Moscow


def put_list(store: Store, items: list[dict[str, object]], *, day: dt.date = TODAY,
             elsewhere: list[dict[str, object]] | None = None, fetched: dt.datetime | None = None) -> None:
    body: dict[str, object] = {"date": day.isoformat(), "centre_id": "demo-centre", "appointments": items}
    if elsewhere is not None:
        body["elsewhere"] = elsewhere
    with store.transaction() as conn:
        server_cache.save(conn, server_cache.appointments_name(day), body, '"e1"',
                          fetched or store.clock.now_utc())


def events(store: Store, kind: str) -> list[dict[str, object]]:
    return [json.loads(row[0]) for row in
            store.db.conn.execute("SELECT payload FROM outbox WHERE kind = ? ORDER BY seq", (kind,))]


LIST = [
    {"code": "A7K2Q9", "service_id": "passport-foreign", "slot_local": "10:10"},
    {"code": "B3M8X1", "service_id": "snils", "slot_local": "12:00"},
    {"code": "C1", "service_id": "snils", "slot_local": "09:50"},
    {"code": "LATE1", "service_id": "registration", "slot_local": "09:00"},
    {"code": "GONE", "service_id": "snils", "slot_local": "10:00", "status": "cancelled"},
]


def test_a_booked_code_checks_in_with_its_own_prefix_time_and_service(desk: TicketDesk, store: Store) -> None:
    put_list(store, LIST)
    result = check_in(desk, " a7k2q9 ", "ru")
    assert result.outcome is Outcome.CHECKED_IN
    ticket = result.ticket
    assert ticket is not None and ticket.display == f"{BOOKED_PREFIX}001"
    assert ticket.service_id == "passport-foreign" and ticket.booking_code == "A7K2Q9"
    assert ticket.booked_slot == moscow(2026, 11, 24, 10, 10)
    assert ticket.wait_minutes == 10  # called at the slot
    issued = events(store, "ticket.issued")
    assert issued[-1]["booking_code"] == "A7K2Q9" and issued[-1]["slot_local"] == "10:10"
    checked = events(store, "appointment.checked_in")
    assert len(checked) == 1
    assert checked[0]["code"] == "A7K2Q9" and checked[0]["ticket_id"] == ticket.id
    assert checked[0]["number"] == ticket.display and checked[0]["centre_id"] == "demo-centre"


def test_a_code_is_used_once_on_a_kiosk(desk: TicketDesk, store: Store) -> None:
    put_list(store, LIST)
    first = check_in(desk, "A7K2Q9", "ru")
    second = check_in(desk, "A7K2Q9", "en")
    assert second.outcome is Outcome.ALREADY_USED
    assert first.ticket is not None and second.used_numbers == (first.ticket.display,)
    assert len(events(store, "appointment.checked_in")) == 1
    assert store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1


def test_too_early_says_from_when(desk: TicketDesk, store: Store) -> None:
    put_list(store, LIST)
    result = check_in(desk, "B3M8X1", "ru")
    assert result.outcome is Outcome.TOO_EARLY
    assert result.come_back_at == moscow(2026, 11, 24, 11, 30)  # 30 min before the 12:00 slot
    assert result.ticket is None and not events(store, "appointment.checked_in")


def test_the_early_window_and_the_grace_come_from_the_config(store: Store, config: Config,
                                                             catalog: Catalog) -> None:
    put_list(store, LIST)
    wide = config.with_overrides(appointments=type(config.appointments)(early_min=120, grace_min=0))
    desk = TicketDesk(store, wide, catalog)
    assert check_in(desk, "B3M8X1", "ru").outcome is Outcome.CHECKED_IN
    assert check_in(desk, "C1", "ru").outcome is Outcome.LATE  # 10 minutes late, no grace


def test_late_within_grace_checks_in_and_after_it_offers_a_normal_ticket(desk: TicketDesk, store: Store) -> None:
    put_list(store, LIST)
    assert check_in(desk, "C1", "ru").outcome is Outcome.CHECKED_IN  # 10 min late, grace 15
    late = check_in(desk, "LATE1", "ru")
    assert late.outcome is Outcome.LATE and late.service_id == "registration"


def test_cancelled_other_centre_other_day_unknown(desk: TicketDesk, store: Store) -> None:
    put_list(store, LIST, elsewhere=[{"code": "ELSE1", "date": "2026-11-24", "centre_id": "mfc-tverskoy"},
                                     {"code": "TMRW1", "date": "2026-11-25", "centre_id": "demo-centre"}])
    assert check_in(desk, "GONE", "ru").outcome is Outcome.CANCELLED
    assert check_in(desk, "ELSE1", "ru").outcome is Outcome.OTHER_CENTRE
    other_day = check_in(desk, "TMRW1", "ru")
    assert other_day.outcome is Outcome.OTHER_DAY and other_day.other_date == dt.date(2026, 11, 25)
    assert check_in(desk, "NOPE42", "ru").outcome is Outcome.UNKNOWN
    assert store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0


def test_yesterdays_code_is_another_days(desk: TicketDesk, store: Store) -> None:
    put_list(store, [{"code": "OLD1", "service_id": "snils", "slot_local": "10:00"}],
             day=TODAY - dt.timedelta(days=1))
    put_list(store, LIST)
    result = check_in(desk, "OLD1", "ru")
    assert result.outcome is Outcome.OTHER_DAY and result.other_date == TODAY - dt.timedelta(days=1)


def test_without_any_list_the_kiosk_says_so(desk: TicketDesk) -> None:
    assert check_in(desk, "A7K2Q9", "ru").outcome is Outcome.NO_LIST


def test_offline_from_an_old_list_and_its_age_is_told(desk: TicketDesk, store: Store, clock: ManualClock) -> None:
    put_list(store, LIST, fetched=clock.now_utc() - dt.timedelta(minutes=50))
    assert not is_stale(list_age(desk))
    clock.advance(minutes=20)  # 10:20; the list is now 70 minutes old, no network since
    age = list_age(desk)
    assert age == dt.timedelta(minutes=70) and is_stale(age)
    result = check_in(desk, "A7K2Q9", "ru")
    assert result.outcome is Outcome.CHECKED_IN
    assert result.list_fetched_utc == clock.now_utc() - dt.timedelta(minutes=70)


def test_the_server_knowing_a_check_in_makes_the_code_used(desk: TicketDesk, store: Store) -> None:
    items = [dict(LIST[0], check_ins=[{"number": "Р003", "kiosk_id": "demo-kiosk-2"}])]
    put_list(store, items)
    result = check_in(desk, "A7K2Q9", "ru")
    assert result.outcome is Outcome.ALREADY_USED and result.used_numbers == ("Р003",)


def test_two_kiosks_offline_both_check_in_and_the_server_flags_a_double(
        tmp_path: Path, clock: ManualClock, config: Config, catalog: Catalog) -> None:
    desks = []
    for n in (1, 2):
        store = Store.open(tmp_path / f"kiosk{n}", clock)
        put_list(store, LIST)  # the same list, cached before the network went
        desks.append(TicketDesk(store, config.with_overrides(kiosk_id=f"demo-kiosk-{n}",
                                                             block_start=1 + 500 * (n - 1),
                                                             block_end=500 * n), catalog))
    try:
        tickets = [check_in(desk, "A7K2Q9", "ru").ticket for desk in desks]
        assert all(t is not None for t in tickets)
        assert [t.display for t in tickets if t] == ["Р001", "Р501"]
        for desk, ticket in zip(desks, tickets, strict=True):
            checked = events(desk.store, "appointment.checked_in")
            assert ticket is not None and [e["ticket_id"] for e in checked] == [ticket.id]
        assert double_check_ins(desks[0]) == []
        # Back online, the server's list names both check-ins of the code.
        put_list(desks[0].store, [dict(LIST[0], check_ins=[{"number": "Р001", "kiosk_id": "demo-kiosk-1"},
                                                           {"number": "Р501", "kiosk_id": "demo-kiosk-2"}])])
        doubles = double_check_ins(desks[0])
        assert [(d.code, d.numbers) for d in doubles] == [("A7K2Q9", ("Р001", "Р501"))]
    finally:
        for desk in desks:
            desk.store.close()


def test_booked_visitors_join_the_live_queue_only_when_their_slot_is_overrun(
        desk: TicketDesk, store: Store, clock: ManualClock, catalog: Catalog) -> None:
    put_list(store, LIST)
    passports = catalog.category_of("passport-foreign")
    assert check_in(desk, "A7K2Q9", "ru").outcome is Outcome.CHECKED_IN  # slot 10:10
    assert desk.estimate(passports).people_ahead == 0
    clock.set(moscow(2026, 11, 24, 10, 12))  # the slot is overrun, the visitor not yet called
    assert desk.estimate(passports).people_ahead == 1
    clock.set(moscow(2026, 11, 24, 10, 40))  # long past: presumed called
    assert desk.estimate(passports).people_ahead == 0


def test_codes_are_read_as_printed() -> None:
    assert normalise_code(" ка 12-x ") == "KA12-X"  # Cyrillic К, А typed for the Latin letters


@pytest.mark.parametrize(("line", "key", "allowed"), [
    ("early_min = -1", "appointments.early_min", "from 0 to 240"),
    ("grace_min = 500", "appointments.grace_min", "from 0 to 120"),
    ("wait_norm_min = 0", "appointments.wait_norm_min", "from 1 to 60"),
    ('wait_norm_min = "15"', "appointments.wait_norm_min", "whole number of minutes"),
    ("early = 5", "appointments.early", "allowed keys: early_min, grace_min, wait_norm_min"),
])
def test_bad_appointment_settings_get_one_line(tmp_path: Path, line: str, key: str, allowed: str) -> None:
    source = Path(__file__).resolve().parents[2] / "config" / "demo.toml"
    name = line.split(" = ")[0]
    kept = [kept for kept in source.read_text(encoding="utf-8").splitlines() if not kept.startswith(f"{name} = ")]
    text = "\n".join(kept).replace("[appointments]", f"[appointments]\n{line}")
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: {key} = ") and allowed in message


def test_the_shipped_configs_say_the_defaults() -> None:
    root = Path(__file__).resolve().parents[2]
    for name in ("demo.toml", "example.toml"):
        appointments = load_config(root / "config" / name).appointments
        assert (appointments.early_min, appointments.grace_min, appointments.wait_norm_min) == (30, 15, 15)


def test_demo_bookings_cover_every_case(desk: TicketDesk, store: Store, config: Config, catalog: Catalog) -> None:
    seed_demo_appointments(store, config, catalog, TODAY)
    outcomes = {code: check_in(desk, code, "ru").outcome for code in DEMO_CODES}
    assert outcomes == {"2401": Outcome.CHECKED_IN, "2402": Outcome.CHECKED_IN, "2403": Outcome.TOO_EARLY,
                        "2404": Outcome.LATE, "2405": Outcome.CANCELLED, "2406": Outcome.OTHER_CENTRE,
                        "2407": Outcome.OTHER_DAY}
    assert check_in(desk, "2401", "ru").outcome is Outcome.ALREADY_USED
    assert check_in(desk, "9999", "ru").outcome is Outcome.UNKNOWN
