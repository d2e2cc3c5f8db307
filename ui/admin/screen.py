"""Admin mode: tabs for the day's figures, services, tickets, printer, sync,
the visitors' banner and (operators only) the kiosk itself."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QStackedWidget, QWidget

from kiosk.printers import PrinterStatus
from ui.admin.page import AdminPage, admin_button, set_button_text
from ui.admin.session import AdminSession
from ui.admin.tabs.banner import BannerPage
from ui.admin.tabs.operator import OperatorPage
from ui.admin.tabs.printer import PrinterPage
from ui.admin.tabs.services import ServicesPage
from ui.admin.tabs.sync import SyncPage
from ui.admin.tabs.tickets import TicketsPage
from ui.admin.tabs.today import TodayPage
from ui.admin.words import admin_words
from ui.context import UiContext
from ui.printing.jobs import PrintJob
from ui.widgets.screen import Screen


class AdminScreen(Screen):
    """Signals:
        sign_out(): the staff member tapped *Sign out*.
        sync_now_requested(), exit_requested(): from the Sync and Kiosk tabs (already audited).
        reprint_requested(object): a ticket to print again.
        test_page_requested(object): a print job for a test page.
        printer_status_requested(): the printer tab wants the printer's status
            (answer with :meth:`on_printer_status`).
    """

    screen_name = "admin"
    sign_out = Signal()
    sync_now_requested = Signal()
    exit_requested = Signal()
    reprint_requested = Signal(object)
    printer_status_requested = Signal()
    test_page_requested = Signal(object)

    def __init__(self, ctx: UiContext, session: AdminSession, can_print: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.session = session
        self.outer.setSpacing(14)
        # The pages need the height, and the tab row its width (large text): the
        # title, which names the role, is read by the voice but not shown.
        self.title.setVisible(False)
        self.sign_out_button = admin_button("adminSignOut")
        self.sign_out_button.clicked.connect(self.sign_out)

        self.today = TodayPage(ctx, session)
        self.services = ServicesPage(ctx, session)
        self.tickets = TicketsPage(ctx, session, can_print)
        self.printer = PrinterPage(ctx, session, can_print)
        self.sync = SyncPage(ctx, session)
        self.banner = BannerPage(ctx, session)
        self.operator = OperatorPage(ctx, session)
        self.pages: dict[str, AdminPage] = {page.page_name: page for page in (
            self.today, self.services, self.tickets, self.printer, self.sync, self.banner, self.operator)}
        # The tabs in one row with *Sign out* at its end when they fit; else in as
        # many equal columns as fit, *Sign out* below the pages (see fit).
        tabs = QGridLayout()
        tabs.setSpacing(12)
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        self.tabs: dict[str, QPushButton] = {}
        self.stack = QStackedWidget()
        self.stack.setObjectName("adminPages")
        for name, page in self.pages.items():
            button = admin_button(f"adminTab-{name}", checkable=True)
            button.setProperty("adminTab", True)
            button.clicked.connect(lambda _=False, n=name: self.show_page(n))
            self.tab_group.addButton(button)
            tabs.addWidget(button, 0, len(self.tabs))
            self.tabs[name] = button
            self.stack.addWidget(page)
        tabs.setColumnStretch(len(self.tabs), 1)
        tabs.addWidget(self.sign_out_button, 0, len(self.tabs) + 1)
        self.tab_row = tabs
        self.outer.addLayout(tabs)
        self.outer.addWidget(self.stack, 1)
        # With large text the tab row has no room left for *Sign out*: it then
        # moves to a row of its own at the bottom right (see fit_text_size).
        self.footer = QHBoxLayout()
        self.footer.addStretch(1)
        self.outer.addLayout(self.footer)
        self._placed: tuple[int, ...] = ()

        self.sync.sync_now_requested.connect(self.sync_now_requested)
        self.operator.exit_requested.connect(self.exit_requested)
        self.tickets.reprint_requested.connect(self.reprint_requested)
        self.printer.test_page_requested.connect(self.test_page_requested)
        self.printer.status_requested.connect(self.printer_status_requested)
        self.retranslate()

    def fit_text_size(self, large: bool) -> None:
        """The text size changed: lay the tabs out again once the new font is in place."""
        self.refit_soon()

    def fit(self) -> None:
        """The tabs and *Sign out* in one row if they fit the width; else the tabs in
        equal columns (two rows or more) and *Sign out* in a row of its own below."""
        tabs = [button for button in self.tabs.values() if not button.isHidden()]
        if not tabs:
            return
        spacing = self.tab_row.horizontalSpacing()
        widths = [button.sizeHint().width() for button in tabs]
        room = self.room()
        one_row = sum(widths) + spacing * len(tabs) + self.sign_out_button.sizeHint().width()
        columns = len(tabs) if one_row <= room else max(1, min(len(tabs), (room + spacing) // (max(widths) + spacing)))
        placed = (columns, len(tabs), one_row <= room)
        if placed == self._placed:
            return
        self._placed = placed
        for button in [*self.tabs.values(), self.sign_out_button]:
            self.tab_row.removeWidget(button)
            self.footer.removeWidget(button)
        for column in range(self.tab_row.columnCount()):
            self.tab_row.setColumnStretch(column, 0)
        for i, button in enumerate(tabs):
            self.tab_row.addWidget(button, i // columns, i % columns)
        if one_row <= room:
            self.tab_row.setColumnStretch(len(tabs), 1)
            self.tab_row.addWidget(self.sign_out_button, 0, len(tabs) + 1)
        else:
            for column in range(columns):
                self.tab_row.setColumnStretch(column, 1)
            self.footer.addWidget(self.sign_out_button)

    def current_page(self) -> AdminPage:
        page = self.stack.currentWidget()
        assert isinstance(page, AdminPage)
        return page

    def show_page(self, name: str) -> None:
        page = self.pages[name]
        if name == "operator" and not self.session.is_operator:
            return
        self.tabs[name].setChecked(True)
        page.refresh()
        self.stack.setCurrentWidget(page)

    def refresh(self) -> None:
        """Shown after sign-in: the Kiosk tab only for operators, Today first."""
        self.tabs["operator"].setVisible(self.session.is_operator)
        super().refresh()
        self.show_page("today")
        self.refit(force=True)

    def refresh_figures(self) -> None:
        """Re-read the store for the tab on screen (the window's refresh timer)."""
        self.current_page().refresh()

    def reset(self) -> None:
        for page in self.pages.values():
            page.reset()
        # Back on the first tab without reading the store: that happens when it is next shown.
        self.tabs["today"].setChecked(True)
        self.stack.setCurrentWidget(self.today)

    @Slot(object, bool, str)
    def on_printed(self, job: PrintJob, ok: bool, error: str) -> None:
        self.printer.on_printed(job, ok, error)

    @Slot(object)
    def on_printer_status(self, status: PrinterStatus) -> None:
        self.printer.on_status(status)

    def retranslate(self) -> None:
        role = admin_words().role(self.session.role)
        self.title.setText(self.tr("Admin mode · {role}").format(role=role))
        set_button_text(self.sign_out_button, self.tr("Sign out"))
        self.sign_out_button.setAccessibleDescription(self.title.text())
        captions = {"today": self.tr("Today"), "services": self.tr("Services"), "tickets": self.tr("Tickets"),
                    "printer": self.tr("Printer"), "sync": self.tr("Sync"), "banner": self.tr("Banner"),
                    "operator": self.tr("Kiosk")}
        for name, button in self.tabs.items():
            set_button_text(button, captions[name])

