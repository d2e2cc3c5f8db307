"""Phrases that several screens share: queue figures, opening times, refusals.

They go through Qt's translation system under the context ``Words``. The
phrases are methods of a QObject so that ``self.tr`` carries plural forms
(lupdate recognises ``%n`` plurals in ``self.tr`` calls).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.tickets import WAIT_NORM_MINUTES, Estimate, Refusal


class Words(QObject):
    """Shared phrases; stateless, so one instance serves every screen.

    Args:
        translate: when given, phrases come from it instead of the installed
            translator, as ``translate(context, source, n)`` (a ticket printed
            in its own language while the screen shows another).
    """

    def __init__(self, translate: Callable[[str, str, int], str] | None = None) -> None:
        super().__init__()
        self._translate = translate

    def tr(self, source: str, /, disambiguation: str | None = None, n: int = -1) -> str:
        if self._translate is None:
            return super().tr(source, disambiguation, n)
        return self._translate("Words", source, n)

    def queue_detail(self, estimate: Estimate) -> str:
        """'3 waiting · about 12 min', or 'No queue now'."""
        if estimate.people_ahead == 0 and estimate.wait_minutes == 0:
            return self.tr("No queue now")
        if estimate.people_ahead == 0:
            waiting = self.tr("Nobody waiting")
        else:
            waiting = self.tr("%n waiting", "", estimate.people_ahead)
        # A no-break space keeps "12 min" together when the tile wraps the line.
        wait = self.tr("about {minutes}\u00a0min").format(minutes=estimate.wait_minutes)
        return f"{waiting} · {wait}"

    def when(self, moment: dt.datetime | None, now: dt.datetime) -> str:
        """'today at 08:00', 'tomorrow at 08:00' or 'on 26.11 at 08:00' (local times)."""
        if moment is None:
            return self.tr("later")
        time_text = moment.strftime("%H:%M")
        days = (moment.date() - now.date()).days
        if days <= 0:
            return self.tr("today at {time}").format(time=time_text)
        if days == 1:
            return self.tr("tomorrow at {time}").format(time=time_text)
        return self.tr("on {date} at {time}").format(date=moment.strftime("%d.%m"), time=time_text)

    def refusal_title(self, reason: Refusal) -> str:
        titles = {
            Refusal.CENTRE_CLOSED: self.tr("The centre is closed now"),
            Refusal.SERVICE_CLOSED: self.tr("This service is not available now"),
            Refusal.PAST_CLOSING: self.tr("No more tickets for this service today"),
            Refusal.BLOCK_EXHAUSTED: self.tr("This kiosk has run out of numbers for this queue"),
            Refusal.UNKNOWN_SERVICE: self.tr("This service is no longer offered here"),
            Refusal.PAUSED: self.tr("This service is paused"),
        }
        return titles[reason]

    def refusal_body(self, reason: Refusal, opens: dt.datetime | None, now: dt.datetime) -> str:
        when_text = self.when(opens, now)
        bodies = {
            Refusal.CENTRE_CLOSED: self.tr("It opens {when}.").format(when=when_text),
            Refusal.SERVICE_CLOSED: self.tr("It will be available {when}.").format(when=when_text),
            Refusal.PAST_CLOSING: self.tr(
                "The queue could not reach you before closing time. Please come back {when}.").format(
                    when=when_text),
            Refusal.BLOCK_EXHAUSTED: self.tr(
                "Please ask a consultant in the hall: they will help you get a number."),
            Refusal.UNKNOWN_SERVICE: self.tr("Please choose again or ask a consultant in the hall."),
            Refusal.PAUSED: self.tr("Please ask a consultant in the hall."),
        }
        return bodies[reason]

    def pause_reason(self, code: str | None) -> str:
        """Why a service is paused, from its reason code (kiosk.pauses.PAUSE_REASONS)."""
        reasons = {
            "closed_today": self.tr("closed today"),
            "technical_failure": self.tr("technical failure"),
            "staff_shortage": self.tr("no specialist available"),
            "system_maintenance": self.tr("system maintenance"),
        }
        return reasons.get(code or "", self.tr("temporarily unavailable"))

    def wait_sentence(self, minutes: int) -> str:
        """The expected wait compared with the 15-minute norm."""
        if minutes == 0:
            return self.tr("You will be called very soon.")
        if minutes <= WAIT_NORM_MINUTES:
            return self.tr("Expected wait: about {minutes} min, within the {norm}-minute norm.").format(
                minutes=minutes, norm=WAIT_NORM_MINUTES)
        return self.tr(
            "Expected wait: about {minutes} min, longer than the {norm}-minute norm. "
            "If you wait more than {norm} minutes, you will be offered a free hot drink.").format(
                minutes=minutes, norm=WAIT_NORM_MINUTES)

    def people_ahead(self, count: int) -> str:
        if count == 0:
            return self.tr("Nobody is ahead of you")
        return self.tr("%n person(s) ahead of you", "", count)


@functools.cache
def _words() -> Words:
    return Words()


def queue_detail(estimate: Estimate) -> str:
    return _words().queue_detail(estimate)


def when(moment: dt.datetime | None, now: dt.datetime) -> str:
    return _words().when(moment, now)


def refusal_title(reason: Refusal) -> str:
    return _words().refusal_title(reason)


def refusal_body(reason: Refusal, opens: dt.datetime | None, now: dt.datetime) -> str:
    return _words().refusal_body(reason, opens, now)


def pause_reason(code: str | None) -> str:
    return _words().pause_reason(code)


def wait_sentence(minutes: int) -> str:
    return _words().wait_sentence(minutes)


def people_ahead(count: int) -> str:
    return _words().people_ahead(count)
