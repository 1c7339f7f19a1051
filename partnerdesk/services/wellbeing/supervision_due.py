"""Whose 1:1 supervision is due or overdue, for the coordinator's list and the Today page.

For each running pair the due date is the next due date agreed at the supervisee's last 1:1 session, else that
session plus the longest gap of their cadence, else (no session yet) the pair's start plus that gap. The status
(overdue, due within DUE_WINDOW_DAYS, not due) is rules.supervision.status_by_due_date.

Reads records.tables, not the record classes, because the Today page (the first screen) shows this and must not
wait for SQLAlchemy's ORM to import; the cadence helpers, which services.wellbeing.supervision uses too, live here for
the same reason. Kept apart from that module (sessions, pairs and their records) as its own idea: who is due.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, and_, func, or_, select

from partnerdesk.records import tables
from partnerdesk.rules import supervision as rules
from partnerdesk.rules.roles import SUPERVISION_READ
from partnerdesk.services.common.access import require
from partnerdesk.services.common.settings import get_setting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_CHUNK = 500


def cadence_settings(session: Connection | Session) -> dict[str, rules.Cadence]:
    """The organisation's supervision cadences, by role code."""
    return {role: rules.Cadence(*gap) for role, gap in get_setting(session, "supervision_cadences").items()}


def cadence_for_roles(roles: list[str], settings: dict[str, rules.Cadence]) -> rules.Cadence:
    """The tightest cadence among these roles, or the peer support worker cadence for anyone else who has a named
    supervisor (a volunteer with a supervisor still needs regular supervision)."""
    found = [settings[code] for code in roles if code in settings]
    if not found:
        return settings.get("peer_support_worker", rules.PEER_SUPPORT_WORKER_CADENCE)
    return min(found, key=lambda cadence: (cadence.max_days, cadence.min_days))


class SupervisionDue(NamedTuple):
    pair_id: str
    supervisee_id: str
    supervisee_name: str
    supervisor_id: str
    supervisor_name: str
    last_session_on: date | None
    due_on: date
    status: str  # "overdue", "due" or "not due"


def roles_of(session: Connection | Session, person_ids: list[str]) -> dict[str, list[str]]:
    """Each person's role codes, in a few queries rather than one per person."""
    r = tables.person_roles
    found: dict[str, list[str]] = {person_id: [] for person_id in person_ids}
    for start in range(0, len(person_ids), _CHUNK):
        stmt = select(r.c.person_id, r.c.role).where(r.c.person_id.in_(person_ids[start : start + _CHUNK]))
        for person_id, role in session.execute(stmt):
            found[person_id].append(role)
    return found


def _last_sessions(session: Connection | Session, person_ids: list[str]) -> dict[str, tuple[date, date | None]]:
    """Each supervisee's latest 1:1 (held_on, next_due_on)."""
    s, a = tables.supervision_sessions, tables.supervision_attendees
    wanted = set(person_ids)
    ones = s.join(a, a.c.session_id == s.c.id)
    live_one_to_one = and_(s.c.kind == "one_to_one", s.c.deleted_at.is_(None))
    # Everyone's latest date first, then that session's agreed next date: asking for "these 300 people's sessions"
    # instead made SQLite check every session against the whole list (90 ms at 3,000 sessions).
    latest = (
        select(a.c.person_id, func.max(s.c.held_on).label("held_on"))
        .select_from(ones).where(live_one_to_one).group_by(a.c.person_id).subquery()
    )  # fmt: skip
    stmt = (
        select(a.c.person_id, s.c.held_on, s.c.next_due_on)
        .select_from(ones.join(latest, and_(latest.c.person_id == a.c.person_id, latest.c.held_on == s.c.held_on)))
        .where(live_one_to_one)
        .order_by(a.c.person_id, s.c.held_on, s.c.next_due_on)
    )
    found: dict[str, tuple[date, date | None]] = {}
    for person_id, held_on, next_due_on in session.execute(stmt):
        if person_id in wanted:
            found[person_id] = (held_on, next_due_on)  # two sessions on one day: the later agreed date wins
    return found


def supervision_status_list(
    session: Connection | Session, today: date, statuses: tuple[str, ...] | None = None
) -> list[SupervisionDue]:
    """Every pair running today with its due date and status, most overdue first. statuses (e.g. ("overdue",
    "due")) keeps only those."""
    require(SUPERVISION_READ)
    sp, people = tables.supervision_pairs, tables.people
    sup, see = people.alias("sup"), people.alias("see")
    stmt = (
        select(sp.c.id, sp.c.supervisee_id, see.c.full_name, sp.c.supervisor_id, sup.c.full_name, sp.c.starts_on)
        .select_from(sp.join(sup, sup.c.id == sp.c.supervisor_id).join(see, see.c.id == sp.c.supervisee_id))
        .where(
            sp.c.deleted_at.is_(None), see.c.deleted_at.is_(None), sup.c.deleted_at.is_(None), see.c.status != "left",
            sp.c.starts_on <= today, or_(sp.c.ends_on.is_(None), sp.c.ends_on >= today),
        )
        .order_by(func.lower(see.c.full_name), sp.c.id)
    )  # fmt: skip
    pairs = list(session.execute(stmt))
    supervisees = list({row[1] for row in pairs})
    last, roles = _last_sessions(session, supervisees), roles_of(session, supervisees)
    settings = cadence_settings(session)
    result = []
    for pair_id, supervisee_id, supervisee, supervisor_id, supervisor, starts_on in pairs:
        held_on, agreed = last.get(supervisee_id, (None, None))
        due_on = agreed or rules.next_due(held_on or starts_on, cadence_for_roles(roles[supervisee_id], settings))[1]
        status = rules.status_by_due_date(today, due_on)
        if statuses is None or status in statuses:
            result.append(SupervisionDue(pair_id, supervisee_id, supervisee, supervisor_id, supervisor, held_on,
                                         due_on, status))  # fmt: skip
    return sorted(result, key=lambda item: (item.due_on, item.supervisee_name.lower()))
