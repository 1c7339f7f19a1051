"""What the Meetings list does with a series of meetings: show the meetings just scheduled (or say the filters hide
them), invite the committee to every meeting still to come, and add one more meeting to a series.

A part of MeetingsListPage (ui.meetings.list_page), kept apart because it is its own idea; it uses the page's
writer, table, model, filters, hidden-meetings bar and status_message signal.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox

from partnerdesk.i18n import _, ngettext
from partnerdesk.services.meetings.bulk import series_of
from partnerdesk.services.meetings.listing import count_meetings
from partnerdesk.services.meetings.series import get_series, series_meetings
from partnerdesk.ui.meetings.add_to_series_dialog import AddToSeriesDialog
from partnerdesk.ui.meetings.invite_series import ask_and_invite


class SeriesActions:
    """The Meetings list's series actions (mixed into MeetingsListPage, whose _new_series is the series just
    scheduled until its meetings have been shown)."""

    def show_series(self, series_id: str, count: int) -> str:
        """After scheduling: select the first new meeting, or say the filters hide them and offer to show them.
        Returns what the status line should say."""
        flt = self.model.filter
        shown = self.writer.read(lambda s: count_meetings(s, replace(flt, series_id=series_id)))
        self._new_series = series_id
        if shown < count:
            self.hidden_note.setText(ngettext(
                "The new meeting is hidden by the filters above.",
                "{hidden} of the {n} new meetings are hidden by the filters above.", count,
            ).format(hidden=count - shown, n=count))
            self.hidden_bar.show()
            return _("Some of the new meetings are hidden by the filters: choose Show them to see them.")
        self.hidden_bar.hide()
        self._select_first_of_series(series_id)
        return ngettext("The new meeting is selected in the list.",
                        "The first new meeting is selected in the list.", count)

    def _select_first_of_series(self, series_id: str) -> None:
        first = self.writer.read(lambda s: self._first_meeting(s, series_id))
        if first:
            self.select_meeting(first)
            self.table.setFocus()

    @staticmethod
    def _first_meeting(session, series_id: str) -> str | None:
        meetings = series_meetings(session, series_id)
        return meetings[0].id if meetings else None

    def _show_new_series(self) -> None:
        """Clear the filters that hide the meetings just made (keeping the committee if it is theirs)."""
        series_id = self._new_series
        self.hidden_bar.hide()
        if series_id is None:
            return
        for widget in (self.search, self.date_from, self.date_to):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        self.kind.blockSignals(True)
        self.kind.set_code(None)
        self.kind.blockSignals(False)
        committee = self.writer.read(lambda s: self._series_committee(s, series_id))
        self.committee.blockSignals(True)
        self.committee.setCurrentIndex(max(self.committee.findData(committee), 0))
        self.committee.blockSignals(False)
        self.apply_filter()
        self._select_first_of_series(series_id)
        self.status_message.emit(_("The new meetings are shown; the first is selected."))

    @staticmethod
    def _series_committee(session, series_id: str) -> str | None:
        return get_series(session, series_id).committee_id

    def _series_of_selected(self) -> str | None:
        """The series of the highlighted meeting; says what to do when there is none."""
        meeting_id = self.selected_id()
        if meeting_id is None:
            self.status_message.emit(_("Pick a meeting of the series in the list first."))
            return None
        series_id = self.writer.read(lambda s: series_of(s, meeting_id))
        if series_id is None:
            QMessageBox.information(self, _("Not part of a series"), _(
                "This meeting is not part of a series. Open it to invite people, or choose Schedule a year… to "
                "make a series."))
        return series_id

    def add_to_series(self) -> None:
        """Add one more meeting to the highlighted meeting's series, then select it."""
        series_id = self._series_of_selected()
        if series_id is None:
            return
        dialog = AddToSeriesDialog(self.writer, series_id, self)
        if dialog.exec() and dialog.meeting_id:
            shown = self.select_meeting(dialog.meeting_id)
            hidden = "" if shown else _("The filters above hide it.")
            self.status_message.emit(" ".join(filter(None, [dialog.done_text, hidden])))

    def invite_series(self) -> None:
        """Invite the committee's members to every meeting still to come in the highlighted meeting's series."""
        series_id = self._series_of_selected()
        if series_id is None:
            return
        text = ask_and_invite(self, self.writer, series_id)
        if text:
            self.status_message.emit(text)
