"""The claims list: filter by status, person, dates, budget heading and words; sort; count and total; open."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import financial_year_label, financial_year_of
from partnerdesk.rules.money import format_pounds
from partnerdesk.services.expenses.budgets import headings_for_year
from partnerdesk.services.expenses.listing import ClaimFilter
from partnerdesk.ui.expenses.list_model import ClaimsTableModel
from partnerdesk.ui.expenses.person_picker import PersonPicker
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.tables import list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit, date_range
from partnerdesk.ui.widgets.fitting import FlowLayout, short_combo

COLUMN_WIDTHS = (95, 125, 165, 175, 90, 165, 130)


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
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search names, programmes and notes"))
        self.search.setAccessibleName(_("Search claims"))
        self.search.setClearButtonEnabled(True)
        self.status = ChoiceCombo(vocab.CLAIM_STATUSES, _("Filter by status"), blank=_("Any status"))
        self.person = PersonPicker(writer, _("the person claiming"), blank=_("Anyone"))
        self.heading = short_combo()
        self.heading.setAccessibleName(_("Filter by budget heading"))
        self.reload_headings()
        self.date_from = UkDateEdit(_("Claims from this date"))
        self.date_to = UkDateEdit(_("Claims up to this date"))
        self.date_problem = QLabel()
        self.date_problem.setObjectName("fieldMessage")
        self.date_problem.hide()
        self.count = QLabel()
        self.count.setAccessibleName(_("How many claims are shown and their total"))

        self.model = ClaimsTableModel(writer.store, ClaimFilter(), self)
        self.table = list_view(self.model, _("List of claims"), COLUMN_WIDTHS, Qt.SortOrder.DescendingOrder)
        self.table.activated.connect(lambda index: self._open(index.row()))  # Enter or double-click

        # Both rows of filters wrap on a narrow screen rather than widening the window.
        first = FlowLayout()
        self.search.setMinimumWidth(220)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        first.add(self.search)
        first.add(short_combo(self.status, 12))
        first.add(self.heading)
        second = FlowLayout()
        who = QLabel(_("&Person"))
        who.setBuddy(self.person.find)
        second.add(who, self.person)
        for text, edit in ((_("&From"), self.date_from), (_("&To"), self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            label.setMinimumWidth(label.sizeHint().width() + 4)  # "To" was drawn as "Tc", its o under the box
            edit.setMinimumWidth(110)
            second.add(label, edit)

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

        self.search.textChanged.connect(self.apply_filter)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.heading.currentIndexChanged.connect(self.apply_filter)
        self.person.changed.connect(self.apply_filter)
        self.date_from.editingFinished.connect(self.apply_filter)
        self.date_to.editingFinished.connect(self.apply_filter)
        writer.watch(self, ("claims", "claim_lines", "claim_status_changes", "receipts", "budget_headings", "people"),
                     self.refresh)
        self._show_count()

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

    def refresh(self) -> None:
        self.reload_headings()
        self.model.refresh()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.count
        self.count.setText(ngettext("{n:,} claim, {total} in all", "{n:,} claims, {total} in all", n).format(
            n=n, total=format_pounds(self.model.total_pence)
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
