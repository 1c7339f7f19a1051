"""The People area: the list, the person form, and exporting people."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.ui.area import Area

#: The person form's name for its drafts (services.drafts); kept here so restoring needs no form import.
PERSON_FORM = "person"


class PeopleArea(Area):
    title = N_("People")
    draft_forms = (PERSON_FORM,)
    record_kinds = ("person",)

    def build_page(self) -> QWidget:
        from partnerdesk.ui.people.list_page import PeopleListPage

        page = PeopleListPage(self.writer)
        page.open_person.connect(self.open_person)
        page.new_person.connect(self.new_person)
        page.export_requested.connect(self.export_people)
        page.status_message.connect(lambda text: self.window.statusBar().showMessage(text, 10000))
        return page

    def add_menu_entries(self, file_menu: QMenu) -> None:
        self.window.add_action(file_menu, _("&New person…"), self.new_person, QKeySequence.StandardKey.New)
        self.window.add_action(file_menu, _("&Find people…"), self.find_people, QKeySequence.StandardKey.Find)
        self.window.add_action(file_menu, _("Im&port from a spreadsheet…"), self.import_people)

    def open_person(self, person_id: str | None, draft: dict | None = None) -> None:
        """Open the person form (a new person when person_id is None)."""
        from partnerdesk.ui.people.person_form import PersonForm

        PersonForm(self.writer, person_id, draft, self.window).exec()

    def new_person(self) -> None:
        self.open_person(None)

    def import_people(self) -> None:
        """Open the import dialog (people, meetings or claims → spreadsheet file → check → import, with Undo)."""
        from partnerdesk.ui.import_wizard import ImportDialog

        ImportDialog(self.writer, parent=self.window).exec()

    def find_people(self) -> None:
        self.window.show_area(self)
        self.page.focus_search()

    def open_record(self, kind: str, record_id: str) -> None:
        self.open_person(record_id)

    def restore_draft(self, form: str, record_id: str | None, payload: dict) -> None:
        self.open_person(record_id, payload)

    def export_people(self) -> None:
        """Ask where to save, then write the people spreadsheet in the background."""
        out = self.window.ask_save_path(_("Export people"), f"people-{datetime.now():%Y-%m-%d}.xlsx",
                                        _("Excel spreadsheet"), ".xlsx")
        if out is not None:
            self.write_people_export(out)

    def write_people_export(self, out) -> bool:
        """Write the people spreadsheet to out with a progress dialog; True when written."""
        from partnerdesk.ui.background import run_with_progress

        def work(progress):
            from partnerdesk.exports.people import export_people  # openpyxl loads only when exporting

            with self.writer.store.reader() as session:
                return export_people(session, out, progress=progress)

        done, rows = run_with_progress(self.window, _("Export people"), _("Writing the spreadsheet…"), work)
        if done:
            self.window.statusBar().showMessage(
                _("Exported {rows:,} people to {out}").format(rows=rows, out=out), 10000
            )
        return done
