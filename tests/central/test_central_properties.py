"""Property tests: the event validator takes any JSON value without raising."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from central.validation import EVENT_KINDS, InputError, Rejection, ValidEvent, validate_event, validate_queue

KIOSK = "kiosk-01"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)

uuids = st.uuids().map(str)
valid_payloads = {
    "ticket.issued": st.fixed_dictionaries(
        {
            "ticket_id": uuids,
            "number": st.sampled_from(["П017", "Ж1", "Б999"]),
            "service_id": st.sampled_from(["inn", "snils"]),
            "category_id": st.just("taxes"),
            "business_day": st.dates().map(str),
        }
    ),
    "ticket.cancelled": st.fixed_dictionaries({"ticket_id": uuids}),
    "ticket.reprinted": st.fixed_dictionaries({"ticket_id": uuids}),
    "rating.submitted": st.fixed_dictionaries(
        {"rating_id": uuids},
        optional={
            "scores": st.dictionaries(st.text(min_size=1, max_size=8), st.integers(1, 5), min_size=1, max_size=5),
            "overall": st.integers(1, 5),
            "ticket_id": st.none() | uuids,
            "comment": st.text(max_size=20),
        },
    ),
    "audit": st.fixed_dictionaries({"action": st.text(min_size=1, max_size=20)}),
    "print.failed": st.fixed_dictionaries(
        {}, optional={"ticket_id": uuids, "reason": st.text(min_size=1, max_size=10)}
    ),
    "heartbeat": st.dictionaries(st.text(max_size=10), json_values, max_size=4),
    "appointment.checked_in": st.fixed_dictionaries(
        {
            "code": st.from_regex(r"\A[A-Z0-9-]{4,8}\Z"),
            "business_day": st.dates().map(str),
            "slot_local": st.sampled_from(["00:00", "10:30", "23:59"]),
            "service_id": st.sampled_from(["inn", "snils"]),
            "centre_id": st.just("centre-a"),
            "ticket_id": uuids,
            "number": st.sampled_from(["Р001", "Р501"]),
            "checked_in_utc": st.just("2026-11-24T07:20:00Z"),
            "late_min": st.integers(0, 1440),
        }
    ),
    "sms.requested": st.fixed_dictionaries(
        {
            "ticket_id": uuids,
            "number": st.sampled_from(["П017", "С001"]),
            "business_day": st.dates().map(str),
            "centre_id": st.just("centre-a"),
            "language": st.sampled_from(["ru", "en"]),
            "consent_utc": st.just("2026-11-24T07:20:00Z"),
            "notice_version": st.integers(1, 9) | st.sampled_from(["1", "2026-11"]),
        },
        optional={"phone": st.from_regex(r"\A\+79[0-9]{9}\Z"), "phone_erased": st.just(True)},
    ),
}
valid_fields = {
    "id": st.builds(lambda: str(uuid.uuid4())),
    "schema": st.just(1),
    "kiosk_id": st.just(KIOSK),
    "occurred_utc": st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1)).map(
        lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z"
    ),
    "seq": st.integers(min_value=1, max_value=2**63 - 1),
}


@st.composite
def envelopes(draw: Any) -> Any:
    """Events that are mostly right, each part broken or left out now and then,
    so the property reaches every rule including the payload's."""
    kind = draw(st.sampled_from(sorted(EVENT_KINDS)))
    event: dict[str, Any] = {}
    parts = {**valid_fields, "kind": st.just(kind), "payload": valid_payloads[kind]}
    for name, strategy in parts.items():
        fate = draw(st.integers(0, 19))
        if fate == 0:
            continue  # left out
        event[name] = draw(json_values if fate == 1 else strategy)
    if isinstance(event.get("payload"), dict) and draw(st.integers(0, 4)) == 0:
        key = draw(
            st.sampled_from(
                ["ticket_id", "rating_id", "number", "scores", "overall", "action", "reason", "business_day",
                 "code", "phone", "late_min", "booking_code", "service_ids"]
            )
        )
        event["payload"][key] = draw(json_values)
    return event


def _check(value: Any) -> None:
    outcome = validate_event(value, KIOSK)
    assert isinstance(outcome, (ValidEvent, Rejection))
    if isinstance(outcome, Rejection):
        assert outcome.code and outcome.reason
    else:
        json.dumps(outcome.payload)  # storable


# The validators are the server's boundary with every kiosk, and an example costs
# milliseconds: these tests take more examples than the profile's (tests/conftest.py).
@settings(max_examples=300)
@given(json_values)
def test_any_json_value_is_accepted_or_rejected(value: Any) -> None:
    _check(value)


@settings(max_examples=200)
@given(envelopes())
def test_near_miss_envelopes_are_accepted_or_rejected(value: Any) -> None:
    _check(value)


@settings(max_examples=150)
@given(envelopes())
def test_what_the_validator_accepts_the_document_allows(spec: Any, value: Any) -> None:
    """The code is never more permissive than the OpenAPI Event schema."""
    outcome = validate_event(value, KIOSK)
    event("accepted" if isinstance(outcome, ValidEvent) else "rejected")
    if isinstance(outcome, ValidEvent):
        assert not spec.schema_errors("/components/schemas/Event", value)


@settings(max_examples=200)
@given(json_values)
def test_queue_files_never_crash_the_loader(value: Any) -> None:
    try:
        validate_queue(value)
    except InputError as error:
        assert error.problems
