"""Enrolment with a one-time code, bearer tokens, revocation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from central import auth, store
from central.testing import run_server
from central.timeutil import system_now
from tests.central.server_dbs import dump_text

ENROL = "/api/v1/enrol"


def _code(output: str) -> str:
    match = re.search(r"enrolment code: (\S+)", output)
    assert match, output
    return match.group(1)


def test_code_enrolment_returns_the_token_exactly_once(server: Any) -> None:
    status, out = server.cli("enrol", "kiosk-07", "--centre", "centre-b")
    assert status == 0
    code = _code(out)
    assert len(auth.normalise_code(code)) >= 8
    anonymous = server.client()

    first = anonymous.post(ENROL, {"kiosk_id": "kiosk-07", "code": code.lower()})
    assert first.status_code == 200
    body = first.json()
    assert body["kiosk_id"] == "kiosk-07" and body["centre_id"] == "centre-b"
    assert first.headers["Cache-Control"] == "no-store"

    again = anonymous.post(ENROL, {"kiosk_id": "kiosk-07", "code": code})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "enrolment_used"
    assert body["token"] not in again.text

    status_answer = server.client(body["token"]).get("/api/v1/kiosk/status")
    assert status_answer.status_code == 200
    assert status_answer.json()["kiosk_id"] == "kiosk-07"


def test_the_database_holds_only_hashes(server: Any) -> None:
    status, out = server.cli("enrol", "kiosk-08", "--centre", "centre-b")
    assert status == 0
    code = _code(out)
    token = server.client().post(ENROL, {"kiosk_id": "kiosk-08", "code": code}).json()["token"]
    dump = dump_text(server.db_path)
    assert token not in dump
    assert auth.normalise_code(code) not in dump and code not in dump
    assert auth.hash_secret(token) in dump


def test_wrong_codes_are_limited_per_address_and_never_lock_the_real_code(
    db_url: str, spec: Any, tools: Any, caplog: pytest.LogCaptureFixture
) -> None:
    moments = [dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)]
    with run_server(db_url, clock=lambda: moments[0]) as base_url:
        status, out = tools.run_cli(db_url, "enrol", "kiosk-09", "--centre", "centre-b")
        assert status == 0
        code = _code(out)
        anonymous = tools.Client(base_url, spec)
        # An unknown kiosk and a wrong code for a real one get the same answer.
        unknown = anonymous.post(ENROL, {"kiosk_id": "no-such-kiosk", "code": code})
        wrong = anonymous.post(ENROL, {"kiosk_id": "kiosk-09", "code": "AAAA-AAAA-AAAA-AAAA"})
        assert unknown.status_code == wrong.status_code == 403
        assert unknown.json() == wrong.json()
        assert wrong.json()["error"]["code"] == "enrolment_invalid"
        for _ in range(store.ENROLMENT_MAX_FAILURES - 2):
            assert anonymous.post(ENROL, {"kiosk_id": "kiosk-09", "code": "AAAA-AAAA-AAAA-AAAA"}).status_code == 403
        # The address that guessed is held off, even with the right code ...
        held = anonymous.post(ENROL, {"kiosk_id": "kiosk-09", "code": code})
        assert held.status_code == 429 and held.json()["error"]["code"] == "too_many_attempts"
        assert 0 < int(held.headers["Retry-After"]) <= 15 * 60
        # ... until its window ends; the kiosk's code itself was never locked.
        moments[0] += dt.timedelta(minutes=15, seconds=1)
        assert anonymous.post(ENROL, {"kiosk_id": "kiosk-09", "code": code}).status_code == 200
    refused = [r.getMessage() for r in caplog.records if r.name == "central.auth"]
    assert any("enrolment_invalid from 127.0.0.1" in line and "kiosk-09" in line for line in refused)
    assert not any(code in line or auth.normalise_code(code) in line for line in refused)


def test_an_expired_code_is_refused(server: Any) -> None:
    with store.connection(server.db_path) as db:
        store.issue_credential(
            db,
            "kiosk-10",
            "centre-b",
            now=system_now() - dt.timedelta(days=8),
            code_hash=auth.hash_secret(auth.normalise_code("OLDC-ODEO-LDCO-DE22")),
        )
    answer = server.client().post(ENROL, {"kiosk_id": "kiosk-10", "code": "OLDC-ODEO-LDCO-DE22"})
    assert answer.status_code == 403 and answer.json()["error"]["code"] == "enrolment_expired"


@pytest.mark.parametrize(
    "body",
    [
        {"kiosk_id": "k"},
        {"code": "x"},
        {"kiosk_id": 5, "code": "x"},
        {"kiosk_id": "k", "code": ""},
        {"kiosk_id": "bad id!", "code": "ABCD"},
        [1, 2],
        "text",
        None,
    ],
)
def test_enrol_body_of_the_wrong_shape_is_400(server: Any, body: Any) -> None:
    answer = server.client().post(
        ENROL, body, data=None if body is not None else b"null", headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid_request"


def test_missing_and_bad_tokens_are_401_with_a_challenge(server: Any, kiosk: Any) -> None:
    for headers in ({}, {"Authorization": "Basic abc"}, {"Authorization": "Bearer "}):
        answer = server.client().get("/api/v1/queue", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "missing_token"
        assert answer.headers["WWW-Authenticate"] == 'Bearer realm="central"'
    answer = server.client("not-a-real-token").get("/api/v1/queue")
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "invalid_token"
    # the scheme is case-insensitive
    answer = server.client().get("/api/v1/kiosk/status", headers={"Authorization": f"bearer {kiosk.token}"})
    assert answer.status_code == 200


def test_revoke_gives_403_and_keeps_the_data(server: Any, kiosk: Any, event_factory: Any) -> None:
    results = kiosk.send([event_factory("kiosk-01", 1, "ticket.issued"), event_factory("kiosk-01", 2)])
    assert [r["status"] for r in results] == ["accepted", "accepted"]

    status, out = server.cli("revoke", "kiosk-01")
    assert status == 0 and "revoked" in out
    for path in ("/api/v1/kiosk/status", "/api/v1/bundle", "/api/v1/queue", "/api/v1/appointments?date=2026-11-24"):
        answer = kiosk.get(path.split("?")[0], params=dict([path.split("?")[1].split("=")]) if "?" in path else None)
        assert answer.status_code == 403, path
        assert answer.json()["error"]["code"] == "kiosk_revoked"
    answer = kiosk.post("/api/v1/events", {"events": [event_factory("kiosk-01", 3)]})
    assert answer.status_code == 403

    with store.connection(server.db_path) as db:
        assert store.table_count(db, "events") == 2
        assert store.table_count(db, "tickets") == 1
    status, out = server.cli("kiosks")
    assert "revoked" in out

    # re-issuing a credential replaces the old one, which becomes unknown
    assert server.cli("enrol", "kiosk-01", "--centre", "centre-a", "--print-token")[0] == 1
    status, out = server.cli("enrol", "kiosk-01", "--centre", "centre-a", "--print-token", "--reissue")
    assert status == 0
    new_token = out.split("token: ", 1)[1].split()[0]
    assert server.client(new_token).get("/api/v1/kiosk/status").json()["events_received"] == 2
    assert kiosk.get("/api/v1/kiosk/status").status_code == 401


def test_revoking_an_unknown_kiosk_fails(server: Any) -> None:
    assert server.cli("revoke", "ghost")[0] == 1


def test_kiosk_status_reports_the_previous_visit(server: Any, kiosk: Any) -> None:
    first = kiosk.get("/api/v1/kiosk/status").json()
    assert first["last_seen_utc"] is None
    assert first["max_seq"] == 0 and first["events_received"] == 0
    second = kiosk.get("/api/v1/kiosk/status").json()
    assert second["last_seen_utc"] is not None
