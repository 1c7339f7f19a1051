"""Meetings end to end below the GUI: meetings and series, who comes, papers, quorum, actions, the list and Today."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from partnerdesk.services.common.errors import NotFound, ValidationError
from partnerdesk.services.common.settings import set_setting
from partnerdesk.services.meetings.actions import (
    add_action,
    delete_action,
    mark_action_done,
    meeting_actions,
    update_action,
)
from partnerdesk.services.meetings.attendance import (
    clashes_for_person,
    double_bookings,
    invitations,
    invite,
    record_attendance,
    record_attendances,
    record_papers_sent,
    set_backup,
    set_interest,
    suggest_backups,
    uninvite,
)
from partnerdesk.services.meetings.checks import compliance_for_meetings, meeting_compliance, set_committee_quorum
from partnerdesk.services.meetings.listing import MeetingFilter, count_meetings, first_page, meetings_page
from partnerdesk.services.meetings.meetings import (
    cancel_meeting,
    change_meeting,
    create_meeting,
    delete_meeting,
    get_meeting,
    meeting_data,
    move_meeting,
    reinstate_meeting,
    restore_meeting,
    serving_meetings,
    update_meeting,
)
from partnerdesk.services.meetings.series import create_series, series_dates_preview, series_meetings
from partnerdesk.services.meetings.today import overdue_actions, today_meetings
from partnerdesk.services.people.people import delete_person
from tests.builders import (
    add_committee,
    add_invitations,
    add_meeting,
    add_membership,
    add_person,
    count_rows,
)
from tests.builders import meeting_data as new_meeting_data

DAY = date(2031, 6, 17)  # a Tuesday in summer time
TODAY = date(2031, 6, 10)


def _committee(store, members: int = 4, backups: int = 2) -> tuple[str, list[str], list[str]]:
    """A committee with full members and back-ups seated from 2030, plus people whose seats don't count on DAY."""
    committee = add_committee(store)
    full = [add_person(store, full_name=f"Member {n}") for n in range(members)]
    spare = [add_person(store, full_name=f"Backup {n}") for n in range(backups)]
    for person in full:
        add_membership(store, person, committee, date(2030, 1, 1))
    for person in spare:
        add_membership(store, person, committee, date(2030, 1, 1), backup=True)
    add_membership(store, add_person(store, full_name="Former"), committee, date(2028, 1, 1), date(2031, 1, 1))
    add_membership(store, add_person(store, full_name="Future"), committee, date(2032, 1, 1))
    add_membership(store, add_person(store, full_name="Old Backup"), committee, date(2028, 1, 1), date(2030, 12, 31),
                   backup=True)  # fmt: skip
    binned = add_person(store, full_name="In The Bin")
    add_membership(store, binned, committee, date(2030, 1, 1))
    with store.transaction() as session:
        delete_person(session, binned)
    return committee, full, spare


def _problems(store, call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        call(session)
    return caught.value.messages


# ----------------------------------------------------------------------------------------------------- meetings


def test_a_meeting_is_stored_in_utc_and_read_back_in_london_time(store):
    committee = add_committee(store)
    summer = add_meeting(store, committee, date(2031, 7, 1))
    winter = add_meeting(store, committee, date(2031, 12, 2))
    with store.reader() as session:
        assert get_meeting(session, summer).starts_at == datetime(2031, 7, 1, 9, 0, tzinfo=UTC)
        assert get_meeting(session, winter).starts_at == datetime(2031, 12, 2, 10, 0, tzinfo=UTC)
        data = meeting_data(get_meeting(session, summer))
        assert (data["date"], data["start_time"], data["end_time"]) == (date(2031, 7, 1), time(10), time(12))
        assert get_meeting(session, summer).created_by == "tester"
    with store.engine.connect() as con:  # what is on disk is naive UTC
        assert con.execute(text("SELECT starts_at FROM meetings WHERE id = :i"), {"i": winter}).scalar() == (
            "2031-12-02 10:00:00.000000"
        )


def test_a_meeting_can_be_recorded_after_it_happened(store):
    meeting = add_meeting(store, add_committee(store), date(2020, 3, 3), notice_sent_on=date(2020, 2, 28))
    with store.reader() as session:
        assert meeting_compliance(session, meeting).notice_late is True


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": None}, "kind", "Please pick what kind of meeting this is."),
        ({"kind": "party"}, "kind", "Please pick what kind of meeting this is."),
        ({"title": "  "}, "title", "Please give the meeting a title."),
        ({"title": "x" * 201}, "title", "This is too long: please keep it to 200 characters."),
        ({"committee_id": None}, "committee_id", "Please pick the committee or board that is meeting."),
        ({"committee_id": "nope"}, "committee_id", "Please pick a committee from the list."),
        ({"date": None}, "date", "Please give the date of the meeting."),
        ({"date": "17/06/2031"}, "date", "Please type a date as day/month/year, for example 23/11/2026."),
        ({"start_time": None}, "start_time", "Please give the time the meeting starts, for example 10:00."),
        ({"end_time": time(9)}, "end_time", "The meeting must end after it starts."),
        ({"end_time": time(10)}, "end_time", "The meeting must end after it starts."),
        ({"date": date(2031, 3, 30), "start_time": time(1, 15), "end_time": time(3)}, "start_time",
         "01:15 does not exist on 30/03/2031: the clocks go forward an hour that night. Please choose another time."),
        ({"mode": "carrier pigeon"}, "mode", "Please pick one of the choices in the list."),
        ({"contact_email": "chair at nhs"}, "contact_email",
         "This doesn't look like an email address. It should look like name@example.org."),
        ({"contact_phone": "12"}, "contact_phone",
         "Please give a UK phone number of 10 or 11 digits, starting with 0 (or +44)."),
        ({"contact_person_id": "nobody"}, "contact_person_id", "Please pick the contact from the list."),
        ({"serves_meeting_id": "x"}, "serves_meeting_id",
         "Only pre-meetings and debriefs are linked to another meeting."),
        ({"kind": "pre_meeting"}, "serves_meeting_id", "Please pick the meeting this pre-meeting prepares for."),
        ({"kind": "debrief"}, "serves_meeting_id", "Please pick the meeting this debrief follows."),
        ({"notice_sent_on": date(2031, 6, 18)}, "notice_sent_on", "Notice can't be dated after the meeting."),
        ({"papers_received_on": date(2031, 7, 1)}, "papers_received_on", "Papers can't be dated after the meeting."),
        ({"minutes_sent_on": date(2031, 6, 16)}, "minutes_sent_on", "Minutes can't be sent before the meeting."),
    ],
)  # fmt: skip
def test_bad_meetings_are_refused_by_field_and_nothing_is_saved(store, changes, field, message):
    committee = add_committee(store)
    messages = _problems(store, lambda s: create_meeting(s, {**new_meeting_data(committee, DAY), **changes}))
    assert messages[field] == message
    assert count_rows(store, "meetings") == 0


