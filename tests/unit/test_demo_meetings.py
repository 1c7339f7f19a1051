"""Demo meetings: right counts, repeatable, realistic, and every record one the meeting services would accept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from partnerdesk.demo.build import fill_demo
from partnerdesk.demo.common import DEMO_USER
from partnerdesk.records.meetings import Attendance, Meeting, MeetingAction, MeetingSeries
from partnerdesk.records.people import Committee, Person
from partnerdesk.rules.meetings import uk_date, uk_times
from partnerdesk.rules.recurrence import Recurrence, meeting_dates
from partnerdesk.services.meetings.actions import ACTION_FIELDS, clean_action
from partnerdesk.services.meetings.attendance import record_attendance, record_papers_sent, seat_holders
from partnerdesk.services.meetings.checks import compliance_for_meetings, set_committee_quorum
from partnerdesk.services.meetings.meetings import clean_meeting, meeting_data
from partnerdesk.services.meetings.today import today_meetings
from tests.builders import new_store

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One demo database for the read-only tests here (filling it is the slow part)."""
    store = new_store(tmp_path_factory.mktemp("demo-meetings"))
    summary = fill_demo(store, people=300, seed=3, today=TODAY)
    yield store, summary
    store.close()


def _count(session, record) -> int:
    return session.execute(select(func.count()).select_from(record)).scalar_one()


def _snapshot(store) -> dict[str, list]:
    with store.reader() as session:
        return {
            "meetings": sorted(session.execute(select(Meeting.id, Meeting.starts_at, Meeting.notice_sent_on))),
            "attendance": sorted(session.execute(select(Attendance.id, Attendance.person_id, Attendance.attendance))),
            "actions": sorted(session.execute(select(MeetingAction.id, MeetingAction.due_on, MeetingAction.done_on))),
        }


def test_counts_match_the_summary(demo):
    store, summary = demo
    assert summary.meetings > 0 and summary.attendance > 0 and summary.actions > 0
    with store.reader() as session:
        assert _count(session, Meeting) == summary.meetings
        assert _count(session, Attendance) == summary.attendance
        assert _count(session, MeetingAction) == summary.actions
        # One year of monthly meetings: a series of 12 for each committee.
        assert _count(session, MeetingSeries) == summary.committees
        for record in (Meeting, Attendance, MeetingAction, MeetingSeries):
            assert set(session.scalars(select(record.created_by))) == {DEMO_USER}


def test_the_same_seed_gives_the_same_meetings_and_another_seed_does_not(tmp_path):
    stores = [new_store(tmp_path, f"{n}.sqlite3") for n in range(3)]
    try:
        for store, seed in zip(stores, (7, 7, 8), strict=True):
            fill_demo(store, people=120, seed=seed, today=TODAY)
        first, again, other = (_snapshot(store) for store in stores)
        assert first == again
        assert first["meetings"] != other["meetings"]
    finally:
        for store in stores:
            store.close()


def test_adds_meetings_to_a_database_that_already_has_some(store):
    one = fill_demo(store, people=80, seed=1, today=TODAY)
    two = fill_demo(store, people=80, seed=2, today=TODAY)
    with store.reader() as session:
        assert _count(session, Meeting) == one.meetings + two.meetings
        assert _count(session, Attendance) == one.attendance + two.attendance


def test_a_year_of_monthly_meetings_from_six_months_back(demo):
    store, _ = demo
    with store.reader() as session:
        for series in session.scalars(select(MeetingSeries)):
            pattern = Recurrence(
                series.rule, series.starts_on, series.interval, series.weekday, series.week_of_month,
                series.day_of_month, series.count, series.until,
            )  # fmt: skip
            meetings = list(session.scalars(select(Meeting).where(Meeting.series_id == series.id)))
            where = sorted(uk_date(m.moved_from or m.starts_at) for m in meetings)
            assert where == meeting_dates(pattern)
            assert all(uk_times(m.starts_at, m.ends_at)[1:] == (series.start_time, series.end_time) for m in meetings)
        starts = session.scalars(select(Meeting.starts_at).where(Meeting.kind == "committee"))
        days = [uk_date(moment) for moment in starts]
        # From the month six months back to the month before the one six months ahead: twelve months in all.
        assert TODAY - timedelta(days=215) < min(days) < TODAY - timedelta(days=150)
        assert TODAY + timedelta(days=120) < max(days) < TODAY + timedelta(days=190)


