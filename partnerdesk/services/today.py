"""What needs attention soon: the Today page's lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from partnerdesk.records import Committee, Membership, Organisation, Person
from partnerdesk.rules.reminders import consent_review_cutoff, term_ending_window


@dataclass(frozen=True)
class TermEnding:
    person_id: str
    person_name: str
    committee: str
    organisation: str
    term_end: date


@dataclass(frozen=True)
class ConsentReview:
    person_id: str
    person_name: str
    review_on: date


def terms_ending(session: Session, today: date, limit: int = 200) -> list[TermEnding]:
    """Terms of office ending in the next 60 days, soonest first."""
    start, end = term_ending_window(today)
    p, m, c, o = Person.__table__, Membership.__table__, Committee.__table__, Organisation.__table__
    stmt = (
        select(p.c.id, p.c.full_name, c.c.name, o.c.name, m.c.term_end)
        .select_from(m.join(p, p.c.id == m.c.person_id).join(c, c.c.id == m.c.committee_id).join(o))
        .where(
            and_(
                m.c.term_end.between(start, end),
                m.c.deleted_at.is_(None),
                p.c.deleted_at.is_(None),
                c.c.deleted_at.is_(None),
            )
        )
        .order_by(m.c.term_end, p.c.full_name)
        .limit(limit)
    )
    return [TermEnding(*row) for row in session.execute(stmt)]


def consent_reviews_due(session: Session, today: date, limit: int = 200) -> list[ConsentReview]:
    """People whose consent review is overdue or due within 30 days, most overdue first."""
    p = Person.__table__
    stmt = (
        select(p.c.id, p.c.full_name, p.c.consent_review_on)
        .where(
            and_(
                p.c.consent_review_on <= consent_review_cutoff(today),
                p.c.deleted_at.is_(None),
                p.c.status != "left",
            )
        )
        .order_by(p.c.consent_review_on, p.c.full_name)
        .limit(limit)
    )
    return [ConsentReview(*row) for row in session.execute(stmt)]
