"""The bars around every screen: the centre's name and clock above; back,
home and the language switch below, within reach of a seated visitor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from kiosk.clock import Clock
from kiosk.config import Config
from ui.i18n import LanguageManager
from ui.widgets.labels import label

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
        self.clock = label(name="clock", wrap=False, align=Qt.AlignmentFlag.AlignRight)
        row.addWidget(self.centre, 1)
        row.addWidget(self.clock)
        self.timer = QTimer(self)
        self.timer.setObjectName("clock-timer")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.retranslate()

    def tick(self) -> None:
        local = self.config.local(self.clock_source.now_utc())
        self.clock.setText(local.strftime("%d.%m.%Y  %H:%M"))

    def retranslate(self) -> None:
        self.centre.setText(self.config.centre_name.get(self.language.current))
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
        self.setObjectName("bottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.language = language
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 16, 40, 16)
        row.setSpacing(20)
        self.back_button = _button("backButton")
        self.home_button = _button("homeButton")
        self.back_button.clicked.connect(self.back)
        self.home_button.clicked.connect(self.home)
        row.addWidget(self.back_button)
        row.addWidget(self.home_button)
        row.addStretch(1)
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

    def set_navigation(self, visible: bool) -> None:
        self.back_button.setVisible(visible)
        self.home_button.setVisible(visible)

    def retranslate(self) -> None:
        self.back_button.setText("‹  " + self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.home_button.setText(self.tr("Start"))
        self.home_button.setAccessibleName(self.tr("Start"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
