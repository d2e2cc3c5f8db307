"""HTTP client for the central server (docs/api/openapi.yaml), no Qt.

One :class:`ServerClient` per sync thread: it owns one ``requests.Session``,
sets connect and read timeouts on every call and verifies TLS (optionally
against an operator-supplied CA bundle). Every answer is checked before use;
anything unexpected raises :class:`TransportError`, so the caller retries
later and marks nothing as sent.

``requests`` is imported when a client is made (on the sync thread), not
with this module: a kiosk without a server never loads it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.sync.backoff import parse_retry_after

API = "/api/v1"
DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
RESULT_STATUSES = frozenset({"accepted", "duplicate", "rejected"})

if TYPE_CHECKING:
    import requests


class SyncError(Exception):
    """Base of the client's errors; ``str()`` is safe to log (never holds the token)."""


class TransportError(SyncError):
    """Network trouble, a 5xx/429, or an answer that is not what the API promises: retry later."""

    def __init__(self, message: str, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class AuthError(SyncError):
    """401/403: the credential is wrong or revoked. Nothing is dropped; an operator must act."""


class RequestRejected(SyncError):
    """A 4xx for the whole request (not for one event), with the server's code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code = status, code


@dataclass(frozen=True)
class EventResult:
    id: str
    status: str  # accepted | duplicate | rejected
    code: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Fetched:
    """A GET answer: ``body`` is None when the server said 304 Not Modified."""

    body: dict[str, Any] | None
    etag: str | None


class ServerClient:
    """Talks to one central server as one kiosk.

    Args:
        base_url: e.g. ``https://central.example/`` (the API lives under /api/v1).
        token: the kiosk's bearer token.
        ca_bundle: a CA file to verify the server with; None for the system store.
        timeout: (connect, read) seconds for every request.
        now: the clock used to read ``Retry-After`` dates.
    """

    def __init__(self, base_url: str, token: str, *, ca_bundle: str | None = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                 now: Any = lambda: dt.datetime.now(dt.UTC)) -> None:
        self.base = base_url.rstrip("/") + API
        self.timeout = timeout
        self.now = now
        import requests

        self.session = requests.Session()
        # Passed with each request, not set on the session: requests lets REQUESTS_CA_BUNDLE
        # and CURL_CA_BUNDLE in the environment override Session.verify, which would quietly
        # replace the CA the operator configured.
        self.verify: str | bool = ca_bundle if ca_bundle else True
        self.session.headers.update({
            "Authorization": f"Bearer {token}",
            "User-Agent": f"mfc-kiosk/{__version__}",
            "Accept": "application/json",
        })

    def close(self) -> None:
        self.session.close()

    # -- plumbing -------------------------------------------------------------------
    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        import requests

        try:
            response = self.session.request(method, self.base + path, timeout=self.timeout,
                                            verify=self.verify, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise TransportError(f"TLS verification failed: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise TransportError(f"network: {type(exc).__name__}") from None
        status = response.status_code
        if status in (401, 403):
            raise AuthError(f"{status} {_error_code(response)}")
        if status == 429 or status >= 500:
            raise TransportError(f"server answered {status} {_error_code(response)}",
                                 parse_retry_after(response.headers.get("Retry-After"), self.now()))
        if 400 <= status < 500:
            raise RequestRejected(status, _error_code(response), _error_message(response))
        return response

    @staticmethod
    def _json_object(response: requests.Response) -> dict[str, Any]:
        try:
            body = response.json()
        except (ValueError, json.JSONDecodeError):
            raise TransportError(f"answer {response.status_code} is not JSON") from None
        if not isinstance(body, dict):
            raise TransportError("answer is not a JSON object")
        return body

    # -- the API --------------------------------------------------------------------
    def post_events(self, events: list[dict[str, Any]]) -> list[EventResult]:
        """Send one batch; return the server's verdict for each event it names.

        Raises:
            TransportError, AuthError, RequestRejected.
        """
        response = self._request("POST", "/events", json={"events": events})
        if response.status_code != 200:
            raise TransportError(f"unexpected status {response.status_code} for events")
        return parse_event_results(self._json_object(response), {e["id"] for e in events})

    def get(self, path: str, etag: str | None = None, params: dict[str, str] | None = None) -> Fetched:
        headers = {"If-None-Match": etag} if etag else {}
        response = self._request("GET", path, headers=headers, params=params)
        if response.status_code == 304:
            return Fetched(None, etag)
        if response.status_code != 200:
            raise TransportError(f"unexpected status {response.status_code} for {path}")
        return Fetched(self._json_object(response), response.headers.get("ETag"))

    def status(self) -> dict[str, Any]:
        return self.get("/kiosk/status").body or {}


def parse_event_results(body: dict[str, Any], sent_ids: set[str]) -> list[EventResult]:
    """Check the server's answer to a batch and keep only verdicts on events we sent.

    An id the server does not name stays pending; an answer of the wrong
    shape raises :class:`TransportError` so nothing is marked.
    """
    raw = body.get("results")
    if not isinstance(raw, list):
        raise TransportError("answer has no results list")
    results: list[EventResult] = []
    for item in raw:
        if not isinstance(item, dict):
            raise TransportError("a result is not an object")
        event_id, status = item.get("id"), item.get("status")
        # isinstance first: a list or object as the status is unhashable and would
        # escape as TypeError instead of refusing the answer.
        if not isinstance(status, str) or status not in RESULT_STATUSES:
            raise TransportError(f"unknown result status {str(status)[:40]!r}")
        if not isinstance(event_id, str) or event_id not in sent_ids:
            continue  # a verdict on something we did not send says nothing about our events
        code = item.get("code") if isinstance(item.get("code"), str) else ""
        reason = item.get("reason") if isinstance(item.get("reason"), str) else ""
        results.append(EventResult(event_id, str(status), str(code)[:100], str(reason)[:500]))
    return results


def enrol(base_url: str, kiosk_id: str, code: str, *, ca_bundle: str | None = None,
          timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> tuple[str, str]:
    """Exchange a one-time enrolment code for this kiosk's token.

    Returns:
        (token, centre_id)

    Raises:
        TransportError, RequestRejected, AuthError.
    """
    import requests

    url = base_url.rstrip("/") + API + "/enrol"
    try:
        response = requests.post(url, json={"kiosk_id": kiosk_id, "code": code}, timeout=timeout,
                                 verify=ca_bundle if ca_bundle else True)
    except requests.RequestException as exc:
        raise TransportError(f"network: {type(exc).__name__}") from None
    if response.status_code in (401, 403):
        raise AuthError(f"{response.status_code} {_error_code(response)}: {_error_message(response)}")
    if response.status_code != 200:
        raise RequestRejected(response.status_code, _error_code(response), _error_message(response))
    body = ServerClient._json_object(response)
    token, centre = body.get("token"), body.get("centre_id")
    if not isinstance(token, str) or not token or not isinstance(centre, str):
        raise TransportError("enrolment answer lacks token or centre_id")
    return token, centre


def _error_body(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _error_code(response: requests.Response) -> str:
    code = _error_body(response).get("code")
    return str(code)[:60] if isinstance(code, str) else f"http_{response.status_code}"


def _error_message(response: requests.Response) -> str:
    message = _error_body(response).get("message")
    return str(message)[:300] if isinstance(message, str) else ""
