"""The Actions tab: what was agreed, who does it, by when, and when it was done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.errors import ValidationError
from partnerdesk.services.meeting_actions import (
    ACTION_FIELDS,
    add_action,
    delete_action,
    mark_action_done,
    meeting_actions,
)
from partnerdesk.services.people import get_person
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.field_tabs import text_box

HEADINGS = ("Action", "Who", "Due", "Done")


class ActionsPanel(QWidget):
    """A meeting's actions, with a small form underneath to add one."""

    changed = Signal()

    def __init__(self, writer: Writer, meeting_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.meeting_id = meeting_id
        self.ids: list[str] = []
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels(HEADINGS)
        self.table.setAccessibleName("Actions agreed at this meeting")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for column, width in enumerate((360, 160, 170)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.fields = {
            "description": text_box("What the action is", 4000),
            "owner_name": text_box("Who will do it", 200),
            "due_on": UkDateEdit("Action due by"),
        }
        self.messages = {key: FieldMessage(widget.accessibleName()) for key, widget in self.fields.items()}
        form = QFormLayout()
        for key, label in (("description", "New &action"), ("owner_name", "&Who will do it"), ("due_on", "D&ue by")):
            holder = QVBoxLayout()
            holder.setSpacing(2)
            holder.addWidget(self.fields[key])
            holder.addWidget(self.messages[key])
            caption = QLabel(label)
            caption.setBuddy(self.fields[key])
            form.addRow(caption, holder)
        self.add_button = QPushButton("A&dd action")
        self.add_button.clicked.connect(self.add)
        self.done_button = QPushButton("&Mark done today")
        self.done_button.setAccessibleName("Mark the selected action done today")
        self.done_button.clicked.connect(self.mark_done)
        self.delete_button = QPushButton("Delete actio&n")
        self.delete_button.setAccessibleName("Delete the selected action")
        self.delete_button.clicked.connect(self.delete_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        def read(session):
            return [
                (a.id, a.description, get_person(session, a.owner_person_id).full_name if a.owner_person_id
                 else a.owner_name or "", a.due_on, a.done_on)
                for a in meeting_actions(session, self.meeting_id)
            ]

        rows = self.writer.read(read)
        self.ids = [row[0] for row in rows]
        self.table.setRowCount(len(rows))
        today = today_uk()
        for number, (_id, text, owner, due, done) in enumerate(rows):
            overdue = due is not None and done is None and due < today
            for column, value in enumerate((text, owner, format_uk(due) + (" — overdue" if overdue else ""),
                                            format_uk(done) if done else "Not yet")):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)

    def _save(self, work) -> bool:
        try:
            self.writer.run(self, work)
        except ValidationError as exc:
            for key, message in self.messages.items():
                message.show_message(exc.messages.get(key))
            return False
        for message in self.messages.values():
            message.show_message(None)
        self.reload()
        self.changed.emit()
        return True

    def add(self) -> bool:
        data = dict.fromkeys(ACTION_FIELDS)
        data["description"] = self.fields["description"].text()
        data["owner_name"] = self.fields["owner_name"].text()
        try:
            data["due_on"] = self.fields["due_on"].date_value()
        except ValueError as exc:
            self.messages["due_on"].show_message(str(exc))
            return False
        if not self._save(lambda s: add_action(s, self.meeting_id, data)):
            return False
        for widget in self.fields.values():
            widget.clear()
        return True

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def mark_done(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: mark_action_done(s, action_id, today_uk()))

    def delete_selected(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: delete_action(s, action_id))
