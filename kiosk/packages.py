"""Life situations as one visit: a package of services, one ticket for all of them.

A package (a catalog life situation) lists its services in the order they are
handled and the documents to bring. Its ticket (see docs/visits.md):

- has the prefix of the **first** service's category and a number from that
  prefix's counter: that queue calls the visitor, and the window that serves
  the first service serves the rest of the package in the same sitting;
- waits as long as a ticket of that queue would, and then takes the window for
  the sum of the services' average minutes (the queue replay counts it so);
- is refused when any of the services is closed or paused now.

The server's configuration bundle carries the catalog, so it can change
packages (their services and documents) like everything else in it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.catalog import Catalog, Category, LifeSituation, Service, Text
from kiosk.tickets import Estimate, Ticket, TicketDesk


@dataclass(frozen=True)
class Package:
    """A life situation with its services resolved."""

    situation: LifeSituation
    services: tuple[Service, ...]
    first_category: Category

    @property
    def id(self) -> str:
        return self.situation.id

    @property
    def name(self) -> Text:
        return self.situation.name

    @property
    def documents(self) -> tuple[Text, ...]:
        return self.situation.documents

    @property
    def prefix(self) -> str:
        return self.first_category.prefix

    @property
    def visit_minutes(self) -> int:
        """How long the window takes for the whole package, in whole minutes (rounded up)."""
        return math.ceil(sum(s.avg_minutes for s in self.services))


@dataclass(frozen=True)
class PackageEstimate:
    """The queue before the package's first service, and the whole visit after it."""

    people_ahead: int
    wait_minutes: int
    visit_minutes: int

    @property
    def total_minutes(self) -> int:
        return self.wait_minutes + self.visit_minutes


def package(catalog: Catalog, situation_id: str) -> Package:
    """The package of ``situation_id``.

    Raises:
        KeyError: the catalog has no such life situation.
    """
    situation = catalog.package(situation_id)
    services = tuple(catalog.service(sid) for sid in situation.service_ids)
    return Package(situation, services, catalog.category(services[0].category_id))


def estimate(desk: TicketDesk, chosen: Package) -> PackageEstimate:
    """The wait for the package's ticket now, and how long the visit then takes."""
    queue: Estimate = desk.estimate(chosen.first_category)
    return PackageEstimate(queue.people_ahead, queue.wait_minutes, chosen.visit_minutes)


def issue(desk: TicketDesk, chosen: Package, language: str) -> Ticket:
    """One ticket for the whole package (see :meth:`kiosk.tickets.TicketDesk.issue`).

    Raises:
        TicketRefused, StoreFull, StoreError: as for any ticket.
    """
    return desk.issue(chosen.services[0].id, language, package_id=chosen.id)


def print_lines(catalog: Catalog, ticket: Ticket, language: str) -> list[str]:
    """The package's services and documents for the printed ticket, in ``language``
    (empty for a ticket that is not a package's)."""
    if not ticket.package_id:
        return []
    try:
        chosen = package(catalog, ticket.package_id)
    except KeyError:
        return []
    heads = {"services": Text(ru="Услуги:", en="Services:"), "documents": Text(ru="Возьмите с собой:",
                                                                            en="Bring with you:")}
    lines = [heads["services"].get(language)]
    lines += [f"{n}. {service.name.get(language)}" for n, service in enumerate(chosen.services, 1)]
    if chosen.documents:
        lines.append(heads["documents"].get(language))
        lines += [f"• {doc.get(language)}" for doc in chosen.documents]
    return lines
