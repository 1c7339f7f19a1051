"""The wellbeing check form: who, when, how they are (quick answer and optional scales), distress and the
follow-up it needs, and confidential notes behind a button. Saved as a draft while typing."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QMessageBox, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import UK, today_uk
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS, QUICK_ANSWERS, default_follow_up_due
from partnerdesk.services.common import drafts
from partnerdesk.services.common.access import may_change
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.wellbeing.checks import (
    check_data,
    create_check,
    delete_check,
    get_check,
    swemwbs_wording,
    update_check,
)
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.confidential_panel import ConfidentialPanel
from partnerdesk.ui.wellbeing.scales import Ons4Fields, SwemwbsFields
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.conflict_dialog import shown
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import FieldTabs, show_value, text_box, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.form_dialog import FormDialog
from partnerdesk.ui.widgets.person_picker import PersonPicker
from partnerdesk.ui.widgets.time_edit import UkTimeEdit

CHECK_FORM = "wellbeing_check"  # the name its drafts are kept under
CONFIDENTIAL = {"concerns": N_("Concerns &raised"), "follow_up_action": N_("What was done to &follow up"),
                "confidential_notes": N_("Confidential &notes")}  # fmt: skip
TYPED = ("checked_at", "checked_time", "worker_name", "context", "quick_score", "follow_up_by", "follow_up_due_on",
         "follow_up_done_on", "signposted_to")  # fmt: skip
KEPT = ("meeting_id", "worker_person_id")  # not on the form: kept as loaded or given


def quick_box() -> QComboBox:
    box = short_combo()
    box.setAccessibleName(_("How are you doing (1 to 5)"))
    box.addItem(_("Not asked"), None)
    for value, words in QUICK_ANSWERS.items():
        box.addItem(f"{value} — {words}", value)
    return box


class CheckFields(FieldTabs):
    """The check's fields on four tabs."""

    def __init__(self, writer: Writer, wording: list[str]):
        super().__init__(_("Wellbeing check"))
        tab = self.tab(_("&The check"))
        self.person = self.row(tab, _("&Person"), "person_id", PersonPicker(writer, _("Person checked with")))
        self.row(tab, _("D&ate"), "checked_at", UkDateEdit(_("Date of the check")))
        self.row(tab, _("T&ime"), "checked_time", UkTimeEdit(_("Time of the check")))
        self.row(tab, _("&Worker"), "worker_name", text_box(_("Worker who did the check")))
        self.row(tab, _("&Kind of check"), "context", ChoiceCombo(CHECK_CONTEXTS, _("Kind of check")))
        self.row(tab, _("&How are they doing?"), "quick_score", quick_box())
        tab = self.tab(_("Sca&les (optional)"))
        self.ons4 = self.row(tab, None, "ons4", Ons4Fields())
        self.swemwbs = self.row(tab, None, "swemwbs", SwemwbsFields(wording))
        tab = self.tab(_("Distress and &follow-up"))
        self.distress = QCheckBox(_("Taking part t&riggered distress (a follow-up is then needed)"))
        self.distress.setAccessibleName(_("Taking part triggered distress"))
        self.row(tab, None, "distress", self.distress)
        self.needed = QCheckBox(_("Follow-up &needed"))
        self.needed.setAccessibleName(_("Follow-up needed"))
        self.row(tab, None, "follow_up_needed", self.needed)
        self.row(tab, _("Follow-up &by"), "follow_up_by", text_box(_("Who will follow up")))
        self.row(tab, _("Follow-up d&ue"), "follow_up_due_on", UkDateEdit(_("Follow-up due by")))
        self.row(tab, _("Follow-up d&one on"), "follow_up_done_on", UkDateEdit(_("Follow-up done on")))
        self.row(tab, _("Si&gnposted to"), "signposted_to", text_box(_("Signposted to"), 500))


