"""The Bin: pick a kind of record (people, organisations, committees, meetings, claims, wellbeing checks, supervision
pairs, training courses), find it, and restore it."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.bin.items import KINDS, binned, restore
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.people.listing import PeopleFilter
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.list_model import PeopleTableModel
from partnerdesk.ui.people.list_page import COLUMN_WIDTHS as PEOPLE_WIDTHS
from partnerdesk.ui.tables import column_width_for
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OTHER_HEADINGS = (N_("Name"), N_("Belongs to"), N_("Deleted"))


def _table(name: str, model) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class BinPage(QWidget):
    """Deleted records of one kind at a time. People come from the People list's own model (quick with 100,000);
    the other kinds are few and read whole."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self._shown = False
        title = QLabel(_("Bin: deleted records"))
        title.setObjectName("pageTitle")
        self.kind = ChoiceCombo(KINDS, _("Kind of record in the Bin"))
        kind_label = QLabel(_("&Show"))
        kind_label.setBuddy(self.kind)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setAccessibleName(_("Search the Bin"))
        self.search.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setAccessibleName(_("How many records are shown"))
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Why the record could not be restored"))
        self.message.hide()

        self.people_model = PeopleTableModel(writer.store, PeopleFilter(in_bin=True), self)
        self.others_model = QStandardItemModel(0, len(OTHER_HEADINGS), self)
        self.others_model.setHorizontalHeaderLabels(OTHER_HEADINGS)
        self.people_view = _table(_("Deleted people"), self.people_model)
        self.others_view = _table(_("Deleted records"), self.others_model)
        for column, width in enumerate((360, 260)):
            self.others_view.setColumnWidth(column, width)
        # Deleted people in the same columns as the People list, dates whole; 100 px each cut most of them short.
        for column, width in enumerate(PEOPLE_WIDTHS):
            self.people_view.setColumnWidth(
                column, width if isinstance(width, int) else column_width_for(self.people_view, column, width)
            )
        for view in (self.people_view, self.others_view):
            view.activated.connect(lambda _index: self.restore_selected())
            show_when_empty(view, NextStep(_("Nothing of this kind is in the Bin. Anything you delete comes here, "
                                             "and can be brought back with Restore.")),
                            NextStep(_("Nothing in the Bin matches this search."), _("Clear search"),
                                     self.search.clear), lambda: bool(self.search.text().strip()))
        self.views = QStackedWidget()
        self.views.addWidget(self.people_view)
        self.views.addWidget(self.others_view)

        self.restore_button = QPushButton(_("&Restore"))
        self.restore_button.setAccessibleName(_("Restore the selected record from the Bin"))
        self.restore_button.setToolTip(_("Bring the selected record back (or press Enter on it)"))
        self.restore_button.clicked.connect(self.restore_selected)

        choose = QHBoxLayout()
        choose.addWidget(kind_label)
        choose.addWidget(self.kind, 1)
        choose.addWidget(self.search, 3)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        actions.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(choose)
        layout.addWidget(self.message)
        layout.addWidget(self.views, 1)
        layout.addLayout(actions)

        self.kind.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        writer.watch(self, None, self.refresh)  # anything can go to the Bin

    def showEvent(self, event) -> None:
        # Read when first shown, not when the window is built, so PartnerDesk opens quickly.
        if not self._shown:
            self._shown = True
            self.reload()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read again after something changed (once the page has been shown)."""
        if self._shown:
            self.reload()

    def reload(self) -> None:
        """Show the chosen kind, narrowed by what is typed in the search box."""
        kind, text = self.kind.code(), self.search.text()
        people = kind == "people"
        self.views.setCurrentWidget(self.people_view if people else self.others_view)
        if people:
            model = self.people_model
            searched = model.filter.search != text
            if searched:
                model.set_filter(replace(model.filter, search=text))  # reads again, once loaded
            if not model.loaded:
                model.load()
            elif not searched:  # after a restore, or a delete elsewhere
                model.refresh()
            shown = self.people_model.rowCount()
        else:
            rows = self.writer.read(lambda s: binned(s, kind, text))
            self.others_model.setRowCount(0)
            for row in rows:
                cells = [QStandardItem(row.name), QStandardItem(row.detail),
                         QStandardItem(format_moment_uk(row.deleted_at))]
                cells[0].setData(row.id, RECORD_ID_ROLE)
                self.others_model.appendRow(cells)
            shown = len(rows)
        what = KINDS[kind].lower()
        one = "person" if kind == "people" else what.removesuffix("s")
        self.count.setText(
            _("{shown:,} deleted {one}").format(shown=shown, one=one if shown == 1 else what)
            if shown
            else _("No deleted {what}").format(what=what)
        )
        self.restore_button.setEnabled(shown > 0)

    def current_view(self) -> QTableView:
        return self.views.currentWidget()

    def selected_id(self) -> str | None:
        index = self.current_view().currentIndex()
        if not index.isValid():
            return None
        if self.kind.code() == "people":
            return self.people_model.person_id(index.row())
        return self.others_model.item(index.row(), 0).data(RECORD_ID_ROLE)

    def restore_selected(self) -> bool:
        """Bring the highlighted record back; explain by the list if it cannot come back yet."""
        record_id, kind = self.selected_id(), self.kind.code()
        if record_id is None:
            self.message.setText(_("Pick a record in the list first."))
            self.message.show()
            return False
        try:
            self.writer.run(self, lambda s: restore(s, kind, record_id))
        except ValidationError as exc:
            self.message.setText(" ".join(exc.messages.values()))
            self.message.show()
            return False
        self.message.hide()
        return True
