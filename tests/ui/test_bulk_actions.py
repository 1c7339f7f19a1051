"""Issue 12's bulk actions, as a worker does them in the window: schedule a year for a committee and invite its
members to all twelve meetings in one action; record one notice date for several meetings picked with the
keyboard; pick several people and add them to a committee. Each survives reopening the database."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, Qt

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.meetings import get_meeting
from partnerdesk.services.meetings.series import series_meetings
from partnerdesk.services.people.organisations import person_memberships
from partnerdesk.store import open_store
from partnerdesk.ui.meetings.dates_dialog import MeetingDatesDialog
from partnerdesk.ui.people.add_to_committee import AddToCommitteeDialog
from tests.builders import add_committee, add_meeting, add_membership, add_person
from tests.ui.steps import type_date, type_into

MEMBERS = ("Ann Ash", "Ben Birch", "Cy Cole", "Dee Dale", "Eve Elm", "Fay Fir", "Gus Gorse", "Hal Holly")


def _committee(store) -> tuple[str, set[str]]:
    committee = add_committee(store, "Mental Health Committee", "City Health Board")
    people = {add_person(store, full_name=name) for name in MEMBERS}
    for person in people:
        add_membership(store, person, committee, date(2020, 1, 1))
    return committee, people


def _schedule_a_year(qtbot, page, opened, committee: str):
    page.committee.setCurrentIndex(page.committee.findData(committee))
    page.buttons["series"].click()
    series = opened.pop(0)
    qtbot.keyClicks(series.fields.widgets["title"], "Mental Health Committee")
    type_into(series.fields.widgets["starts_on"], format_uk(today_uk() + timedelta(days=7)))
    assert series.preview.count() == 12
    series.save_button.click()
    return series


def _invited_everywhere(store, meetings: list[str]) -> list[set[str]]:
    with store.reader() as session:
        return [{i.person_id for i in invitations(session, m) if i.invited} for m in meetings]


def _reopened(store):
    """The same database file opened afresh, as when PartnerDesk is started again."""
    return open_store(store.path)


def test_a_year_is_scheduled_and_the_committee_invited_to_all_twelve_meetings_in_one_action(
    qtbot, window, writer, go, dialogs, opened
):
    committee, people = _committee(writer.store)
    writer.tell_everyone()
    page = window.meetings
    go(page)
    dialogs.clicks.append("Invite them")  # the question asked after the meetings are made
    _schedule_a_year(qtbot, page, opened, committee)

    assert any("Invite 8 committee members to all 12 meetings" in asked for asked in dialogs.asked)
    message = window.statusBar().currentMessage()
    assert "Scheduled 12 meetings. Invited 8 people to 12 meetings." in message
    assert "The first new meeting is selected in the list." in message
    assert page.model.rowCount() == 12
    with writer.store.reader() as session:
        series_id = get_meeting(session, page.selected_id()).series_id
        meetings = [m.id for m in series_meetings(session, series_id)]
    assert page.selected_id() == meetings[0] and page.table.currentIndex().row() == 0
    assert page.model.row_text(0)[6] == "8 invited"  # the list says so too

    store = _reopened(writer.store)
    try:
        assert _invited_everywhere(store, meetings) == [people] * 12
    finally:
        store.close()


def test_a_series_invited_later_from_the_meetings_list_skips_people_already_invited(
    qtbot, window, writer, go, dialogs, opened
):
    committee, people = _committee(writer.store)
    writer.tell_everyone()
    page = window.meetings
    go(page)
    _schedule_a_year(qtbot, page, opened, committee)  # "Not now" to inviting
    assert "Nobody has been invited yet" in window.statusBar().currentMessage()
    with writer.store.reader() as session:
        meetings = [m.id for m in series_meetings(session, get_meeting(session, page.selected_id()).series_id)]
    assert _invited_everywhere(writer.store, meetings) == [set()] * 12

    one = sorted(people)[0]
    with writer.store.transaction() as session:
        from partnerdesk.services.meetings.attendance import invite

        invite(session, meetings[3], [one])
    page.table.selectRow(5)  # any meeting of the series
    dialogs.clicks.append("Invite them")
    page.actions["invite"].trigger()
    assert dialogs.asked[-1] == "Invite 8 committee members to all 12 meetings of this series still to come?"
    assert window.statusBar().currentMessage() == "Invited 8 people to 12 meetings (1 was already invited)."
    assert _invited_everywhere(writer.store, meetings) == [people] * 12


def test_new_meetings_hidden_by_the_filters_are_offered_with_a_button_that_shows_them(
    qtbot, window, writer, go, opened
):
    committee, _people = _committee(writer.store)
    writer.tell_everyone()
    page = window.meetings
    go(page)
    qtbot.keyClicks(page.search, "budget")
    _schedule_a_year(qtbot, page, opened, committee)
    assert page.hidden_bar.isVisible() and page.model.rowCount() == 0
    assert page.hidden_note.text() == "12 of the 12 new meetings are hidden by the filters above."
    assert "hidden by the filters" in window.statusBar().currentMessage()
    qtbot.mouseClick(page.show_hidden, Qt.MouseButton.LeftButton)
    assert not page.hidden_bar.isVisible() and page.search.text() == ""
    assert page.model.rowCount() == 12 and page.table.currentIndex().row() == 0
    assert page.committee.currentData() == committee


def test_several_meetings_picked_with_the_keyboard_get_one_notice_date(qtbot, window, writer, go, driven):
    committee = add_committee(writer.store)
    days = [date(2031, 6, 10), date(2031, 6, 17), date(2031, 6, 24), date(2031, 7, 1)]
    ids = [add_meeting(writer.store, committee, day) for day in days]
    writer.tell_everyone()
    page = window.meetings
    go(page)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_ids() == ids[:3]

    def fill_in(dialog: MeetingDatesDialog) -> int:
        assert dialog.windowTitle() == "Record notice sent"
        type_date(dialog.fields.widgets["notice_sent_on"], date(2031, 6, 20))  # after the first: refused
        assert not dialog.save()
        message = dialog.fields.messages["notice_sent_on"].text()
        assert "2 of the meetings picked are before that date" in message
        type_date(dialog.fields.widgets["notice_sent_on"], date(2031, 6, 1))
        type_into(dialog.fields.widgets["notice_reason"], "Venue was changed")
        with writer.store.transaction() as session:  # someone else changes the third meanwhile
            get_meeting(session, ids[2]).venue = "Room 9"
        assert dialog.save()
        return 1

    driven(MeetingDatesDialog, fill_in)
    page.actions["notice"].trigger()
    assert window.statusBar().currentMessage() == (
        "Notice recorded for 2 meetings. 1 meeting was changed by someone else after you picked it, so it was left "
        "alone: open it to check."
    )
    store = _reopened(writer.store)
    try:
        with store.reader() as session:
            found = [(get_meeting(session, i).notice_sent_on, get_meeting(session, i).notice_reason) for i in ids]
    finally:
        store.close()
    assert found == [(date(2031, 6, 1), "Venue was changed"), (date(2031, 6, 1), None), (None, None), (None, None)]


def test_several_people_picked_with_ctrl_click_are_added_to_a_committee(qtbot, window, writer, go, driven):
    committee = add_committee(writer.store, "Carers Forum", "City Council")
    people = [add_person(writer.store, full_name=name) for name in ("Ann Ash", "Ben Birch", "Cy Cole", "Dee Dale")]
    add_membership(writer.store, people[2], committee, date(2025, 1, 1))
    writer.tell_everyone()
    page = window.people
    go(page)
    for row in (0, 2, 3):  # as Ctrl+click does: Ann, Cy (already a member) and Dee
        index = page.model.index(page.model.row_of(people[row]), 0)
        page.table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    assert set(page.selected_ids()) == {people[0], people[2], people[3]}

    def fill_in(dialog: AddToCommitteeDialog) -> int:
        assert "Give the 3 people you picked a seat on a committee." in dialog.intro.text()
        dialog.committee.setCurrentIndex(dialog.committee.findData(committee))
        type_date(dialog.start, date(2026, 4, 1))
        dialog.backup.setChecked(True)
        dialog.accept()
        return 1

    driven(AddToCommitteeDialog, fill_in)
    page.committee_button.click()
    assert window.statusBar().currentMessage() == (
        "Added 2 people to Carers Forum — City Council. 1 was already a member, so was left as they were.")
    store = _reopened(writer.store)
    try:
        with store.reader() as session:
            seats = {p: [(s.committee_id, s.term_start, s.is_backup) for s in person_memberships(session, p)]
                     for p in people}
    finally:
        store.close()
    assert seats == {
        people[0]: [(committee, date(2026, 4, 1), True)], people[1]: [],
        people[2]: [(committee, date(2025, 1, 1), False)], people[3]: [(committee, date(2026, 4, 1), True)],
    }


def test_one_more_meeting_added_to_a_series_is_invited_automatically_when_the_setting_is_on(
    qtbot, window, writer, go, opened, driven
):
    from partnerdesk.services.common.settings import set_setting
    from partnerdesk.ui.meetings.add_to_series_dialog import AddToSeriesDialog

    committee, people = _committee(writer.store)
    with writer.store.transaction() as session:
        set_setting(session, "invite_series_members", True)
    writer.tell_everyone()
    page = window.meetings
    go(page)
    _schedule_a_year(qtbot, page, opened, committee)
    assert "Invited 8 people to 12 meetings." in window.statusBar().currentMessage()  # no question: the setting
    page.table.selectRow(11)
    extra_day = today_uk() + timedelta(days=400)

    def fill_in(dialog: AddToSeriesDialog) -> int:
        type_date(dialog.fields.widgets["date"], extra_day)
        assert dialog.save()
        return 1

    driven(AddToSeriesDialog, fill_in)
    page.actions["add_to_series"].trigger()
    assert window.statusBar().currentMessage() == "Meeting added to the series. Invited 8 people to 1 meeting."
    assert page.model.rowCount() == 13 and page.table.currentIndex().row() == 12
    added = page.selected_id()
    with writer.store.reader() as session:
        assert get_meeting(session, added).series_id == get_meeting(session, page.model.record_id(0)).series_id
    assert _invited_everywhere(writer.store, [added]) == [people]
