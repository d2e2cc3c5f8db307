"""``main.py export``: the business days asked for, both included; a file Russian Excel opens in
columns with the Cyrillic intact; no phone number, PIN or token in it, and no formula."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import pytest

from kiosk.admin.data_commands import EXIT_BAD_ARGUMENTS, EXIT_OK, export_command
from kiosk.admin.pins import CONSULTANT, PinVault, ScryptParams
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.export import COLUMNS, MASK, ExportError, export_csv, mask_phones, safe_text
from kiosk.ratings import Criterion, QuickSource, RatingDesk
from kiosk.store import Store
from kiosk.sync import credentials
from kiosk.tickets import TicketDesk
from tests.support import moscow

FAST = ScryptParams(n=2**4, r=1, p=1)
TOKEN = "tok-3f9a1c7e5b2d4f6a8c0e1a3b5c7d9e1f"
PHONE = "+7 (916) 123-45-67"


@pytest.fixture
def three_days(store: Store, desk: TicketDesk, config: Config, clock: ManualClock) -> Store:
    """Tickets on 23, 24 and 25 November; on the 24th two rated, one cancelled, one quick rating."""
    ratings = RatingDesk(store, config, desk)
    clock.set(moscow(2026, 11, 23, 12, 0))
    desk.issue("consultation", "ru")
    clock.set(moscow(2026, 11, 24, 9, 15))
    first = desk.issue("passport-internal", "ru")
    second = desk.issue("consultation", "en")
    third = desk.issue("pickup", "ru")
    clock.advance(minutes=40)
    ratings.rate_ticket(first.id, {Criterion.SERVICE_TIME: 5, Criterion.STAFF: 4},
                        f"Спасибо; всё «быстро»,\nперезвоните мне {PHONE} или 89161234567", "ru")
    ratings.rate_ticket(second.id, {Criterion.COMFORT: 2}, '=HYPERLINK("http://x.invalid","click")', "en")
    ratings.rate_quick(3, "ru", QuickSource.HOME)
    with store.transaction() as tx:
        tx.execute("UPDATE tickets SET status = 'cancelled', cancel_reason = 'посетитель ушёл' WHERE id = ?",
                   (third.id,))
    clock.set(moscow(2026, 11, 25, 8, 30))
    desk.issue("consultation", "ru")
    PinVault(store, FAST).set_pin(CONSULTANT, "4821")
    data = store.health.path.parent
    credentials.save(data / credentials.FILE_NAME, credentials.Credentials(
        server="https://central.invalid", kiosk_id=config.kiosk_id, centre_id=config.centre_id, token=TOKEN))
    return store


def read(path: Path) -> tuple[bytes, list[dict[str, str]]]:
    raw = path.read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    return raw, rows


def test_export_is_excel_ready_and_holds_the_day_asked_for(three_days: Store, config: Config, catalog,
                                                          tmp_path: Path) -> None:
    out = tmp_path / "day.csv"
    result = export_csv(three_days.health.path, moscow(2026, 11, 24).date(), moscow(2026, 11, 24).date(),
                        config.tz, out, catalog)
    raw, rows = read(out)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Cyrillic as UTF-8
    header = raw.decode("utf-8-sig").split("\r\n", 1)[0]
    assert header == ";".join(COLUMNS)  # ';': Russian Excel's list separator, columns on a double-click
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"").replace("\nперезвоните".encode(), b"")
    assert (result.tickets, result.ratings) == (3, 3)
    assert [(r["record"], r["business_day"]) for r in rows] == [("ticket", "2026-11-24")] * 3 + \
        [("quick_rating", "2026-11-24")]
    rated = rows[0]
    assert rated["number"] == "П001" and rated["service_name"].startswith("Паспорт гражданина РФ")
    assert (rated["issued_local"], rated["rated_local"]) == ("2026-11-24 09:15:00", "2026-11-24 09:55:00")
    assert (rated["service_time"], rated["staff"], rated["waiting_time"]) == ("5", "4", "")
    assert rated["comment"].startswith("Спасибо; всё «быстро»,\nперезвоните мне ")
    assert rows[1]["language"] == "en" and rows[1]["comfort"] == "2"
    assert rows[2]["status"] == "cancelled" and rows[2]["cancel_reason"] == "посетитель ушёл"
    assert rows[2]["rated_local"] == ""
    assert rows[3]["overall"] == "3" and rows[3]["number"] == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no partial left


def test_export_holds_no_phone_number_pin_or_token(three_days: Store, config: Config, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    export_csv(three_days.health.path, moscow(2026, 11, 1).date(), moscow(2026, 11, 30).date(), config.tz, out)
    raw, rows = read(out)
    text = raw.decode("utf-8-sig")
    assert PHONE not in text and "123-45-67" not in text and "89161234567" not in text
    assert f"перезвоните мне {MASK} или {MASK}" in text
    (pin_hash,) = three_days.db.conn.execute("SELECT hash FROM admin_pins").fetchone()
    assert pin_hash not in text and pin_hash.split("$")[-1] not in text
    assert TOKEN not in text
    # A comment never runs as a formula: it is shown as text.
    assert rows[2]["comment"] == "'" + '=HYPERLINK("http://x.invalid","click")'


def test_both_days_are_included(three_days: Store, config: Config, tmp_path: Path) -> None:
    out = tmp_path / "span.csv"
    export_csv(three_days.health.path, moscow(2026, 11, 24).date(), moscow(2026, 11, 25).date(), config.tz, out)
    _, rows = read(out)
    assert sorted({r["business_day"] for r in rows}) == ["2026-11-24", "2026-11-25"]
    out_all = tmp_path / "all.csv"
    export_csv(three_days.health.path, moscow(2026, 11, 23).date(), moscow(2026, 11, 25).date(), config.tz,
               out_all)
    assert len(read(out_all)[1]) == 6


def test_an_export_that_fails_half_way_leaves_no_file(store: Store, config: Config, tmp_path: Path) -> None:
    store.db.conn.execute("DROP TABLE ratings")  # the read fails once the file is open
    out = tmp_path / "exports" / "broken.csv"
    out.parent.mkdir()
    with pytest.raises(ExportError, match="cannot read"):
        export_csv(store.health.path, moscow(2026, 11, 24).date(), moscow(2026, 11, 24).date(), config.tz, out)
    assert list(out.parent.iterdir()) == []  # neither the file nor its partial


@pytest.mark.parametrize("text", [PHONE, "89161234567", "8 916 123 45 67", "+79161234567", "123-45-67",
                                  "тел.8(495)777-77-77!"])
def test_phone_numbers_are_masked(text: str) -> None:
    masked = mask_phones(text)
    assert MASK in masked and sum(c.isdigit() for c in masked) < 7


@pytest.mark.parametrize("text", ["ждал 15 минут", "окно 12, талон П017", "в 10:30 — 4 из 5"])
def test_ordinary_numbers_stay(text: str) -> None:
    assert mask_phones(text) == text


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_text_that_would_start_a_formula_is_quoted(text: str) -> None:
    assert safe_text(text) == "'" + text


@pytest.mark.parametrize(("first", "last", "said"), [
    ("2026-13-01", "2026-11-30", "--from '2026-13-01' is not a date"),
    ("24.11.2026", "2026-11-30", "--from '24.11.2026' is not a date"),
    ("2026-11-01", "2026-11-31", "--to '2026-11-31' is not a date"),
    ("2026-11-01", "2026-11-01T10:00", "--to '2026-11-01T10:00' is not a date"),
    ("20261101", "2026-11-30", "--from '20261101' is not a date"),  # Python's fromisoformat takes these two
    ("2026-11-01", "2026-W48-2", "--to '2026-W48-2' is not a date"),
    ("2026-11-25", "2026-11-24", "--from 2026-11-25 is after --to 2026-11-24"),
])
def test_bad_dates_are_one_line_and_exit_2(store: Store, config: Config, tmp_path: Path, first: str, last: str,
                                           said: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = export_command(config, store.health.path.parent, first, last, tmp_path / "x.csv", out=out, err=err)
    assert code == EXIT_BAD_ARGUMENTS == 2
    assert err.getvalue().count("\n") == 1 and said in err.getvalue()
    assert not (tmp_path / "x.csv").exists() and out.getvalue() == ""


def test_export_command_says_what_it_wrote(three_days: Store, config: Config, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = export_command(config, three_days.health.path.parent, "2026-11-24", "2026-11-24", tmp_path / "d.csv",
                          out=out, err=err)
    assert code == EXIT_OK, err.getvalue()
    assert out.getvalue() == f"exported 3 tickets and 3 ratings of 2026-11-24 to 2026-11-24 into {tmp_path / 'd.csv'}\n"
