"""SMS requests on the server: kept only until sent or the day is over, sent
once when the queue says the ticket is near, never answered or logged in full."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import logging
import threading
import uuid
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from central import cli, sms
from tests.central.conftest import make_event
from tests.central.server_dbs import rows

DAY = "2026-11-24"
PHONE = "+79161234567"
NOON = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)  # 12:00 in Moscow


def _ticket(kiosk_id: str, seq: int, number: str, at: str) -> dict[str, Any]:
    return make_event(kiosk_id, seq, "ticket.issued", {
        "ticket_id": str(uuid.uuid4()), "number": number, "service_id": "snils", "category_id": "docs",
        "business_day": DAY}, occurred_utc=at)


def _request(kiosk_id: str, seq: int, ticket: dict[str, Any], **over: Any) -> dict[str, Any]:
    payload = {"ticket_id": ticket["payload"]["ticket_id"], "number": ticket["payload"]["number"],
               "business_day": DAY, "centre_id": "centre-a", "phone": PHONE, "language": "ru",
               "consent_utc": "2026-11-24T08:00:00Z", "notice_version": 1, **over}
    return make_event(kiosk_id, seq, "sms.requested", {k: v for k, v in payload.items() if v is not None})


def _queue(db: str, waiting: int, write_json: Any, *extra: str, at: dt.datetime = NOON) -> tuple[int, str]:
    path = write_json("queue.json", {"as_of_utc": "2026-11-24T08:59:00Z", "services": [
        {"service_id": "snils", "waiting": waiting, "open_windows": 1, "avg_service_minutes": 8}]})
    out = io.StringIO()
    status = cli.main(["queue", "centre-a", str(path), "--db", db, *extra], out=out, clock=lambda: at)
    return status, out.getvalue()


def test_the_sms_goes_once_when_near_and_the_number_is_forgotten(
        server: Any, write_json: Any, caplog: pytest.LogCaptureFixture) -> None:
    kiosk = server.kiosk()
    tickets = [_ticket("kiosk-01", i + 1, f"С00{i + 1}", f"2026-11-24T08:0{i}:00Z") for i in range(5)]
    ours = tickets[-1]  # issued last: every waiting ticket is ahead of it
    results = kiosk.send([*tickets, _request("kiosk-01", 6, ours)])
    assert [r["status"] for r in results] == ["accepted"] * 6
    stored = rows(server.db_path, "SELECT payload FROM events WHERE kind = 'sms.requested'")
    assert PHONE not in stored[0][0] and json.loads(stored[0][0])["phone_erased"] is True

    with caplog.at_level(logging.INFO, logger="central.sms"):
        assert _queue(server.db_path, 5, write_json)[0] == 0  # place 5: not near yet
        assert rows(server.db_path, "SELECT state FROM sms_requests") == [("pending",)]
        status, out = _queue(server.db_path, 3, write_json, "--sms-ahead", "2")  # place 3
        assert "SMS sent" not in out
        status, out = _queue(server.db_path, 2, write_json, "--sms-ahead", "2")  # place 2
        assert status == 0 and "С005" in out
        assert "SMS sent" not in _queue(server.db_path, 1, write_json)[1]  # once per ticket
    sent = [r.getMessage() for r in caplog.records if "log only" in r.getMessage()]
    assert len(sent) == 1 and "+7 916 •••-••-67" in sent[0] and "С005" in sent[0]
    assert all("1234567" not in r.getMessage() for r in caplog.records)
    assert rows(server.db_path, "SELECT state, phone FROM sms_requests") == [("sent", None)]

    # A resend after the kiosk erased its copy is the duplicate it is, never a rejection.
    again = _request("kiosk-01", 6, ours, phone=None, phone_erased=True)
    again["id"] = results[5]["id"]
    assert kiosk.send([again])[0]["status"] == "duplicate"
    assert kiosk.send([_request("kiosk-01", 7, ours, phone=None, phone_erased=True)])[0]["status"] == "accepted"


def test_a_bad_number_is_rejected_without_being_kept(server: Any) -> None:
    kiosk = server.kiosk()
    ticket = _ticket("kiosk-01", 1, "С001", "2026-11-24T08:00:00Z")
    bad = _request("kiosk-01", 2, ticket, phone="+79161234")
    result = kiosk.send([ticket, bad])[1]
    assert result["status"] == "rejected" and "phone" in result["reason"] and "+7916" not in result["reason"]
    no_phone = _request("kiosk-01", 3, ticket, phone=None)
    assert kiosk.send([no_phone])[0]["status"] == "rejected"
    leaked = _request("kiosk-01", 4, ticket, language="de")
    assert kiosk.send([leaked])[0]["status"] == "rejected"
    excerpts = " ".join(r[0] for r in rows(server.db_path, "SELECT excerpt FROM rejections"))
    assert "1234567" not in excerpts and "[number removed]" in excerpts


def test_numbers_of_a_past_day_are_forgotten_by_purge(server: Any) -> None:
    kiosk = server.kiosk()
    ticket = _ticket("kiosk-01", 1, "С001", "2026-11-24T08:00:00Z")
    kiosk.send([ticket, _request("kiosk-01", 2, ticket)])
    out = io.StringIO()
    assert cli.main(["purge", "--db", server.db_path], out=out, clock=lambda: NOON) == 0
    assert rows(server.db_path, "SELECT state FROM sms_requests") == [("pending",)]
    next_day = NOON + dt.timedelta(days=1)
    assert cli.main(["purge", "--db", server.db_path], out=out, clock=lambda: next_day) == 0
    assert "1 SMS number(s)" in out.getvalue()
    assert rows(server.db_path, "SELECT state, phone FROM sms_requests") == [("expired", None)]


class _Gateway(http.server.BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, dict[str, Any]]]] = []
    fail = False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).received.append((self.headers["Authorization"], body))
        self.send_response(503 if type(self).fail else 202)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    _Gateway.received, _Gateway.fail = [], False
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gateway)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/send"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.mark.expect_log("central.sms")
def test_the_http_sender_posts_to_the_gateway_and_retries_after_a_failure(
        server: Any, write_json: Any, gateway: str, monkeypatch: pytest.MonkeyPatch) -> None:
    kiosk = server.kiosk()
    ticket = _ticket("kiosk-01", 1, "С001", "2026-11-24T08:00:00Z")
    kiosk.send([ticket, _request("kiosk-01", 2, ticket, language="en")])
    assert _queue(server.db_path, 1, write_json, "--sms-gateway", gateway)[0] == 1  # no token: refused
    assert rows(server.db_path, "SELECT count(*) FROM queues") == [(0,)]  # before anything changed
    monkeypatch.setenv("CENTRAL_SMS_TOKEN", "gw-secret")
    _Gateway.fail = True
    assert "SMS sent" not in _queue(server.db_path, 1, write_json, "--sms-gateway", gateway)[1]
    assert rows(server.db_path, "SELECT state FROM sms_requests") == [("pending",)]
    _Gateway.fail = False
    assert "С001" in _queue(server.db_path, 1, write_json, "--sms-gateway", gateway)[1]
    assert [auth for auth, _ in _Gateway.received] == ["Bearer gw-secret"] * 2
    assert _Gateway.received[-1][1]["to"] == PHONE and "С001" in _Gateway.received[-1][1]["text"]
    assert rows(server.db_path, "SELECT state, phone FROM sms_requests") == [("sent", None)]


def test_mask_hides_all_but_the_operator_code_and_the_last_two_digits() -> None:
    assert sms.mask(PHONE) == "+7 916 •••-••-67"
    assert sms.mask("garbage") == "+7 ••• •••-••-••"
    assert "1234567" not in repr(sms.Message("t", "С001", "ru", PHONE, "text"))


def test_on_sqlite_no_copy_of_the_number_stays_in_the_file_or_its_wal(tmp_path: Any) -> None:
    """With the server's connections open (so SQLite does not tidy up on close), the sent
    request leaves the number neither in the database file nor in its write-ahead log."""
    from central import store

    db = str(tmp_path / "central.db")
    store.init_db(db, create=True)
    with store.connection(db) as server_side, store.connection(db) as conn:
        server_side.scalar("SELECT count(*) FROM kiosks")
        server_side.end_read()
        with conn.write():
            conn.execute(
                "INSERT INTO tickets (centre_id, ticket_id, event_id, kiosk_id, number, service_id, category_id, "
                "business_day, issued_utc, state, reprints) VALUES ('centre-a', 't1', 'e1', 'k', 'С001', 'snils', "
                "'docs', :d, '2026-11-24T08:00:00Z', 'issued', 0)", {"d": DAY})
            conn.execute(
                "INSERT INTO sms_requests (centre_id, ticket_id, event_id, kiosk_id, business_day, number, language, "
                "phone, state, requested_utc) VALUES ('centre-a', 't1', 'e2', 'k', :d, 'С001', 'ru', :p, 'pending', "
                "'2026-11-24T08:01:00Z')", {"d": DAY, "p": PHONE})
        store.set_queue(conn, "centre-a", "2026-11-24T08:59:00Z", [
            {"service_id": "snils", "waiting": 1, "open_windows": 1, "avg_service_minutes": 8}], now=NOON)
        assert sms.dispatch(conn, "centre-a", sender=sms.LogSender(), now=NOON) == ["С001"]
        stored = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("central.db"))
        assert PHONE.encode() not in stored and PHONE[2:].encode() not in stored
    store.dbmod.dispose(db)
