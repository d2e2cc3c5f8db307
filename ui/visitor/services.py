"""The services of one category (or of one life situation), each with its queue."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.catalog import Service
from kiosk.tickets import Refusal
from ui import words
from ui.context import UiContext
from ui.visitor.ticket_extras import tile_detail
from ui.widgets.labels import label
from ui.widgets.screen import Screen, equal_columns, fit_columns, kinetic_scroll_area, place_tiles, scroll_hint
from ui.widgets.tile import Tile

COLUMNS = 2


class ServicesScreen(Screen):
    """Signals:
        service_chosen(str): a service id.
    """

    screen_name = "services"
    service_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.hint = label("subtitle", name="servicesHint")
        self.outer.addWidget(self.hint)
        self.content = QWidget()
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setSpacing(18)
        equal_columns(self.grid, COLUMNS)
        column.addLayout(self.grid)
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(self.content, "servicesScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self._columns = COLUMNS
        self.tiles: dict[str, Tile] = {}
        self._category_id: str | None = None
        self._situation_id: str | None = None

    def show_category(self, category_id: str) -> None:
        self._category_id, self._situation_id = category_id, None
        self._build(self.ctx.catalog.category(category_id).services)

    def show_situation(self, situation_id: str) -> None:
        self._category_id, self._situation_id = None, situation_id
        situation = next(s for s in self.ctx.catalog.life_situations if s.id == situation_id)
        self._build(tuple(self.ctx.catalog.service(sid) for sid in situation.service_ids))

    def _build(self, services: tuple[Service, ...]) -> None:
        for tile in self.tiles.values():
            self.grid.removeWidget(tile)
            tile.setParent(None)  # off screen at once; deleteLater() only frees it later
            tile.deleteLater()
        self.tiles = {}
        catalog = self.ctx.catalog
        for i, service in enumerate(services):
            badge = catalog.category(service.category_id).prefix
            tile = Tile(f"service-{service.id}", badge=badge)
            tile.clicked.connect(lambda _=False, sid=service.id: self.service_chosen.emit(sid))
            self.grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles[service.id] = tile
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
        self.refit(force=True)

    def fit(self) -> None:
        """Two columns, or one where a long word would not fit a half (a narrow screen, large text)."""
        tiles = list(self.tiles.values())
        self._columns = fit_columns(tiles, self.room(), self.grid.horizontalSpacing(), COLUMNS)
        place_tiles(self.grid, tiles, self._columns)

    def retranslate(self) -> None:
        lang = self.language
        catalog = self.ctx.catalog
        if self._category_id:
            self.title.setText(catalog.category(self._category_id).name.get(lang))
            self.hint.setText(self.tr("Tap the service you came for"))
        elif self._situation_id:
            situation = next(s for s in catalog.life_situations if s.id == self._situation_id)
            self.title.setText(situation.name.get(lang))
            self.hint.setText(self.tr("Services often needed together. Take a ticket for the first one; "
                                      "at the window you can ask about the rest."))
        desk = self.ctx.desk
        now = desk.now_local()
        for service_id, tile in self.tiles.items():
            service = catalog.service(service_id)
            avail = desk.availability(service, now)
            if avail.open:
                estimate = desk.estimate(catalog.category(service.category_id))
                detail = tile_detail(words.queue_detail(estimate), estimate.wait_minutes, lang)
            elif avail.reason is Refusal.PAUSED:
                detail = self.tr("Not available now: {reason}").format(reason=words.pause_reason(avail.pause_reason))
            else:
                detail = self.tr("Not available now. Opens {when}").format(when=words.when(avail.opens_at, now))
            tile.setEnabled(avail.open)
            tile.set_texts(service.name.get(lang), detail)

    def reset(self) -> None:
        self._build(())
        self._category_id = self._situation_id = None
