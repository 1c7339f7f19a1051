"""Ticking off a follow-up: when it was done, what was done (confidential) and where the person was signposted."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.wellbeing.checks import record_follow_up_done
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.common import SmallForm
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import long_text_box, text_box


class FollowUpDoneDialog(SmallForm):
    """Mark one check's follow-up done."""

    def __init__(self, writer: Writer, check_id: str, person_name: str, parent: QWidget | None = None):
        super().__init__(writer, _("Follow-up done — {person_name}").format(person_name=person_name), _("&Mark done"),
                         parent, name=_("Follow-up done"),
                         tab=_("&Follow-up"), width=560)  # fmt: skip
        self.check_id = check_id
        self.done_on = self.fields.row(self.tab, _("Done &on"), "follow_up_done_on", UkDateEdit(_("Follow-up done on")))
        self.done_on.set_date(today_uk())
        self.action = self.fields.row(self.tab, _("&What was done (confidential)"), "follow_up_action",
                                      long_text_box(_("What was done (confidential)")))  # fmt: skip
        self.signposted = self.fields.row(self.tab, _("&Signposted to"), "signposted_to",
                                          text_box(_("Signposted to"), 500))  # fmt: skip
        self.done_on.setFocus()

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("follow_up_done_on", "follow_up_action", "signposted_to"))
        if not problems and data["follow_up_done_on"] is None:
            problems["follow_up_done_on"] = _("Please give the date the follow-up was done.")
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return record_follow_up_done(session, self.check_id, data["follow_up_done_on"],
                                     data["follow_up_action"].strip() or None, data["signposted_to"].strip() or None)
