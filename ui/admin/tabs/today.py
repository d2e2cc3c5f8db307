"""Admin tab *Today*: tickets per hour and per service, the queue and waits,
and the ratings against the 85% target; above them, a warning when the
kiosk's disk runs low and the booking codes checked in twice (the tab every
consultant sees first)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from kiosk import bookings
from kiosk.admin.dashboard import Dashboard, GradeFigures, compute_dashboard
from kiosk.bookings import DoubleCheckIn
from kiosk.disk import DiskReport, DiskState, disk_report
from kiosk.ratings import CRITERIA
from ui.admin.page import NARROW_PAGE_PX, AdminPage, card, restyle
from ui.admin.session import AdminSession
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.widgets.barchart import BarChart
from ui.widgets.labels import label
from ui.widgets.screen import large_text, place_tiles, set_direction

TOP_SERVICES = 6
MAX_HOURS_SHOWN = 15


class TodayPage(AdminPage):
    page_name = "today"

    def __init__(self, ctx: UiContext, session: AdminSession, parent: QWidget | None = None) -> None:
        super().__init__(ctx, session, parent)
        self.board: Dashboard | None = None
        self.disk: DiskReport | None = None
        # Hidden while the disk has room; measured as the desk measures it before each ticket.
        self.disk_warning = label("warning", name="diskWarning")
        self.disk_warning.setVisible(False)
        self.body.addWidget(self.disk_warning)
        # Booking codes checked in at two kiosks while they were offline (the server's list says so).
        self.double_check_ins: list[DoubleCheckIn] = []
        self.double_line = label("warning", name="doubleCheckIns")
        self.double_line.setVisible(False)
        self.body.addWidget(self.double_line)
        # Three bands, each as wide as the tab: the four figures side by side
        # (so each caption has room for a line or two, not a narrow column),
        # the hours beside the services, and the ratings with their criteria in
        # two columns. At 1080p with normal text it all fits; with large text
        # the tab scrolls and its bottom edge says so (AdminPage.scroll_hint).
        self.figure_grid = QGridLayout()
        self.figure_grid.setSpacing(18)
        self.figure_cards: list[QWidget] = []
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("issued", "waiting", "average", "longest"):
            frame, inside = card(f"figure-{key}")
            value = label("callout", name=f"figure-{key}-value", wrap=False)
            caption = label("small", name=f"figure-{key}-caption")
            inside.addWidget(value)
            inside.addWidget(caption)
            inside.addStretch(1)
            self.figure_cards.append(frame)
            self.figures[key] = (value, caption)
        self._figure_columns = 0
        self._place_figures()
        self.body.addLayout(self.figure_grid)

        # The hours beside the services; on a narrow screen one above the other,
        # so that each chart has the tab's width for its labels.
        middle = QHBoxLayout()
        middle.setSpacing(18)
        self.middle = middle
        hours_card, hours = card("perHour")
        self.hours_title = label("section", name="perHourTitle")
        self.hours_chart = BarChart(Qt.Orientation.Vertical)
        self.hours_chart.setObjectName("perHourChart")
        self.hours_chart.setMinimumHeight(160)
        hours.addWidget(self.hours_title)
        hours.addWidget(self.hours_chart, 1)
        middle.addWidget(hours_card, 1)
        services_card, services = card("perService")
        self.services_title = label("section", name="perServiceTitle")
        self.services_chart = BarChart(Qt.Orientation.Horizontal)
        self.services_chart.setObjectName("perServiceChart")
        services.addWidget(self.services_title)
        services.addWidget(self.services_chart)
        self.no_tickets = label("subtitle", name="noTickets")
        services.addWidget(self.no_tickets)
        services.addStretch(1)
        middle.addWidget(services_card, 1)
        self.body.addLayout(middle)

        ratings_card, ratings = card("ratings")
        self.ratings_title = label("section", name="ratingsTitle")
        ratings.addWidget(self.ratings_title)
        self.target_line = label("ok", name="ratingsTarget")
        ratings.addWidget(self.target_line)
        grid = QGridLayout()
        grid.setHorizontalSpacing(20)
        grid.setVerticalSpacing(4)
        self.criterion_rows: dict[str, tuple[QLabel, QLabel]] = {}
        half = (len(CRITERIA) + 1) // 2
        for i, criterion in enumerate(CRITERIA):
            name = label(None, name=f"criterion-{criterion.value}")
            value = label(None, name=f"criterion-{criterion.value}-value", wrap=False,
                          align=Qt.AlignmentFlag.AlignRight)
            # Down the first column, then the second; a wider gap between the pairs.
            row, column = i % half, 3 * (i // half)
            grid.addWidget(name, row, column)
            grid.addWidget(value, row, column + 1)
            self.criterion_rows[criterion.value] = (name, value)
        grid.setColumnMinimumWidth(2, 40)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(3, 1)
        ratings.addLayout(grid)
        self.quick_line = label(None, name="quickLine")
        ratings.addSpacing(6)
        ratings.addWidget(self.quick_line)
        self.body.addWidget(ratings_card)
        self.body.addStretch(1)
        self.retranslate()

    def _place_figures(self) -> None:
        """Four figures in a row; two rows of two with large text, so that no
        caption is squeezed into a narrow column of short lines."""
        columns = 2 if large_text(self) else len(self.figure_cards)
        if columns != self._figure_columns:
            self._figure_columns = columns
            place_tiles(self.figure_grid, self.figure_cards, columns)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._place_figures()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        set_direction(self.middle, across=event.size().width() >= NARROW_PAGE_PX)

    def refresh(self) -> None:
        desk = self.ctx.desk
        self.disk = disk_report(desk.store.health.path.parent, desk.config.storage, desk.disk_usage)
        self.board = compute_dashboard(self.ctx.desk)
        self.double_check_ins = bookings.double_check_ins(desk)
        self._fill_charts()
        self.retranslate()

    def _fill_charts(self) -> None:
        board = self.board
        if board is None:
            return
        # Hours still to come today get no figure, rather than a zero that reads as a quiet hour.
        now = self.ctx.desk.now_local()
        upcoming = board.day == now.date()
        self.hours_chart.set_bars([(f"{h:02d}", None if upcoming and h > now.hour else board.per_hour.get(h, 0))
                                   for h in self._hours(board)])
        lang = self.ctx.language.current
        top = list(board.per_service.items())[:TOP_SERVICES]
        self.services_chart.set_bars([(self._service_name(sid, lang), n) for sid, n in top])
        self.services_chart.setVisible(bool(top))

    def _hours(self, board: Dashboard) -> list[int]:
        """The opening hours of the day, so a quiet hour shows as a gap; the hours with
        tickets only, when the centre is open around the clock."""
        intervals = self.ctx.config.hours.intervals_on(board.day)
        opening = range(intervals[0][0] // 60, (intervals[-1][1] - 1) // 60 + 1) if intervals else range(0)
        if len(opening) > MAX_HOURS_SHOWN:
            opening = range(min(board.per_hour, default=8), max(board.per_hour, default=19) + 1)
        return sorted(set(opening) | set(board.per_hour))

    def _service_name(self, service_id: str, lang: str) -> str:
        try:
            return self.ctx.catalog.service(service_id).name.get(lang)
        except KeyError:
            return service_id  # a service since dropped from the catalog

    def retranslate(self) -> None:
        aw = admin_words()
        board = self.board
        self.hours_title.setText(self.tr("Tickets per hour"))
        self.services_title.setText(self.tr("Tickets per service"))
        self.no_tickets.setText(self.tr("No tickets yet today."))
        self._disk_warning()
        self._double_line()
        if board is None:
            return
        self._fill_charts()
        self.no_tickets.setVisible(board.issued == 0)
        texts = {
            "issued": (str(board.issued), self.tr("tickets today, %n cancelled", "", board.cancelled)),
            "waiting": (str(board.waiting_now), self.tr("people waiting now")),
            "average": (aw.minutes(board.average_wait), self.tr("average expected wait")),
            "longest": (aw.minutes(board.longest_wait if board.issued else None),
                        self.tr("longest expected wait; %n over 15 min", "", board.over_norm)),
        }
        for key, (value, caption) in texts.items():
            self.figures[key][0].setText(value)
            self.figures[key][1].setText(caption)

        grades = board.ticket_grades
        self.ratings_title.setText(self.tr("Ratings of tickets today: %n", "", board.ticket_ratings))
        self._target(self.target_line, grades)
        for code, (name_label, value_label) in self.criterion_rows.items():
            name_label.setText(aw.criterion(code))
            value_label.setText(self._grades(board.criteria.get(code, GradeFigures.of([]))))
        quick = board.quick
        if quick.count == 0 or quick.average is None:
            self.quick_line.setText(self.tr("Quick ratings (without a ticket): none yet today."))
        else:
            self.quick_line.setText(self.tr("Quick ratings (without a ticket): %n, average {average}, "
                                            "rated 4–5: {share}", "", quick.count).format(
                                                average=f"{quick.average:.1f}", share=aw.share(quick.good_share)))

    def _double_line(self) -> None:
        doubles = self.double_check_ins
        self.double_line.setVisible(bool(doubles))
        lines = [self.tr("Booking codes checked in more than once today (kiosks offline at the time); "
                         "please find the visitors and keep one ticket each:")] if doubles else []
        lines += [self.tr("code {code}, booked for {time}: tickets {numbers}").format(
            code=d.code, time=d.slot_local.strftime("%H:%M"), numbers=", ".join(d.numbers)) for d in doubles]
        self.double_line.setText("\n".join(lines))

    def _disk_warning(self) -> None:
        disk = self.disk
        state = disk.state if disk is not None else DiskState.OK
        self.disk_warning.setVisible(state is not DiskState.OK)
        if disk is None or state is DiskState.OK:
            self.disk_warning.setText("")
            return
        aw = admin_words()
        free, refuse = aw.size(disk.free_bytes), aw.size(disk.refuse_bytes)
        if state is DiskState.FULL:
            text = self.tr("The kiosk's disk is full: {free} free. No tickets are issued until the operator "
                           "frees space.").format(free=free)
        elif state is DiskState.LOW:
            text = self.tr("Little space left on the kiosk's disk: {free} free. Below {refuse} the kiosk stops "
                           "issuing tickets; tell the operator.").format(free=free, refuse=refuse)
        else:
            text = self.tr("The kiosk cannot measure its free disk space; tell the operator.")
        self.disk_warning.setText(text)

    def _grades(self, figures: GradeFigures) -> str:
        if figures.count == 0 or figures.average is None:
            return "—"
        return self.tr("{average} · {share} rated 4–5").format(
            average=f"{figures.average:.1f}", share=admin_words().share(figures.good_share))

    def _target(self, line: QLabel, grades: GradeFigures) -> None:
        target = admin_words().share(self.board.target if self.board else None)
        if grades.good_share is None:
            line.setText(self.tr("No grades yet today; the target is {target} rated 4–5.").format(target=target))
            restyle(line, "subtitle")
        elif grades.meets_target:
            line.setText(self.tr("Rated 4–5: {share}. Target {target} reached.").format(
                share=admin_words().share(grades.good_share), target=target))
            restyle(line, "ok")
        else:
            line.setText(self.tr("Rated 4–5: {share}. Below the {target} target.").format(
                share=admin_words().share(grades.good_share), target=target))
            restyle(line, "warning")
