"""After a save the worker is told what happened and sees the record in its list; a message by a field goes as soon
as the field is fixed; an empty list says what to do next and offers a button for it (issue 12, point 8)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton

from partnerdesk.ui.meetings.meeting_form import MeetingForm
from partnerdesk.ui.people.area import PeopleArea
from partnerdesk.ui.people.person_form import PersonForm
from partnerdesk.ui.widgets.empty_state import EmptyState
from tests.builders import add_committee, add_person
from tests.ui.steps import type_into


def _form(qtbot, form):
    qtbot.addWidget(form)
    form.show()
    return form


def empty_state(view) -> EmptyState:
    """The words an empty list shows (the one EmptyState over the list's viewport)."""
    return view.viewport().findChild(EmptyState)


def said(view) -> str | None:
    """What the empty list says to the worker, or None when it shows no words (it has rows)."""
    state = empty_state(view)
    return state.label.text() if state is not None and state.isVisibleTo(view) else None


def test_a_new_person_is_announced_and_selected_in_people(qtbot, window, writer, go):
    for name in ("Aaron Abbot", "Bea Bell", "Zed Zane"):
        add_person(writer.store, full_name=name)
    go(window.people)
    form = _form(qtbot, PersonForm(writer, parent=window))
    qtbot.keyClicks(form.fields.widgets["full_name"], "Sam Patel")
    assert form.save()
    assert window.statusBar().currentMessage() == "Added Sam Patel"
    table = window.people.table
    assert table.currentIndex().isValid()
    assert table.model().index(table.currentIndex().row(), 0).data() == "Sam Patel"

    again = _form(qtbot, PersonForm(writer, form.person_id, parent=window))
    again.fields.widgets["email"].setText("sam@example.org")
    assert again.save()
    assert window.statusBar().currentMessage() == "Saved Sam Patel's details"


def test_a_person_saved_from_today_is_selected_when_people_is_next_shown(qtbot, window, writer, go):
    for name in ("Aaron Abbot", "Zed Zane"):
        add_person(writer.store, full_name=name)
    go(window.people)
    go(window.today)
    form = _form(qtbot, PersonForm(writer, parent=window))
    qtbot.keyClicks(form.fields.widgets["full_name"], "Mo Malik")
    assert form.save()
    assert window.statusBar().currentMessage() == "Added Mo Malik"
    go(window.people)
    table = window.people.table
    qtbot.waitUntil(lambda: table.currentIndex().isValid())
    assert table.model().index(table.currentIndex().row(), 0).data() == "Mo Malik"


def test_a_new_meeting_is_announced_and_selected_in_meetings(qtbot, window, writer, go):
    committee = add_committee(writer.store)
    go(window.meetings)
    form = _form(qtbot, MeetingForm(writer, parent=window))
    fields = form.fields.widgets
    fields["committee_id"].setCurrentIndex(fields["committee_id"].findData(committee))
    qtbot.keyClicks(fields["title"], "Board meeting")
    qtbot.keyClicks(fields["date"], "17/06/2031")
    qtbot.keyClicks(fields["start_time"], "14:00")
    qtbot.keyClicks(fields["end_time"], "15:00")
    assert form.save()
    assert window.statusBar().currentMessage() == "Added the meeting “Board meeting”"
    table = window.meetings.table
    assert table.currentIndex().isValid()
    assert table.model().record_id(table.currentIndex().row()) == form.meeting_id


def test_moving_someone_to_the_bin_says_so(qtbot, window, writer, go, answer_yes):
    add_person(writer.store, full_name="Ria Rose")
    go(window.people)
    window.people.table.selectRow(0)
    window.people.delete_selected()
    assert window.statusBar().currentMessage() == "Moved Ria Rose to the Bin"


def test_a_message_by_a_field_goes_once_the_field_is_fixed(qtbot, writer):
    form = _form(qtbot, PersonForm(writer))
    assert not form.save()  # no name
    message = form.fields.messages["full_name"]
    assert message.isVisibleTo(form) and form.summary.isVisibleTo(form)
    qtbot.keyClicks(form.fields.widgets["full_name"], "Sam")
    assert not message.isVisibleTo(form)
    assert not form.summary.isVisibleTo(form)  # nothing left to fix


def test_a_date_message_stays_until_the_date_can_be_read(qtbot, writer):
    committee = add_committee(writer.store)
    form = _form(qtbot, MeetingForm(writer))
    fields = form.fields.widgets
    fields["committee_id"].setCurrentIndex(fields["committee_id"].findData(committee))
    qtbot.keyClicks(fields["title"], "Board meeting")
    qtbot.keyClicks(fields["date"], "31/02/2031")
    qtbot.keyClicks(fields["start_time"], "14:00")
    assert not form.save()
    message = form.fields.messages["date"]
    assert message.isVisibleTo(form)
    type_into(fields["date"], "30/02/2031")
    assert message.isVisibleTo(form)  # still not a date: the advice still applies
    assert form.summary.isVisibleTo(form)
    type_into(fields["date"], "28/02/2031")
    assert not message.isVisibleTo(form)
    assert not form.summary.isVisibleTo(form)  # the meeting form's summary goes too, once nothing is left to fix


def test_empty_people_says_what_to_do_and_its_button_does_it(qtbot, window, go, monkeypatch):
    go(window.people)
    table = window.people.table
    assert said(table) == "No people yet. Add the first person you work with."
    opened = []
    monkeypatch.setattr(window.area(PeopleArea), "open_person", lambda person_id, draft=None: opened.append(person_id))
    button = empty_state(table).findChild(QPushButton)
    assert button.text() == "Add person" and button.isVisibleTo(table)
    button.click()
    assert opened == [None]  # the new person form


def test_a_search_with_no_matches_offers_to_clear_it(qtbot, window, writer, go):
    add_person(writer.store, full_name="Sam Patel")
    go(window.people)
    page = window.people
    assert said(page.table) is None
    qtbot.keyClicks(page.search, "zzz")
    assert said(page.table) == "Nobody matches this search and these filters."
    empty_state(page.table).findChild(QPushButton).click()
    assert page.search.text() == "" and page.model.rowCount() == 1 and said(page.table) is None


def test_every_empty_list_says_something(qtbot, window, go):
    for page in (window.people, window.meetings, window.organisations, window.bin):
        go(page)
    from partnerdesk.ui.expenses.area import ExpensesArea
    from partnerdesk.ui.wellbeing.area import SupervisionArea, WellbeingArea

    for kind in (ExpensesArea, WellbeingArea, SupervisionArea):
        window.show_area(window.area(kind))
    blank = []
    for area in window.areas[1:]:
        window.show_area(area)
        for state in area.page.findChildren(EmptyState):
            if state.view.isVisibleTo(area.page) and not state.isVisibleTo(area.page):
                blank.append(f"{area.title}: {state.view.accessibleName()}")
            elif state.isVisibleTo(area.page):
                assert state.findChild(QLabel).text().strip()
    assert blank == []
    assert said(window.organisations.committees).startswith("Add an organisation first")
    claims = window.area(ExpensesArea).page.findChildren(EmptyState)
    assert any(state.label.text().startswith("No expense claims yet") for state in claims)


def test_the_status_bar_is_named_for_screen_readers(window):
    assert window.statusBar().accessibleName() == "What just happened"


def test_saving_a_record_elsewhere_in_the_window_is_said_once(window, writer):
    told = []
    writer.told.connect(told.append)
    add_person(writer.store)  # written outside the window: nothing said
    assert told == []
    from partnerdesk.services.people.people import create_person
    from tests.builders import person_data

    writer.run(None, lambda s: create_person(s, person_data(full_name="Lee Long")))
    assert told == ["Added Lee Long"]


def test_a_saved_claim_and_a_saved_check_are_selected_in_their_lists(qtbot, window, writer):
    from datetime import UTC, date, datetime, timedelta

    from PySide6.QtCore import Qt

    from partnerdesk.services.expenses.claims import create_claim
    from partnerdesk.services.wellbeing.checks import create_check
    from partnerdesk.ui.expenses.area import ExpensesArea
    from partnerdesk.ui.wellbeing.area import WellbeingArea
    from tests.builders import add_check, add_claim, check_data

    person = add_person(writer.store, full_name="Kit Kaur")
    for day in (date(2026, 4, 1), date(2026, 4, 2)):
        add_claim(writer.store, person, day)
    window.show_area(window.area(ExpensesArea))
    claims = window.area(ExpensesArea).page.claims
    claim = writer.run(window, lambda s: create_claim(s, {"person_id": person, "claim_date": date(2026, 3, 1)}).id)
    assert window.statusBar().currentMessage() == "Added the expense claim"
    assert claims.model.record_id(claims.table.currentIndex().row()) == claim

    now = datetime.now(UTC)
    for hours in (1, 2):
        add_check(writer.store, person, checked_at=now.replace(microsecond=0) - timedelta(hours=hours))
    window.show_area(window.area(WellbeingArea))
    checks = window.area(WellbeingArea).page.checks
    check = writer.run(window, lambda s: create_check(s, check_data(person, at=now - timedelta(days=3))).id)
    assert window.statusBar().currentMessage() == "Added the wellbeing check"
    assert checks.item(checks.currentRow(), 0).data(Qt.ItemDataRole.UserRole + 1) == check


def test_someone_far_down_a_long_list_is_found_and_shown(qtbot, window, writer, go):
    from partnerdesk.services.people.people import create_person
    from tests.builders import person_data

    with writer.store.transaction() as session:
        for number in range(250):  # more than two pages of the People list
            create_person(session, person_data(full_name=f"Person {number:03d}"))
    go(window.people)
    writer.run(window, lambda s: create_person(s, person_data(full_name="Zoe Zephyr")))
    table = window.people.table
    assert table.currentIndex().row() == 250
    assert table.model().index(250, 0).data() == "Zoe Zephyr"
    assert 250 in {table.rowAt(y) for y in range(0, table.viewport().height(), 5)}  # scrolled to: on screen
