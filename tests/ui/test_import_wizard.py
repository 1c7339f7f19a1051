"""File → Import from a spreadsheet: the worker's way through an import of people, meetings or claims, to Undo."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from partnerdesk.services.people.listing import PeopleFilter, count_people
from partnerdesk.ui.import_wizard import ImportDialog
from tests.builders import add_committee, add_person, count_rows
from tests.ui.test_accessibility import _problems

CONTACTS = (
    "Our contacts\n\n"
    "First name,Surname,E-mail,Mobile,Post code\n"
    "Ffion,Jones,ffion@example.org,07700 900123,CF10 1AA\n"
    "Bad,Email,nope,,\n"
    "Twin,Person,here@example.org,,\n"
)


def _people(writer) -> int:
    return writer.read(lambda s: count_people(s, PeopleFilter()))


def test_a_worker_imports_a_sheet_merges_a_duplicate_and_undoes_it(qtbot, writer, tmp_path):
    existing = add_person(writer.store, full_name="Twin Person", email="here@example.org", phone=None)
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog = ImportDialog(writer, path)
    qtbot.addWidget(dialog)
    dialog.show()

    # The columns were guessed from the headings on row 3, not row 1.
    assert dialog.mapping() == ["first_name", "surname", "email", "phone", "postcode"]
    assert dialog.table.rowCount() == 2  # the bad email and the likely duplicate
    assert dialog.table.item(0, 0).text() == "5" and "email address" in dialog.table.item(0, 2).text()
    assert "already in PartnerDesk" in dialog.table.item(1, 2).text()
    assert dialog.summary.text() == "1 of 3 rows will be imported."
    assert _problems(dialog) == []

    choice = dialog.table.cellWidget(1, 1)
    assert isinstance(choice, QComboBox)
    choice.setCurrentIndex(choice.findText("Merge"))
    assert dialog.summary.text() == "2 of 3 rows will be imported."

    dialog.import_button.click()
    assert dialog.summary.text().startswith("1 person added, 1 merged, 1 row skipped.")
    assert _people(writer) == 2
    assert not dialog.import_button.isEnabled() and dialog.undo_button.isEnabled()

    dialog.undo_button.click()
    assert _people(writer) == 1
    assert dialog.summary.text() == "Undone: 1 person is in the Bin."
    assert writer.read(lambda s: count_people(s, PeopleFilter(search="Twin"))) == 1
    assert existing


def test_changing_a_column_checks_the_rows_again(qtbot, writer, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    dialog = ImportDialog(writer, path)
    qtbot.addWidget(dialog)
    email = dialog.mapping_combos[2]
    email.setCurrentIndex(email.findData(""))  # leave the email column out: the bad email no longer matters
    assert dialog.table.rowCount() == 0
    assert dialog.summary.text() == "3 of 3 rows will be imported."


MEETINGS = (
    "Date,Start,End,Committee,Title\n"
    "23/11/2031,10:00,12:00,Mental Health Committee,Autumn meeting\n"
    "24/11/2031,10:00,12:00,No Such Board,Typo\n"
)


def test_a_worker_chooses_meetings_imports_a_diary_and_undoes_it(qtbot, writer, tmp_path):
    add_committee(writer.store, "Mental Health Committee")
    path = tmp_path / "diary.csv"
    path.write_text(MEETINGS, encoding="utf-8")
    dialog = ImportDialog(writer, path)  # opened on People, as from the File menu
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findText("Meetings"))

    assert dialog.mapping() == ["date", "start_time", "end_time", "committee", "title"]
    assert dialog.table.rowCount() == 1 and "no committee called that" in dialog.table.item(0, 2).text()
    assert dialog.summary.text() == "1 of 2 rows will be imported."
    assert _problems(dialog) == []
    dialog.import_button.click()
    assert dialog.summary.text().startswith("1 meeting added, 1 row skipped.")
    assert count_rows(writer.store, "meetings") == 1
    dialog.undo_button.click()
    assert dialog.summary.text() == "Undone: 1 meeting is in the Bin."


def test_a_worker_chooses_expense_claims_and_a_claim_arrives_with_its_lines(qtbot, writer, tmp_path):
    add_person(writer.store, full_name="Ffion Jones", email="ffion@example.org")
    path = tmp_path / "claims.csv"
    path.write_text("Ref,Name,Date,Kind,Amount\nA1,Ffion Jones,01/05/2026,Parking,£4.50\n"
                    "A1,Ffion Jones,02/05/2026,Printing,12.5\n", encoding="utf-8")  # fmt: skip
    dialog = ImportDialog(writer, path, kind="claims")
    qtbot.addWidget(dialog)
    assert dialog.kind.currentText() == "Expense claims"
    assert dialog.mapping() == ["reference", "person", "day", "category", "amount"]
    assert dialog.summary.text() == "2 of 2 rows will be imported."
    dialog.import_button.click()
    assert dialog.summary.text().startswith("1 claim added, 0 rows skipped.")
    with writer.store.engine.connect() as con:
        assert con.exec_driver_sql("select total_pence, line_count from claims").all() == [(1700, 2)]
