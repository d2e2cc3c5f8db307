"""Operators' files are checked against the OpenAPI document's schemas, which
ship with the package, plus the few rules a schema cannot say; the CLI tells
operators the id rule the document defines."""

from __future__ import annotations

import configparser
import copy
import json
from pathlib import Path
from typing import Any

import pytest

from central import cli, openapi
from central.validation import InputError, document_problems, validate_appointments, validate_bundle, validate_queue

REPO = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------
# where the document lives


def test_the_document_is_package_data_and_the_docs_path_shows_the_same_file() -> None:
    packaged = (REPO / "central" / "openapi.yaml").read_text(encoding="utf-8")
    assert openapi.document()["openapi"].startswith("3.1")
    assert (REPO / "docs" / "api" / "openapi.yaml").read_text(encoding="utf-8") == packaged
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg", encoding="utf-8")
    # Without this a wheel (non-editable) install would have no document to validate with.
    assert "openapi.yaml" in config["options.package_data"]["central"].split()


def test_every_schema_an_operator_file_uses_resolves() -> None:
    for name in ("Catalog", "WeeklyHours", "Bundle", "BundleInput", "AppointmentsInput", "QueueInput"):
        openapi.validator(name).check_schema(openapi.component(name))
        assert openapi.schema_problems(name, object()) != []


# --------------------------------------------------------------------------
# what the schema catches, with the path and a sentence