def test_unknown_fields_are_a_programming_slip(store):
    with store.transaction() as session, pytest.raises(ValueError, match="Unknown meeting fields"):
        create_meeting(session, {**new_meeting_data(None), "colour": "red"})


def test_pre_meetings_and_debriefs_link_to_the_meeting_they_serve(store):
    committee = add_committee(store)
    main = add_meeting(store, committee, DAY)
    pre = add_meeting(store, None, DAY - timedelta(days=3), kind="pre_meeting", serves_meeting_id=main)
    debrief = add_meeting(store, None, DAY, kind="debrief", serves_meeting_id=main, start_time=time(12),
                          end_time=time(13))  # fmt: skip
    with store.reader() as session:
        assert get_meeting(session, pre).committee_id == committee  # taken from the meeting it serves
        assert [m.id for m in serving_meetings(session, main)] == [pre, debrief]
    late_pre = {"kind": "pre_meeting", "serves_meeting_id": main, "start_time": time(11), "end_time": time(11, 30)}
    messages = _problems(store, lambda s: create_meeting(s, new_meeting_data(None, DAY, **late_pre)))
    assert messages == {"start_time": "A pre-meeting must finish before the meeting it prepares for starts."}
    early = {"kind": "debrief", "serves_meeting_id": main, "start_time": time(11), "end_time": time(13)}
    messages = _problems(store, lambda s: create_meeting(s, new_meeting_data(None, DAY, **early)))
    assert messages == {"start_time": "A debrief must start after the meeting it follows has finished."}
    messages = _problems(store, lambda s: change_meeting(s, pre, serves_meeting_id=pre))
    assert messages == {"serves_meeting_id": "Please pick another meeting from the list."}


def test_a_bad_change_leaves_the_meeting_as_it_was(store):
    committee = add_committee(store)
    meeting = add_meeting(store, committee, DAY, title="Original")
    with store.reader() as session:
        data = meeting_data(get_meeting(session, meeting))
    bad = {**data, "title": "", "end_time": time(8)}
    assert _problems(store, lambda s: update_meeting(s, meeting, bad)) == {
        "title": "Please give the meeting a title.",
        "end_time": "The meeting must end after it starts.",
    }
    with store.transaction() as session:
        assert update_meeting(session, meeting, {**data, "notes": "  Bring badges  "}).notes == "Bring badges"
    with store.reader() as session:
        kept = meeting_data(get_meeting(session, meeting))
    assert kept == {**data, "notes": "Bring badges"}


def test_cancelling_needs_a_reason_and_can_be_undone(store):
    meeting = add_meeting(store, add_committee(store), DAY)
    assert _problems(store, lambda s: cancel_meeting(s, meeting, " ")) == {
        "cancel_reason": "Please say why the meeting is cancelled."
    }
    with store.transaction() as session:
        cancel_meeting(session, meeting, "Chair unwell")
    with store.reader() as session:
        assert (get_meeting(session, meeting).cancelled, get_meeting(session, meeting).cancel_reason) == (
            True, "Chair unwell",
        )  # fmt: skip
    with store.transaction() as session:
        reinstate_meeting(session, meeting)
        assert get_meeting(session, meeting).cancelled is False


