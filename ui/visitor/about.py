"""About the centre: address and opening hours, free Wi-Fi, the children's
corner, the centre's website as a QR code, and the services offered here.

Everything shown comes from the config (``[centre]``) and the catalog; an item
the config leaves out is not shown. The website is a QR code and plain text,
never a link.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.hours import Interval, WeeklyHours
from ui.context import UiContext
from ui.widgets.labels import breakable, label
from ui.widgets.qr import QrWidget
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint, set_direction
from ui.widgets.tile import TranslatedTile

DayGroup = tuple[int, int, tuple[Interval, ...]]  # first weekday, last weekday (0 = Monday), hours


def day_groups(hours: WeeklyHours) -> list[DayGroup]:
    """Consecutive weekdays with the same hours, so a week reads as two or three lines."""
    groups: list[DayGroup] = []
    for index, intervals in enumerate(hours.days):
        if groups and groups[-1][2] == intervals:
            groups[-1] = (groups[-1][0], index, intervals)
        else:
            groups.append((index, index, intervals))
    return groups


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


class AboutTile(TranslatedTile):
    """The *About the centre* tile on Home."""

    tile_name = "aboutCentre"

    def texts(self) -> tuple[str, str]:
        return self.tr("About the centre"), self.tr("Address, hours, Wi-Fi, children's corner, website")


class AboutScreen(Screen):
    """The centre's facts on the left (moved with a finger), the website's QR code on the right."""

    screen_name = "about"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        info = ctx.config.info
        self.subtitle = label("subtitle", name="aboutCentreName")
        self.outer.addWidget(self.subtitle)
        # The website card scrolls with the facts, so large text never cuts it off.
        content = QWidget()
        # Side by side on a wide screen; on a narrow one the website card goes below the facts.
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 24)
        row.setSpacing(48)
        self.row = row
        self.column = QVBoxLayout()
        self.column.setSpacing(12)
        self.hours_title = self._section("aboutHoursTitle")
        self.address = self._line("aboutAddress", visible=info.address is not None)
        self.hours = self._line("aboutHours")
        self.wifi_title = self._section("aboutWifiTitle", visible=bool(info.wifi_name))
        self.wifi = self._line("aboutWifi", visible=bool(info.wifi_name))
        self.children_title = self._section("aboutChildrenTitle", visible=info.children_corner is not None)
        self.children_corner = self._line("aboutChildren", visible=info.children_corner is not None)
        self.services_title = self._section("aboutServicesTitle")
        self.category_labels: dict[str, QLabel] = {}
        self.service_labels: dict[str, QLabel] = {}
        for category in ctx.catalog.categories:
            heading = label("callout", name=f"aboutCategory-{category.id}")
            self.column.addWidget(heading)
            self.category_labels[category.id] = heading
            for service in category.services:
                line = QHBoxLayout()
                line.setSpacing(14)
                marker = label("reading", wrap=False)
                marker.setText("•")
                text = label("reading", name=f"aboutService-{service.id}")
                line.addWidget(marker, 0, Qt.AlignmentFlag.AlignTop)
                line.addWidget(text, 1)
                self.column.addLayout(line)
                self.service_labels[service.id] = text
        self.column.addStretch(1)
        row.addLayout(self.column, 2)
        row.addLayout(self._website_card(bool(info.website)), 1)
        self.scroll_area = kinetic_scroll_area(content, "aboutScroll")
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        self.retranslate()

    def _section(self, name: str, visible: bool = True) -> QLabel:
        widget = label("section", name=name)
        if self.column.count():
            self.column.addSpacing(16)
        self.column.addWidget(widget)
        widget.setVisible(visible)
        return widget

    def _line(self, name: str, visible: bool = True) -> QLabel:
        widget = label("reading", name=name)
        self.column.addWidget(widget)
        widget.setVisible(visible)
        return widget

    def _website_card(self, visible: bool) -> QVBoxLayout:
        card = QFrame()
        card.setObjectName("card")
        inside = QVBoxLayout(card)
        inside.setContentsMargins(32, 28, 32, 28)
        inside.setSpacing(16)
        self.website_title = label("section", name="aboutWebsiteTitle")
        self.qr = QrWidget(side=280)
        self.qr.setObjectName("aboutWebsiteQr")
        self.qr.set_text(self.ctx.config.info.website)
        self.qr_hint = label("small", name="aboutWebsiteHint")
        self.website = label("small", name="aboutWebsiteAddress")
        self.website.setText(breakable(self.ctx.config.info.website))
        inside.addWidget(self.website_title)
        inside.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        inside.addWidget(self.qr_hint)
        inside.addWidget(self.website)
        card.setVisible(visible)
        column = QVBoxLayout()
        column.addWidget(card)
        column.addStretch(1)
        return column

    def hours_text(self) -> str:
        """The weekly hours in words, one line per run of days with the same hours."""
        groups = day_groups(self.ctx.config.hours)
        lines = []
        for first, last, intervals in groups:
            if len(groups) == 1:
                days = self.tr("Every day")
            elif first == last:
                days = self._day(first)
            else:
                days = self.tr("{first}–{last}").format(first=self._day(first), last=self._day(last))
            lines.append(self.tr("{days}: {hours}").format(days=days, hours=self._intervals(intervals)))
        return "\n".join(lines)

    def _day(self, index: int) -> str:
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                 self.tr("Sat"), self.tr("Sun"))
        return names[index]

    def _intervals(self, intervals: tuple[Interval, ...]) -> str:
        if not intervals:
            return self.tr("closed")
        if intervals == ((0, 24 * 60),):
            return self.tr("round the clock")
        return ", ".join(f"{_hhmm(start)}–{_hhmm(end)}" for start, end in intervals)

    def retranslate(self) -> None:
        lang = self.language
        info = self.ctx.config.info
        self.title.setText(self.tr("About the centre"))
        self.subtitle.setText(self.ctx.config.centre_name.get(lang))
        self.hours_title.setText(self.tr("Address and opening hours") if info.address is not None
                                 else self.tr("Opening hours"))
        if info.address is not None:
            self.address.setText(info.address.get(lang))
        self.hours.setText(self.hours_text())
        self.wifi_title.setText(self.tr("Free Wi-Fi"))
        self.wifi.setText(self.tr("Network name: {name}").format(name=info.wifi_name))
        self.children_title.setText(self.tr("Children's corner"))
        if info.children_corner is not None:
            self.children_corner.setText(info.children_corner.get(lang))
        self.services_title.setText(self.tr("Services in this centre"))
        for category in self.ctx.catalog.categories:
            self.category_labels[category.id].setText(category.name.get(lang))
            for service in category.services:
                self.service_labels[service.id].setText(service.name.get(lang))
        self.website_title.setText(self.tr("Our website"))
        self.qr_hint.setText(self.tr("Scan the code with your phone's camera to open the centre's website."))

    def fit(self) -> None:
        set_direction(self.row, across=not self.narrow())

    def reset(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)
