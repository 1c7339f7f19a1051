"""Budgets: the headings of a financial year with their allocations (add and change them), and spend against each
as a bar chart with the same figures in a table beside it (the table is what a screen reader reads)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import financial_year_label, financial_year_of
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.common.errors import EditConflict, ValidationError
from partnerdesk.services.expenses.budgets import budget_view, get_heading, save_heading
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer, changed_elsewhere_text
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.widgets.bar_chart import Bar, BarChart
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.field_message import FieldMessage, add_field_row
from partnerdesk.ui.widgets.fitting import short_combo
from partnerdesk.ui.widgets.money_edit import MoneyEdit

ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADINGS = (N_("Heading"), N_("Allocation"), N_("Spent"), N_("Waiting for approval"), N_("Left"), N_("Used"))


class HeadingDialog(QDialog):
    """Add a budget heading for a year, or change one's name, allocation and notes."""

    def __init__(self, writer: Writer, year: int, heading_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.year, self.heading_id = writer, year, heading_id
        self.setWindowTitle(_("{value} a budget heading for {financial_year_label}").format(
            value=_('Change') if heading_id else _('Add'),
            financial_year_label=financial_year_label(year),
        ))
        self.setMinimumWidth(460)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Heading name"))
        self.name.setMaxLength(120)
        self.allocation = MoneyEdit(_("Allocation in pounds"), allow_zero=True)
        self.notes = QLineEdit()
        self.notes.setAccessibleName(_("Notes"))
        form = QFormLayout()
        self.messages = {"": FieldMessage(_("this heading"))}
        for label, key, widget in ((_("&Name"), "name", self.name), (_("&Allocation"), "allocation", self.allocation),
                                   (_("N&otes"), "notes", self.notes)):
            self.messages[key] = add_field_row(form, label, widget)[0]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messages[""])
        layout.addWidget(buttons)
        self.opened_version: int | None = None  # of the heading being changed, as read
        if heading_id:
            self._load()

    def _load(self) -> None:
        def read(session):
            heading = get_heading(session, self.heading_id)
            return heading.name, heading.allocation_pence, heading.notes, heading.version

        name, allocation, notes, self.opened_version = self.writer.read(read)
        self.name.setText(name)
        self.allocation.set_pence(allocation)
        self.notes.setText(notes or "")

    def save(self) -> None:
        problem = self.allocation.problem()
        if problem:
            self.messages["allocation"].show_message(problem)
            return
        data = {"financial_year": self.year, "name": self.name.text(), "allocation": self.allocation.pence(),
                "notes": self.notes.text()}
        try:
            saved = self.writer.run(self, lambda s: save_heading(s, data, self.heading_id, self.opened_version).id)
        except EditConflict as conflict:  # someone else changed it: show theirs, so nothing is lost unseen
            QMessageBox.information(self, _("Changed by someone else"), changed_elsewhere_text(conflict))
            self._load()
            return
        except ValidationError as exc:
            for key, label in self.messages.items():
                label.show_message(exc.messages.get(key) or (exc.messages.get("financial_year") if key == "" else None))
            return
        if saved:
            self.accept()


