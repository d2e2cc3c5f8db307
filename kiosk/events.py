"""The kinds of event a kiosk sends to the central server: one list for the whole core.

Each event sits in the ``outbox`` table, written in the same transaction as
the row it describes (see :meth:`kiosk.store.Store.add_event`). The server's
contract lists the same kinds (``EventKind`` in ``docs/api/openapi.yaml``);
a test keeps the two equal.
"""

from __future__ import annotations

import enum


class EventKind(enum.StrEnum):
    """An outbox event's ``kind``, as it travels on the wire."""

    TICKET_ISSUED = "ticket.issued"
    TICKET_CANCELLED = "ticket.cancelled"
    TICKET_REPRINTED = "ticket.reprinted"
    RATING_SUBMITTED = "rating.submitted"
    AUDIT = "audit"
    PRINT_FAILED = "print.failed"
    HEARTBEAT = "heartbeat"
    APPOINTMENT_CHECKED_IN = "appointment.checked_in"
    SMS_REQUESTED = "sms.requested"
