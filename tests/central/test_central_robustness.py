"""Hostile or broken requests get a JSON 4xx (or a clean JSON 500), never a crash."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from central.testing import run_server
from tests.central.server_dbs import execute

EVENTS = "/api/v1/events"


@pytest.mark.parametrize(
    "raw",
    [b"{", b"", b"\xff\xfe{}", b'{"events": [NaN]}', b"[" * 100_000, b'{"events": [1e999999]', b"1" * 5000],
)
def test_malformed_json_is_400(kiosk: Any, raw: bytes) -> None:
    answer = kiosk.post(EVENTS, data=raw, headers={"Content-Type": "application/json"})
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "malformed_json"


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_declared_json_is_415(kiosk: Any, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = kiosk.post(EVENTS, data=b'{"events": []}', headers=headers)
    assert answer.status_code == 415
    assert answer.json()["error"]["code"] == "unsupported_media_type"


def test_unknown_routes_and_wrong_methods_answer_json(server: Any, kiosk: Any) -> None:
    for path in ("/", "/api/v1", "/api/v2/health", "/api/v1/health/", "/static/x.js", "/api/v1/tickets"):
        answer = requests.get(server.base_url + path, timeout=10)
        assert answer.status_code == 404, path
        assert answer.json() == {"error": {"code": "not_found", "message": "There is no such route."}}
    for method, path in (
        ("DELETE", "/api/v1/events"),
        ("GET", "/api/v1/events"),
        ("PUT", "/api/v1/bundle"),
        ("POST", "/api/v1/health"),
        ("OPTIONS", "/api/v1/queue"),
    ):
        answer = requests.request(method, server.base_url + path, timeout=10, headers=kiosk.headers())
        assert answer.status_code == 405, (method, path)
        assert answer.json()["error"]["code"] == "method_not_allowed"
        assert "Allow" in answer.headers


def test_health_needs_no_token(server: Any) -> None:
    answer = server.client().get("/api/v1/health")
    assert answer.status_code == 200
    assert answer.json()["status"] == "ok"


def test_bodies_over_the_limit_are_413_and_the_server_lives_on(db_url: str, spec: Any, tools: Any) -> None:
    db_path = db_url
    token = tools.issue_token(db_path, "kiosk-01", "centre-a")
    limit = 64 * 1024
    with run_server(db_path, max_body_bytes=limit) as base_url:
        client = tools.Client(base_url, spec, token)
        body = b'{"events": ["' + b"x" * limit + b'"]}'
        answer = client.post(EVENTS, data=body, headers={"Content-Type": "application/json"})
        assert answer.status_code == 413
        assert answer.json()["error"]["code"] == "body_too_large"
        # unauthenticated large bodies are refused too, never processed
        assert (
            client.session.post(
                base_url + "/api/v1/enrol", data=body, timeout=10, headers={"Content-Type": "application/json"}
            ).status_code
            == 413
        )
        # far beyond the limit, the HTTP layer refuses it: status 413 is what counts
        try:
            huge = requests.post(
                base_url + EVENTS,
                data=b"x" * (4 * limit),
                timeout=10,
                headers={**client.headers(), "Content-Type": "application/json"},
            )
            assert huge.status_code == 413
        except requests.ConnectionError:
            pass  # the server may close the connection while the client still sends
        assert client.get("/api/v1/health").status_code == 200


def test_the_default_limit_is_five_mebibytes(kiosk: Any) -> None:
    body = b'{"events": ["' + b"x" * (5 * 1024 * 1024) + b'"]}'
    answer = kiosk.post(EVENTS, data=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413
    assert "5242880" in answer.json()["error"]["message"]


@pytest.mark.expect_log("central")
def test_an_unexpected_fault_is_a_json_500_without_internals(server: Any, kiosk: Any, event_factory: Any) -> None:
    # Break the database under the running server: the tickets table vanishes.
    execute(server.db_path, "DROP TABLE tickets")
    answer = kiosk.post(EVENTS, {"events": [event_factory("kiosk-01", 1, "ticket.issued")]})
    assert answer.status_code == 500
    assert answer.json() == {
        "error": {"code": "internal_error", "message": "An unexpected error occurred on the server."}
    }
    # events of other kinds still work, and nothing half-written was kept
    assert kiosk.send([event_factory("kiosk-01", 2)])[0]["status"] == "accepted"
    assert kiosk.get("/api/v1/kiosk/status").json()["events_received"] == 1


def test_json_arrays_and_scalars_instead_of_objects(kiosk: Any, server: Any) -> None:
    for body in ([], [{}], "events", 0, None, True):
        answer = kiosk.post(EVENTS, data=json.dumps(body), headers={"Content-Type": "application/json"})
        assert answer.status_code == 400 and answer.json()["error"]["code"] == "invalid_batch"
        enrol = server.client().post(
            "/api/v1/enrol", data=json.dumps(body), headers={"Content-Type": "application/json"}
        )
        assert enrol.status_code == 400 and enrol.json()["error"]["code"] == "invalid_request"
