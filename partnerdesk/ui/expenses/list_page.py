"""The claims list: filter by status, person, dates, budget heading and words; sort; count and total; open."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import financial_year_label, financial_year_of
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.expenses.budgets import headings_for_year
from partnerdesk.services.expenses.listing import ClaimFilter
from partnerdesk.ui.expenses.list_model import ClaimsTableModel
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.tables import column_width_for, list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import date_range
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.filter_bar import FilterBar
from partnerdesk.ui.widgets.fitting import short_combo
from partnerdesk.ui.widgets.person_picker import PersonPicker

#: The longest text each column should show whole, measured in the list's own font: at a larger text size or 125%
#: scaling the columns grow and the list scrolls sideways, rather than cutting names and headings short.
COLUMN_WIDTHS = (
    "30/11/2026", "EXP-64645644", "Iain Hamish Henderson",  # not words: samples of the widest values
    N_("Approved, not paid yet"), "£10,000.00", N_("Representatives' expenses"),
    "Reciprocal mentoring",  # not words: a sample value
)  # fmt: skip


def heading_choices(writer: Writer, years) -> list[tuple[str, str]]:
    """(heading id, "Name (2026–27)") for every heading of these financial years, newest year first."""

    def read(session):
        return [(h.id, f"{h.name} ({financial_year_label(h.financial_year)})")
                for year in years for h in headings_for_year(session, year)]

    return writer.read(read)


class ClaimsListPage(QWidget):
    """Every claim not in the Bin, newest first, with how many and how much underneath."""

    open_claim = Signal(str)
    new_claim = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        # Both rows of filters wrap on a narrow screen rather than widening the window.
        first, second = FilterBar(self.apply_filter), FilterBar(self.apply_filter)
        self.search = first.search(_("Search claims"), _("Search names, programmes and notes"), 220)
        self.status = first.choice(ChoiceCombo(vocab.CLAIM_STATUSES, _("Filter by status"), blank=_("Any status")), 12)
        self.person = PersonPicker(writer, _("Show the claims of this person"), _("Anyone: type a name to choose"))
        self.person.setMinimumWidth(260)
        second.labelled(_("&Person"), self.person)
        self.heading = short_combo()
        self.heading.setAccessibleName(_("Filter by budget heading"))
        self.reload_headings()
        first.choice(self.heading)  # listened to once filled: filling it is not the worker filtering
        self.date_from, self.date_to = second.dates(_("Claims from this date"), _("Claims up to this date"))
        self.date_problem = QLabel()
        self.date_problem.setObjectName("fieldMessage")
        self.date_problem.hide()
        self.count = QLabel()
        self.count.setAccessibleName(_("How many claims are shown and their total"))

        self.model = ClaimsTableModel(writer.store, ClaimFilter(), self)
        self.table = list_view(self.model, _("List of claims"), COLUMN_WIDTHS, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(lambda index: self._open(index.row()))  # Enter or double-click
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.installEventFilter(self)  # columns measured again when the text size changes
        select_saved(writer, self.table, ("claims",))
        show_when_empty(
            self.table,
            NextStep(_("No expense claims yet. Enter the first claim when someone asks to be paid back."),
                     _("Add claim"), self.new_claim.emit),
            NextStep(_("No claims match this search and these filters."), _("Clear search and filters"),
                     self.clear_filters),
            self.filtering,
        )

        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, slot in (
            ("open", _("&Open"), _("Open the selected claim"), self.open_selected),
            ("new", _("&New claim"), _("Enter a new claim"), self.new_claim.emit),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip if key == "open" else text.replace("&", ""))
            button.clicked.connect(slot)
            actions.addWidget(button)
            self.buttons[key] = button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.date_problem)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        writer.watch(self, ("claims", "claim_lines", "claim_status_changes", "receipts", "budget_headings", "people"),
                     self.refresh)
        self._show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 -- Qt's name
        """Measure the columns again in the list's new font after View → Text size."""
        if watched is self.table and event.type() == QEvent.Type.FontChange:
            for column, sample in enumerate(COLUMN_WIDTHS):
                self.table.setColumnWidth(column, column_width_for(self.table, column, sample))
        return super().eventFilter(watched, event)

    def reload_headings(self) -> None:
        current = self.heading.currentData()
        year = financial_year_of(today_uk())
        self.heading.blockSignals(True)
        self.heading.clear()
        self.heading.addItem(_("Any budget heading"), None)
        for heading_id, text in heading_choices(self.writer, range(year + 1, year - 3, -1)):
            self.heading.addItem(text, heading_id)
        self.heading.setCurrentIndex(max(self.heading.findData(current), 0))
        self.heading.blockSignals(False)

    def apply_filter(self) -> None:
        """Re-run the list for what is typed and chosen."""
        dates = date_range(self.date_from, self.date_to, self.date_problem)
        status = self.status.code()
        self.model.set_filter(replace(
            self.model.filter, search=self.search.text(), statuses=(status,) if status else (),
            person_id=self.person.person_id(), budget_heading_id=self.heading.currentData(), **dates,
        ))  # fmt: skip
        self._show_count()

    def filtering(self) -> bool:
        """Whether a search, filter or date is hiding any claims."""
        return bool(self.search.text().strip() or self.date_from.text().strip() or self.date_to.text().strip()) \
            or self.status.currentIndex() > 0 or self.heading.currentIndex() > 0 or self.person.person_id() is not None

    def clear_filters(self) -> None:
        """Show every claim again."""
        for edit in (self.search, self.date_from, self.date_to):
            edit.clear()
        self.status.setCurrentIndex(0)
        self.heading.setCurrentIndex(0)
        self.person.set_person(None)
        self.apply_filter()

    def refresh(self) -> None:
        self.reload_headings()
        self.model.refresh()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.count
        self.count.setText(_("{n:,} claim{value}, {total_pence} in all").format(
            n=n,
            value='' if n == 1 else 's',
            total_pence=format_pounds(self.model.total_pence),
        ))

    def _open(self, row: int) -> None:
        claim_id = self.model.record_id(row)
        if claim_id:
            self.open_claim.emit(claim_id)

    def open_selected(self) -> None:
        if self.table.currentIndex().isValid():
            self._open(self.table.currentIndex().row())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
