"""The People list: search, filter, sort and page through people without loading them all.

Works on plain rows (no ORM objects) so a list of 100,000 people opens and filters instantly: the list model asks
for a count, then for pages of rows as they scroll into view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, and_, exists, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_
from partnerdesk.records import tables
from partnerdesk.rules.contact import phone_digits
from partnerdesk.services.common.lookup import raw_rows
from partnerdesk.services.common.removal import REMOVED_NAME
from partnerdesk.services.common.search import fts_query, search_terms

#: The columns the list can show, in order: key → heading.
COLUMNS = {
    "name": N_("Name"),
    "roles": N_("Roles"),
    "status": N_("Status"),
    "email": N_("Email"),
    "phone": N_("Phone"),
    "postcode": N_("Postcode"),
    "updated_at": N_("Last changed"),
}

_people = tables.people
_roles = tables.person_roles
_members = tables.memberships


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


def row_key(dialect: str):
    """The cheapest unique handle on a person's row: SQLite's row number, or the id elsewhere."""
    return literal_column("people.rowid") if dialect == "sqlite" else _people.c.id


def _in_bin(flt: PeopleFilter):
    if flt.in_bin:  # an erased person's blank record, kept for their claims, is nobody to restore
        return and_(_people.c.deleted_at.is_not(None), _people.c.full_name != REMOVED_NAME)
    return _people.c.deleted_at.is_(None)


def _fts_keys(terms: list[str]):
    """Row numbers of people whose details match every search word (SQLite's full-text index)."""
    return text("SELECT rowid FROM people_search WHERE people_search MATCH :q").bindparams(q=fts_query(terms))


def people_named(word: str, dialect: str):
    """A query for the ids of people whose details have a word starting with `word` (SQLite's search index; give
    one of search_terms), or whose name contains it (other databases), for searching other lists by person."""
    if dialect == "sqlite":
        keys = _fts_keys([word]).columns(rowid=Integer())  # word: one of search_terms
        return select(_people.c.id).where(row_key(dialect).in_(keys))
    return select(_people.c.id).where(func.lower(_people.c.full_name).contains(word.lower(), autoescape=True))


def _narrowing(flt: PeopleFilter, dialect: str) -> list:
    """The conditions of the search and filters, apart from which side of the Bin people are on."""
    conditions = []
    terms = search_terms(flt.search)
    if terms:
        if dialect == "sqlite":
            conditions.append(row_key(dialect).in_(_fts_keys(terms).columns(rowid=Integer())))
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
    return conditions


def count_people(session: Session, flt: PeopleFilter) -> int:
    """How many people the filter matches."""
    dialect = session.get_bind().dialect.name
    where = and_(_in_bin(flt), *_narrowing(flt, dialect))
    return session.execute(select(func.count()).select_from(_people).where(where)).scalar_one()


def _key_list(session: Session, statement) -> list:
    """The values of a one-column query, read straight from the database driver (raw_rows): lists of 100,000 keys on
    every keystroke. Only for plain values (numbers, text) that need no conversion."""
    return [row[0] for row in raw_rows(session, statement)]


def ordered_keys(session: Session, flt: PeopleFilter) -> list:
    """Row keys of everyone in the list (or in the Bin) in the filter's sort order, ignoring search and filters.

    The list model keeps this and narrows it as the worker types (matching_keys), so a keystroke never has to
    sort 100,000 people again.
    """
    dialect = session.get_bind().dialect.name
    key = row_key(dialect)
    order = _sort_expression(flt.sort, dialect)
    # Equal values in row order, reversed with the rest when descending: the list is then exactly its sort index
    # read one way or the other (migrations 0002 and 0020), never sorted afresh.
    way = "desc" if flt.descending else "asc"
    return _key_list(session, select(key).select_from(_people).where(_in_bin(flt)).order_by(
        getattr(order, way)(), getattr(key, way)()))


def other_side_keys(session: Session, flt: PeopleFilter) -> list:
    """Row keys of the people on the other side of the Bin from the list (the deleted ones, for the main list)."""
    dialect = session.get_bind().dialect.name
    other = PeopleFilter(in_bin=not flt.in_bin)
    return _key_list(session, select(row_key(dialect)).select_from(_people).where(_in_bin(other)))


def matching_keys(session: Session, flt: PeopleFilter) -> set | None:
    """Row keys of the people the search and filters match (Bin or not), or None when nothing narrows the list."""
    dialect = session.get_bind().dialect.name
    conditions = _narrowing(flt, dialect)
    if not conditions:
        return None
    terms = search_terms(flt.search)
    if dialect == "sqlite" and terms and len(conditions) == 1:  # search alone: the index answers on its own
        return set(_key_list(session, _fts_keys(terms)))
    return set(_key_list(session, select(row_key(dialect)).select_from(_people).where(and_(*conditions))))


def places_in(ordered: list) -> dict:
    """Each row key's place in a kept result of ordered_keys, for putting a few matches in list order quickly."""
    return {key: place for place, key in enumerate(ordered)}


def list_keys(session: Session, flt: PeopleFilter, ordered: list | None = None, places: dict | None = None) -> list:
    """Row keys of the people the filter matches, in list order (ordered: a kept result of ordered_keys; places:
    places_in(ordered), when kept too)."""
    if ordered is None:
        ordered = ordered_keys(session, flt)
    matches = matching_keys(session, flt)
    if matches is None:
        return ordered
    # A few matches are sorted by their places (0.1 ms for 500 of 100,000 people); many are quicker picked out by
    # walking everyone in order (5 ms, however few match).
    if places is not None and len(matches) * 8 < len(ordered):
        return sorted((key for key in matches if key in places), key=places.__getitem__)
    return list(filter(matches.__contains__, ordered))


_KEYS_PER_QUERY = 500  # well inside every database's limit on values in one query

_LIST_COLUMNS = (
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


def key_of(session: Session, person_id: str):
    """The row key a person has in the list's keys (list_keys), or None if there is no such person."""
    key = row_key(session.get_bind().dialect.name)
    return session.execute(select(key).select_from(_people).where(_people.c.id == person_id)).scalar()


def rows_for_keys(session: Session, keys: list) -> list:
    """The list rows (named tuples: row_key, id, full_name, preferred_name, roles, status, email, phone, postcode,
    updated_at) of the people with these row keys, in the same order as the keys."""
    if not keys:
        return []
    key = row_key(session.get_bind().dialect.name)
    found: dict[Any, Any] = {}
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = keys[start : start + _KEYS_PER_QUERY]
        found.update((row.row_key, row) for row in session.execute(select(key.label("row_key"), *_LIST_COLUMNS)
                                                                   .where(key.in_(chunk))))
    return [found[k] for k in keys if k in found]


def people_page(session: Session, flt: PeopleFilter, offset: int, limit: int) -> list:
    """One page of list rows, in list order (see rows_for_keys for what a row holds)."""
    return rows_for_keys(session, list_keys(session, flt)[offset : offset + limit])


def role_codes(roles_text: str | None) -> list[str]:
    """The role codes in a row's comma-joined roles value."""
    return [code for code in (roles_text or "").split(",") if code]
