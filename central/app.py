"""HTTP routes of the central server (Flask), as written in ``central/openapi.yaml``.

Every answer is JSON. Errors of any kind, including unknown routes, wrong
methods, oversized bodies and unexpected faults, become
``{"error": {"code", "message"}}`` through the handlers registered in
:func:`create_app`; a fault never shows a traceback or an internal detail to
the client.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import sqlalchemy as sa
from flask import Flask, Response, g, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from . import __version__, auth, fleet, openapi, sms, store
from .errors import ApiError
from .timeutil import Clock, iso_utc, system_now
from .validation import MAX_BATCH, InputError, batch_events, is_date, is_identifier, validate_appointments

DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
API = "/api/v1"

log = logging.getLogger("central")
# Refused credentials and enrolment codes, without the secrets themselves: who
# (address), where (route), why (code), and for a token only a prefix of its hash.
auth_log = logging.getLogger("central.auth")

F = TypeVar("F", bound=Callable[..., Any])

# Stable codes for errors raised by Flask/Werkzeug themselves.
_HTTP_CODES = {
    400: ("bad_request", "The request is malformed."),
    404: ("not_found", "There is no such route."),
    405: ("method_not_allowed", "This method is not allowed on this route."),
    413: ("body_too_large", "The request body is too large."),
    415: ("unsupported_media_type", "Send the body as application/json."),
}


class _StrictJSONProvider(DefaultJSONProvider):
    """JSON out as strict as JSON in: NaN and Infinity are never written."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)


def create_app(
    db_path: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    clock: Clock = system_now,
    create: bool = False,
    limits: store.Limits = store.DEFAULT_LIMITS,
    trusted_proxies: int = 0,
    backup_dir: Path | None = None,
) -> Flask:
    """Build the WSGI application for the database ``db_path`` (a file or a ``postgresql://`` URL).

    The database is checked and migrated here, once, before any request
    (:func:`central.store.init_db`; ``create`` allows a new one). ``clock``
    returns the current aware UTC time (tests may pass their own).
    ``trusted_proxies`` is how many reverse proxies in front set
    ``X-Forwarded-For``: the client's address (for the enrolment limit and the
    authentication log) is then taken from that header, never otherwise.
    """
    store.init_db(db_path, create=create, backup_dir=backup_dir)
    app = Flask("central", static_folder=None)
    app.json = _StrictJSONProvider(app)
    app.config["MAX_CONTENT_LENGTH"] = max_body_bytes
    app.config["CENTRAL_DB"] = str(db_path)
    app.config["CENTRAL_MAX_BODY"] = max_body_bytes
    app.config["CENTRAL_CLOCK"] = clock
    app.config["CENTRAL_LIMITS"] = limits
    if trusted_proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted_proxies)  # type: ignore[method-assign]
    # Keep the order of keys as written; ASCII escapes stay on so that any
    # string a client sent (even a lone surrogate) can be echoed safely.
    app.json.sort_keys = False

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
        return json.loads(raw.decode("utf-8"), parse_constant=_reject_constant, parse_float=_finite_float)
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers JSONDecodeError, NaN/Infinity, numbers beyond a double
        # (1e400) and integers too long to convert.
        raise ApiError(400, "malformed_json", "The body is not valid UTF-8 JSON.") from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:20]} is beyond the range of a JSON number this server keeps")
    return value


def _source() -> str:
    return request.remote_addr or "unknown"


def _refused(status: int, code: str, message: str, detail: str = "") -> ApiError:
    """A refused credential: logged (without secrets) and answered."""
    auth_log.info(
        "authentication refused: %s from %s on %s %s%s", code, _source(), request.method, request.path, detail
    )
    headers = {"WWW-Authenticate": auth.WWW_AUTHENTICATE} if status == 401 else None
    return ApiError(status, code, message, headers=headers)


