"""An Actions tab: what was agreed, who does it, by when, and when it was done (meetings and supervision sessions).

The small form underneath adds an action, or, after Edit (or Enter on a row), changes the selected one in place.
"""

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

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common import actions
from partnerdesk.services.common.actions import ACTION_FIELDS, ActionKind, ActionView
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.field_tabs import text_box

HEADINGS = (N_("Action"), N_("Who"), N_("Due"), N_("Done"))


class ActionsPanel(QWidget):
    """The actions agreed at a meeting or a session, with a small form underneath to add or change one."""

    changed = Signal()

    def __init__(self, writer: Writer, owner_id: str, kind: ActionKind, name: str,
                 parent: QWidget | None = None):
        """owner_id: the meeting or session; kind: which of them (services.meetings.actions.MEETING_ACTION or
        services.wellbeing.supervision_actions.SUPERVISION_ACTION)."""
        super().__init__(parent)
        self.writer = writer
        self.owner_id = owner_id
        self.kind = kind
        self.rows: list[ActionView] = []
        self.editing: ActionView | None = None  # the action the form below is changing, if any
        self.table = QTableWidget(0, len(HEADINGS))
        self.table.setHorizontalHeaderLabels([_(heading) for heading in HEADINGS])
        self.table.setAccessibleName(name)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for column, width in enumerate((360, 160, 170)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.edit_selected())

        self.fields = {
            "description": text_box(_("What the action is"), 4000),
            "owner_name": text_box(_("Who will do it"), 200),
            "due_on": UkDateEdit(_("Action due by")),
        }
        self.messages = {key: FieldMessage(widget.accessibleName()).follow(widget)
                         for key, widget in self.fields.items()}
        form = QFormLayout()
        for key, label in (
            ("description", _("New act&ion")),
            ("owner_name", _("W&ho will do it")),
            ("due_on", _("D&ue by")),
        ):
            holder = QVBoxLayout()
            holder.setSpacing(2)
            holder.addWidget(self.fields[key])
            holder.addWidget(self.messages[key])
            caption = QLabel(label)
            caption.setBuddy(self.fields[key])
            form.addRow(caption, holder)
            if key == "description":
                self.description_caption = caption
        self.add_button = QPushButton(_("&Add action"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(_("&Edit action"))
        self.edit_button.setAccessibleName(_("Change the selected action in the form below"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.cancel_edit_button = QPushButton(_("Stop editin&g"))
        self.cancel_edit_button.setAccessibleName(_("Leave the action as it was and clear the form"))
        self.cancel_edit_button.clicked.connect(self.stop_editing)
        self.cancel_edit_button.hide()
        self.done_button = QPushButton(_("&Mark done today"))
        self.done_button.setAccessibleName(_("Mark the selected action done today"))
        self.done_button.clicked.connect(self.mark_done)
        self.delete_button = QPushButton(_("De&lete action"))
        self.delete_button.setAccessibleName(_("Delete the selected action"))
        self.delete_button.clicked.connect(self.delete_selected)

        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        buttons.addWidget(self.cancel_edit_button)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.rows = self.writer.read(lambda session: actions.action_views(self.kind, session, self.owner_id))
        self.table.setRowCount(len(self.rows))
        today = today_uk()
        for number, row in enumerate(self.rows):
            due, done = row.due_on, row.done_on
            overdue = due is not None and done is None and due < today
            for column, value in enumerate((row.description, row.owner,
                                            format_uk(due) + (_(" — overdue") if overdue else ""),
                                            format_uk(done) if done else _("Not yet"))):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(number, column, item)

    def _save(self, work) -> bool:
        try:
            if self.writer.run_row(self, lambda s: work(s) or True, self._reload_after_clash) is None:
                return False  # not saved (changed by someone else, read-only…): already said
        except ValidationError as exc:
            for key, message in self.messages.items():
                message.show_message(exc.messages.get(key))
            return False
        for message in self.messages.values():
            message.show_message(None)
        self.reload()
        self.changed.emit()
        return True

    def _reload_after_clash(self) -> None:
        self.stop_editing()
        self.reload()

    def add(self) -> bool:
        """Add the action typed below, or save the changes to the one being edited. True when saved."""
        data = dict.fromkeys(ACTION_FIELDS)
        data["description"] = self.fields["description"].text()
        data["owner_name"] = self.fields["owner_name"].text()
        try:
            data["due_on"] = self.fields["due_on"].date_value()
        except ValueError as exc:
            self.messages["due_on"].show_message(str(exc))
            return False
        editing = self.editing
        if editing is not None:
            data["done_on"] = editing.done_on
            if editing.owner_person_id and data["owner_name"].strip() == editing.owner:
                data["owner_person_id"], data["owner_name"] = editing.owner_person_id, None  # same person

        def work(session):
            if editing is None:
                return actions.add(self.kind, session, self.owner_id, data)
            return actions.update(self.kind, session, editing.action_id, data, editing.version)

        if not self._save(work):
            return False
        self.stop_editing()
        return True

    def edit_selected(self) -> bool:
        """Put the selected action in the form below so it can be changed and saved in place."""
        action_id = self._selected()
        if action_id is None:
            return False
        self.editing = next(row for row in self.rows if row.action_id == action_id)
        self.fields["description"].setText(self.editing.description)
        self.fields["owner_name"].setText(self.editing.owner)
        self.fields["due_on"].set_date(self.editing.due_on)
        self.description_caption.setText(_("&Action"))
        self.add_button.setText(_("Sa&ve changes"))
        self.add_button.setAccessibleName(_("Save the changes to the action"))
        self.cancel_edit_button.show()
        self.fields["description"].setFocus()
        return True

    def stop_editing(self) -> None:
        self.editing = None
        for widget in self.fields.values():
            widget.clear()
        for message in self.messages.values():
            message.show_message(None)
        self.description_caption.setText(_("New act&ion"))
        self.add_button.setText(_("&Add action"))
        self.add_button.setAccessibleName("")
        self.cancel_edit_button.hide()

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].action_id if 0 <= row < len(self.rows) else None

    def mark_done(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: actions.mark_done(self.kind, s, action_id, today_uk()))

    def delete_selected(self) -> bool:
        action_id = self._selected()
        return action_id is not None and self._save(lambda s: actions.delete(self.kind, s, action_id))
