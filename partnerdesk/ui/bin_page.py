"""The Bin: pick a kind of record (people, organisations, committees, meetings, claims, wellbeing checks, supervision
pairs, training courses), find it, and restore it; or empty the Bin, deleting what is in it for good. What has been
in the Bin longer than the organisation's setting is deleted for good when PartnerDesk starts (sweep_old_items)."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services.bin.items import KINDS, ONE, binned, restore
from partnerdesk.services.bin.purge import Emptied, cutoff, empty_bin, sweep_old, waiting, waiting_count
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.people.listing import PeopleFilter
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.list_model import PeopleTableModel
from partnerdesk.ui.people.list_page import COLUMN_WIDTHS as PEOPLE_WIDTHS
from partnerdesk.ui.permissions import forbid
from partnerdesk.ui.tables import column_width_for
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty

log = logging.getLogger(__name__)
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

        self.empty_button = QPushButton(_("&Empty Bin…"))
        self.empty_button.setAccessibleName(_("Empty the Bin: delete everything in it for good"))
        self.empty_button.setToolTip(_("Delete everything in the Bin for good (you are asked first)"))
        self.empty_button.clicked.connect(self.empty)
        forbid(self.empty_button, roles.BIN_EMPTY)

        choose = QHBoxLayout()
        choose.addWidget(kind_label)
        choose.addWidget(self.kind, 1)
        choose.addWidget(self.search, 3)
        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        actions.addWidget(self.empty_button)
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
        one = "person" if kind == "people" else _(ONE[kind]) if kind in ONE else what.removesuffix("s")
        self.count.setText(
            _("{shown:,} deleted {one}").format(shown=shown, one=one if shown == 1 else what)
            if shown
            else _("No deleted {what}").format(what=what)
        )
        self.restore_button.setEnabled(shown > 0)
        self.empty_button.setEnabled(not self.writer.read_only)

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

    def empty(self) -> Emptied | None:
        """Ask, saying how many records, then delete everything in the Bin for good."""
        count = self.writer.read(waiting_count)
        if not count:
            self.writer.tell(_("The Bin has nothing that can be deleted for good."))
            return None
        question = ngettext(
            "Delete {count} record in the Bin for good? It cannot be restored afterwards.",
            "Delete {count:,} records in the Bin for good? They cannot be restored afterwards.", count,
        ).format(count=count)
        detail = _("Everything that hangs off them goes too (a person's checks, seats and attendance). Expense "
                   "claims sent for approval are kept for the accounts: a person with claims loses their name and "
                   "details instead. Older backups still hold them until they are deleted.")
        box = QMessageBox(QMessageBox.Icon.Warning, _("Empty the Bin"), question, parent=self)
        box.setInformativeText(detail)
        delete = box.addButton(_("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not delete:
            return None
        emptied = self.writer.run(self, empty_bin)
        if emptied is not None:
            self.writer.store.checkpoint_after_erasure()
            self.writer.tell_everyone()
            self.writer.tell(ngettext("{count} record deleted for good.", "{count:,} records deleted for good.",
                                      emptied.deleted + emptied.people_removed
                                      ).format(count=emptied.deleted + emptied.people_removed))
        return emptied


def sweep_old_items(writer: Writer) -> None:
    """Delete for good what has been in the Bin longer than the organisation's setting, quietly (at start).

    A sweep that fails is logged and left for the next start: it must never stop the window opening.
    """
    if writer.read_only:
        return
    try:
        # Looked for first without the write lock, so a start with nothing due never waits for another writer.
        keep_days = writer.read(lambda session: get_setting(session, "bin_keep_days"))
        if not writer.read(lambda session: waiting(session, cutoff(keep_days))):
            return
        with writer.store.transaction() as session:
            emptied = sweep_old(session, keep_days)
    except Exception:  # noqa: BLE001 -- tidying up must not stop the window; the log says where it failed
        log.exception("the Bin's automatic sweep failed")
        return
    if emptied.deleted or emptied.people_removed:
        writer.store.checkpoint_after_erasure()
        writer.tell_everyone()
