"""The Attendance tab: who is invited, back-ups, attendance, papers sent (date and format), clashes, back-ups to ask.

Each change is saved at once through the Writer (one small transaction), and refused with a message if wrong.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.meetings import uk_times
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings import attendance as svc
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.fitting import FlowLayout
from partnerdesk.ui.widgets.person_picker import PersonPicker

NAME, BACKUP, INTERESTED, ATTENDANCE, PAPERS_ON, PAPERS_FORMAT, PAPERS_REASON, PAPERS_NOTE = range(8)
PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADINGS = (
    N_("Name"),
    N_("Back-up"),
    N_("Interest"),
    N_("Attendance"),
    N_("Papers sent"),
    N_("Format"),
    N_("Why late or other format"),
    N_("Papers"),
)


def papers_note(inv: svc.Invitation) -> str:
    """Lateness and format of one person's papers, in words."""
    if not inv.invited:
        return _("Expressed interest (not invited yet)")
    if inv.attendance == "apologies" and inv.papers_sent_on is None:
        return _("Sent apologies")
    if inv.papers_sent_on is None:
        return _("Not sent yet")
    words = [f"{inv.papers_days} days before" + (" — LATE" if inv.papers_late else "")]
    if inv.format_met is False:
        words.append(_("not the format asked for ({label})").format(
            label=vocab.label(vocab.PAPER_FORMATS, inv.wanted_format),
        ))
    if inv.papers_reason:
        words.append(_("reason: {papers_reason}").format(papers_reason=inv.papers_reason))
    return "; ".join(words)


