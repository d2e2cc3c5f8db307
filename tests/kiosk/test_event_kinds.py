"""The kiosk's event kinds are exactly the ones the server's contract lists."""

from __future__ import annotations

from pathlib import Path

import yaml

from kiosk.events import EventKind

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"


def test_event_kinds_match_the_openapi_document() -> None:
    document = yaml.safe_load(OPENAPI.read_text(encoding="utf-8"))
    listed = document["components"]["schemas"]["EventKind"]["enum"]
    assert sorted(listed) == sorted(kind.value for kind in EventKind)


def test_every_kind_the_server_validates_is_one_the_kiosk_sends() -> None:
    from central.validation import EVENT_KINDS

    assert set(EVENT_KINDS) == {kind.value for kind in EventKind}
