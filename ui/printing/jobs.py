"""Print jobs: a queue ticket or a printer test page, with every printed word already
in the language it is printed in.

A job says what it is (:class:`JobKind`), so whoever hears that a job ended
(the ticket's screen and store, admin mode's printer tab) takes up only its
own kind.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk import bookings, packages
from kiosk.catalog import Text
from kiosk.tickets import BOOKED_PREFIX, Ticket, ticket_link
from ui.context import UiContext
from ui.i18n import format_date, format_time
from ui.words import Words

# The QR of a test page: a well-formed ticket link that names no ticket.
TEST_PAGE_TICKET_ID = "00000000-0000-4000-8000-000000000000"


# The printed line of a booked visit's ticket.
_BOOKED = Text(ru="Запись на {time}, код {code}", en="Booked for {time}, code {code}")


def booked_line(ticket: Ticket, ctx: UiContext, language: str) -> str:
    """«Запись на 10:40, код 2401» for a booked visit's ticket, else "" (a reprint from
    admin mode reads the code and time back from the store)."""
    if ticket.prefix != BOOKED_PREFIX:
        return ""
    if ticket.booking_code and ticket.booked_slot is not None:
        code, time = ticket.booking_code, ticket.booked_slot.strftime("%H:%M")
    else:
        found = bookings.booking_of(ctx.desk, ticket.id)
        if found is None:
            return ""
        code, time = found
    return _BOOKED.get(language).format(time=time, code=code)


class JobKind(enum.Enum):
    TICKET = "ticket"
    TEST_PAGE = "test_page"


@dataclass(frozen=True)
class PrintJob:
    """Everything printed on one slip."""

    job_id: str  # the ticket's id for a ticket
    centre_name: str
    caption: str  # «Ваш номер»
    number: str  # «П017»
    service: str  # the service's name
    issued: str  # date and time, local
    ahead: str
    wait: str
    call: str  # «Ждите вызова на табло»
    link: str
    kind: JobKind = JobKind.TICKET
    # Lines printed under the service, each on its own line(s): a booked visit's booking,
    # a package's services and the documents to bring. Empty for an ordinary ticket.
    details: tuple[str, ...] = ()


def ticket_job(ticket: Ticket, ctx: UiContext) -> PrintJob:
    """The ticket's printed texts, in the language it was taken in (a reprint from
    admin mode may happen while the screen shows the other language)."""
    lang = ticket.language

    def text_in(context: str, source: str, n: int = -1) -> str:
        return ctx.language.text_in(lang, context, source, n)

    phrases = Words(text_in)
    local = ctx.config.local(ticket.issued_utc)
    booked = booked_line(ticket, ctx, lang)
    details = (*([booked] if booked else []), *packages.print_lines(ctx.catalog, ticket, lang))
    return PrintJob(
        job_id=ticket.id,
        centre_name=ctx.config.centre_name.get(lang),
        caption=text_in("TicketScreen", "Your number"),
        number=ticket.display,
        service=ctx.catalog.service(ticket.service_id).name.get(lang),
        issued=f"{format_date(local)} {format_time(local)}",
        ahead=phrases.people_ahead(ticket.people_ahead),
        wait=phrases.wait_sentence(ticket.wait_minutes),
        call=text_in("TicketScreen", "Please wait until your number is called on the display"),
        link=ticket.link,
        details=details,
    )


def test_page_job(job_id: str, ctx: UiContext, *, caption: str, body: str, kiosk_line: str,
                  note: str) -> PrintJob:
    """A test page laid out like a ticket, with admin mode's words (in the screen's language)."""
    local = ctx.desk.now_local()
    return PrintJob(
        job_id=job_id, centre_name=ctx.config.centre_name.get(ctx.language.current), caption=caption,
        number="000", service=body, issued=f"{format_date(local)} {format_time(local)}", ahead=kiosk_line,
        wait="", call=note, link=ticket_link(ctx.config, TEST_PAGE_TICKET_ID), kind=JobKind.TEST_PAGE)
