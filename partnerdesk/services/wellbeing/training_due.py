"""Training running out soon, for the Today page, read through records.tables (no ORM: Today is the first
screen). TrainingStatus is shared with services.training, which works out everyone's training for the full list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, exists, func, select

from partnerdesk.records import tables
from partnerdesk.rules import supervision as rules
from partnerdesk.rules.meetings import LOOKBACK_DAYS
from partnerdesk.services.common.settings import get_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class TrainingStatus:
    """One person and one course: the latest completion and where it stands (rules.supervision.training_status)."""

    person_id: str
    person_name: str
    course_id: str
    course_name: str
    completed_on: date | None
    expires_on: date | None
    status: str  # "missing", "expired", "expiring" or "in date"
    record_id: str | None


def training_expiring(session: Connection | Session, today: date, limit: int = 200) -> list[TrainingStatus]:
    """For the Today page: training of people expected to do it that runs out within 30 days, or ran out in the
    last 90 days and has not been renewed; soonest expiry first.

    Found from the expiry index rather than by working out everyone's training, so it stays quick with thousands
    of people; "missing" training is on the training page (services.training.training_gaps), not on Today.
    """
    t, c, p, r = tables.training_records, tables.training_courses, tables.people, tables.person_roles
    later = t.alias("later")
    window = (today - timedelta(days=LOOKBACK_DAYS), today + timedelta(days=rules.EXPIRING_WINDOW_DAYS))
    renewed = exists().where(
        later.c.person_id == t.c.person_id, later.c.course_id == t.c.course_id, later.c.deleted_at.is_(None),
        later.c.completed_on > t.c.completed_on,
    )  # fmt: skip
    # EXISTS per record, by the roles' primary key: quicker than listing every person with the role.
    with_role = exists().where(r.c.person_id == t.c.person_id, r.c.role.in_(get_setting(session, "training_roles")))
    stmt = (
        select(p.c.id, p.c.full_name, c.c.id, c.c.name, t.c.completed_on, t.c.expires_on, c.c.renewal_months, t.c.id)
        .select_from(t.join(p, p.c.id == t.c.person_id).join(c, c.c.id == t.c.course_id))
        .where(
            t.c.expires_on.between(*window),
            t.c.deleted_at.is_(None), p.c.deleted_at.is_(None), c.c.deleted_at.is_(None), p.c.status != "left",
            with_role, ~renewed,
        )
        .order_by(t.c.expires_on, func.lower(p.c.full_name))
        .limit(limit)
    )  # fmt: skip
    return [
        TrainingStatus(pid, name, cid, course, done, expires, rules.training_status(today, done, months), rid)
        for pid, name, cid, course, done, expires, months, rid in session.execute(stmt)
    ]
