"""The API's one definition, ``central/openapi.yaml``, and validators built on it.

The document ships inside the package (``[options.package_data]`` in
``setup.cfg``), so an installed server checks operators' files against exactly
the document it implements; ``docs/api/openapi.yaml`` is a link to it for
readers. This module turns its component schemas into validators and their
errors into one line per problem, each with its JSON path
(``catalog.categories[2].prefix: must be ...``). The rules a schema cannot
express live in :mod:`central.validation`.

Two choices differ from a bare ``jsonschema`` validator, both so that the
document means the same to every reader of it:

* ``format: date`` is asserted, not only annotated: a ``LocalDate`` is a real
  calendar date.
* ``pattern`` follows ECMA-262, the dialect JSON Schema names, where ``$``
  matches only at the very end. Python's ``$`` also matches before a final
  newline, which would let ``"kiosk-1\\n"`` pass ``^...$``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from importlib import resources
from typing import Any, cast

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

DOCUMENT_URI = "urn:central-openapi"
PROBLEM_KEY = "x-problem"  # the operator-facing sentence for a value that fails its schema

_TYPE_NAMES = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "object": "an object",
    "array": "an array",
    "boolean": "true or false",
    "null": "null",
}


@functools.cache
def document() -> dict[str, Any]:
    """The OpenAPI document, parsed once per process."""
    text = resources.files(__package__).joinpath("openapi.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: 10x faster
    return cast(dict[str, Any], yaml.load(text, Loader=loader))


def component(name: str) -> dict[str, Any]:
    """The component schema ``name`` as written in the document."""
    return cast(dict[str, Any], document()["components"]["schemas"][name])


def pattern(name: str) -> str:
    """The ``pattern`` of the string component ``name`` (for messages and fast checks)."""
    return cast(str, component(name)["pattern"])


@functools.cache
def _ecma_regex(source: str) -> re.Pattern[str]:
    if source.endswith("$") and not source.endswith("\\$"):
        source = source[:-1] + r"\Z"
    return re.compile(source)


def _pattern_keyword(
    validator: Validator, expected: str, instance: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and _ecma_regex(expected).search(instance) is None:
        yield ValidationError(f"{instance!r} does not match {expected!r}")


# The stubs leave extend() untyped; what it returns is a validator class like Draft202012Validator.
_DocumentValidator = cast(
    type[Draft202012Validator],
    validators.extend(Draft202012Validator, {"pattern": _pattern_keyword}),  # type: ignore[no-untyped-call]
)


@functools.cache
def validator(name: str) -> Validator:
    """A validator for the component schema ``name``, references resolved within the document."""
    resource: Resource[Any] = Resource.from_contents(document(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
    return cast(
        Validator,
        _DocumentValidator(
            {"$ref": f"{DOCUMENT_URI}#/components/schemas/{name}"},
            registry=registry,
            format_checker=FormatChecker(formats=("date",)),
        ),
    )


def json_path(parts: Iterable[str | int], root: str = "") -> str:
    """``("catalog", "categories", 2, "id")`` as ``catalog.categories[2].id``; ``$`` for the whole file."""
    text = root
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "$"


def schema_problems(name: str, instance: object) -> list[str]:
    """Every way ``instance`` fails the component schema ``name``, one ``path: message`` line each."""
    found: list[str] = []
    for error in validator(name).iter_errors(cast(Any, instance)):
        for line in _describe(error):
            if line not in found:
                found.append(line)
    return sorted(found)


def _describe(error: ValidationError) -> Iterator[str]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        branch = _fitting_branch(error)
        if branch is not None:
            for sub in branch:
                yield from _describe(sub)
            return
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    if error.validator == "required" and isinstance(error.instance, Mapping):
        message = schema.get(PROBLEM_KEY, "is required")
        for name in cast(list[str], error.validator_value):
            if name not in error.instance:
                yield f"{json_path([*path, name])}: {message}"
        return
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        known = set(schema.get("properties", {}))
        extra = sorted(str(key) for key in error.instance if key not in known)
        yield f"{json_path(path)}: unknown keys " + ", ".join(extra)
        return
    yield f"{json_path(path)}: {schema.get(PROBLEM_KEY) or _generic_message(error)}"


def _fitting_branch(error: ValidationError) -> list[ValidationError] | None:
    """The errors of the one ``anyOf``/``oneOf`` branch whose type fits the value, if exactly one does.

    For ``banner: {"ru": ..., "en": ...}`` against ``oneOf: [Banner, null]``
    this reports the missing ``expires_utc`` instead of "matches no branch".
    """
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context or ():
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errors)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _generic_message(error: ValidationError) -> str:
    keyword = error.validator
    value: Any = error.validator_value
    if keyword == "type":
        names = [value] if isinstance(value, str) else list(value)
        return "must be " + " or ".join(_TYPE_NAMES.get(n, n) for n in names)
    if keyword == "enum":
        return "must be one of " + ", ".join(str(v) for v in value)
    if keyword == "const":
        return f"must be {value!r}"
    limits = {
        "minimum": "at least",
        "maximum": "at most",
        "exclusiveMinimum": "greater than",
        "exclusiveMaximum": "less than",
    }
    if keyword in limits:
        return f"must be {limits[str(keyword)]} {value}"
    if keyword == "minLength":
        return f"must be at least {value} character(s) long"
    if keyword == "maxLength":
        return f"must be at most {value} characters long"
    if keyword == "minItems":
        return "must not be empty" if value == 1 else f"must have at least {value} items"
    if keyword == "maxItems":
        return f"must have at most {value} items"
    if keyword == "pattern":
        return f"must match {value}"
    if keyword == "format" and value == "date":
        return "must be a real calendar date written YYYY-MM-DD"
    if keyword == "oneOf":
        return "matches none, or more than one, of the allowed shapes"
    if keyword == "anyOf":
        return "matches none of the allowed shapes"
    return str(error.message)
