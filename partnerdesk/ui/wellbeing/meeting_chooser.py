"""Choosing the meeting to debrief: any meeting up to today (not pre-meetings or debriefs), found by searching its
title, committee or date; the most recent are listed before anything is typed."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import SERVING_KINDS
from partnerdesk.services.meetings.listing import MeetingFilter
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.meeting_picker import MeetingPicker


class MeetingChooser(QDialog):
    """Search for the meeting; choosing one (Enter or a double-click, or Start the debrief) closes the dialog, and
    meeting_id() is the one chosen."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Run a debrief"))
        self.setMinimumSize(560, 420)
        window = MeetingFilter(date_to=today_uk(), exclude_kinds=tuple(sorted(SERVING_KINDS)))
        label = QLabel(_("&Which meeting is the debrief after?"))
        self.picker = MeetingPicker(writer, _("Meeting the debrief is after"), window, inline=True)
        label.setBuddy(self.picker)
        self.picker.refresh("")  # the latest meetings, ready to pick with Down and Enter
        self.picker.picked.connect(lambda: self.meeting_id() and self.accept())
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Start the debrief"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.picker, 1)
        layout.addWidget(buttons)
        self.picker.setFocus()

    def start(self) -> None:
        """Start with the meeting chosen, or the one highlighted in the list; with neither, say what to do."""
        if self.meeting_id() is None:
            self.picker.pick_highlighted()
        if self.meeting_id() is None:
            self.picker.status.setText(_("Choose a meeting from the list first: type to find it, then press Enter."))
            self.picker.status.show()
            return
        self.accept()

    def meeting_id(self) -> str | None:
        """The meeting chosen, or None."""
        return self.picker.meeting_id()
