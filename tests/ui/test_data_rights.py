"""Data protection from the window: everything we hold about a person, erasing them (with a typed confirmation),
the audit log viewer, and opening confidential notes recorded in the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common import audit
from partnerdesk.services.people.people import get_person
from partnerdesk.ui.audit.dialog import AuditDialog
from partnerdesk.ui.people.data_rights import EraseDialog
from partnerdesk.ui.people.person_form import PersonForm
from partnerdesk.ui.wellbeing.check_form import CheckForm
from tests.builders import add_check, add_claim, add_line, add_person, count_rows
from tests.ui.steps import today_lines, type_into

NAME = "Tegwen Marchant"


def _entries(writer, kind: str) -> list[dict]:
    return writer.read(lambda s: audit.list_entries(s, audit.AuditFilter(kind=kind)))


def _menu_entry(form: PersonForm, words: str):
    return next(a for a in form.rights_button.menu().actions() if a.text() == words)


def test_erasing_needs_the_typed_word_then_removes_the_person_and_closes_the_form(qtbot, writer, driven):
    person = add_person(writer.store, full_name=NAME)
    add_check(writer.store, person)
    form = PersonForm(writer, person)
    qtbot.addWidget(form)
    form.show()

    def confirm(dialog: EraseDialog) -> int:
        assert not dialog.erase_button.isEnabled()
        type_into(dialog.typed, "eras")
        assert not dialog.erase_button.isEnabled()
        type_into(dialog.typed, " Erase ")  # capitals and spaces do not matter
        assert dialog.erase_button.isEnabled()
        return QDialog.DialogCode.Accepted

    driven(EraseDialog, confirm)
    _menu_entry(form, "Erase this person…").trigger()

    assert count_rows(writer.store, "people") == count_rows(writer.store, "wellbeing_checks") == 0
    assert not form.isVisible()
    (entry,) = _entries(writer, "person_erased")
    assert entry["object_id"] == person


def test_cancelling_the_erasure_changes_nothing(qtbot, writer, driven):
    person = add_person(writer.store, full_name=NAME)
    form = PersonForm(writer, person)
    qtbot.addWidget(form)
    driven(EraseDialog, lambda dialog: QDialog.DialogCode.Rejected)
    _menu_entry(form, "Erase this person…").trigger()
    assert count_rows(writer.store, "people") == 1
    assert _entries(writer, "person_erased") == []


def test_the_erase_dialog_explains_what_goes_what_is_kept_and_backups(qtbot):
    dialog = EraseDialog(NAME)
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "What goes" in words and "What is kept, and why" in words and "Backups" in words
    assert dialog.typed.accessibleName()


def test_everything_we_hold_is_saved_where_asked_and_audited(qtbot, writer, dialogs, tmp_path):
    person = add_person(writer.store, full_name=NAME)
    add_line(writer.store, add_claim(writer.store, person))
    form = PersonForm(writer, person)
    qtbot.addWidget(form)
    out = tmp_path / "sar.xlsx"
    dialogs.clicks.append("&Without confidential notes")
    dialogs.save_as.append(str(out))

    _menu_entry(form, "Everything we hold about this person…").trigger()

    book = load_workbook(out, read_only=True)
    assert {"people", "claims", "claim_lines"} <= set(book.sheetnames)
    book.close()
    (entry,) = _entries(writer, "subject_access")
    assert entry["details"]["confidential_included"] is False


def test_opening_confidential_notes_is_in_the_audit_log(qtbot, writer):
    check = add_check(writer.store, add_person(writer.store))
    form = CheckForm(writer, check)
    qtbot.addWidget(form)
    assert _entries(writer, "confidential_opened") == []
    assert form.notes.reveal()
    (entry,) = _entries(writer, "confidential_opened")
    assert (entry["object_kind"], entry["object_id"]) == ("wellbeing_check", check)


def test_the_audit_log_viewer_filters_checks_and_exports(qtbot, writer, dialogs, tmp_path):
    person = add_person(writer.store)
    check = add_check(writer.store, person)
    with writer.store.transaction() as session:
        audit.record(session, "export", what="people", rows=3, named=True)
        audit.record(session, "confidential_opened", object_kind="wellbeing_check", object_id=check)
    dialog = AuditDialog(writer)
    qtbot.addWidget(dialog)
    assert dialog.chain.text() == "Every entry is as it was written."
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "Confidential notes opened"
    assert dialog.table.item(0, 3).text() == f"wellbeing_check {check[:8]}…"  # short, so Details fits beside it
    assert dialog.table.item(0, 3).toolTip() == f"wellbeing_check {check}"

    dialog.kind.set_code("export")
    assert dialog.table.rowCount() == 1 and "rows: 3" in dialog.table.item(0, 4).text()
    type_into(dialog.date_from, "01/01/2000")
    dialog.date_from.editingFinished.emit()
    assert dialog.table.rowCount() == 1

    out = tmp_path / "audit.xlsx"
    dialogs.save_as.append(str(out))
    assert dialog.export() == out
    rows = list(load_workbook(out, read_only=True).active.values)
    assert len(rows) == 2 and rows[1][3] == "Records exported to a file"
    assert len(_entries(writer, "audit_exported")) == 1


def test_consent_withdrawn_from_the_menu_is_recorded_and_the_form_shows_the_record_as_it_is(qtbot, writer, dialogs):
    person = add_person(writer.store, full_name=NAME)
    form = PersonForm(writer, person)
    qtbot.addWidget(form)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)

    _menu_entry(form, "Consent withdrawn…").trigger()

    assert "withdrew their consent to be contacted today" in dialogs.asked[-1]
    assert writer.read(lambda s: get_person(s, person).consent_withdrawn_on) == today_uk()
    assert len(_entries(writer, "consent_withdrawn")) == 1
    assert form.save()  # reloaded: no conflict with its own change


def test_today_lists_old_records_and_the_person_form_offers_to_remove_them(qtbot, window, writer, dialogs):
    person = add_person(writer.store, full_name=NAME)
    add_check(writer.store, person, at=datetime(2015, 1, 5, 10, tzinfo=UTC))
    add_check(writer.store, person, at=datetime.now(UTC) - timedelta(days=30))
    writer.tell_everyone()

    (line,) = today_lines(window.today, "retention")
    assert line == f"{NAME}: 1 wellbeing check older than 6 years"

    form = PersonForm(writer, person)
    qtbot.addWidget(form)
    dialogs.answers.append(QMessageBox.StandardButton.Yes)
    _menu_entry(form, "Remove 1 old wellbeing check…").trigger()
    assert count_rows(writer.store, "wellbeing_checks") == 1
    writer.tell_everyone()
    assert today_lines(window.today, "retention") == ["No records are due for review under your retention schedule."]
