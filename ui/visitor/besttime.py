"""*Best time to visit*: the typical load by weekday and hour, and the quietest times in words."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import visit_load
from kiosk.visit_load import LEVEL_WORDS, Level, LoadGrid, Source
from ui.context import UiContext
from ui.i18n import format_date
from ui.widgets.labels import label
from ui.widgets.loadchart import LoadChart, LoadLegend
from ui.widgets.screen import Screen
from ui.widgets.tile import TranslatedTile


class BestTimeTile(TranslatedTile):
    tile_name = "besttime"

    def texts(self) -> tuple[str, str]:
        return self.tr("Best time to visit"), self.tr("When the centre is quietest")


class BestTimeScreen(Screen):
    screen_name = "besttime"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(ctx, parent)
        self.demo = demo
        self.grid: LoadGrid | None = None
        self.quiet = label("callout", name="besttimeQuiet")
        self.source = label("subtitle", name="besttimeSource")
        self.chart = LoadChart()
        self.legend = LoadLegend()
        column = QVBoxLayout()
        column.setSpacing(14)
        column.addWidget(self.quiet)
        column.addWidget(self.source)
        column.addWidget(self.chart, 1)
        column.addWidget(self.legend)
        self.outer.addLayout(column, 1)
        self.refresh()

    def refresh(self) -> None:
        desk = self.ctx.desk
        self.grid = visit_load.best_grid(desk.store, self.ctx.config, desk.business_day(), demo=self.demo)
        self.retranslate()

    def retranslate(self) -> None:
        lang = self.language
        self.title.setText(self.tr("Best time to visit"))
        grid = self.grid
        self.chart.set_grid(grid, lang)
        self.legend.set_words([(level, LEVEL_WORDS[level].get(lang)) for level in Level if level is not Level.NONE])
        if grid is None:
            return
        quiet = visit_load.quietest(grid)
        self.quiet.setText(visit_load.quiet_words(quiet, lang) if quiet is not None else
                           self.tr("There are not enough visits yet to tell the quietest times."))
        period = {"first": format_date(grid.first_day), "last": format_date(grid.last_day)}
        sources = {
            Source.KIOSK: self.tr("A typical week from this kiosk's tickets, {first}–{last}."),
            Source.SERVER: self.tr("A typical week of the whole centre, {first}–{last} (central server)."),
            Source.DEMO: self.tr("Illustrative figures for the demonstration, not real visits."),
        }
        self.source.setText(sources[grid.source].format(**period))
        self.chart.setAccessibleName(self.tr("Load by weekday and hour"))
        self.chart.setAccessibleDescription(self.quiet.text())
