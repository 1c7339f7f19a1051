"""The People area: search as you type, filter, sort, open, delete to the Bin (restoring is on the Bin page)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import vocab
from partnerdesk.services.people.listing import PeopleFilter
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.services.people.people import delete_person
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.list_model import PeopleTableModel
from partnerdesk.ui.tables import list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.fitting import FlowLayout, short_combo

# Narrow enough that "Last changed" shows whole beside the areas on a 1280-pixel laptop.
COLUMN_WIDTHS = (200, 180, 80, 190, "029 2018 0000", "CF83 6YZ", "17/11/2026 09:00")  # not words


class PeopleListPage(QWidget):
    """A list of people not in the Bin."""

    open_person = Signal(str)
    new_person = Signal()
    export_requested = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer

        title = QLabel(_("People"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name, email, phone or postcode"))
        self.search.setAccessibleName(_("Search people"))
        self.search.setClearButtonEnabled(True)
        self.role = ChoiceCombo(vocab.ROLES, _("Filter by role"), blank=_("Any role"))
        self.status = ChoiceCombo(vocab.STATUSES, _("Filter by status"), blank=_("Any status"))
        self.committee = short_combo()
        self.committee.setAccessibleName(_("Filter by committee"))
        self.count = QLabel()
        self.count.setAccessibleName(_("How many people are shown"))

        self.model = PeopleTableModel(writer.store, PeopleFilter(), self)
        self.table = list_view(
            self.model, _("List of people"), COLUMN_WIDTHS, Qt.SortOrder.AscendingOrder
        )
        self.table.activated.connect(self._activated)

        filters = FlowLayout()  # wraps on a narrow screen rather than widening the window
        self.search.setMinimumWidth(200)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        filters.add(self.search)
        for combo in (self.role, self.status, self.committee):
            filters.add(short_combo(combo, 14))

        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        export = QPushButton(_("E&xport to spreadsheet…"))
        export.clicked.connect(self.export_requested)
        add = QPushButton(_("&New person"))
        add.setToolTip(_("Add someone new (Ctrl+N)"))
        add.clicked.connect(self.new_person)
        self.delete_button = QPushButton(_("&Delete to Bin"))
        self.delete_button.setToolTip(_("Move the selected person to the Bin (Delete)"))
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (export, self.delete_button, add):
            actions.addWidget(button)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.role, self.status, self.committee):
            combo.currentIndexChanged.connect(self.apply_filter)
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

    def refresh(self) -> None:
        """Re-read the list and the committee filter after something changed (once the page has been shown)."""
        if self.model.loaded:
            self.reload_committees()
            self.model.refresh()
            self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{n:,} person", "{n:,} people", n).format(n=n))

    def selected_id(self) -> str | None:
        """The person on the highlighted row, if any."""
        index = self.table.currentIndex()
        return self.model.person_id(index.row()) if index.isValid() else None

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
