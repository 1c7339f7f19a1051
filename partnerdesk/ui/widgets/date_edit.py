"""A date box that takes UK dates (23/11/2026) and may be left empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.dates import format_uk, parse_uk


class UkDateEdit(QLineEdit):
    """Typed as day/month/year. Empty means 'no date'. Use date_value() to read it (raises ValueError)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/yyyy"))
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(_("A date, typed as day/month/year, for example 23/11/2026"))
        self.setMaximumWidth(140)

    def date_value(self) -> date | None:
        """The date typed, None when empty; ValueError with a plain message when it is not a date."""
        if not self.text().strip():
            return None
        return parse_uk(self.text())

    def set_date(self, value: date | None) -> None:
        self.setText(format_uk(value))


def date_range(date_from: UkDateEdit, date_to: UkDateEdit, problem: QLabel) -> dict[str, date | None]:
    """A list's From and To boxes as date_from and date_to (None when empty or not a date); what is wrong with
    either is said in problem, which is hidden when both are fine."""
    dates, problems = {}, []
    for key, edit, what in (("date_from", date_from, _("From")), ("date_to", date_to, _("To"))):
        try:
            dates[key] = edit.date_value()
        except ValueError as exc:
            dates[key] = None
            problems.append(f"{what}: {exc}")
    problem.setText(" ".join(problems))
    problem.setVisible(bool(problems))
    return dates
