"""The expenses settings: mileage rates, involvement and backfill rates, the backfill limit, which kinds of claim
need a receipt, the largest receipt, and when the Today page flags unpaid claims and full budget headings.

Saved together through services.settings (each checked there), with a warning in words when mileage rates are above
HMRC's, since the extra is taxable.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.mileage import MileageRates, rates_on, rates_warning
from partnerdesk.rules.payments import EXPENSE_CATEGORIES, PaymentRates
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.settings import SETTINGS, all_settings, set_setting
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.field_message import FieldMessage
from partnerdesk.ui.widgets.fitting import fit_to_screen
from partnerdesk.ui.widgets.money_edit import MoneyEdit

#: MileageRates field → what the box is called
MILEAGE_BOXES = {
    "car_first_pence": N_("Car or van, first miles"),
    "car_after_pence": N_("Car or van, after the threshold"),
    "motorcycle_pence": N_("Motorcycle"),
    "bicycle_pence": N_("Bicycle"),
    "passenger_pence": N_("Each passenger"),
}


def _spin(name: str, lowest: int, highest: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lowest, highest)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    box.setMinimumWidth(120)
    return box


class ExpensesSettingsDialog(QDialog):
    """Change the organisation's expenses settings; Save checks them all and keeps all or none."""

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.setWindowTitle(_("Expenses settings"))
        values = writer.read(all_settings)
        schedule = tuple(MileageRates.from_settings(item) for item in values["mileage_rates"])
        self.schedule = list(schedule)
        self.current = rates_on(today_uk(), schedule)  # the set in force today is the one changed here

        mileage = QGroupBox(_("Mileage (pence per mile)"))
        grid = QFormLayout(mileage)
        self.mileage: dict[str, QSpinBox] = {}
        for field, name in MILEAGE_BOXES.items():
            self.mileage[field] = box = _spin(_(name), 0, 500, "p")
            box.setValue(getattr(self.current, field))
            box.valueChanged.connect(self._warn)
            grid.addRow(_(name), box)
        self.threshold = _spin(_("Car or van threshold (miles a tax year)"), 1, 100_000, " miles")
        self.threshold.setSingleStep(500)
        self.threshold.setValue(self.current.car_threshold_miles)
        self.threshold.valueChanged.connect(self._warn)
        grid.addRow(_("Threshold per tax year"), self.threshold)
        self.warning = QLabel()
        self.warning.setObjectName("formSummary")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(_("Warning about mileage rates"))

        time = QGroupBox(_("Involvement payments and backfill"))
        time_form = QFormLayout(time)
        rates = PaymentRates.from_settings(values["payment_rates"])
        self.day_rate = MoneyEdit(_("Rate for a day"))
        self.day_rate.set_pence(rates.day_pence)
        self.half_day_rate = MoneyEdit(_("Rate for a half day"))
        self.half_day_rate.set_pence(rates.half_day_pence)
        self.cap = QLineEdit("" if values["backfill_cap_half_days"] is None else str(values["backfill_cap_half_days"]))
        self.cap.setAccessibleName(_("Backfill limit per person per programme, in half days (blank: no limit)"))
        self.cap.setMaximumWidth(120)
        time_form.addRow(_("A day"), self.day_rate)
        time_form.addRow(_("A half day"), self.half_day_rate)
        time_form.addRow(_("Backfill limit in half days"), self.cap)
        cap_note = QLabel(_("Per person per programme. Leave it blank for no limit."))
        cap_note.setWordWrap(True)
        time_form.addRow(cap_note)

        self.receipts = CheckList(_("Kinds of claim that need a receipt"), EXPENSE_CATEGORIES, columns=3)
        self.receipts.set_codes(values["receipt_categories"])
        flags = QGroupBox(_("Receipts and the Today page"))
        flag_form = QFormLayout(flags)
        self.limit = _spin(_(SETTINGS["receipt_limit_mb"].label), 1, 50, " MB")
        self.limit.setValue(values["receipt_limit_mb"])
        self.unpaid = _spin(_(SETTINGS["unpaid_flag_days"].label), 1, 365, " days")
        self.unpaid.setValue(values["unpaid_flag_days"])
        self.percent = _spin(_(SETTINGS["budget_warning_percent"].label), 1, 100, "%")
        self.percent.setValue(values["budget_warning_percent"])
        for text, box in ((_("Largest receipt"), self.limit), (_("Flag approved claims unpaid after"), self.unpaid),
                          (_("Warn when a heading reaches"), self.percent)):
            flag_form.addRow(text, box)

        self.problems = FieldMessage(_("expenses settings"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(mileage)
        left.addWidget(self.warning)
        left.addStretch()
        right = QVBoxLayout()
        right.addWidget(time)
        right.addWidget(flags)
        right.addStretch()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.receipts)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        fit_to_screen(self, buttons, None)  # scrolls on a short screen; its buttons stay in view
        self._warn()

    def mileage_rates(self) -> MileageRates:
        """The rates as typed (ValueError, in words, if they don't make sense together)."""
        changed = {field: box.value() for field, box in self.mileage.items()}
        return replace(self.current, car_threshold_miles=self.threshold.value(), **changed)

    def _warn(self) -> None:
        try:
            text = rates_warning(self.mileage_rates())
        except ValueError as why:
            text = str(why)
        self.warning.setText(text or "")
        self.warning.setVisible(bool(text))

    def save(self) -> None:
        """Check everything and save it all in one go; nothing is saved while anything is wrong."""
        problems = [p for p in (self.day_rate.problem(), self.half_day_rate.problem()) if p]
        try:
            rates = self.mileage_rates()
        except ValueError as why:
            problems.append(str(why))
        if problems:
            self.problems.show_message(" ".join(problems))
            return
        schedule = [rates if r.effective_from == self.current.effective_from else r for r in self.schedule]
        payments = {"day_pence": self.day_rate.pence(), "half_day_pence": self.half_day_rate.pence()}

        def work(session):
            set_setting(session, "mileage_rates", schedule)
            set_setting(session, "payment_rates", payments)
            set_setting(session, "backfill_cap_half_days", self.cap.text())
            set_setting(session, "receipt_categories", self.receipts.codes())
            set_setting(session, "receipt_limit_mb", self.limit.value())
            set_setting(session, "unpaid_flag_days", self.unpaid.value())
            set_setting(session, "budget_warning_percent", self.percent.value())
            return True

        try:
            saved = self.writer.run(self, work)
        except ValidationError as exc:
            self.problems.show_message(" ".join(exc.messages.values()))
            return
        if saved:
            self.accept()
