"""What can be done to a Today line from the list itself: put it off until a day, and, where the work is a tick
rather than a form, mark it done.

"Done" is offered only where ticking it off is the whole job: an overdue action from a meeting, and a wellbeing
follow-up (what was done can still be written on the check). Lines whose work is done elsewhere (papers sent,
attendance recorded, a claim approved, supervision held) go away by themselves when it is, so they have no "done".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.snoozes import snooze_line
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage, add_field_row
from partnerdesk.ui.widgets.fitting import fit_to_screen

#: A snooze starts at a week: long enough to be worth it, short enough that nothing is forgotten.
DEFAULT_SNOOZE_DAYS = 7


class Done(NamedTuple):
    """How a section's line is ticked off: the menu's words, and work(session, about, today) doing it."""

    words: str
    work: Callable[[Any, str, date], object]
    said: str  # for the status bar afterwards
    table: str  # what it changes: a role that changes only its own records is offered it on those only


def _action_done(session: Any, action_id: str, today: date) -> object:
    # The services load the ORM: imported when first used, not while the first screen opens (first_screen.py).
    from partnerdesk.services.meetings.actions import mark_action_done

    return mark_action_done(session, action_id, today)


def _follow_up_done(session: Any, check_id: str, today: date) -> object:
    from partnerdesk.services.wellbeing.checks import record_follow_up_done

    return record_follow_up_done(session, check_id, today)


#: Sections whose lines can be marked done from Today, by section key.
DONE: dict[str, Done] = {
    "actions": Done(_("Mark the action &done"), _action_done,
                    _("The action is marked done today."), "meeting_actions"),
    "follow_ups": Done(_("Mark the follow-up &done"), _follow_up_done,
                       _("The follow-up is marked done today. Open the check to write what was done."),
                       "wellbeing_checks"),
}  # fmt: skip


class SnoozeDialog(QDialog):
    """Ask until which day a Today line is put off; saves the snooze on OK."""

    def __init__(self, writer: Writer, line_kind: str, about: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer, self.line_kind, self.about = writer, line_kind, about
        self.today = today_uk()
        self.setWindowTitle(_("Snooze until…"))
        intro = QLabel(_("Hide this line from your Today list until the day you choose; it comes back that day."))
        intro.setWordWrap(True)
        line = QLabel(text)
        line.setWordWrap(True)
        line.setAccessibleName(_("The line being snoozed"))
        self.until = UkDateEdit(_("Snooze until"))
        self.until.set_date(self.today + timedelta(days=DEFAULT_SNOOZE_DAYS))
        form = QFormLayout()
        self.message = add_field_row(form, _("Show again &on"), self.until)[0]
        self.general = FieldMessage(_("this snooze"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Snooze"))
        ok.setAccessibleName(_("Snooze the line until this day"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(line)
        layout.addLayout(form)
        layout.addWidget(self.general)
        layout.addWidget(buttons)
        self.until.textEdited.connect(lambda _text: self.message.show_message(None))  # cleared once retyped
        self.until.selectAll()
        fit_to_screen(self, buttons)

    def chosen(self) -> date | None:
        """The day typed, or None (with the problem shown under the box) when it is not a date."""
        try:
            day = self.until.date_value()
        except ValueError as exc:
            self.message.show_message(str(exc))
            return None
        if day is None:
            self.message.show_message(_("Please type the day the line should show again, for example {day}.").format(
                day=format_uk(self.today + timedelta(days=DEFAULT_SNOOZE_DAYS))))
            return None
        return day

    def save(self) -> None:
        day = self.chosen()
        if day is None:
            return
        try:
            saved = self.writer.run(self, lambda s: snooze_line(s, self.line_kind, self.about, day, self.today) or True)
        except ValidationError as exc:
            self.message.show_message(exc.messages.get("until"))
            self.general.show_message(exc.messages.get(""))
            return
        if saved:
            self.day = day
            self.accept()
