"""Ticking off a follow-up: when it was done, what was done (confidential) and where the person was signposted."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QVBoxLayout, QWidget

from partnerdesk.rules.dates import today_uk
from partnerdesk.services.errors import ValidationError
from partnerdesk.services.wellbeing import record_follow_up_done
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import problems_summary, say_problems
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import FieldTabs, long_text_box, text_box
from partnerdesk.ui.widgets.form_dialog import FormDialog


class FollowUpDoneDialog(FormDialog):
    """Mark one check's follow-up done."""

    def __init__(self, writer: Writer, check_id: str, person_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.check_id = writer, check_id
        self.setWindowTitle(f"Follow-up done — {person_name}")
        self.setMinimumWidth(560)
        self.summary = problems_summary()
        self.fields = FieldTabs("Follow-up done")
        tab = self.fields.tab("&Follow-up")
        self.done_on = self.fields.row(tab, "Done &on", "follow_up_done_on", UkDateEdit("Follow-up done on"))
        self.done_on.set_date(today_uk())
        self.action = self.fields.row(tab, "&What was done (confidential)", "follow_up_action",
                                      long_text_box("What was done (confidential)"))  # fmt: skip
        self.signposted = self.fields.row(tab, "&Signposted to", "signposted_to", text_box("Signposted to", 500))
        buttons = QDialogButtonBox()
        buttons.addButton("&Mark done", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields)
        layout.addWidget(buttons)
        self.done_on.setFocus()

    def save(self) -> bool:
        data, problems = self.fields.values(("follow_up_done_on", "follow_up_action", "signposted_to"))
        if not problems and data["follow_up_done_on"] is None:
            problems["follow_up_done_on"] = "Please give the date the follow-up was done."
        if problems:
            say_problems(self.summary, problems, self.fields.show_messages(problems))
            return False
        try:
            done = self.writer.run(self, lambda s: record_follow_up_done(
                s, self.check_id, data["follow_up_done_on"], data["follow_up_action"].strip() or None,
                data["signposted_to"].strip() or None))  # fmt: skip
        except ValidationError as exc:
            say_problems(self.summary, exc.messages, self.fields.show_messages(exc.messages))
            return False
        if done is None:
            return False
        super().accept()
        return True