def _changed(bundle: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    copied = copy.deepcopy(bundle)
    target: Any = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return copied


SERVICE = ("catalog", "categories", 0, "services", 0)


@pytest.mark.parametrize(("path", "value", "problem"), [
    # Python's '$' matches before a final newline; the document's patterns follow ECMA-262.
    (("catalog", "categories", 0, "prefix"), "П\n", "catalog.categories[0].prefix: must be one capital Cyrillic"),
    (("ticket_link_template",), "https://x/t/{uuid}\n", "ticket_link_template: must be an https:// URL"),
    (("hours", "daily"), "08:00-20:00\n", "hours.daily: must be 'HH:MM-HH:MM'"),
    # \d would take other scripts' digits.
    (("hours", "daily"), "٠٨:٠٠-٢٠:٠٠", "hours.daily: must be 'HH:MM-HH:MM'"),
    (("hours", "daily"), "8:00-20:00", "hours.daily: must be 'HH:MM-HH:MM'"),
    (("hours", "sun"), "10:00-14:00,\t15:00-18:00", "hours.sun: must be 'HH:MM-HH:MM'"),
    (("hours", "closed_dates"), ["20270101"], "hours.closed_dates[0]: must be a real calendar date"),
    ((*SERVICE, "name", "ru"), "   ", "services[0].name.ru: must be a non-empty text"),
    (("content", "standard_md", "en"), "\n", "content.standard_md.en: must be a non-empty text"),
    ((*SERVICE, "windows"), 2.5, "services[0].windows: must be an integer from 0 to 200"),
    ((*SERVICE, "avg_minutes"), True, "services[0].avg_minutes: must be a number greater than 0"),
    (("catalog", "life_situations"), None, "catalog.life_situations: must be an array"),
    (("ticket_link_template",), "https://x/t/{uuid}?l={lang}", "ticket_link_template: must be an https:// URL"),
    (("ticket_link_template",), 7, "ticket_link_template: must be an https:// URL"),
])
def test_schema_problems_name_the_path_and_what_is_allowed(
        demo_bundle: dict[str, Any], path: tuple[Any, ...], value: Any, problem: str) -> None:
    with pytest.raises(InputError) as error:
        validate_bundle(_changed(demo_bundle, path, value), "centre-a")
    assert any(problem in line for line in error.value.problems), error.value.problems


def test_a_missing_service_field_is_reported_at_its_own_path(demo_bundle: dict[str, Any]) -> None:
    bundle = copy.deepcopy(demo_bundle)
    del bundle["catalog"]["categories"][0]["services"][0]["windows"]
    del bundle["catalog"]["version"]
    with pytest.raises(InputError) as error:
        validate_bundle(bundle, "centre-a")
    assert error.value.problems == [
        "catalog.categories[0].services[0].windows: is required",
        "catalog.version: is required",
    ]


# --------------------------------------------------------------------------
# the rules beyond the schema


@pytest.mark.parametrize(("path", "value", "problem"), [
    (("catalog", "categories", 1, "id"), "passports", "catalog.categories[1].id: duplicate category id 'passports'"),
    (("catalog", "life_situations", 1, "id"), "birth",
     "catalog.life_situations[1].id: duplicate life situation id 'birth'"),
    ((*SERVICE, "avg_minutes"), float("nan"), "services[0].avg_minutes: must be a finite number"),
    ((*SERVICE, "name", "en"), "Pass\ud800port", "services[0].name.en: contains a lone surrogate"),
    (("content", "banner"), {"ru": "а", "en": "a", "expires_utc": "2027-02-30T10:00:00Z"},
     "content.banner.expires_utc: does not name a real instant"),
    ((*SERVICE, "hours"), {"daily": "08:00-20:00", "mon": "12:00-14:00, 13:00-15:00"},
     "services[0].hours.mon: intervals overlap or are out of order"),
])
def test_rules_beyond_the_schema(demo_bundle: dict[str, Any], path: tuple[Any, ...], value: Any, problem: str) -> None:
    with pytest.raises(InputError) as error:
        validate_bundle(_changed(demo_bundle, path, value), "centre-a")
    assert any(problem in line for line in error.value.problems), error.value.problems


def test_every_problem_is_reported_at_once(demo_bundle: dict[str, Any]) -> None:
    bundle = _changed(demo_bundle, ("catalog", "categories", 1, "prefix"), "П")
    bundle = _changed(bundle, ("hours", "mon"), "9-18")
    bundle = _changed(bundle, ("paused_services", 0, "service_id"), "ghost")
    with pytest.raises(InputError) as error:
        validate_bundle(bundle, "centre-a")
    assert len(error.value.problems) == 3, error.value.problems


def test_the_served_bundle_shape_is_checked_too(demo_bundle: dict[str, Any]) -> None:
    served = {**copy.deepcopy(demo_bundle), "version": 1, "centre_id": "centre-a"}
    assert document_problems("Bundle", served) == []
    assert document_problems("Bundle", {**served, "extra": 1}) == ["$: unknown keys extra"]
    assert document_problems("Bundle", {**served, "version": 0}) == ["version: must be at least 1"]
    assert document_problems("BundleInput", {**served, "extra": 1}) == []  # input files may carry more


def test_appointments_and_queue_files(demo_bundle: dict[str, Any]) -> None:
    day = {"date": "2026-11-24", "appointments": [{"code": "AB12", "service_id": "inn", "slot_local": "09:00"}]}
    with pytest.raises(InputError) as error:
        validate_appointments([day, day], {"inn"})
    assert error.value.problems == ["[1].date: 2026-11-24 appears more than once"]
    with pytest.raises(InputError) as error:
        validate_appointments({**day, "date": "2026-02-30"}, None)
    assert error.value.problems == ["date: must be a real calendar date written YYYY-MM-DD"]
    with pytest.raises(InputError) as error:
        validate_appointments("nope", None)
    assert error.value.problems == ["$: must be one day (an object with date and appointments) "
                                    "or a non-empty array of days"]
    service = {"service_id": "inn", "waiting": 1, "open_windows": 1, "avg_service_minutes": 5}
    with pytest.raises(InputError) as error:
        validate_queue({"as_of_utc": "2026-11-24T24:00:00Z", "services": [service, service]})
    assert error.value.problems == ["as_of_utc: does not name a real instant",
                                    "services[1].service_id: duplicate service id 'inn'"]


def test_the_cli_refuses_nan_in_a_file(tmp_path: Path, capsys: Any, demo_bundle: dict[str, Any]) -> None:
    path = tmp_path / "b.json"
    path.write_text(json.dumps(demo_bundle).replace('"avg_minutes": 15', '"avg_minutes": NaN', 1), encoding="utf-8")
    assert "NaN" in path.read_text(encoding="utf-8")
    assert cli.main(["init", "--db", str(tmp_path / "c.db")]) == 0
    assert cli.main(["load-bundle", "centre-a", str(path), "--db", str(tmp_path / "c.db")]) == 1
    assert "NaN is not a JSON number" in capsys.readouterr().err


# --------------------------------------------------------------------------
# the id rule the CLI states is the document's


def test_the_cli_states_the_id_rule_of_the_document(capsys: Any, tmp_path: Path) -> None:
    pattern = openapi.pattern("Identifier")
    with pytest.raises(SystemExit):
        cli.main(["enrol", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert help_text.count(pattern) == 2, help_text  # the kiosk id and the centre id
    assert "Latin letters, digits, - or _" in help_text
    assert "._" not in help_text  # ids have no dot: the help once said they may
    assert cli.main(["enrol", "kiosk.1", "--centre", "centre-a", "--db", str(tmp_path / "c.db")]) == 1
    err = capsys.readouterr().err
    assert "kiosk id 'kiosk.1' is not allowed" in err and pattern in err
    assert cli.main(["enrol", "kiosk-1", "--centre", "centre-a", "--db", str(tmp_path / "c.db")]) == 0