def test_past_meetings_look_like_a_real_record(demo):
    store, _ = demo
    with store.reader() as session:
        ids = list(session.scalars(select(Meeting.id).where(Meeting.kind == "committee", Meeting.cancelled.is_(False))))
        found = compliance_for_meetings(session, ids)
        past = [c for c in found.values() if c.day < TODAY - timedelta(days=10)]
        assert len(past) > 50
        assert all(c.invited > 0 and c.unrecorded == 0 for c in past)
        assert sum(c.attended for c in past) > 2 * sum(c.apologies + c.absent + c.sent_views for c in past)
        assert sum(c.apologies for c in past) and sum(c.absent for c in past) and sum(c.sent_views for c in past)
        assert 0 < sum(bool(c.notice_late) for c in past) < len(past) / 3
        assert 0 < sum(c.quorate is False for c in past) < sum(c.quorate is True for c in past)
        sent = sum(c.papers_sent for c in past)
        assert 0 < sum(c.format_missed for c in past) < sent / 10
        assert 0 < sum(c.papers_late for c in past) < sent / 4
        minuted = session.scalars(select(Meeting.minutes_sent_on).where(Meeting.id.in_([c.meeting_id for c in past])))
        minutes = list(minuted)
        assert 0 < minutes.count(None) < len(minutes) / 3
        kinds = set(session.scalars(select(Meeting.kind).where(Meeting.serves_meeting_id.is_not(None))))
        assert kinds == {"pre_meeting", "debrief"}
        actions = list(session.execute(select(MeetingAction.due_on, MeetingAction.done_on)))
        assert any(done is not None for _, done in actions)
        assert any(done is None and due < TODAY for due, done in actions)


def test_future_meetings_have_invitations_and_some_notice(demo):
    store, _ = demo
    with store.reader() as session:
        ids = list(session.scalars(select(Meeting.id).where(Meeting.kind == "committee", Meeting.cancelled.is_(False))))
        future = [c for c in compliance_for_meetings(session, ids).values() if c.day > TODAY]
        assert future and all(c.invited > 0 and c.attended == 0 and c.absent == 0 for c in future)
        assert 0 < sum(c.notice_days is not None for c in future) < len(future)


def test_the_today_page_has_something_to_do(demo):
    store, _ = demo
    with store.reader() as session:
        page = today_meetings(session, TODAY)
    assert page.upcoming and any(meeting.tasks for meeting in page.upcoming)
    assert page.past_gaps and page.overdue_actions


def test_invited_people_hold_a_seat_on_the_day(demo):
    store, _ = demo
    with store.reader() as session:
        rows = session.execute(
            select(Meeting.id, Meeting.committee_id, Meeting.starts_at, Attendance.person_id, Attendance.is_backup)
            .join(Attendance, Attendance.meeting_id == Meeting.id)
            .where(Meeting.kind == "committee")
        )
        seats: dict[tuple, tuple[set, set]] = {}
        for _, committee_id, starts_at, person_id, is_backup in rows:
            key = (committee_id, uk_date(starts_at))
            if key not in seats:
                seats[key] = (set(seat_holders(session, *key)), set(seat_holders(session, *key, backups=True)))
            assert person_id in seats[key][is_backup]


def test_every_demo_record_passes_the_service_checks(demo):
    store, summary = demo
    session = store.reader()
    try:
        for committee in session.scalars(select(Committee)):
            set_committee_quorum(
                session, committee.id, committee.quorum_number, committee.quorum_numerator,
                committee.quorum_denominator, on=TODAY,
            )  # fmt: skip
        meetings = list(session.scalars(select(Meeting)))
        assert len(meetings) == summary.meetings
        for meeting in meetings:
            clean = clean_meeting(session, meeting_data(meeting), meeting.id)
            assert (clean["starts_at"], clean["ends_at"]) == (meeting.starts_at, meeting.ends_at)
            assert clean["committee_id"] == meeting.committee_id
            assert meeting.cancelled == bool(meeting.cancel_reason)
        for row in list(session.scalars(select(Attendance))):
            values = (row.meeting_id, row.person_id)
            papers = (row.papers_sent_on, row.papers_format, row.papers_reason)
            record_attendance(session, *values, row.attendance, today=TODAY)
            record_papers_sent(session, *values, *papers)
            assert row.invited
        for action in session.scalars(select(MeetingAction)):
            clean_action(session, {field: getattr(action, field) for field in ACTION_FIELDS})
            assert action.done_on is None or uk_date(action.meeting.starts_at) < action.done_on <= TODAY
        people = session.scalars(select(func.count()).select_from(Person).where(Person.deleted_at.is_not(None)))
        assert people.one() == 0
    finally:
        session.rollback()
        session.close()
