"""Words admin mode shares across its tabs: roles, reasons, states, sizes.

Methods of a QObject so that ``self.tr`` gives them the context ``AdminWords``
and plural forms work.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QObject

from kiosk.admin.pins import CONSULTANT, OPERATOR
from ui import words


class AdminWords(QObject):
    def role(self, role: str | None) -> str:
        names = {CONSULTANT: self.tr("Consultant"), OPERATOR: self.tr("Operator")}
        return names.get(role or "", self.tr("Nobody"))

    def pause_reason(self, code: str) -> str:
        """The reason as a consultant picks it; the same words visitors see."""
        text = words.pause_reason(code)
        return text[:1].upper() + text[1:]

    def cancel_reason(self, code: str | None) -> str:
        reasons = {
            "visitor_left": self.tr("Visitor left"),
            "duplicate": self.tr("Duplicate"),
            "wrong_service": self.tr("Wrong service"),
        }
        return reasons.get(code or "", self.tr("Other reason"))

    def criterion(self, code: str) -> str:
        names = {
            "service_time": self.tr("Time to provide the service"),
            "waiting_time": self.tr("Waiting time"),
            "staff": self.tr("Politeness and competence"),
            "comfort": self.tr("Comfort of the premises"),
            "information": self.tr("Information on the service"),
        }
        return names.get(code, code)

    def print_state(self, state: str, error: str | None) -> str:
        if state == "printed":
            return self.tr("printed")
        if state == "failed":
            return self.tr("failed: {error}").format(error=error or "?")
        return self.tr("waiting for the printer")

    def minutes(self, value: float | None) -> str:
        if value is None:
            return "—"
        return self.tr("{minutes} min").format(minutes=f"{value:.0f}" if value >= 10 else f"{value:.1f}")

    def share(self, value: float | None) -> str:
        return "—" if value is None else f"{value * 100:.0f}%"

    def size(self, count: int | None) -> str:
        """Bytes as MB or GB, for disk and database sizes."""
        if count is None:
            return "—"
        if count >= 1 << 30:
            return self.tr("{value} GB").format(value=f"{count / (1 << 30):.1f}")
        return self.tr("{value} MB").format(value=f"{count / (1 << 20):.1f}")

    def moment(self, moment: dt.datetime | None, now: dt.datetime) -> str:
        """A local moment: its time today, or its date and time."""
        if moment is None:
            return self.tr("never")
        if moment.time() == dt.time(0, 0):
            # Midnight reads as the end of the day before: «24.11.2026 24:00», not «25.11.2026 00:00».
            day = moment.date() - dt.timedelta(days=1)
            return "24:00" if day == now.date() else f"{day:%d.%m.%Y} 24:00"
        if moment.date() == now.date():
            return moment.strftime("%H:%M:%S")
        return moment.strftime("%d.%m.%Y %H:%M")


@functools.cache
def admin_words() -> AdminWords:
    return AdminWords()
