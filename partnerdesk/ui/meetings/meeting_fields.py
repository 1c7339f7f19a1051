"""The meeting form's fields, laid out in tabs. Layout only: what happens on save lives in meeting_form.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.records import vocab
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, text_box
from partnerdesk.ui.widgets.fitting import short_combo
from partnerdesk.ui.widgets.time_edit import UkTimeEdit


def _combo(name: str) -> QComboBox:
    combo = short_combo()
    combo.setAccessibleName(name)
    return combo


class MeetingFields(FieldTabs):
    """Every field of a meeting, each with a message underneath for what to fix."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Meeting details sections", parent)
        details = self.tab("&Details")
        self.row(details, "&Kind of meeting", "kind", ChoiceCombo(vocab.MEETING_KINDS, "Kind of meeting"))
        self.row(details, "&Committee", "committee_id", _combo("Committee or group"))
        self.row(details, "&Serves meeting", "serves_meeting_id", _combo("The meeting this prepares for or follows"))
        self.row(details, "T&itle", "title", text_box("Title"))
        self.row(details, "D&ate", "date", UkDateEdit("Date of the meeting"))
        # Start and end share a line; each keeps its own message underneath.
        times = QWidget()
        line = QHBoxLayout(times)
        line.setContentsMargins(0, 0, 0, 0)
        start_holder = QWidget()
        end_holder = QWidget()
        to = QLabel("&until")
        top = Qt.AlignmentFlag.AlignTop
        line.addWidget(start_holder, 0, top)
        line.addWidget(to, 0, top)
        line.addWidget(end_holder, 1, top)  # room for its message to sit on one line
        caption = QLabel("Sta&rts at")
        details.addRow(caption, times)
        self._inline(start_holder, "start_time", UkTimeEdit("Start time"), caption)
        self._inline(end_holder, "end_time", UkTimeEdit("End time"), to)
        self.row(details, "Not&es", "notes", long_text_box("Notes", 90))

        place = self.tab("&Where and who")
        self.row(place, "&How it meets", "mode", ChoiceCombo(vocab.MEETING_MODES, "How the meeting happens"))
        self.row(place, "&Venue", "venue", text_box("Venue", 300))
        self.row(place, "&Access notes", "access_notes", long_text_box("Access notes (step-free, hearing loop…)"))
        self.row(place, "&Joining details", "joining_details", long_text_box("Joining details (link, phone, code)"))
        self.row(place, "&Contact who arranges it", "contact_name", text_box("Name of the contact who arranges it"))
        self.row(place, "Contact &phone", "contact_phone", text_box("Contact phone", 40))
        self.row(place, "Contact &email", "contact_email", text_box("Contact email", 254))

        tracking = self.tab("N&otice and papers")
        self.compliance = QLabel()
        self.compliance.setWordWrap(True)
        self.compliance.setObjectName("compliance")
        self.compliance.setAccessibleName("How this meeting measures up")
        tracking.addRow(self.compliance)
        self.row(tracking, "Noti&ce sent on", "notice_sent_on", UkDateEdit("Notice sent on"))
        self.row(tracking, "Why notice was &late", "notice_reason", text_box("Why notice was late", 500))
        self.row(tracking, "&Papers received on", "papers_received_on", UkDateEdit("Papers received on"))
        self.row(tracking, "Why papers were l&ate", "papers_reason", text_box("Why papers were late", 500))
        self.row(tracking, "&Reminders sent on", "reminders_sent_on", UkDateEdit("Reminders of time and date sent on"))
        self.row(tracking, "&Minutes sent on", "minutes_sent_on", UkDateEdit("Minutes sent on"))

    def _inline(self, holder: QWidget, key: str, widget: QWidget, caption: QLabel) -> None:
        """A field placed beside another on one line, with its own message underneath."""
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        message = FieldMessage(widget.accessibleName()).follow(widget)
        column.addWidget(message)
        caption.setBuddy(widget)
        self.widgets[key], self.messages[key], self.holders[key] = widget, message, holder
        self.tab_of[key] = self.count() - 1