class CheckForm(FormDialog):
    """One wellbeing check (a new one when check_id is None). `saved` carries its id."""

    unsaved_question = N_("You have changes to this check that are not saved. Save them now?")
    closes_on_save = True

    saved = Signal(str)

    def __init__(self, writer: Writer, check_id: str | None = None, preset: dict[str, Any] | None = None,
                 parent: QWidget | None = None, draft: dict | None = None):  # fmt: skip
        super().__init__(parent)
        self.writer, self.check_id = writer, check_id
        self.dirty, self._loading = False, True
        self.kept: dict[str, Any] = dict.fromkeys(KEPT)
        self.setWindowTitle(_("New wellbeing check") if check_id is None else _("Wellbeing check"))
        wording, _unused = writer.read(swemwbs_wording)
        self.working_days = writer.read(lambda s: get_setting(s, "follow_up_working_days"))
        self.summary = problems_summary()
        self.fields = CheckFields(writer, wording)
        self.notes = ConfidentialPanel(writer, "wellbeing_check", check_id, CONFIDENTIAL)
        self.fields.addTab(self.notes, _("&Confidential"))
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save (Ctrl+S)"))
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        if check_id is not None:
            buttons.addButton(_("&Delete to Bin"), QDialogButtonBox.ButtonRole.DestructiveRole).clicked.connect(
                self.delete)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(760, 640))  # scrolls on a short screen; its buttons stay in view

        self.fields.distress.toggled.connect(self._distress_changed)
        self.keep_drafts(CHECK_FORM)
        if check_id is not None:
            self._load()
        else:
            now = datetime.now().astimezone()
            self._show({"checked_at": today_uk(), "checked_time": now.time().replace(second=0, microsecond=0),
                        "context": "routine", **(preset or {})})  # fmt: skip
        if draft is not None:
            self.opened_version = draft.get("version", self.opened_version)
            self._show(draft.get("fields", {}))
            if draft.get("notes"):
                self.notes.set_values(draft["notes"])
            self.dirty = True
        for key, widget in self.fields.widgets.items():
            if key not in ("ons4", "swemwbs", "person_id"):
                watch(widget, self._changed)
        for box in (*self.fields.ons4.boxes.values(), *self.fields.swemwbs.boxes):
            box.currentIndexChanged.connect(self._changed)
        for check in (self.fields.distress, self.fields.needed):
            check.toggled.connect(self._changed)
        self.fields.person.picked.connect(self._changed)
        for box in self.notes.boxes.values():
            box.textChanged.connect(self._changed)
        self._loading = False
        self.fields.person.setFocus()

    # --- filling ----------------------------------------------------------------------------------------
    def _show(self, data: dict[str, Any]) -> None:
        widgets = self.fields.widgets
        for key, value in data.items():
            if key in KEPT:
                self.kept[key] = value
            elif key == "person_id":
                self.fields.person.set_person(value, data.get("person_name", ""))
            elif key == "ons4":
                self.fields.ons4.set_answers(value)
            elif key == "swemwbs":
                self.fields.swemwbs.set_answers(value)
            elif key in ("distress", "follow_up_needed"):
                widgets[key].setChecked(bool(value))
            elif key in widgets:
                show_value(widgets[key], value)

    def _load(self) -> None:
        def read(session):
            check = get_check(session, self.check_id)
            self.view_only = not may_change("wellbeing_checks", check.created_by)
            return check_data(session, self.check_id), check.person.full_name, check.version

        data, name, self.opened_version = self.writer.read(read)
        self.opened_values = {**data, **self.notes.values()}
        local = data.pop("checked_at").astimezone(UK)
        self._show({**data, "person_name": name, "checked_at": local.date(), "checked_time": local.time()})
        self.setWindowTitle(_("Wellbeing check — {name}").format(name=name))

    def _distress_changed(self, on: bool) -> None:
        """Distress always needs a follow-up, due by the next working day unless the worker picks a day."""
        if not on or self._loading:
            return
        self.fields.needed.setChecked(True)
        due = self.fields.widgets["follow_up_due_on"]
        if not due.text().strip():
            try:
                day = self.fields.widgets["checked_at"].date_value() or today_uk()
            except ValueError:
                day = today_uk()
            due.set_date(default_follow_up_due(day, self.working_days))

    # --- drafts -----------------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self.dirty = True
        self._draft_timer.start()

    def raw_values(self) -> dict[str, Any]:
        """Everything typed, as text and codes, for the draft (confidential notes only once shown)."""
        w = self.fields.widgets
        fields = {key: w[key].currentData() if isinstance(w[key], QComboBox) else w[key].text() for key in TYPED}
        fields.update(person_id=self.fields.person.person_id(), person_name=self.fields.person.person_name(),
                      ons4=self.fields.ons4.answers(), swemwbs=self.fields.swemwbs.answers(),
                      distress=self.fields.distress.isChecked(), follow_up_needed=self.fields.needed.isChecked(),
                      **self.kept)  # fmt: skip
        return {"fields": fields, "notes": self.notes.values(), "version": self.opened_version}

    def save_draft(self) -> None:
        """Keep what has been typed so far, in case the computer crashes before Save."""
        title = _("Wellbeing check: {person_name}").format(
            person_name=self.fields.person.person_name() or _('nobody picked yet'),
        )
        payload = self.raw_values()
        self.writer.run(self, lambda s: drafts.save_draft(s, CHECK_FORM, self.check_id, title, payload), quiet=True)

    # --- saving -----------------------------------------------------------------------------------------
    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        typed, problems = self.fields.values(TYPED)
        day, at = typed.pop("checked_at", None), typed.pop("checked_time", None)
        if "checked_time" in problems:
            problems["checked_at"] = problems.pop("checked_time")
        moment = uk_moment(day, at) if day is not None and at is not None else None
        if day is not None and at is None and "checked_at" not in problems:
            problems["checked_at"] = _("Please give the time of the check, for example 14:30.")
        data = {**typed, **self.kept, "person_id": self.fields.person.person_id(), "checked_at": moment,
                "ons4": self.fields.ons4.answers(), "swemwbs": self.fields.swemwbs.answers(),
                "distress": self.fields.distress.isChecked(), "follow_up_needed": self.fields.needed.isChecked(),
                **self.notes.values()}  # fmt: skip
        return data, problems

    def show_value(self, key: str, value: Any) -> None:
        if key == "checked_at" and value is not None:
            local = value.astimezone(UK)
            self._show({"checked_at": local.date(), "checked_time": local.time()})
        elif key == "person_id":
            self._show({key: value, "person_name": self.writer.read(lambda s: get_check(s, self.check_id)
                                                                    .person.full_name)})  # fmt: skip
        elif key in self.notes.boxes:
            self.notes.boxes[key].setPlainText(value or "")
        else:
            self._show({key: value})

    def shown_value(self, key: str, value: Any) -> str:
        if key == "person_id":
            return _("another person") if value != self.fields.person.person_id() else _("this person")
        if key == "checked_at" and value is not None:
            return shown(value.astimezone(UK))
        return super().shown_value(key, value)

    def show_problems(self, messages: dict[str, str]) -> None:
        for key, label in self.notes.messages.items():
            label.show_message(messages.get(key))
        general = self.fields.show_messages(messages)
        say_problems(self.summary, messages, [m for k, m in messages.items() if k not in self.notes.messages
                                              and m in general])  # fmt: skip

    def save(self) -> bool:
        """Check and save the whole check in one go; True when saved."""
        data, problems = self.values()
        if problems:
            self.show_problems(problems)
            return False
        self._draft_timer.stop()

        def work(session):
            check = (create_check(session, data) if self.check_id is None
                     else update_check(session, self.check_id, data, self.opened_version))  # fmt: skip
            drafts.discard_draft(session, CHECK_FORM, self.check_id)
            return check.id

        check_id = self.write(work, data)
        if check_id is None:
            return False
        self.check_id, self.dirty = check_id, False
        self.saved.emit(check_id)
        super().accept()
        return True

    def delete(self) -> None:
        """Move this check to the Bin after asking."""
        if QMessageBox.question(self, _("Delete to Bin"), _("Move this wellbeing check to the Bin?")) != \
                QMessageBox.StandardButton.Yes:  # fmt: skip
            return
        self.writer.run(self, lambda s: (delete_check(s, self.check_id),
                                         drafts.discard_draft(s, CHECK_FORM, self.check_id)))  # fmt: skip
        self.dirty = False
        super().accept()

    def draft_record_id(self) -> str | None:
        return self.check_id
