"""Logging a pair's time: the day, the kind of activity, how long (typed as people say it: "1h30", "90 min", "1.5"),
who attended and a note. Anything that can't be right (no time, negative, over 24 hours in a day) is refused by its
field in plain words, and nothing is saved."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.programmes import ACTIVITY_KINDS, format_hours, parse_duration
from partnerdesk.services.programmes.activities import log_activity
from partnerdesk.services.programmes.pairs import get_pair
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.programmes.reading import names_of, side_names
from partnerdesk.ui.wellbeing.common import SmallForm
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_tabs import long_text_box
from partnerdesk.ui.widgets.fitting import short_combo

# "1h30", "1 h 30 min", "2 hours", "2hrs 15m": hours and, optionally, minutes after them.
_HOURS_AND_MINUTES = re.compile(r"^(\d+)\s*h(?:ours?|rs?)?\s*(?:(\d+)\s*(?:m|mins?|minutes?)?)?$", re.IGNORECASE)
_MINUTES = re.compile(r"^(\d+)\s*(?:m|mins?|minutes?)$", re.IGNORECASE)


def typed_time(text: str) -> int | str:
    """What a person typed for a time, as the service reads it: whole minutes for "1h30" or "90 min", otherwise the
    text itself ("1.5" and "1:30" are hours; the service says in plain words what is wrong with anything else)."""
    typed = " ".join(text.split())
    if found := _HOURS_AND_MINUTES.match(typed):
        return int(found.group(1)) * 60 + int(found.group(2) or 0)
    if found := _MINUTES.match(typed):
        return int(found.group(1))
    return typed


def time_problem(text: str) -> str | None:
    """Why a typed time can't be saved, or None (the same words the service would use)."""
    try:
        parse_duration(typed_time(text))
    except ValueError as why:
        return str(why)
    return None


class DurationEdit(QLineEdit):
    """A time typed as hours and minutes; problem() says what is wrong (used to take a message down once fixed)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(_("for example 1h30"))
        self.setMaxLength(20)

    def problem(self) -> str | None:
        return time_problem(self.text())


class ActivityDialog(SmallForm):
    """Log one meeting or activity of a pair."""

    def __init__(self, writer: Writer, pair_id: str, parent: QWidget | None = None):
        super().__init__(writer, _("Log time or an activity"), _("&Log it"), parent, name=_("The activity"),
                         tab=_("&Activity"), width=560)  # fmt: skip
        self.pair_id = pair_id

        def read(session):
            pair = get_pair(session, pair_id)
            names = names_of(session, {pair.side_a_person_id, pair.side_b_person_id})
            return (names[pair.side_a_person_id], names[pair.side_b_person_id]), side_names(session, pair.programme_id)

        (name_a, name_b), (side_a, side_b) = writer.read(read)
        self.who = QLabel(_("{first} ({first_side}) and {second} ({second_side})").format(
            first=name_a, first_side=side_a, second=name_b, second_side=side_b))  # fmt: skip
        self.who.setWordWrap(True)
        self.who.setAccessibleName(_("The pair"))
        self.tab.addRow(self.who)
        self.held_on = self.fields.row(self.tab, _("&Date"), "held_on", UkDateEdit(_("Date of the activity")))
        self.held_on.set_date(today_uk())
        self.kind = self.fields.row(self.tab, _("&Kind"), "kind", ChoiceCombo(ACTIVITY_KINDS, _("Kind of activity")))
        self.time = self.fields.row(self.tab, _("&Time taken"), "time", DurationEdit(_("Time taken")))
        self.reading = QLabel()
        self.reading.setObjectName("smallPrint")
        self.reading.setAccessibleName(_("Time as it will be saved"))
        self.tab.addRow("", self.reading)
        self.time.textChanged.connect(self._read_back)
        self._read_back()
        attended = short_combo()
        attended.setAccessibleName(_("Who attended"))
        attended.addItem(_("Both"), "both")
        attended.addItem(_("Only {name} ({side})").format(name=name_a, side=side_a), "a")
        attended.addItem(_("Only {name} ({side})").format(name=name_b, side=side_b), "b")
        self.attended: QComboBox = self.fields.row(self.tab, _("&Who attended"), "attended", attended)
        self.notes = self.fields.row(self.tab, _("&Note"), "notes", long_text_box(_("Note"), 60))
        self.time.setFocus()

    def _read_back(self) -> None:
        """Say what the typed time will be saved as ("1 h 30 min"), so "90" meaning hours is caught at once."""
        text = self.time.text()
        if not text.strip() or time_problem(text):
            self.reading.setText(_("Type hours and minutes (1h30), minutes (45 min) or hours (1.5)."))
            return
        self.reading.setText(_("Saved as {time}").format(time=format_hours(parse_duration(typed_time(text)))))

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, problems = self.fields.values(("held_on", "kind", "time", "attended", "notes"))
        if not problems and data["held_on"] is None:
            problems["held_on"] = _("Please give the date of the activity.")
        data["time"] = typed_time(data["time"])
        return data, problems

    def work(self, session, data: dict[str, Any]) -> Any:
        return log_activity(session, self.pair_id, data)
