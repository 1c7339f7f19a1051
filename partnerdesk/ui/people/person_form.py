"""The person form: create, change, or delete someone to the Bin. Saved as a draft while typing."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.records import vocab as v
from partnerdesk.rules.equality import QUESTIONS as EQUALITY_QUESTIONS
from partnerdesk.services.people.organisations import (
    list_committees,
    person_memberships,
    remove_membership,
    save_membership,
)
from partnerdesk.services.people.people import (
    CHOICE_FIELDS,
    DATE_FIELDS,
    create_person,
    delete_person,
    get_person,
    person_data,
    update_person,
)
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.people.area import PERSON_FORM
from partnerdesk.ui.people.form_fields import PersonFields
from partnerdesk.ui.people.seats import Seat, SeatsEditor
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.conflict_dialog import shown
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.fitting import fit_to_screen
from partnerdesk.ui.widgets.form_dialog import FormDialog

DRAFT_FORM = PERSON_FORM  # the name its drafts are kept under
#: The names workers read for the codes a person's choice fields hold (the conflict dialog shows these).
#: Words for coded answers, so the conflict dialog shows "Prefer not to say", not a code.
CODE_NAMES = {**CHOICE_FIELDS, "roles": v.ROLES, "access_needs": v.ACCESS_NEEDS,
              **{question.field: question.choices for question in EQUALITY_QUESTIONS}}


def read_widget(widget: QWidget) -> Any:
    """What a field holds, as the form's raw value (dates stay as typed text)."""
    if isinstance(widget, QLineEdit):  # UkDateEdit included
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, ChoiceCombo):
        return widget.code()
    if isinstance(widget, CheckList):
        return widget.codes()
    raise TypeError(type(widget))


def write_widget(widget: QWidget, value: Any) -> None:
    """Put a raw or stored value into a field."""
    if isinstance(widget, UkDateEdit):
        widget.set_date(value) if isinstance(value, date) or value is None else widget.setText(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(value or "")
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value or "")
    elif isinstance(widget, ChoiceCombo):
        widget.set_code(value)
    elif isinstance(widget, CheckList):
        widget.set_codes(value or [])


