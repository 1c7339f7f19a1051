"""The Meetings area: filter by committee, kind, dates and words; sort; open, cancel, delete to the Bin."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import vocab
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.listing import MeetingFilter, meeting_row
from partnerdesk.services.meetings.meetings import cancel_meeting, delete_meeting, reinstate_meeting
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.ui.feedback import select_saved
from partnerdesk.ui.meetings.dates_dialog import NOTICE, PAPERS, MeetingDatesDialog
from partnerdesk.ui.meetings.list_model import MeetingsTableModel
from partnerdesk.ui.meetings.series_actions import SeriesActions
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.permissions import only_own_selected
from partnerdesk.ui.tables import list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import date_range
from partnerdesk.ui.widgets.empty_state import NextStep, show_when_empty
from partnerdesk.ui.widgets.filter_bar import FilterBar
from partnerdesk.ui.widgets.fitting import ButtonRow, short_combo

# Dates and times whole; the title takes what is left, so "Who" stays in view on a 1280-pixel laptop too.
COLUMN_WIDTHS = (N_("Wed 27/05/2026"), "10:00–11:00", 150, 110, 170, 70, N_("4 invited, 4 attended"))
TITLE_COLUMN = 4


class MeetingsListPage(QWidget, SeriesActions):
    """Every meeting (cancelled ones greyed), soonest first."""

    open_meeting = Signal(str)
    new_meeting = Signal()
    schedule_series = Signal()
    export_requested = Signal()
    calendar_requested = Signal(list)
    print_requested = Signal(str)
    #: Something done, in words, for the window's status line.
    status_message = Signal(str)

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        title = QLabel(_("Meetings"))
        title.setObjectName("pageTitle")
        # The filters wrap onto a second line on a narrow screen rather than widening the window.
        filters = FilterBar(self.apply_filter)
        self.search = filters.search(_("Search meetings"), _("Search titles, venues, committees and notes"), 180)
        self.committee = short_combo(characters=14)
        self.committee.setAccessibleName(_("Filter by committee"))
        self.reload_committees()
        filters.choice(self.committee)  # listened to once filled: filling it is not the worker filtering
        self.kind = filters.choice(
            ChoiceCombo(vocab.MEETING_KINDS, _("Filter by kind of meeting"), blank=_("Any kind")), 10
        )
        self.date_from, self.date_to = filters.dates(_("Meetings from this date"), _("Meetings up to this date"))
        self.date_problem = QLabel()
        self.date_problem.setObjectName("fieldMessage")
        self.date_problem.hide()
        self.count = QLabel()
        self.count.setAccessibleName(_("How many meetings are shown"))

        self.model = MeetingsTableModel(writer.store, MeetingFilter(), self)
        self.table = list_view(self.model, _("List of meetings"), COLUMN_WIDTHS, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self._open(index.row()))
        # Ctrl+click, Shift+click, Shift+arrows and Ctrl+A pick several meetings for the bulk actions.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        select_saved(writer, self.table, ("meetings",))
        show_when_empty(
            self.table,
            NextStep(_("No meetings yet. Add a meeting, or schedule a year of meetings for a committee."),
                     _("Add meeting"), self.new_meeting.emit),
            NextStep(_("No meetings match this search and these filters."), _("Clear search and filters"),
                     self.clear_filters),
            self.filtering,
        )

        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        row = ButtonRow(_("More meeting actions"))
        actions.addWidget(row)
        self.buttons: dict[str, QPushButton] = {}
        #: The bulk actions, in the menus of the Record sent and Series buttons.
        self.actions: dict[str, QAction] = {}
        for key, text, tip, slot in (
            ("export", _("E&xport…"), _("Save these meetings as a spreadsheet"), self.export_requested.emit),
            (
                "calendar",
                _("Add to &calendar…"),
                _("Save the selected meeting as a calendar file (.ics)"),
                self.calendar_selected,
            ),
            ("print", _("&Print sheet…"), _("Attendance sheet for the selected meeting (PDF)"), self.print_selected),
            ("cancel", _("&Cancel meeting…"), _("Cancel the selected meeting, saying why"), self.cancel_selected),
            ("delete", _("&Delete to Bin"), _("Move the selected meeting to the Bin (Delete)"), self.delete_selected),
            (
                "dates",
                _("&Record sent"),
                _("Record one date notice or papers were sent for the selected meetings"),
                [
                    ("notice", _("Record &notice sent…"), lambda: self.record_dates(NOTICE)),
                    ("papers", _("Record &papers sent…"), lambda: self.record_dates(PAPERS)),
                ],
            ),
            (
                "in_series",
                _("Ser&ies"),
                _("Invite the committee to the series, or add a meeting to it"),
                [
                    ("invite", _("&Invite committee members to every meeting in this series…"), self.invite_series),
                    ("add_to_series", _("&Add one more meeting to this series…"), self.add_to_series),
                ],
            ),
            (
                "series",
                _("&Schedule a year…"),
                _("Make a series of meetings for a committee"),
                self.schedule_series.emit,
            ),
            ("open", _("&Open"), _("Open the selected meeting"), self.open_selected),
            ("new", _("&New meeting"), _("Add a single meeting"), self.new_meeting.emit),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            plain = text.replace("&", "").rstrip("…")
            named = ("calendar", "print", "cancel", "delete", "open", "dates", "in_series")
            button.setAccessibleName(tip if key in named else plain)
            if isinstance(slot, list):  # a few related actions share one button, so the row fits a laptop
                menu = QMenu(button)
                for action_key, action_text, action_slot in slot:
                    self.actions[action_key] = menu.addAction(action_text, action_slot)
                button.setMenu(menu)
            else:
                button.clicked.connect(slot)
            row.add(button)
            self.buttons[key] = button
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        only_own_selected(self.table, [self.buttons[key] for key in ("cancel", "delete", "dates")], "meetings",
                          self.selected_ids, writer)  # fmt: skip

        # Shown when meetings just made are hidden by the filters, with a button that shows them.
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.hidden_note.setAccessibleName(_("Why new meetings are not in the list"))
        self.show_hidden = QPushButton(_("Show t&hem"))
        self.show_hidden.setAccessibleName(_("Show the new meetings"))
        self.show_hidden.clicked.connect(self._show_new_series)
        self.hidden_bar = QWidget()
        bar = QHBoxLayout(self.hidden_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.hidden_note, 1)
        bar.addWidget(self.show_hidden)
        self.hidden_bar.hide()
        self._new_series: str | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.date_problem)
        layout.addWidget(self.hidden_bar)
        layout.addWidget(self.table)
        layout.addLayout(actions)

        writer.watch(self, ("meetings", "meeting_series", "attendance", "committees", "organisations", "people"),
                     self.refresh)
        self._show_count()

    def reload_committees(self) -> None:
        current = self.committee.currentData()
        self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItem(_("Any committee"), None)
        for committee in self.writer.read(list_committees):
            self.committee.addItem(f"{committee.name} ({committee.organisation.name})", committee.id)
        self.committee.setCurrentIndex(max(self.committee.findData(current), 0))
        self.committee.blockSignals(False)

    def apply_filter(self) -> None:
        """Re-run the list for what is typed and chosen."""
        dates = date_range(self.date_from, self.date_to, self.date_problem)
        self.model.set_filter(
            replace(
                self.model.filter,
                search=self.search.text(),
                committee_id=self.committee.currentData(),
                kind=self.kind.code(),
                **dates,
            )
        )
        self._show_count()

    def filtering(self) -> bool:
        """Whether a search, filter or date is hiding any meetings."""
        return bool(self.search.text().strip() or self.date_from.text().strip() or self.date_to.text().strip()) \
            or self.committee.currentIndex() > 0 or self.kind.currentIndex() > 0

    def clear_filters(self) -> None:
        """Show every meeting again."""
        for edit in (self.search, self.date_from, self.date_to):
            edit.clear()
        self.committee.setCurrentIndex(0)
        self.kind.setCurrentIndex(0)
        self.apply_filter()

    def refresh(self) -> None:
        self.reload_committees()
        self.model.refresh()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{n} meeting", "{n} meetings", n).format(n=f"{n:,}"))

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        """Every meeting picked (Ctrl/Shift+click), in list order; the highlighted one if none is picked."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.model.record_id(row) for row in rows]
        if not ids and self.selected_id():
            ids = [self.selected_id()]
        return [meeting_id for meeting_id in ids if meeting_id]

    def select_meeting(self, meeting_id: str) -> bool:
        """Highlight a meeting in the list and scroll to it; False if the filters hide it."""
        row = self.writer.read(lambda s: meeting_row(s, self.model.filter, meeting_id))
        if row is None:
            return False
        index = self.model.index(row, 0)
        # Only this meeting, whatever keys are held (setCurrentIndex would add it to the picked ones under Ctrl).
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.table.scrollTo(index)
        return True

    def record_dates(self, what: str) -> None:
        """Record one notice (or papers) date for every meeting picked."""
        ids = self.selected_ids()
        if not ids:
            self.status_message.emit(_("Pick one or more meetings in the list first (Ctrl+click picks several)."))
            return
        dialog = MeetingDatesDialog(self.writer, ids, what, self)
        if dialog.exec() and dialog.done_text:
            self.status_message.emit(dialog.done_text)

    def _describe(self) -> str:
        texts = self.model.row_text(self.table.currentIndex().row())
        return _("“{value}” on {value2}").format(value=texts[4], value2=texts[0]) if texts else _("this meeting")

    def _open(self, row: int) -> None:
        meeting_id = self.model.record_id(row)
        if meeting_id:
            self.open_meeting.emit(meeting_id)

    def open_selected(self) -> None:
        if self.table.currentIndex().isValid():
            self._open(self.table.currentIndex().row())

    def cancel_selected(self) -> None:
        """Cancel the highlighted meeting after asking why (or reinstate a cancelled one)."""
        meeting_id = self.selected_id()
        if meeting_id is None:
            return
        texts = self.model.row_text(self.table.currentIndex().row())
        if texts and texts[6] == "Cancelled":
            question = _("{describe} is cancelled. Put it back on?").format(describe=self._describe())
            answer = QMessageBox.question(self, _("Reinstate meeting"), question)
            if answer == QMessageBox.StandardButton.Yes:
                self.writer.run(self, lambda s: reinstate_meeting(s, meeting_id))
            return
        prompt = _("Why is {describe} cancelled? This is kept with the meeting.").format(
            describe=self._describe(),
        )
        while True:
            reason, ok = QInputDialog.getText(self, _("Cancel meeting"), prompt)
            if not ok:
                return
            try:
                self.writer.run(self, lambda s, r=reason: cancel_meeting(s, meeting_id, r))
                return
            except ValidationError as exc:
                prompt = " ".join(exc.messages.values())

    def delete_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is None or not self.buttons["delete"].isEnabled():  # the Delete key, on one that is not theirs
            return
        answer = QMessageBox.question(
            self, _("Delete to Bin"),
            _(
                "Move {describe} to the Bin? If it is not happening, Cancel meeting keeps it on record "
                "instead."
            ).format(
                describe=self._describe(),
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.writer.run(self, lambda s: delete_meeting(s, meeting_id))

    def calendar_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.calendar_requested.emit([meeting_id])

    def print_selected(self) -> None:
        meeting_id = self.selected_id()
        if meeting_id is not None:
            self.print_requested.emit(meeting_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
