"""Wellbeing settings: the organisation's own SWEMWBS wording (from its licensed copy), when a follow-up after
distress is due, how often each role has 1:1 supervision, and who needs the mandatory training.
All saved together, or nothing if anything is wrong."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.records.vocab import ROLES
from partnerdesk.rules.wellbeing import SWEMWBS_ITEMS
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import SETTINGS, all_settings, set_setting
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import copyright_label, problems_summary, say_problems
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.field_tabs import FieldTabs, text_box
from partnerdesk.ui.widgets.fitting import fit_to_screen
from partnerdesk.ui.widgets.form_dialog import FormDialog

KEYS = ("swemwbs_items", "follow_up_working_days", "supervision_cadences", "training_roles")


def days_box(name: str, lowest: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setAccessibleName(name)
    box.setRange(lowest, 365)
    box.setMaximumWidth(150)
    if lowest == 0:
        box.setSpecialValueText(_("Not set"))
    return box


class CadenceGrid(QWidget):
    """For each role: the shortest and longest gap in days between 1:1 sessions ("Not set": no cadence)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(_("Supervision every (days, by role)"))
        grid = QGridLayout(self)
        note = QLabel(_("How often each role has 1:1 supervision: the shortest and longest gap between sessions. "
                      "Anyone else with a named supervisor follows the peer support worker's gap."))  # fmt: skip
        note.setWordWrap(True)
        grid.addWidget(note, 0, 0, 1, 4)
        for column, text in enumerate((_("Role"), _("Shortest gap (days)"), _("Longest gap (days)"))):
            grid.addWidget(QLabel(text), 1, column)
        grid.setColumnStretch(3, 1)
        self.boxes: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for row, (code, label) in enumerate(ROLES.items(), start=2):
            shortest, longest = (
                days_box(_("{label}: shortest gap in days").format(label=_(label))),
                days_box(_("{label}: longest gap in days").format(label=_(label))),
            )
            grid.addWidget(QLabel(_(label)), row, 0)
            grid.addWidget(shortest, row, 1)
            grid.addWidget(longest, row, 2)
            self.boxes[code] = (shortest, longest)

    def value(self) -> dict[str, list[int]]:
        return {code: [a.value(), b.value()] for code, (a, b) in self.boxes.items() if a.value() or b.value()}

    def set_value(self, value: dict[str, list[int]]) -> None:
        for code, (a, b) in self.boxes.items():
            gap = value.get(code, [0, 0])
            a.setValue(gap[0])
            b.setValue(gap[1])


class SettingsDialog(FormDialog):
    """The wellbeing, supervision and training settings."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(_("Wellbeing settings"))
        self.summary = problems_summary()
        self.fields = FieldTabs(_("Wellbeing settings"))
        tab = self.fields.tab(_("&SWEMWBS wording"))
        note = QLabel(_("PartnerDesk does not include the SWEMWBS wording: its licence does not allow it. Type the "
                      "seven items exactly as your organisation's licensed copy gives them, or leave all seven "
                      "blank to record scores with numbered items."))  # fmt: skip
        note.setWordWrap(True)
        tab.addRow(note)
        self.items = [text_box(_("SWEMWBS item {value}").format(value=n + 1), 300) for n in range(SWEMWBS_ITEMS)]
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        for number, box in enumerate(self.items):
            row = QGridLayout()
            caption = QLabel(_("Item &{value}").format(value=number + 1))
            caption.setBuddy(box)
            row.addWidget(caption, 0, 0)
            row.addWidget(box, 0, 1)
            column.addLayout(row)
        self.fields.row(tab, None, "swemwbs_items", holder)
        tab.addRow(copyright_label())
        tab = self.fields.tab(_("&Follow-up and supervision"))
        self.working_days = self.fields.row(tab, _(SETTINGS["follow_up_working_days"].label), "follow_up_working_days",
                                            days_box(_("Follow-up after distress (working days)"), 1))  # fmt: skip
        self.working_days.setRange(1, 10)
        self.cadences = self.fields.row(tab, None, "supervision_cadences", CadenceGrid())
        tab = self.fields.tab(_("&Training"))
        self.roles = self.fields.row(tab, None, "training_roles", CheckList(_(SETTINGS["training_roles"].label), ROLES))
        buttons = QDialogButtonBox()
        buttons.addButton(_("&Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(760, 620))  # scrolls on a short screen; its buttons stay in view
        self._load()

    def _load(self) -> None:
        values = self.writer.read(all_settings)
        for box, text in zip(self.items, values["swemwbs_items"] or [""] * SWEMWBS_ITEMS, strict=True):
            box.setText(text)
        self.working_days.setValue(values["follow_up_working_days"])
        self.cadences.set_value(values["supervision_cadences"])
        self.roles.set_codes(values["training_roles"])

    def values(self) -> dict:
        return {
            "swemwbs_items": [box.text() for box in self.items],
            "follow_up_working_days": self.working_days.value(),
            "supervision_cadences": self.cadences.value(),
            "training_roles": self.roles.codes(),
        }

    def save(self) -> bool:
        data = self.values()

        def work(session):
            problems = {}
            for key in KEYS:
                try:
                    set_setting(session, key, data[key])
                except ValidationError as exc:
                    problems.update(exc.messages)
            if problems:
                raise ValidationError(problems)  # one transaction: nothing is kept unless every setting is right

        try:
            self.writer.run(self, work)
        except ValidationError as exc:
            say_problems(self.summary, exc.messages, self.fields.show_messages(exc.messages))
            return False
        super().accept()
        return True
