"""A year ahead: a series of meetings made from one pattern (e.g. monthly on the second Tuesday, 10:00–12:00).

Creating a series creates its meetings at once. Each is then an ordinary meeting that remembers its series: move
or cancel one with services.meetings and the others are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.meetings import Meeting, MeetingSeries
from partnerdesk.rules.recurrence import Recurrence, describe_recurrence, meeting_dates, recurrence_problems
from partnerdesk.services.common.errors import Problems
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.common.text import tidy
from partnerdesk.services.meetings.committee_invites import InviteCount, invite_members
from partnerdesk.services.meetings.meetings import (
    DETAIL_FIELDS,
    check_details,
    check_times,
    create_meeting,
    meeting_data,
)

#: The pattern's fields (see rules.recurrence.Recurrence), plus the London start and end time of every meeting.
PATTERN_FIELDS = (
    "rule", "starts_on", "interval", "weekday", "week_of_month", "day_of_month", "count", "until",
    "start_time", "end_time",
)  # fmt: skip
#: Every field create_series takes: the pattern and the details every meeting gets.
SERIES_FIELDS = (*PATTERN_FIELDS, *DETAIL_FIELDS)


@dataclass(frozen=True)
class SeriesResult:
    """A new series and the meetings it made, in date order, and who was invited to them (None when the setting
    "invite_series_members" is off)."""

    series: MeetingSeries
    meetings: list[Meeting]
    invited: InviteCount | None = None


def _invite_if_wanted(session: Session, meetings: list[Meeting]) -> InviteCount | None:
    """Invite the committee's members to new meetings of a series, if the organisation has asked for that."""
    if not get_setting(session, "invite_series_members"):
        return None
    return invite_members(session, meetings)


def _recurrence(out: dict[str, Any]) -> Recurrence:
    return Recurrence(
        rule=out["rule"],
        starts_on=out["starts_on"],
        interval=1 if out["interval"] is None else out["interval"],
        weekday=out["weekday"],
        week_of_month=out["week_of_month"],
        day_of_month=out["day_of_month"],
        count=out["count"],
        until=out["until"],
    )


def series_dates_preview(data: dict[str, Any]) -> tuple[list, str]:
    """The London dates a pattern would give and the pattern in words, without saving anything (for the form).

    Raises ValidationError (messages by field) if the pattern can't be used.
    """
    out = tidy(data, SERIES_FIELDS, "series")
    problems = Problems()
    recurrence = _recurrence(out)
    for field, message in recurrence_problems(recurrence).items():
        problems.add(field, message)
    problems.raise_if_any()
    return meeting_dates(recurrence), describe_recurrence(recurrence)


def create_series(session: Session, data: dict[str, Any]) -> SeriesResult:
    """Make a series and all its meetings. data holds SERIES_FIELDS: the pattern, the London start and end time,
    and the meeting details every meeting gets (kind, committee_id, title, mode, venue, contact…).

    An impossible pattern (a fifth Tuesday, the 31st, a count of 0, an end before the start, a time the clocks skip
    on one of the dates) raises ValidationError by field, and nothing is saved.
    """
    out = tidy(data, SERIES_FIELDS, "series")
    problems = Problems()
    check_details(session, out, problems)
    if out["kind"] in ("pre_meeting", "debrief"):
        problems.add("kind", _("Pre-meetings and debriefs are arranged one at a time, for the meeting they serve."))
    recurrence = _recurrence(out)
    for field, message in recurrence_problems(recurrence).items():
        problems.add(field, message)
    slots = []
    check_times(problems, None, out["start_time"], out["end_time"])  # the times themselves
    if not problems.messages:
        for day in meeting_dates(recurrence):
            moments = check_times(problems, day, out["start_time"], out["end_time"])  # a clock change that day?
            if moments is None:
                break
            slots.append(moments)
    problems.raise_if_any()

    series = MeetingSeries(
        committee_id=out["committee_id"],
        kind=out["kind"],
        title=out["title"],
        rule=recurrence.rule,
        interval=recurrence.interval,
        weekday=recurrence.weekday,
        week_of_month=recurrence.week_of_month,
        day_of_month=recurrence.day_of_month,
        starts_on=recurrence.starts_on,
        start_time=out["start_time"],
        end_time=out["end_time"],
        count=recurrence.count,
        until=recurrence.until,
    )
    session.add(series)
    session.flush()
    details = {key: out[key] for key in DETAIL_FIELDS}
    meetings = [Meeting(series_id=series.id, starts_at=start, ends_at=end, **details) for start, end in slots]
    session.add_all(meetings)
    session.flush()
    return SeriesResult(series, meetings, _invite_if_wanted(session, meetings))


def add_to_series(
    session: Session, series_id: str, day: date, start_time: time | None = None, end_time: time | None = None
) -> SeriesResult:
    """Add one more meeting to a series on a London date (an extra meeting, or a year carried on), with the
    series' times unless others are given and the details of its latest meeting (venue, contact, notes…).

    Returns the series and the one new meeting; its committee's members are invited if the setting
    "invite_series_members" is on. Raises ValidationError (by field) like create_meeting.
    """
    series = get_series(session, series_id)
    latest = series_meetings(session, series_id)
    details: dict[str, Any] = meeting_data(latest[-1]) if latest else {
        "kind": series.kind, "committee_id": series.committee_id, "title": series.title, "mode": "in_person"}
    for key in ("notice_sent_on", "notice_reason", "papers_received_on", "papers_reason", "reminders_sent_on",
                "minutes_sent_on", "serves_meeting_id"):
        details.pop(key, None)  # what happened for another meeting is not this one's
    details.update(date=day, start_time=start_time or series.start_time, end_time=end_time or series.end_time)
    meeting = create_meeting(session, details)
    meeting.series_id = series.id
    session.flush()
    return SeriesResult(series, [meeting], _invite_if_wanted(session, [meeting]))


def get_series(session: Session, series_id: str) -> MeetingSeries:
    """A series by id; raises NotFound."""
    return found(session, MeetingSeries, series_id, _("That series of meetings could not be found."))


def series_recurrence(series: MeetingSeries) -> Recurrence:
    """A saved series' pattern, for describe_recurrence or to show in a form."""
    return Recurrence(
        rule=series.rule,
        starts_on=series.starts_on,
        interval=series.interval,
        weekday=series.weekday,
        week_of_month=series.week_of_month,
        day_of_month=series.day_of_month,
        count=series.count,
        until=series.until,
    )


def series_meetings(session: Session, series_id: str, include_bin: bool = False) -> list[Meeting]:
    """The meetings of a series (moved and cancelled ones included), earliest first."""
    stmt = select(Meeting).where(Meeting.series_id == series_id).order_by(Meeting.starts_at)
    if not include_bin:
        stmt = stmt.where(Meeting.deleted_at.is_(None))
    return list(session.scalars(stmt))
