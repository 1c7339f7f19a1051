"""A time box for UK 24-hour times (10:00, 14:30) that may be left empty."""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtWidgets import QLineEdit, QWidget

from partnerdesk.i18n import _

_TYPED = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?", re.ASCII)


def parse_time(text: str) -> time:
    """A time typed as 10:00, 10.00, 1000 or 10; ValueError with a plain message when it is not a time."""
    found = _TYPED.fullmatch(text.strip())
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(_("Please type a time on the 24-hour clock, for example 10:00 or 14:30."))


class UkTimeEdit(QLineEdit):
    """Typed as hours:minutes on the 24-hour clock. Use time_value() to read it (raises ValueError)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(_("hh:mm"))
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(_("A time on the 24-hour clock, for example 14:30"))
        self.setMaximumWidth(90)
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        try:
            value = self.time_value()
        except ValueError:
            return
        if value is not None:
            self.setText(f"{value:%H:%M}")

    def time_value(self) -> time | None:
        """The time typed, None when empty."""
        if not self.text().strip():
            return None
        return parse_time(self.text())

    def set_time(self, value: time | None) -> None:
        self.setText(f"{value:%H:%M}" if value is not None else "")
