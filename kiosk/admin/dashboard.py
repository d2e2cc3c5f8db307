"""The consultant's figures for one business day, computed from the store.

Tickets per service and per local hour, the queue now, the expected waits
given at issue, and the ratings: per criterion for ratings tied to a ticket,
and separately the one-tap quick ratings. The share of 4 and 5 grades is set
against the federal target of 85%.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter
from dataclasses import dataclass

from kiosk.clock import parse_iso_utc
from kiosk.tickets import WAIT_NORM_MINUTES, TicketDesk

log = logging.getLogger(__name__)

GOOD_SHARE_TARGET = 0.85
GOOD_GRADE = 4  # 4 (хорошо) and 5 (отлично) count as good


@dataclass(frozen=True)
class GradeFigures:
    """Grades given for one criterion (or quick ratings): how many, their mean, the share of 4-5."""

    count: int
    average: float | None
    good_share: float | None

    @classmethod
    def of(cls, grades: list[int]) -> GradeFigures:
        if not grades:
            return cls(0, None, None)
        good = sum(1 for g in grades if g >= GOOD_GRADE)
        return cls(len(grades), sum(grades) / len(grades), good / len(grades))

    @property
    def meets_target(self) -> bool | None:
        return None if self.good_share is None else self.good_share >= GOOD_SHARE_TARGET


@dataclass(frozen=True)
class Dashboard:
    day: dt.date
    issued: int  # every ticket issued that day, cancelled ones included
    cancelled: int
    per_service: dict[str, int]  # service id -> tickets, most first
    per_hour: dict[int, int]  # local hour -> tickets, in hour order
    waiting_now: int  # people waiting in all queues (today only; 0 for another day)
    longest_wait_now: int  # minutes a new ticket would wait in the slowest queue now
    average_wait: float | None  # expected wait given at issue, minutes, cancelled tickets left out
    longest_wait: int
    over_norm: int  # tickets whose expected wait was over the 15-minute norm
    ticket_ratings: int  # ratings tied to a ticket
    criteria: dict[str, GradeFigures]  # criterion -> its grades, for ratings tied to a ticket
    ticket_grades: GradeFigures  # every criterion grade of ratings tied to a ticket, together
    quick: GradeFigures  # quick ratings' overall grades
    target: float = GOOD_SHARE_TARGET


def _grade(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else None


def compute_dashboard(desk: TicketDesk, day: dt.date | None = None) -> Dashboard:
    """The figures for ``day`` (default: today's business day)."""
    today = desk.business_day()
    day = day or today
    conn = desk.store.db.conn
    tz = desk.config.tz
    rows = conn.execute("SELECT service_id, issued_utc, wait_minutes, status FROM tickets WHERE business_day = ?",
                        (day.isoformat(),)).fetchall()
    per_service: Counter[str] = Counter()
    per_hour: Counter[int] = Counter()
    waits: list[int] = []
    cancelled = 0
    for service_id, issued_utc, wait_minutes, status in rows:
        per_service[str(service_id)] += 1
        per_hour[parse_iso_utc(str(issued_utc)).astimezone(tz).hour] += 1
        if status == "cancelled":
            cancelled += 1
        else:
            waits.append(int(wait_minutes))

    criteria: dict[str, list[int]] = {}
    all_grades: list[int] = []
    quick: list[int] = []
    ticket_ratings = 0
    for kind, scores, overall in conn.execute(
            "SELECT kind, scores, overall FROM ratings WHERE business_day = ?", (day.isoformat(),)):
        if kind == "quick":
            grade = _grade(overall)
            if grade is not None:
                quick.append(grade)
            continue
        ticket_ratings += 1
        try:
            parsed = json.loads(scores or "{}")
        except ValueError:
            log.error("a rating's scores cannot be read; left out of the figures")
            continue
        if not isinstance(parsed, dict):
            continue
        for criterion, value in parsed.items():
            grade = _grade(value)
            if grade is not None:
                criteria.setdefault(str(criterion), []).append(grade)
                all_grades.append(grade)

    waiting, longest_now = desk.overview() if day == today else (0, 0)
    return Dashboard(
        day=day, issued=len(rows), cancelled=cancelled,
        per_service=dict(per_service.most_common()),
        per_hour=dict(sorted(per_hour.items())),
        waiting_now=waiting, longest_wait_now=longest_now,
        average_wait=sum(waits) / len(waits) if waits else None,
        longest_wait=max(waits, default=0),
        over_norm=sum(1 for w in waits if w > WAIT_NORM_MINUTES),
        ticket_ratings=ticket_ratings,
        criteria={name: GradeFigures.of(grades) for name, grades in criteria.items()},
        ticket_grades=GradeFigures.of(all_grades),
        quick=GradeFigures.of(quick),
    )