def authenticated(view: F) -> F:
    """Require a valid, unrevoked kiosk token; puts the kiosk in ``g.kiosk``."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            token = auth.bearer_token(request.headers.get("Authorization"))
        except ApiError as error:
            raise _refused(error.status, error.code, error.message) from None
        db = _db()
        token_hash = auth.hash_secret(token)
        kiosk = store.kiosk_by_token_hash(db, token_hash)
        if kiosk is None:
            # The hash prefix lets an operator match repeated attempts; it reveals nothing of the token.
            raise _refused(401, "invalid_token", "The bearer token is not valid.", f" (token hash {token_hash[:8]})")
        if kiosk.state == "revoked":
            raise _refused(403, "kiosk_revoked", "This kiosk's credential was revoked.", f" (kiosk {kiosk.kiosk_id})")
        g.kiosk = kiosk  # as it was before this request (status reports the previous last_seen)
        request.environ["central.kiosk_id"] = kiosk.kiosk_id  # for the access log (central/serve.py)
        store.touch_last_seen(db, kiosk, now=_now())
        return view(*args, **kwargs)

    return cast(F, wrapper)


OPERATOR_CHALLENGE = 'Basic realm="central operators", Bearer realm="central operators"'


def _operator() -> str:
    """The operator of this request (Bearer token, or HTTP Basic with the token as password)."""
    header = (request.headers.get("Authorization") or "").strip()
    scheme, _, value = header.partition(" ")
    token = ""
    if scheme.lower() == "bearer":
        token = value.strip()
    elif scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            decoded = ""
        token = decoded.partition(":")[2]
    if not token:
        error = _refused(401, "missing_token", "Send an operator token (Bearer, or Basic with it as the password).")
        error.headers["WWW-Authenticate"] = OPERATOR_CHALLENGE
        raise error
    token_hash = auth.hash_secret(token)
    name = store.operator_by_token_hash(_db(), token_hash)
    if name is None:
        error = _refused(401, "invalid_token", "The operator token is not valid.", f" (token hash {token_hash[:8]})")
        error.headers["WWW-Authenticate"] = OPERATOR_CHALLENGE
        raise error
    request.environ["central.operator"] = name
    return name


def _conditional_json(body: dict[str, Any] | None, etag: str) -> Response:
    """200 with ``ETag`` or, when ``If-None-Match`` matches, 304 without body.

    ``etag`` is the unquoted tag; Werkzeug quotes it. The weak comparison the
    HTTP standard prescribes for If-None-Match is used, and ``*`` matches.
    """
    if request.if_none_match.contains_weak(etag):
        response = Response(status=304)
    else:
        assert body is not None, "no body for a tag the request does not hold"
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
        # A real write, committed: "ok" means events can be stored right now.
        try:
            store.check_writable(_db(), now=_now())
        except store.StorageError as error:
            # The operator's log has the driver's own words; the client gets the sentence alone.
            log.error("health check failed: %s (%s)", error, store.describe_error(error.__cause__ or error))
            raise ApiError(503, "storage_unavailable", str(error), headers={"Retry-After": "5"}) from None
        response = jsonify({"status": "ok", "version": __version__})
        response.headers["Cache-Control"] = "no-store"
        return response

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
        db, limits, now = _db(), _config("CENTRAL_LIMITS"), _now()
        wait = store.enrol_throttle(db, _source(), now=now, limits=limits)
        if wait is not None:
            seconds = max(1, math.ceil(wait.total_seconds()))
            auth_log.info("enrolment refused: too many wrong codes from %s", _source())
            raise ApiError(
                429,
                "too_many_attempts",
                f"Too many wrong enrolment codes from this address; retry in {seconds} s.",
                headers={"Retry-After": str(seconds)},
            )
        token = auth.new_token()
        outcome, kiosk = store.enrol_with_code(
            db,
            kiosk_id,
            auth.hash_secret(auth.normalise_code(code)),
            auth.hash_secret(token),
            now=now,
            compare=auth.same_hash,
        )
        if outcome == store.ENROL_USED:
            raise _refused(409, "enrolment_used", "This enrolment code was already used.", f" (kiosk {kiosk_id})")
        if outcome == store.ENROL_EXPIRED:
            raise _refused(
                403, "enrolment_expired", "This enrolment code has expired; ask for a new one.", f" (kiosk {kiosk_id})"
            )
        if outcome != store.ENROL_OK or kiosk is None:
            store.count_enrol_failure(db, _source(), now=now, limits=limits)
            raise _refused(403, "enrolment_invalid", "Unknown kiosk or wrong enrolment code.", f" (kiosk {kiosk_id})")
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
        outcomes = store.apply_batch(_db(), g.kiosk, events, now=_now(), limits=_config("CENTRAL_LIMITS"))
        results = []
        for raw, outcome in zip(events, outcomes, strict=True):
            echo_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
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
        # Most rounds the kiosk has the current bundle: its version answers them, unread.
        version = store.latest_bundle_version(_db(), centre_id)
        if version is not None and request.if_none_match.contains_weak(f"bundle:{centre_id}:v{version}"):
            return _conditional_json(None, f"bundle:{centre_id}:v{version}")
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
        body = store.appointments_listing(_db(), centre_id, date)
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return _conditional_json(body, "appt:" + hashlib.sha256(canonical.encode()).hexdigest()[:32])

    @route("/appointments", "POST")
    def put_appointment() -> Any:
        operator = _operator()
        body = _read_json()
        problems = openapi.schema_problems("AppointmentCreate", body)
        if problems or not isinstance(body, dict):
            raise ApiError(400, "invalid_request", f"The appointment is not valid: {'; '.join(problems)[:400]}")
        centre_id, date, appointment = body["centre_id"], body["date"], dict(body["appointment"])
        try:
            day = {"date": date, "appointments": [appointment]}
            validate_appointments(day, store.catalog_service_ids(_db(), centre_id))
        except InputError as error:
            reason = "; ".join(error.problems)[:400]
            raise ApiError(400, "invalid_request", f"The appointment is not valid: {reason}") from None
        created = store.put_appointment(_db(), centre_id, date, appointment, now=_now())
        log.info("operator %s %s appointment %s of %s on %s", operator, "added" if created else "replaced",
                 appointment["code"], centre_id, date)
        response = jsonify({"centre_id": centre_id, "date": date, "appointment": appointment, "created": created})
        response.status_code = 201
        response.headers["Cache-Control"] = "no-store"
        return response

    @route("/load", "GET")
    @authenticated
    def load() -> Any:
        now = _now()
        body = store.load_aggregate(_db(), g.kiosk.centre_id, sms.local_today(now), sms.CENTRE_TZ)
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return _conditional_json(body, "load:" + hashlib.sha256(canonical.encode()).hexdigest()[:32])

    @route("/fleet", "GET")
    def fleet_view() -> Any:
        _operator()
        form = request.args.get("format", "json")
        if form not in ("json", "csv", "html"):
            raise ApiError(400, "invalid_request", "The query parameter format must be json, csv or html.")
        now = _now()
        rows = fleet.kiosks(_db(), now=now)
        doubles = fleet.double_check_ins(_db(), now=now)
        if form == "csv":
            response = Response(fleet.as_csv(rows), mimetype="text/csv")
            response.headers["Content-Disposition"] = 'attachment; filename="fleet.csv"'
        elif form == "html":
            response = Response(fleet.as_html(rows, now=now, doubles=doubles), mimetype="text/html")
            response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        else:
            response = jsonify({"as_of_utc": iso_utc(now), "kiosks": rows, "double_check_ins": doubles})
        response.headers["Cache-Control"] = "no-store"
        return response

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

    @app.errorhandler(sa.exc.OperationalError)
    def _storage_error(error: sa.exc.OperationalError) -> Response:
        reason = store.health_reason(error)
        if reason in ("The database is busy.", "The database cannot be reached."):
            # Both pass: the kiosk keeps its events and retries after Retry-After.
            log.warning("storage unavailable on %s %s: %s", request.method, request.path, reason)
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
