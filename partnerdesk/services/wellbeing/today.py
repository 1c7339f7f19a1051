"""The wellbeing and supervision part of the Today page: follow-ups due or overdue, supervision due within a week
or overdue, training running out within 30 days (or run out), and representatives who attended a meeting
yesterday or earlier with no debrief check yet. No confidential text is read.

Reads records.tables, not the record classes: Today is the first screen and must not wait for SQLAlchemy's ORM to
import (tests/unit/test_first_screen.py).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, and_, exists, func, select

from partnerdesk.records import tables
from partnerdesk.rules import roles
from partnerdesk.rules import wellbeing as rules
from partnerdesk.rules.meetings import LOOKBACK_DAYS, SERVING_KINDS, uk_date, uk_moment
from partnerdesk.services.common.access import allowed, own_only
from partnerdesk.services.wellbeing.supervision_due import SupervisionDue, supervision_status_list
from partnerdesk.services.wellbeing.training import TrainingStatus, training_expiring

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class FollowUpDue(NamedTuple):
    """A follow-up not done yet whose day has come: who, after which check, by whom and by when."""

    check_id: str
    person_id: str
    person_name: str
    checked_at: datetime  # UTC
    distress: bool
    follow_up_by: str | None
    follow_up_due_on: date
    follow_up_status: str  # "overdue" (show in red) or "due"


class MissingDebrief(NamedTuple):
    """A representative who attended a meeting and has no debrief check for it yet."""

    meeting_id: str
    meeting_title: str
    meeting_day: date
    person_id: str
    person_name: str


class WellbeingToday(NamedTuple):
    follow_ups: list[FollowUpDue]  # due today or overdue, oldest first
    supervision: list[SupervisionDue]  # status "overdue" or "due" (within 7 days), soonest due first
    training: list[TrainingStatus]  # "expiring" (within 30 days) or "expired" (in the last 90 days), soonest first
    missing_debriefs: list[MissingDebrief]  # meetings in the last LOOKBACK_DAYS days, oldest first


def follow_ups_due(session: Connection | Session, today: date, limit: int = 200) -> list[FollowUpDue]:
    """Follow-ups not done and due today or before (checks and people not in the Bin), most overdue first."""
    w, p = tables.wellbeing_checks, tables.people
    stmt = (
        select(w.c.id, w.c.person_id, p.c.full_name, w.c.checked_at, w.c.distress, w.c.follow_up_by,
               w.c.follow_up_due_on)
        .select_from(w.join(p, p.c.id == w.c.person_id))
        .where(
            w.c.follow_up_needed.is_(True), w.c.follow_up_done_on.is_(None), w.c.follow_up_due_on <= today,
            w.c.deleted_at.is_(None), p.c.deleted_at.is_(None),
        )
        .order_by(w.c.follow_up_due_on, w.c.checked_at, w.c.id)
        .limit(limit)
    )  # fmt: skip
    if (mine := own_only(roles.WELLBEING_READ)) is not None:
        stmt = stmt.where(w.c.created_by == mine)  # a volunteer follows up the checks they recorded
    return [
        FollowUpDue(cid, pid, name, at, bool(distress), by, due, rules.follow_up_status(today, due))
        for cid, pid, name, at, distress, by, due in session.execute(stmt)
    ]


def missing_debriefs(session: Connection | Session, today: date, limit: int = 200) -> list[MissingDebrief]:
    """Representatives recorded as attending a meeting (not a pre-meeting or debrief) that was yesterday or earlier,
    within LOOKBACK_DAYS, with no debrief check linked to that meeting. Oldest meeting first."""
    m, a, p, w = tables.meetings, tables.attendance, tables.people, tables.wellbeing_checks
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


def wellbeing_today(session: Connection | Session, today: date) -> WellbeingToday:
    """Everything about wellbeing, supervision and training that the Today page shows, as seen on the London date
    `today`. A role that may not see wellbeing (or supervision and training) gets none of those lines."""
    wellbeing, supervision = allowed(roles.WELLBEING_READ), allowed(roles.SUPERVISION_READ)
    return WellbeingToday(
        follow_ups_due(session, today) if wellbeing else [],
        supervision_status_list(session, today, ("overdue", "due")) if supervision else [],
        training_expiring(session, today) if supervision else [],
        missing_debriefs(session, today) if wellbeing else [],
    )
