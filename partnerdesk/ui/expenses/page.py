"""The Expenses page: Claims and Budgets tabs, with the expenses settings and export at the top."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules import roles
from partnerdesk.ui.expenses.budgets_page import BudgetsPage
from partnerdesk.ui.expenses.list_page import ClaimsListPage
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.permissions import forbid


class ExpensesPage(QWidget):
    """claims: the claims list; budgets: the budget headings and chart."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel(_("Expenses"))
        title.setObjectName("pageTitle")
        self.export_button = QPushButton(_("E&xport…"))
        self.export_button.setAccessibleName(_("Export expenses to a spreadsheet"))
        forbid(self.export_button, roles.EXPORT_NAMED)
        self.settings_button = QPushButton(_("Se&ttings…"))
        self.settings_button.setAccessibleName(_("Expenses settings: rates, limits and receipts"))
        forbid(self.settings_button, roles.SETTINGS_CHANGE)
        self.claims = ClaimsListPage(writer)
        self.budgets = BudgetsPage(writer)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Claims and budgets"))
        self.tabs.addTab(self.claims, _("&Claims"))
        self.tabs.addTab(self.budgets, _("&Budgets"))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch()
        top.addWidget(self.export_button)
        top.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def show_budgets(self, heading_id: str | None = None) -> None:
        self.tabs.setCurrentWidget(self.budgets)
        if heading_id:
            self.budgets.show_heading(heading_id)
