"""Admin tab *Banner*: a short message for visitors on Home, in Russian and
English, shown until it expires."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.admin.banner import MAX_BANNER_CHARS, Banner, clear_banner, set_banner, stored_banner
from ui.admin.page import AdminPage, admin_button, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.labels import label
from ui.widgets.private_text import PrivateLineEdit
from ui.widgets.screen import set_direction, width_across

# How long a banner stays: hours from now, or until the end of today or tomorrow.
EXPIRY_CHOICES = ("1h", "4h", "today", "tomorrow")


class BannerPage(AdminPage):
    page_name = "banner"

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.banner: Banner | None = None
        self.expiry = "today"
        self.body.setSpacing(12)  # the keyboard needs the height
        self.now_line = label(None, name="bannerNow")
        self.body.addWidget(self.now_line)
        fields = QHBoxLayout()
        fields.setSpacing(18)
        self.fields: dict[str, QLineEdit] = {}
        for lang in ("ru", "en"):
            field = PrivateLineEdit()
            field.setObjectName(f"bannerText-{lang}")
            field.setProperty("role", "bannerField")
            field.setMaxLength(MAX_BANNER_CHARS)
            field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
            field.installEventFilter(self)
            fields.addWidget(field, 1)
            self.fields[lang] = field
        self.show_button = admin_button("bannerShow", primary=True)
        self.show_button.clicked.connect(self.publish)
        self.remove_button = admin_button("bannerRemove")
        self.remove_button.clicked.connect(self.remove)
        fields.addWidget(self.show_button)
        fields.addWidget(self.remove_button)
        self.body.addLayout(fields)
        self.fields_row = fields
        actions = QHBoxLayout()
        actions.setSpacing(14)
        self.expiry_prompt = label("subtitle", name="bannerExpiryPrompt", wrap=False)
        actions.addWidget(self.expiry_prompt)
        self.expiry_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for code in EXPIRY_CHOICES:
            button = admin_button(f"bannerExpiry-{code}", checkable=True)
            button.setProperty("choice", True)
            button.clicked.connect(lambda _=False, c=code: self._choose_expiry(c))
            group.addButton(button)
            actions.addWidget(button)
            self.expiry_buttons[code] = button
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.actions_row = actions
        self.keyboard = OnScreenKeyboard("ru")
        self.keyboard.typed.connect(self._type)
        self.keyboard.backspace.connect(self._backspace)
        # In a named box so the stylesheet can give its keys the minimum touch height:
        # the whole keyboard then fits under the fields without scrolling.
        keys = QWidget()
        keys.setObjectName("bannerKeys")
        box = QVBoxLayout(keys)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.keyboard)
        self.body.addWidget(keys)  # as wide as the tab: the keyboard centres its rows (and breaks them if narrow)
        self.body.addStretch(1)
        self.active = "ru"
        self._choose_expiry("today")
        self.retranslate()

    # -- fitting the width: a row too wide for the tab goes one item above the other ----
    def _fit_rows(self) -> None:
        room = self.scroll_area.viewport().width()
        for box in (self.fields_row, self.actions_row):
            set_direction(box, across=width_across(box) <= room)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            QTimer.singleShot(0, self, self._fit_rows)  # once the children have the new font and words
        super().changeEvent(event)

    # -- typing: the keyboard types into the field last tapped, in its language ----------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.FocusIn):
            for lang, field in self.fields.items():
                if watched is field:
                    self.activate(lang)
        return False

    def activate(self, lang: str) -> None:
        self.active = lang
        self.keyboard.set_layout(lang)
        for code, field in self.fields.items():
            field.setProperty("active", code == lang)
            field.style().unpolish(field)
            field.style().polish(field)

    def _type(self, text: str) -> None:
        self.fields[self.active].insert(text)

    def _backspace(self) -> None:
        self.fields[self.active].backspace()

    def _choose_expiry(self, code: str) -> None:
        self.expiry = code
        self.expiry_buttons[code].setChecked(True)

    def expires_utc(self) -> dt.datetime:
        now = self.ctx.desk.now_local()
        if self.expiry == "1h":
            return now + dt.timedelta(hours=1)
        if self.expiry == "4h":
            return now + dt.timedelta(hours=4)
        days = 1 if self.expiry == "today" else 2
        return dt.datetime.combine(now.date() + dt.timedelta(days=days), dt.time(0, 0), now.tzinfo)

    # -- actions --------------------------------------------------------------------------
    def publish(self) -> None:
        ru, en = self.fields["ru"].text(), self.fields["en"].text()
        if not (ru.strip() or en.strip()):
            self.say(lambda: self.tr("Type the message first, in Russian and in English."), problem=True)
            return
        until = self.expires_utc()
        if self.act(lambda: set_banner(self.ctx.desk.store, self.role, ru, en, until)):
            self.say(lambda: self.tr("The banner is on Home now."))
        self.refresh()

    def remove(self) -> None:
        if self.act(lambda: clear_banner(self.ctx.desk.store, self.role)):
            self.say(lambda: self.tr("The banner is removed."))
        self.refresh()

    def refresh(self) -> None:
        self.banner = stored_banner(self.ctx.desk.store)
        if self.banner is not None and not self.fields["ru"].text() and not self.fields["en"].text():
            self.fields["ru"].setText(self.banner.ru)
            self.fields["en"].setText(self.banner.en)
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        for field in self.fields.values():
            field.clear()
        self.keyboard.reset()
        self.activate("ru")
        self._choose_expiry("today")

    def retranslate(self) -> None:
        self.fields["ru"].setPlaceholderText(self.tr("Message in Russian"))
        self.fields["en"].setPlaceholderText(self.tr("Message in English"))
        for field in self.fields.values():
            field.setAccessibleName(field.placeholderText())
        self.expiry_prompt.setText(self.tr("Show until:"))
        captions = {"1h": self.tr("1 hour"), "4h": self.tr("4 hours"), "today": self.tr("End of today"),
                    "tomorrow": self.tr("End of tomorrow")}
        for code, button in self.expiry_buttons.items():
            set_button_text(button, captions[code])
        set_button_text(self.show_button, self.tr("Show on Home"))
        set_button_text(self.remove_button, self.tr("Remove"))
        banner = self.banner
        now = self.ctx.desk.store.clock.now_utc()
        if banner is None or now >= banner.expires_utc:
            self.now_line.setText(self.tr("No banner is shown to visitors now."))
            self.remove_button.setVisible(False)
            return
        until = admin_words().moment(self.ctx.config.local(banner.expires_utc), self.ctx.desk.now_local())
        self.now_line.setText(self.tr("Visitors see until {until}: «{text}»").format(
            until=until, text=banner.text(self.ctx.language.current)))
        self.remove_button.setVisible(True)
