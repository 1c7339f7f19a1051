"""The Actions tab of a supervision session: the meeting form's actions panel (same layout and behaviour, so both
feel alike) reading and writing supervision actions instead."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem, QWidget

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.meeting_actions import ACTION_FIELDS
from partnerdesk.services.supervision_actions import (
    add_supervision_action,
    delete_supervision_action,
    mark_supervision_action_done,
    supervision_actions,
)
from partnerdesk.ui.meetings.actions_panel import ActionsPanel
from partnerdesk.ui.ops import Writer


class SupervisionActionsPanel(ActionsPanel):
    """What was agreed in one supervision session, who does it, by when, and when done."""

    def __init__(self, writer: Writer, session_id: str, parent: QWidget | None = None):
        super().__init__(writer, session_id, parent)  # the panel calls its record meeting_id; here it is the session
        self.table.setAccessibleName("Actions agreed in this supervision session")

    def reload(self) -> None:
        rows = self.writer.read(lambda s: supervision_actions(s, self.meeting_id))
        self.ids = [row.action_id for row in rows]
        self.table.setRowCount(len(rows))
        today = today_uk()
        for number, action in enumerate(rows):
            overdue = action.due_on is not None and action.done_on is None and action.due_on < today
            cells = (action.description, action.owner, format_uk(action.due_on) + (" — overdue" if overdue else ""),
                     format_uk(action.done_on) if action.done_on else "Not yet")  # fmt: skip
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)

    def add(self) -> bool:
        data = dict.fromkeys(ACTION_FIELDS)
        data["description"] = self.fields["description"].text()
        data["owner_name"] = self.fields["owner_name"].text()
        try:
            data["due_on"] = self.fields["due_on"].date_value()
        except ValueError as exc:
            self.messages["due_on"].show_message(str(exc))
            return False
        if not self._save(lambda s: add_supervision_action(s, self.meeting_id, data)):
            return False
        for widget in self.fields.values():
            widget.clear()
        return True

    def mark_done(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: mark_supervision_action_done(s, action_id, today_uk()))

    def delete_selected(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: delete_supervision_action(s, action_id))
