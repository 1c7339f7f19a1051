"""Bulk actions below the GUI: a committee invited to a whole series, one notice or papers date for several
meetings, several people added to a committee; each one transaction that skips and counts what it must not touch."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from partnerdesk.records.meetings import Attendance
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import get_setting, set_setting
from partnerdesk.services.meetings.attendance import invitations
from partnerdesk.services.meetings.bulk import (
    DateCount,
    PapersCount,
    describe_invitations,
    invite_series,
    meeting_versions,
    plan_series_invitations,
    record_notice,
    record_papers,
    series_of,
)
from partnerdesk.services.meetings.committee_invites import InviteCount
from partnerdesk.services.meetings.meetings import cancel_meeting, change_meeting, get_meeting
from partnerdesk.services.meetings.series import add_to_series, create_series, series_meetings
from partnerdesk.services.people.committee_members import MembersAdded, add_people_to_committee, describe_added
from partnerdesk.services.people.organisations import person_memberships
from partnerdesk.services.people.people import delete_person
from tests.builders import add_committee, add_invitations, add_meeting, add_membership, add_person, count_rows

SERIES = {
    "rule": "monthly_weekday", "weekday": 1, "week_of_month": 2, "starts_on": date(2031, 1, 1), "count": 12,
    "start_time": time(10), "end_time": time(12), "kind": "committee", "title": "Mental Health Committee",
    "venue": "Board room",
}  # fmt: skip
TODAY = date(2030, 12, 1)


def _committee_with_members(store, n: int = 3) -> tuple[str, list[str]]:
    committee = add_committee(store)
    people = [add_person(store) for _ in range(n)]
    for person in people:
        add_membership(store, person, committee, date(2030, 1, 1))
    return committee, people


def _series(store, committee: str, **overrides) -> tuple[str, list[str]]:
    with store.transaction() as session:
        made = create_series(session, {**SERIES, "committee_id": committee, **overrides})
        return made.series.id, [m.id for m in made.meetings]


def _invited(store, meeting_id: str) -> set[str]:
    with store.reader() as session:
        return {i.person_id for i in invitations(session, meeting_id) if i.invited}


def _problems(store, call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught, store.transaction() as session:
        call(session)
    return caught.value.messages


# ------------------------------------------------------------------------------------------- a series invited


def test_a_committee_is_invited_to_all_twelve_meetings_of_a_series_in_one_action(store):
    committee, people = _committee_with_members(store, 8)
    series, meetings = _series(store, committee)
    add_invitations(store, meetings[0], people[:3])  # three invitations made one at a time before
    with store.reader() as session:
        planned = plan_series_invitations(session, series, TODAY)
    assert count_rows(store, "attendance") == 3  # the question asked first changes nothing
    with store.transaction() as session:
        done = invite_series(session, series, TODAY)
    assert done == planned == InviteCount(people=8, meetings=12, invitations=8 * 12 - 3, already=3)
    assert describe_invitations(done) == "Invited 8 people to 12 meetings (3 were already invited)."
    for meeting in meetings:
        assert _invited(store, meeting) == set(people)
    with store.transaction() as session:  # doing it again changes nothing
        again = invite_series(session, series, TODAY)
    assert again.invitations == 0 and count_rows(store, "attendance") == 96
    assert describe_invitations(again) == "Everyone on the committee was already invited to the 12 meetings still " \
                                          "to come."


def test_only_seats_held_on_each_meeting_date_and_only_meetings_still_to_come_are_invited(store):
    committee, (stays,) = _committee_with_members(store, 1)
    leaves = add_person(store)
    add_membership(store, leaves, committee, date(2030, 1, 1), date(2031, 3, 31))  # term ends after March
    joins = add_person(store)
    add_membership(store, joins, committee, date(2031, 6, 1))
    backup = add_person(store)
    add_membership(store, backup, committee, date(2030, 1, 1), backup=True)
    series, meetings = _series(store, committee)  # 14/01/2031 … 09/12/2031
    with store.transaction() as session:
        cancel_meeting(session, meetings[-1], "Christmas")
        done = invite_series(session, series, today=date(2031, 2, 1))  # January's meeting is over
    assert done.meetings == 10  # February to November
    assert _invited(store, meetings[0]) == set() and _invited(store, meetings[-1]) == set()
    assert _invited(store, meetings[1]) == {stays, leaves}  # February
    assert _invited(store, meetings[3]) == {stays}  # April: the term ended in March
    assert _invited(store, meetings[5]) == {stays, joins}  # June
    assert backup not in set().union(*(_invited(store, m) for m in meetings))  # back-ups are suggested, not invited


def test_new_meetings_of_a_series_are_invited_automatically_only_when_the_setting_is_on(store):
    committee, people = _committee_with_members(store, 2)
    with store.reader() as session:
        assert get_setting(session, "invite_series_members") is False  # off unless the organisation asks
    series, meetings = _series(store, committee)
    assert count_rows(store, "attendance") == 0
    with store.transaction() as session:
        set_setting(session, "invite_series_members", True)
    with store.transaction() as session:
        made = create_series(session, {**SERIES, "committee_id": committee, "count": 3})
        assert made.invited == InviteCount(2, 3, 6, 0)
        extra = add_to_series(session, series, date(2031, 12, 23))  # one more meeting for the first series
        assert extra.invited == InviteCount(2, 1, 2, 0)
        extra_id = extra.meetings[0].id
    for meeting in [m.id for m in made.meetings] + [extra_id]:
        assert _invited(store, meeting) == set(people)
    with store.reader() as session:
        added = get_meeting(session, extra_id)
        assert (added.series_id, added.title, added.venue, added.committee_id) == (
            series, "Mental Health Committee", "Board room", committee)
        assert len(series_meetings(session, series)) == 13 and series_of(session, extra_id) == series
    with store.transaction() as session:
        assert "invite_series_members" in _problems_of(lambda: set_setting(session, "invite_series_members", "yes"))


def _problems_of(call) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


# ------------------------------------------------------------------------------------------- notice and papers


def test_one_notice_date_for_several_meetings_skips_a_meeting_changed_meanwhile(store):
    committee = add_committee(store)
    ids = [add_meeting(store, committee, date(2031, 6, day)) for day in (10, 17, 24)]
    with store.reader() as session:
        picked = meeting_versions(session, ids)
    with store.transaction() as session:
        change_meeting(session, ids[2], venue="Room 2")  # someone else saves one after it was picked
    with store.transaction() as session:
        done = record_notice(session, picked, date(2031, 6, 3), "Chair's illness")
    assert done == DateCount(updated=2, unchanged=0, different=0, changed_elsewhere=1)
    with store.reader() as session:
        first, second, third = (get_meeting(session, i) for i in ids)
        assert first.notice_sent_on == second.notice_sent_on == date(2031, 6, 3)
        assert first.notice_reason == "Chair's illness"  # 7 days: late, so the reason is kept
        assert second.notice_reason is None  # 14 days: on time
        assert third.notice_sent_on is None


def test_a_notice_date_already_recorded_differently_is_left_alone(store):
    ids = [add_meeting(store, None, date(2031, 6, day)) for day in (10, 17)]
    with store.transaction() as session:
        change_meeting(session, ids[0], notice_sent_on=date(2031, 5, 1))
    with store.transaction() as session:
        done = record_notice(session, meeting_versions(session, ids), date(2031, 5, 20))
    assert done == DateCount(updated=1, unchanged=0, different=1, changed_elsewhere=0)
    with store.reader() as session:
        assert get_meeting(session, ids[0]).notice_sent_on == date(2031, 5, 1)


def test_a_notice_date_after_any_picked_meeting_changes_nothing(store):
    ids = [add_meeting(store, None, date(2031, 6, day)) for day in (10, 24)]
    with store.reader() as session:
        picked = meeting_versions(session, ids)
    messages = _problems(store, lambda s: record_notice(s, picked, date(2031, 6, 20)))
    assert "1 of the meetings picked is before that date" in messages["notice_sent_on"]
    assert "10/06/2031" in messages["notice_sent_on"]
    assert "Please give the date" in _problems(store, lambda s: record_notice(s, picked, None))["notice_sent_on"]
    with store.reader() as session:
        assert {get_meeting(session, i).notice_sent_on for i in ids} == {None}


def test_one_papers_date_for_several_meetings_in_each_persons_own_format(store):
    committee = add_committee(store)
    post, plain, done_before = add_person(store, papers_format="post"), add_person(store), add_person(store)
    ids = [add_meeting(store, committee, date(2031, 6, day)) for day in (10, 24)]
    for meeting in ids:
        add_invitations(store, meeting, [post, plain, done_before])
    with store.transaction() as session:
        row = session.scalars(select(Attendance).where(Attendance.meeting_id == ids[0],
                                                       Attendance.person_id == done_before)).one()
        row.papers_sent_on, row.papers_format = date(2031, 5, 1), "email"
    with store.transaction() as session:
        done = record_papers(session, meeting_versions(session, ids), date(2031, 6, 5), "large_print", "Late papers")
    assert done == PapersCount(meetings=2, people=5, already=1, changed_elsewhere=0)
    with store.reader() as session:
        first = {i.person_id: i for i in invitations(session, ids[0])}
        last = {i.person_id: i for i in invitations(session, ids[1])}
    assert (first[post].papers_sent_on, first[post].papers_format) == (date(2031, 6, 5), "post")
    assert first[plain].papers_format == "large_print" and first[plain].papers_reason == "Late papers"  # 5 days
    assert first[done_before].papers_sent_on == date(2031, 5, 1)
    assert last[plain].papers_reason is None  # 19 days: on time


# ------------------------------------------------------------------------------------------- people to a committee


def test_several_people_are_added_to_a_committee_skipping_those_already_members(store):
    committee = add_committee(store, "Carers Forum")
    member, new1, new2, gone = (add_person(store) for _ in range(4))
    add_membership(store, member, committee, date(2026, 1, 1))
    with store.transaction() as session:
        delete_person(session, gone)
    with store.transaction() as session:
        result = add_people_to_committee(session, [member, new1, new2, gone, new1], committee, date(2026, 4, 1))
    assert result == MembersAdded(added=2, already=1, missing=1)
    assert describe_added(result, "Carers Forum") == (
        "Added 2 people to Carers Forum. 1 was already a member, so was left as they were. "
        "1 could not be found (moved to the Bin meanwhile)."
    )
    with store.reader() as session:
        seats = person_memberships(session, new1)
        assert [(s.committee_id, s.term_start, s.term_end, s.is_backup) for s in seats] == [
            (committee, date(2026, 4, 1), None, False)]
        assert len(person_memberships(session, member)) == 1


def test_a_past_seat_does_not_count_as_already_a_member_and_the_term_is_checked(store):
    committee = add_committee(store)
    former = add_person(store)
    add_membership(store, former, committee, date(2020, 1, 1), date(2022, 12, 31))
    with store.transaction() as session:
        result = add_people_to_committee(session, [former], committee, date(2026, 4, 1), is_backup=True)
    assert result == MembersAdded(1, 0, 0)
    messages = _problems(store, lambda s: add_people_to_committee(s, [former], committee, date(2026, 4, 1),
                                                                  date(2026, 1, 1)))
    assert messages == {"term_end": "The term of office can't end before it starts."}
    messages = _problems(store, lambda s: add_people_to_committee(s, [], None, None))
    assert set(messages) == {"committee_id", "term_start", "person_ids"}


# ------------------------------------------------------------------------------------------- finding new meetings


def test_the_list_can_find_the_row_of_a_meeting_just_made_or_say_the_filter_hides_it(store):
    from partnerdesk.services.meetings.listing import MeetingFilter, meeting_row

    committee = add_committee(store)
    later, sooner = add_meeting(store, committee, date(2031, 7, 1)), add_meeting(store, None, date(2031, 6, 1))
    with store.reader() as session:
        assert meeting_row(session, MeetingFilter(), later) == 1
        assert meeting_row(session, MeetingFilter(descending=True), later) == 0
        assert meeting_row(session, MeetingFilter(committee_id=committee), later) == 0
        assert meeting_row(session, MeetingFilter(committee_id=committee), sooner) is None
