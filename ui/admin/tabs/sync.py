"""Admin tab *Sync*: the link to the central server, what waits to be sent,
what the server set aside and why, and *sync now*."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.audit import SYNC_NOW, record_action
from kiosk.sync.status import SyncStatus, read_status
from ui.admin.page import AdminPage, admin_button, card, restyle, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.labels import label

SHOWN_REJECTED = 20


class SyncPage(AdminPage):
    """Signals:
        sync_now_requested(): run a sync round now (already audited).
    """

    page_name = "sync"
    sync_now_requested = Signal()

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.configured = False
        self.setup_problem = ""
        self.status: SyncStatus | None = None
        frame, inside = card("sync")
        self.state_line = label("ok", name="syncState")
        self.success_line = label(None, name="syncLastSuccess")
        self.attempt_line = label(None, name="syncLastAttempt")
        self.error_line = label("small", name="syncLastError")
        self.pending_line = label(None, name="syncPending")
        for widget in (self.state_line, self.success_line, self.attempt_line, self.error_line, self.pending_line):
            inside.addWidget(widget)
        self.body.addWidget(frame)
        self.now_button = admin_button("syncNow", primary=True)
        self.now_button.setProperty("wide", True)
        self.now_button.clicked.connect(self.sync_now)
        self.body.addWidget(self.now_button)
        rejected_frame, rejected = card("syncRejected")
        self.rejected_title = label("section", name="syncRejectedTitle")
        self.rejected_list = label("small", name="syncRejectedList")
        rejected.addWidget(self.rejected_title)
        rejected.addWidget(self.rejected_list)
        self.body.addWidget(rejected_frame)
        self.body.addStretch(1)
        self.retranslate()

    def set_setup(self, configured: bool, problem: str) -> None:
        """Whether a server is set up for this kiosk, and if not, what the sync bridge found wrong."""
        self.configured, self.setup_problem = configured, problem
        self.retranslate()

    def sync_now(self) -> None:
        if not self.act(lambda: record_action(self.ctx.desk.store, self.role, SYNC_NOW)):
            return
        self.sync_now_requested.emit()
        if self.configured:
            self.say(lambda: self.tr("Sync requested. The figures here update when it is done."))
        else:
            self.say(lambda: self.tr("No central server is set up, so nothing can be sent."), problem=True)

    def refresh(self) -> None:
        self.status = read_status(self.ctx.desk.store, self.configured)
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.now_button, self.tr("Sync now"))
        self.rejected_title.setText(self.tr("Events set aside by the server"))
        status = self.status
        if status is None:
            return
        aw = admin_words()
        now = self.ctx.desk.now_local()
        local = self.ctx.config.local
        if not self.configured and status.last_attempt_utc is None:
            self.state_line.setText(self.tr("No central server is set up: the kiosk works offline only."))
            restyle(self.state_line, "warning")
        elif status.online:
            self.state_line.setText(self.tr("Online: the last attempt reached the server."))
            restyle(self.state_line, "ok")
        else:
            self.state_line.setText(self.tr("Offline: the last attempt did not reach the server."))
            restyle(self.state_line, "warning")
        self.success_line.setText(self.tr("Last successful sync: {when}").format(
            when=aw.moment(local(status.last_success_utc) if status.last_success_utc else None, now)))
        self.attempt_line.setText(self.tr("Last attempt: {when}").format(
            when=aw.moment(local(status.last_attempt_utc) if status.last_attempt_utc else None, now)))
        problem = status.last_error or ("" if self.configured else self.setup_problem)
        self.error_line.setText(self.tr("Last problem: {error}").format(error=problem) if problem else "")
        self.error_line.setVisible(bool(problem))
        self.pending_line.setText(self.tr("%n event(s) waiting to be sent", "", status.pending))
        if not status.rejected:
            self.rejected_list.setText(self.tr("None: the server has accepted everything sent so far."))
            return
        lines = [self.tr("%n event(s) set aside; they are kept here and not sent again.", "",
                         len(status.rejected))]
        for event in status.rejected[:SHOWN_REJECTED]:
            when = aw.moment(local(event.occurred_utc), now)
            lines.append(f"{when} · {event.kind} · {event.code}: {event.reason}")
        self.rejected_list.setText("\n".join(lines))
