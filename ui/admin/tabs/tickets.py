"""Admin tab *Tickets*: find today's ticket by its number (typed, or its QR
scanned), reprint it, or cancel it with a reason."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.admin.desk import (
    CANCEL_REASONS,
    TicketActionRefused,
    TicketProblem,
    TicketRecord,
    cancel_ticket,
    find_today,
    load_ticket,
    record_reprint,
)
from kiosk.ratings import parse_code
from ui.admin.page import AdminPage, admin_button, mark_chosen, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.keyboard import CodePad
from ui.widgets.labels import label
from ui.widgets.private_text import PrivateLineEdit
from ui.widgets.tile import Tile

MAX_MATCHES = 6


def lower_first(text: str) -> str:
    """A button's caption used inside a sentence."""
    return text[:1].lower() + text[1:]


class TicketsPage(AdminPage):
    """Signals:
        reprint_requested(object): a :class:`kiosk.tickets.Ticket` to print again (already audited).
    """

    page_name = "tickets"
    reprint_requested = Signal(object)

    def __init__(self, ctx: UiContext, session: AdminSession, can_print: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.can_print = can_print
        self.matches: list[TicketRecord] = []
        self.record: TicketRecord | None = None
        self.searched = False
        self.hint = label("subtitle", name="adminTicketsHint")
        self.body.addWidget(self.hint)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.field = PrivateLineEdit()
        self.field.setObjectName("adminTicketField")
        self.field.setProperty("role", "codeField")
        self.field.setMaxLength(120)  # a scanned ticket link is long
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.returnPressed.connect(self.find_ticket)
        self.find_button = admin_button("adminTicketFind", primary=True)
        self.find_button.clicked.connect(self.find_ticket)
        row.addWidget(self.field, 1)
        row.addWidget(self.find_button)
        self.body.addLayout(row)
        letters = "".join(c.prefix for c in ctx.catalog.categories)
        self.pad = CodePad(letters, columns=4)
        self.pad.attach(self.field)
        self.body.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addStretch(1)

        self.use_side_panel(680)
        self.result_title = label("section", name="adminTicketResult")
        self.side.addWidget(self.result_title)
        self.match_box = QVBoxLayout()
        self.match_box.setSpacing(10)
        # Tiles, not plain buttons: a service's name is long and must wrap.
        self.match_buttons: list[Tile] = []
        for i in range(MAX_MATCHES):
            tile = Tile(f"ticketMatch-{i}")
            tile.clicked.connect(lambda _=False, n=i: self.choose(n))
            self.match_box.addWidget(tile)
            self.match_buttons.append(tile)
        self.side.addLayout(self.match_box)
        self.detail = label(None, name="adminTicketDetail")
        self.side.addWidget(self.detail)
        self.reprint_button = admin_button("adminReprint", primary=True)
        self.reprint_button.clicked.connect(self.reprint)
        self.side.addWidget(self.reprint_button)
        self.cancel_prompt = label("subtitle", name="adminCancelPrompt")
        self.side.addWidget(self.cancel_prompt)
        self.cancel_buttons: dict[str, QPushButton] = {}
        reasons = QGridLayout()
        reasons.setSpacing(12)
        for i, code in enumerate(CANCEL_REASONS):
            button = admin_button(f"cancel-{code}")
            button.clicked.connect(lambda _=False, c=code: self.cancel(c))
            reasons.addWidget(button, i // 2, i % 2)
            self.cancel_buttons[code] = button
        self.side.addLayout(reasons)
        self.side.addStretch(1)
        self.retranslate()

    # -- actions ---------------------------------------------------------------------
    def find_ticket(self) -> None:
        text = self.field.text().strip()
        desk = self.ctx.desk
        self.searched = bool(text)
        self.record = None
        if text.isdigit():
            self.matches = find_today(desk, int(text))
        else:
            code = parse_code(text, self.ctx.config.link_template) if text else None
            if code is None:
                self.matches = []
            elif code.ticket_id is not None:
                found = load_ticket(desk, code.ticket_id)
                today = desk.business_day()
                self.matches = [found] if found is not None and found.ticket.business_day == today else []
            else:
                assert code.number is not None
                self.matches = find_today(desk, code.number, code.prefix)
        if len(self.matches) == 1:
            self.record = self.matches[0]
        self.say(lambda: "")
        self.retranslate()

    def choose(self, index: int) -> None:
        self.record = self.matches[index]
        self.retranslate()

    def _reload(self) -> None:
        if self.record is not None:
            self.record = load_ticket(self.ctx.desk, self.record.ticket.id)
            self.matches = [m if self.record is None or m.ticket.id != self.record.ticket.id else self.record
                            for m in self.matches]

    def cancel(self, reason: str) -> None:
        record = self.record
        if record is None:
            return
        number = record.ticket.display
        try:
            done = self.act(lambda: cancel_ticket(self.ctx.desk, self.role, record.ticket.id, reason))
        except TicketActionRefused as refused:
            self._refused(refused.problem)
            return
        if done:
            self.say(lambda: self.tr("Ticket {number} is cancelled: {reason}.").format(
                number=number, reason=lower_first(admin_words().cancel_reason(reason))))
        self._reload()
        self.retranslate()

    def reprint(self) -> None:
        record = self.record
        if record is None or not self.can_print:
            return
        try:
            done = self.act(lambda: record_reprint(self.ctx.desk, self.role, record.ticket.id))
        except TicketActionRefused as refused:
            self._refused(refused.problem)
            return
        if done:
            self.reprint_requested.emit(record.ticket)
            number = record.ticket.display
            self.say(lambda: self.tr("Ticket {number} sent to the printer again.").format(number=number))
        self._reload()
        self.retranslate()

    def _refused(self, problem: TicketProblem) -> None:
        if problem is TicketProblem.CANCELLED:
            self.say(lambda: self.tr("This ticket is cancelled."), problem=True)
        else:
            self.say(lambda: self.tr("This ticket is no longer in the kiosk."), problem=True)
        self._reload()
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        self.field.clear()
        self.matches, self.record, self.searched = [], None, False
        self.retranslate()

    def refresh(self) -> None:
        self._reload()
        self.retranslate()

    # -- words -------------------------------------------------------------------------
    def _summary(self, record: TicketRecord) -> str:
        ticket = record.ticket
        local = self.ctx.config.local(ticket.issued_utc)
        return f"{ticket.display} · {local:%H:%M} · {self._service(ticket.service_id)}"

    def _service(self, service_id: str) -> str:
        try:
            return self.ctx.catalog.service(service_id).name.get(self.ctx.language.current)
        except KeyError:
            return service_id

    def retranslate(self) -> None:
        aw = admin_words()
        self.hint.setText(self.tr("Type today's ticket number (for example П17, or just 17) or scan its QR code."))
        set_button_text(self.find_button, self.tr("Find"))
        self.field.setAccessibleName(self.tr("Ticket number"))
        set_button_text(self.reprint_button, self.tr("Print again"))
        self.cancel_prompt.setText(self.tr("Cancel the ticket because:"))
        for code, button in self.cancel_buttons.items():
            set_button_text(button, aw.cancel_reason(code))

        several = len(self.matches) > 1
        for i, tile in enumerate(self.match_buttons):
            shown = several and i < len(self.matches)
            tile.setVisible(shown)
            if shown:
                match = self.matches[i].ticket
                tile.set_texts(f"{match.display} · {self.ctx.config.local(match.issued_utc):%H:%M}",
                               self._service(match.service_id))
                mark_chosen(tile, self.matches[i] is self.record)
        if not self.searched:
            self.result_title.setText(self.tr("No ticket looked up yet"))
        elif not self.matches:
            self.result_title.setText(self.tr("No ticket with this number today"))
        elif several and self.record is None:
            self.result_title.setText(self.tr("%n tickets have this number; choose one", "", len(self.matches)))
        else:
            self.result_title.setText(self.tr("Ticket found"))

        record = self.record
        for widget in (self.detail, self.reprint_button, self.cancel_prompt, *self.cancel_buttons.values()):
            widget.setVisible(record is not None)
        if record is None:
            return
        local = self.ctx.config.local(record.ticket.issued_utc)
        lines = [self._summary(record),
                 self.tr("Expected wait when taken: {minutes} min").format(minutes=record.ticket.wait_minutes),
                 self.tr("Print: {state}").format(state=aw.print_state(record.print_state, record.print_error))]
        if record.cancelled:
            cancelled = self.ctx.config.local(record.cancelled_utc) if record.cancelled_utc else local
            lines.append(self.tr("Cancelled at {time}: {reason}").format(
                time=f"{cancelled:%H:%M}", reason=aw.cancel_reason(record.cancel_reason)))
        else:
            lines.append(self.tr("Waiting to be called"))
        self.detail.setText("\n".join(lines))
        self.reprint_button.setEnabled(self.can_print and not record.cancelled)
        if not self.can_print:
            set_button_text(self.reprint_button, self.tr("No printer on this kiosk"))
        self.cancel_prompt.setVisible(not record.cancelled)
        for button in self.cancel_buttons.values():
            button.setVisible(not record.cancelled)
