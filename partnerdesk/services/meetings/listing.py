"""The meetings list: filter by committee, kind, dates and words, sort, and page without loading every meeting.

Plain rows (no ORM objects), so ten years of meetings for fifty committees filter at typing speed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from partnerdesk.i18n import N_
from partnerdesk.records import tables
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.common.search import contains_text, search_words

#: The columns the list can show, in order: key → heading.
COLUMNS = {
    "starts_at": N_("Date and time"),
    "title": N_("Title"),
    "kind": N_("Kind"),
    "committee": N_("Committee"),
    "mode": N_("How"),
    "venue": N_("Venue"),
}

_m, _c, _o = tables.meetings, tables.committees, tables.organisations


@dataclass(frozen=True)
class MeetingFilter:
    """What the worker has asked the list to show. Dates are London dates, both ends included."""

    search: str = ""
    committee_id: str | None = None
    kind: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    series_id: str | None = None
    include_cancelled: bool = True
    exclude_kinds: tuple[str, ...] = ()  # kinds left out (the debrief chooser leaves out pre-meetings and debriefs)
    in_bin: bool = False
    sort: str = "starts_at"
    descending: bool = False


def _where(flt: MeetingFilter, dialect: str = "sqlite"):
    conditions: list[ColumnElement[bool]] = [_m.c.deleted_at.is_not(None) if flt.in_bin else _m.c.deleted_at.is_(None)]
    if flt.committee_id:
        conditions.append(_m.c.committee_id == flt.committee_id)
    if flt.kind:
        conditions.append(_m.c.kind == flt.kind)
    if flt.exclude_kinds:
        conditions.append(_m.c.kind.not_in(flt.exclude_kinds))
    if flt.series_id:
        conditions.append(_m.c.series_id == flt.series_id)
    if flt.date_from:
        conditions.append(_m.c.starts_at >= uk_moment(flt.date_from, time(0)))
    if flt.date_to:
        conditions.append(_m.c.starts_at < uk_moment(flt.date_to + timedelta(days=1), time(0)))
    if not flt.include_cancelled:
        conditions.append(_m.c.cancelled.is_(False))
    for word in search_words(flt.search):
        # Committee and organisation names are looked up once per word, not joined in for every meeting.
        named = (
            select(_c.c.id)
            .select_from(_c.join(_o, _o.c.id == _c.c.organisation_id))
            .where(or_(contains_text(_c.c.name, word, dialect), contains_text(_o.c.name, word, dialect)))
        )
        conditions.append(
            or_(
                *(contains_text(column, word, dialect) for column in (_m.c.title, _m.c.venue, _m.c.notes)),
                _m.c.committee_id.in_(named),
            )
        )
    return and_(*conditions)


def _from():
    return _m.outerjoin(_c, _c.c.id == _m.c.committee_id).outerjoin(_o, _o.c.id == _c.c.organisation_id)


def _sort(sort: str):
    if sort == "starts_at":
        return _m.c.starts_at
    if sort in ("title", "venue"):
        return func.lower(_m.c[sort])
    if sort in ("kind", "mode"):
        return _m.c[sort]
    if sort == "committee":
        return func.lower(_c.c.name)
    raise ValueError(f"Cannot sort meetings by {sort!r}")


def count_meetings(session: Session, flt: MeetingFilter) -> int:
    """How many meetings the filter matches."""
    where = _where(flt, session.get_bind().dialect.name)
    return session.execute(select(func.count()).select_from(_m).where(where)).scalar_one()


def meetings_page(session: Session, flt: MeetingFilter, offset: int = 0, limit: int = 200) -> list:
    """One page of the list, sorted: named tuples with id, starts_at, ends_at (UTC), title, kind, committee_id,
    committee, organisation, mode, venue, cancelled, series_id, moved_from, serves_meeting_id."""
    return list(session.execute(_page(session, flt, offset, limit)))


def first_page(session: Session, flt: MeetingFilter, limit: int = 200) -> tuple[int, list]:
    """How many meetings match and the first page of them (as meetings_page), as the list needs them on each
    keystroke.

    The page comes first: when it is not full it holds every match, so the count (a second read of every meeting
    when words are searched for) is only needed when there are more matches than one page.
    """
    rows = meetings_page(session, flt, 0, limit)
    return (len(rows) if len(rows) < limit else count_meetings(session, flt)), rows


def _page(session: Session, flt: MeetingFilter, offset: int, limit: int):
    order = _sort(flt.sort)
    order = order.desc() if flt.descending else order.asc()
    return (
        select(
            _m.c.id,
            _m.c.starts_at,
            _m.c.ends_at,
            _m.c.title,
            _m.c.kind,
            _m.c.committee_id,
            _c.c.name.label("committee"),
            _o.c.name.label("organisation"),
            _m.c.mode,
            _m.c.venue,
            _m.c.cancelled,
            _m.c.series_id,
            _m.c.moved_from,
            _m.c.serves_meeting_id,
        )
        .select_from(_from())
        .where(_where(flt, session.get_bind().dialect.name))
        .order_by(order, _m.c.starts_at, _m.c.id)
        .offset(offset)
        .limit(limit)
    )


def meeting_row(session: Session, flt: MeetingFilter, meeting_id: str) -> int | None:
    """Where a meeting is in the list the filter gives (0 for the first row), or None if the filter hides it; so the
    list can select a meeting just made."""
    order = _sort(flt.sort)
    order = order.desc() if flt.descending else order.asc()
    numbered = (
        select(_m.c.id, func.row_number().over(order_by=(order, _m.c.starts_at, _m.c.id)).label("n"))
        .select_from(_from())
        .where(_where(flt, session.get_bind().dialect.name))
        .subquery()
    )
    found = session.execute(select(numbered.c.n).where(numbered.c.id == meeting_id)).scalar_one_or_none()
    return None if found is None else found - 1
