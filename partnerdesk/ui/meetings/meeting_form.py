"""The meeting form: details, place and contact, notice and papers, then (once saved) attendance and actions.

The details are saved together with Save (Ctrl+S) and only when every field is right, and kept as a draft while
typing (offered back after a crash); the Attendance and Actions tabs save each change as it is made.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _, short_date
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import QUORUM_KINDS, SERVING_KINDS, uk_times
from partnerdesk.services.common.access import may_change
from partnerdesk.services.meetings.actions import MEETING_ACTION
from partnerdesk.services.meetings.checks import meeting_compliance
from partnerdesk.services.meetings.listing import MeetingFilter, meetings_page
from partnerdesk.services.meetings.meetings import (
    MEETING_FIELDS,
    create_meeting,
    get_meeting,
    meeting_data,
    update_meeting,
)
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.ui.meetings.area import MEETING_FORM
from partnerdesk.ui.meetings.attendance_panel import AttendancePanel
from partnerdesk.ui.meetings.compliance_text import describe_compliance
from partnerdesk.ui.meetings.meeting_fields import MeetingFields
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.actions_panel import ActionsPanel
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import show_value, watch
from partnerdesk.ui.widgets.fitting import ButtonRow, fit_to_screen
from partnerdesk.ui.widgets.form_dialog import FormDialog

HIDDEN_FIELDS = ("contact_person_id",)  # kept as loaded; not on the form yet
SHOWN_FIELDS = tuple(key for key in MEETING_FIELDS if key not in HIDDEN_FIELDS)
ATTENDANCE_TAB, ACTIONS_TAB = 3, 4
DRAFT_FORM = MEETING_FORM  # the name its drafts are kept under


def raw_value(widget: QWidget) -> Any:
    """What a field holds as typed (dates and times as text), for a draft; show_value puts it back."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return widget.currentData()  # the drop-downs


