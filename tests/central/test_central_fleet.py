"""The operators' fleet view: who is late, offline, low on disk, out of paper, on which version."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import uuid
from typing import Any

import pytest

from central import fleet
from central.testing import run_server
from tests.secrets_guard import remember_secret

FLEET = "/api/v1/fleet"


def heartbeat(kiosk_id: str, seq: int, **payload: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "kind": "heartbeat",
        "schema": 1,
        "kiosk_id": kiosk_id,
        "occurred_utc": "2026-11-24T09:00:00.000Z",
        "seq": seq,
        "payload": payload,
    }


def operator_token(tools: Any, db: str, name: str = "alice") -> str:
    status, out = tools.run_cli(db, "operator", name)
    assert status == 0, out
    return remember_secret(next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("token: ")))


@pytest.fixture
def moments() -> list[dt.datetime]:
    return [dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)]


@pytest.fixture
def fleet_server(db_url: str, spec: Any, tools: Any, moments: list[dt.datetime]) -> Any:
    with run_server(db_url, clock=lambda: moments[0]) as base_url:
        busy = tools.Client(base_url, spec, tools.issue_token(db_url, "kiosk-busy", "centre-a"))
        beat = heartbeat(
            "kiosk-busy",
            1,
            version="=1.2.3",
            pending_events=4,
            rejected_events=2,
            disk_free_bytes=10_000_000,
            disk_state="low",
            checks={"printer": {"verdict": "fail", "detail": "<b>paper out</b>"}},
        )
        assert busy.send([beat])[0]["status"] == "accepted"
        healthy = tools.Client(base_url, spec, tools.issue_token(db_url, "kiosk-fine", "centre-b"))
        assert healthy.send([heartbeat("kiosk-fine", 1, version="0.1.0", disk_state="ok")])[0]["status"] == "accepted"
        tools.issue_token(db_url, "kiosk-silent", "centre-b")
        yield tools.Client(base_url, spec, operator_token(tools, db_url)), healthy, busy


def by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k["kiosk_id"]: k for k in body["kiosks"]}


def test_the_fleet_shows_what_needs_an_operator_first(fleet_server: Any, moments: list[dt.datetime]) -> None:
    operator, healthy, _ = fleet_server
    answer = operator.get(FLEET)
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    body = answer.json()
    kiosks = by_id(body)
    busy = kiosks["kiosk-busy"]
    assert busy["connection"] == "ok" and busy["version"] == "=1.2.3" and busy["disk_state"] == "low"
    assert busy["attention"] == ["disk low", "printer: <b>paper out</b>", "2 event(s) set aside"]
    assert kiosks["kiosk-fine"]["attention"] == [] and kiosks["kiosk-fine"]["connection"] == "ok"
    assert kiosks["kiosk-silent"]["connection"] == "never"
    assert [k["kiosk_id"] for k in body["kiosks"]][-1] == "kiosk-fine"  # nothing wrong: last
    moments[0] += fleet.LATE
    healthy.get("/api/v1/kiosk/status")  # this one is seen again
    kiosks = by_id(operator.get(FLEET).json())
    assert kiosks["kiosk-busy"]["connection"] == "late" and kiosks["kiosk-fine"]["connection"] == "ok"
    moments[0] += fleet.OFFLINE
    assert by_id(operator.get(FLEET).json())["kiosk-busy"]["connection"] == "offline"


def test_the_fleet_exports_csv_and_renders_a_page_for_a_browser(fleet_server: Any) -> None:
    operator, _, _ = fleet_server
    basic = "Basic " + base64.b64encode(f"alice:{operator.token}".encode()).decode()
    anonymous = operator.session
    url = operator.base_url + FLEET
    exported = anonymous.get(url, params={"format": "csv"}, headers={"Authorization": basic}, timeout=30)
    assert exported.status_code == 200 and exported.headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(exported.text)))
    assert tuple(table[0]) == fleet.COLUMNS and len(table) == 4
    busy = dict(zip(table[0], next(r for r in table if r[0] == "kiosk-busy"), strict=True))
    assert busy["version"] == "'=1.2.3"  # a spreadsheet would run =... as a formula
    page = anonymous.get(url, params={"format": "html"}, headers={"Authorization": basic}, timeout=30)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "kiosk-silent" in page.text and "&lt;b&gt;paper out&lt;/b&gt;" in page.text and "<b>paper" not in page.text
    assert operator.get(FLEET, params={"format": "xml"}).status_code == 400


def test_only_operators_see_the_fleet(fleet_server: Any, tools: Any) -> None:
    operator, healthy, _ = fleet_server
    nobody = operator.get(FLEET, headers={"Authorization": ""})
    assert nobody.status_code == 401 and nobody.json()["error"]["code"] == "missing_token"
    assert nobody.headers["WWW-Authenticate"].startswith("Basic ")  # a browser asks for the token
    kiosk_token = healthy.get(FLEET)
    assert kiosk_token.status_code == 401 and kiosk_token.json()["error"]["code"] == "invalid_token"
    wrong = "Basic " + base64.b64encode(b"alice:guess").decode()
    assert operator.get(FLEET, headers={"Authorization": wrong}).status_code == 401