def test_deleting_to_the_bin_and_restoring(store):
    meeting = add_meeting(store, add_committee(store), DAY)
    with store.transaction() as session:
        delete_meeting(session, meeting)
    with store.reader() as session:
        assert count_meetings(session, MeetingFilter()) == 0
        assert count_meetings(session, MeetingFilter(in_bin=True)) == 1
    with store.transaction() as session:
        restore_meeting(session, meeting)
    with store.reader() as session:
        assert count_meetings(session, MeetingFilter()) == 1
        with pytest.raises(NotFound, match="could not be found"):
            get_meeting(session, "no-such-id")


# ------------------------------------------------------------------------------------------------------- series

SERIES = {
    "rule": "monthly_weekday", "weekday": 1, "week_of_month": 2, "starts_on": date(2031, 9, 1), "count": 6,
    "start_time": time(10), "end_time": time(12), "kind": "committee", "title": "Mental Health Committee",
    "venue": "Board room",
}  # fmt: skip


def test_a_monthly_series_across_the_october_clock_change_keeps_ten_o_clock_in_london(store):
    committee = add_committee(store)
    with store.transaction() as session:
        made = create_series(session, {**SERIES, "committee_id": committee})
        series_id = made.series.id
    with store.reader() as session:
        meetings = series_meetings(session, series_id)
        london = [meeting_data(m) for m in meetings]
        assert [d["date"] for d in london] == [
            date(2031, 9, 9), date(2031, 10, 14), date(2031, 11, 11),
            date(2031, 12, 9), date(2032, 1, 13), date(2032, 2, 10),
        ]  # fmt: skip
        assert {(d["start_time"], d["end_time"]) for d in london} == {(time(10), time(12))}
        assert [m.starts_at.hour for m in meetings] == [9, 9, 10, 10, 10, 10]  # UTC: summer time ends 26/10/2031
        assert {(m.committee_id, m.title, m.venue, m.series_id) for m in meetings} == {
            (committee, "Mental Health Committee", "Board room", series_id)
        }


def test_the_dates_of_a_series_can_be_previewed_without_saving(store):
    dates, words = series_dates_preview({"rule": "weekly", "starts_on": date(2031, 6, 2), "interval": 2, "count": 3})
    assert dates == [date(2031, 6, 2), date(2031, 6, 16), date(2031, 6, 30)]
    assert words == "Fortnightly on Mondays, 3 meetings"
    assert count_rows(store, "meetings") == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"week_of_month": 5}, "week_of_month",
         "Not every month has a fifth Tuesday, so this series can't be made. Choose the last Tuesday instead."),
        ({"count": 0}, "count", "Please give how many meetings as a whole number, 1 or more."),
        ({"count": -1}, "count", "Please give how many meetings as a whole number, 1 or more."),
        ({"count": None, "until": date(2031, 8, 1)}, "until", "The series can't end before it starts."),
        ({"end_time": time(9)}, "end_time", "The meeting must end after it starts."),
        ({"kind": "pre_meeting"}, "kind",
         "Pre-meetings and debriefs are arranged one at a time, for the meeting they serve."),
        ({"committee_id": None}, "committee_id", "Please pick the committee or board that is meeting."),
        ({"rule": "weekly", "weekday": 6, "starts_on": date(2032, 3, 1), "start_time": time(1, 30),
          "end_time": time(3)}, "start_time",
         "01:30 does not exist on 28/03/2032: the clocks go forward an hour that night. Please choose another time."),
    ],
)  # fmt: skip
def test_impossible_series_are_refused_and_nothing_is_saved(store, changes, field, message):
    committee = add_committee(store)
    data = {**SERIES, "committee_id": committee, **changes}
    assert _problems(store, lambda s: create_series(s, data))[field] == message
    assert count_rows(store, "meeting_series") == 0
    assert count_rows(store, "meetings") == 0


