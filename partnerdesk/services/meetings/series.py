"""A year ahead: a series of meetings made from one pattern (e.g. monthly on the second Tuesday, 10:00–12:00).

Creating a series creates its meetings at once. Each is then an ordinary meeting that remembers its series: move
or cancel one with services.meetings and the others are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.meetings import Meeting, MeetingSeries
from partnerdesk.rules.recurrence import Recurrence, describe_recurrence, meeting_dates, recurrence_problems
from partnerdesk.services.common.errors import NotFound, Problems
from partnerdesk.services.common.text import tidy
from partnerdesk.services.meetings.meetings import DETAIL_FIELDS, check_details, check_times

#: The pattern's fields (see rules.recurrence.Recurrence), plus the London start and end time of every meeting.
PATTERN_FIELDS = (
    "rule", "starts_on", "interval", "weekday", "week_of_month", "day_of_month", "count", "until",
    "start_time", "end_time",
)  # fmt: skip
#: Every field create_series takes: the pattern and the details every meeting gets.
SERIES_FIELDS = (*PATTERN_FIELDS, *DETAIL_FIELDS)


@dataclass(frozen=True)
class SeriesResult:
    """A new series and the meetings it made, in date order."""

    series: MeetingSeries
    meetings: list[Meeting]


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
    return SeriesResult(series, meetings)


def get_series(session: Session, series_id: str) -> MeetingSeries:
    """A series by id; raises NotFound."""
    series = session.get(MeetingSeries, series_id) if series_id else None
    if series is None:
        raise NotFound(_("That series of meetings could not be found."))
    return series


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
