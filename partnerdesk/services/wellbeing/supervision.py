"""Supervisor–supervisee pairs and supervision sessions (1:1 and group), with the next due date suggested from
the supervisee's cadence.

A session travels as a plain dict (SESSION_FIELDS): supervisee_ids is a list (one person for 1:1, several for a
group), topics a list of codes from rules.supervision.SUPERVISION_TOPICS. The notes are confidential: leave
"notes" out of the data when changing a session and they keep what they held; open them with
services.wellbeing.confidential.read_confidential_notes. Only 1:1 sessions count towards the cadence: group
supervision is recorded as well, but does not stand in for the 1:1 (DOMAIN.md). Actions:
services.wellbeing.supervision_actions. Who is due: services.wellbeing.supervision_due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Person
from partnerdesk.records.supervision import SupervisionAttendee, SupervisionPair, SupervisionSession
from partnerdesk.rules import roles
from partnerdesk.rules import supervision as rules
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import Problems, check_row_version, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import tidy
from partnerdesk.services.wellbeing.checks import live_person
from partnerdesk.services.wellbeing.supervision_due import cadence_for_roles, cadence_settings

PAIR_FIELDS = ("supervisor_id", "supervisee_id", "starts_on", "ends_on")
SESSION_FIELDS = ("held_on", "kind", "supervisor_id", "supervisee_ids", "topics", "topics_other", "notes",
                  "next_due_on")  # fmt: skip
_DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")

# ------------------------------------------------------------------------------------------------------ cadence


def cadence_for_person(session: Session, person_id: str) -> rules.Cadence:
    """How often a person should have 1:1 supervision, from their roles and the organisation's settings."""
    person = session.get(Person, person_id)
    return cadence_for_roles(person.role_codes if person else [], cadence_settings(session))


def last_one_to_one(session: Session, person_id: str, before: date | None = None, skip: str | None = None):
    """The latest 1:1 session (held_on, next_due_on) of a supervisee, optionally before a date and leaving out one
    session (the one being changed); None if there is none."""
    s, a = tables.supervision_sessions, tables.supervision_attendees
    stmt = (
        select(s.c.held_on, s.c.next_due_on)
        .select_from(s.join(a, a.c.session_id == s.c.id))
        .where(a.c.person_id == person_id, s.c.kind == "one_to_one", s.c.deleted_at.is_(None))
        .order_by(s.c.held_on.desc())
        .limit(1)
    )
    if before is not None:
        stmt = stmt.where(s.c.held_on < before)
    if skip is not None:
        stmt = stmt.where(s.c.id != skip)
    return session.execute(stmt).first()


def suggest_next_due(session: Session, supervisee_id: str, held_on: date) -> tuple[date, date]:
    """The earliest and latest dates for the next 1:1 after a session on held_on, from the supervisee's cadence.
    The latest is the next due date the form fills in."""
    return rules.next_due(held_on, cadence_for_person(session, supervisee_id))


# ------------------------------------------------------------------------------------------------------- pairs


@dataclass(frozen=True)
class PairSummary:
    pair_id: str
    supervisor_id: str
    supervisor_name: str
    supervisee_id: str
    supervisee_name: str
    starts_on: date
    ends_on: date | None


def _check_dates(out: dict[str, Any], problems: Problems, fields: tuple[str, ...]) -> None:
    for field in fields:
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _(_DATE_MESSAGE))
            out[field] = None


