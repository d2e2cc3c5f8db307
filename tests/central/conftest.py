"""Fixtures for the central server's tests.

Every HTTP test talks to the real server (waitress) over loopback through
:func:`central.testing.run_server`, and checks each answer against the
OpenAPI document, so the document and the code cannot drift apart unnoticed.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from central import cli
from central.testing import run_server
from tests.secrets_guard import remember_secret

REPO = Path(__file__).resolve().parents[2]
OPENAPI_PATH = REPO / "central" / "openapi.yaml"  # package data; docs/api/openapi.yaml links here
DEMO_CATALOG = REPO / "assets" / "catalog" / "demo.json"
SPEC_URI = "urn:central-openapi"


# --------------------------------------------------------------------------
# the OpenAPI document as an oracle


class Spec:
    """The OpenAPI document, able to validate values and HTTP answers."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.doc = document
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(SPEC_URI, resource)

    def validator(self, pointer: str) -> Draft202012Validator:
        """A validator for the schema at JSON pointer ``pointer`` of the document."""
        return Draft202012Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=self.registry)

    def schema_errors(self, pointer: str, value: object) -> list[str]:
        return [f"{list(e.absolute_path)}: {e.message}" for e in self.validator(pointer).iter_errors(value)]

    def resolve(self, node: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        """Follow a ``$ref`` to a component; returns (node, its pointer or None)."""
        if "$ref" in node:
            pointer = node["$ref"][1:]
            target: Any = self.doc
            for part in pointer.strip("/").split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return target, pointer
        return node, None

    def check(self, response: requests.Response, path: str, method: str) -> None:
        """Assert that ``response`` is one the document allows for this operation."""
        operation = self.doc["paths"][path][method.lower()]
        status = str(response.status_code)
        responses = operation["responses"]
        key = status if status in responses else "default"
        assert key in responses, f"{method} {path} answered {status}, which is not documented"
        escaped = path.replace("~", "~0").replace("/", "~1")
        described, pointer = self.resolve(responses[key])
        if pointer is None:
            pointer = f"/paths/{escaped}/{method.lower()}/responses/{key}"
        if "content" not in described:
            assert response.content == b"", f"{method} {path} {status} must have no body"
            return
        assert response.headers["Content-Type"].startswith("application/json"), response.headers["Content-Type"]
        body = response.json()
        errors = self.schema_errors(f"{pointer}/content/application~1json/schema", body)
        assert not errors, f"{method} {path} {status} body does not match the document: {errors}\n{body}"
        for header in described.get("headers", {}):
            assert header in response.headers, f"{method} {path} {status} lacks header {header}"


@pytest.fixture(scope="session")
def spec() -> Spec:
    return Spec(yaml.safe_load(OPENAPI_PATH.read_text(encoding="utf-8")))


# --------------------------------------------------------------------------
# a running server and kiosks enrolled on it


def run_cli(db_path: Path | str, *args: str) -> tuple[int, str]:
    """Run a CLI command in-process; returns (exit status, stdout)."""
    out = io.StringIO()
    status = cli.main([*args, "--db", str(db_path)], out=out)
    return status, out.getvalue()


def issue_token(db_path: Path | str, kiosk_id: str, centre_id: str) -> str:
    status, out = run_cli(db_path, "enrol", kiosk_id, "--centre", centre_id, "--print-token")
    assert status == 0, out
    return remember_secret(next(line.split(": ", 1)[1] for line in out.splitlines() if line.startswith("token: ")))


@dataclass
class Client:
    """A kiosk's view of the server: base URL plus its bearer token."""

    base_url: str
    spec: Spec
    token: str | None = None
    session: requests.Session = field(default_factory=requests.Session)

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(extra or {})
        return headers

    def get(self, path: str, *, check: bool = True, **kwargs: Any) -> requests.Response:
        headers = self.headers(kwargs.pop("headers", None))
        response = self.session.get(self.base_url + path, headers=headers, timeout=30, **kwargs)
        if check:
            self.spec.check(response, path, "GET")
        return response

    def post(self, path: str, body: Any = None, *, check: bool = True, **kwargs: Any) -> requests.Response:
        headers = self.headers(kwargs.pop("headers", None))
        if body is not None:
            kwargs["json"] = body
        response = self.session.post(self.base_url + path, headers=headers, timeout=60, **kwargs)
        if check:
            self.spec.check(response, path, "POST")
        return response

    def send(self, events: list[Any]) -> list[dict[str, Any]]:
        response = self.post("/api/v1/events", {"events": events})
        assert response.status_code == 200, response.text
        return response.json()["results"]


@dataclass
class Server:
    """A running server and helpers to make kiosks for it."""

    base_url: str
    db_path: str  # an SQLite file or a postgresql:// URL (the name is kept from SQLite-only days)
    spec: Spec

    def client(self, token: str | None = None) -> Client:
        return Client(self.base_url, self.spec, token)

    def kiosk(self, kiosk_id: str = "kiosk-01", centre_id: str = "centre-a") -> Client:
        return self.client(issue_token(self.db_path, kiosk_id, centre_id))

    def cli(self, *args: str) -> tuple[int, str]:
        return run_cli(self.db_path, *args)


@pytest.fixture
def server(db_url: str, spec: Spec) -> Iterator[Server]:
    """The real server on each of the two databases (``db_url``: SQLite, then PostgreSQL)."""
    with run_server(db_url) as base_url:
        yield Server(base_url, db_url, spec)


@pytest.fixture
def tools() -> Any:
    """Helpers for tests that run servers of their own."""
    import types

    return types.SimpleNamespace(Client=Client, issue_token=issue_token, run_cli=run_cli)


@pytest.fixture
def kiosk(server: Server) -> Client:
    return server.kiosk()


# --------------------------------------------------------------------------
# sample data


@pytest.fixture(scope="session")
def demo_bundle() -> dict[str, Any]:
    """A bundle file built around the project's demo catalog."""
    catalog = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    return {
        "catalog": catalog,
        "hours": {"daily": "08:00-20:00", "sun": "10:00-14:00, 15:00-18:00", "closed_dates": ["2027-01-01"]},
        "paused_services": [{"service_id": "egrn-extract", "reason_code": "technical_failure"}],
        "content": {
            "standard_md": {
                "ru": "# Стандарт\nОжидание не дольше 15 минут.",
                "en": "# Standard\nWait 15 minutes at most.",
            },
            "banner": None,
        },
        "ticket_link_template": "https://mos.example.org/t/{uuid}",
    }


@pytest.fixture
def write_json(tmp_path: Path) -> Callable[[str, Any], Path]:
    def write(name: str, data: Any) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path

    return write


def make_event(
    kiosk_id: str, seq: int, kind: str = "heartbeat", payload: dict[str, Any] | None = None, **over: Any
) -> dict[str, Any]:
    """A valid event envelope; ``over`` replaces envelope fields."""
    if payload is None:
        payload = default_payload(kind)
    event = {
        "id": str(uuid.uuid4()),
        "kind": kind,
        "schema": 1,
        "kiosk_id": kiosk_id,
        "occurred_utc": "2026-11-24T09:12:03.120Z",
        "seq": seq,
        "payload": payload,
    }
    event.update(over)
    return event


def default_payload(kind: str) -> dict[str, Any]:
    ticket_id = str(uuid.uuid4())
    return {
        "ticket.issued": {
            "ticket_id": ticket_id,
            "number": "П017",
            "service_id": "passport-internal",
            "category_id": "passports",
            "business_day": "2026-11-24",
        },
        "ticket.cancelled": {"ticket_id": ticket_id},
        "ticket.reprinted": {"ticket_id": ticket_id},
        "rating.submitted": {"rating_id": str(uuid.uuid4()), "scores": {"time": 5, "politeness": 4}},
        "audit": {"action": "service.paused"},
        "print.failed": {"reason": "paper_out"},
        "heartbeat": {"outbox_pending": 0, "printer": "ok"},
    }[kind]


@pytest.fixture
def event_factory() -> Callable[..., dict[str, Any]]:
    return make_event
