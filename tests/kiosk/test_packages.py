"""Life situations as one visit: one ticket, the first service's prefix, the window
taken for the whole package, every service open, documents listed, and the bundle's
catalog changing a package."""

from __future__ import annotations

import json
import math

import pytest

from kiosk import packages, server_cache
from kiosk.catalog import Catalog, parse_catalog
from kiosk.config import DEMO_CATALOG, Config
from kiosk.pauses import replace_server_pauses
from kiosk.store import Store
from kiosk.sync.bundle import cached_bundle
from kiosk.tickets import Refusal, TicketDesk, TicketRefused, category_windows


def test_one_ticket_for_the_whole_package_with_the_first_services_prefix(desk: TicketDesk, store: Store,
                                                                        catalog: Catalog) -> None:
    birth = packages.package(catalog, "birth")
    assert birth.services[0].id == "birth-registration" and birth.prefix == "Г"
    ticket = packages.issue(desk, birth, "ru")
    assert ticket.display == "Г001" and ticket.package_id == "birth"
    assert ticket.service_ids == ("birth-registration", "child-benefits", "registration", "snils",
                                  "maternity-capital")
    assert store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 1
    payload = json.loads(store.db.conn.execute("SELECT payload FROM outbox WHERE kind = 'ticket.issued'")
                         .fetchone()[0])
    assert payload["package_id"] == "birth" and payload["service_ids"] == list(ticket.service_ids)


def test_the_estimate_covers_the_package(desk: TicketDesk, catalog: Catalog) -> None:
    birth = packages.package(catalog, "birth")
    assert birth.visit_minutes == math.ceil(sum(s.avg_minutes for s in birth.services)) > 60
    before = packages.estimate(desk, birth)
    assert (before.people_ahead, before.wait_minutes) == (0, 0)
    for _ in range(category_windows(birth.first_category)):  # every window of the queue busy with one
        packages.issue(desk, birth, "ru")
    after = packages.estimate(desk, birth)
    # The third visitor waits until the first package is done: the whole visit, not one service.
    assert after.wait_minutes == birth.visit_minutes
    assert after.total_minutes == 2 * birth.visit_minutes


def test_a_package_is_refused_when_one_of_its_services_is_paused(desk: TicketDesk, store: Store,
                                                                 catalog: Catalog) -> None:
    with store.transaction() as conn:
        replace_server_pauses(conn, [("snils", "technical_failure")], store.clock.now_utc())
    with pytest.raises(TicketRefused) as refused:
        packages.issue(desk, packages.package(catalog, "birth"), "ru")
    assert refused.value.reason is Refusal.PAUSED
    assert store.db.conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == 0


def test_the_print_lists_services_and_documents_in_the_tickets_language(desk: TicketDesk,
                                                                         catalog: Catalog) -> None:
    ticket = packages.issue(desk, packages.package(catalog, "moving"), "en")
    lines = packages.print_lines(catalog, ticket, "en")
    assert lines[0] == "Services:" and lines[1] == "1. De-registration"
    assert "Bring with you:" in lines and "• Russian passport" in lines
    assert packages.print_lines(catalog, ticket, "ru")[0] == "Услуги:"
    assert packages.print_lines(catalog, desk.issue("snils", "ru"), "ru") == []


def test_documents_are_read_leniently_as_the_server_does_not_check_them_yet() -> None:
    data = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    data["life_situations"][0]["documents"] = [{"ru": "Паспорт", "en": "Passport"}, "just text", {"ru": ""}]
    data["life_situations"][1]["documents"] = "not a list"
    catalog = parse_catalog(data)
    assert [d.en for d in catalog.package("birth").documents] == ["Passport"]
    assert catalog.package("inheritance").documents == ()


def test_the_servers_bundle_changes_a_package(store: Store, config: Config) -> None:
    data = json.loads(DEMO_CATALOG.read_text(encoding="utf-8"))
    data["life_situations"][0]["services"] = ["snils", "birth-registration"]
    data["life_situations"][0]["documents"] = [{"ru": "Паспорт", "en": "Passport"}]
    body = {"version": 7, "centre_id": config.centre_id, "catalog": data, "hours": {"daily": "08:00-20:00"},
            "paused_services": [], "content": {"standard_md": {"ru": "Текст", "en": "Text"}, "banner": None},
            "ticket_link_template": "https://example.org/t/{uuid}"}
    with store.transaction() as conn:
        server_cache.save(conn, server_cache.BUNDLE, body, None, store.clock.now_utc())
    applied = cached_bundle(store, config)
    assert applied is not None
    birth = packages.package(applied.catalog, "birth")
    assert [s.id for s in birth.services] == ["snils", "birth-registration"] and birth.prefix == "Ф"
    assert [d.ru for d in birth.documents] == ["Паспорт"]