class MeetingForm(FormDialog):
    """One meeting. `saved` carries the meeting's id after each successful save.

    preset: values to show on the form instead of the stored (or empty) ones: a new pre-meeting filled in from its
    meeting, or a draft offered back after a crash.
    """

    unsaved_question = N_("You have changes to this meeting that are not saved. Save them now?")

    saved = Signal(str)
    print_requested = Signal(str)
    calendar_requested = Signal(list)
    checks_requested = Signal(str)  # record the debrief wellbeing checks for this meeting

    def __init__(self, writer: Writer, meeting_id: str | None = None, preset: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.meeting_id = meeting_id
        self.dirty = False
        self._loading = True
        self._hidden: dict[str, Any] = dict.fromkeys(HIDDEN_FIELDS)
        self.setWindowTitle(_("New meeting"))

        self.summary = problems_summary()
        self.fields = MeetingFields()
        self.attendance: AttendancePanel | None = None
        self.actions: ActionsPanel | None = None
        self.attendance_summary = QLabel()
        self.attendance_summary.setWordWrap(True)
        self.attendance_summary.setAccessibleName(_("Quorum and attendance"))
        for title in (_("A&ttendance"), _("Actio&ns")):
            note = QLabel(_("Save the meeting first, then invite people and record actions here."))
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.fields.addTab(note, title)
            self.fields.setTabEnabled(self.fields.count() - 1, False)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save the details (Ctrl+S)"))
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        # The meeting's other actions sit in a row of their own that moves what does not fit into a More menu.
        self.more_actions = ButtonRow(_("More actions for this meeting"))
        self.print_button = self.more_actions.add(QPushButton(_("Print sheet…")))
        self.print_button.setAccessibleName(_("Print an attendance sheet for this meeting"))
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.meeting_id))
        self.calendar_button = self.more_actions.add(QPushButton(_("Add to calendar…")))
        self.calendar_button.setAccessibleName(_("Save this meeting as a calendar file"))
        self.calendar_button.clicked.connect(lambda: self.calendar_requested.emit([self.meeting_id]))
        self.pre_button = self.more_actions.add(QPushButton(_("Arran&ge pre-meeting…")))
        self.pre_button.clicked.connect(lambda: self.arrange("pre_meeting"))
        self.debrief_button = self.more_actions.add(QPushButton(_("Arrange debrie&f…")))
        self.debrief_button.clicked.connect(lambda: self.arrange("debrief"))
        self.checks_button = self.more_actions.add(QPushButton(_("Wellbeing checks…")))
        self.checks_button.setAccessibleName(_("Record a wellbeing check for everyone who attended"))
        self.checks_button.clicked.connect(lambda: self.checks_requested.emit(self.meeting_id))
        self.wire_buttons(buttons)
        self.status = QLabel()
        self.status.setAccessibleName(_("Save status"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.status)
        bottom = QWidget()
        row = QHBoxLayout(bottom)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.more_actions, 1)
        row.addWidget(buttons)
        layout.addWidget(bottom)
        fit_to_screen(self, bottom, QSize(900, 640))  # scrolls on a short screen; Save and Close stay in view

        self._fill_committees()
        widgets = self.fields.widgets
        widgets["kind"].currentIndexChanged.connect(self._kind_changed)
        widgets["mode"].currentIndexChanged.connect(self._mode_changed)
        widgets["committee_id"].currentIndexChanged.connect(lambda _i: self._fill_served())
        if meeting_id is not None:
            self._load()
        for key, value in (preset or {}).items():
            if key == "version":  # a draft restored after a crash is checked against the version it was opened at
                self.opened_version = value if value is not None else self.opened_version
            elif key in HIDDEN_FIELDS:
                self._hidden[key] = value
            elif key == "serves_meeting_id":
                self._fill_served(value)
            elif key in widgets:
                show_value(widgets[key], value)
        self._kind_changed()
        self._mode_changed()
        self.keep_drafts(DRAFT_FORM)
        for widget in widgets.values():
            watch(widget, self._changed)
        self._loading = False
        self.dirty = preset is not None
        widgets["kind"].setFocus()

    # --- choices ----------------------------------------------------------------------------------------
    def _fill_committees(self) -> None:
        combo = self.fields.widgets["committee_id"]
        combo.addItem(_("No committee (for example a local group)"), None)
        for cid, text in self.writer.read(lambda s: [(c.id, f"{c.name} ({c.organisation.name})")
                                                    for c in list_committees(s)]):
            combo.addItem(text, cid)

    def _fill_served(self, keep: str | None = None) -> None:
        """Meetings a pre-meeting or debrief could serve: this committee's, within six months of the date."""
        combo = self.fields.widgets["serves_meeting_id"]
        keep = keep or combo.currentData()
        try:
            anchor = self.fields.widgets["date"].date_value() or today_uk()
        except ValueError:
            anchor = today_uk()
        flt = MeetingFilter(committee_id=self.fields.widgets["committee_id"].currentData(),
                            date_from=anchor - timedelta(days=183), date_to=anchor + timedelta(days=183),
                            include_cancelled=False)

        def read(session):
            rows = [r for r in meetings_page(session, flt, 0, 400)
                    if r.kind not in SERVING_KINDS and r.id != self.meeting_id]
            extra = get_meeting(session, keep) if keep and keep not in {r.id for r in rows} else None
            return rows, extra

        rows, extra = self.writer.read(read)
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("Pick the meeting…"), None)
        for row in rows:
            day, start, _end = uk_times(row.starts_at, row.ends_at)
            combo.addItem(f"{short_date(day)} {start:%H:%M} — {row.title}", row.id)
        if extra is not None:
            day, start, _end = uk_times(extra.starts_at, extra.ends_at)
            combo.addItem(f"{short_date(day)} {start:%H:%M} — {extra.title}", extra.id)
        combo.setCurrentIndex(max(combo.findData(keep), 0))
        combo.blockSignals(False)

    def _kind_changed(self) -> None:
        serving = self.fields.widgets["kind"].code() in SERVING_KINDS
        self.fields.set_row_visible("serves_meeting_id", serving)
        if serving and self.fields.widgets["serves_meeting_id"].count() == 0:
            self._fill_served()
        if getattr(self, "meeting_id", "") is None:  # not saved yet: the note on what is checked follows the kind
            self.show_compliance()

    def _mode_changed(self) -> None:
        mode = self.fields.widgets["mode"].code()
        for key in ("venue", "access_notes"):
            self.fields.set_row_visible(key, mode != "online")
        self.fields.set_row_visible("joining_details", mode != "in_person")

    # --- loading ----------------------------------------------------------------------------------------
    def _load(self) -> None:
        def read(session):
            meeting = get_meeting(session, self.meeting_id)
            self.view_only = not may_change("meetings", meeting.created_by)
            return meeting_data(meeting), meeting.version

        data, self.opened_version = self.writer.read(read)
        self.opened_values = data
        for key in HIDDEN_FIELDS:
            self._hidden[key] = data.get(key)
        if data.get("serves_meeting_id"):
            self._fill_served(data["serves_meeting_id"])
        for key, widget in self.fields.widgets.items():
            if key != "serves_meeting_id":
                show_value(widget, data.get(key))
        self._saved_state(data)

    def _saved_state(self, data: dict[str, Any]) -> None:
        """Title, tabs and compliance for a meeting that exists in the database."""
        self.setWindowTitle(f"{data['title']} — {short_date(data['date'])}")
        if self.attendance is None:
            self.attendance = AttendancePanel(self.writer, self.meeting_id)
            self.actions = ActionsPanel(
                self.writer, self.meeting_id, MEETING_ACTION, _("Actions agreed at this meeting")
            )
            self.attendance.changed.connect(self.show_compliance)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.addWidget(self.attendance_summary)
            column.addWidget(self.attendance, 1)
            for index, (widget, title) in enumerate(((holder, _("A&ttendance")), (self.actions, _("Actio&ns")))):
                old = self.fields.widget(ATTENDANCE_TAB + index)
                self.fields.removeTab(ATTENDANCE_TAB + index)
                old.deleteLater()
                self.fields.insertTab(ATTENDANCE_TAB + index, widget, title)
        for button in self._record_buttons():
            button.setEnabled(True)
        supported = data["kind"] not in SERVING_KINDS
        self.more_actions.set_offered(self.pre_button, supported)
        self.more_actions.set_offered(self.debrief_button, supported)
        self.show_compliance()

    def _record_buttons(self) -> tuple:
        """The buttons that work only once the meeting is saved."""
        return self.print_button, self.calendar_button, self.pre_button, self.debrief_button, self.checks_button

    def showEvent(self, event) -> None:
        if self.meeting_id is None:
            for button in self._record_buttons():
                button.setEnabled(False)
        super().showEvent(event)

    def show_compliance(self) -> None:
        if self.meeting_id is None:
            self.fields.compliance.setText(_("Notice, papers and quorum are checked once the meeting is saved.")
                                           if self.fields.widgets["kind"].code() in QUORUM_KINDS else
                                           _("Notice and papers are checked once the meeting is saved."))
            return

        def read(session):
            # Quorum belongs to the committee's own meetings: the saved kind decides, as it does for the figures.
            meeting = get_meeting(session, self.meeting_id)
            return meeting_compliance(session, self.meeting_id), meeting.kind in QUORUM_KINDS

        check, quorum_applies = self.writer.read(read)
        lines = describe_compliance(check, check.periods.notice_days, check.periods.papers_days, quorum_applies)
        self.fields.compliance.setText("\n".join(lines))
        self.attendance_summary.setText("\n".join(line for line in lines if line.startswith(("Quorum", "Attendance",
                                                                                              "Papers sent"))))

    def compliance_text(self) -> str:
        return self.fields.compliance.text()

    def _changed(self) -> None:
        if not self._loading:
            self.dirty = True
            self.draft_later()

    def draft_contents(self) -> tuple[str | None, str, dict[str, Any]]:
        payload = {key: raw_value(widget) for key, widget in self.fields.widgets.items()}
        payload.update(self._hidden)
        payload["version"] = self.opened_version
        return self.meeting_id, "Meeting: " + (payload["title"].strip() or "new meeting"), payload

    # --- saving -----------------------------------------------------------------------------------------
    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(SHOWN_FIELDS)
        if data.get("kind") not in SERVING_KINDS:
            data["serves_meeting_id"] = None
        data.update(self._hidden)
        return data, problems

    def show_problems(self, messages: dict[str, str]) -> None:
        say_problems(self.summary, messages, self.fields.show_messages(messages))

    def save(self) -> bool:
        """Check and save the meeting's details in one go; the form stays open. True when saved."""
        data, problems = self.values()
        if problems:
            self.show_problems(problems)
            return False

        def work(session):
            self.discard_draft(session, self.meeting_id)
            if self.meeting_id is None:
                return self.track(create_meeting(session, data)).id
            return self.track(update_meeting(session, self.meeting_id, data, self.opened_version)).id

        meeting_id = self.write(work, data)
        if meeting_id is None:
            return False
        new = self.meeting_id is None
        self.meeting_id = meeting_id
        self.show_problems({})
        self.dirty = False
        self._saved_state(data)
        self.status.setText(_("Saved. You can now invite people on the Attendance tab.") if new else _("Saved."))
        self.saved.emit(meeting_id)
        return True

    def arrange(self, kind: str) -> None:
        """Open a new pre-meeting or debrief for this meeting, filled in from it."""
        if self.meeting_id is None:
            return
        data = self.writer.read(lambda s: meeting_data(get_meeting(s, self.meeting_id)))
        day: date = data["date"] - timedelta(days=3) if kind == "pre_meeting" else data["date"] + timedelta(days=1)
        preset = {
            "kind": kind,
            "committee_id": data["committee_id"],
            "serves_meeting_id": self.meeting_id,
            "title": f"{vocab.MEETING_KINDS[kind]}: {data['title']}",
            "date": day,
            "start_time": data["start_time"],
            "end_time": data["end_time"],
            "mode": data["mode"],
        }
        form = MeetingForm(self.writer, None, preset, self)
        form.print_requested.connect(self.print_requested)
        form.calendar_requested.connect(self.calendar_requested)
        form.checks_requested.connect(self.checks_requested)
        form.exec()

    def draft_record_id(self) -> str | None:
        return self.meeting_id
