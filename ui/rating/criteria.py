"""Rate the service, step 2: the five «Ваш контроль» criteria, each on the
1–5 scale of faces and words; any criterion may be skipped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ratings import CRITERIA, Criterion, RatableTicket
from ui.context import UiContext
from ui.widgets.grades import GradeScale
from ui.widgets.labels import label
from ui.widgets.screen import Screen, kinetic_scroll_area, scroll_hint


class RatingCriteriaScreen(Screen):
    """Signals:
        next_step(): the visitor rated at least one criterion and tapped *Next*.
    """

    screen_name = "ratingCriteria"
    next_step = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.ticket: RatableTicket | None = None
        # The questions scroll (with a finger) when large text makes them taller
        # than the screen; *Next* stays in view below them.
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(20)
        self.subtitle = label("subtitle", name="ratingTicketLine")
        column.addWidget(self.subtitle)
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setContentsMargins(36, 20, 24, 20)
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(14)
        self.names: dict[Criterion, QLabel] = {}
        self.scales: dict[Criterion, GradeScale] = {}
        for i, criterion in enumerate(CRITERIA):
            name = label("criterion", name=f"criterion-{criterion.value}")
            scale = GradeScale(f"scale-{criterion.value}")
            scale.changed.connect(self._on_change)
            grid.addWidget(name, i, 0)
            grid.addWidget(scale, i, 1)
            self.names[criterion] = name
            self.scales[criterion] = scale
        self.grid = grid
        self._stacked: bool | None = None
        self._arrange(stacked=False)
        column.addWidget(card)
        column.addStretch(1)
        self.scroll_area = kinetic_scroll_area(content, "ratingCriteriaScroll")
        # The fifth question is often below the edge: a fade and an arrow say so.
        self.scroll_hint = scroll_hint(self.scroll_area)
        self.outer.addWidget(self.scroll_area, 1)
        footer = QHBoxLayout()
        footer.setSpacing(24)
        self.status = label("subtitle", name="ratingCriteriaStatus")
        self.next_button = QPushButton()
        self.next_button.setObjectName("ratingNext")
        self.next_button.setProperty("kind", "primary")
        self.next_button.setProperty("wide", True)
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_step)
        footer.addWidget(self.status, 1)
        footer.addWidget(self.next_button)
        self.outer.addLayout(footer)
        self.retranslate()

    def _arrange(self, stacked: bool) -> None:
        """Each question beside its faces, or (a narrow screen) above them."""
        if stacked == self._stacked:
            return
        self._stacked = stacked
        grid = self.grid
        for i, criterion in enumerate(self.names):
            name, scale = self.names[criterion], self.scales[criterion]
            grid.removeWidget(name)
            grid.removeWidget(scale)
            if stacked:
                grid.addWidget(name, 2 * i, 0, 1, 2)
                grid.addWidget(scale, 2 * i + 1, 0, 1, 2)
            else:
                grid.addWidget(name, i, 0)
                grid.addWidget(scale, i, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

    def fit(self) -> None:
        self._arrange(stacked=self.narrow())

    def start(self, ticket: RatableTicket) -> None:
        """Begin rating ``ticket``; grades already given to the same ticket are kept
        (the visitor went back a step)."""
        if self.ticket is None or self.ticket.id != ticket.id:
            self.clear_grades()
        self.ticket = ticket
        self.retranslate()

    def scores(self) -> dict[Criterion, int]:
        """The grades given; skipped criteria are absent."""
        return {c: s.value() for c, s in self.scales.items() if s.value()}

    def clear_grades(self) -> None:
        for scale in self.scales.values():
            scale.clear()

    @Slot(int)
    def _on_change(self, _grade: int) -> None:
        self._update_status()

    def _update_status(self) -> None:
        rated = len(self.scores())
        self.next_button.setEnabled(rated > 0)
        if rated == 0:
            self.status.setText(self.tr("Choose a grade in at least one row. You may skip any question."))
        elif rated == len(self.scales):
            self.status.setText(self.tr("All five questions answered."))
        else:
            self.status.setText(self.tr("%n of 5 question(s) answered. You may skip the others.", "", rated))

    def retranslate(self) -> None:
        self.title.setText(self.tr("How was your visit?"))
        names = {
            Criterion.SERVICE_TIME: self.tr("Time taken to provide the service"),
            Criterion.WAITING_TIME: self.tr("Waiting time in the queue"),
            Criterion.STAFF: self.tr("Politeness and competence of the staff member"),
            Criterion.COMFORT: self.tr("Comfort of the premises"),
            Criterion.INFORMATION: self.tr("Availability of information on how to get the service"),
        }
        for criterion, widget in self.names.items():
            widget.setText(names[criterion])
            self.scales[criterion].setAccessibleName(names[criterion])
        ticket = self.ticket
        if ticket is None:
            self.subtitle.clear()
        else:
            try:
                service = self.ctx.catalog.service(ticket.service_id).name.get(self.language)
            except KeyError:  # the catalog changed since the ticket was taken
                service = ""
            self.subtitle.setText(self.tr("Ticket {number}: {service}").format(number=ticket.display,
                                                                            service=service).rstrip(": "))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setAccessibleName(self.next_button.text())
        self._update_status()

    def reset(self) -> None:
        self.ticket = None
        self.clear_grades()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.retranslate()
