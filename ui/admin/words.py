"""Words admin mode shares across its tabs: roles, reasons, states, sizes.

Methods of a QObject so that ``self.tr`` gives them the context ``AdminWords``
and plural forms work.
"""

from __future__ import annotations

import datetime as dt
import functools

from PySide6.QtCore import QObject

from kiosk.admin.pins import CONSULTANT, OPERATOR
from kiosk.printers import PrinterReason, parse_failure
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
        """A ticket's print state; a failure in plain words of its reason (the recorded
        system text goes on a details line, see :meth:`system_details`)."""
        if state == "printed":
            return self.tr("printed")
        if state == "failed":
            return self.tr("failed: {reason}").format(reason=self.printer_reason(parse_failure(error).reason))
        return self.tr("waiting for the printer")

    def printer_reason(self, reason: PrinterReason) -> str:
        """What a printer's state means, for consultants: what is wrong and what to do."""
        names = {
            PrinterReason.OK: self.tr("ready"),
            PrinterReason.QUEUE_MISSING: self.tr("the print queue named in the settings does not exist; "
                                                 "tell the operator"),
            PrinterReason.STOPPED: self.tr("the print queue is stopped (paper out, a jam or a printer error); "
                                           "fix the printer, then the operator enables the queue"),
            PrinterReason.NOT_ACCEPTING: self.tr("the print queue is paused and does not take tickets; "
                                                 "tell the operator"),
            PrinterReason.DAEMON_DOWN: self.tr("the print service (CUPS) is not running on this kiosk; "
                                               "tell the operator"),
            PrinterReason.MEDIA_EMPTY: self.tr("the printer is out of paper; load a new roll"),
            PrinterReason.COVER_OPEN: self.tr("the printer's cover is open; close it"),
            PrinterReason.UNREACHABLE: self.tr("the printer does not answer; check its power and cable"),
            PrinterReason.TIMED_OUT: self.tr("the printer did not print in time; the job was cancelled"),
            PrinterReason.OTHER: self.tr("the printer reports a fault; tell the operator"),
        }
        return names[reason]

    def system_details(self, details: str) -> str:
        """The system's own words (often English), below the plain ones."""
        return self.tr("System message: {details}").format(details=details)

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
