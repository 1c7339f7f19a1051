"""A worker adds an organisation and the committees it runs, changes one, and deletes one to the Bin."""

from datetime import date

import pytest

from partnerdesk.services.people.organisations import list_committees, list_organisations
from partnerdesk.ui.organisations_page import NamedRecordDialog
from tests.builders import add_committee, add_membership, add_person


@pytest.fixture
def typed(monkeypatch):
    """Fill the next small dialogs as a person would, then press Save; returns what each dialog then showed."""
    entries: list[dict] = []
    shown: list[str] = []

    def exec_(dialog: NamedRecordDialog) -> int:
        entry = entries.pop(0)
        dialog.name.setText(entry["name"])
        if "choice" in entry:
            dialog.choice.setCurrentIndex(dialog.choice.findText(entry["choice"]))
        dialog.accept()
        shown.append(dialog.message.text())
        return dialog.result()

    monkeypatch.setattr(NamedRecordDialog, "exec", exec_)
    return entries, shown


def _names(store, what):
    with store.reader() as session:
        return [record.name for record in what(session)]


def test_add_an_organisation_and_its_committees(window, writer, typed, go):
    entries, shown = typed
    page = window.organisations
    go(page)
    entries.append({"name": "Riverside Health Board", "choice": "NHS body"})
    page.add_organisation()
    entries.append({"name": "Mental Health Partnership Board"})
    page.add_committee()
    assert _names(writer.store, list_organisations) == ["Riverside Health Board"]
    assert _names(writer.store, list_committees) == ["Mental Health Partnership Board"]
    assert page.committees.item(0).text() == "Mental Health Partnership Board"

    entries.append({"name": "  "})
    page.committees.setCurrentRow(0)
    page.edit_committee()
    assert shown[-1]  # a blank name is refused with a message by the box
    assert _names(writer.store, list_committees) == ["Mental Health Partnership Board"]


def test_a_committee_is_needed_before_its_organisation_can_go(window, writer, dialogs, answer_yes, go):
    committee_id = add_committee(writer.store, "Carers' Forum")
    add_membership(writer.store, add_person(writer.store), committee_id, date(2026, 1, 1))
    go(window.organisations)
    window.organisations.organisations.setCurrentRow(0)
    window.organisations.delete_organisation()
    assert "Bin" in answer_yes[-1]
    assert dialogs.told and "committee" in dialogs.told[-1].lower()
    assert len(_names(writer.store, list_organisations)) == 1

    window.organisations.committees.setCurrentRow(0)
    window.organisations.delete_committee()
    assert _names(writer.store, list_committees) == []
    window.organisations.delete_organisation()
    assert _names(writer.store, list_organisations) == []


def test_adding_a_committee_with_no_organisation_explains_what_to_do_first(window, dialogs, go):
    go(window.organisations)
    window.organisations.add_committee()
    assert dialogs.told == ["Please add the organisation that runs it first."]
