"""The main window: a list of areas on the left, the chosen area on the right, menus for whole-app actions."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QProcess, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from partnerdesk import __version__
from partnerdesk.rules.dates import format_moment_uk
from partnerdesk.services import drafts
from partnerdesk.ui.background import run_with_progress
from partnerdesk.ui.bin_page import BinPage
from partnerdesk.ui.meetings.list_page import MeetingsListPage
from partnerdesk.ui.meetings.meeting_form import DRAFT_FORM as MEETING_DRAFT
from partnerdesk.ui.meetings.meeting_form import MeetingForm
from partnerdesk.ui.meetings.series_dialog import SeriesDialog
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.organisations_page import OrganisationsPage
from partnerdesk.ui.people.list_page import PeopleListPage
from partnerdesk.ui.people.person_form import DRAFT_FORM, PersonForm
from partnerdesk.ui.today_page import TodayPage


class MainWindow(QMainWindow):
    """PartnerDesk's window over one open database."""

    def __init__(self, writer: Writer, demo: bool = False):
        super().__init__()
        self.writer = writer
        self.demo = demo
        where = writer.store.path or writer.store.url
        self.setWindowTitle("PartnerDesk — demo data (made-up people)" if demo else "PartnerDesk")
        self.today = TodayPage(writer)
        self.people = PeopleListPage(writer)
        self.meetings = MeetingsListPage(writer)
        self.organisations = OrganisationsPage(writer)
        self.bin = BinPage(writer)
        self.pages = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setAccessibleName("Areas of PartnerDesk")
        self.nav.setFixedWidth(190)
        for title, page in (
            ("Today", self.today),
            ("People", self.people),
            ("Meetings", self.meetings),
            ("Organisations", self.organisations),
            ("Bin", self.bin),
        ):
            self.nav.addItem(title)
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Database: {where}")

        for page in (self.today, self.people):
            page.open_person.connect(self.open_person)
            page.new_person.connect(self.new_person)
        self.people.export_requested.connect(self.export_people)
        self.today.open_meeting.connect(self.open_meeting)
        self.meetings.open_meeting.connect(self.open_meeting)
        self.meetings.new_meeting.connect(self.new_meeting)
        self.meetings.schedule_series.connect(self.schedule_series)
        self.meetings.export_requested.connect(self.export_meetings)
        self.meetings.calendar_requested.connect(self.save_calendar)
        self.meetings.print_requested.connect(self.print_attendance_sheet)
        self._menus()
        self._restore_geometry()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New person…", self.new_person, QKeySequence.StandardKey.New)
        self._action(file_menu, "&Find people…", self.find_people, QKeySequence.StandardKey.Find)
        self._action(file_menu, "New &meeting…", self.new_meeting, "Ctrl+Shift+M")
        self._action(file_menu, "&Schedule a year of meetings…", self.schedule_series)
        file_menu.addSeparator()
        self._action(file_menu, "&Export people to a spreadsheet…", self.export_people, "Ctrl+E")
        self._action(file_menu, "Export mee&tings to a spreadsheet…", self.export_meetings)
        self._action(file_menu, "&Back up the database…", self.backup)
        if not self.demo:
            self._action(file_menu, "Open the &demo database (made-up people)", self.open_demo)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        go = self.menuBar().addMenu("&Go")
        for number in range(self.nav.count()):
            self._action(go, self.nav.item(number).text(), lambda _=False, n=number: self.nav.setCurrentRow(n),
                         f"Ctrl+{number + 1}")
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About PartnerDesk", self.about)

    # --- people -----------------------------------------------------------------------------------------
    def open_person(self, person_id: str | None, draft: dict | None = None) -> None:
        """Open the person form (a new person when person_id is None)."""
        form = PersonForm(self.writer, person_id, draft, self)
        form.exec()

    def new_person(self) -> None:
        self.open_person(None)

    def find_people(self) -> None:
        self.nav.setCurrentRow(self.pages.indexOf(self.people))
        self.people.focus_search()

    def offer_drafts(self) -> None:
        """After a crash, offer back any form that was being filled in."""
        for draft in self.writer.read(drafts.list_drafts):
            if draft.form not in (DRAFT_FORM, MEETING_DRAFT):
                continue
            saved = format_moment_uk(draft.saved_at)
            box = QMessageBox(self)
            box.setWindowTitle("Restore unsaved form?")
            box.setText(
                f"PartnerDesk found a form that was not saved: “{draft.title}”, last typed in at {saved}. "
                "Would you like to carry on with it?"
            )
            restore = box.addButton("Restore it", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Throw it away", QMessageBox.ButtonRole.DestructiveRole)
            box.exec()
            if box.clickedButton() is restore:
                (self.open_person if draft.form == DRAFT_FORM else self.open_meeting)(draft.record_id, draft.payload)
            else:
                self.writer.run(self, lambda s, d=draft: drafts.discard_draft(s, d.form, d.record_id))

    # --- meetings ---------------------------------------------------------------------------------------
    def open_meeting(self, meeting_id: str | None, preset: dict | None = None) -> None:
        """Open the meeting form (a new meeting when meeting_id is None)."""
        form = MeetingForm(self.writer, meeting_id, preset, self)
        form.print_requested.connect(self.print_attendance_sheet)
        form.calendar_requested.connect(self.save_calendar)
        form.exec()

    def new_meeting(self) -> None:
        self.open_meeting(None)

    def schedule_series(self) -> None:
        dialog = SeriesDialog(self.writer, self.meetings.committee.currentData(), self)
        dialog.created.connect(
            lambda _series, n: self.statusBar().showMessage(f"Scheduled {n} meeting{'s' if n != 1 else ''}.", 10000))
        dialog.exec()

    def _save_path(self, title: str, name: str, kind: str, suffix: str) -> Path | None:
        settings = QSettings()
        folder = settings.value("export/folder", str(Path.home()))
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), f"{kind} (*{suffix})")
        if not path:
            return None
        out = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
        settings.setValue("export/folder", str(out.parent))
        return out

    def export_meetings(self) -> None:
        """Ask where to save, then write the meetings spreadsheet (the list's date range) in the background."""
        out = self._save_path("Export meetings", f"meetings-{datetime.now():%Y-%m-%d}.xlsx", "Excel spreadsheet",
                              ".xlsx")
        if out is None:
            return
        named = QMessageBox.question(
            self, "Export meetings",
            "Include people's names? Choose No for the anonymous figures a commissioner normally gets.",
        ) == QMessageBox.StandardButton.Yes
        flt = self.meetings.model.filter
        self.write_meetings_export(out, flt.date_from, flt.date_to, named)

    def write_meetings_export(self, out: Path, date_from=None, date_to=None, named: bool = False) -> bool:
        def work(progress):
            from partnerdesk.exports.meetings import export_meetings  # openpyxl loads only when exporting

            with self.writer.store.reader() as session:
                return export_meetings(session, out, date_from=date_from, date_to=date_to, named=named,
                                       progress=progress)

        done, rows = run_with_progress(self, "Export meetings", "Writing the spreadsheet…", work)
        if done:
            self.statusBar().showMessage(f"Exported {rows:,} meetings to {out}", 10000)
        return done

    def save_calendar(self, meeting_ids: list) -> None:
        """Save meetings as an .ics file that Outlook and Thunderbird can import."""
        if not meeting_ids or None in meeting_ids:
            return
        out = self._save_path("Add to calendar", "meeting.ics", "Calendar file", ".ics")
        if out is None:
            return
        try:
            from partnerdesk.exports.calendar import write_ics

            with self.writer.store.reader() as session:
                count = write_ics(session, out, list(meeting_ids))
        except (ImportError, OSError) as exc:
            QMessageBox.warning(self, "Add to calendar", f"The calendar file could not be written.\n\n{exc}")
            return
        self.statusBar().showMessage(f"Saved {count} meeting{'s' if count != 1 else ''} to {out}", 10000)

    def print_attendance_sheet(self, meeting_id: str | None) -> None:
        """Save a PDF attendance sheet for a meeting, in large print if asked."""
        if meeting_id is None:
            return
        out = self._save_path("Print attendance sheet", "attendance-sheet.pdf", "PDF document", ".pdf")
        if out is None:
            return
        large = QMessageBox.question(self, "Print attendance sheet",
                                     "Make it large print (16 point)?") == QMessageBox.StandardButton.Yes
        try:
            from partnerdesk.exports.meeting_pdf import write_attendance_sheet  # reportlab loads only now

            with self.writer.store.reader() as session:
                write_attendance_sheet(session, meeting_id, out, large_print=large)
        except (ImportError, OSError) as exc:
            QMessageBox.warning(self, "Print attendance sheet", f"The sheet could not be written.\n\n{exc}")
            return
        self.statusBar().showMessage(f"Attendance sheet saved to {out}", 10000)

    # --- files ------------------------------------------------------------------------------------------
    def export_people(self) -> None:
        """Ask where to save, then write the people spreadsheet in the background."""
        settings = QSettings()
        folder = settings.value("export/folder", str(Path.home()))
        suggested = str(Path(folder) / f"people-{datetime.now():%Y-%m-%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Export people", suggested, "Excel spreadsheet (*.xlsx)")
        if not path:
            return
        out = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        settings.setValue("export/folder", str(out.parent))
        self.write_people_export(out)

    def write_people_export(self, out: Path) -> bool:
        """Write the people spreadsheet to out with a progress dialog; True when written."""

        def work(progress):
            from partnerdesk.exports.people import export_people  # openpyxl loads only when exporting

            with self.writer.store.reader() as session:
                return export_people(session, out, progress=progress)

        done, rows = run_with_progress(self, "Export people", "Writing the spreadsheet…", work)
        if done:
            self.statusBar().showMessage(f"Exported {rows:,} people to {out}", 10000)
        return done

    def backup(self) -> None:
        """Copy the database to a file the worker chooses."""
        source = self.writer.store.path
        if source is None:
            QMessageBox.information(self, "Back up", "Back up this database with its own server's tools.")
            return
        suggested = str(Path.home() / f"partnerdesk-backup-{datetime.now():%Y-%m-%d}.sqlite3")
        path, _ = QFileDialog.getSaveFileName(self, "Back up the database", suggested, "PartnerDesk backup (*.sqlite3)")
        if not path:
            return

        def work(_progress):
            from partnerdesk.store.backup import backup_sqlite

            return backup_sqlite(source, Path(path))

        done, _ = run_with_progress(self, "Back up", "Copying the database…", work)
        if done:
            QMessageBox.information(self, "Back up", f"The database was copied safely to {path}.")

    def open_demo(self) -> None:
        """Open a second window on a separate demo database, so made-up people never mix with real ones."""
        QProcess.startDetached(sys.executable, ["-m", "partnerdesk", "--demo"])
        self.statusBar().showMessage("Opening the demo database in a new window…", 8000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About PartnerDesk",
            f"PartnerDesk {__version__}\n\nRecords and returns for engagement workers.\n\n"
            f"Database: {self.writer.store.path or self.writer.store.url}",
        )

    # --- window state -----------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)

    def closeEvent(self, event) -> None:
        QSettings().setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

