"""Phrases that several screens share: queue figures, opening times, refusals.

Each goes through Qt's translation system under the context ``Words``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from kiosk.tickets import WAIT_NORM_MINUTES, Estimate, Refusal



def queue_detail(estimate: Estimate) -> str:
    """'3 waiting · about 12 min', or 'No queue'."""
    if estimate.people_ahead == 0 and estimate.wait_minutes == 0:
        return QCoreApplication.translate("Words", "No queue now")
    if estimate.people_ahead == 0:
        waiting = QCoreApplication.translate("Words", "Nobody waiting")
    else:
        waiting = QCoreApplication.translate("Words", "%n waiting", None, estimate.people_ahead)
    wait = QCoreApplication.translate("Words", "wait about {minutes} min").format(minutes=estimate.wait_minutes)
    return f"{waiting} · {wait}"


def when(moment: dt.datetime | None, now: dt.datetime) -> str:
    """'today at 08:00', 'tomorrow at 08:00' or 'on 26.11 at 08:00' (local times)."""
    if moment is None:
        return QCoreApplication.translate("Words", "later")
    time_text = moment.strftime("%H:%M")
    days = (moment.date() - now.date()).days
    if days <= 0:
        return QCoreApplication.translate("Words", "today at {time}").format(time=time_text)
    if days == 1:
        return QCoreApplication.translate("Words", "tomorrow at {time}").format(time=time_text)
    return QCoreApplication.translate("Words", "on {date} at {time}").format(
        date=moment.strftime("%d.%m"), time=time_text)


def refusal_title(reason: Refusal) -> str:
    titles = {
        Refusal.CENTRE_CLOSED: QCoreApplication.translate("Words", "The centre is closed now"),
        Refusal.SERVICE_CLOSED: QCoreApplication.translate("Words", "This service is not available now"),
        Refusal.PAST_CLOSING: QCoreApplication.translate("Words", "No more tickets for this service today"),
        Refusal.BLOCK_EXHAUSTED: QCoreApplication.translate("Words", "This kiosk has run out of numbers for this queue"),
        Refusal.UNKNOWN_SERVICE: QCoreApplication.translate("Words", "This service is no longer offered here"),
    }
    return titles[reason]


def refusal_body(reason: Refusal, opens: dt.datetime | None, now: dt.datetime) -> str:
    when_text = when(opens, now)
    bodies = {
        Refusal.CENTRE_CLOSED: QCoreApplication.translate("Words", "It opens {when}.").format(when=when_text),
        Refusal.SERVICE_CLOSED: QCoreApplication.translate(
            "Words", "It will be available {when}.").format(when=when_text),
        Refusal.PAST_CLOSING: QCoreApplication.translate(
            "Words", "The queue could not reach you before closing time. Please come back {when}.").format(
                when=when_text),
        Refusal.BLOCK_EXHAUSTED: QCoreApplication.translate(
            "Words", "Please ask a consultant in the hall: they will help you get a number."),
        Refusal.UNKNOWN_SERVICE: QCoreApplication.translate(
            "Words", "Please choose again or ask a consultant in the hall."),
    }
    return bodies[reason]


def wait_sentence(minutes: int) -> str:
    """The expected wait compared with the 15-minute norm."""
    if minutes == 0:
        return QCoreApplication.translate("Words", "You will be called very soon.")
    if minutes <= WAIT_NORM_MINUTES:
        return QCoreApplication.translate(
            "Words", "Expected wait: about {minutes} min, within the {norm}-minute norm.").format(
                minutes=minutes, norm=WAIT_NORM_MINUTES)
    return QCoreApplication.translate(
        "Words", "Expected wait: about {minutes} min, longer than the {norm}-minute norm. "
        "If you wait more than {norm} minutes, you will be offered a free hot drink.").format(
            minutes=minutes, norm=WAIT_NORM_MINUTES)


def people_ahead(count: int) -> str:
    if count == 0:
        return QCoreApplication.translate("Words", "Nobody is ahead of you")
    return QCoreApplication.translate("Words", "%n person(s) ahead of you", None, count)
