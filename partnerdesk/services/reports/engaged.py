"""Who the return counts: the people engaged in a period, and the representatives active or new in it.

Engaged means taking part, not merely being on the list: a person (not in the Bin) who in the period attended a
meeting or sent views to it, had a wellbeing check, made an expense claim (not rejected or void) or was supervised.
"""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import and_, case, exists, func, or_, select, union
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.rules.expenses import LIVE
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.reports.lines import Period

#: The roles that make someone a representative (records.vocab.ROLES).
REPRESENTATIVE_ROLES = ("service_user_rep", "carer_rep", "backup_rep")
#: What the return counts as taking part in a meeting (records.vocab.ATTENDANCE).
TOOK_PART = ("attended", "sent_views")

_p, _m, _a = tables.people, tables.meetings, tables.attendance


def engaged_ids(period: Period):
    """A select of the ids of people engaged in the period (see the module's note), each once."""
    start = uk_moment(period.date_from, time(0))
    end = uk_moment(period.date_to + timedelta(days=1), time(0))
    w, c = tables.wellbeing_checks, tables.claims
    s, sa = tables.supervision_sessions, tables.supervision_attendees
    meetings = (
        select(_a.c.person_id)
        .select_from(_a.join(_m, _m.c.id == _a.c.meeting_id))
        .where(_a.c.attendance.in_(TOOK_PART), _m.c.deleted_at.is_(None), _m.c.cancelled.is_(False),
               _m.c.starts_at >= start, _m.c.starts_at < end)
    )  # fmt: skip
    checks = select(w.c.person_id).where(w.c.deleted_at.is_(None), w.c.checked_at >= start, w.c.checked_at < end)
    claims = select(c.c.person_id).where(
        c.c.deleted_at.is_(None), c.c.status.in_(LIVE), c.c.claim_date.between(period.date_from, period.date_to)
    )
    supervised = (
        select(sa.c.person_id)
        .select_from(sa.join(s, s.c.id == sa.c.session_id))
        .where(s.c.deleted_at.is_(None), s.c.held_on.between(period.date_from, period.date_to))
    )
    anyone = union(meetings, checks, claims, supervised).subquery()
    return select(_p.c.id).where(_p.c.deleted_at.is_(None), _p.c.id.in_(select(anyone.c[0])))


def count_engaged(session: Session, period: Period) -> int:
    """How many people were engaged in the period."""
    return session.execute(select(func.count()).select_from(engaged_ids(period).subquery())).scalar_one()


def representative_counts(session: Session, period: Period) -> tuple[int, int]:
    """(active, new) representatives: people with a representative role holding a committee seat (full or back-up)
    at some time in the period, and those whose first seat ever began in the period."""
    m, r = tables.memberships, tables.person_roles
    overlaps = and_(m.c.term_start <= period.date_to, or_(m.c.term_end.is_(None), m.c.term_end >= period.date_from))
    # Each person's seats summed up in one pass, in the order of an index that holds everything asked for: whether
    # any seat overlaps the period, and when the first began. Only then is each seat-holder checked for a
    # representative role (by the roles' own key) and against the few people in the Bin: checking every seat before
    # summing up took a fifth longer at 100,000 people.
    each = (
        select(m.c.person_id, func.max(case((overlaps, 1), else_=0)).label("active"),
               func.min(m.c.term_start).label("first"))
        .where(m.c.deleted_at.is_(None))
        .group_by(m.c.person_id)
    ).subquery()  # fmt: skip
    representative = exists().where(r.c.person_id == each.c.person_id, r.c.role.in_(REPRESENTATIVE_ROLES))
    counts = select(
        func.count(case((each.c.active == 1, 1))),
        func.count(case((each.c.first.between(period.date_from, period.date_to), 1))),
    ).where(representative, each.c.person_id.not_in(select(_p.c.id).where(_p.c.deleted_at.is_not(None))))
    active, new = session.execute(counts).one()
    return active, new
