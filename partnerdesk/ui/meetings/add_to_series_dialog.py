"""One more meeting for a series (an extra date, or the year carried on), with the series' details and times."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.meetings import uk_date
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.bulk import describe_invitations
from partnerdesk.services.meetings.series import add_to_series, get_series, series_meetings
from partnerdesk.ui.meetings.short_form import lay_out_short_form
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import FieldTabs
from partnerdesk.ui.widgets.time_edit import UkTimeEdit


def _series_facts(session, series_id: str):
    series = get_series(session, series_id)
    meetings = series_meetings(session, series_id)
    return series.title, series.start_time, series.end_time, (meetings[-1].starts_at if meetings else None)


class AddToSeriesDialog(QDialog):
    """Pick the date (and times, the series' own to start with); the meeting copies the series' latest details.
    After saving, `meeting_id` is the new meeting and `done_text` says what was done."""

    def __init__(self, writer: Writer, series_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.series_id = writer, series_id
        self.meeting_id: str | None = None
        self.done_text = ""
        title, start, end, last = writer.read(lambda s: _series_facts(s, series_id))
        self.setWindowTitle(_("Add a meeting to the series"))
        words = QLabel(_("Add one more meeting to “{title}”. It gets the same details as the latest meeting of "
                         "the series (venue, contact, notes).").format(title=title))
        words.setWordWrap(True)
        self.fields = FieldTabs(_("The new meeting"))
        self.fields.tabBar().hide()
        form = self.fields.tab(_("When"))
        day = self.fields.row(form, _("&Date"), "date", UkDateEdit(_("Date of the new meeting")))
        if last is not None:
            day.set_date(uk_date(last + timedelta(days=28)))  # a guess the worker corrects: about a month on
        self.fields.row(form, _("&Starts at"), "start_time", UkTimeEdit(_("Start time"))).set_time(start)
        self.fields.row(form, _("&Ends at"), "end_time", UkTimeEdit(_("End time"))).set_time(end)
        self.summary, self.save_button = lay_out_short_form(self, words, self.fields, _("&Add meeting"), 480)

    def save(self) -> bool:
        """Add the meeting (and invite the committee if the organisation's setting says so); True when done."""
        data, problems = self.fields.values(self.fields.widgets)
        if not problems:
            try:
                made = self.writer.run(self, lambda s: self._add(s, data))
            except ValidationError as exc:
                problems = exc.messages
            else:
                if made is None:
                    return False
                self.meeting_id, invited = made
                self.done_text = " ".join(filter(None, [_("Meeting added to the series."), invited]))
                self.accept()
                return True
        general = self.fields.show_messages(problems)
        self.summary.setText(" ".join(general))
        self.summary.setVisible(bool(general))
        return False

    def _add(self, session, data: dict) -> tuple[str, str]:
        made = add_to_series(session, self.series_id, data["date"], data["start_time"], data["end_time"])
        invited = describe_invitations(made.invited) if made.invited is not None else ""
        return made.meetings[0].id, invited
