"""Settings → Wellbeing: the organisation's own SWEMWBS wording (from its licensed copy, with the licence note) and
when a follow-up after distress is due."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from partnerdesk.i18n import N_, _
from partnerdesk.rules.wellbeing import SWEMWBS_ITEMS
from partnerdesk.services.common.settings import SETTINGS
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.section import Section, heading, note
from partnerdesk.ui.wellbeing.common import copyright_label
from partnerdesk.ui.widgets.field_tabs import text_box


class WellbeingSection(Section):
    """The SWEMWBS item wording and the follow-up after distress."""

    title = N_("Wellbeing")
    code = "wellbeing"

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        form = self.form()
        self.working_days = QSpinBox()
        self.working_days.setRange(1, 10)
        self.working_days.setMaximumWidth(150)
        self.working_days.setAccessibleName(SETTINGS["follow_up_working_days"].label)
        self.field(form, _("&Follow-up after distress (working days)"), "follow_up_working_days", self.working_days)
        form.addRow(note(SETTINGS["follow_up_working_days"].help))

        self.column.addWidget(heading(_("SWEMWBS wording")))
        self.column.addWidget(note(_(
            "PartnerDesk does not include the SWEMWBS wording: its licence does not allow it. Type the seven items "
            "exactly as your organisation's licensed copy gives them, or leave all seven blank to record scores "
            "with numbered items.")))
        self.items = [text_box(_("SWEMWBS item {value}").format(value=n + 1), 300) for n in range(SWEMWBS_ITEMS)]
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        for number, box in enumerate(self.items):
            caption = QLabel(_("Item &{n}").format(n=number + 1))
            caption.setBuddy(box)
            grid.addWidget(caption, number, 0)
            grid.addWidget(box, number, 1)
        column.addLayout(grid)
        self.column.addWidget(holder)
        self.column.addWidget(self.message_for("swemwbs_items", SETTINGS["swemwbs_items"].label))
        self.column.addWidget(copyright_label())
        self.column.addStretch()

    def load(self, values: dict[str, Any]) -> None:
        for box, text in zip(self.items, values["swemwbs_items"] or [""] * SWEMWBS_ITEMS, strict=True):
            box.setText(text)
        self.working_days.setValue(values["follow_up_working_days"])

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        return {"swemwbs_items": [box.text() for box in self.items],
                "follow_up_working_days": self.working_days.value()}, {}  # fmt: skip