class AttendancePanel(QWidget):
    """Everyone on one meeting's list. `changed` fires after anything is saved here."""

    changed = Signal()

    def __init__(self, writer: Writer, meeting_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.meeting_id = meeting_id
        self.rows: list[svc.Invitation] = []

        self.invite_members = QPushButton(_("&Invite committee members"))
        self.invite_members.setToolTip(_("Invite everyone with a seat on the committee on the meeting date"))
        self.invite_members.clicked.connect(self.invite_committee)
        self.person = PersonPicker(writer, _("Person to invite"), _("Find someone else by name"))
        self.person.setMinimumWidth(280)
        self.as_backup = QCheckBox(_("as a &back-up"))
        self.as_backup.setAccessibleName(_("Invite as a back-up representative"))
        self.add_button = QPushButton(_("&Add person"))
        self.add_button.setAccessibleName(_("Invite the person found"))
        self.add_button.clicked.connect(self.invite_found)
        self.interest_button = QPushButton(_("Re&cord interest"))
        self.interest_button.setAccessibleName(_("Record that the person found is interested (not invited yet)"))
        self.interest_button.clicked.connect(self.interest_found)
        self.remove_button = QPushButton(_("&Remove from list"))
        self.remove_button.setAccessibleName(_("Take the selected person off the list"))
        self.remove_button.clicked.connect(self.remove_selected)

        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Problem with attendance"))
        self.message.hide()
        self.warning = QLabel()
        self.warning.setObjectName("formSummary")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(_("Double-booking warning"))
        self.warning.hide()

        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels([_(heading) for heading in HEADINGS])
        self.table.setAccessibleName(_("People invited to this meeting"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(34)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((135, 78, 78, 150, 112, 112, 180)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.suggest_button = QPushButton(_("Suggest bac&k-ups"))
        self.suggest_button.setToolTip(_("List the committee's back-up representatives who could stand in"))
        self.suggest_button.clicked.connect(self.show_suggestions)
        self.suggestions_title = QLabel(_("Back-ups who could stand in (double-click or press Invite):"))
        self.suggestions = QListWidget()
        self.suggestions.setAccessibleName(_("Back-up representatives who could stand in"))
        self.suggestions.setMaximumHeight(90)
        self.suggestions.itemActivated.connect(lambda _item: self.invite_suggested())
        self.invite_suggested_button = QPushButton(_("In&vite this back-up"))
        self.invite_suggested_button.clicked.connect(self.invite_suggested)

        # Wraps onto a second line in a narrow window, rather than squeezing the find box to nothing.
        top = FlowLayout()
        top.add(self.invite_members)
        top.addWidget(self.person)
        top.add(self.as_backup, self.add_button, self.interest_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.suggest_button)
        bottom.addStretch()
        bottom.addWidget(self.remove_button)
        backups = QHBoxLayout()
        backups.addWidget(self.suggestions, 1)
        backups.addWidget(self.invite_suggested_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.suggestions_title)
        layout.addLayout(backups)
        self.reload()

    # --- reading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the list, clashes and suggestions."""

        def read(session):
            rows = svc.invitations(session, self.meeting_id)
            clashes = svc.double_bookings(session, self.meeting_id)
            apologies = any(r.attendance == "apologies" for r in rows)
            return rows, clashes, (svc.suggest_backups(session, self.meeting_id) if apologies else None)

        self.rows, clashes, suggestions = self.writer.read(read)
        self._fill_table()
        names = {r.person_id: r.person_name for r in self.rows}
        lines = [
            _("{person} is also invited to “{title}” at the same time ({when}).").format(
                person=names.get(person, _('Someone')),
                title=c.title,
                when=_when(c),
            )
            for person, found in clashes.items() for c in found
        ]
        self.warning.setText("Double-booked: " + " ".join(lines) if lines else "")
        self.warning.setVisible(bool(lines))
        self.suggest_button.setEnabled(suggestions is not None)
        self._fill_suggestions(suggestions or [])

    def _fill_table(self) -> None:
        self.table.setRowCount(len(self.rows))
        for number, inv in enumerate(self.rows):
            self.table.setItem(number, NAME, QTableWidgetItem(inv.person_name))
            backup = QCheckBox()
            backup.setChecked(inv.is_backup)
            backup.setAccessibleName(_("{person_name} is a back-up").format(person_name=inv.person_name))
            backup.toggled.connect(lambda on, p=inv.person_id: self._save(lambda s: svc.set_backup(
                s, self.meeting_id, p, on)))
            self.table.setCellWidget(number, BACKUP, backup)
            interested = QCheckBox()
            interested.setChecked(inv.interested)
            interested.setAccessibleName(_("{person_name} has expressed interest").format(person_name=inv.person_name))
            interested.toggled.connect(lambda on, p=inv.person_id: self.record_interest(p, on))
            self.table.setCellWidget(number, INTERESTED, interested)
            mark = ChoiceCombo(
                vocab.ATTENDANCE,
                _("Attendance of {person_name}").format(person_name=inv.person_name),
                blank=_("Not recorded"),
            )
            mark.set_code(inv.attendance)
            mark.setEnabled(inv.invited)
            mark.currentIndexChanged.connect(lambda _i, p=inv.person_id, w=mark: self.record(p, w.code()))
            self.table.setCellWidget(number, ATTENDANCE, mark)
            sent = UkDateEdit(_("Papers sent to {person_name} on").format(person_name=inv.person_name))
            sent.set_date(inv.papers_sent_on)
            fmt = ChoiceCombo(
                vocab.PAPER_FORMATS,
                _("Papers format for {person_name}").format(person_name=inv.person_name),
                blank=_("Format…"),
            )
            fmt.set_code(inv.papers_format or inv.wanted_format)
            reason = QLineEdit(inv.papers_reason or "")
            reason.setMaxLength(500)
            reason.setCursorPosition(0)  # show the start of a long reason; the tooltip holds all of it
            reason.setToolTip(inv.papers_reason or _("Why papers were late or not in the format asked for"))
            reason.setAccessibleName(_("Why papers to {person_name} were late or not in their format").format(
                person_name=inv.person_name,
            ))
            reason.setPlaceholderText(_("Reason, if late or another format") if inv.papers_sent_on else "")
            reason.setEnabled(inv.papers_sent_on is not None)  # a reason belongs to papers that were sent
            papers = partial(self.record_papers, inv.person_id, sent, fmt, reason)
            sent.editingFinished.connect(papers)
            fmt.activated.connect(lambda _i, save=papers: save())
            reason.editingFinished.connect(papers)
            self.table.setCellWidget(number, PAPERS_ON, sent)
            self.table.setCellWidget(number, PAPERS_FORMAT, fmt)
            self.table.setCellWidget(number, PAPERS_REASON, reason)
            note = QTableWidgetItem(papers_note(inv))
            note.setToolTip(note.text())
            self.table.setItem(number, PAPERS_NOTE, note)

    def _fill_suggestions(self, suggestions: list[svc.BackupSuggestion]) -> None:
        self.suggestions.clear()
        for s in suggestions:
            text = s.person_name + (_(" — has said they are interested") if s.interested else "")
            if s.clashes:
                text += _(" — but invited to “{title}” at the same time").format(title=s.clashes[0].title)
            item = QListWidgetItem(text, self.suggestions)
            item.setData(PERSON_ID_ROLE, s.person_id)
        if not suggestions and self.suggest_button.isEnabled():
            QListWidgetItem(_("No back-up representatives are free to ask."), self.suggestions)
        for widget in (self.suggestions, self.suggestions_title, self.invite_suggested_button):
            widget.setVisible(self.suggest_button.isEnabled())

    # --- writing ----------------------------------------------------------------------------------------
    def _save(self, work) -> bool:
        try:
            if self.writer.run_row(self, lambda s: work(s) or True, self.reload) is None:
                return False  # not saved (changed by someone else, read-only…): already said
        except ValidationError as exc:
            self.message.setText(" ".join(exc.messages.values()))
            self.message.show()
            QTimer.singleShot(0, self.reload)  # put the control back as it was
            return False
        self.message.hide()
        QTimer.singleShot(0, self.reload)  # not now: the control that asked may be replaced
        self.changed.emit()
        return True

    def invite_committee(self) -> bool:
        return self._save(lambda s: svc.invite(s, self.meeting_id))

    def _found(self) -> str | None:
        person_id = self.person.person_id()
        if person_id is None:
            self.message.setText(_("Type part of a name, then choose the person from the list."))
            self.message.show()
        return person_id

    def invite_found(self) -> bool:
        person_id = self._found()
        backup = self.as_backup.isChecked()
        return person_id is not None and self._done_with_found(self._save(
            lambda s: svc.invite(s, self.meeting_id, [person_id], as_backup=backup)))

    def interest_found(self) -> bool:
        """Note that the person found has expressed interest, without inviting them yet."""
        person_id = self._found()
        return person_id is not None and self._done_with_found(self.record_interest(person_id, True))

    def _done_with_found(self, saved: bool) -> bool:
        """Once the person found is on the list, the box is ready for the next one."""
        if saved:
            self.person.clear()
        return saved

    def record_interest(self, person_id: str, interested: bool) -> bool:
        return self._save(lambda s: svc.set_interest(s, self.meeting_id, person_id, interested))

    def record(self, person_id: str, code: str | None) -> bool:
        version = next((r.version for r in self.rows if r.person_id == person_id), None)
        return self._save(lambda s: svc.record_attendance(s, self.meeting_id, person_id, code, version=version))

    def record_papers(self, person_id: str, sent: UkDateEdit, fmt: ChoiceCombo, reason: QLineEdit) -> bool:
        """Save when and how papers went to one person, and the reason if late or not in their format."""
        try:
            day = sent.date_value()
        except ValueError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return False
        why = reason.text().strip() or None
        current = next((r for r in self.rows if r.person_id == person_id), None)
        if current is not None and (current.papers_sent_on, current.papers_format, current.papers_reason) == (
                day, fmt.code(), why):
            return True
        if current is not None and day is None and current.papers_sent_on is None:
            return True
        version = current.version if current is not None else None
        return self._save(lambda s: svc.record_papers_sent(s, self.meeting_id, person_id, day, fmt.code(), why,
                                                           version=version))

    def selected_person(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].person_id if 0 <= row < len(self.rows) else None

    def remove_selected(self) -> bool:
        person_id = self.selected_person()
        return person_id is not None and self._save(lambda s: svc.uninvite(s, self.meeting_id, person_id))

    def show_suggestions(self) -> None:
        self.reload()
        self.suggestions.setFocus()

    def invite_suggested(self) -> bool:
        item = self.suggestions.currentItem() or self.suggestions.item(0)
        person_id = item.data(PERSON_ID_ROLE) if item is not None else None
        if person_id is None:
            return False
        return self._save(lambda s: svc.invite(s, self.meeting_id, [person_id], as_backup=True))


def _when(clash: svc.Clash) -> str:
    day, start, end = uk_times(clash.starts_at, clash.ends_at)
    return f"{format_uk(day)} {start:%H:%M}–{end:%H:%M}"
