"""The expenses list: filter claims by person, status, budget heading, kind of line, dates and words; sort; page.

Plain rows (no ORM objects) read from the claims table, whose total, line count and missing receipts are kept up to
date by services.claim_totals, so fifty thousand claims filter at typing speed without adding up lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.records import BudgetHeading, Claim, Meeting, Person
from partnerdesk.rules.expenses import category_bit
from partnerdesk.services.meetings_list import contains_text, search_words
from partnerdesk.services.people_list import people_named

#: The columns the list can show, in order: key → heading.
COLUMNS = {
    "claim_date": "Date",
    "person": "Person",
    "status": "Status",
    "total": "Total",
    "heading": "Budget heading",
    "programme": "Programme",
    "receipts_missing": "Receipts missing",
}

_c, _p, _h, _m = (t.__table__ for t in (Claim, Person, BudgetHeading, Meeting))


@dataclass(frozen=True)
class ClaimFilter:
    """What the worker has asked the list to show. Dates are claim dates, both ends included."""

    search: str = ""  # words starting a word of the person's details, or in the programme or the notes
    person_id: str | None = None
    statuses: tuple[str, ...] = ()  # empty: every status
    budget_heading_id: str | None = None
    category: str | None = None  # claims with at least one line of this kind
    meeting_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    receipts_missing_only: bool = False
    in_bin: bool = False
    sort: str = "claim_date"
    descending: bool = True  # newest first


def where_claims(flt: ClaimFilter, dialect: str = "sqlite"):
    """The filter as a condition on claims (for lists, counts and totals)."""
    conditions = [_c.c.deleted_at.is_not(None) if flt.in_bin else _c.c.deleted_at.is_(None)]
    if flt.person_id:
        conditions.append(_c.c.person_id == flt.person_id)
    if flt.statuses:
        conditions.append(_c.c.status.in_(flt.statuses))
    if flt.budget_heading_id:
        conditions.append(_c.c.budget_heading_id == flt.budget_heading_id)
    if flt.meeting_id:
        conditions.append(_c.c.meeting_id == flt.meeting_id)
    if flt.date_from:
        conditions.append(_c.c.claim_date >= flt.date_from)
    if flt.date_to:
        conditions.append(_c.c.claim_date <= flt.date_to)
    if flt.receipts_missing_only:
        conditions.append(_c.c.receipts_missing > 0)
    if flt.category:
        bit = category_bit(flt.category)
        conditions.append(_c.c.category_mask.op("&")(bit) == bit)
    for word in search_words(flt.search):
        # People through their search index, then claims by person: quicker than looking at every claim's person.
        conditions.append(or_(_c.c.person_id.in_(people_named(word, dialect)),
                              contains_text(_c.c.programme, word, dialect), contains_text(_c.c.notes, word, dialect)))
    return and_(*conditions)


def _from():
    return (
        _c.join(_p, _p.c.id == _c.c.person_id)
        .outerjoin(_h, _h.c.id == _c.c.budget_heading_id)
        .outerjoin(_m, _m.c.id == _c.c.meeting_id)
    )


def _sort(sort: str):
    columns = {
        "claim_date": _c.c.claim_date,
        "person": func.lower(_p.c.full_name),
        "status": _c.c.status,
        "total": _c.c.total_pence,
        "heading": func.lower(_h.c.name),
        "programme": func.lower(_c.c.programme),
        "receipts_missing": _c.c.receipts_missing,
        "updated_at": _c.c.updated_at,
    }
    if sort not in columns:
        raise ValueError(f"Cannot sort claims by {sort!r}")
    return columns[sort]


def claims_summary(session: Session, flt: ClaimFilter) -> tuple[int, int]:
    """How many claims the filter matches and their total in pence, in one go (for the list's footer)."""
    # Claims alone, no joins: the filter only looks at the claims table, so this reads just an index.
    where = where_claims(flt, session.get_bind().dialect.name)
    stmt = select(func.count(), func.coalesce(func.sum(_c.c.total_pence), 0)).where(where)
    count, total = session.execute(stmt).one()
    return int(count), int(total)


def count_claims(session: Session, flt: ClaimFilter) -> int:
    """How many claims the filter matches."""
    return claims_summary(session, flt)[0]


def claims_total(session: Session, flt: ClaimFilter) -> int:
    """The claims the filter matches added up, in pence."""
    return claims_summary(session, flt)[1]


def claims_page(session: Session, flt: ClaimFilter, offset: int = 0, limit: int = 200) -> list:
    """One page of the list, sorted: named tuples with id, claim_date, person_id, person, status, total_pence,
    line_count, receipts_missing, budget_heading_id, heading, financial_year, programme, meeting, approved_at,
    paid_on, payment_reference."""
    order = _sort(flt.sort)
    order = order.desc() if flt.descending else order.asc()
    stmt = (
        select(
            _c.c.id, _c.c.claim_date, _c.c.person_id, _p.c.full_name.label("person"), _c.c.status, _c.c.total_pence,
            _c.c.line_count, _c.c.receipts_missing, _c.c.budget_heading_id, _h.c.name.label("heading"),
            _h.c.financial_year, _c.c.programme, _m.c.title.label("meeting"), _c.c.approved_at, _c.c.paid_on,
            _c.c.payment_reference,
        )
        .select_from(_from())
        .where(where_claims(flt, session.get_bind().dialect.name))
        .order_by(order, _c.c.claim_date.desc() if flt.descending else _c.c.claim_date, _c.c.id)
        .offset(offset)
        .limit(limit)
    )  # fmt: skip
    return list(session.execute(stmt))
