"""Settings → Supervision and training: how often each role has 1:1 supervision, which roles need the mandatory
training, and a way to the list of courses (kept on the Supervision and training page)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.records.vocab import ROLES
from partnerdesk.services.common.settings import SETTINGS
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.section import Section, heading, note
from partnerdesk.ui.widgets.check_list import CheckList


def days_box(name: str, lowest: int = 0) -> QSpinBox:
    """A number of days up to a year; 0 reads "Not set"."""
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
        self.setAccessibleName(SETTINGS["supervision_cadences"].label)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate((_("Role"), _("Shortest gap (days)"), _("Longest gap (days)"))):
            grid.addWidget(QLabel(text), 0, column)
        grid.setColumnStretch(3, 1)
        self.boxes: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for row, (code, label) in enumerate(ROLES.items(), start=1):
            shortest = days_box(_("{role}: shortest gap in days").format(role=label))
            longest = days_box(_("{role}: longest gap in days").format(role=label))
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(shortest, row, 1)
            grid.addWidget(longest, row, 2)
            self.boxes[code] = (shortest, longest)

    def value(self) -> dict[str, list[int]]:
        """The gaps by role code, leaving out roles with none."""
        return {code: [a.value(), b.value()] for code, (a, b) in self.boxes.items() if a.value() or b.value()}

    def set_value(self, value: dict[str, list[int]]) -> None:
        """Show the gaps by role code (roles not given read "Not set")."""
        for code, (a, b) in self.boxes.items():
            gap = value.get(code, [0, 0])
            a.setValue(gap[0])
            b.setValue(gap[1])


class SupervisionSection(Section):
    """Supervision every so many days by role, and who needs the mandatory training."""

    title = N_("Supervision and training")
    code = "supervision"

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        self.column.addWidget(heading(_("1:1 supervision")))
        self.column.addWidget(note(_(
            "How often each role has 1:1 supervision: the shortest and longest gap between sessions. Anyone else "
            "with a named supervisor follows the peer support worker's gap.")))
        self.cadences = CadenceGrid()
        self.column.addWidget(self.cadences)
        self.column.addWidget(self.message_for("supervision_cadences", SETTINGS["supervision_cadences"].label))
        self.column.addWidget(heading(_("Training")))
        self.roles = CheckList(SETTINGS["training_roles"].label, ROLES)
        self.column.addWidget(self.roles)
        self.column.addWidget(self.message_for("training_roles", SETTINGS["training_roles"].label))
        self.column.addWidget(note(SETTINGS["training_roles"].help))
        self.courses = QPushButton(_("Training &courses…"))
        self.courses.setAccessibleName(_("Go to the training courses on the Supervision and training page"))
        self.courses.clicked.connect(lambda: self.go_to.emit("courses"))
        row = QHBoxLayout()
        row.addWidget(self.courses)
        row.addStretch()
        self.column.addLayout(row)
        self.column.addStretch()

    def load(self, values: dict[str, Any]) -> None:
        self.cadences.set_value(values["supervision_cadences"])
        self.roles.set_codes(values["training_roles"])

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        return {"supervision_cadences": self.cadences.value(), "training_roles": self.roles.codes()}, {}
