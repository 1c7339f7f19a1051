"""The Actions tab of a supervision session: the same panel as a meeting's (so both feel alike), reading and writing
supervision actions instead."""

from __future__ import annotations

from partnerdesk.services.wellbeing.supervision_actions import (
    add_supervision_action,
    delete_supervision_action,
    mark_supervision_action_done,
    supervision_actions,
    update_supervision_action,
)
from partnerdesk.ui.widgets.actions_panel import ActionRow, ActionsSource


def _rows(session, session_id: str) -> list[ActionRow]:
    return [
        ActionRow(a.action_id, a.description, a.owner, a.owner_person_id, a.due_on, a.done_on, a.version)
        for a in supervision_actions(session, session_id)
    ]


SUPERVISION_ACTIONS = ActionsSource(
    _rows, add_supervision_action, update_supervision_action, mark_supervision_action_done, delete_supervision_action
)