def test_moving_or_cancelling_one_occurrence_leaves_the_others_alone(store):
    committee = add_committee(store)
    with store.transaction() as session:
        ids = [m.id for m in create_series(session, {**SERIES, "committee_id": committee}).meetings]
    with store.reader() as session:
        before = {m.id: m.starts_at for m in series_meetings(session, get_meeting(session, ids[0]).series_id)}
    with store.transaction() as session:
        move_meeting(session, ids[1], date(2031, 10, 21), time(14), time(16))
        cancel_meeting(session, ids[2], "Clashes with the AGM")
    with store.reader() as session:
        moved = get_meeting(session, ids[1])
        assert meeting_data(moved)["date"] == date(2031, 10, 21) and moved.moved_from == before[ids[1]]
        assert moved.series_id is not None
        assert get_meeting(session, ids[2]).cancelled and get_meeting(session, ids[2]).series_id is not None
        for other in ids[:1] + ids[3:]:
            meeting = get_meeting(session, other)
            assert (meeting.starts_at, meeting.cancelled, meeting.moved_from) == (before[other], False, None)
    with store.transaction() as session:  # moving it back to where the series put it is not a move any more
        move_meeting(session, ids[1], date(2031, 10, 14), time(10), time(12))
        assert get_meeting(session, ids[1]).moved_from is None
    with store.transaction() as session:  # a meeting outside a series is never marked as moved
        single = create_meeting(session, new_meeting_data(committee, DAY))
        move_meeting(session, single.id, DAY + timedelta(days=1), time(10), time(12))
        assert single.moved_from is None


# ----------------------------------------------------------------------------------------------- who comes


def test_inviting_the_committee_asks_its_current_full_members(store):
    committee, full, spare = _committee(store)
    meeting = add_meeting(store, committee, DAY)
    with store.transaction() as session:
        assert [row.person_id for row in invite(session, meeting)] == full
        invite(session, meeting)  # again: nothing changes
    assert count_rows(store, "attendance") == len(full)
    with store.transaction() as session:
        invite(session, meeting, include_backups=True)
        rows = {row.person_id: row for row in invitations(session, meeting)}
    assert set(rows) == set(full + spare)
    assert {pid for pid, row in rows.items() if row.is_backup} == set(spare)


def test_inviting_needs_a_committee_or_people_and_real_people(store):
    meeting = add_meeting(store, None, DAY)
    assert _problems(store, lambda s: invite(s, meeting)) == {
        "person_ids": "This meeting has no committee, so please pick who to invite."
    }
    person = add_person(store)
    assert _problems(store, lambda s: invite(s, meeting, [person, "ghost"])) == {
        "person_ids": "Someone picked could not be found. Please pick people from the list."
    }
    assert count_rows(store, "attendance") == 0


def test_attendance_for_someone_not_invited_is_refused_and_nothing_changes(store):
    committee, full, _ = _committee(store)
    meeting = add_meeting(store, committee, DAY)
    add_invitations(store, meeting, full[:2])
    stranger = add_person(store, full_name="Sam Stranger")
    with store.transaction() as session:
        set_interest(session, meeting, full[3])  # interest alone is not an invitation
    for person, name in ((stranger, "Sam Stranger"), (full[3], "Member 3")):
        messages = _problems(store, lambda s, p=person: record_attendance(s, meeting, p, "attended", today=DAY))
        assert messages == {
            "attendance": f"{name} was not invited to this meeting. Invite them first, then record their attendance."
        }
    messages = _problems(
        store, lambda s: record_attendances(s, meeting, {full[0]: "attended", stranger: "absent"}, today=DAY)
    )
    assert list(messages) == [stranger]
    with store.reader() as session:
        assert {row.attendance for row in invitations(session, meeting)} == {None}  # all or nothing


def test_attended_and_absent_wait_for_the_day_but_apologies_can_come_early(store):
    committee, full, _ = _committee(store)
    meeting = add_meeting(store, committee, DAY)
    add_invitations(store, meeting, full)
    messages = _problems(store, lambda s: record_attendance(s, meeting, full[0], "attended", today=DAY - timedelta(1)))
    assert messages == {"attendance": "This meeting hasn't happened yet: record who attended on or after the day."}
    assert _problems(store, lambda s: record_attendance(s, meeting, full[0], "snoozed", today=DAY)) == {
        "attendance": "Please pick one of the choices in the list."
    }
    with store.transaction() as session:
        record_attendance(session, meeting, full[0], "apologies", today=TODAY)
        record_attendance(session, meeting, full[1], "sent_views", today=TODAY)
        record_attendances(session, meeting, {full[2]: "attended", full[3]: "absent"}, today=DAY)
        record_attendance(session, meeting, full[3], None, today=DAY)  # cleared again
        marks = {row.person_id: row.attendance for row in invitations(session, meeting)}
    assert marks == {full[0]: "apologies", full[1]: "sent_views", full[2]: "attended", full[3]: None}


def test_interest_invitations_and_back_up_marks(store):
    committee, full, spare = _committee(store)
    meeting = add_meeting(store, committee, DAY)
    with store.transaction() as session:
        row = set_interest(session, meeting, full[0])
        assert (row.invited, row.interested) == (False, True)
        invite(session, meeting, [full[0]])
        assert (row.invited, row.interested) == (True, True)
        uninvite(session, meeting, full[0])  # keeps the interest
        assert (row.invited, row.interested) == (False, True)
        assert set_interest(session, meeting, full[0], interested=False) is None
        invite(session, meeting, [spare[0]])  # through a back-up seat: marked as a back-up
        invite(session, meeting, [full[1]], as_backup=True)
        set_backup(session, meeting, full[1], False)
        uninvite(session, meeting, "never-invited")
        marks = {r.person_id: r.is_backup for r in invitations(session, meeting)}
    assert marks == {spare[0]: True, full[1]: False}
    assert _problems(store, lambda s: set_backup(s, meeting, full[2], True)) == {
        "is_backup": "Member 2 is not on this meeting's list. Invite them first."
    }


