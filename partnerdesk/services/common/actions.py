"""Agreed actions, wherever they were agreed (a meeting, a supervision session): what, who (a person in PartnerDesk
or a name typed in), by when, and when done. One set of checks and steps, so both kinds behave alike; each area
describes its kind of action once (ActionKind) and offers these steps under its own names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Person
from partnerdesk.services.common.errors import NotFound, Problems, check_row_version
from partnerdesk.services.common.text import tidy

#: Every field an action form can send.
ACTION_FIELDS = ("description", "owner_person_id", "owner_name", "due_on", "done_on")
_DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")


@dataclass(frozen=True)
class ActionKind:
    """One kind of action: its record class and table, the column naming what it was agreed at, and how to find
    that (raising NotFound when it is not there)."""

    record: type
    table: Table
    parent_column: str
    get_parent: Callable[[Session, str], Any]


@dataclass(frozen=True)
class ActionView:
    """One action as lists and forms show it: the owner's name is the person's, or the name typed in."""

    action_id: str
    parent_id: str
    description: str
    owner: str
    owner_person_id: str | None
    due_on: date | None
    done_on: date | None
    version: int = 1  # as read, so a save can tell when someone else changed the action since


def clean_action(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    """Check an action's details and return them tidied, or raise ValidationError saying what to fix.

    An action needs a description and an owner: a person picked from PartnerDesk (owner_person_id) or a name
    (owner_name, e.g. the committee's chair). The due date is optional.
    """
    out = tidy(data, ACTION_FIELDS, "action")
    problems = Problems()
    if not out["description"]:
        problems.add("description", _("Please say what the action is."))
    elif len(out["description"]) > 4000:
        problems.add("description", _("This is too long: please keep it to 4000 characters."))
    if out["owner_person_id"] is not None:
        person = session.get(Person, out["owner_person_id"])
        if person is None or person.deleted_at is not None:
            problems.add("owner_person_id", _("Please pick the person from the list."))
    elif not out["owner_name"]:
        problems.add("owner_name", _("Please say who will do this."))
    if out["owner_name"] and len(out["owner_name"]) > 200:
        problems.add("owner_name", _("This is too long: please keep it to 200 characters."))
    for field in ("due_on", "done_on"):
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _DATE_MESSAGE)
    problems.raise_if_any()
    return out


def add(kind: ActionKind, session: Session, parent_id: str, data: dict[str, Any]) -> Any:
    """Add an action (fields: ACTION_FIELDS); raises ValidationError and saves nothing if not right."""
    kind.get_parent(session, parent_id)
    action = kind.record(**{kind.parent_column: parent_id}, **clean_action(session, data))
    session.add(action)
    session.flush()
    return action


def get(kind: ActionKind, session: Session, action_id: str) -> Any:
    """An action by id; raises NotFound."""
    action = session.get(kind.record, action_id) if action_id else None
    if action is None:
        raise NotFound(_("That action could not be found."))
    return action


def update(kind: ActionKind, session: Session, action_id: str, data: dict[str, Any], version: int | None = None) -> Any:
    """Change an action (all fields, as from the form). A form passes the version it read the action at:
    EditConflict if someone saved different details since."""
    action = get(kind, session, action_id)
    clean = clean_action(session, data)
    check_row_version(action, version, clean)
    for key, value in clean.items():
        setattr(action, key, value)
    action.updated_at = utc_now()
    session.flush()
    return action


def mark_done(kind: ActionKind, session: Session, action_id: str, done_on: date | None) -> Any:
    """Tick an action off on a date (None: not done after all)."""
    action = get(kind, session, action_id)
    data = {key: getattr(action, key) for key in ACTION_FIELDS}
    return update(kind, session, action_id, {**data, "done_on": done_on})


def delete(kind: ActionKind, session: Session, action_id: str) -> None:
    """Move an action to the Bin."""
    action = get(kind, session, action_id)
    action.deleted_at = utc_now()
    session.flush()


def restore(kind: ActionKind, session: Session, action_id: str) -> None:
    """Bring an action back from the Bin."""
    action = get(kind, session, action_id)
    action.deleted_at, action.updated_at = None, utc_now()
    session.flush()


def _listed(kind: ActionKind, parent_id: str):
    ac = kind.table
    return (ac.c[kind.parent_column] == parent_id, ac.c.deleted_at.is_(None)), \
        (ac.c.done_on.is_not(None), ac.c.due_on.is_(None), ac.c.due_on, ac.c.created_at)  # fmt: skip


def actions_of(kind: ActionKind, session: Session, parent_id: str) -> list:
    """The actions agreed at one meeting or session (not in the Bin): open ones first by due date, then done ones."""
    where, order = _listed(kind, parent_id)
    return list(session.scalars(select(kind.record).where(*where).order_by(*order)))


def action_views(kind: ActionKind, session: Session, parent_id: str) -> list[ActionView]:
    """The same actions as actions_of, as plain rows with the owner's name, read in one query."""
    ac, p = kind.table, tables.people
    where, order = _listed(kind, parent_id)
    stmt = (
        select(ac.c.id, ac.c[kind.parent_column], ac.c.description, p.c.full_name, ac.c.owner_name,
               ac.c.owner_person_id, ac.c.due_on, ac.c.done_on, ac.c.version)
        .select_from(ac.outerjoin(p, p.c.id == ac.c.owner_person_id))
        .where(*where)
        .order_by(*order)
    )  # fmt: skip
    return [ActionView(aid, parent, text, person or name or "", owner_id, due, done, version)
            for aid, parent, text, person, name, owner_id, due, done, version in session.execute(stmt)]
