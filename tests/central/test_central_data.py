"""Data down: bundle with ETag/304, appointments, live queue; and the CLI that loads them."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest


def test_no_bundle_yet_is_404_no_bundle(kiosk: Any) -> None:
    answer = kiosk.get("/api/v1/bundle")
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "no_bundle"


def test_bundle_round_trip_with_etag_and_304(server: Any, kiosk: Any, demo_bundle: Any, write_json: Any) -> None:
    path = write_json("bundle.json", demo_bundle)
    status, out = server.cli("load-bundle", "centre-a", str(path))
    assert status == 0 and "version 1" in out

    answer = kiosk.get("/api/v1/bundle")
    assert answer.status_code == 200
    bundle = answer.json()
    assert bundle["version"] == 1 and bundle["centre_id"] == "centre-a"
    assert bundle["catalog"] == demo_bundle["catalog"]  # Cyrillic survives the round trip
    etag = answer.headers["ETag"]
    assert etag == '"bundle:centre-a:v1"'
    assert answer.headers["Cache-Control"] == "private, no-cache"

    unchanged = kiosk.get("/api/v1/bundle", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["ETag"] == etag
    assert kiosk.get("/api/v1/bundle", headers={"If-None-Match": f'"x", W/{etag}'}).status_code == 304
    assert kiosk.get("/api/v1/bundle", headers={"If-None-Match": "*"}).status_code == 304
    assert kiosk.get("/api/v1/bundle", headers={"If-None-Match": '"bundle:centre-a:v0"'}).status_code == 200

    status, out = server.cli("load-bundle", "centre-a", str(path))
    assert "version 2" in out
    changed = kiosk.get("/api/v1/bundle", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json()["version"] == 2
    assert changed.headers["ETag"] == '"bundle:centre-a:v2"'

    head = kiosk.session.head(kiosk.base_url + "/api/v1/bundle", headers=kiosk.headers(), timeout=10)
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == '"bundle:centre-a:v2"'


def test_bundles_are_scoped_to_the_centre(server: Any, demo_bundle: Any, write_json: Any) -> None:
    server.cli("load-bundle", "centre-a", str(write_json("a.json", demo_bundle)))
    other = server.kiosk("kiosk-b1", "centre-b")
    assert other.get("/api/v1/bundle").status_code == 404


def _broken(bundle: dict[str, Any], change: Any) -> dict[str, Any]:
    copied = copy.deepcopy(bundle)
    change(copied)
    return copied


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda b: b["catalog"]["categories"][1].update(prefix="П"), "catalog.categories[1].prefix"),
        (lambda b: b["catalog"]["categories"][0].update(prefix="P"), "catalog.categories[0].prefix"),
        (lambda b: b["catalog"]["categories"][0]["services"][0].update(avg_minutes=0), "avg_minutes"),
        (lambda b: b["catalog"]["categories"][0]["services"][0].update(windows=-1), "windows"),
        (lambda b: b["catalog"]["categories"][0]["services"][0]["name"].pop("en"), "name.en"),
        (lambda b: b["catalog"]["categories"][0]["services"][1].update(id="passport-internal"), "duplicate service id"),
        (lambda b: b["catalog"]["life_situations"][0]["services"].append("ghost"), "life_situations[0].services"),
        (lambda b: b["paused_services"].append({"service_id": "ghost", "reason_code": "other"}), "paused_services[1]"),
        (lambda b: b["paused_services"].append({"service_id": "inn", "reason_code": "lunch"}), "reason_code"),
        (lambda b: b["catalog"]["categories"][0].update(prefix="З"), "other than З, О, Ч"),
        (lambda b: b["catalog"]["categories"][0]["services"][0].update(avg_minutes=241), "avg_minutes"),
        (lambda b: b["catalog"]["categories"][0]["services"][0].update(id="паспорт"), "services[0].id"),
        (lambda b: b["catalog"]["categories"][0]["services"][0].update(hours={"mon": "9-18"}), "services[0].hours"),
        (lambda b: b["hours"].pop("daily"), "hours.mon: has no hours"),
        (lambda b: b["hours"].update(sun="10:00-14:00, 13:00-18:00"), "overlap"),
        (lambda b: b["hours"].update(tue="20:00-08:00"), "closes before it opens"),
        (lambda b: b["hours"].update(timezone="Europe/Moscow"), "unknown keys timezone"),
        (lambda b: b["hours"].update(closed_dates=["2027-02-30"]), "closed_dates[0]"),
        (lambda b: b["content"].update(banner={"ru": "Р", "en": "E"}), "expires_utc"),
        (lambda b: b.update(ticket_link_template="http://x/t/{uuid}"), "ticket_link_template"),
        (lambda b: b.update(ticket_link_template="https://x/t/{uuid}/{n}"), "ticket_link_template"),
        (lambda b: b.update(centre_id="centre-z"), "centre_id"),
        (lambda b: b.pop("content"), "content: is required"),
    ],
)
def test_invalid_bundles_are_refused_with_the_path(
    server: Any, demo_bundle: Any, write_json: Any, capsys: Any, change: Any, problem: str
) -> None:
    path = write_json("bad.json", _broken(demo_bundle, change))
    status, _ = server.cli("load-bundle", "centre-a", str(path))
    assert status == 1
    assert problem in capsys.readouterr().err
    assert server.kiosk().get("/api/v1/bundle").status_code == 404


def test_unreadable_files_are_refused(server: Any, tmp_path: Any, capsys: Any) -> None:
    (tmp_path / "x.json").write_text("{nope", encoding="utf-8")
    assert server.cli("load-bundle", "centre-a", str(tmp_path / "x.json"))[0] == 1
    assert server.cli("queue", "centre-a", str(tmp_path / "missing.json"))[0] == 1
    assert "not valid" in capsys.readouterr().err


def test_appointments(server: Any, kiosk: Any, demo_bundle: Any, write_json: Any, capsys: Any) -> None:
    empty = kiosk.get("/api/v1/appointments", params={"date": "2026-11-24"})
    assert empty.status_code == 200
    assert empty.json() == {"date": "2026-11-24", "centre_id": "centre-a", "appointments": []}

    server.cli("load-bundle", "centre-a", str(write_json("b.json", demo_bundle)))
    days = [
        {
            "date": "2026-11-24",
            "appointments": [
                {"code": "B3M8X1", "service_id": "snils", "slot_local": "11:00"},
                {"code": "A7K2Q9", "service_id": "passport-foreign", "slot_local": "10:30", "name_hint": "Иванова А."},
            ],
        },
        {"date": "2026-11-25", "appointments": [{"code": "C1C1", "service_id": "inn", "slot_local": "09:00"}]},
    ]
    status, out = server.cli("load-appointments", "centre-a", str(write_json("appt.json", days)))
    assert status == 0, out
    answer = kiosk.get("/api/v1/appointments", params={"date": "2026-11-24"})
    body = answer.json()
    assert [a["code"] for a in body["appointments"]] == ["A7K2Q9", "B3M8X1"]  # sorted by slot
    assert body["appointments"][0]["name_hint"] == "Иванова А."
    etag = answer.headers["ETag"]
    assert etag != empty.headers["ETag"]
    assert (
        kiosk.get("/api/v1/appointments", params={"date": "2026-11-24"}, headers={"If-None-Match": etag}).status_code
        == 304
    )
    other_day = kiosk.get("/api/v1/appointments", params={"date": "2026-11-25"}, headers={"If-None-Match": etag})
    assert other_day.status_code == 200 and len(other_day.json()["appointments"]) == 1

    # replacing a day changes its ETag
    server.cli("load-appointments", "centre-a", str(write_json("one.json", {"date": "2026-11-24", "appointments": []})))
    assert (
        kiosk.get("/api/v1/appointments", params={"date": "2026-11-24"}, headers={"If-None-Match": etag}).status_code
        == 200
    )

    # unknown services, bad codes and duplicates are refused
    bad = {
        "date": "2026-11-26",
        "appointments": [
            {"code": "AAAA", "service_id": "ghost", "slot_local": "10:00"},
            {"code": "AAAA", "service_id": "inn", "slot_local": "25:00"},
            {"code": "a", "service_id": "inn", "slot_local": "10:00"},
        ],
    }
    assert server.cli("load-appointments", "centre-a", str(write_json("bad.json", bad)))[0] == 1
    err = capsys.readouterr().err
    assert "unknown service id 'ghost'" in err and "duplicate code" in err and "slot_local" in err and "[2].code" in err


@pytest.mark.parametrize("params", [{}, {"date": "2026-13-01"}, {"date": "24.11.2026"}, {"date": ""}])
def test_appointments_need_a_valid_date(kiosk: Any, params: Any) -> None:
    answer = kiosk.get("/api/v1/appointments", params=params)
    assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_date"


def test_queue(server: Any, kiosk: Any, write_json: Any, capsys: Any) -> None:
    missing = kiosk.get("/api/v1/queue")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_queue"
    figures = {
        "as_of_utc": "2026-11-24T09:14:30.000Z",
        "services": [
            {"service_id": "passport-internal", "waiting": 7, "open_windows": 3, "avg_service_minutes": 13.5},
            {"service_id": "snils", "waiting": 0, "open_windows": 1, "avg_service_minutes": 7},
        ],
    }
    assert server.cli("queue", "centre-a", str(write_json("q.json", figures)))[0] == 0
    answer = kiosk.get("/api/v1/queue")
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    assert answer.json() == {"centre_id": "centre-a", **figures}

    without_time = {"services": figures["services"][:1]}
    assert server.cli("queue", "centre-a", str(write_json("q2.json", without_time)))[0] == 0
    assert kiosk.get("/api/v1/queue").json()["as_of_utc"].endswith("Z")

    bad = {"services": [{"service_id": "x", "waiting": -1, "open_windows": 1, "avg_service_minutes": 0}]}
    assert server.cli("queue", "centre-a", str(write_json("q3.json", bad)))[0] == 1
    err = capsys.readouterr().err
    assert "waiting" in err and "avg_service_minutes" in err


def test_kiosks_listing_as_json(server: Any, kiosk: Any, event_factory: Any) -> None:
    kiosk.send([event_factory("kiosk-01", 1, payload={"outbox_pending": 2})])
    status, out = server.cli("kiosks", "--json")
    assert status == 0
    listing = json.loads(out)
    assert listing[0]["kiosk_id"] == "kiosk-01" and listing[0]["events_received"] == 1
    assert listing[0]["heartbeat"] == {"outbox_pending": 2}
    assert kiosk.token not in out


def test_what_the_server_serves_the_kiosk_core_can_parse(
    kiosk: Any, server: Any, demo_bundle: Any, write_json: Any
) -> None:
    """Cross-check with the kiosk's own parsers, so a bundle the server accepts never breaks a kiosk."""
    catalog_module = pytest.importorskip("kiosk.catalog")
    hours_module = pytest.importorskip("kiosk.hours")
    bundle = copy.deepcopy(demo_bundle)
    bundle["catalog"]["categories"][0]["services"][0]["hours"] = {"daily": "08:00-13:00, 14:00-20:00", "sat": "closed"}
    assert server.cli("load-bundle", "centre-a", str(write_json("b.json", bundle)))[0] == 0
    served = kiosk.get("/api/v1/bundle").json()
    catalog_module.parse_catalog(served["catalog"])
    hours_module.parse_weekly_hours(served["hours"])