def test_papers_days_lateness_and_format_per_representative(store):
    committee = add_committee(store)
    on_time = add_person(store, full_name="Ann Email", papers_format="email")
    late = add_person(store, full_name="Bob Print", papers_format="large_print")
    meeting = add_meeting(store, committee, DAY)
    add_invitations(store, meeting, [on_time, late])
    with store.transaction() as session:
        record_papers_sent(session, meeting, on_time, DAY - timedelta(days=7), "email")
        record_papers_sent(session, meeting, late, DAY - timedelta(days=5), "email", reason="Printer broken")
        rows = {row.person_name: row for row in invitations(session, meeting)}

    def papers(row):
        return row.papers_days, row.papers_late, row.format_met

    assert papers(rows["Ann Email"]) == (7, False, True)
    assert papers(rows["Bob Print"]) == (5, True, False)  # two days short, and email instead of large print
    assert (rows["Bob Print"].wanted_format, rows["Bob Print"].papers_reason) == ("large_print", "Printer broken")
    with store.transaction() as session:
        set_setting(session, "papers_days", 10)
        assert [row.papers_late for row in invitations(session, meeting)] == [True, True]
        record_papers_sent(session, meeting, late, None, None)
        assert invitations(session, meeting)[1].papers_sent_on is None
    assert _problems(store, lambda s: record_papers_sent(s, meeting, on_time, DAY + timedelta(1), "email")) == {
        "papers_sent_on": "Papers can't be sent after the meeting."
    }
    assert _problems(store, lambda s: record_papers_sent(s, meeting, on_time, DAY, None)) == {
        "papers_format": "Please say which format the papers were sent in."
    }
    stranger = add_person(store, full_name="Cy Nobody")
    assert _problems(store, lambda s: record_papers_sent(s, meeting, stranger, DAY, "post")) == {
        "papers_sent_on": "Cy Nobody was not invited to this meeting."
    }


def test_back_ups_are_suggested_when_someone_sends_apologies(store):
    committee, full, spare = _committee(store, backups=3)
    meeting = add_meeting(store, committee, DAY)
    add_invitations(store, meeting, full)
    add_invitations(store, meeting, [spare[2]])  # already invited: not suggested again
    elsewhere = add_meeting(store, None, DAY, start_time=time(11), end_time=time(13))
    add_invitations(store, elsewhere, [spare[0]])
    with store.transaction() as session:
        record_attendance(session, meeting, full[0], "apologies", today=TODAY)
        set_interest(session, meeting, spare[1])
        suggestions = suggest_backups(session, meeting)
    assert [(s.person_name, s.interested) for s in suggestions] == [("Backup 1", True), ("Backup 0", False)]
    assert [c.meeting_id for c in suggestions[1].clashes] == [elsewhere]
    with store.reader() as session:
        assert suggest_backups(session, add_meeting(store, None, DAY)) == []


def test_double_bookings_are_found_but_not_refused(store):
    person, other = add_person(store), add_person(store)
    meeting = add_meeting(store, None, DAY)  # 10:00–12:00
    overlapping = add_meeting(store, None, DAY, start_time=time(11, 30), end_time=time(13))
    touching = add_meeting(store, None, DAY, start_time=time(12), end_time=time(13))
    cancelled = add_meeting(store, None, DAY, start_time=time(9), end_time=time(11))
    excused = add_meeting(store, None, DAY, start_time=time(9), end_time=time(10, 30))
    for m in (meeting, overlapping, touching, cancelled, excused):
        add_invitations(store, m, [person])
    add_invitations(store, meeting, [other])
    with store.transaction() as session:
        cancel_meeting(session, cancelled, "Room double-booked")
        record_attendance(session, excused, person, "apologies", today=TODAY)
        found = double_bookings(session, meeting)
        assert list(found) == [person] and [c.meeting_id for c in found[person]] == [overlapping]
        start, end = get_meeting(session, meeting).starts_at, get_meeting(session, meeting).ends_at
        assert [c.meeting_id for c in clashes_for_person(session, person, start, end)] == [meeting, overlapping]


# ---------------------------------------------------------------------------------------- quorum and compliance


