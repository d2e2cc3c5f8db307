"""The bars around every screen: the centre's name and clock above; back,
home and the language switch below, within reach of a seated visitor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.sync.status import SyncStatus
from ui.i18n import LanguageManager
from ui.widgets.labels import label
from ui.widgets.layouts import clear_layout

LANGUAGE_NAMES = {"ru": "Русский", "en": "English"}


def _button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class TopBar(QWidget):
    def __init__(self, config: Config, clock: Clock, language: LanguageManager,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.config, self.clock_source, self.language = config, clock, language
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 18, 40, 18)
        self.centre = label(name="centreName", wrap=False)
        self.connection = label(name="connection", wrap=False, align=Qt.AlignmentFlag.AlignRight)
        self.connection.hide()  # shown once sync is configured
        self.clock = label(name="clock", wrap=False, align=Qt.AlignmentFlag.AlignRight)
        # The name takes only the width of its text (the stretch after it takes
        # the rest), so its geometry is exactly the admin gesture's target.
        row.addWidget(self.centre)
        row.addStretch(1)
        row.addWidget(self.connection)
        row.addSpacing(32)
        row.addWidget(self.clock)
        self.sync_status: SyncStatus | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("clock-timer")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate()

    def gesture_area(self) -> QRect:
        """Where the hidden admin gesture is tapped, in this bar's coordinates: the
        centre's name, as wide as its text in the current language and text size,
        over the bar's whole height (a finger a little above or below still counts)."""
        name = self.centre.geometry()
        return QRect(name.left(), 0, name.width(), self.height())

    def tick(self) -> None:
        local = self.config.local(self.clock_source.now_utc())
        self.clock.setText(local.strftime("%d.%m.%Y  %H:%M"))

    def set_sync_status(self, status: SyncStatus) -> None:
        """Show online/offline and the time of the last successful sync."""
        self.sync_status = status
        self.connection.show()
        self.retranslate()

    def retranslate(self) -> None:
        self.centre.setText(self.config.centre_name.get(self.language.current))
        status = self.sync_status
        if status is not None:
            last = (self.config.local(status.last_success_utc).strftime("%H:%M")
                    if status.last_success_utc else "")
            if status.online:
                text = self.tr("● Online · synced {time}").format(time=last) if last else self.tr("● Online")
            else:
                text = self.tr("○ Offline · last sync {time}").format(time=last) if last else self.tr("○ Offline")
            self.connection.setText(text)
            self.connection.setAccessibleName(text)
        self.tick()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class BottomBar(QWidget):
    """Signals:
        back(), home(): navigation taps.
    """

    back = Signal()
    home = Signal()

    def __init__(self, language: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._extra: list[QWidget] = []  # the widgets added through add_switches()
        self.setObjectName("bottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.language = language
        # As wide as the window whatever its buttons need: on a narrow screen
        # (portrait, 1280 px) the switches take a second row instead (see _reflow).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        rows = QVBoxLayout(self)
        self.rows = rows
        rows.setContentsMargins(40, 16, 40, 16)
        rows.setSpacing(16)
        row = QHBoxLayout()
        row.setSpacing(20)
        rows.addLayout(row)
        self.row = row
        # The second row, empty (and taking no room) while everything fits in one.
        self.second_row = QHBoxLayout()
        self.second_row.setSpacing(20)
        rows.addLayout(self.second_row)
        self.back_button = _button("backButton")
        self.home_button = _button("homeButton")
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addStretch(1)
        # Further switches (text size, contrast, voice) go here, before the
        # languages, through add_switches().
        self.switches = QHBoxLayout()
        self.switches.setSpacing(20)
        row.addLayout(self.switches)
        self.language_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        for code, name in LANGUAGE_NAMES.items():
            button = _button(f"language-{code}")
            button.setText(name)
            button.setAccessibleName(name)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.language.set_language(c))
            group.addButton(button)
            row.addWidget(button)
            self.language_buttons[code] = button
        self.language.changed.connect(self._sync_language)
        self._sync_language(self.language.current)
        self.retranslate()

    def _sync_language(self, code: str) -> None:
        self.language_buttons[code].setChecked(True)

    def add_switches(self, widget: QWidget) -> None:
        """Add a widget of switches left of the language buttons; its owner sets its texts."""
        self.switches.addWidget(widget)
        self._extra.append(widget)
        self._reflow()

    def set_navigation(self, visible: bool) -> None:
        self.back_button.setVisible(visible)
        self.home_button.setVisible(visible)
        self._reflow()

    def one_row_width(self) -> int:
        """The width that every control in one row needs (margins included)."""
        widgets = [w for w in (self.back_button, self.home_button, *self._extra, *self.language_buttons.values())
                   if not w.isHidden()]
        margins = self.rows.contentsMargins()
        spacing = self.row.spacing()
        return (margins.left() + margins.right() + sum(w.sizeHint().width() for w in widgets)
                + spacing * max(0, len(widgets) - 1) + spacing)  # and a gap for the stretch

    def two_rows(self) -> bool:
        """Whether the switches are in a row of their own (the bar is too narrow for one row)."""
        return self.second_row.count() > 0

    def _reflow(self) -> None:
        """One row when everything fits the bar's width, else the switches go to a second row."""
        wanted = self.width() < self.one_row_width()
        if wanted == self.two_rows():
            return
        for widget in self._extra:
            if wanted:
                self.switches.removeWidget(widget)
                self.second_row.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                self.second_row.removeWidget(widget)
                self.switches.addWidget(widget)
        if wanted:
            self.second_row.addStretch(1)
        else:
            clear_layout(self.second_row)  # its stretch: the switches went back above

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def event(self, event: QEvent) -> bool:
        # A child's size changed (text, font, a switch shown): the row may no longer fit, or fit again.
        if event.type() == QEvent.Type.LayoutRequest:
            self._reflow()
        return super().event(event)

    def retranslate(self) -> None:
        self.back_button.setText("‹  " + self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.home_button.setText(self.tr("Start"))
        self.home_button.setAccessibleName(self.tr("Start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
