"""Actions agreed at meetings: what, who (a person in PartnerDesk or a name typed in), by when, and when done.

The checks and steps are those of every agreed action (services.common.actions); these are their meeting names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.meetings import MeetingAction
from partnerdesk.services.common import actions as common
from partnerdesk.services.common.actions import ACTION_FIELDS, clean_action
from partnerdesk.services.meetings.meetings import get_meeting

__all__ = ["ACTION_FIELDS", "MEETING_ACTION", "add_action", "clean_action", "delete_action", "get_action",
           "mark_action_done", "meeting_action_views", "meeting_actions", "restore_action", "update_action"]

MEETING_ACTION = common.ActionKind(MeetingAction, tables.meeting_actions, "meeting_id", get_meeting)


def add_action(session: Session, meeting_id: str, data: dict[str, Any]) -> MeetingAction:
    """Add an action to a meeting (fields: ACTION_FIELDS); raises ValidationError and saves nothing if not right."""
    return common.add(MEETING_ACTION, session, meeting_id, data)


def get_action(session: Session, action_id: str) -> MeetingAction:
    """An action by id; raises NotFound."""
    return common.get(MEETING_ACTION, session, action_id)


def update_action(session: Session, action_id: str, data: dict[str, Any], version: int | None = None) -> MeetingAction:
    """Change an action (all fields, as from the form). A form passes the version it read the action at:
    EditConflict if someone saved different details since."""
    return common.update(MEETING_ACTION, session, action_id, data, version)


def mark_action_done(session: Session, action_id: str, done_on: date | None) -> MeetingAction:
    """Tick an action off on a date (None: not done after all)."""
    return common.mark_done(MEETING_ACTION, session, action_id, done_on)


def delete_action(session: Session, action_id: str) -> None:
    """Move an action to the Bin."""
    common.delete(MEETING_ACTION, session, action_id)


def restore_action(session: Session, action_id: str) -> None:
    """Bring an action back from the Bin."""
    common.restore(MEETING_ACTION, session, action_id)


def meeting_actions(session: Session, meeting_id: str) -> list[MeetingAction]:
    """A meeting's actions (not in the Bin): open ones first by due date, then done ones."""
    return common.actions_of(MEETING_ACTION, session, meeting_id)


def meeting_action_views(session: Session, meeting_id: str) -> list[common.ActionView]:
    """A meeting's actions as plain rows with their owners' names (as meeting_actions orders them)."""
    return common.action_views(MEETING_ACTION, session, meeting_id)
