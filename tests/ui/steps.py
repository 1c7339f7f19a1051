"""Small steps a person takes in the meetings screens, shared by the GUI tests."""

from __future__ import annotations

from datetime import date

from partnerdesk.rules.dates import format_uk


def type_into(widget, text: str) -> None:
    """Replace what a box holds, as typing would (the form hears textEdited); for dates and times."""
    widget.setText(text)
    widget.textEdited.emit(text)


def type_date(widget, day: date) -> None:
    type_into(widget, format_uk(day))


def finish_editing(widget, text: str) -> None:
    """Type into a box in a table and move on (Tab), which is when the attendance panel saves it."""
    widget.setText(text)
    widget.editingFinished.emit()
