"""One person's application to a programme: who, which side, their organisation and role, what they want to learn
and can offer, the areas and communities they know, when they are free, and anyone they must not be matched with.

Lists are typed one item a line (or with commas between); the service tidies and checks them and says what to fix,
by the field. Nothing is saved until it is all right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.records.programmes import ProgrammeApplication
from partnerdesk.rules.programmes import AVAILABILITY
from partnerdesk.services.people.organisations import list_organisations
from partnerdesk.services.programmes.names import people_names
from partnerdesk.services.programmes.programmes import (
    application_data,
    create_application,
    get_programme,
    update_application,
)
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.tables import RECORD_ID_ROLE
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, show_value, text_box, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.form_dialog import FormDialog
from partnerdesk.ui.widgets.person_picker import PersonPicker

#: The lists typed one item a line, with the words that label them.
LISTS = (
    ("aspirations", N_("What they &want to learn"), N_("What they want to learn or gain")),
    ("experience", N_("E&xperience to offer"), N_("Experience they can offer")),
    ("areas", N_("A&reas of the city"), N_("Areas of the city they know")),
    ("communities", N_("&Communities of interest"), N_("Communities of interest")),
)


class PeopleList(QWidget):
    """People chosen one at a time (find, then Add), shown by name, with Remove."""

    changed = Signal()

    def __init__(self, writer: Writer, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(name)
        self.picker = PersonPicker(writer, _("Find someone to add to: {list}").format(list=name))
        self.add_button = QPushButton(_("A&dd"))
        self.add_button.setAccessibleName(_("Add the person found to: {list}").format(list=name))
        self.add_button.clicked.connect(self.add_picked)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setMaximumHeight(80)
        self.remove_button = QPushButton(_("Remo&ve"))
        self.remove_button.setAccessibleName(_("Remove the selected person from: {list}").format(list=name))
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

    def add(self, person_id: str | None, name: str) -> None:
        if person_id and person_id not in self.ids():
            QListWidgetItem(name, self.list).setData(RECORD_ID_ROLE, person_id)
            self.changed.emit()

    def add_picked(self) -> None:
        self.add(self.picker.person_id(), self.picker.person_name())
        self.picker.clear()

    def remove_selected(self) -> None:
        if self.list.currentRow() >= 0:
            self.list.takeItem(self.list.currentRow())
            self.changed.emit()

    def ids(self) -> list[str]:
        return [self.list.item(row).data(RECORD_ID_ROLE) for row in range(self.list.count())]


class ApplicationFields(FieldTabs):
    def __init__(self, writer: Writer, sides: tuple[str, str], organisations: list[tuple[str, str]]):
        super().__init__(_("Application"))
        tab = self.tab(_("Applica&tion"))
        self.person = self.row(tab, _("&Person applying"), "person_id", PersonPicker(writer, _("Person applying")))
        side = QComboBox()
        short_combo(side)
        side.setAccessibleName(_("Side of the programme"))
        for code, name in zip(("a", "b"), sides, strict=True):
            side.addItem(name, code)  # the programme's own names for its sides, as typed
        self.row(tab, _("Si&de"), "side", side)
        organisation = QComboBox()
        short_combo(organisation)
        organisation.setAccessibleName(_("Their organisation"))
        organisation.addItem(_("None given"), None)
        for organisation_id, name in organisations:
            organisation.addItem(name, organisation_id)
        self.row(tab, _("&Organisation"), "organisation_id", organisation)
        self.row(tab, _("&Role"), "role", text_box(_("Their role"), 200))
        self.row(tab, None, "availability", CheckList(_("When they are free"), AVAILABILITY))
        about = self.tab(_("&About them"))
        for key, label, name in LISTS:
            box = long_text_box(_(name), 44)
            box.setPlaceholderText(_("One a line, or with commas between"))
            self.row(about, _(label), key, box)
        limits = self.tab(_("Must &not match"))
        self.must_not = self.row(limits, _("Must not be matched &with"), "must_not_match",
                                 PeopleList(writer, _("People they must not be matched with")))  # fmt: skip
        self.row(limits, _("Wh&y (optional)"), "must_not_match_notes",
                 long_text_box(_("Why they must not be matched with them"), 50))  # fmt: skip


class ApplicationForm(FormDialog):
    """A new application to a programme (application_id None), or one to change. saved_id is set once saved."""

    unsaved_question = N_("You have changes to this application that are not saved. Save them now?")
    closes_on_save = True

    def __init__(self, writer: Writer, programme_id: str, application_id: str | None = None,
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.writer, self.programme_id, self.application_id = writer, programme_id, application_id
        self.saved_id: str | None = None
        self.dirty, self._loading = False, True

        def read(session):
            programme = get_programme(session, programme_id)
            organisations = [(o.id, o.name) for o in list_organisations(session)]
            data, version, names = None, None, {}
            if application_id is not None:
                application = session.get(ProgrammeApplication, application_id)
                data, version = application_data(application), application.version
                names = people_names(session, [data["person_id"], *data["must_not_match"]])
            return (programme.name, programme.side_a_name, programme.side_b_name), organisations, data, version, names

        (name, *sides), organisations, data, self.opened_version, names = writer.read(read)
        self.setWindowTitle(_("New application to {programme}").format(programme=name) if application_id is None
                            else _("Application to {programme}").format(programme=name))  # fmt: skip
        self.summary = problems_summary()
        self.fields = ApplicationFields(writer, (sides[0], sides[1]), organisations)
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole).setToolTip(
            _("Save the application (Ctrl+S)"))  # fmt: skip
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(640, 560))
        if data is not None:
            self.opened_values = dict(data)
            self.fields.person.set_person(data["person_id"], names.get(data["person_id"], ""))
            self.fields.person.setEnabled(False)  # an application stays with its person
            for person_id in data["must_not_match"]:
                self.fields.must_not.add(person_id, names.get(person_id, _("Someone since erased")))
            for key, value in data.items():
                if key not in ("person_id", "must_not_match", "programme_id"):
                    self.show_value(key, value)
        widgets = self.fields.widgets
        for key in ("side", "organisation_id", "role", "availability", "must_not_match_notes",
                    *(key for key, _label, _name in LISTS)):  # fmt: skip
            watch(widgets[key], self._changed)
        self.fields.person.picked.connect(self._changed)
        self.fields.must_not.changed.connect(self._changed)
        self._loading = False
        (widgets["side"] if application_id else widgets["person_id"]).setFocus()

    def show_value(self, key: str, value: Any) -> None:
        if key in dict.fromkeys(k for k, _label, _name in LISTS):
            value = "\n".join(value or [])
        if key in self.fields.widgets and key != "must_not_match":
            show_value(self.fields.widgets[key], value)

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.dirty = True

    def values(self) -> dict[str, Any]:
        keys = ("side", "organisation_id", "role", "availability", "must_not_match_notes",
                *(key for key, _label, _name in LISTS))  # fmt: skip
        data, _problems = self.fields.values(keys)  # no dates here, so nothing unreadable
        return {**data, "programme_id": self.programme_id, "person_id": self.fields.person.person_id(),
                "must_not_match": self.fields.must_not.ids()}  # fmt: skip

    def show_problems(self, messages: dict[str, str]) -> None:
        say_problems(self.summary, messages, self.fields.show_messages(messages))

    def save(self) -> bool:
        """Check and save the application, then close; True when saved."""
        data = self.values()

        def work(session):
            if self.application_id is None:
                return create_application(session, data).id
            return self.track(update_application(session, self.application_id, data, self.opened_version)).id

        saved = self.write(work, data)
        if saved is None:
            return False
        self.saved_id = saved
        self.dirty = False
        self.accept()
        return True