class PersonForm(FormDialog):
    """One person's details. `saved` carries the person's id after a successful save."""

    closes_on_save = True

    saved = Signal(str)

    def __init__(
        self, writer: Writer, person_id: str | None = None, draft: dict | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.writer = writer
        self.person_id = person_id
        self.dirty = False
        self._loading = True
        self.setWindowTitle(_("New person") if person_id is None else _("Person"))

        self.summary = problems_summary()
        self.fields = PersonFields()
        committees = writer.read(
            lambda s: [(c.id, f"{c.name} — {c.organisation.name}") for c in list_committees(s)]
        )
        self.seats = SeatsEditor(committees, self._changed)
        self.fields.addTab(self.seats, _("Co&mmittees"))

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.delete_button: QPushButton | None = None
        if person_id is not None:
            self.delete_button = buttons.addButton(_("Delete to &Bin"), QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(self.delete)
            from partnerdesk.ui.people.data_rights import data_rights_button

            self.rights_button = data_rights_button(self, writer, person_id, self._erased, self._reload)
            buttons.addButton(self.rights_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.wire_buttons(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(800, 600))  # scrolls on a short screen; its buttons stay in view

        self.keep_drafts(DRAFT_FORM)
        if person_id is not None:
            self._load()
        if draft is not None:
            self._apply_draft(draft)
        self._watch()
        self._loading = False
        self.fields.widgets["full_name"].setFocus()

    # --- loading and drafts ---------------------------------------------------------------------------
    def _load(self) -> None:
        def read(session):
            person = get_person(session, self.person_id)
            seats = [
                Seat(m.committee_id, f"{m.committee.name} — {m.committee.organisation.name}", m.term_start,
                     m.term_end, m.is_backup, m.id)
                for m in person_memberships(session, self.person_id)
            ]
            return person_data(person), person.full_name, seats, person.version

        data, name, seats, self.opened_version = self.writer.read(read)
        self.setWindowTitle(name)
        for key, widget in self.fields.widgets.items():
            write_widget(widget, data.get(key))
        self.seats.set_seats(seats)
        self.opened_values = self._collect()[0]

    def raw_values(self) -> dict[str, Any]:
        """Everything on the form as typed, for the draft."""
        seats = [
            {**seat.__dict__, "term_start": seat.term_start.isoformat(),
             "term_end": seat.term_end.isoformat() if seat.term_end else None}
            for seat in self.seats.seats
        ]
        fields = {key: read_widget(widget) for key, widget in self.fields.widgets.items()}
        # The version the form was opened at travels with the draft, so a draft restored after a crash is still
        # checked against saves made since.
        return {"fields": fields, "seats": seats, "removed": list(self.seats.removed), "version": self.opened_version}

    def _apply_draft(self, draft: dict) -> None:
        for key, value in draft.get("fields", {}).items():
            if key in self.fields.widgets:
                write_widget(self.fields.widgets[key], value)
        seats = []
        for raw in draft.get("seats", []):
            end = raw.get("term_end")
            seats.append(Seat(**{**raw, "term_start": date.fromisoformat(raw["term_start"]),
                                 "term_end": date.fromisoformat(end) if end else None}))
        self.seats.set_seats(seats)
        self.seats.removed = list(draft.get("removed", []))
        if draft.get("version") is not None:
            self.opened_version = draft["version"]
        self.dirty = True

    def _watch(self) -> None:
        for widget in self.fields.widgets.values():
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._changed)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._changed)
            elif isinstance(widget, ChoiceCombo):
                widget.currentIndexChanged.connect(self._changed)
            elif isinstance(widget, CheckList):
                widget.changed.connect(self._changed)

    def _changed(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.draft_later()

    def draft_contents(self) -> tuple[str | None, str, dict[str, Any]]:
        return self.person_id, self.fields.widgets["full_name"].text().strip() or _("New person"), self.raw_values()

    # --- saving -----------------------------------------------------------------------------------------
    def _collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = {}, {}
        for key, widget in self.fields.widgets.items():
            if key in DATE_FIELDS:
                try:
                    data[key] = widget.date_value()
                except ValueError as exc:
                    problems[key] = str(exc)
            else:
                data[key] = read_widget(widget)
        return data, problems

    def shown_value(self, key: str, value: Any) -> str:
        names = CODE_NAMES.get(key, {})
        if isinstance(value, list):
            return shown([names.get(code, code) for code in value])
        return shown(names.get(value, value) if isinstance(value, str) else value)

    def show_value(self, key: str, value: Any) -> None:
        if key in self.fields.widgets:
            write_widget(self.fields.widgets[key], value)

    def show_problems(self, messages: dict[str, str]) -> None:
        """Show each message under its field, and jump to the first field that needs fixing."""
        for key, label in self.fields.messages.items():
            label.show_message(messages.get(key))
        general = [text for key, text in messages.items() if key not in self.fields.messages]
        say_problems(self.summary, messages, general)
        if messages:
            first = next((key for key in self.fields.widgets if key in messages), None)
            if first:
                self.fields.setCurrentIndex(self.fields.tab_of[first])
                self.fields.widgets[first].setFocus()
        else:
            self.summary.hide()

    def save(self) -> bool:
        """Check and save everything on the form in one go; returns True when saved."""
        data, problems = self._collect()
        if problems:
            self.show_problems(problems)
            return False

        def work(session):
            if self.person_id is None:
                person = create_person(session, data)
            else:
                person = self.track(update_person(session, self.person_id, data, self.opened_version))
            for membership_id in self.seats.removed:
                remove_membership(session, membership_id)
            for seat in self.seats.seats:
                save_membership(session, person.id, seat.committee_id, seat.term_start, seat.term_end,
                                seat.is_backup, seat.membership_id)
            self.discard_draft(session, self.person_id)
            return person.id

        person_id = self.write(work, data)
        if person_id is None:
            return False
        self.person_id = person_id
        self.dirty = False
        self.saved.emit(person_id)
        super().accept()
        return True

    def delete(self) -> None:
        """Move this person to the Bin after asking."""
        name = self.fields.widgets["full_name"].text()
        answer = QMessageBox.question(
            self,
            _("Delete to Bin"),
            _("Move {name} to the Bin? You can restore them from the Bin later.").format(name=name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(session):
            delete_person(session, self.person_id)
            self.discard_draft(session, self.person_id)

        self.writer.run(self, work)
        self.dirty = False
        super().accept()

    def _reload(self) -> None:
        # Changed from the Data protection menu (no unsaved typing: it asks first): show the record as it is now.
        self._loading = True
        self._load()
        self._loading = False
        self.dirty = False

    def _erased(self) -> None:
        # Nothing left to save or keep a draft of: the person is gone.
        self._draft_timer.stop()
        self.dirty = False
        super().reject()

    def draft_record_id(self) -> str | None:
        return self.person_id
