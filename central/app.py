"""HTTP routes of the central server (Flask), as written in ``central/openapi.yaml``.

Every answer is JSON. Errors of any kind, including unknown routes, wrong
methods, oversized bodies and unexpected faults, become
``{"error": {"code", "message"}}`` through the handlers registered in
:func:`create_app`; a fault never shows a traceback or an internal detail to
the client.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException

from . import __version__, auth, store
from .errors import ApiError
from .timeutil import Clock, iso_utc, system_now
from .validation import MAX_BATCH, Rejection, batch_events, is_date, is_identifier, validate_event

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
API = "/api/v1"

log = logging.getLogger("central")

F = TypeVar("F", bound=Callable[..., Any])

# Stable codes for errors raised by Flask/Werkzeug themselves.
_HTTP_CODES = {
    400: ("bad_request", "The request is malformed."),
    404: ("not_found", "There is no such route."),
    405: ("method_not_allowed", "This method is not allowed on this route."),
    413: ("body_too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Send the body as application/json."),
}


def create_app(
    db_path: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Clock = system_now,
) -> Flask:
    """Build the WSGI application for the database at ``db_path``.

    The database is checked and migrated here, once, before any request.
    ``clock`` returns the current aware UTC time (tests may pass their own).
    """
    store.init_db(db_path)
    app = Flask("central", static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    app.config["CENTRAL_DB"] = str(db_path)
    app.config["CENTRAL_MAX_BODY"] = max_body_bytes
    app.config["CENTRAL_CLOCK"] = clock
    # Keep the order of keys as written; ASCII escapes stay on so that any
    # string a client sent (even a lone surrogate) can be echoed safely.
    app.json.sort_keys = False  # type: ignore[attr-defined]

    _register_error_handlers(app)
    _register_routes(app)

    @app.teardown_appcontext
    def _close_db(_exc: BaseException | None) -> None:
        db = g.pop("db", None)
        if db is not None:
            db.close()

    return app


# --------------------------------------------------------------------------
# helpers


def _db() -> Any:
    """The connection of this request (opened lazily, closed at teardown)."""
    if "db" not in g:
        g.db = store.open_db(_config("CENTRAL_DB"))
    return g.db


def _config(name: str) -> Any:
    from flask import current_app

    return current_app.config[name]


def _now() -> Any:
    return _config("CENTRAL_CLOCK")()


def _error_response(error: ApiError) -> Response:
    response = jsonify(error.body())
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def _read_json() -> object:
    """The request body parsed as JSON, or an ApiError with a stable code."""
    mimetype = request.mimetype or ""
    if mimetype != "application/json" and not mimetype.endswith("+json"):
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    # get_data enforces MAX_CONTENT_LENGTH and raises 413, handled below.
    raw = request.get_data(cache=False)
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers JSONDecodeError, NaN/Infinity and integers too long to convert.
        raise ApiError(400, "malformed_json", "The body is not valid UTF-8 JSON.") from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def authenticated(view: F) -> F:
    """Require a valid, unrevoked kiosk token; puts the kiosk in ``g.kiosk``."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        token = auth.bearer_token(request.headers.get("Authorization"))
        db = _db()
        kiosk = store.kiosk_by_token_hash(db, auth.hash_secret(token))
        if kiosk is None:
            raise ApiError(
                401,
                "invalid_token",
                "The bearer token is not valid.",
                headers={"WWW-Authenticate": auth.WWW_AUTHENTICATE},
            )
        if kiosk.state == "revoked":
            raise ApiError(403, "kiosk_revoked", "This kiosk's credential was revoked.")
        g.kiosk = kiosk  # as it was before this request (status reports the previous last_seen)
        store.touch_last_seen(db, kiosk.kiosk_id, now=_now())
        return view(*args, **kwargs)

    return cast(F, wrapper)


def _conditional_json(body: dict[str, Any], etag: str) -> Response:
    """200 with ``ETag`` or, when ``If-None-Match`` matches, 304 without body.

    ``etag`` is the unquoted tag; Werkzeug quotes it. The weak comparison the
    HTTP standard prescribes for If-None-Match is used, and ``*`` matches.
    """
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        response = jsonify(body)
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


# --------------------------------------------------------------------------
# routes


