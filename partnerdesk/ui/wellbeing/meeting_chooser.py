"""Choosing the meeting to debrief: meetings of the last 90 days (not pre-meetings or debriefs), newest first."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from partnerdesk.i18n import _, short_date
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import LOOKBACK_DAYS, SERVING_KINDS, uk_times
from partnerdesk.services.meetings.listing import MeetingFilter, meetings_page
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import ID_ROLE


class MeetingChooser(QDialog):
    """A list of recent meetings; meeting_id() is the one chosen."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Run a debrief"))
        self.setMinimumSize(560, 420)
        today = today_uk()
        flt = MeetingFilter(date_from=today - timedelta(days=LOOKBACK_DAYS), date_to=today, include_cancelled=False,
                            descending=True)  # fmt: skip
        rows = [row for row in writer.read(lambda s: meetings_page(s, flt, 0, 300)) if row.kind not in SERVING_KINDS]
        label = QLabel(_("&Which meeting is the debrief after?"))
        self.list = QListWidget()
        self.list.setAccessibleName(_("Recent meetings"))
        label.setBuddy(self.list)
        for row in rows:
            day, start, _end = uk_times(row.starts_at, row.ends_at)
            item = QListWidgetItem(f"{short_date(day)} {start:%H:%M} — {row.title}", self.list)
            item.setData(ID_ROLE, row.id)
        if not rows:
            QListWidgetItem(
                _("No meetings in the last {LOOKBACK_DAYS} days.").format(LOOKBACK_DAYS=LOOKBACK_DAYS), self.list
            )
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Start the debrief"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def meeting_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None
