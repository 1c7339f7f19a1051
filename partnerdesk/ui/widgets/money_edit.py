"""A box for an amount of money: typed as "£12.50", "12.5" or "50p", shown back as "£12.50", read as whole pence."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from partnerdesk.i18n import _
from partnerdesk.rules.money import format_pounds, parse_pounds


class MoneyEdit(QLineEdit):
    """Amounts in pounds and pence. pence() gives whole pence or raises ValueError with a plain message (a bad
    amount is never read as £0.00). Once typing is finished a good amount is shown the standard way ("£12.50")."""

    def __init__(self, accessible_name: str, allow_zero: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.allow_zero = allow_zero
        self.setPlaceholderText("£0.00")
        self.setAccessibleName(accessible_name)
        self.setAccessibleDescription(_("An amount in pounds and pence, for example 12.50"))
        self.setMinimumWidth(110)
        self.setMaximumWidth(160)
        self.editingFinished.connect(self._tidy)

    def pence(self) -> int:
        """The amount typed in pence; ValueError with a plain-English message when it is empty or not money."""
        return parse_pounds(self.text(), allow_zero=self.allow_zero)

    def problem(self) -> str | None:
        """What is wrong with the amount typed, or None when it is a good amount."""
        try:
            self.pence()
        except ValueError as why:
            return str(why)
        return None

    def set_pence(self, pence: int | None) -> None:
        self.setText("" if pence is None else format_pounds(pence))

    def _tidy(self) -> None:
        # Only a good amount is rewritten: a bad one stays as typed so the person can see and fix it.
        if self.problem() is None:
            self.set_pence(self.pence())
