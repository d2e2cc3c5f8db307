"""An SMS when the turn is near, the kiosk's side: consent required, Russian mobile
numbers only, and the number gone from every file of the data folder (database and
WAL) once the server has it, never in the logs, the export or the heartbeat."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from kiosk import sms
from kiosk.clock import ManualClock
from kiosk.config import Config
from kiosk.export import export_csv
from kiosk.store import Store
from kiosk.sync.client import EventResult, Fetched
from kiosk.sync.engine import SyncEngine
from kiosk.tickets import TicketDesk

PHONE = "+7 916 123-45-67"
# Every way the number could have been written down.
NEEDLES = ("9161234567", "79161234567", "916 123", "123-45-67", "1234567")


class AckingServer:
    """Accepts every event it is sent, and keeps what it answered."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.answers: list[str] = []

    def post_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        self.received.extend(events)
        results = [EventResult(event["id"], "accepted") for event in events]
        self.answers.append(repr(results))
        return results

    def get(self, path: str, etag: str | None = None, params: dict[str, str] | None = None) -> Fetched:
        return Fetched(None, None)

    def status(self) -> dict[str, Any]:
        return {"max_seq": 0}


def data_files_text(data_dir: Path) -> str:
    return "\n".join(path.read_bytes().decode("latin-1") for path in data_dir.rglob("*") if path.is_file())


def test_phone_numbers_are_russian_mobiles_and_shown_masked() -> None:
    for typed in (PHONE, "89161234567", "9161234567", "+79161234567"):
        phone = sms.parse_phone(typed)
        assert phone is not None and phone.e164 == "+79161234567"
    for bad in ("+7 495 123-45-67", "916123456", "+1 916 123 4567", "", "9161234567890", "９１６１２３４５６７"):
        assert sms.parse_phone(bad) is None, bad
    phone = sms.parse_phone(PHONE)
    assert str(phone) == repr(phone).removeprefix("Phone(").removesuffix(")") == "+7 916 •••-••-67"
    assert sms.mask("91612") == "+7 916 ••"
    assert sms.mask("9161234") == "+7 916 •••-•"


def test_no_consent_no_request(desk: TicketDesk, store: Store) -> None:
    ticket = desk.issue("snils", "ru")
    phone = sms.parse_phone(PHONE)
    assert phone is not None
    with pytest.raises(sms.SmsRefused):
        sms.request_sms(store, ticket, phone, "ru", consent=False)
    assert store.db.conn.execute("SELECT count(*) FROM outbox WHERE kind = 'sms.requested'").fetchone()[0] == 0


def test_the_number_is_gone_from_the_data_folder_after_the_servers_ack(
        tmp_path: Path, desk: TicketDesk, store: Store, config: Config, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    data_dir = store.health.path.parent
    ticket = desk.issue("snils", "en")
    phone = sms.parse_phone(PHONE)
    assert phone is not None
    sms.request_sms(store, ticket, phone, "en", consent=True)
    assert sms.numbers_left(store) == 1
    assert "9161234567" in data_files_text(data_dir)  # it is there until the server has it
    # Not sent yet: erasing keeps it.
    assert sms.erase_delivered(store, ticket.business_day) == 0 and sms.numbers_left(store) == 1

    server = AckingServer()
    engine = SyncEngine(Store.open(data_dir, store.clock), server, config.kiosk_id,  # type: ignore[arg-type]
                        business_day=desk.business_day, heartbeat_every_s=0)
    try:
        engine.push()
        engine.queue_heartbeat()
        engine.push()
    finally:
        engine.store.close()
    sent = [e for e in server.received if e["kind"] == "sms.requested"]
    assert len(sent) == 1 and sent[0]["payload"]["phone"] == "+79161234567"
    assert sent[0]["payload"]["language"] == "en" and sent[0]["payload"]["notice_version"] == 1
    heartbeat = [e for e in server.received if e["kind"] == "heartbeat"]
    assert heartbeat and not any(n in json.dumps(heartbeat) for n in NEEDLES)

    assert sms.erase_delivered(store, ticket.business_day) == 1
    assert sms.numbers_left(store) == 0
    payload = json.loads(store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'sms.requested'")
                         .fetchone()[0])
    assert "phone" not in payload and payload["phone_erased"] is True
    # Read while the kiosk still has the database open: its WAL is there too.
    assert (data_dir / "kiosk.db-wal").exists()
    text = data_files_text(data_dir)
    for needle in NEEDLES:
        assert needle not in text, needle
    logged = caplog.text + "\n".join(server.answers)
    assert "SMS request queued for ticket" in caplog.text
    for needle in NEEDLES:
        assert needle not in logged, needle
    out = tmp_path / "export.csv"
    export_csv(data_dir / "kiosk.db", ticket.business_day, ticket.business_day, config.tz, out)
    assert not any(n in out.read_text(encoding="utf-8-sig") for n in NEEDLES)


def test_a_request_never_sent_on_its_day_is_erased_and_not_sent(desk: TicketDesk, store: Store,
                                                                clock: ManualClock) -> None:
    ticket = desk.issue("snils", "ru")
    phone = sms.parse_phone(PHONE)
    assert phone is not None
    sms.request_sms(store, ticket, phone, "ru", consent=True)
    clock.advance(days=1)
    assert sms.erase_delivered(store, ticket.business_day + dt.timedelta(days=1)) == 1
    state, code = store.db.conn.execute("SELECT state, rejected_code FROM outbox WHERE kind = 'sms.requested'"
                                        ).fetchone()
    assert (state, code) == ("rejected", "expired") and sms.numbers_left(store) == 0
