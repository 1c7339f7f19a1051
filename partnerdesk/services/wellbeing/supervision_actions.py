"""Actions agreed in supervision: what, who (a person or a name), by when, and when done.

The checks and steps are those of every agreed action (services.common.actions), so meeting and supervision actions
behave alike; these are their supervision names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.supervision import SupervisionAction
from partnerdesk.services.common import actions as common
from partnerdesk.services.wellbeing.supervision import get_session

SUPERVISION_ACTION = common.ActionKind(SupervisionAction, tables.supervision_actions, "session_id", get_session)


def add_supervision_action(session: Session, session_id: str, data: dict[str, Any]) -> SupervisionAction:
    """Add an agreed action to a session (fields: ACTION_FIELDS); raises ValidationError if not right."""
    return common.add(SUPERVISION_ACTION, session, session_id, data)


def get_supervision_action(session: Session, action_id: str) -> SupervisionAction:
    """An action by id; raises NotFound."""
    return common.get(SUPERVISION_ACTION, session, action_id)


def update_supervision_action(
    session: Session, action_id: str, data: dict[str, Any], version: int | None = None
) -> SupervisionAction:
    """Change an action (all fields, as from the form). A form passes the version it read the action at:
    EditConflict if someone saved different details since."""
    return common.update(SUPERVISION_ACTION, session, action_id, data, version)


def mark_supervision_action_done(session: Session, action_id: str, done_on: date | None) -> SupervisionAction:
    """Tick an action off on a date (None: not done after all)."""
    return common.mark_done(SUPERVISION_ACTION, session, action_id, done_on)


def delete_supervision_action(session: Session, action_id: str) -> None:
    """Move an action to the Bin."""
    common.delete(SUPERVISION_ACTION, session, action_id)


def supervision_actions(session: Session, session_id: str) -> list[common.ActionView]:
    """A session's actions (not in the Bin), with their owners' names: open ones first by due date, then done ones.
    (parent_id is the session's id.)"""
    return common.action_views(SUPERVISION_ACTION, session, session_id)
