"""The OpenAPI document is complete, valid in its own examples, and matches the app."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from central.app import create_app

CENTRAL = Path(__file__).resolve().parents[2] / "central"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def test_every_registered_route_is_documented_and_vice_versa(spec: Any, tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "c.db"), create=True)
    registered = {
        (rule.rule, method.lower())
        for rule in app.url_map.iter_rules()
        for method in rule.methods or ()
        if method not in {"HEAD", "OPTIONS"}  # HEAD mirrors GET, as the document says
    }
    documented = {
        (path, method) for path, item in spec.doc["paths"].items() for method in item if method in HTTP_METHODS
    }
    assert registered == documented
    assert all(path.startswith("/api/v1/") for path, _ in registered)


def test_examples_in_the_document_match_their_schemas(spec: Any) -> None:
    checked = 0
    for name, schema in spec.doc["components"]["schemas"].items():
        if "example" in schema:
            assert not spec.schema_errors(f"/components/schemas/{name}", schema["example"]), name
            checked += 1
    for path, item in spec.doc["paths"].items():
        escaped = path.replace("/", "~1")
        for method, operation in item.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body and "example" in body:
                pointer = f"/paths/{escaped}/{method}/requestBody/content/application~1json/schema"
                assert not spec.schema_errors(pointer, body["example"]), (path, method)
                checked += 1
            for status, response in operation["responses"].items():
                described, ref = spec.resolve(response)
                media = described.get("content", {}).get("application/json")
                if media and "example" in media:
                    base = ref or f"/paths/{escaped}/{method}/responses/{status}"
                    errors = spec.schema_errors(f"{base}/content/application~1json/schema", media["example"])
                    assert not errors, (path, method, status, errors)
                    checked += 1
    assert checked >= 20


def _codes_in_source(pattern: str) -> set[str]:
    found: set[str] = set()
    for source in CENTRAL.glob("*.py"):
        found |= set(re.findall(pattern, source.read_text(encoding="utf-8")))
    return found


def test_every_error_code_the_code_can_send_is_listed(spec: Any) -> None:
    schemas = spec.doc["components"]["schemas"]
    error_codes = set(schemas["Error"]["properties"]["error"]["properties"]["code"]["enum"])
    raised = _codes_in_source(r'ApiError\(\s*\d{3},\s*"([a-z_]+)"')
    raised |= _codes_in_source(r'^\s*\d{3}: \("([a-z_]+)"')
    assert raised, "the pattern no longer finds the codes"
    assert raised <= error_codes, raised - error_codes
    rejection_codes = set(schemas["EventResult"]["properties"]["code"]["enum"])
    rejected = _codes_in_source(r'Rejection\(\s*"([a-z_]+)"') | _codes_in_source(r'REJECTED, "([a-z_]+)"')
    assert rejected == rejection_codes
    description = spec.doc["info"]["description"]
    for code in error_codes | rejection_codes:
        assert f"`{code}`" in description, f"{code} is missing from the table of codes"