def _register_routes(app: Flask) -> None:
    def route(rule: str, method: str) -> Callable[[F], F]:
        # OPTIONS is not served: every method not listed gets 405 JSON, which
        # keeps the documented surface exactly the registered one.
        def decorator(view: F) -> F:
            app.add_url_rule(API + rule, view_func=view, methods=[method], provide_automatic_options=False)
            return view

        return decorator

    @route("/health", "GET")
    def health() -> Any:
        try:
            _db().execute("SELECT count(*) FROM kiosks").fetchone()
        except sqlite3.Error:
            log.exception("health check: database unreadable")
            raise ApiError(503, "storage_unavailable", "The database cannot be read.") from None
        return jsonify({"status": "ok", "version": __version__})

    @route("/enrol", "POST")
    def enrol() -> Any:
        body = _read_json()
        if not isinstance(body, dict):
            raise ApiError(400, "invalid_request", 'The body must be {"kiosk_id": ..., "code": ...}.')
        kiosk_id, code = body.get("kiosk_id"), body.get("code")
        if not is_identifier(kiosk_id):
            raise ApiError(400, "invalid_request", 'Field "kiosk_id" must be a kiosk identifier.')
        if not isinstance(code, str) or not code or len(code) > 64:
            raise ApiError(400, "invalid_request", 'Field "code" must be a non-empty string.')
        token = auth.new_token()
        outcome, kiosk = store.enrol_with_code(
            _db(),
            kiosk_id,
            auth.hash_secret(auth.normalise_code(code)),
            auth.hash_secret(token),
            now=_now(),
            compare=auth.same_hash,
        )
        if outcome == store.ENROL_USED:
            raise ApiError(409, "enrolment_used", "This enrolment code was already used.")
        if outcome == store.ENROL_EXPIRED:
            raise ApiError(403, "enrolment_expired", "This enrolment code has expired; ask for a new one.")
        if outcome == store.ENROL_LOCKED:
            raise ApiError(403, "enrolment_locked", "Too many wrong codes; ask the operator for a new one.")
        if outcome != store.ENROL_OK or kiosk is None:
            raise ApiError(403, "enrolment_invalid", "Unknown kiosk or wrong enrolment code.")
        log.info("kiosk %s enrolled for centre %s", kiosk.kiosk_id, kiosk.centre_id)
        response = jsonify({"kiosk_id": kiosk.kiosk_id, "centre_id": kiosk.centre_id, "token": token})
        response.headers["Cache-Control"] = "no-store"
        return response

    @route("/events", "POST")
    @authenticated
    def post_events() -> Any:
        events = batch_events(_read_json())
        if not events:
            raise ApiError(400, "invalid_batch", 'The body must be {"events": [...]} with 1 to 500 events.')
        if len(events) > MAX_BATCH:
            raise ApiError(413, "batch_too_large", f"A batch may hold at most {MAX_BATCH} events.")
        kiosk = g.kiosk
        db = _db()
        results = []
        for raw in events:
            echo_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            checked = validate_event(raw, kiosk.kiosk_id)
            if isinstance(checked, Rejection):
                store.record_rejection(
                    db,
                    kiosk.kiosk_id,
                    raw.get("id") if isinstance(raw, dict) else None,
                    checked.code,
                    checked.reason,
                    raw,
                    now=_now(),
                )
                outcome = store.ApplyResult(store.REJECTED, checked.code, checked.reason)
            else:
                outcome = store.apply_event(db, checked, kiosk.centre_id, raw, now=_now())
            result: dict[str, Any] = {"id": echo_id, "status": outcome.status}
            if outcome.status == store.REJECTED:
                result["code"] = outcome.code
                result["reason"] = outcome.reason
            results.append(result)
        return jsonify({"results": results, "server_time_utc": iso_utc(_now())})

    @route("/kiosk/status", "GET")
    @authenticated
    def kiosk_status() -> Any:
        kiosk = g.kiosk
        counts = store.kiosk_counts(_db(), kiosk.kiosk_id)
        response = jsonify(
            {
                "kiosk_id": kiosk.kiosk_id,
                "centre_id": kiosk.centre_id,
                "events_received": counts["events_received"],
                "events_rejected": counts["events_rejected"],
                "max_seq": counts["max_seq"],
                "last_seen_utc": kiosk.last_seen_utc,
            }
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    @route("/bundle", "GET")
    @authenticated
    def bundle() -> Any:
        centre_id = g.kiosk.centre_id
        body = store.latest_bundle(_db(), centre_id)
        if body is None:
            raise ApiError(404, "no_bundle", "No configuration bundle was loaded for this centre yet.")
        return _conditional_json(body, f"bundle:{centre_id}:v{body['version']}")

    @route("/appointments", "GET")
    @authenticated
    def appointments() -> Any:
        date = request.args.get("date")
        if not is_date(date):
            raise ApiError(400, "invalid_date", "The query parameter date must be a valid YYYY-MM-DD date.")
        centre_id = g.kiosk.centre_id
        body = {"date": date, "centre_id": centre_id, "appointments": store.appointments_for(_db(), centre_id, date)}
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return _conditional_json(body, "appt:" + hashlib.sha256(canonical.encode()).hexdigest()[:32])

    @route("/queue", "GET")
    @authenticated
    def queue() -> Any:
        body = store.queue_for(_db(), g.kiosk.centre_id)
        if body is None:
            raise ApiError(404, "no_queue", "No live queue figures were set for this centre yet.")
        response = jsonify(body)
        response.headers["Cache-Control"] = "no-store"
        return response


# --------------------------------------------------------------------------
# errors


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return _error_response(error)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        if status == 413:
            limit = _config("CENTRAL_MAX_BODY")
            api_error = ApiError(413, "body_too_large", f"The request body is larger than {limit} bytes.")
        elif status in _HTTP_CODES:
            code, message = _HTTP_CODES[status]
            api_error = ApiError(status, code, message)
        elif 400 <= status < 500:
            api_error = ApiError(status, "bad_request", "The request is malformed.")
        else:
            api_error = ApiError(500, "internal_error", "An unexpected error occurred on the server.")
        response = _error_response(api_error)
        if status == 405:
            # Keep the Allow header Werkzeug computed from the routing table.
            allow = error.get_response().headers.get("Allow")
            if allow:
                response.headers["Allow"] = allow
        return response

    @app.errorhandler(sqlite3.OperationalError)
    def _storage_error(error: sqlite3.OperationalError) -> Response:
        if "locked" in str(error) or "busy" in str(error):
            log.warning("database busy: %s", error)
            return _error_response(
                ApiError(503, "storage_busy", "The server is busy; retry later.", headers={"Retry-After": "1"})
            )
        return _unexpected(error)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        # Logged with its traceback for the operator; the client learns nothing internal.
        # Request headers (which hold tokens) are never logged.
        log.error("unexpected error on %s %s", request.method, request.path, exc_info=error)
        return _error_response(ApiError(500, "internal_error", "An unexpected error occurred on the server."))
