"""A supervision session: when, 1:1 or group, supervisor and supervisee(s), topics, confidential notes (behind a
button), the next due date suggested from the cadence, agreed actions (once saved) and the PDF record to sign."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.supervision import SESSION_TYPES, SUPERVISION_TOPICS
from partnerdesk.services.people.people import get_person
from partnerdesk.services.wellbeing.supervision import (
    create_session,
    get_session,
    session_data,
    suggest_next_due,
    update_session,
)
from partnerdesk.services.wellbeing.supervision_actions import SUPERVISION_ACTION
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import ID_ROLE
from partnerdesk.ui.wellbeing.confidential_panel import ConfidentialPanel
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.conflict_dialog import shown
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs, show_value, text_box, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen
from partnerdesk.ui.widgets.form_dialog import FormDialog
from partnerdesk.ui.widgets.person_picker import PersonPicker


class SuperviseeList(QWidget):
    """Who was supervised: pick a person and press Add (one for 1:1, several for a group)."""

    changed = Signal()

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Who was supervised"))
        self.picker = PersonPicker(writer, _("Person supervised"))
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setAccessibleName(_("Add the person found to who was supervised"))
        self.add_button.clicked.connect(self.add_picked)
        self.list = QListWidget()
        self.list.setAccessibleName(_("People supervised at this session"))
        self.list.setMaximumHeight(90)
        self.remove_button = QPushButton(_("Re&move"))
        self.remove_button.setAccessibleName(_("Remove the selected person from who was supervised"))
        self.remove_button.clicked.connect(self.remove_selected)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.list, 1)
        bottom.addWidget(self.remove_button, alignment=Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addLayout(bottom)
        self.setFocusProxy(self.picker)

    def add(self, person_id: str, name: str) -> None:
        if person_id and person_id not in self.ids():
            QListWidgetItem(name, self.list).setData(ID_ROLE, person_id)
            self.changed.emit()

    def add_picked(self) -> None:
        self.add(self.picker.person_id(), self.picker.person_name())
        self.picker.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]


class SessionFields(FieldTabs):
    def __init__(self, writer: Writer):
        super().__init__(_("Supervision session"))
        tab = self.tab(_("Sessi&on"))
        self.row(tab, _("&Held on"), "held_on", UkDateEdit(_("Date of the session")))
        self.row(tab, _("&Kind"), "kind", ChoiceCombo(SESSION_TYPES, _("1:1 or group supervision")))
        self.supervisor = self.row(tab, _("Su&pervisor"), "supervisor_id", PersonPicker(writer, _("Supervisor")))
        self.supervisees = self.row(tab, _("Supervised"), "supervisee_ids", SuperviseeList(writer))
        self.row(tab, None, "topics", CheckList(_("Topics discussed"), SUPERVISION_TOPICS, columns=1))
        self.row(tab, _("O&ther topic"), "topics_other", text_box(_("Other topic")))
        self.row(tab, _("&Next 1:1 due by"), "next_due_on", UkDateEdit(_("Next 1:1 due by")))
        self.suggestion = QLabel()
        self.suggestion.setObjectName("hint")
        self.suggestion.setWordWrap(True)
        tab.addRow("", self.suggestion)


class SessionForm(FormDialog):
    """One supervision session (new when session_id is None). `print_requested` asks for the PDF record."""

    unsaved_question = N_("You have changes to this session that are not saved. Save them now?")

    saved = Signal(str)
    print_requested = Signal(str)

    def __init__(self, writer: Writer, session_id: str | None = None, preset: dict[str, Any] | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.writer, self.session_id = writer, session_id
        self.dirty, self._loading = False, True
        self.setWindowTitle(_("New supervision session") if session_id is None else _("Supervision session"))
        self.summary = problems_summary()
        self.fields = SessionFields(writer)
        self.notes = ConfidentialPanel(writer, "supervision_session", session_id, {"notes": _("Session &notes")})
        self.fields.addTab(self.notes, _("&Confidential notes"))
        self.actions_tab = self.fields.count()
        note = QLabel(_("Save the session first, then record the actions agreed here."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.fields.addTab(note, _("A&greed actions"))
        self.fields.setTabEnabled(self.actions_tab, False)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save the session (Ctrl+S)"))
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button = buttons.addButton(_("P&rint supervision record (PDF)…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)  # fmt: skip
        self.print_button.clicked.connect(lambda: self.print_requested.emit(self.session_id))
        self.print_button.setEnabled(session_id is not None)
        self.wire_buttons(buttons)
        self.status = QLabel()
        self.status.setAccessibleName(_("Save status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(820, 660))  # scrolls on a short screen; its buttons stay in view

        widgets = self.fields.widgets
        if session_id is not None:
            self._load()
        else:
            self._show({"held_on": today_uk(), "kind": "one_to_one", **(preset or {})})
        for key in ("held_on", "kind", "topics", "topics_other", "next_due_on"):
            watch(widgets[key], self._changed)
        self.fields.supervisor.picked.connect(self._changed)
        self.fields.supervisees.changed.connect(self._changed)
        self.fields.supervisees.changed.connect(self._suggest)
        widgets["held_on"].editingFinished.connect(self._suggest)
        self.notes.boxes["notes"].textChanged.connect(self._changed)
        self._suggest()
        self._loading = False
        widgets["held_on"].setFocus()

    def _show(self, data: dict[str, Any]) -> None:
        names = self.writer.read(lambda s: {pid: get_person(s, pid).full_name for pid in
                                            [data.get("supervisor_id"), *data.get("supervisee_ids", [])] if pid})
        for key, value in data.items():
            if key == "supervisor_id":
                self.fields.supervisor.set_person(value, names.get(value, ""))
            elif key == "supervisee_ids":
                for person_id in value:
                    self.fields.supervisees.add(person_id, names[person_id])
            elif key in self.fields.widgets:
                show_value(self.fields.widgets[key], value)

    def _load(self) -> None:
        def read(session):
            return session_data(session, self.session_id), get_session(session, self.session_id).version

        data, self.opened_version = self.writer.read(read)
        self.opened_values = data
        self._show(data)
        self._saved_state(data)

    def _saved_state(self, data: dict[str, Any]) -> None:
        from partnerdesk.ui.widgets.actions_panel import ActionsPanel

        self.setWindowTitle(_("Supervision session — {held_on}").format(held_on=format_uk(data['held_on'])))
        self.print_button.setEnabled(True)
        if not self.fields.isTabEnabled(self.actions_tab):
            old = self.fields.widget(self.actions_tab)
            self.fields.removeTab(self.actions_tab)
            old.deleteLater()
            self.actions = ActionsPanel(self.writer, self.session_id, SUPERVISION_ACTION,
                                        _("Actions agreed in this supervision session"))
            self.fields.insertTab(self.actions_tab, self.actions, _("A&greed actions"))

    def _suggest(self) -> None:
        """Say when the next 1:1 should be, from the supervisee's cadence (the service fills it in if left blank)."""
        ids = self.fields.supervisees.ids()
        try:
            held_on = self.fields.widgets["held_on"].date_value()
        except ValueError:
            held_on = None
        if self.fields.widgets["kind"].code() != "one_to_one" or len(ids) != 1 or held_on is None:
            self.fields.suggestion.setText(_("Group sessions do not change when the next 1:1 is due."))
            return
        earliest, latest = self.writer.read(lambda s: suggest_next_due(s, ids[0], held_on))
        self.fields.suggestion.setText(_(
            "From how often their role has supervision, the next 1:1 should be between {earliest} and "
            "{latest}. Left blank, {latest} is used."
        ).format(
            earliest=format_uk(earliest),
            latest=format_uk(latest),
        ))  # fmt: skip

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.dirty = True

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("held_on", "kind", "topics", "topics_other", "next_due_on"))
        data.update(supervisor_id=self.fields.supervisor.person_id(), supervisee_ids=self.fields.supervisees.ids(),
                    **self.notes.values())  # fmt: skip
        return data, problems

    def show_value(self, key: str, value: Any) -> None:
        if key == "supervisee_ids":
            self.fields.supervisees.list.clear()
        if key == "notes":
            self.notes.boxes["notes"].setPlainText(value or "")
        else:
            self._show({key: value})

    def shown_value(self, key: str, value: Any) -> str:
        if key in ("supervisor_id", "supervisee_ids"):  # names, not ids
            ids = value if isinstance(value, list) else [value]
            return shown(self.writer.read(lambda s: [get_person(s, pid).full_name for pid in ids if pid]))
        return super().shown_value(key, value)

    def show_problems(self, messages: dict[str, str]) -> None:
        self.notes.messages["notes"].show_message(messages.get("notes"))
        general = self.fields.show_messages(messages)
        say_problems(self.summary, messages, [text for key, text in messages.items() if key != "notes"
                                              and text in general])  # fmt: skip

    def save(self) -> bool:
        """Check and save the session; the form stays open for actions and the PDF. True when saved."""
        data, problems = self.values()
        if problems:
            self.show_problems(problems)
            return False

        def work(session):
            if self.session_id is None:
                return self.track(create_session(session, data)).id
            return self.track(update_session(session, self.session_id, data, self.opened_version)).id

        session_id = self.write(work, data)
        if session_id is None:
            return False
        new, self.session_id = self.session_id is None, session_id
        self.notes.record_id = session_id
        self.show_problems({})
        self.dirty = False
        saved = self.writer.read(lambda s: session_data(s, session_id))
        show_value(self.fields.widgets["next_due_on"], saved["next_due_on"])
        self._saved_state(saved)
        self.status.setText(
            _("Saved. You can now record the agreed actions and print the record.") if new else _("Saved.")
        )
        self.saved.emit(session_id)
        return True
