"""The meeting form's fields, laid out in tabs. Layout only: what happens on save lives in meeting_form.py."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import _
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
        super().__init__(_("Meeting details sections"), parent)
        details = self.tab(_("&Details"))
        self.row(details, _("&Kind of meeting"), "kind", ChoiceCombo(vocab.MEETING_KINDS, _("Kind of meeting")))
        self.row(details, _("&Committee"), "committee_id", _combo(_("Committee or group")))
        self.row(
            details, _("&Serves meeting"), "serves_meeting_id", _combo(_("The meeting this prepares for or follows"))
        )
        self.row(details, _("T&itle"), "title", text_box(_("Title")))
        self.row(details, _("D&ate"), "date", UkDateEdit(_("Date of the meeting")))
        # Start and end share a line; each keeps its own message underneath.
        times = QWidget()
        line = QHBoxLayout(times)
        line.setContentsMargins(0, 0, 0, 0)
        start_holder = QWidget()
        end_holder = QWidget()
        to = QLabel(_("&until"))
        top = Qt.AlignmentFlag.AlignTop
        line.addWidget(start_holder, 0, top)
        line.addWidget(to, 0, top)
        line.addWidget(end_holder, 1, top)  # room for its message to sit on one line
        caption = QLabel(_("Sta&rts at"))
        details.addRow(caption, times)
        self._inline(start_holder, "start_time", UkTimeEdit(_("Start time")), caption)
        self._inline(end_holder, "end_time", UkTimeEdit(_("End time")), to)
        self.row(details, _("Not&es"), "notes", long_text_box(_("Notes"), 90))

        place = self.tab(_("&Where and who"))
        self.row(place, _("&How it meets"), "mode", ChoiceCombo(vocab.MEETING_MODES, _("How the meeting happens")))
        self.row(place, _("&Venue"), "venue", text_box(_("Venue"), 300))
        self.row(place, _("&Access notes"), "access_notes", long_text_box(_("Access notes (step-free, hearing loop…)")))
        self.row(
            place, _("&Joining details"), "joining_details", long_text_box(_("Joining details (link, phone, code)"))
        )
        self.row(
            place, _("&Contact who arranges it"), "contact_name", text_box(_("Name of the contact who arranges it"))
        )
        self.row(place, _("Contact &phone"), "contact_phone", text_box(_("Contact phone"), 40))
        self.row(place, _("Contact &email"), "contact_email", text_box(_("Contact email"), 254))

        tracking = self.tab(_("N&otice and papers"))
        self.compliance = QLabel()
        self.compliance.setWordWrap(True)
        self.compliance.setObjectName("compliance")
        self.compliance.setAccessibleName(_("How this meeting measures up"))
        tracking.addRow(self.compliance)
        self.row(tracking, _("Noti&ce sent on"), "notice_sent_on", UkDateEdit(_("Notice sent on")))
        self.row(tracking, _("Why notice was &late"), "notice_reason", text_box(_("Why notice was late"), 500))
        self.row(tracking, _("&Papers received on"), "papers_received_on", UkDateEdit(_("Papers received on")))
        self.row(tracking, _("Why papers were l&ate"), "papers_reason", text_box(_("Why papers were late"), 500))
        self.row(
            tracking, _("&Reminders sent on"), "reminders_sent_on", UkDateEdit(_("Reminders of time and date sent on"))
        )
        self.row(tracking, _("&Minutes sent on"), "minutes_sent_on", UkDateEdit(_("Minutes sent on")))

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
