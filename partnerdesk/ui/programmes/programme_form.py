"""A programme's form: its kind, name, dates, the two sides' names and expected hours, the activities each pair must
do, and backfill (who is paid, the rates and the limit). The service checks everything and says what to fix, by the
field; nothing is saved until it is all right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.programmes import ACTIVITY_KINDS, DEFAULT_SIDE_MINUTES, PROGRAMME_KINDS
from partnerdesk.services.programmes.programmes import (
    DEFAULT_SIDES,
    create_programme,
    get_programme,
    programme_data,
    update_programme,
)
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, show_value, text_box, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.form_dialog import FormDialog

#: Fields typed as text and saved as they are (the service reads hours and money from the words typed).
TYPED = ("name", "kind", "starts_on", "ends_on", "side_a_name", "side_b_name", "side_a_hours", "side_b_hours",
         "required_notes", "backfill_side", "backfill_day", "backfill_half_day", "backfill_cap_half_days", "notes")
#: Left blank, these follow the organisation's settings (Edit → Settings → Expenses).
FROM_SETTINGS = ("backfill_day", "backfill_half_day", "backfill_cap_half_days")


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g}"


class RequiredActivities(QWidget):
    """How many of each kind of activity every pair must do: a number box per kind (0: not required)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Required activities"))
        self.boxes: dict[str, QSpinBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, (code, text) in enumerate(ACTIVITY_KINDS.items()):
            box = QSpinBox()
            box.setRange(0, 100)
            box.setSpecialValueText(_("Not required"))
            box.setAccessibleName(_("At least this many: {activity}").format(activity=_(text)))
            label = QLabel(_(text))
            label.setWordWrap(True)
            grid.addWidget(box, row, 0)
            grid.addWidget(label, row, 1)
            self.boxes[code] = box
        grid.setColumnStretch(1, 1)
        self.setFocusProxy(next(iter(self.boxes.values())))

    def value(self) -> list[dict[str, Any]]:
        return [{"kind": code, "count": box.value()} for code, box in self.boxes.items() if box.value()]

    def set_value(self, items: list[dict[str, Any]]) -> None:
        counts = {item.get("kind"): item.get("count") for item in items or []}
        for code, box in self.boxes.items():
            box.setValue(int(counts.get(code) or 0))


class ProgrammeFields(FieldTabs):
    def __init__(self) -> None:
        super().__init__(_("Programme"))
        tab = self.tab(_("&Programme"))
        self.row(tab, _("&Kind"), "kind", ChoiceCombo(PROGRAMME_KINDS, _("Kind of programme")))
        self.row(tab, _("&Name"), "name", text_box(_("Programme name")))
        self.row(tab, _("S&tarts on"), "starts_on", UkDateEdit(_("Programme starts on")))
        self.row(tab, _("&Ends on"), "ends_on", UkDateEdit(_("Programme ends on")))
        self.row(tab, _("First side's na&me"), "side_a_name", text_box(_("First side's name"), 80))
        self.row(tab, _("Hours e&xpected (first side)"), "side_a_hours",
                 text_box(_("Hours expected of the first side"), 10))  # fmt: skip
        self.row(tab, _("Secon&d side's name"), "side_b_name", text_box(_("Second side's name"), 80))
        self.row(tab, _("Hours expected (second s&ide)"), "side_b_hours",
                 text_box(_("Hours expected of the second side"), 10))  # fmt: skip
        self.row(tab, _("N&otes"), "notes", long_text_box(_("Notes about the programme"), 50))
        work = self.tab(_("&Activities and backfill"))
        self.required = self.row(work, _("Each pair must do"), "required_activities", RequiredActivities())
        self.row(work, _("Other &requirements"), "required_notes", long_text_box(_("Other requirements"), 40))
        backfill_side = QComboBox()
        short_combo(backfill_side)
        backfill_side.setAccessibleName(_("Who is paid backfill"))
        self.row(work, _("&Backfill paid to"), "backfill_side", backfill_side)
        for key, label, name in (
            ("backfill_day", N_("&Day rate"), N_("Backfill day rate")),
            ("backfill_half_day", N_("&Half-day rate"), N_("Backfill half-day rate")),
            ("backfill_cap_half_days", N_("&Limit (half days each)"), N_("Backfill limit in half days per person")),
        ):
            box = text_box(_(name), 12)
            box.setPlaceholderText(_("Blank: the organisation's setting"))
            self.row(work, _(label), key, box)
        self.same_organisation = QCheckBox(_("Pairs may come from the same or&ganisation"))
        self.row(work, None, "same_organisation_allowed", self.same_organisation)

    def set_sides(self, side_a: str, side_b: str) -> None:
        """Name the sides in the backfill choice, keeping what is chosen."""
        combo: QComboBox = self.widgets["backfill_side"]
        chosen = combo.currentData() if combo.count() else "b"
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("Nobody"), None)
        combo.addItem(side_a or _("First side"), "a")
        combo.addItem(side_b or _("Second side"), "b")
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)


