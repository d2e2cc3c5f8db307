"""deploy/proxy/nginx.conf end to end: a kiosk syncs over TLS through nginx, verifying a private CA.

A throwaway CA and server certificate are made with the openssl command; nginx
runs this repository's config (paths and ports replaced) as an unprivileged
process in front of the real multi-worker server; the kiosk's own sync engine
and HTTP client (kiosk/sync/) talk to it with ``sync.ca_bundle`` set to the CA.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from central import cli
from kiosk.store import Store
from kiosk.sync.client import ServerClient
from kiosk.sync.engine import RoundResult, SyncEngine
from kiosk.tickets import TicketDesk
from tests.central.serve_support import ServerProcess, free_port, serving
from tests.nginx_support import NginxProcess, loopback_config, nginx_binary
from tests.secrets_guard import remember_secret

NGINX = nginx_binary()
KIOSK, CENTRE = "demo-kiosk-1", "demo-centre"

if NGINX is None and os.environ.get("CI") != "true":
    pytest.skip("nginx is not installed (apt-get install nginx); CI requires it", allow_module_level=True)


@dataclass
class Proxied:
    url: str  # https://127.0.0.1:PORT, nginx
    ca: Path  # the throwaway CA's certificate
    db: Path  # the server's database
    server: ServerProcess  # its access log goes to stderr, collected there


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[Proxied]:
    """The multi-worker server behind nginx (deploy/proxy/nginx.conf) with a certificate of a throwaway CA."""
    # Not under pytest's basetemp: that is mode 0700 and nginx runs as nobody.
    folder = Path(tempfile.mkdtemp(prefix="mfc-proxy-"))
    try:
        with serving(tmp_path, "--trusted-proxy", "127.0.0.1", "--access-log", "-") as server:
            port = free_port()
            assert NGINX is not None, "CI=true: nginx must be installed"
            nginx = NginxProcess(folder, loopback_config(folder, listen_port=port, upstream_port=server.port))
            try:
                yield Proxied(f"https://127.0.0.1:{port}", folder / "tls" / "ca.pem", tmp_path / "central.db", server)
            finally:
                nginx.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def enrol(db: Path) -> str:
    out = io.StringIO()
    assert cli.main(["enrol", KIOSK, "--centre", CENTRE, "--print-token", "--db", str(db)], out=out) == 0
    return remember_secret(next(line.split(": ", 1)[1] for line in out.getvalue().splitlines()
                                if line.startswith("token: ")))  # fmt: skip


def stored_events(db: Path) -> int:
    out = io.StringIO()
    assert cli.main(["kiosks", "--json", "--db", str(db)], out=out) == 0
    return sum(int(k["events_received"]) for k in json.loads(out.getvalue()) if k["kiosk_id"] == KIOSK)


# requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a Session's ``verify``
# (psf/requests#3829): with either set, the kiosk's sync.ca_bundle is ignored.
CA_ENVIRONMENT = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


def sync_once(url: str, token: str, store: Store, desk: TicketDesk, ca: Path | None) -> RoundResult:
    client = ServerClient(url, token, ca_bundle=str(ca) if ca else None, timeout=(5.0, 30.0))
    try:
        return SyncEngine(store, client, KIOSK, business_day=desk.business_day).run_once()
    finally:
        client.close()


def test_a_kiosk_that_trusts_the_ca_syncs_through_the_proxy(
    proxied: Proxied, store: Store, desk: TicketDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in CA_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    url, ca, db = proxied.url, proxied.ca, proxied.db
    token = enrol(db)
    ticket = desk.issue("passport-internal", "ru")
    result = sync_once(url, token, store, desk, ca)
    assert result.ok, result.error
    assert result.settled >= 1  # the ticket's event (and the first heartbeat)
    (state,) = store.db.conn.execute(
        "SELECT state FROM outbox WHERE payload LIKE ?", (f"%{ticket.id}%",)
    ).fetchone()
    assert state == "sent"
    assert stored_events(db) == result.settled


@pytest.mark.expect_log("kiosk.sync.engine")
def test_a_client_that_does_not_trust_the_ca_is_refused(
    proxied: Proxied, store: Store, desk: TicketDesk
) -> None:
    url, db = proxied.url, proxied.db
    token = enrol(db)
    desk.issue("passport-internal", "ru")
    result = sync_once(url, token, store, desk, None)  # the system's CA store: no throwaway CA in it
    assert not result.ok and "TLS verification failed" in result.error
    assert store.outbox_counts()["pending"] >= 1 and stored_events(db) == 0
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(url + "/api/v1/health", timeout=5)


@pytest.mark.expect_log("kiosk.sync.engine")
def test_the_configured_ca_wins_over_a_ca_bundle_in_the_environment(
    proxied: Proxied, store: Store, desk: TicketDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", requests.certs.where())  # a bundle without the throwaway CA
    token = enrol(proxied.db)
    desk.issue("passport-internal", "ru")
    result = sync_once(proxied.url, token, store, desk, proxied.ca)
    assert result.ok, result.error


def test_the_proxy_passes_the_client_address_and_a_client_cannot_forge_it(proxied: Proxied) -> None:
    forged = {"X-Forwarded-For": "203.0.113.9"}
    answer = requests.get(proxied.url + "/api/v1/health", headers=forged, verify=str(proxied.ca), timeout=5)
    assert answer.status_code == 200 and answer.json()["status"] == "ok"
    # nginx replaced the header with the address it saw, and the server believed nginx.
    proxied.server.wait_for("access: 127.0.0.1 GET /api/v1/health 200")
    # The server does take the address from its trusted proxy (here: a request from 127.0.0.1 itself).
    claimed = {"X-Forwarded-For": "198.51.100.7"}
    direct = requests.get(proxied.server.base + "/api/v1/health", headers=claimed, timeout=5)
    assert direct.status_code == 200
    proxied.server.wait_for("access: 198.51.100.7 GET /api/v1/health 200")
    assert not any("203.0.113.9" in line for line in proxied.server.lines)
    # A route outside /api/ never reaches the server.
    assert requests.get(proxied.url + "/admin", verify=str(proxied.ca), timeout=5).status_code == 404
