"""A worker adds someone through the form, finds them by searching, deletes them to the Bin and restores them."""

from datetime import date

from PySide6.QtCore import Qt

from partnerdesk.services.people import get_person
from partnerdesk.ui.people.person_form import PersonForm
from tests.builders import add_committee, add_membership, add_person


def _form(qtbot, writer, person_id=None, draft=None):
    form = PersonForm(writer, person_id, draft)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_create_search_delete_and_restore(qtbot, window, writer, answer_yes):
    form = _form(qtbot, writer)
    fields = form.fields.widgets
    qtbot.keyClicks(fields["full_name"], "Amara Okafor")
    fields["roles"].box("carer_rep").setChecked(True)
    qtbot.keyClicks(fields["email"], "amara@example.org")
    qtbot.keyClicks(fields["postcode"], "cf10 1aa")
    qtbot.keyClick(fields["postcode"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    assert form.person_id is not None
    with writer.store.reader() as session:
        saved = get_person(session, form.person_id)
        assert (saved.full_name, saved.postcode, saved.role_codes) == ("Amara Okafor", "CF10 1AA", ["carer_rep"])

    people = window.people
    assert people.model.rowCount() == 1
    add_person(writer.store, full_name="Someone Else")
    writer.changed.emit()
    assert people.model.rowCount() == 2
    qtbot.keyClicks(people.search, "okaf")
    assert people.model.rowCount() == 1
    assert people.model.index(0, 0).data() == "Amara Okafor"
    assert people.count.text() == "1 person"

    people.table.selectRow(0)
    people.delete_selected()
    assert "Amara Okafor" in answer_yes[0]
    assert people.model.rowCount() == 0
    assert window.bin.model.rowCount() == 1

    window.bin.table.selectRow(0)
    window.bin.restore_selected()
    assert window.bin.model.rowCount() == 0
    assert people.model.rowCount() == 1


def test_bad_details_are_shown_by_their_fields_and_nothing_is_saved(qtbot, writer):
    form = _form(qtbot, writer)
    fields = form.fields.widgets
    qtbot.keyClicks(fields["email"], "not-an-email")
    qtbot.keyClicks(fields["consent_given_on"], "31/02/2026")
    assert form.save() is False
    assert "day/month/year" in form.fields.messages["consent_given_on"].text() or "not a real date" in (
        form.fields.messages["consent_given_on"].text()
    )
    fields["consent_given_on"].clear()
    assert form.save() is False
    assert form.fields.messages["full_name"].text() == "Please give the person's name."
    assert "email address" in form.fields.messages["email"].text()
    assert form.summary.isVisible() and "2 problems" in form.summary.text()
    assert form.fields.currentIndex() == form.fields.tab_of["full_name"]
    assert window_people_count(writer) == 0


def window_people_count(writer) -> int:
    from partnerdesk.services.people_list import PeopleFilter, count_people

    with writer.store.reader() as session:
        return count_people(session, PeopleFilter())


def test_a_seat_on_a_committee_is_saved_with_the_person_and_shows_on_today(qtbot, window, writer):
    committee_id = add_committee(writer.store, "Carers' Forum")
    person_id = add_person(writer.store, full_name="Rhys Price")
    add_membership(writer.store, person_id, committee_id, date(2025, 1, 1), date.today().replace(year=date.today().year + 5))
    form = _form(qtbot, writer, person_id)
    assert form.seats.list.count() == 1
    from partnerdesk.ui.people.seats import Seat

    form.seats.seats[0] = Seat(committee_id, "Carers' Forum", date(2025, 1, 1), date.today(), False,
                               form.seats.seats[0].membership_id)
    form.dirty = True
    assert form.save()
    window.today.refresh()
    texts = [window.today.terms.item(i).text() for i in range(window.today.terms.count())]
    assert any("Rhys Price" in t and "Carers' Forum" in t and "today" in t for t in texts)


def test_typing_is_kept_as_a_draft_and_offered_back(qtbot, writer):
    form = _form(qtbot, writer)
    qtbot.keyClicks(form.fields.widgets["full_name"], "Half Typed")
    qtbot.waitUntil(lambda: _drafts(writer), timeout=3000)
    draft = _drafts(writer)[0]
    assert draft.title == "Half Typed"
    form.hide()  # as if the computer lost power: no Save, no Cancel

    restored = _form(qtbot, writer, draft.record_id, draft.payload)
    assert restored.fields.widgets["full_name"].text() == "Half Typed"
    assert restored.dirty
    assert restored.save() is True
    assert _drafts(writer) == []


def _drafts(writer):
    from partnerdesk.services.drafts import list_drafts

    return writer.read(list_drafts)


def test_every_control_has_an_accessible_name(qtbot, window, writer):
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit

    form = _form(qtbot, writer)
    unnamed = []
    for top in (window, form):
        for widget in top.findChildren((QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)):
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus and not widget.accessibleName():
                parent = widget.parent()
                if isinstance(parent, QComboBox | QAbstractItemView):  # Qt's own inner parts of a control
                    continue
                unnamed.append(f"{type(widget).__name__} in {type(top).__name__}")
        for button in top.findChildren(QAbstractButton):
            if button.isVisibleTo(top) and not (button.text() or button.accessibleName()):
                unnamed.append(f"button in {type(top).__name__}")
    assert unnamed == []
