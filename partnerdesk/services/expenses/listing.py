"""The expenses list: filter claims by person, status, budget heading, kind of line, dates and words; sort; page.

Plain rows (no ORM objects) read from the claims table, whose total, line count and missing receipts are kept up to
date by services.expenses.claim_totals, so fifty thousand claims filter at typing speed without adding up lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Integer, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from partnerdesk.i18n import N_
from partnerdesk.records import tables
from partnerdesk.rules.expenses import category_bit
from partnerdesk.services.common.search import contains_text, fts_query, search_terms, search_words
from partnerdesk.services.people.listing import people_named

#: The columns the list can show, in order: key → heading.
COLUMNS = {
    "claim_date": N_("Date"),
    "person": N_("Person"),
    "status": N_("Status"),
    "total": N_("Total"),
    "heading": N_("Budget heading"),
    "programme": N_("Programme"),
    "receipts_missing": N_("Receipts missing"),
}

_c, _p, _h, _m = tables.claims, tables.people, tables.budget_headings, tables.meetings


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
    conditions: list[ColumnElement[bool]] = [_c.c.deleted_at.is_not(None) if flt.in_bin else _c.c.deleted_at.is_(None)]
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
    # On SQLite the words are looked up in the search indexes, which hold letters and digits only ("o'brien" is
    # the two words o and brien there); elsewhere each typed word is looked for as it is.
    for word in search_terms(flt.search) if dialect == "sqlite" else search_words(flt.search):
        # Through the search indexes on SQLite: people by their details, claims by programme and notes.
        described: ColumnElement[bool]
        if dialect == "sqlite":
            described = literal_column("claims.rowid").in_(
                text("SELECT rowid FROM claims_search WHERE claims_search MATCH :q").bindparams(q=fts_query([word]))
                .columns(rowid=Integer())
            )
        else:
            described = or_(contains_text(_c.c.programme, word, dialect), contains_text(_c.c.notes, word, dialect))
        conditions.append(or_(_c.c.person_id.in_(people_named(word, dialect)), described))
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


def _sorted_ids(session: Session, where, flt: ClaimFilter) -> list[str]:
    """The matching claims' ids in list order, sorted here (see claims_page)."""
    rows = list(session.execute(select(_c.c.id, _sort(flt.sort), _c.c.claim_date).where(where)).all())

    def key(value):  # as the database orders: nothing first, and text without regard to capitals
        return (0, "") if value is None else (1, value.lower() if isinstance(value, str) else value)

    rows.sort(key=lambda row: row[0])  # ties keep the id order, as ORDER BY ..., id does
    rows.sort(key=lambda row: (key(row[1]), key(row[2])), reverse=flt.descending)
    return [row[0] for row in rows]


def claims_page(session: Session, flt: ClaimFilter, offset: int = 0, limit: int = 200) -> list:
    """One page of the list, sorted: named tuples with id, claim_date, person_id, person, status, total_pence,
    line_count, receipts_missing, budget_heading_id, heading, financial_year, programme, meeting, approved_at,
    paid_on, payment_reference."""
    order = _sort(flt.sort)
    order = order.desc() if flt.descending else order.asc()
    ordering = (order, _c.c.claim_date.desc() if flt.descending else _c.c.claim_date, _c.c.id)
    where = where_claims(flt, session.get_bind().dialect.name)
    columns = (
        _c.c.id, _c.c.claim_date, _c.c.person_id, _p.c.full_name.label("person"), _c.c.status, _c.c.total_pence,
        _c.c.line_count, _c.c.receipts_missing, _c.c.budget_heading_id, _h.c.name.label("heading"),
        _h.c.financial_year, _c.c.programme, _m.c.title.label("meeting"), _c.c.approved_at, _c.c.paid_on,
        _c.c.payment_reference,
    )  # fmt: skip
    if flt.sort in ("person", "heading"):  # the order needs the joined tables
        stmt = select(*columns).select_from(_from()).where(where).order_by(*ordering).offset(offset).limit(limit)
        return list(session.execute(stmt))
    if search_words(flt.search):
        # Words to find: SQLite would walk the claims in date order through an index, fetching every claim to look
        # for the words (over 100 ms at 50,000 claims). Reading them straight through and sorting the few that
        # match here takes a fifth of that.
        ids = _sorted_ids(session, where, flt)[offset : offset + limit]
        found = {row.id: row for row in session.execute(select(*columns).select_from(_from()).where(_c.c.id.in_(ids)))}
        return [found[claim_id] for claim_id in ids if claim_id in found]
    # The page is chosen from the claims alone, then only its rows are joined for their names: joined first, SQLite
    # could walk every person and their claims to find one page of a search (over 100 ms at 50,000 claims).
    page = select(_c.c.id).where(where).order_by(*ordering).offset(offset).limit(limit).subquery()
    stmt = select(*columns).select_from(_from().join(page, page.c.id == _c.c.id)).order_by(*ordering)
    return list(session.execute(stmt))
