"""The meetings part of the Today page: the next 14 days with what is due, overdue actions, and recent meetings
still missing attendance, minutes or a debrief.

Reads records.tables, not the record classes: Today is the first screen and must not wait for SQLAlchemy's
ORM to import. A few indexed queries (meetings by start time, attendance by meeting) keep it quick with ten years of
meetings; the judgements themselves are the pure rules in rules.meetings.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, and_, case, func, or_, select

from partnerdesk.records import tables
from partnerdesk.rules.meetings import (
    LOOKAHEAD_DAYS,
    LOOKBACK_DAYS,
    MeetingFacts,
    Task,
    gaps_after,
    periods_for,
    tasks_before,
    uk_date,
    uk_moment,
)
from partnerdesk.services.common.settings import default_periods

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_CHUNK = 500


class OverdueAction(NamedTuple):
    """An action past its due date and not done, for the Today page."""

    action_id: str
    meeting_id: str
    meeting_title: str
    description: str
    owner: str  # the person's name or the name typed in
    due_on: date


class TodayMeeting(NamedTuple):
    """A meeting on the Today page, with the tasks due before it (upcoming) or the gaps left after it (past)."""

    meeting_id: str
    title: str
    kind: str
    committee: str | None
    starts_at: datetime  # UTC; show with rules.dates.format_moment_uk
    ends_at: datetime
    mode: str
    venue: str | None
    tasks: list[Task]


class MeetingsToday(NamedTuple):
    """Everything about meetings that the Today page shows."""

    upcoming: list[TodayMeeting]  # every meeting from today for LOOKAHEAD_DAYS, soonest first, tasks may be empty
    overdue_actions: list[OverdueAction]  # most overdue first
    past_gaps: list[TodayMeeting]  # meetings in the last LOOKBACK_DAYS with something missing, oldest first


def overdue_actions(session: Connection | Session, today: date, limit: int = 200) -> list[OverdueAction]:
    """Actions not done whose due date has passed (on live meetings), most overdue first."""
    ac, m, p = tables.meeting_actions, tables.meetings, tables.people
    stmt = (
        select(ac.c.id, m.c.id, m.c.title, ac.c.description, p.c.full_name, ac.c.owner_name, ac.c.due_on)
        .select_from(ac.join(m, m.c.id == ac.c.meeting_id).outerjoin(p, p.c.id == ac.c.owner_person_id))
        .where(
            and_(
                ac.c.due_on < today,
                ac.c.done_on.is_(None),
                ac.c.deleted_at.is_(None),
                m.c.deleted_at.is_(None),
            )
        )
        .order_by(ac.c.due_on, ac.c.id)
        .limit(limit)
    )
    return [
        OverdueAction(aid, mid, title, text, person or name or "", due)
        for aid, mid, title, text, person, name, due in session.execute(stmt)
    ]


def _meetings_between(session: Connection | Session, start: datetime, end: datetime) -> list:
    m, c, o = tables.meetings, tables.committees, tables.organisations
    stmt = (
        select(
            m.c.id, m.c.title, m.c.kind, c.c.name.label("committee"), m.c.starts_at, m.c.ends_at, m.c.mode,
            m.c.venue, m.c.notice_sent_on, m.c.reminders_sent_on, m.c.minutes_sent_on,
            o.c.notice_days.label("own_notice_days"), o.c.papers_days.label("own_papers_days"),
        )
        .select_from(m.outerjoin(c, c.c.id == m.c.committee_id).outerjoin(o, o.c.id == c.c.organisation_id))
        .where(m.c.starts_at >= start, m.c.starts_at < end, m.c.cancelled.is_(False), m.c.deleted_at.is_(None))
        .order_by(m.c.starts_at, m.c.id)
    )  # fmt: skip
    return list(session.execute(stmt))


def _counts(session: Connection | Session, ids: list[str]) -> dict[str, dict[str, int]]:
    """Per meeting: invited, awaiting papers, apologies, back-ups standing in, attendance not recorded."""
    a = tables.attendance
    invited = a.c.invited.is_(True)
    not_apologies = or_(a.c.attendance.is_(None), a.c.attendance != "apologies")

    def total(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    columns = {
        "invited": total(invited),
        "awaiting_papers": total(and_(invited, not_apologies, a.c.papers_sent_on.is_(None))),
        "apologies": total(and_(invited, a.c.attendance == "apologies")),
        "backups_standing_in": total(
            and_(invited, a.c.is_backup.is_(True), or_(a.c.attendance.is_(None), a.c.attendance.not_in(
                ("apologies", "absent"))))
        ),
        "unrecorded": total(and_(invited, a.c.attendance.is_(None))),
    }  # fmt: skip
    found = {}
    for start in range(0, len(ids), _CHUNK):
        stmt = (
            select(a.c.meeting_id, *(col.label(key) for key, col in columns.items()))
            .where(a.c.meeting_id.in_(ids[start : start + _CHUNK]))
            .group_by(a.c.meeting_id)
        )
        for row in session.execute(stmt):
            found[row.meeting_id] = {key: int(getattr(row, key)) for key in columns}
    return found


def _support(session: Connection | Session, ids: list[str]) -> set[tuple[str, str]]:
    """(served meeting id, kind) for the live pre-meetings and debriefs arranged for these meetings."""
    m = tables.meetings
    found: set[tuple[str, str]] = set()
    for start in range(0, len(ids), _CHUNK):
        stmt = select(m.c.serves_meeting_id, m.c.kind).where(
            m.c.serves_meeting_id.in_(ids[start : start + _CHUNK]),
            m.c.cancelled.is_(False),
            m.c.deleted_at.is_(None),
        )
        found.update((row[0], row[1]) for row in session.execute(stmt))
    return found


def _facts(row, counts: dict[str, int], support: set[tuple[str, str]]) -> MeetingFacts:
    return MeetingFacts(
        kind=row.kind,
        day=uk_date(row.starts_at),
        notice_sent_on=row.notice_sent_on,
        reminders_sent_on=row.reminders_sent_on,
        minutes_sent_on=row.minutes_sent_on,
        has_pre_meeting=(row.id, "pre_meeting") in support,
        has_debrief=(row.id, "debrief") in support,
        **counts,
    )


def _entry(row, tasks: list[Task]) -> TodayMeeting:
    return TodayMeeting(
        row.id, row.title, row.kind, row.committee, row.starts_at, row.ends_at, row.mode, row.venue, tasks
    )


def today_meetings(session: Connection | Session, today: date, days: int = LOOKAHEAD_DAYS) -> MeetingsToday:
    """What the Today page shows about meetings, as seen on the London date `today`.

    upcoming: every meeting (not cancelled) from today to `days` days ahead, each with its tasks (send notice, send
    papers, arrange a pre-meeting, find a back-up, remind representatives of the time and date), each task with
    the last good day to do it. past_gaps: meetings in the last LOOKBACK_DAYS days missing attendance, minutes or a
    debrief. overdue_actions: actions past their due date and not done.
    """
    default = default_periods(session)
    window_start = uk_moment(today, time(0))  # midnight always exists in London: the clocks change at 1am
    window_end = uk_moment(today + timedelta(days=days + 1), time(0))
    upcoming_rows = _meetings_between(session, window_start, window_end)
    past_rows = _meetings_between(session, uk_moment(today - timedelta(days=LOOKBACK_DAYS), time(0)), window_start)
    ids = [row.id for row in upcoming_rows + past_rows]
    counts, support = _counts(session, ids), _support(session, ids)
    empty = {"invited": 0, "awaiting_papers": 0, "apologies": 0, "backups_standing_in": 0, "unrecorded": 0}

    upcoming = []
    for row in upcoming_rows:
        # Each meeting is held to its committee's organisation's own periods where it has them.
        periods = periods_for(default, row.own_notice_days, row.own_papers_days)
        facts = _facts(row, counts.get(row.id, empty), support)
        upcoming.append(_entry(row, tasks_before(facts, periods.notice_days, periods.papers_days)))
    past_gaps = []
    for row in past_rows:
        gaps = gaps_after(_facts(row, counts.get(row.id, empty), support))
        if gaps:
            past_gaps.append(_entry(row, gaps))
    return MeetingsToday(upcoming, overdue_actions(session, today), past_gaps)
