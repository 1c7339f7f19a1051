"""The People area: search as you type, filter, sort, open, delete to the Bin (restoring is on the Bin page)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import vocab
from partnerdesk.rules import roles
from partnerdesk.services.people.listing import PeopleFilter
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.services.people.people import delete_person
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.add_to_committee import AddToCommitteeDialog
from partnerdesk.ui.people.list_model import PeopleTableModel
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.tables import list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.filter_bar import FilterBar
from partnerdesk.ui.widgets.fitting import short_combo

# Narrow enough that "Last changed" shows whole beside the areas on a 1280-pixel laptop.
COLUMN_WIDTHS = (200, 180, 80, 190, "029 2018 0000", N_("CF83 6YZ"), "17/11/2026 09:00")


class PeopleListPage(QWidget):
    """A list of people not in the Bin."""

    open_person = Signal(str)
    new_person = Signal()
    export_requested = Signal()
    #: Something done, in words, for the window's status line.
    status_message = Signal(str)

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer

        title = QLabel(_("People"))
        title.setObjectName("pageTitle")
        filters = FilterBar(self.apply_filter)
        self.search = filters.search(_("Search people"), _("Search by name, email, phone or postcode"))
        self.role = ChoiceCombo(vocab.ROLES, _("Filter by role"), blank=_("Any role"))
        self.status = ChoiceCombo(vocab.STATUSES, _("Filter by status"), blank=_("Any status"))
        self.committee = short_combo()
        self.committee.setAccessibleName(_("Filter by committee"))
        for combo in (self.role, self.status, self.committee):
            filters.choice(combo, 14)
        self.count = QLabel()
        self.count.setAccessibleName(_("How many people are shown"))

        self.model = PeopleTableModel(writer.store, PeopleFilter(), self)
        self.table = list_view(
            self.model, _("List of people"), COLUMN_WIDTHS, Qt.SortOrder.AscendingOrder
        )
        self.table.activated.connect(self._activated)
        # Ctrl+click, Shift+click, Shift+arrows and Ctrl+A pick several people (Add to committee…).
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        select_saved(writer, self.table, ("people",))
        show_when_empty(
            self.table,
            NextStep(_("No people yet. Add the first person you work with."), _("Add person"), self.new_person.emit),
            NextStep(_("Nobody matches this search and these filters."), _("Clear search and filters"),
                     self.clear_filters),
            self.filtering,
        )

        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        export = QPushButton(_("E&xport to spreadsheet…"))
        export.clicked.connect(self.export_requested)
        forbid(export, roles.EXPORT_NAMED)
        add = QPushButton(_("&New person"))
        add.setToolTip(_("Add someone new (Ctrl+N)"))
        add.clicked.connect(self.new_person)
        self.delete_button = QPushButton(_("&Delete to Bin"))
        self.delete_button.setToolTip(_("Move the selected person to the Bin (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.committee_button = QPushButton(_("Add to co&mmittee…"))
        self.committee_button.setToolTip(_("Give the selected people a seat on a committee"))
        self.committee_button.clicked.connect(self.add_selected_to_committee)
        for button in (export, self.committee_button, self.delete_button, add):
            actions.addWidget(button)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(actions)

        writer.watch(self, ("people", "person_roles", "memberships", "committees", "organisations"), self.refresh)

    def showEvent(self, event) -> None:
        # The list is read when first shown, not when the window is built, so PartnerDesk opens quickly.
        if not self.model.loaded:
            self.reload_committees()
            self.model.load()
            self._show_count()
        super().showEvent(event)

    def reload_committees(self) -> None:
        """Refill the committee filter (after committees are added or renamed)."""
        current = self.committee.currentData()
        self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItem(_("Any committee"), None)
        for committee in self.writer.read(list_committees):
            self.committee.addItem(committee.name, committee.id)
        self.committee.setCurrentIndex(max(self.committee.findData(current), 0))
        self.committee.blockSignals(False)

    def apply_filter(self) -> None:
        """Re-run the list for what is typed and chosen (called on every keystroke)."""
        self.model.set_filter(
            replace(
                self.model.filter,
                search=self.search.text(),
                role=self.role.code(),
                status=self.status.code(),
                committee_id=self.committee.currentData(),
            )
        )
        self._show_count()

    def filtering(self) -> bool:
        """Whether a search or a filter is hiding anyone."""
        return bool(self.search.text().strip()) or any(
            combo.currentIndex() > 0 for combo in (self.role, self.status, self.committee))

    def clear_filters(self) -> None:
        """Show everyone again: empty the search box and set every filter back to "Any"."""
        self.search.clear()
        for combo in (self.role, self.status, self.committee):
            combo.setCurrentIndex(0)

    def refresh(self) -> None:
        """Re-read the list and the committee filter after something changed (once the page has been shown)."""
        if self.model.loaded:
            self.reload_committees()
            self.model.refresh()
            self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{count:,} person", "{count:,} people", n).format(count=n))

    def selected_id(self) -> str | None:
        """The person on the highlighted row, if any."""
        index = self.table.currentIndex()
        return self.model.person_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        """Every person picked (Ctrl/Shift+click), in list order; the highlighted one if none is picked."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.model.person_id(row) for row in rows] or [self.selected_id()]
        return [person_id for person_id in ids if person_id]

    def add_selected_to_committee(self) -> None:
        """Give everyone picked a seat on one committee, in one go."""
        ids = self.selected_ids()
        if not ids:
            self.status_message.emit(_("Pick one or more people in the list first (Ctrl+click picks several)."))
            return
        dialog = AddToCommitteeDialog(self.writer, ids, self)
        if dialog.exec() and dialog.done_text:
            self.status_message.emit(dialog.done_text)

    def _activated(self, index) -> None:
        person_id = self.model.person_id(index.row())
        if person_id:
            self.open_person.emit(person_id)

    def delete_selected(self) -> None:
        person_id = self.selected_id()
        if person_id is None:
            return
        name = self.model.index(self.table.currentIndex().row(), 0).data()
        answer = QMessageBox.question(
            self, _("Delete to Bin"), _("Move {name} to the Bin? You can restore them later.").format(name=name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.writer.run(self, lambda s: delete_person(s, person_id))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
