"""Actions agreed at meetings: what, who (a person in PartnerDesk or a name typed in), by when, and when done."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records.base import utc_now
from partnerdesk.records.meetings import MeetingAction
from partnerdesk.records.people import Person
from partnerdesk.services.common.errors import NotFound, Problems
from partnerdesk.services.common.text import tidy
from partnerdesk.services.meetings.meetings import get_meeting

#: Every field an action form can send.
ACTION_FIELDS = ("description", "owner_person_id", "owner_name", "due_on", "done_on")
_DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")


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
            problems.add(field, _(_DATE_MESSAGE))
    problems.raise_if_any()
    return out


def add_action(session: Session, meeting_id: str, data: dict[str, Any]) -> MeetingAction:
    """Add an action to a meeting (fields: ACTION_FIELDS); raises ValidationError and saves nothing if not right."""
    get_meeting(session, meeting_id)
    clean = clean_action(session, data)
    action = MeetingAction(meeting_id=meeting_id, **clean)
    session.add(action)
    session.flush()
    return action


def get_action(session: Session, action_id: str) -> MeetingAction:
    """An action by id; raises NotFound."""
    action = session.get(MeetingAction, action_id) if action_id else None
    if action is None:
        raise NotFound(_("That action could not be found."))
    return action


def update_action(session: Session, action_id: str, data: dict[str, Any]) -> MeetingAction:
    """Change an action (all fields, as from the form)."""
    action = get_action(session, action_id)
    clean = clean_action(session, data)
    for key, value in clean.items():
        setattr(action, key, value)
    action.updated_at = utc_now()
    session.flush()
    return action


def mark_action_done(session: Session, action_id: str, done_on: date | None) -> MeetingAction:
    """Tick an action off on a date (None: not done after all)."""
    action = get_action(session, action_id)
    data = {key: getattr(action, key) for key in ACTION_FIELDS}
    return update_action(session, action_id, {**data, "done_on": done_on})


def delete_action(session: Session, action_id: str) -> None:
    """Move an action to the Bin."""
    action = get_action(session, action_id)
    action.deleted_at = utc_now()
    session.flush()


def restore_action(session: Session, action_id: str) -> None:
    """Bring an action back from the Bin."""
    action = get_action(session, action_id)
    action.deleted_at, action.updated_at = None, utc_now()
    session.flush()


def meeting_actions(session: Session, meeting_id: str) -> list[MeetingAction]:
    """A meeting's actions (not in the Bin): open ones first by due date, then done ones."""
    stmt = (
        select(MeetingAction)
        .where(MeetingAction.meeting_id == meeting_id, MeetingAction.deleted_at.is_(None))
        .order_by(MeetingAction.done_on.is_not(None), MeetingAction.due_on.is_(None), MeetingAction.due_on,
                  MeetingAction.created_at)
    )  # fmt: skip
    return list(session.scalars(stmt))
