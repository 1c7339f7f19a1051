"""The meeting form's actions panel reads and writes a meeting's actions."""

from __future__ import annotations

from partnerdesk.services.meetings.actions import (
    add_action,
    delete_action,
    mark_action_done,
    meeting_actions,
    update_action,
)
from partnerdesk.services.people.people import get_person
from partnerdesk.ui.widgets.actions_panel import ActionRow, ActionsSource


def _rows(session, meeting_id: str) -> list[ActionRow]:
    return [
        ActionRow(a.id, a.description, get_person(session, a.owner_person_id).full_name if a.owner_person_id
                  else a.owner_name or "", a.owner_person_id, a.due_on, a.done_on, a.version)
        for a in meeting_actions(session, meeting_id)
    ]  # fmt: skip


MEETING_ACTIONS = ActionsSource(_rows, add_action, update_action, mark_action_done, delete_action)
