"""Booked visits on the server: check-ins reconciled across kiosks, the day's
list with status, check-ins and ``elsewhere``, appointments made by operators."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from central.sms import local_today
from tests.central.conftest import make_event

# Today in Moscow: the fleet view lists double check-ins of the last days only, so a fixed
# date here would drop out of it a week after it was written.
DAY = local_today(dt.datetime.now(dt.UTC)).isoformat()
LATER_DAY = (dt.date.fromisoformat(DAY) + dt.timedelta(days=2)).isoformat()


def _check_in(kiosk_id: str, seq: int, code: str, number: str, at: str = "2026-11-24T07:20:00Z") -> dict[str, Any]:
    return make_event(kiosk_id, seq, "appointment.checked_in", {
        "code": code, "business_day": DAY, "slot_local": "10:30", "service_id": "snils", "centre_id": "centre-a",
        "ticket_id": str(uuid.uuid4()), "number": number, "checked_in_utc": at, "late_min": 0,
    })


def _operator(server: Any) -> str:
    status, out = server.cli("operator", "alice")
    assert status == 0
    return next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("token: "))


def test_two_kiosks_checking_one_code_in_is_a_double_check_in(server: Any, write_json: Any) -> None:
    days = [
        {"date": DAY, "appointments": [{"code": "A7K2Q9", "service_id": "snils", "slot_local": "10:30"},
                                       {"code": "B3M8X1", "service_id": "inn", "slot_local": "11:00",
                                        "status": "cancelled"}]},
        {"date": LATER_DAY, "appointments": [{"code": "C9P4W2", "service_id": "inn", "slot_local": "09:00"}]},
        {"date": "2026-12-31", "appointments": [{"code": "FARAWAY", "service_id": "inn", "slot_local": "09:00"}]},
    ]
    assert server.cli("load-appointments", "centre-a", str(write_json("a.json", days)))[0] == 0
    other = {"date": DAY, "appointments": [{"code": "ZZZZ9", "service_id": "inn", "slot_local": "09:00"}]}
    assert server.cli("load-appointments", "centre-b", str(write_json("b.json", other)))[0] == 0
    one, two = server.kiosk("kiosk-01"), server.kiosk("kiosk-02")
    first = _check_in("kiosk-01", 1, "A7K2Q9", "Р001")
    assert one.send([first])[0]["status"] == "accepted"
    assert one.send([first])[0]["status"] == "duplicate"  # a resend is not a second check-in
    assert two.send([_check_in("kiosk-02", 1, "A7K2Q9", "Р501", at="2026-11-24T07:10:00Z")])[0]["status"] == "accepted"

    body = one.get("/api/v1/appointments", params={"date": DAY}).json()
    by_code = {a["code"]: a for a in body["appointments"]}
    # The first received is the check-in, whatever the kiosks' clocks say.
    assert [c["number"] for c in by_code["A7K2Q9"]["check_ins"]] == ["Р001", "Р501"]
    assert [c["kiosk_id"] for c in by_code["A7K2Q9"]["check_ins"]] == ["kiosk-01", "kiosk-02"]
    assert by_code["B3M8X1"]["status"] == "cancelled" and by_code["B3M8X1"]["check_ins"] == []
    # This centre's other days nearby, never another centre's codes.
    assert body["elsewhere"] == [{"code": "C9P4W2", "date": LATER_DAY, "centre_id": "centre-a"}]
    outsider = server.kiosk("kiosk-b1", "centre-b").get("/api/v1/appointments", params={"date": DAY}).json()
    assert [a["code"] for a in outsider["appointments"]] == ["ZZZZ9"] and "elsewhere" not in outsider

    token = _operator(server)
    fleet = server.client(token).get("/api/v1/fleet").json()
    assert fleet["double_check_ins"] == [{"centre_id": "centre-a", "date": DAY, "code": "A7K2Q9",
                                          "numbers": ["Р001", "Р501"], "kiosk_ids": ["kiosk-01", "kiosk-02"]}]
    page = server.client(token).get("/api/v1/fleet", params={"format": "html"}, check=False).text
    assert "Double check-ins" in page and "Р501" in page


def test_a_bad_check_in_is_rejected_with_its_reason(server: Any) -> None:
    kiosk = server.kiosk()
    event = _check_in("kiosk-01", 1, "A7K2Q9", "Р001")
    event["payload"]["late_min"] = -1
    result = kiosk.send([event])[0]
    assert result["status"] == "rejected" and "late_min" in result["reason"]
    del event["payload"]["code"]
    event["payload"]["late_min"] = 0
    assert "code" in kiosk.send([event])[0]["reason"]


def test_operators_make_change_and_cancel_appointments_through_the_api(
        server: Any, demo_bundle: Any, write_json: Any) -> None:
    server.cli("load-bundle", "centre-a", str(write_json("bundle.json", demo_bundle)))
    token = _operator(server)
    operator, kiosk = server.client(token), server.kiosk()
    made = {"centre_id": "centre-a", "date": DAY,
            "appointment": {"code": "NEW1", "service_id": "snils", "slot_local": "12:00"}}
    answer = operator.post("/api/v1/appointments", made)
    assert answer.status_code == 201 and answer.json()["created"] is True
    made["appointment"]["status"] = "cancelled"
    answer = operator.post("/api/v1/appointments", made)
    assert answer.status_code == 201 and answer.json()["created"] is False
    listed = kiosk.get("/api/v1/appointments", params={"date": DAY}).json()["appointments"]
    assert [(a["code"], a["status"]) for a in listed] == [("NEW1", "cancelled")]

    unknown = {**made, "appointment": {"code": "NEW2", "service_id": "ghost", "slot_local": "12:00"}}
    refused = operator.post("/api/v1/appointments", unknown)
    assert refused.status_code == 400 and "ghost" in refused.json()["error"]["message"]
    assert operator.post("/api/v1/appointments", {"date": DAY}).status_code == 400
    # A kiosk's token is not an operator's.
    assert server.client(kiosk.token).post("/api/v1/appointments", made).status_code == 401
    assert server.client().post("/api/v1/appointments", made).status_code == 401