def test_a_quorum_larger_than_the_membership_is_refused(store):
    committee, _, _ = _committee(store, members=4)
    messages = _problems(store, lambda s: set_committee_quorum(s, committee, number=5, on=DAY))
    assert messages == {"quorum_number": "The committee has only 4 current members, so the quorum can't be 5."}
    assert _problems(store, lambda s: set_committee_quorum(s, committee, 2, 1, 2, on=DAY)) == {
        "quorum_number": "Please give either a number of members or a fraction of them, not both."
    }
    with store.engine.connect() as con:
        assert con.execute(text("SELECT quorum_number, quorum_numerator FROM committees")).one() == (None, None)
    with store.transaction() as session:
        assert set_committee_quorum(session, committee, number=4, on=DAY).quorum_number == 4
        half = set_committee_quorum(session, committee, numerator=1, denominator=2, on=DAY)
        assert (half.quorum_number, half.quorum_numerator, half.quorum_denominator) == (None, 1, 2)
        cleared = set_committee_quorum(session, committee, on=DAY)
        assert (cleared.quorum_number, cleared.quorum_numerator, cleared.quorum_denominator) == (None, None, None)
    with store.transaction() as session, pytest.raises(NotFound):
        set_committee_quorum(session, "no-such-committee", number=1)


def test_members_on_each_meetings_day_count_seats_that_day_and_each_person_once(store):
    committee = add_committee(store)
    ends, starts, twice, spare = (add_person(store, full_name=f"Seat {n}") for n in range(4))
    add_membership(store, ends, committee, date(2030, 1, 1), DAY)  # still a member on the day the seat ends
    add_membership(store, starts, committee, DAY + timedelta(days=1))
    add_membership(store, twice, committee, date(2030, 1, 1), DAY)
    add_membership(store, twice, committee, DAY, None)  # two seats that overlap on DAY: one member
    add_membership(store, spare, committee, date(2030, 1, 1), backup=True)
    days = (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1), DAY + timedelta(days=2))
    meetings = [add_meeting(store, committee, day) for day in days]
    add_invitations(store, meetings[1], [spare, starts])
    with store.transaction() as session:
        record_attendances(session, meetings[1], {spare: "attended", starts: "attended"}, today=DAY)
        found = compliance_for_meetings(session, meetings)
    assert [found[m].members for m in meetings] == [2, 2, 2, 2]
    assert found[meetings[1]].present_members == 1  # the back-up holds a seat that day; the one starting later not


def test_compliance_of_a_meeting(store):
    committee, full, spare = _committee(store, members=4, backups=1)
    with store.transaction() as session:
        set_committee_quorum(session, committee, number=3, on=DAY)
    meeting = add_meeting(store, committee, DAY, notice_sent_on=DAY - timedelta(days=10),
                          papers_received_on=DAY - timedelta(days=8))  # fmt: skip
    guest = add_person(store, full_name="Guest")
    with store.reader() as session:
        before = meeting_compliance(session, meeting)
    assert (before.notice_days, before.notice_late, before.papers_received_days, before.papers_received_late) == (
        10, True, 8, False,
    )  # fmt: skip
    assert (before.members, before.quorum_needed, before.quorate, before.invited) == (4, 3, None, 0)

    add_invitations(store, meeting, [*full, *spare, guest])
    with store.transaction() as session:
        record_papers_sent(session, meeting, full[0], DAY - timedelta(days=3), "post")
        record_attendances(session, meeting, {full[0]: "attended", full[1]: "apologies", full[2]: "absent",
                                              full[3]: "sent_views", guest: "attended"}, today=DAY)  # fmt: skip
        mid = meeting_compliance(session, meeting)
        assert (mid.attended, mid.apologies, mid.absent, mid.sent_views, mid.unrecorded) == (2, 1, 1, 1, 1)
        assert (mid.papers_sent, mid.papers_late, mid.format_missed) == (1, 1, 0)
        assert (mid.present_members, mid.quorate) == (1, False)  # the guest holds no seat
        record_attendance(session, meeting, spare[0], "attended", today=DAY)  # a back-up standing in counts
        record_attendance(session, meeting, full[2], "attended", today=DAY)
        after = meeting_compliance(session, meeting)
    assert (after.present_members, after.quorum_needed, after.quorate) == (3, 3, True)
    with store.reader() as session, pytest.raises(NotFound):
        meeting_compliance(session, "missing")


# ------------------------------------------------------------------------------------------------------ actions


def test_actions_are_added_changed_ticked_off_and_binned(store):
    owner = add_person(store, full_name="Olu Owner")
    meeting = add_meeting(store, add_committee(store), DAY)
    assert _problems(store, lambda s: add_action(s, meeting, {"description": " "})) == {
        "description": "Please say what the action is.",
        "owner_name": "Please say who will do this.",
    }
    assert _problems(store, lambda s: add_action(s, meeting, {"description": "x", "owner_person_id": "ghost"})) == {
        "owner_person_id": "Please pick the person from the list."
    }
    assert count_rows(store, "meeting_actions") == 0
    with store.transaction() as session:
        first = add_action(session, meeting, {"description": "Send the survey", "owner_person_id": owner,
                                              "due_on": DAY + timedelta(days=14)}).id  # fmt: skip
        second = add_action(session, meeting, {"description": "Book room", "owner_name": "The chair",
                                               "due_on": DAY + timedelta(days=7)}).id  # fmt: skip
        update_action(session, second, {"description": "Book a bigger room", "owner_name": "The chair"})
        mark_action_done(session, first, DAY + timedelta(days=10))
        assert [a.description for a in meeting_actions(session, meeting)] == ["Book a bigger room", "Send the survey"]
        delete_action(session, second)
        assert [a.id for a in meeting_actions(session, meeting)] == [first]


