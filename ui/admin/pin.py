"""The staff PIN pad that opens admin mode.

One pad for both roles: the PIN says whether a consultant or an operator is
signing in. The slow hash check runs off the GUI thread; the pad waits
meanwhile. Wrong PINs, the lockout and "no PIN set" are said plainly. While
locked, the pad's keys are disabled and it counts down the time left; a timer
asks the store every second, so the pad opens when the lock runs out or when
an operator lifts it on the box (``main.py unlock-pins``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.admin.pins import FAILURES_BEFORE_LOCK, PinAttempt, PinOutcome, match_role
from kiosk.store import StoreError
from ui.admin.session import AdminSession, BackgroundCall
from ui.context import UiContext
from ui.widgets.labels import label, set_role
from ui.widgets.pinpad import PinPad
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction


class AdminPinScreen(Screen):
    """Signals:
        signed_in(str): the role whose PIN was typed (already audited).
    """

    screen_name = "adminPin"
    signed_in = Signal(str)

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session = session
        self.state: Callable[[], str] = lambda: ""
        self.warning = False
        self.checking = False
        row = QHBoxLayout()
        row.setSpacing(80)
        text = QVBoxLayout()
        text.setSpacing(20)
        self.hint = label("subtitle", name="adminPinHint")
        self.message = label(None, name="adminPinMessage")
        text.addWidget(self.hint)
        text.addWidget(self.message)
        text.addStretch(1)
        row.addLayout(text, 1)
        self.pad = PinPad()
        self.pad.submitted.connect(self._check)
        row.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop)
        # The explanation beside the pad; on a narrow screen above it. Where the
        # two do not fit (large text on a short screen) they scroll, and say so.
        self.row = row
        content = QWidget()
        content_column = QVBoxLayout(content)
        content_column.setContentsMargins(0, 0, 0, 0)
        content_column.addLayout(row)
        content_column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content, "adminPinScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.call = BackgroundCall(self)
        self.call.finished.connect(self._on_checked)
        self.lock_timer = QTimer(self)
        self.lock_timer.setObjectName("pin-lock-timer")
        self.lock_timer.setInterval(1000)
        self.lock_timer.timeout.connect(self._check_lock)
        self.retranslate()

    def fit(self) -> None:
        set_direction(self.row, across=not self.narrow())

    # -- flow ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Shown again: a fresh pad, and the lock or 'not set up' state from the store."""
        self.pad.clear()
        refused = self.session.vault.gate()
        if refused is not None:
            self._show_refusal(refused)
        else:
            self._unlock_pad()
            self._set_state(lambda: "", warning=False)
        super().refresh()

    def reset(self) -> None:
        self.lock_timer.stop()
        self.call.cancel()
        self.checking = False
        self.pad.clear()
        self._set_state(lambda: "", warning=False)

    @Slot()
    def _check(self) -> None:
        if self.checking:
            return
        pin = self.pad.take()
        refused = self.session.vault.gate()
        if refused is not None:
            self._show_refusal(refused)
            return
        self.checking = True
        self.pad.setEnabled(False)
        self._set_state(lambda: self.tr("Checking…"), warning=False)
        hashes = self.session.vault.hashes()
        self.call.run(lambda: match_role(pin, hashes))

    @Slot(int, object)
    def _on_checked(self, token: int, result: object) -> None:
        if token != self.call.token:
            return  # the pad was left meanwhile
        self.checking = False
        self.pad.setEnabled(True)
        role = result if isinstance(result, str) else None
        try:
            attempt = self.session.vault.record(role)
        except StoreError:
            self._set_state(lambda: self.tr("The kiosk cannot check PINs right now."), warning=True)
            return
        if attempt.outcome is PinOutcome.OK and attempt.role is not None:
            self._set_state(lambda: "", warning=False)
            self.signed_in.emit(attempt.role)
            return
        self._show_refusal(attempt)

    @Slot()
    def _check_lock(self) -> None:
        """Every second while locked: the time left, or the pad open again."""
        try:
            refused = self.session.vault.gate()
        except StoreError:
            return  # try again at the next tick
        if refused is not None and refused.outcome is PinOutcome.LOCKED:
            self._lock_pad(refused)
            return
        self._unlock_pad()
        if refused is not None:
            self._show_refusal(refused)
        else:
            self._set_state(lambda: "", warning=False)

    def _lock_pad(self, attempt: PinAttempt) -> None:
        until = attempt.locked_until
        left = 0.0 if until is None else (until - self.session.store.clock.now_utc()).total_seconds()
        self.pad.set_locked(max(1, math.ceil(left)))
        if not self.lock_timer.isActive():
            self.lock_timer.start()

    def _unlock_pad(self) -> None:
        self.lock_timer.stop()
        self.pad.set_locked(None)
        self.pad.setEnabled(True)

    def _show_refusal(self, attempt: PinAttempt) -> None:
        if attempt.outcome is PinOutcome.LOCKED:
            self._lock_pad(attempt)
        else:
            self._unlock_pad()
        self.pad.setEnabled(attempt.outcome is not PinOutcome.NOT_SET)
        if attempt.outcome is PinOutcome.NOT_SET:
            self._set_state(lambda: self.tr(
                "Admin mode is not set up on this kiosk. An operator sets the PINs from the command line: "
                "python main.py set-pin --role consultant"), warning=True)
        elif attempt.outcome is PinOutcome.LOCKED and attempt.locked_until is not None:
            until = self.ctx.config.local(attempt.locked_until)
            self._set_state(lambda: self.tr("Too many wrong PINs. The pad is locked until {time}.").format(
                time=until.strftime("%H:%M:%S")), warning=True)
        else:
            left = max(0, FAILURES_BEFORE_LOCK - attempt.failures)
            self._set_state(lambda: self.tr("Wrong PIN. %n more try(-ies) before the pad locks.", "", left),
                            warning=True)

    def _set_state(self, text: Callable[[], str], *, warning: bool) -> None:
        self.state, self.warning = text, warning
        self._show_state()

    def _show_state(self) -> None:
        text = self.state()
        self.message.setText(text)
        self.message.setVisible(bool(text))
        set_role(self.message, "warning" if self.warning else "subtitle")

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff sign-in"))
        self.hint.setText(self.tr("Type your PIN and tap OK. Admin mode closes after a minute without a touch."))
        self._show_state()
