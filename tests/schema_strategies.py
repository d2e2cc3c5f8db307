"""Hypothesis strategies that draw documents from the component schemas of
``central/openapi.yaml``, and mutations that break valid documents in small ways.

``hypothesis-jsonschema`` would draw from the schemas too, but its last
release (0.23.1) drives private Hypothesis internals that Hypothesis has
since changed (``many.more()`` is gone), so it fails under the Hypothesis
this project pins. The schemas of operators' files use a small part of JSON
Schema; :func:`from_component` covers exactly that part and raises on any
other keyword, so a schema that grows one cannot be half-generated unnoticed.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from hypothesis import strategies as st

from central import openapi

_ANNOTATIONS = frozenset({"description", "examples", "example", "title", "default", openapi.PROBLEM_KEY})
_SUPPORTED = frozenset({
    "$ref", "allOf", "oneOf", "anyOf", "if", "then", "enum", "const", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "pattern", "format", "minLength", "maxLength",
    "minimum", "maximum", "exclusiveMinimum",
})
_REF_PREFIX = "#/components/schemas/"

# Small JSON values for keys the schema leaves open (extra keys of an object).
_extra_values = st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4)


@functools.cache  # built once: a strategy tree is costly to build and may be drawn from many times
def from_component(name: str) -> st.SearchStrategy[Any]:
    """Documents shaped by the component schema ``name`` (mostly valid against it)."""
    return _strategy(openapi.component(name))


def _only_annotations_besides(schema: dict[str, Any], *keys: str) -> bool:
    return set(schema) - set(keys) <= _ANNOTATIONS


def _strategy(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    unknown = set(schema) - _SUPPORTED - _ANNOTATIONS
    if unknown:
        raise NotImplementedError(f"no strategy for the keywords {sorted(unknown)}")
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith(_REF_PREFIX) and _only_annotations_besides(schema, "$ref"), schema
        return st.deferred(lambda: from_component(ref[len(_REF_PREFIX):]))
    if "allOf" in schema:
        assert len(schema["allOf"]) == 1 and _only_annotations_besides(schema, "allOf"), schema
        return _strategy(schema["allOf"][0])
    for key in ("oneOf", "anyOf"):
        if key in schema:
            assert _only_annotations_besides(schema, key), schema
            return st.one_of([_strategy(branch) for branch in schema[key]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "const" in schema:
        return st.just(schema["const"])
    kind = schema["type"]
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(schema.get("minimum", -5), schema.get("maximum", 10**4))
    if kind == "number":
        low, high = schema.get("exclusiveMinimum", schema.get("minimum", -5)), schema.get("maximum", 10**4)
        exclude = "exclusiveMinimum" in schema
        return (st.integers(low + 1 if exclude else low, high)
                | st.floats(low, high, exclude_min=exclude, allow_nan=False, allow_infinity=False))
    if kind == "array":
        low = schema.get("minItems", 0)
        return st.lists(_strategy(schema.get("items", {"type": "string"})), min_size=low,
                        max_size=min(schema.get("maxItems", low + 2), low + 2))  # small: nesting multiplies
    if kind == "object":
        return _object(schema)
    if kind == "null":
        return st.none()
    raise NotImplementedError(f"no strategy for type {kind!r}")


def _string(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    low, high = schema.get("minLength", 0), schema.get("maxLength", 40)
    if schema.get("format") == "date":
        strategy: st.SearchStrategy[str] = st.dates().map(lambda d: d.isoformat())
    elif "pattern" in schema:
        pattern = schema["pattern"]
        anchored = pattern.startswith("^") and pattern.endswith("$")
        # fullmatch for anchored patterns: Python's '$' would otherwise let a final newline through.
        strategy = st.from_regex(pattern, fullmatch=anchored)
    else:
        strategy = st.text(min_size=low, max_size=min(high, 40))
    return strategy.filter(lambda s: low <= len(s) <= high)


def _object(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", ()))
    if "if" in schema:
        # Only the form the document uses: "if this key is absent, then these are required".
        condition = schema["if"]
        assert set(condition) == {"not"} and set(condition["not"]) == {"required"}, condition
        return st.one_of(
            _object_with(schema, properties, required | set(condition["not"]["required"])),
            _object_with(schema, properties, required | set(schema["then"]["required"])),
        )
    return _object_with(schema, properties, required)


def _object_with(schema: dict[str, Any], properties: dict[str, Any],
                 required: set[str]) -> st.SearchStrategy[dict[str, Any]]:
    fixed = {name: _strategy(properties.get(name, {"type": "string"})) for name in sorted(required)}
    optional = {name: _strategy(sub) for name, sub in properties.items() if name not in required}
    shaped = st.fixed_dictionaries(fixed, optional=optional)
    if schema.get("additionalProperties", True) is False:
        return shaped
    extra_keys = st.text(min_size=1, max_size=6).filter(lambda k: k not in properties)
    return st.tuples(shaped, st.dictionaries(extra_keys, _extra_values, max_size=1)).map(
        lambda pair: {**pair[1], **pair[0]})


# --------------------------------------------------------------------------
# mutations of valid documents

# Values at the edges of the rules, and values one side once took and the other refused.
EDGE_VALUES: list[Any] = [
    None, True, False, 0, -1, 1, 2.0, 2.5, 200, 201, 240, 240.5, 1e300, float("nan"), float("inf"),
    "", " ", "\n", "x", "closed", " closed", "closed ",
    "08:00-20:00", "8:00-20:00", "08:00 - 20:00", "08:00-20:00\n", "08:00-20:00 ", "00:00-24:00", "24:00-24:00",
    "10:00-14:00,14:00-18:00", "10:00-14:00 , 15:00-18:00", "10:00-14:00,\t15:00-18:00", "10:00-14:00, 13:00-18:00",
    "20:00-08:00", "08:00-25:00", "٠٨:٠٠-٢٠:٠٠",
    "П", "З", "О", "Ч", "Ё", "Й", "P", "П\n", "ПП", "п",
    "паспорт", "a.b", "a_b", "-", "--a", "a\n", "x" * 64, "x" * 65,
    "2027-01-01", "2027-02-30", "20270101", "2027-01-01\n", "٢٠٢٧-٠١-٠١",
    "2026-11-24T12:00:00Z", "2026-11-24T12:00:00.123456Z", "2026-02-30T12:00:00Z", "2026-11-24T25:00:00Z",
    "2026-11-24T12:00:00Z\n", "2026-11-24 12:00:00Z",
    "https://x.example/t/{uuid}", "https://x.example/t/{uuid}?l={lang}", "http://x.example/t/{uuid}",
    "https://x.example/t/{uuid}\n", "https://x.example/t/{uuid}/{uuid}", "https://x.example/t/{}",
    "https://x.example/t/ {uuid}", "https://x.example/" + "a" * 290 + "{uuid}",
    "\ud800", "other", "closed_today", "lunch",
    [], [1], ["x"], {}, {"ru": "а", "en": "a"}, {"ru": " ", "en": "a"}, {"ru": "а"},
]


def _paths(document: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``document`` (the root is ``()``)."""
    found = [path]
    if isinstance(document, dict):
        for key, child in document.items():
            found += _paths(child, (*path, key))
    elif isinstance(document, list):
        for i, child in enumerate(document):
            found += _paths(child, (*path, i))
    return found


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def mutated(draw: st.DrawFn, valid: Any, rounds: int = 2) -> Any:
    """``valid`` with one to ``rounds`` small changes: a value replaced by an edge value,
    a key dropped or added, a list element dropped or repeated (which repeats ids and prefixes)."""
    document = copy.deepcopy(valid)
    for _ in range(draw(st.integers(1, rounds))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        node = _at(document, path)
        action = draw(st.sampled_from(["replace", "replace", "drop", "add", "repeat"]))
        if action == "replace" and path:
            _at(document, path[:-1])[path[-1]] = copy.deepcopy(draw(st.sampled_from(EDGE_VALUES)))
        elif action == "drop" and path:
            parent = _at(document, path[:-1])
            del parent[path[-1]]
        elif action == "add" and isinstance(node, dict):
            key = draw(st.sampled_from(["daily", "mon", "sun", "note", "hours", "windows", "version",
                                        "closed_dates", "life_situations", "banner", "timezone", "x"]))
            node[key] = copy.deepcopy(draw(st.sampled_from(EDGE_VALUES)))
        elif action == "repeat" and isinstance(node, list) and node:
            node.append(copy.deepcopy(node[draw(st.integers(0, len(node) - 1))]))
    return document
