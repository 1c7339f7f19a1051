"""What needs attention soon: the Today page's lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import ColumnElement, Connection, Table, and_, exists, func, or_, select

from partnerdesk.records import tables
from partnerdesk.rules.reminders import consent_review_cutoff, term_ending_window

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class TermEnding(NamedTuple):
    person_id: str
    person_name: str
    committee: str
    organisation: str
    term_end: date


class ConsentReview(NamedTuple):
    person_id: str
    person_name: str
    review_on: date


def terms_ending(session: Connection | Session, today: date, limit: int = 200) -> list[TermEnding]:
    """Terms of office ending in the next 60 days, soonest first."""
    start, end = term_ending_window(today)
    p, m, c, o = tables.people, tables.memberships, tables.committees, tables.organisations
    stmt = (
        select(p.c.id, p.c.full_name, c.c.name, o.c.name, m.c.term_end)
        .select_from(
            m.join(p, p.c.id == m.c.person_id)
            .join(c, c.c.id == m.c.committee_id)
            .join(o, o.c.id == c.c.organisation_id)
        )
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


def still_consents(p: Table = tables.people) -> ColumnElement[bool]:
    """True for people who have not withdrawn consent, or gave it again after withdrawing it."""
    return or_(p.c.consent_withdrawn_on.is_(None),
               and_(p.c.consent_given_on.is_not(None), p.c.consent_given_on > p.c.consent_withdrawn_on))


def consent_reviews_due(session: Connection | Session, today: date, limit: int = 200) -> list[ConsentReview]:
    """People whose consent review is overdue or due within 30 days, most overdue first."""
    p = tables.people
    stmt = (
        select(p.c.id, p.c.full_name, p.c.consent_review_on)
        .where(
            and_(
                p.c.consent_review_on <= consent_review_cutoff(today),
                p.c.deleted_at.is_(None),
                p.c.status != "left",
                still_consents(p),  # nothing to review when they said no (services.people.consent)
            )
        )
        .order_by(p.c.consent_review_on, p.c.full_name)
        .limit(limit)
    )
    return [ConsentReview(*row) for row in session.execute(stmt)]


class RetentionReview(NamedTuple):
    """A person whose records the retention schedule asks someone to review: they left long ago (left_on: the day
    their record last changed), or old_checks wellbeing checks of theirs are older than the schedule keeps."""

    person_id: str
    person_name: str
    left_on: date | None
    old_checks: int


def retention_reviews(db: Connection | Session, today: date, left_years: int, check_years: int,
                      limit: int = 200) -> list[RetentionReview]:
    """People due for a retention review (the organisation's settings retention_left_years and
    retention_check_years), those who left first, longest ago first. Erased people's blank records are left out."""
    p, w = tables.people, tables.wellbeing_checks
    left_cutoff = datetime.combine(years_before(today, left_years), time(), UTC)
    check_cutoff = datetime.combine(years_before(today, check_years), time(), UTC)
    left = db.execute(
        select(p.c.id, p.c.full_name, p.c.updated_at)
        .where(p.c.status == "left", p.c.deleted_at.is_(None), p.c.updated_at < left_cutoff)
        .order_by(p.c.updated_at).limit(limit)
    ).all()
    found = {row.id: RetentionReview(row.id, row.full_name, row.updated_at.date(), 0) for row in left}
    # From the checks' date index first, and only then the people concerned: Today must not read every person.
    counts: dict[str, int] = dict(db.execute(
        select(w.c.person_id, func.count())
        .where(w.c.checked_at < check_cutoff, w.c.deleted_at.is_(None))
        .group_by(w.c.person_id).limit(limit)
    ).all())
    if counts:
        named = db.execute(select(p.c.id, p.c.full_name).where(p.c.id.in_(list(counts)), p.c.deleted_at.is_(None))
                           .order_by(p.c.full_name)).all()  # fmt: skip
        for person_id, name in named:
            before = found.get(person_id)
            found[person_id] = RetentionReview(person_id, name, before.left_on if before else None, counts[person_id])
    return list(found.values())[:limit]


def years_before(day: date, years: int) -> date:
    """The same day years earlier (28 February for 29 February in a year that has none)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def has_people(session: Connection | Session) -> bool:
    """Whether anyone is in PartnerDesk (not counting the Bin): the Today page welcomes a brand-new database.

    Asks whether one such person exists rather than counting them all (4 ms with 10,000 people, at every start)."""
    p = tables.people
    return session.execute(select(exists().where(p.c.deleted_at.is_(None)))).scalar_one()
