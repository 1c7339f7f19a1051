"""The Meetings area: filter by committee, kind, dates and words; sort; open, cancel, delete to the Bin."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.listing import MeetingFilter
from partnerdesk.services.meetings.meetings import cancel_meeting, delete_meeting, reinstate_meeting
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.ui.meetings.list_model import MeetingsTableModel
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.tables import list_view
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit, date_range
from partnerdesk.ui.widgets.fitting import ButtonRow, FlowLayout, short_combo

# Dates and times whole; the title takes what is left, so "Who" stays in view on a 1280-pixel laptop too.
COLUMN_WIDTHS = ("Wed 27/05/2026", "10:00–11:00", 150, 110, 170, 70, "4 invited, 4 attended")  # not words
TITLE_COLUMN = 4


class MeetingsListPage(QWidget):
    """Every meeting (cancelled ones greyed), soonest first."""

    open_meeting = Signal(str)
    new_meeting = Signal()
    schedule_series = Signal()
    export_requested = Signal()
    calendar_requested = Signal(list)
    print_requested = Signal(str)

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        title = QLabel(_("Meetings"))
        title.setObjectName("pageTitle")
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search titles, venues, committees and notes"))
        self.search.setAccessibleName(_("Search meetings"))
        self.search.setClearButtonEnabled(True)
        self.committee = short_combo(characters=14)
        self.committee.setAccessibleName(_("Filter by committee"))
        self.reload_committees()
        self.kind = ChoiceCombo(vocab.MEETING_KINDS, _("Filter by kind of meeting"), blank=_("Any kind"))
        self.date_from = UkDateEdit(_("Meetings from this date"))
        self.date_to = UkDateEdit(_("Meetings up to this date"))
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

        # The filters wrap onto a second line on a narrow screen rather than widening the window.
        filters = FlowLayout()
        self.search.setMinimumWidth(180)
        self.search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        filters.add(self.search)
        filters.add(self.committee)
        filters.add(short_combo(self.kind, 10))
        for text, edit in ((_("&From"), self.date_from), (_("&To"), self.date_to)):
            label = QLabel(text)
            label.setBuddy(edit)
            edit.setMinimumWidth(110)
            filters.add(label, edit)

        actions = QHBoxLayout()
        actions.addWidget(self.count)
        actions.addStretch()
        row = ButtonRow(_("More meeting actions"))
        actions.addWidget(row)
        self.buttons: dict[str, QPushButton] = {}
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
            button.setAccessibleName(tip if key in ("calendar", "print", "cancel", "delete", "open") else plain)
            button.clicked.connect(slot)
            row.add(button)
            self.buttons[key] = button
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.date_problem)
        layout.addWidget(self.table)
        layout.addLayout(actions)

        self.search.textChanged.connect(self.apply_filter)
        self.committee.currentIndexChanged.connect(self.apply_filter)
        self.kind.currentIndexChanged.connect(self.apply_filter)
        self.date_from.editingFinished.connect(self.apply_filter)
        self.date_to.editingFinished.connect(self.apply_filter)
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

    def refresh(self) -> None:
        self.reload_committees()
        self.model.refresh()
        self._show_count()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.count.setText(ngettext("{n:,} meeting", "{n:,} meetings", n).format(n=n))

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

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
        if meeting_id is None:
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