def clean_pair(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Check a pair's details and return them tidied, or raise ValidationError saying what to fix."""
    out = tidy(data, PAIR_FIELDS, _("supervision pair"))
    problems = Problems()
    _check_dates(out, problems, ("starts_on", "ends_on"))
    if live_person(session, out["supervisor_id"]) is None:
        problems.add("supervisor_id", _("Please pick the supervisor from the list."))
    if live_person(session, out["supervisee_id"]) is None:
        problems.add("supervisee_id", _("Please pick the person being supervised from the list."))
    elif why := rules.pair_problem(out["supervisor_id"], out["supervisee_id"]):
        problems.add("supervisor_id", why)
    if out["starts_on"] is None:
        problems.add("starts_on", _("Please give the date the supervision starts."))
    elif out["ends_on"] is not None and out["ends_on"] < out["starts_on"]:
        problems.add("ends_on", _("The supervision can't end before it starts."))
    problems.raise_if_any()
    return out


def get_pair(session: Session, pair_id: str) -> SupervisionPair:
    """A pair by id; raises NotFound."""
    return found(session, SupervisionPair, pair_id, _("That supervision pair could not be found."))


def create_pair(session: Session, data: dict[str, Any]) -> SupervisionPair:
    """Name a supervisor for a supervisee (fields: PAIR_FIELDS)."""
    pair = SupervisionPair(**clean_pair(session, data))
    session.add(pair)
    session.flush()
    return pair


def update_pair(session: Session, pair_id: str, data: dict[str, Any], version: int | None = None) -> SupervisionPair:
    """Change a pair (all fields, as from the form), for example to give it an end date. A form passes the version
    it read the pair at: EditConflict if someone saved different details since."""
    pair = get_pair(session, pair_id)
    clean = clean_pair(session, data)
    check_row_version(pair, version, clean)
    for key, value in clean.items():
        setattr(pair, key, value)
    pair.updated_at = utc_now()
    session.flush()
    return pair


def delete_pair(session: Session, pair_id: str) -> None:
    """Move a pair to the Bin (for mistakes; to end a pair, give it an end date)."""
    pair = get_pair(session, pair_id)
    pair.deleted_at = utc_now()
    session.flush()


def list_pairs(session: Session, active_on: date | None = None, person_id: str | None = None) -> list[PairSummary]:
    """Pairs not in the Bin, by supervisee's name; active_on keeps those running that day, person_id those where
    the person is supervisor or supervisee."""
    require(roles.SUPERVISION_READ)
    sp, sup, see = tables.supervision_pairs, tables.people.alias("sup"), tables.people.alias("see")
    stmt = (
        select(sp.c.id, sp.c.supervisor_id, sup.c.full_name, sp.c.supervisee_id, see.c.full_name, sp.c.starts_on,
               sp.c.ends_on)
        .select_from(sp.join(sup, sup.c.id == sp.c.supervisor_id).join(see, see.c.id == sp.c.supervisee_id))
        .where(sp.c.deleted_at.is_(None), sup.c.deleted_at.is_(None), see.c.deleted_at.is_(None))
        .order_by(func.lower(see.c.full_name), sp.c.starts_on, sp.c.id)
    )  # fmt: skip
    if active_on is not None:
        stmt = stmt.where(sp.c.starts_on <= active_on, or_(sp.c.ends_on.is_(None), sp.c.ends_on >= active_on))
    if person_id is not None:
        stmt = stmt.where(or_(sp.c.supervisor_id == person_id, sp.c.supervisee_id == person_id))
    return [PairSummary(*row) for row in session.execute(stmt)]


# ---------------------------------------------------------------------------------------------------- sessions


def _check_session_date(session: Session, out: dict[str, Any], session_id: str | None, problems: Problems) -> None:
    held_on, today = out["held_on"], today_uk()
    if out["kind"] != "one_to_one" or held_on is None or held_on <= today:
        return
    for person_id in out["supervisee_ids"]:
        last = last_one_to_one(session, person_id, before=held_on, skip=session_id)
        cadence = cadence_for_person(session, person_id)
        why = rules.session_date_problem(today, held_on, last.held_on if last else None, cadence)
        if why is None and last is not None and last.next_due_on is not None and held_on > last.next_due_on:
            due = format_uk(last.next_due_on)
            why = _("The session date is after the next due date ({due}). Please pick that day or earlier.").format(
                due=due,
            )
        if why:
            problems.add("held_on", why)


def clean_session(session: Session, data: dict[str, Any], session_id: str | None = None) -> dict[str, Any]:
    """Check a session's details and return them tidied (next_due_on suggested for a 1:1 when left blank), or raise
    ValidationError saying what to fix."""
    out = tidy(data, SESSION_FIELDS, _("supervision session"))
    problems = Problems()
    _check_dates(out, problems, ("held_on", "next_due_on"))
    if out["held_on"] is None and "held_on" not in problems.messages:
        problems.add("held_on", _("Please give the date of the session."))
    if out["kind"] not in rules.SESSION_TYPES:
        problems.add("kind", _("Please pick 1:1 or group supervision."))
    if live_person(session, out["supervisor_id"]) is None:
        problems.add("supervisor_id", _("Please pick the supervisor from the list."))
    supervisees = list(dict.fromkeys(out["supervisee_ids"] or []))
    out["supervisee_ids"] = supervisees
    if not supervisees:
        problems.add("supervisee_ids", _("Please pick who was supervised."))
    elif out["kind"] == "one_to_one" and len(supervisees) != 1:
        problems.add("supervisee_ids", _("A 1:1 session is with one person. For more, choose group supervision."))
    elif any(live_person(session, person_id) is None for person_id in supervisees):
        problems.add("supervisee_ids", _("Someone picked could not be found. Please pick people from the list."))
    elif out["supervisor_id"] in supervisees:
        problems.add("supervisee_ids", rules.pair_problem(out["supervisor_id"], out["supervisor_id"]) or "")
    topics = list(dict.fromkeys(out["topics"] or []))
    out["topics"] = topics
    if any(code not in rules.SUPERVISION_TOPICS for code in topics):
        problems.add("topics", _("Please pick topics from the list."))
    if out["topics_other"] and len(out["topics_other"]) > 200:
        problems.add("topics_other", _("This is too long: please keep it to 200 characters."))
    if out["notes"] and len(out["notes"]) > 20000:
        problems.add("notes", _("This is too long: please keep it to 20000 characters."))
    if out["held_on"] is not None and out["next_due_on"] is not None and out["next_due_on"] <= out["held_on"]:
        problems.add("next_due_on", _("The next session must be due after this one."))
    if not problems.messages:
        _check_session_date(session, out, session_id, problems)
    problems.raise_if_any()
    if out["next_due_on"] is None and out["kind"] == "one_to_one":
        out["next_due_on"] = suggest_next_due(session, supervisees[0], out["held_on"])[1]
    return out


def _apply_session(record: SupervisionSession, clean: dict[str, Any]) -> None:
    supervisees = clean.pop("supervisee_ids")
    for key, value in clean.items():
        setattr(record, key, value)
    record.attendees = [SupervisionAttendee(person_id=person_id) for person_id in supervisees]


def get_session(session: Session, session_id: str) -> SupervisionSession:
    """A session by id; raises NotFound. Its notes are confidential: open them with read_confidential_notes."""
    return found(session, SupervisionSession, session_id, _("That supervision session could not be found."))


def create_session(session: Session, data: dict[str, Any]) -> SupervisionSession:
    """Record a supervision session (fields: SESSION_FIELDS); raises ValidationError and saves nothing if not right."""
    record = SupervisionSession()
    _apply_session(record, clean_session(session, data))
    session.add(record)
    session.flush()
    return record


def session_data(session: Session, session_id: str) -> dict[str, Any]:
    """A session's details for the form, WITHOUT the confidential notes."""
    require(roles.SUPERVISION_READ)
    record = get_session(session, session_id)
    data = {key: getattr(record, key) for key in SESSION_FIELDS if key not in ("notes", "supervisee_ids")}
    data["supervisee_ids"] = [attendee.person_id for attendee in record.attendees]
    return data


def update_session(session: Session, session_id: str, data: dict[str, Any],
                   version: int | None = None) -> SupervisionSession:
    """Change a session. Left out of data, the notes keep what they held. A form passes the version it opened the
    session at: EditConflict if different details were saved since (the confidential notes only when sent)."""
    record = get_session(session, session_id)
    clean = clean_session(session, {"notes": record.notes, **data}, session_id)
    opened = {"notes": record.notes} if "notes" in data else {}
    check_version(record, version, {key: clean[key] for key in data}, {**session_data(session, session_id), **opened})
    _apply_session(record, clean)
    record.updated_at = utc_now()
    session.flush()
    return record


def delete_session(session: Session, session_id: str) -> None:
    """Move a session to the Bin."""
    record = get_session(session, session_id)
    record.deleted_at = utc_now()
    session.flush()


@dataclass(frozen=True)
class SessionSummary:
    """A session as lists show it: no notes."""

    session_id: str
    held_on: date
    kind: str
    supervisor_id: str
    supervisor_name: str
    supervisee_names: list[str]
    topics: list[str]
    next_due_on: date | None
    has_notes: bool


def list_sessions(
    session: Session, person_id: str | None = None, date_from: date | None = None, date_to: date | None = None
) -> list[SessionSummary]:
    """Sessions not in the Bin, newest first; person_id keeps those the person led or attended."""
    require(roles.SUPERVISION_READ)
    s, a, p = tables.supervision_sessions, tables.supervision_attendees, tables.people
    stmt = select(s.c.id, s.c.held_on, s.c.kind, s.c.supervisor_id, p.c.full_name, s.c.topics, s.c.next_due_on,
                  s.c.notes.is_not(None)).select_from(s.join(p, p.c.id == s.c.supervisor_id)).where(
        s.c.deleted_at.is_(None))  # fmt: skip
    if person_id is not None:
        attended = select(a.c.session_id).where(a.c.person_id == person_id)
        stmt = stmt.where(or_(s.c.supervisor_id == person_id, s.c.id.in_(attended)))
    if date_from is not None:
        stmt = stmt.where(s.c.held_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(s.c.held_on <= date_to)
    rows = list(session.execute(stmt.order_by(s.c.held_on.desc(), s.c.id)))
    names: dict[str, list[str]] = {row[0]: [] for row in rows}
    ids = list(names)
    for start in range(0, len(ids), 500):
        who = (
            select(a.c.session_id, p.c.full_name)
            .select_from(a.join(p, p.c.id == a.c.person_id))
            .where(a.c.session_id.in_(ids[start : start + 500]))
            .order_by(func.lower(p.c.full_name))
        )
        for session_id, name in session.execute(who):
            names[session_id].append(name)
    return [
        SessionSummary(sid, held, kind, sup_id, sup_name, names[sid], list(topics or []), due, bool(has))
        for sid, held, kind, sup_id, sup_name, topics, due, has in rows
    ]
