"""Admin tab *Kiosk* (operators only): identity, version, paths, disk, the
recent log, changing PINs, and leaving the application."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScroller, QWidget

from kiosk.admin.pins import CONSULTANT, OPERATOR, ROLES, PinRejected, new_pin_hash
from kiosk.audit import APP_EXIT, record_action
from kiosk.health import HealthReport, health_report, log_tail
from kiosk.store import StoreError
from ui.admin.page import AdminPage, admin_button, card, set_button_text
from ui.admin.session import AdminSession, BackgroundCall
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.labels import breakable, label
from ui.widgets.pinpad import PinPad

log = logging.getLogger(__name__)

EXIT_CONFIRM_MS = 5000


class OperatorPage(AdminPage):
    """Signals:
        exit_requested(): leave the application (already audited).
    """

    page_name = "operator"
    exit_requested = Signal()

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.report: HealthReport | None = None
        frame, inside = card("kioskInfo")
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        self.info: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(("kiosk", "centre", "version", "config", "data", "disk", "database")):
            name = label("subtitle", name=f"info-{key}", wrap=False)
            value = label(None, name=f"info-{key}-value")
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.info[key] = (name, value)
        grid.setColumnStretch(1, 1)
        inside.addLayout(grid)
        self.body.addWidget(frame)
        self.log_title = label("section", name="logTitle")
        self.body.addWidget(self.log_title)
        self.log_view = QPlainTextEdit()
        self.log_view.setObjectName("logView")
        self.log_view.setReadOnly(True)
        self.log_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.log_view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.log_view.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.log_view.setMinimumHeight(280)
        QScroller.grabGesture(self.log_view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        self.body.addWidget(self.log_view)
        self.body.addStretch(1)

        self.use_side_panel(700)
        self.pin_title = label("section", name="pinChangeTitle")
        self.side.addWidget(self.pin_title)
        self.pin_buttons: dict[str, QPushButton] = {}
        for role in ROLES:
            button = admin_button(f"changePin-{role}")
            button.clicked.connect(lambda _=False, r=role: self.start_pin_change(r))
            self.side.addWidget(button)
            self.pin_buttons[role] = button
        self.pin_prompt = label("subtitle", name="pinChangePrompt")
        self.side.addWidget(self.pin_prompt)
        self.pad = PinPad()
        self.pad.submitted.connect(self._pin_typed)
        self.side.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignHCenter)
        self.side.addStretch(1)
        exit_row = QHBoxLayout()
        self.exit_button = admin_button("exitApplication")
        self.exit_button.setProperty("danger", True)
        self.exit_button.clicked.connect(self.exit_tapped)
        exit_row.addWidget(self.exit_button)
        self.side.addLayout(exit_row)
        self.exit_timer = QTimer(self)
        self.exit_timer.setObjectName("exit-confirm-timer")
        self.exit_timer.setSingleShot(True)
        self.exit_timer.setInterval(EXIT_CONFIRM_MS)
        self.exit_timer.timeout.connect(self.retranslate)
        self.pin_role: str | None = None
        self.first_pin: str | None = None
        self.hashing = BackgroundCall(self)
        self.hashing.finished.connect(self._hashed)
        self.retranslate()

    # -- PINs ----------------------------------------------------------------------------
    def start_pin_change(self, role: str) -> None:
        self.pin_role, self.first_pin = role, None
        self.pad.clear()
        self.pad.setEnabled(True)
        self.say(lambda: "")
        self.retranslate()

    @Slot()
    def _pin_typed(self) -> None:
        role = self.pin_role
        if role is None:
            return
        pin = self.pad.take()
        if self.first_pin is None:
            self.first_pin = pin
            self.retranslate()
            return
        if pin != self.first_pin:
            self.first_pin = None
            self.say(lambda: self.tr("The two PINs differ. Type the new PIN again."), problem=True)
            self.retranslate()
            return
        self.first_pin = None
        self.pad.setEnabled(False)
        vault = self.session.vault
        others, params = vault.other_hashes(role), vault.params  # read here: the store belongs to this thread
        self.say(lambda: self.tr("Saving the PIN…"))
        self.hashing.run(lambda: new_pin_hash(role, pin, others, params))

    @Slot(int, object)
    def _hashed(self, token: int, result: object) -> None:
        if token != self.hashing.token or self.pin_role is None:
            return
        role, self.pin_role = self.pin_role, None
        self.pad.setEnabled(True)
        if isinstance(result, PinRejected):
            self.say(lambda: self.tr("This PIN is already used by the other role. Choose another."), problem=True)
        elif isinstance(result, str):
            try:
                self.session.vault.store_hash(role, result, by=self.role)
            except StoreError:
                self.say(lambda: self.tr("The kiosk could not save this. Please try again."), problem=True)
            else:
                name = admin_words().role(role)
                self.say(lambda: self.tr("The PIN of the role «{role}» is changed.").format(role=name))
        else:
            log.error("hashing a new PIN failed: %r", result)
            self.say(lambda: self.tr("The kiosk could not save this. Please try again."), problem=True)
        self.retranslate()

    # -- leaving ---------------------------------------------------------------------------
    def exit_tapped(self) -> None:
        """The first tap asks for a second one within five seconds; the second exits."""
        if not self.exit_timer.isActive():
            self.exit_timer.start()
            self.retranslate()
            return
        self.exit_timer.stop()
        self.act(lambda: record_action(self.ctx.desk.store, self.role, APP_EXIT))
        self.exit_requested.emit()

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        data_dir = self.ctx.desk.store.health.path.parent
        self.report = health_report(self.ctx.config, data_dir)
        self.log_view.setPlainText("\n".join(log_tail(self.report.log_path)))
        bar = self.log_view.verticalScrollBar()
        bar.setValue(bar.maximum())  # the newest lines first in view
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        self.hashing.cancel()
        self.pin_role = self.first_pin = None
        self.pad.clear()
        self.pad.setEnabled(True)
        self.exit_timer.stop()
        self.retranslate()

    def retranslate(self) -> None:
        aw = admin_words()
        names = {"kiosk": self.tr("Kiosk"), "centre": self.tr("Centre"), "version": self.tr("Version"),
                 "config": self.tr("Config file"), "data": self.tr("Data folder"), "disk": self.tr("Free disk"),
                 "database": self.tr("Database")}
        for key, (name, _value) in self.info.items():
            name.setText(names[key])
        report = self.report
        if report is not None:
            free = aw.size(report.disk_free_bytes)
            values = {"kiosk": report.kiosk_id, "centre": report.centre_id, "version": report.version,
                      "config": report.config_path, "data": str(report.data_dir),
                      "disk": self.tr("{free} of {total}").format(free=free, total=aw.size(report.disk_total_bytes)),
                      "database": f"{aw.size(report.db_bytes)} · {report.db_path}"}
            for key, (_name, value) in self.info.items():
                # A long path wraps after its separators instead of widening the card.
                value.setText(breakable(values[key]) if key in ("config", "data", "database") else values[key])
        self.log_title.setText(self.tr("Recent log (last 200 lines)"))
        self.log_view.setAccessibleName(self.log_title.text())
        if self.log_view.toPlainText() == "" and report is not None:
            self.log_view.setPlaceholderText(self.tr("The log file is empty or missing: {path}").format(
                path=report.log_path))
        self.pin_title.setText(self.tr("PINs"))
        set_button_text(self.pin_buttons[CONSULTANT], self.tr("Change the consultant's PIN"))
        set_button_text(self.pin_buttons[OPERATOR], self.tr("Change the operator's PIN"))
        changing = self.pin_role is not None
        self.pad.setVisible(changing)
        if not changing:
            self.pin_prompt.setText(self.tr("A PIN has 4 to 12 digits."))
        else:
            role = aw.role(self.pin_role)
            self.pin_prompt.setText(
                self.tr("New PIN for the role «{role}»:").format(role=role) if self.first_pin is None
                else self.tr("Type the new PIN again:"))
        set_button_text(self.exit_button, self.tr("Tap again to exit") if self.exit_timer.isActive()
                        else self.tr("Exit the application"))
