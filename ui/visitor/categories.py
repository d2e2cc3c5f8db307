"""Choose a service: categories with their queues, then life situations."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from ui import words
from ui.context import UiContext
from ui.visitor.ticket_extras import tile_detail
from ui.widgets.labels import label
from ui.widgets.screen import (
    Screen,
    equal_columns,
    fit_columns,
    kinetic_scroll_area,
    large_text,
    place_tiles,
    scroll_hint,
)
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
        self._columns: tuple[int, int] = (0, 0)
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content, "categoriesScroll")
        # Below the edge (large text, a narrow screen): a fade and an arrow say so.
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Choose a service"))
        self.situations_title.setText(self.tr("Life situations"))
        self.situations_hint.setText(self.tr("Several services for one event, such as the birth of a child"))
        lang = self.language
        for category in self.ctx.catalog.categories:
            estimate = self.ctx.desk.estimate(category)
            detail = tile_detail(words.queue_detail(estimate), estimate.wait_minutes, lang)
            self.category_tiles[category.id].set_texts(category.name.get(lang), detail)
        for situation in self.ctx.catalog.life_situations:
            self.situation_tiles[situation.id].set_texts(situation.name.get(lang))

    def reset(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)

    def fit(self) -> None:
        """As many columns as the screen has room for, every word of a tile on one line."""
        wanted = []
        for grid, columns, tiles in self.grids:
            most = LARGE_TEXT_COLUMNS if large_text(self) else columns
            wanted.append(fit_columns(tiles, self.room(), grid.horizontalSpacing(), most))
        if tuple(wanted) != self._columns:
            self._columns = (wanted[0], wanted[1])
            for (grid, _columns, tiles), count in zip(self.grids, wanted, strict=True):
                place_tiles(grid, tiles, count)
