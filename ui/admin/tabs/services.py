"""Admin tab *Services*: pause a service with a reason, or resume it.

Visitors then see the service unavailable with the reason, in both languages;
the pause survives a restart and is synced as an audit event.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.pauses import PAUSE_REASONS, SOURCE_SERVER, Pause, active_pauses, pause_service, resume_service
from ui import words
from ui.admin.page import AdminPage, admin_button, mark_chosen, set_button_text
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.screen import equal_columns, fit_columns, place_tiles
from ui.widgets.tile import Tile

COLUMNS = 2


class ServicesPage(AdminPage):
    page_name = "services"

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.pauses: dict[str, Pause] = {}
        self.selected: str | None = None
        self.hint = label("subtitle", name="adminServicesHint")
        self.body.addWidget(self.hint)
        grid = QGridLayout()
        grid.setSpacing(14)
        equal_columns(grid, COLUMNS)
        self.grid = grid
        self.tiles: dict[str, Tile] = {}
        services = [s for c in ctx.catalog.categories for s in c.services]
        for i, service in enumerate(services):
            tile = Tile(f"adminService-{service.id}", badge=ctx.catalog.category(service.category_id).prefix)
            tile.clicked.connect(lambda _=False, sid=service.id: self.select(sid))
            grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles[service.id] = tile
        self.body.addLayout(grid)
        self.body.addStretch(1)

        self.use_side_panel(620)
        self.chosen = label("section", name="adminServiceChosen")
        self.state = label(None, name="adminServiceState")
        self.reason_prompt = label("subtitle", name="adminPausePrompt")
        self.resume_button = admin_button("resumeService", primary=True)
        self.resume_button.clicked.connect(self.resume)
        self.side.addWidget(self.chosen)
        self.side.addWidget(self.state)
        self.side.addWidget(self.resume_button)
        self.side.addWidget(self.reason_prompt)
        self.reason_buttons: dict[str, QPushButton] = {}
        for code in PAUSE_REASONS:
            button = admin_button(f"pause-{code}")
            button.clicked.connect(lambda _=False, c=code: self.pause(c))
            self.side.addWidget(button)
            self.reason_buttons[code] = button
        self.side.addStretch(1)
        self.retranslate()

    def _fit_columns(self) -> None:
        """Two columns, or one where a long word would not fit half the width (large text, narrow screen)."""
        tiles = list(self.tiles.values())
        place_tiles(self.grid, tiles, fit_columns(tiles, self.scroll_area.viewport().width(),
                                                  self.grid.horizontalSpacing(), COLUMNS))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit_columns)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            QTimer.singleShot(0, self, self._fit_columns)  # once the tiles have their new font and words
        super().changeEvent(event)

    def select(self, service_id: str) -> None:
        self.selected = service_id
        for sid, tile in self.tiles.items():
            mark_chosen(tile, sid == service_id)
        self.retranslate()

    def pause(self, reason: str) -> None:
        sid = self.selected
        if sid is None or not self.act(lambda: pause_service(self.ctx.desk.store, self.role, sid, reason)):
            return
        name = self._name(sid)
        self.say(lambda: self.tr("«{service}» is paused: {reason}. Visitors see it as unavailable.").format(
            service=name(), reason=words.pause_reason(reason)))
        self.refresh()

    def resume(self) -> None:
        sid = self.selected
        if sid is None or not self.act(lambda: resume_service(self.ctx.desk.store, self.role, sid)):
            return
        name = self._name(sid)
        self.say(lambda: self.tr("«{service}» takes tickets again.").format(service=name()))
        self.refresh()

    def _name(self, service_id: str) -> Callable[[], str]:
        """The service's name in whatever language is current when asked."""
        service = self.ctx.catalog.service(service_id)
        return lambda: service.name.get(self.ctx.language.current)

    def refresh(self) -> None:
        self.pauses = active_pauses(self.ctx.desk.store, self.ctx.desk.now_local())
        self.retranslate()

    def reset(self) -> None:
        super().reset()
        self.selected = None
        for tile in self.tiles.values():
            mark_chosen(tile, False)
        self.retranslate()

    def _state_text(self, pause: Pause | None) -> str:
        if pause is None:
            return self.tr("Takes tickets")
        if pause.source == SOURCE_SERVER:
            return self.tr("Paused by the central office: {reason}").format(reason=words.pause_reason(pause.reason))
        return self.tr("Paused: {reason}").format(reason=words.pause_reason(pause.reason))

    def retranslate(self) -> None:
        lang = self.ctx.language.current
        self.hint.setText(self.tr("Tap a service, then pick why it is paused. Visitors see the reason."))
        for service_id, tile in self.tiles.items():
            tile.set_texts(self.ctx.catalog.service(service_id).name.get(lang),
                           self._state_text(self.pauses.get(service_id)))
        for code, button in self.reason_buttons.items():
            set_button_text(button, admin_words().pause_reason(code))
        set_button_text(self.resume_button, self.tr("Resume the service"))
        sid = self.selected
        self.side_panel.setEnabled(sid is not None)
        if sid is None:
            for button in self.reason_buttons.values():
                mark_chosen(button, False)
            self.chosen.setText(self.tr("No service chosen"))
            self.state.setText("")
            self.reason_prompt.setText(self.tr("Choose a service from the list."))
            self.resume_button.setVisible(False)
            return
        pause = self.pauses.get(sid)
        by_server = pause is not None and pause.source == SOURCE_SERVER
        self.chosen.setText(self.ctx.catalog.service(sid).name.get(lang))
        self.state.setText(self._state_text(pause))
        self.reason_prompt.setText(self.tr("Only the central office can lift this pause.") if by_server
                                   else self.tr("Why is it paused?") if pause is None
                                   else self.tr("Or change the reason:"))
        for code, button in self.reason_buttons.items():
            button.setEnabled(not by_server)
            mark_chosen(button, pause is not None and pause.reason == code)
        self.resume_button.setVisible(pause is not None and not by_server)