def test_overdue_actions_are_open_past_due_and_on_live_meetings(store):
    owner = add_person(store, full_name="Olu Owner")
    meeting, binned = add_meeting(store, None, DAY), add_meeting(store, None, DAY)
    with store.transaction() as session:
        for n, (due, done) in enumerate([(TODAY - timedelta(3), None), (TODAY - timedelta(9), None),
                                         (TODAY, None), (TODAY - timedelta(5), TODAY), (None, None)]):  # fmt: skip
            add_action(session, meeting, {"description": f"A{n}", "owner_person_id": owner, "due_on": due,
                                          "done_on": done})  # fmt: skip
        add_action(session, binned, {"description": "Gone", "owner_name": "X", "due_on": TODAY - timedelta(20)})
        delete_meeting(session, binned)
        overdue = overdue_actions(session, TODAY)
    assert [(a.description, a.owner, a.due_on) for a in overdue] == [
        ("A1", "Olu Owner", TODAY - timedelta(9)), ("A0", "Olu Owner", TODAY - timedelta(3)),
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------------------- the list


def test_the_meetings_list_filters_sorts_and_pages(store):
    mh = add_committee(store, "Mental Health Committee", organisation="City Health Board")
    carers = add_committee(store, "Carers Forum", organisation="County Council")
    ids = {
        "a": add_meeting(store, mh, date(2031, 6, 30), title="June board", venue="Ty Hywel"),
        "b": add_meeting(store, mh, date(2031, 7, 1), title="Budget 100% review", start_time=time(0, 30),
                         end_time=time(1, 30)),  # 23:30 UTC on 30 June, but 1 July in London
        "c": add_meeting(store, carers, date(2031, 7, 2), title="Carers catch-up", kind="local_group"),
        "d": add_meeting(store, carers, date(2031, 7, 31), title="Summer social", kind="other"),
    }  # fmt: skip
    with store.transaction() as session:
        cancel_meeting(session, ids["d"], "Heatwave")

    def listed(**flt) -> list[str]:
        with store.reader() as session:
            f = MeetingFilter(**flt)
            rows = meetings_page(session, f, 0, 50)
            assert count_meetings(session, f) == len(rows)
            total, first = first_page(session, f, 2)  # what the list reads on each keystroke: the same, at once
            assert (total, [r.id for r in first]) == (len(rows), [r.id for r in rows[:2]])
            return [next(k for k, v in ids.items() if v == row.id) for row in rows]

    assert listed() == ["a", "b", "c", "d"]
    assert listed(committee_id=carers) == ["c", "d"]
    assert listed(kind="local_group") == ["c"]
    assert listed(date_from=date(2031, 7, 1), date_to=date(2031, 7, 2)) == ["b", "c"]
    assert listed(date_to=date(2031, 6, 30)) == ["a"]
    assert listed(search="county") == ["c", "d"]
    assert listed(search="carers CATCH") == ["c"]
    assert listed(search="hywel") == ["a"]
    assert listed(search="100%") == ["b"] and listed(search="%") == ["b"]
    assert listed(include_cancelled=False) == ["a", "b", "c"]
    assert listed(sort="title", descending=True) == ["d", "a", "c", "b"]
    assert listed(sort="committee") in (["c", "d", "a", "b"], ["d", "c", "a", "b"])
    with store.reader() as session:
        page = meetings_page(session, MeetingFilter(), 1, 2)
        assert [row.title for row in page] == ["Budget 100% review", "Carers catch-up"]
        assert page[1].committee == "Carers Forum" and page[1].organisation == "County Council"
        with pytest.raises(ValueError):
            meetings_page(session, MeetingFilter(sort="colour"))


# ------------------------------------------------------------------------------------------------------- Today


def test_today_lists_the_next_fourteen_days_with_what_is_due(store):
    committee, full, spare = _committee(store)
    soon = add_meeting(store, committee, TODAY + timedelta(days=7), title="Board")
    add_meeting(store, committee, TODAY + timedelta(days=15), title="Too far")
    add_meeting(store, committee, TODAY + timedelta(days=14), title="Last day")
    gone = add_meeting(store, committee, TODAY + timedelta(days=2), title="Called off")
    with store.transaction() as session:
        cancel_meeting(session, gone, "No business")
        invite(session, soon)
        record_attendance(session, soon, full[0], "apologies", today=TODAY)
        shown = today_meetings(session, TODAY)
    assert [m.title for m in shown.upcoming] == ["Board", "Last day"]
    board = shown.upcoming[0]
    assert [(t.code, t.due_on) for t in board.tasks] == [
        ("send_notice", TODAY - timedelta(days=7)),
        ("send_papers", TODAY),
        ("arrange_pre_meeting", TODAY + timedelta(days=6)),
        ("find_backup", TODAY + timedelta(days=7)),
        ("send_reminders", TODAY + timedelta(days=5)),
    ]
    assert board.tasks[1].detail == "3 representatives still to get them"
    assert board.committee == "Mental Health Committee" and board.tasks[0].overdue(TODAY)

    with store.transaction() as session:
        change_meeting(session, soon, notice_sent_on=TODAY, reminders_sent_on=TODAY)
        invite(session, soon, [spare[0]])
        for person in [*full[1:], spare[0]]:
            record_papers_sent(session, soon, person, TODAY, "email")
        create_meeting(session, new_meeting_data(None, TODAY + timedelta(days=6), kind="pre_meeting",
                                                 serves_meeting_id=soon))  # fmt: skip
        shown = today_meetings(session, TODAY)
    assert next(m for m in shown.upcoming if m.title == "Board").tasks == []
    assert [m.kind for m in shown.upcoming] == ["pre_meeting", "committee", "committee"]


def test_today_lists_past_meetings_missing_attendance_minutes_or_a_debrief_and_overdue_actions(store):
    committee, full, _ = _committee(store)
    recent = add_meeting(store, committee, TODAY - timedelta(days=10), title="Recent")
    done = add_meeting(store, committee, TODAY - timedelta(days=20), title="All done",
                       minutes_sent_on=TODAY - timedelta(days=5))  # fmt: skip
    add_meeting(store, committee, TODAY - timedelta(days=200), title="Long ago")
    add_invitations(store, recent, full)
    add_invitations(store, done, full[:1])
    with store.transaction() as session:
        record_attendance(session, recent, full[0], "attended", today=TODAY)
        record_attendance(session, done, full[0], "attended", today=TODAY)
        create_meeting(session, new_meeting_data(None, TODAY - timedelta(days=19), kind="debrief",
                                                 serves_meeting_id=done))  # fmt: skip
        add_action(session, recent, {"description": "Chase minutes", "owner_name": "Worker",
                                     "due_on": TODAY - timedelta(days=1)})  # fmt: skip
        set_setting(session, "notice_days", 21)
        shown = today_meetings(session, TODAY)
    assert [(m.title, [g.code for g in m.tasks]) for m in shown.past_gaps] == [
        ("Recent", ["record_attendance", "send_minutes", "arrange_debrief"])
    ]
    assert shown.past_gaps[0].tasks[0].detail == "not recorded for 3 representatives"
    assert [a.description for a in shown.overdue_actions] == ["Chase minutes"]


def test_the_today_and_list_queries_use_the_indexes(store):
    """Speed at 6,000 meetings comes from the indexes: the queries must not read whole tables."""
    committee = add_committee(store)
    with store.engine.connect() as con:
        con.exec_driver_sql("ANALYZE")
        plans = {
            "window": "SELECT id FROM meetings WHERE starts_at >= '2031-01-01' AND starts_at < '2031-01-15'",
            "committee": f"SELECT id FROM meetings WHERE committee_id = '{committee}' ORDER BY starts_at",
            "attendance": "SELECT count(*) FROM attendance WHERE meeting_id IN ('a', 'b') GROUP BY meeting_id",
            "person": "SELECT meeting_id FROM attendance WHERE person_id = 'p'",
            "support": "SELECT kind FROM meetings WHERE serves_meeting_id IN ('a', 'b')",
        }
        for name, sql in plans.items():
            plan = " ".join(row[-1] for row in con.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "USING" in plan and "SCAN meetings" not in plan and "SCAN attendance" not in plan, (name, plan)


def test_quorum_belongs_to_the_committees_own_meetings_not_its_pre_meetings_and_debriefs(store):
    committee, full, _ = _committee(store, members=4, backups=0)
    with store.transaction() as session:
        set_committee_quorum(session, committee, number=3, on=DAY)
    main = add_meeting(store, committee, DAY)
    pre = add_meeting(store, committee, DAY - timedelta(days=3), kind="pre_meeting", serves_meeting_id=main)
    debrief = add_meeting(store, committee, DAY + timedelta(days=2), kind="debrief", serves_meeting_id=main)
    for meeting in (main, pre, debrief):
        add_invitations(store, meeting, full[:1])
        with store.transaction() as session:
            record_attendance(session, meeting, full[0], "attended", today=DAY + timedelta(days=3))
    with store.reader() as session:
        assert (meeting_compliance(session, main).quorum_needed, meeting_compliance(session, main).quorate) == (
            3, False,
        )  # fmt: skip
        for meeting in (pre, debrief):
            found = meeting_compliance(session, meeting)
            assert (found.quorum_needed, found.quorate) == (None, None)