class ProgrammeForm(FormDialog):
    """A new programme (programme_id None) or a programme's details. saved_id is set once it is saved."""

    unsaved_question = N_("You have changes to this programme that are not saved. Save them now?")
    closes_on_save = True

    def __init__(self, writer: Writer, programme_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.programme_id = writer, programme_id
        self.saved_id: str | None = None
        self.dirty, self._loading = False, True
        self.setWindowTitle(_("New programme") if programme_id is None else _("Programme details"))
        self.summary = problems_summary()
        self.fields = ProgrammeFields()
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole).setToolTip(_("Save the programme "
                                                                                            "(Ctrl+S)"))  # fmt: skip
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(640, 600))
        if programme_id is None:
            side_a, side_b = DEFAULT_SIDES["buddying"]
            self.base: dict[str, Any] = {
                "kind": "buddying", "name": "", "starts_on": today_uk(), "side_a_name": _(side_a),
                "side_b_name": _(side_b), "side_a_hours": _hours(DEFAULT_SIDE_MINUTES["board_member"]),
                "side_b_hours": _hours(DEFAULT_SIDE_MINUTES["community_leader"]), "backfill_side": "b",
                "required_activities": [], "same_organisation_allowed": False,
            }  # fmt: skip
        else:
            def read(session):
                programme = get_programme(session, programme_id)
                return programme_data(programme), programme.version

            self.base, self.opened_version = writer.read(read)
            self.opened_values = dict(self.base)
        self._show(self.base)
        widgets = self.fields.widgets
        for key in TYPED:
            watch(widgets[key], self._changed)
        for box in self.fields.required.boxes.values():
            box.valueChanged.connect(self._changed)
        self.fields.same_organisation.toggled.connect(self._changed)
        widgets["kind"].currentIndexChanged.connect(self._kind_changed)
        for key in ("side_a_name", "side_b_name"):
            widgets[key].textEdited.connect(self._sides_changed)
        self._kind = self.base.get("kind") or "other"
        self._loading = False
        widgets["kind"].setFocus()

    def _show(self, data: dict[str, Any]) -> None:
        self.fields.set_sides(data.get("side_a_name") or "", data.get("side_b_name") or "")
        for key, value in data.items():
            self.show_value(key, value)

    def show_value(self, key: str, value: Any) -> None:
        if key == "required_activities":
            self.fields.required.set_value(value)
        elif key == "same_organisation_allowed":
            self.fields.same_organisation.setChecked(bool(value))
        elif key == "backfill_side":
            combo = self.fields.widgets["backfill_side"]
            combo.setCurrentIndex(max(combo.findData(value), 0))
        elif key in self.fields.widgets:
            show_value(self.fields.widgets[key], "" if value is None else value if key in ("starts_on", "ends_on")
                       else str(value))  # fmt: skip

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.dirty = True

    def _kind_changed(self) -> None:
        """A new kind brings its own side names, unless the worker has typed their own."""
        kind = self.fields.widgets["kind"].code()
        old, new = DEFAULT_SIDES.get(self._kind), DEFAULT_SIDES.get(kind)
        self._kind = kind
        if old is None or new is None:
            return
        for key, was, becomes in (("side_a_name", old[0], new[0]), ("side_b_name", old[1], new[1])):
            box = self.fields.widgets[key]
            if box.text().strip() in ("", _(was)):
                box.setText(_(becomes))
        self._sides_changed()

    def _sides_changed(self) -> None:
        widgets = self.fields.widgets
        self.fields.set_sides(widgets["side_a_name"].text(), widgets["side_b_name"].text())

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The programme as typed, over what the form does not show (so saving keeps it), and unreadable dates."""
        data, problems = self.fields.values(TYPED)
        for key in FROM_SETTINGS:
            data[key] = data[key].strip() or None
        data["backfill_side"] = self.fields.widgets["backfill_side"].currentData()
        data["required_activities"] = self.fields.required.value()
        data["same_organisation_allowed"] = self.fields.same_organisation.isChecked()
        return {**self.base, **data}, problems

    def show_problems(self, messages: dict[str, str]) -> None:
        general = self.fields.show_messages(messages)
        say_problems(self.summary, messages, general)

    def save(self) -> bool:
        """Check and save the programme, then close; True when saved."""
        data, problems = self.values()
        if problems:
            self.show_problems(problems)
            return False

        def work(session):
            if self.programme_id is None:
                return create_programme(session, data).id
            return self.track(update_programme(session, self.programme_id, data, self.opened_version)).id

        saved = self.write(work, data)
        if saved is None:
            return False
        self.saved_id = saved
        self.dirty = False
        self.accept()
        return True
