"""Schedule a year: a series of meetings for a committee from one pattern, with the dates shown before saving."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _, ngettext, short_date
from partnerdesk.records import vocab
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import SERVING_KINDS
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.meetings.bulk import describe_invitations
from partnerdesk.services.meetings.series import PATTERN_FIELDS, SERIES_FIELDS, create_series, series_dates_preview
from partnerdesk.services.people.organisations import list_committees
from partnerdesk.ui.meetings.invite_series import ask_and_invite
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import FieldTabs, show_value, text_box, watch
from partnerdesk.ui.widgets.fitting import fit_to_screen, short_combo
from partnerdesk.ui.widgets.time_edit import UkTimeEdit

SERIES_KINDS = {code: text for code, text in vocab.MEETING_KINDS.items() if code not in SERVING_KINDS}


def _make(session, data: dict) -> tuple[str, int, str]:
    made = create_series(session, data)
    invited = describe_invitations(made.invited) if made.invited is not None else ""
    return made.series.id, len(made.meetings), invited


def _numbers(name: str, lowest: int, highest: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lowest, highest)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    box.lineEdit().setAccessibleName(name)  # the box's own typing area, which Tab reaches
    box.setMaximumWidth(140)
    return box


def _combo(name: str, choices: dict) -> QComboBox:
    combo = short_combo()
    combo.setAccessibleName(name)
    for code, text in choices.items():
        combo.addItem(text, code)
    return combo


class SeriesDialog(QDialog):
    """Pattern on the left, the dates it gives on the right. `created` carries the series id and how many meetings;
    `done_text` then says in words what was done (meetings made, members invited)."""

    created = Signal(str, int)

    def __init__(self, writer: Writer, committee_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.done_text = ""
        self.setWindowTitle(_("Schedule a series of meetings"))
        self.fields = FieldTabs(_("Series details"))
        self.fields.tabBar().hide()
        form = self.fields.tab(_("Series"))
        committees = short_combo()
        committees.setAccessibleName(_("Committee"))
        for cid, text in writer.read(lambda s: [(c.id, f"{c.name} ({c.organisation.name})")
                                                for c in list_committees(s)]):
            committees.addItem(text, cid)
        self.fields.row(form, _("&Committee"), "committee_id", committees)
        self.fields.row(form, _("&Kind of meeting"), "kind", ChoiceCombo(SERIES_KINDS, _("Kind of meeting")))
        self.fields.row(form, _("&Title"), "title", text_box(_("Title of every meeting")))
        self.fields.row(form, _("&Repeats"), "rule", ChoiceCombo(vocab.RECURRENCE_RULES, _("How the meetings repeat")))
        self.fields.row(form, _("&Which week"), "week_of_month", _combo(_("Which week of the month"), {
            code: text.capitalize() for code, text in vocab.WEEK_OF_MONTH.items()}))
        self.fields.row(form, _("&Day of the week"), "weekday", _combo(_("Day of the week"), vocab.WEEKDAYS))
        self.fields.row(form, _("Day of the &month"), "day_of_month", _numbers(_("Day of the month"), 1, 31))
        self.fields.row(form, _("E&very"), "interval", _numbers(_("Every how many weeks or months"), 1, 12))
        self.fields.row(form, _("&First date from"), "starts_on", UkDateEdit(_("First meeting on or after")))
        self.fields.row(form, _("&Starts at"), "start_time", UkTimeEdit(_("Start time")))
        self.fields.row(form, _("&Ends at"), "end_time", UkTimeEdit(_("End time")))
        self.fields.row(form, _("&Number of meetings"), "count", _numbers(_("Number of meetings"), 1, 520))
        self.fields.row(
            form, _("&How it meets"), "mode", ChoiceCombo(vocab.MEETING_MODES, _("How the meetings happen"))
        )
        self.fields.row(form, _("Ven&ue"), "venue", text_box(_("Venue"), 300))

        self.summary = QLabel()
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(_("Problems to fix before saving"))
        self.summary.hide()
        self.pattern = QLabel()
        self.pattern.setWordWrap(True)
        self.pattern.setObjectName("sectionTitle")
        self.pattern.setAccessibleName(_("The pattern in words"))
        self.preview = QListWidget()
        self.preview.setAccessibleName(_("Dates of the meetings this will make"))
        preview_title = QLabel(_("Dates it wi&ll make"))
        preview_title.setBuddy(self.preview)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Make these meetings"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(preview_title)
        right.addWidget(self.pattern)
        right.addWidget(self.preview, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.fields, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, QSize(860, 560))  # scrolls on a short screen; its buttons stay in view

        today = today_uk()
        defaults = {"committee_id": committee_id, "kind": "committee", "rule": "monthly_weekday", "week_of_month": 2,
                    "weekday": 1, "day_of_month": min(today.day, 28), "interval": 1, "starts_on": today,
                    "start_time": time(10), "end_time": time(12), "count": 12, "mode": "in_person"}
        for key, value in defaults.items():
            if value is not None:
                show_value(self.fields.widgets[key], value)
        for widget in self.fields.widgets.values():
            watch(widget, self.update_preview)
        self.fields.widgets["rule"].currentIndexChanged.connect(self._rule_changed)
        self._rule_changed()
        self.update_preview()

    def _rule_changed(self) -> None:
        rule = self.fields.widgets["rule"].code()
        self.fields.set_row_visible("week_of_month", rule == "monthly_weekday")
        self.fields.set_row_visible("weekday", rule in ("monthly_weekday", "weekly"))
        self.fields.set_row_visible("day_of_month", rule == "monthly_day")
        self.fields.widgets["interval"].setSuffix(" week(s)" if rule == "weekly" else " month(s)")

    def values(self) -> tuple[dict, dict[str, str]]:
        """Everything typed, as create_series takes it, and messages for dates or times that could not be read."""
        data, problems = self.fields.values(self.fields.widgets)
        rule = data["rule"]
        if rule != "monthly_weekday":
            data["week_of_month"] = None
        if rule == "monthly_day":
            data["weekday"] = None
        else:
            data["day_of_month"] = None
        data["until"] = None
        return {key: data.get(key) for key in SERIES_FIELDS}, problems

    def update_preview(self) -> None:
        """Show the dates the pattern gives, or what is wrong with it, as it is typed."""
        data, problems = self.values()
        self.preview.clear()
        self.pattern.clear()
        if not problems:
            try:
                dates, words = series_dates_preview({key: data[key] for key in PATTERN_FIELDS})
            except ValidationError as exc:
                problems = exc.messages
            else:
                self.pattern.setText(words)
                start = data["start_time"].strftime("%H:%M") if data["start_time"] else ""
                for day in dates:
                    self.preview.addItem(f"{short_date(day)} {start}")
        for key, label in self.fields.messages.items():
            label.show_message(problems.get(key))
        if problems:
            self.pattern.setText(_("No dates yet: see the message in red."))

    def save(self) -> bool:
        data, problems = self.values()
        if not problems:
            try:
                result = self.writer.run(self, lambda s: _make(s, data))
            except ValidationError as exc:
                problems = exc.messages
            else:
                if result is None:
                    return False
                series_id, count, invited = result
                made = ngettext("Scheduled {n} meeting.", "Scheduled {n} meetings.", count).format(n=count)
                if not invited and data.get("committee_id"):
                    # The meetings are saved whatever the answer; inviting is a second, separate step.
                    invited = ask_and_invite(self, self.writer, series_id, offer_automatic=True) or _(
                        "Nobody has been invited yet: choose Invite committee… in the Meetings list when ready.")
                self.done_text = f"{made} {invited}".strip()
                self.created.emit(series_id, count)
                self.accept()
                return True
        general = self.fields.show_messages(problems)
        count = len(problems)
        said = ngettext("No meetings have been made yet. Please fix the problem shown in red.",
                        "No meetings have been made yet. Please fix the {count} problems shown in red.",
                        count).format(count=count)  # fmt: skip
        self.summary.setText(" ".join([said, *general]))
        self.summary.show()
        return False
