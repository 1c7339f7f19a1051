"""A person's seats on committees (terms of office), edited inside the person form and saved with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.rules.dates import format_uk
from partnerdesk.services.common.errors import Problems
from partnerdesk.services.people.organisations import check_term
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.fitting import short_combo


@dataclass
class Seat:
    """One seat as the form holds it until the person is saved."""

    committee_id: str
    committee_name: str
    term_start: date
    term_end: date | None
    is_backup: bool
    membership_id: str | None = None

    def describe(self) -> str:
        role = " (back-up)" if self.is_backup else ""
        until = (
            _(" until {term_end}").format(term_end=format_uk(self.term_end)) if self.term_end else _(", no end date")
        )
        return _("{committee_name}{role}: from {term_start}{until}").format(
            committee_name=self.committee_name,
            role=role,
            term_start=format_uk(self.term_start),
            until=until,
        )


class SeatDialog(QDialog):
    """Choose a committee and a term of office."""

    def __init__(self, committees: list[tuple[str, str]], seat: Seat | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Committee seat"))
        self.committee = short_combo()
        self.committee.setAccessibleName(_("Committee"))
        for committee_id, name in committees:
            self.committee.addItem(name, committee_id)
        self.start = UkDateEdit(_("Term starts"))
        self.end = UkDateEdit(_("Term ends"))
        self.backup = QCheckBox(_("Back-up representative on this committee"))
        self.backup.setAccessibleName(_("Back-up representative on this committee"))
        self.start_message = FieldMessage(_("Term starts")).follow(self.start)
        self.end_message = FieldMessage(_("Term ends")).follow(self.end)
        form = QFormLayout()
        form.addRow(_("&Committee"), self.committee)
        form.addRow(_("Term &starts"), self.start)
        form.addRow("", self.start_message)
        form.addRow(_("Term &ends"), self.end)
        form.addRow("", self.end_message)
        form.addRow("", self.backup)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if seat:
            self.committee.setCurrentIndex(max(self.committee.findData(seat.committee_id), 0))
            self.start.set_date(seat.term_start)
            self.end.set_date(seat.term_end)
            self.backup.setChecked(seat.is_backup)
        self.result_seat: Seat | None = None

    def accept(self) -> None:
        problems = Problems()
        start = end = None
        try:
            start = self.start.date_value()
        except ValueError as exc:
            problems.add("term_start", str(exc))
        try:
            end = self.end.date_value()
        except ValueError as exc:
            problems.add("term_end", str(exc))
        if not problems.messages:
            check_term(problems, start, end)
        if self.committee.currentData() is None:
            problems.add("term_start", _("There are no committees yet: add one under Organisations first."))
        self.start_message.show_message(problems.messages.get("term_start"))
        self.end_message.show_message(problems.messages.get("term_end"))
        if problems.messages:
            return
        self.result_seat = Seat(
            self.committee.currentData(), self.committee.currentText(), start, end, self.backup.isChecked()
        )
        super().accept()


class SeatsEditor(QWidget):
    """The list of a person's seats with Add, Change and Remove."""

    def __init__(self, committees: list[tuple[str, str]], on_change, parent: QWidget | None = None):
        super().__init__(parent)
        self._committees = committees
        self._on_change = on_change
        self.seats: list[Seat] = []
        self.removed: list[str] = []  # membership ids to take off when the person is saved
        self.list = QListWidget()
        self.list.setAccessibleName(_("Committee seats"))
        self.list.itemActivated.connect(lambda _item: self._change())
        add, change, remove = QPushButton(_("A&dd seat…")), QPushButton(_("Chan&ge…")), QPushButton(_("Remo&ve"))
        add.clicked.connect(self._add)
        change.clicked.connect(self._change)
        remove.clicked.connect(self._remove)
        buttons = QHBoxLayout()
        for button in (add, change, remove):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        hint = QLabel(_("Committees, boards and groups this person sits on, with their term of office."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def set_seats(self, seats: list[Seat]) -> None:
        self.seats = list(seats)
        self._redraw()

    def _redraw(self) -> None:
        self.list.clear()
        for seat in self.seats:
            QListWidgetItem(seat.describe(), self.list)

    def _add(self) -> None:
        dialog = SeatDialog(self._committees, parent=self)
        if dialog.exec() and dialog.result_seat:
            self.seats.append(dialog.result_seat)
            self._redraw()
            self._on_change()

    def _change(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        old = self.seats[row]
        dialog = SeatDialog(self._committees, old, parent=self)
        if dialog.exec() and dialog.result_seat:
            dialog.result_seat.membership_id = old.membership_id
            self.seats[row] = dialog.result_seat
            self._redraw()
            self._on_change()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        seat = self.seats.pop(row)
        if seat.membership_id:
            self.removed.append(seat.membership_id)
        self._redraw()
        self._on_change()
