"""Choose a service: categories with their queues, then life situations."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui import words
from ui.context import UiContext
from ui.widgets.labels import label
from ui.widgets.screen import Screen, equal_columns, kinetic_scroll_area, large_text, place_tiles
from ui.widgets.tile import Tile

# Ten categories in two rows and nine situations in two: both fit a 1080p
# screen without scrolling at the normal text size.
CATEGORY_COLUMNS = 5
SITUATION_COLUMNS = 5
# With large text five columns cut long words («регистрации»); the screen
# scrolls instead.
LARGE_TEXT_COLUMNS = 3


class CategoriesScreen(Screen):
    """Signals:
        category_chosen(str): a category id.
        situation_chosen(str): a life situation id.
    """

    screen_name = "categories"
    category_chosen = Signal(str)
    situation_chosen = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(18)
        grid = QGridLayout()
        grid.setSpacing(18)
        self.category_tiles: dict[str, Tile] = {}
        for i, category in enumerate(ctx.catalog.categories):
            tile = Tile(f"category-{category.id}", badge=category.prefix)
            tile.setObjectName("tile")
            tile.clicked.connect(lambda _=False, cid=category.id: self.category_chosen.emit(cid))
            grid.addWidget(tile, i // CATEGORY_COLUMNS, i % CATEGORY_COLUMNS)
            self.category_tiles[category.id] = tile
        equal_columns(grid, CATEGORY_COLUMNS)
        column.addLayout(grid)
        self.situations_title = label("section", name="situationsTitle", wrap=False)
        self.situations_hint = label("subtitle", name="situationsHint")
        heading = QHBoxLayout()
        heading.setSpacing(24)
        heading.addWidget(self.situations_title)
        heading.addWidget(self.situations_hint, 1)
        column.addSpacing(12)
        column.addLayout(heading)
        sgrid = QGridLayout()
        sgrid.setSpacing(18)
        self.situation_tiles: dict[str, Tile] = {}
        for i, situation in enumerate(ctx.catalog.life_situations):
            tile = Tile(f"situation-{situation.id}")
            tile.clicked.connect(lambda _=False, sid=situation.id: self.situation_chosen.emit(sid))
            sgrid.addWidget(tile, i // SITUATION_COLUMNS, i % SITUATION_COLUMNS)
            self.situation_tiles[situation.id] = tile
        equal_columns(sgrid, SITUATION_COLUMNS)
        column.addLayout(sgrid)
        self.grids = ((grid, CATEGORY_COLUMNS, list(self.category_tiles.values())),
                      (sgrid, SITUATION_COLUMNS, list(self.situation_tiles.values())))
        self._large = False
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content, "categoriesScroll")
        self.outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose a service"))
        self.situations_title.setText(self.tr("Life situations"))
        self.situations_hint.setText(self.tr("Several services for one event, such as the birth of a child"))
        lang = self.language
        for category in self.ctx.catalog.categories:
            estimate = self.ctx.desk.estimate(category)
            self.category_tiles[category.id].set_texts(category.name.get(lang), words.queue_detail(estimate))
        for situation in self.ctx.catalog.life_situations:
            self.situation_tiles[situation.id].set_texts(situation.name.get(lang))

    def reset(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and large_text(self) != self._large:
            self._large = large_text(self)
            for grid, columns, tiles in self.grids:
                place_tiles(grid, tiles, LARGE_TEXT_COLUMNS if self._large else columns)
        super().changeEvent(event)
