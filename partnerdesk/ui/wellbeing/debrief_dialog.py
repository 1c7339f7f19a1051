"""The debrief after a meeting: one row per representative who attended (how they are, distress, a concern,
follow-up needed), all saved together with services.debrief.record_debrief, or nothing if anything is wrong.

Made for the keyboard: Tab moves along a row and on to the next person, a digit picks the quick answer, Space ticks
a box, and Ctrl+S saves everyone.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import format_uk, today_uk
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.wellbeing.debrief import debrief_roster, record_debrief
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.wellbeing.check_form import quick_box
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage, problems_summary, say_problems
from partnerdesk.ui.widgets.field_tabs import text_box
from partnerdesk.ui.widgets.fitting import fit_to_screen
from partnerdesk.ui.widgets.form_dialog import FormDialog
from partnerdesk.ui.widgets.time_edit import UkTimeEdit

HEADINGS = (
    N_("Representative"),
    N_("How are they doing?"),
    N_("Distress"),
    N_("Concern raised (confidential)"),
    N_("Follow-up"),
)


class DebriefRow:
    """One representative's controls in the batch."""

    def __init__(self, person_id: str, name: str, done: bool):
        self.person_id, self.name, self.done = person_id, name, done
        self.label = QLabel(name + (_("  (debrief recorded)") if done else ""))
        self.quick = quick_box()
        self.quick.setAccessibleName(_("{name}: how are they doing (1 to 5)").format(name=name))
        self.distress = QCheckBox(_("Distress"))
        self.distress.setAccessibleName(_("{name}: taking part triggered distress").format(name=name))
        self.concern = text_box(_("{name}: concern raised").format(name=name), 2000)
        self.concern.setPlaceholderText(_("Only if a concern was raised"))
        self.follow_up = QCheckBox(_("Needed"))
        self.follow_up.setAccessibleName(_("{name}: follow-up needed").format(name=name))
        self.message = FieldMessage(name)
        self.distress.toggled.connect(lambda on: on and self.follow_up.setChecked(True))
        for widget in (self.quick, self.distress, self.concern, self.follow_up):
            widget.setEnabled(not done)

    def controls(self) -> tuple[QWidget, ...]:
        return (self.label, self.quick, self.distress, self.concern, self.follow_up)

    def filled(self) -> bool:
        return bool(self.quick.currentData() or self.distress.isChecked() or self.concern.text().strip()
                    or self.follow_up.isChecked())  # fmt: skip

    def data(self) -> dict:
        return {"quick_score": self.quick.currentData(), "distress": self.distress.isChecked(),
                "concerns": self.concern.text().strip() or None, "follow_up_needed": self.follow_up.isChecked()}


class DebriefDialog(FormDialog):
    """The batch debrief for one meeting (or the meeting a debrief meeting follows). `saved` carries how many."""

    saved = Signal(int)

    def __init__(self, writer: Writer, meeting_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.roster = writer.read(lambda s: debrief_roster(s, meeting_id))
        self.setWindowTitle(_("Debrief — {title}").format(title=self.roster.title))
        heading = QLabel(_("Debrief after “{title}” on {day}").format(
            title=self.roster.title,
            day=format_uk(self.roster.day),
        ))
        heading.setObjectName("sectionTitle")
        hint = QLabel(_("One row for each representative who attended. Type a number 1 to 5 for how they are doing; "
                      "tick distress and a follow-up is due by the next working day. Rows left blank are not "
                      "recorded. Ctrl+S saves everyone at once."))  # fmt: skip
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.summary = problems_summary()

        shared = QFormLayout()
        now = datetime.now().astimezone()
        self.day = UkDateEdit(_("Date of the debrief"))
        self.day.set_date(today_uk())
        self.time = UkTimeEdit(_("Time of the debrief"))
        self.time.set_time(now.time().replace(second=0, microsecond=0))
        self.worker = text_box(_("Worker who did the debrief"))
        self.worker.setPlaceholderText(_("You, if left blank"))
        self.when_message = FieldMessage(_("date and time of the debrief"))
        for label, widget in ((_("&Date"), self.day), (_("T&ime"), self.time), (_("&Worker"), self.worker)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            shared.addRow(caption, widget)
        shared.addRow(self.when_message)

        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        for column, text in enumerate(HEADINGS):
            title = QLabel(_(text))
            title.setStyleSheet("font-weight: 600;")
            grid.addWidget(title, 0, column)
        self.rows = [DebriefRow(p.person_id, p.person_name, p.check_id is not None) for p in self.roster.people]
        for number, row in enumerate(self.rows):
            for column, widget in enumerate(row.controls()):
                grid.addWidget(widget, 1 + number * 2, column)
            grid.addWidget(row.message, 2 + number * 2, 0, 1, len(HEADINGS))
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(len(self.rows) * 2 + 1, 1)
        if not self.rows:
            grid.addWidget(QLabel(_("Nobody is recorded as attending this meeting yet. Record attendance on the "
                                  "meeting first.")), 1, 0, 1, len(HEADINGS))  # fmt: skip
        scroll = QScrollArea()
        scroll.setWidget(grid_holder)
        scroll.setWidgetResizable(True)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save debrief"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setToolTip(_("Save every row (Ctrl+S)"))
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.wire_buttons(buttons)
        layout = QVBoxLayout(self)
        for widget in (heading, hint, self.summary):
            layout.addWidget(widget)
        layout.addLayout(shared)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(980, 520))  # scrolls on a short screen; its buttons stay in view
        first = next((row for row in self.rows if not row.done), None)
        if first is not None:
            first.quick.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Record a check for every filled-in row in one go; True when saved."""
        problems: dict[str, str] = {}
        try:
            day, at = self.day.date_value(), self.time.time_value()
            if day is None or at is None:
                raise ValueError(_("Please give the date and time of the debrief."))
        except ValueError as why:
            problems["checked_at"] = str(why)
        checks = {row.person_id: {**row.data(), "worker_name": self.worker.text().strip() or None}
                  for row in self.rows if not row.done and row.filled()}  # fmt: skip
        if problems:
            self.show_problems(problems)
            return False
        moment = uk_moment(day, at)
        try:
            made = self.writer.run(self, lambda s: record_debrief(s, self.roster.meeting_id, checks, checked_at=moment))
        except ValidationError as exc:
            self.show_problems(exc.messages)
            return False
        if made is None:
            return False
        self.saved.emit(len(made))
        super().accept()
        return True

    def show_problems(self, messages: dict[str, str]) -> None:
        """Each person's problems under their row; the date's under the date; the rest in the summary."""
        general = []
        for row in self.rows:
            mine = [text for key, text in messages.items() if key.startswith(f"{row.person_id}.")]
            row.message.show_message(" ".join(mine))
        self.when_message.show_message(messages.get("checked_at") or messages.get("", ""))
        for key, text in messages.items():
            if "." not in key and key not in ("checked_at", ""):
                general.append(text)
        say_problems(self.summary, messages, general)