class BudgetsPage(QWidget):
    """One financial year's headings: a chart of spend against each, the same figures in a table, add and change."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        this_year = financial_year_of(today_uk())
        self.year = short_combo()
        self.year.setAccessibleName(_("Financial year"))
        for year in range(this_year + 1, this_year - 6, -1):
            self.year.addItem(financial_year_label(year), year)
        self.year.setCurrentIndex(self.year.findData(this_year))
        year_label = QLabel(_("Financial &year"))
        year_label.setBuddy(self.year)
        self.add_button = QPushButton(_("&Add heading…"))
        self.add_button.setAccessibleName(_("Add a budget heading for this year"))
        self.add_button.clicked.connect(self.add_heading)
        self.edit_button = QPushButton(_("C&hange heading…"))
        self.edit_button.setAccessibleName(_("Change the selected budget heading"))
        self.edit_button.clicked.connect(self.edit_selected)
        for button in (self.add_button, self.edit_button):
            forbid(button, roles.BUDGETS_CHANGE)  # finance and coordinators set budgets
        self.chart = BarChart(_("Chart of spend against budget by heading"))
        self.chart.setToolTip(_("Dark: spent (approved or paid). Light: waiting for approval. Line: the allocation. "
                              "Red: over budget."))
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels([_(heading) for heading in HEADINGS])
        self.table.setAccessibleName(_("Spend against budget by heading (the chart's figures)"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The heading's name takes the room left, so the figures, "Used" included, stay in view on a laptop.
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((230, 115, 115, 170, 115, 70)):
            self.table.setColumnWidth(column, width)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())
        show_when_empty(self.table, NextStep(_("No budget headings for this year yet. Add one for each pot of money "
                                               "claims are paid from."), _("Add heading"), self.add_heading))
        select_saved(writer, self.table, ("budget_headings",), ID_ROLE)
        self.loose = QLabel()
        self.loose.setWordWrap(True)
        self.loose.setAccessibleName(_("Claims with no budget heading"))
        key = QLabel(_("Dark blue: spent (approved or paid). Light blue: waiting for approval. Black line: the "
                     "allocation. Red: over budget."))
        key.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch()
        top.addWidget(self.edit_button)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.chart)
        layout.addWidget(key)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.loose)
        self.year.currentIndexChanged.connect(self.refresh)
        writer.watch(self, ("budget_headings", "claims", "claim_lines", "claim_status_changes", "settings"),
                     self.refresh)
        self.refresh()

    def selected_year(self) -> int:
        return self.year.currentData()

    def refresh(self) -> None:
        view = self.writer.read(lambda s: budget_view(s, self.selected_year()))
        self.table.setRowCount(len(view.headings))
        bars = []
        for row, h in enumerate(view.headings):
            left = h.remaining_pence
            texts = (h.name, format_pounds(h.allocation_pence), format_pounds(h.spent_pence),
                     format_pounds(h.committed_pence), format_pounds(left) if left >= 0 else
                     _("{value} over").format(value=format_pounds(-left)), f"{h.percent_used}%")
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, h.heading_id)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            bars.append(Bar(h.name, h.spent_pence, h.committed_pence, h.allocation_pence,
                            _("{used_pence} of {allocation_pence} ({percent_used}%)").format(
                                used_pence=format_pounds(h.used_pence),
                                allocation_pence=format_pounds(h.allocation_pence),
                                percent_used=h.percent_used,
                            )))
        self.chart.set_bars(bars)
        self.chart.setVisible(bool(bars))
        label = financial_year_label(view.financial_year)
        count = len(view.headings)
        summary = ngettext("{n} heading for {year}, {money} allocated in all.",
                           "{n} headings for {year}, {money} allocated in all.", count)
        words = [summary.format(n=count, year=label, money=format_pounds(view.allocation_pence))]
        if view.no_heading_spent_pence or view.no_heading_committed_pence:
            words.append(_(
                "Claims with no heading: {no_heading_spent_pence} spent and {no_heading_committed_pence} "
                "waiting for approval."
            ).format(
                no_heading_spent_pence=format_pounds(view.no_heading_spent_pence),
                no_heading_committed_pence=format_pounds(view.no_heading_committed_pence),
            ))
        if not view.headings:
            words.append(_("Add a heading to start tracking this year's budget."))
        self.loose.setText(" ".join(words))

    def heading_dialog(self, heading_id: str | None) -> HeadingDialog:
        return HeadingDialog(self.writer, self.selected_year(), heading_id, self)

    def add_heading(self) -> None:
        self.heading_dialog(None).exec()

    def edit_selected(self) -> None:
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        if item is not None:
            self.heading_dialog(item.data(ID_ROLE)).exec()

    def show_heading(self, heading_id: str) -> None:
        """Select a heading of the year on show (from a Today line)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(ID_ROLE) == heading_id:
                self.table.selectRow(row)
