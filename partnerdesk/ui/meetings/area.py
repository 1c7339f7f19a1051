"""The Meetings area: the list, the meeting form and series dialog, and the spreadsheet, calendar and PDF files."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules import roles
from partnerdesk.ui.area import Area
from partnerdesk.ui.permissions import allowed

#: The meeting form's name for its drafts (services.drafts); kept here so restoring needs no form import.
MEETING_FORM = "meeting"


class MeetingsArea(Area):
    title = N_("Meetings")
    record_kinds = ("meeting",)
    draft_forms = (MEETING_FORM,)

    def build_page(self) -> QWidget:
        from partnerdesk.ui.meetings.list_page import MeetingsListPage

        page = MeetingsListPage(self.writer)
        page.open_meeting.connect(self.open_meeting)
        page.new_meeting.connect(self.new_meeting)
        page.schedule_series.connect(self.schedule_series)
        page.export_requested.connect(self.export_meetings)
        page.calendar_requested.connect(self.save_calendar)
        page.print_requested.connect(self.print_attendance_sheet)
        page.status_message.connect(lambda text: self.window.statusBar().showMessage(text, 10000))
        return page

    def add_menu_entries(self, file_menu: QMenu) -> None:
        self.window.add_action(file_menu, _("New &meeting…"), self.new_meeting, "Ctrl+Shift+M")
        self.window.add_action(file_menu, _("&Schedule a year of meetings…"), self.schedule_series)

    def open_meeting(self, meeting_id: str | None, preset: dict | None = None) -> None:
        """Open the meeting form (a new meeting when meeting_id is None)."""
        from partnerdesk.ui.meetings.meeting_form import MeetingForm

        form = MeetingForm(self.writer, meeting_id, preset, self.window)
        form.print_requested.connect(self.print_attendance_sheet)
        form.calendar_requested.connect(self.save_calendar)
        form.checks_requested.connect(lambda meeting_id: self.window.open_record("debrief", meeting_id))
        form.exec()

    def open_record(self, kind: str, record_id: str) -> None:
        self.open_meeting(record_id)

    def restore_draft(self, form: str, record_id: str | None, payload: dict) -> None:
        self.open_meeting(record_id, payload)

    def new_meeting(self) -> None:
        self.open_meeting(None)

    def schedule_series(self) -> None:
        from partnerdesk.ui.meetings.series_dialog import SeriesDialog

        committee = self.page.committee.currentData() if self.page_built else None
        dialog = SeriesDialog(self.writer, committee, self.window)
        dialog.created.connect(lambda series_id, n: self._scheduled(dialog, series_id, n))
        dialog.exec()

    def _scheduled(self, dialog, series_id: str, count: int) -> None:
        """Show the meetings just made in the list, the first selected, and say what was done."""
        self.window.show_area(self)
        shown = self.page.show_series(series_id, count)
        self.window.statusBar().showMessage(f"{dialog.done_text} {shown}", 15000)

    def export_meetings(self) -> None:
        """Ask where to save, then write the meetings spreadsheet (the list's date range) in the background."""
        out = self.window.ask_save_path(_("Export meetings"), f"meetings-{datetime.now():%Y-%m-%d}.xlsx",
                                        _("Excel spreadsheet"), ".xlsx")
        if out is None:
            return
        # Only those whose role may export names are asked; everyone else gets the anonymous figures.
        named = allowed(roles.EXPORT_NAMED) and QMessageBox.question(
            self.window, _("Export meetings"),
            _("Include people's names? Choose No for the anonymous figures a commissioner normally gets."),
        ) == QMessageBox.StandardButton.Yes
        flt = self.page.model.filter
        self.write_meetings_export(out, flt.date_from, flt.date_to, named)

    def write_meetings_export(self, out, date_from=None, date_to=None, named: bool = False) -> bool:
        """Write the meetings spreadsheet with a progress dialog; True when written."""
        from partnerdesk.ui.background import run_with_progress

        def work(progress):
            from partnerdesk.exports.meetings import export_meetings  # openpyxl loads only when exporting

            with self.writer.store.reader() as session:
                return export_meetings(session, out, date_from=date_from, date_to=date_to, named=named,
                                       progress=progress)

        done, rows = run_with_progress(self.window, _("Export meetings"), _("Writing the spreadsheet…"), work)
        if done:
            self.window.statusBar().showMessage(
                _("Exported {rows:,} meetings to {out}").format(rows=rows, out=out), 10000
            )
        return done

    def save_calendar(self, meeting_ids: list) -> None:
        """Save meetings as an .ics file that Outlook and Thunderbird can import."""
        if not meeting_ids or None in meeting_ids:
            return
        out = self.window.ask_save_path(_("Add to calendar"), "meeting.ics", _("Calendar file"), ".ics")
        if out is None:
            return
        try:
            from partnerdesk.exports.calendar import write_ics

            with self.writer.store.reader() as session:
                count = write_ics(session, out, list(meeting_ids))
        except (ImportError, OSError) as exc:
            QMessageBox.warning(
                self.window, _("Add to calendar"), _("The calendar file could not be written.\n\n{exc}").format(exc=exc)
            )
            return
        saved = ngettext("Saved {n} meeting to {file}", "Saved {n} meetings to {file}", count)
        self.window.statusBar().showMessage(saved.format(n=count, file=out), 10000)

    def print_attendance_sheet(self, meeting_id: str | None) -> None:
        """Save a PDF attendance sheet for a meeting, in large print if asked."""
        if meeting_id is None:
            return
        out = self.window.ask_save_path(_("Print attendance sheet"), "attendance-sheet.pdf", _("PDF document"), ".pdf")
        if out is None:
            return
        large = QMessageBox.question(self.window, _("Print attendance sheet"),
                                     _("Make it large print (16 point)?")) == QMessageBox.StandardButton.Yes
        try:
            from partnerdesk.exports.meeting_pdf import write_attendance_sheet  # reportlab loads only now

            with self.writer.store.reader() as session:
                write_attendance_sheet(session, meeting_id, out, large_print=large)
        except (ImportError, OSError) as exc:
            QMessageBox.warning(
                self.window, _("Print attendance sheet"), _("The sheet could not be written.\n\n{exc}").format(exc=exc)
            )
            return
        self.window.statusBar().showMessage(_("Attendance sheet saved to {out}").format(out=out), 10000)
