"""Actions agreed in supervision: what, who (a person or a name), by when, and when done.

The same fields and checks as meeting actions (services.meetings.actions.clean_action), so both forms behave alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.supervision import SupervisionAction
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.meetings.actions import ACTION_FIELDS, clean_action
from partnerdesk.services.wellbeing.supervision import get_session


def add_supervision_action(session: Session, session_id: str, data: dict[str, Any]) -> SupervisionAction:
    """Add an agreed action to a session (fields: ACTION_FIELDS); raises ValidationError if not right."""
    get_session(session, session_id)
    action = SupervisionAction(session_id=session_id, **clean_action(session, data))
    session.add(action)
    session.flush()
    return action


def get_supervision_action(session: Session, action_id: str) -> SupervisionAction:
    """An action by id; raises NotFound."""
    action = session.get(SupervisionAction, action_id) if action_id else None
    if action is None:
        raise NotFound(_("That action could not be found."))
    return action


def update_supervision_action(session: Session, action_id: str, data: dict[str, Any]) -> SupervisionAction:
    """Change an action (all fields, as from the form)."""
    action = get_supervision_action(session, action_id)
    for key, value in clean_action(session, data).items():
        setattr(action, key, value)
    action.updated_at = utc_now()
    session.flush()
    return action


def mark_supervision_action_done(session: Session, action_id: str, done_on: date | None) -> SupervisionAction:
    """Tick an action off on a date (None: not done after all)."""
    action = get_supervision_action(session, action_id)
    data = {key: getattr(action, key) for key in ACTION_FIELDS}
    return update_supervision_action(session, action_id, {**data, "done_on": done_on})


def delete_supervision_action(session: Session, action_id: str) -> None:
    """Move an action to the Bin."""
    action = get_supervision_action(session, action_id)
    action.deleted_at = utc_now()
    session.flush()


@dataclass(frozen=True)
class SupervisionActionView:
    action_id: str
    session_id: str
    description: str
    owner: str  # the person's name or the name typed in
    owner_person_id: str | None
    due_on: date | None
    done_on: date | None


def supervision_actions(session: Session, session_id: str) -> list[SupervisionActionView]:
    """A session's actions (not in the Bin): open ones first by due date, then done ones."""
    ac, p = tables.supervision_actions, tables.people
    stmt = (
        select(ac.c.id, ac.c.session_id, ac.c.description, p.c.full_name, ac.c.owner_name, ac.c.owner_person_id,
               ac.c.due_on, ac.c.done_on)
        .select_from(ac.outerjoin(p, p.c.id == ac.c.owner_person_id))
        .where(ac.c.session_id == session_id, ac.c.deleted_at.is_(None))
        .order_by(ac.c.done_on.is_not(None), ac.c.due_on.is_(None), ac.c.due_on, ac.c.created_at)
    )  # fmt: skip
    return [
        SupervisionActionView(aid, sid, text, person or name or "", owner_id, due, done)
        for aid, sid, text, person, name, owner_id, due, done in session.execute(stmt)
    ]
