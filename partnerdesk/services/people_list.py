"""The People list: search, filter, sort and page through people without loading them all.

Works on plain rows (no ORM objects) so a list of 100,000 people opens and filters instantly: the list model asks
for a count, then for pages of rows as they scroll into view.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, or_, select, text
from sqlalchemy.orm import Session

from partnerdesk.records import Membership, Person, PersonRole
from partnerdesk.rules.contact import phone_digits

#: The columns the list can show, in order: key → heading.
COLUMNS = {
    "name": "Name",
    "roles": "Roles",
    "status": "Status",
    "email": "Email",
    "phone": "Phone",
    "postcode": "Postcode",
    "updated_at": "Last changed",
}

_people = Person.__table__
_roles = PersonRole.__table__
_members = Membership.__table__


@dataclass(frozen=True)
class PeopleFilter:
    """What the worker has asked the list to show."""

    search: str = ""
    role: str | None = None
    status: str | None = None
    committee_id: str | None = None
    in_bin: bool = False
    sort: str = "name"
    descending: bool = False


def search_terms(text_typed: str) -> list[str]:
    """The words to look for: letters and digits only, so stray quotes or symbols can't break the search.

    Split and lowered the way the search index does it: "_" separates words, and lower() rather than casefold()
    so "Weiß" stays "weiß" (casefold would make it "weiss", which the index never holds).
    """
    return re.findall(r"[^\W_]+", text_typed.lower())


def _fts_query(terms: list[str]) -> str:
    # Every word must match the start of a word in the person's details ("jo sm" finds "Joanna Smith").
    return " ".join(f'"{term}"*' for term in terms)


def _sort_expression(sort: str, dialect: str):
    if sort == "name":
        column = _people.c.full_name
        return column.collate("NOCASE") if dialect == "sqlite" else func.lower(column)
    if sort in ("status", "email", "phone", "postcode", "updated_at"):
        return _people.c[sort]
    if sort == "roles":
        return _roles_expression()
    raise ValueError(f"Cannot sort people by {sort!r}")


def _roles_expression():
    return select(func.group_concat(_roles.c.role, ",")).where(_roles.c.person_id == _people.c.id).scalar_subquery()


def _where(flt: PeopleFilter, dialect: str):
    conditions = [_people.c.deleted_at.is_not(None) if flt.in_bin else _people.c.deleted_at.is_(None)]
    terms = search_terms(flt.search)
    if terms:
        if dialect == "sqlite":
            matches = text("SELECT person_id FROM people_search WHERE people_search MATCH :q").bindparams(
                q=_fts_query(terms)
            )
            conditions.append(_people.c.id.in_(matches.columns(person_id=_people.c.id.type)))
        else:  # other databases: slower substring search over the same fields
            for term in terms:
                like = f"%{term}%"
                conditions.append(
                    or_(
                        *(func.lower(_people.c[name]).like(like) for name in ("full_name", "preferred_name", "email")),
                        func.replace(_people.c.phone, " ", "").like(f"%{phone_digits(term) or term}%"),
                        func.lower(func.replace(_people.c.postcode, " ", "")).like(like),
                    )
                )
    if flt.status:
        conditions.append(_people.c.status == flt.status)
    if flt.role:
        conditions.append(exists().where(and_(_roles.c.person_id == _people.c.id, _roles.c.role == flt.role)))
    if flt.committee_id:
        conditions.append(
            exists().where(
                and_(
                    _members.c.person_id == _people.c.id,
                    _members.c.committee_id == flt.committee_id,
                    _members.c.deleted_at.is_(None),
                )
            )
        )
    return and_(*conditions)


def count_people(session: Session, flt: PeopleFilter) -> int:
    """How many people the filter matches."""
    dialect = session.get_bind().dialect.name
    return session.execute(select(func.count()).select_from(_people).where(_where(flt, dialect))).scalar_one()


def people_query(flt: PeopleFilter, dialect: str) -> Select:
    """The rows of the list, sorted, as a statement that can be paged with offset/limit."""
    order = _sort_expression(flt.sort, dialect)
    order = order.desc() if flt.descending else order.asc()
    return (
        select(
            _people.c.id,
            _people.c.full_name,
            _people.c.preferred_name,
            _roles_expression().label("roles"),
            _people.c.status,
            _people.c.email,
            _people.c.phone,
            _people.c.postcode,
            _people.c.updated_at,
        )
        .where(_where(flt, dialect))
        .order_by(order, _people.c.id)
    )


def people_page(session: Session, flt: PeopleFilter, offset: int, limit: int) -> list:
    """One page of list rows (named tuples with the columns of people_query)."""
    dialect = session.get_bind().dialect.name
    return list(session.execute(people_query(flt, dialect).offset(offset).limit(limit)))


def role_codes(roles_text: str | None) -> list[str]:
    """The role codes in a row's comma-joined roles value."""
    return [code for code in (roles_text or "").split(",") if code]
