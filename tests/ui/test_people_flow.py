"""A worker adds someone through the form, finds them by searching, deletes them to the Bin and restores them."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.text_checks import BIDI_MESSAGE, CONTROL_MESSAGE
from partnerdesk.services.people.listing import PeopleFilter
from partnerdesk.services.people.people import get_person, update_person
from partnerdesk.ui.main_window import MainWindow
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.people.person_form import PersonForm
from partnerdesk.ui.people.seats import Seat
from tests.builders import add_committee, add_membership, add_person, person_data
from tests.ui.steps import today_lines

Button = QMessageBox.StandardButton


def _form(qtbot, writer, person_id=None, draft=None):
    form = PersonForm(writer, person_id, draft)
    qtbot.addWidget(form)
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def test_create_search_delete_and_restore(qtbot, window, writer, answer_yes, go):
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
    go(people)
    assert people.model.rowCount() == 1
    add_person(writer.store, full_name="Someone Else")
    writer.tell_everyone()
    assert people.model.rowCount() == 2
    qtbot.keyClicks(people.search, "okaf")
    assert people.model.rowCount() == 1
    assert people.model.index(0, 0).data() == "Amara Okafor"
    assert people.count.text() == "1 person"

    people.table.selectRow(0)
    people.delete_selected()
    assert "Amara Okafor" in answer_yes[0]
    assert people.model.rowCount() == 0
    go(window.bin)
    assert window.bin.people_model.rowCount() == 1
    window.bin.people_view.selectRow(0)
    window.bin.restore_selected()
    assert window.bin.people_model.rowCount() == 0
    go(people)
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

    # Pasted text with hidden characters (issue 17): a NUL in the name, a direction override in the email.
    fields["full_name"].setText("Amara\x00Okafor")
    fields["email"].clear()
    fields["email"].setText("amara@exa\u202emple.org")
    assert form.save() is False
    assert form.fields.messages["full_name"].text() == CONTROL_MESSAGE
    assert form.fields.messages["email"].text() == BIDI_MESSAGE
    assert window_people_count(writer) == 0


def window_people_count(writer) -> int:
    from partnerdesk.services.people.listing import PeopleFilter, count_people

    with writer.store.reader() as session:
        return count_people(session, PeopleFilter())


def test_a_seat_on_a_committee_is_saved_with_the_person_and_shows_on_today(qtbot, window, writer):
    committee_id = add_committee(writer.store, "Carers' Forum")
    person_id = add_person(writer.store, full_name="Rhys Price")
    add_membership(writer.store, person_id, committee_id, date(2025, 1, 1), date(2035, 1, 1))
    form = _form(qtbot, writer, person_id)
    assert form.seats.list.count() == 1
    seat = form.seats.seats[0]
    form.seats.seats[0] = Seat(committee_id, "Carers' Forum", date(2025, 1, 1), today_uk(), False, seat.membership_id)
    form.dirty = True
    assert form.save()
    window.today.refresh()
    texts = today_lines(window.today, "terms")
    assert any("Rhys Price" in t and "Carers' Forum" in t and "today" in t for t in texts)


def test_typing_is_kept_as_a_draft_and_offered_back_after_a_crash(qtbot, writer, dialogs):
    form = _form(qtbot, writer)
    qtbot.keyClicks(form.fields.widgets["full_name"], "Half Typed")
    qtbot.waitUntil(lambda: len(_drafts(writer)) == 1, timeout=3000)
    assert _drafts(writer)[0].title == "Half Typed"
    form.dirty = False  # as if the computer lost power: no Save, no Cancel, the draft stays
    form.hide()

    window = MainWindow(writer)  # the next start
    qtbot.addWidget(window)
    opened = []
    window.area(PeopleArea).open_person = lambda person_id, draft=None: opened.append(draft)
    dialogs.clicks.append("Restore it")
    window.offer_drafts()
    assert "Half Typed" in dialogs.asked[-1]
    assert opened[0]["fields"]["full_name"] == "Half Typed"

    restored = _form(qtbot, writer, None, opened[0])
    assert restored.fields.widgets["full_name"].text() == "Half Typed"
    assert restored.dirty
    assert restored.save() is True
    assert _drafts(writer) == []


def test_a_draft_can_be_thrown_away(qtbot, writer, dialogs):
    form = _form(qtbot, writer)
    qtbot.keyClicks(form.fields.widgets["full_name"], "Not Wanted")
    form.save_draft()
    form.dirty = False
    form.hide()
    window = MainWindow(writer)
    qtbot.addWidget(window)
    dialogs.clicks.append("Throw it away")
    window.offer_drafts()
    assert _drafts(writer) == []
    assert window_people_count(writer) == 0


def test_closing_with_unsaved_changes_asks_first(qtbot, writer, dialogs):
    form = _form(qtbot, writer)
    qtbot.keyClicks(form.fields.widgets["full_name"], "Priya Shah")
    dialogs.answers.append(Button.Cancel)
    form.close()
    assert "not saved" in dialogs.asked[-1]
    assert form.isVisible()  # Cancel keeps the form open with what was typed
    dialogs.answers.append(Button.Save)
    form.close()
    assert not form.isVisible()
    assert window_people_count(writer) == 1


def _drafts(writer):
    from partnerdesk.services.common.drafts import list_drafts

    return writer.read(list_drafts)


def test_scrolling_past_the_first_rows_of_a_broad_search_shows_every_match(qtbot, writer):
    from partnerdesk.ui.people.list_model import PAGE_SIZE, PeopleTableModel  # noqa: PLC0415

    for n in range(PAGE_SIZE + 30):
        add_person(writer.store, full_name=f"Cardiff Person {n:03d}", postcode="CF10 1AA")
    model = PeopleTableModel(writer.store)
    model.load()
    model.set_filter(PeopleFilter(search="c"))
    assert model.rowCount() == PAGE_SIZE + 30
    last = model.index(PAGE_SIZE + 29, 0).data()
    assert last == f"Cardiff Person {PAGE_SIZE + 29:03d}"


def test_typing_on_to_the_same_people_leaves_the_rows_as_they_are(qtbot, writer):
    from partnerdesk.ui.people.list_model import PAGE_SIZE, PeopleTableModel  # noqa: PLC0415

    for n in range(PAGE_SIZE + 30):
        add_person(writer.store, full_name=f"Person {n:03d}", email=f"p{n}@example.org")
    ann = add_person(writer.store, full_name="Ann Ash", email="ann@ash.example")
    model = PeopleTableModel(writer.store)
    model.load()
    resets = []
    model.modelReset.connect(lambda: resets.append(model.filter.search))
    for typed in ("ann", "@ex", "@exa", "@example"):  # the same 131 people from "@ex" on: nothing to redraw
        model.set_filter(PeopleFilter(search=typed))
    assert resets == ["ann", "@ex"] and model.rowCount() == PAGE_SIZE + 31
    assert model.index(PAGE_SIZE + 30, 0).data() == "Person 129"  # further down, read for what is typed now
    model.set_filter(PeopleFilter(search="@example."))  # still the same people, but rows past the first page have
    assert resets[-1] == "@example."  # been looked at, so the list is read and drawn again
    model.set_filter(PeopleFilter(search="ann"))
    assert resets[-1] == "ann" and model.rowCount() == 1 and model.index(0, 0).data() == "Ann Ash"
    with writer.store.transaction() as session:  # after a change to someone, the rows are always read again
        update_person(session, ann, {**person_data(full_name="Ann Ashby"), "email": "ann@ash.example"})
    model.refresh()
    assert resets[-2:] == ["ann", "ann"] and model.index(0, 0).data() == "Ann Ashby"
