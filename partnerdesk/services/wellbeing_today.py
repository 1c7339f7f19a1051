"""The wellbeing and supervision part of the Today page: follow-ups due or overdue, supervision due within a week
or overdue, training running out within 30 days (or run out), and representatives who attended a meeting
yesterday or earlier with no debrief check yet. No confidential text is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from partnerdesk.records import Attendance, Meeting, Person, WellbeingCheck
from partnerdesk.rules.meetings import LOOKBACK_DAYS, SERVING_KINDS, uk_date, uk_moment
from partnerdesk.services.supervision_due import SupervisionDue, supervision_status_list
from partnerdesk.services.training import TrainingStatus, training_expiring
from partnerdesk.services.wellbeing_list import CheckSummary, summary_from, summary_select


@dataclass(frozen=True)
class MissingDebrief:
    """A representative who attended a meeting and has no debrief check for it yet."""

    meeting_id: str
    meeting_title: str
    meeting_day: date
    person_id: str
    person_name: str


@dataclass(frozen=True)
class WellbeingToday:
    follow_ups: list[CheckSummary]  # due today or overdue (follow_up_status "overdue": show in red), oldest first
    supervision: list[SupervisionDue]  # status "overdue" or "due" (within 7 days), soonest due first
    training: list[TrainingStatus]  # "expiring" (within 30 days) or "expired" (in the last 90 days), soonest first
    missing_debriefs: list[MissingDebrief]  # meetings in the last LOOKBACK_DAYS days, oldest first


def follow_ups_due(session: Session, today: date, limit: int = 200) -> list[CheckSummary]:
    """Follow-ups not done and due today or before, most overdue first."""
    w = WellbeingCheck.__table__
    stmt = (
        summary_select()
        .where(w.c.follow_up_needed.is_(True), w.c.follow_up_done_on.is_(None), w.c.follow_up_due_on <= today)
        .order_by(w.c.follow_up_due_on, w.c.checked_at, w.c.id)
        .limit(limit)
    )
    return [summary_from(row._mapping, today) for row in session.execute(stmt)]


def missing_debriefs(session: Session, today: date, limit: int = 200) -> list[MissingDebrief]:
    """Representatives recorded as attending a meeting (not a pre-meeting or debrief) that was yesterday or earlier,
    within LOOKBACK_DAYS, with no debrief check linked to that meeting. Oldest meeting first."""
    m, a, p, w = Meeting.__table__, Attendance.__table__, Person.__table__, WellbeingCheck.__table__
    checked = exists().where(
        and_(w.c.meeting_id == m.c.id, w.c.person_id == a.c.person_id, w.c.context == "debrief",
             w.c.deleted_at.is_(None))
    )  # fmt: skip
    stmt = (
        select(m.c.id, m.c.title, m.c.starts_at, p.c.id, p.c.full_name)
        .select_from(m.join(a, a.c.meeting_id == m.c.id).join(p, p.c.id == a.c.person_id))
        .where(
            m.c.starts_at >= uk_moment(today - timedelta(days=LOOKBACK_DAYS), time(0)),
            m.c.starts_at < uk_moment(today, time(0)),
            m.c.kind.not_in(SERVING_KINDS), m.c.cancelled.is_(False), m.c.deleted_at.is_(None),
            a.c.attendance == "attended", p.c.deleted_at.is_(None), ~checked,
        )
        .order_by(m.c.starts_at, m.c.id, func.lower(p.c.full_name))
        .limit(limit)
    )  # fmt: skip
    return [MissingDebrief(mid, title, uk_date(at), pid, name) for mid, title, at, pid, name in session.execute(stmt)]


def wellbeing_today(session: Session, today: date) -> WellbeingToday:
    """Everything about wellbeing, supervision and training that the Today page shows, as seen on the London date
    `today`."""
    return WellbeingToday(
        follow_ups_due(session, today),
        supervision_status_list(session, today, ("overdue", "due")),
        training_expiring(session, today),
        missing_debriefs(session, today),
    )
