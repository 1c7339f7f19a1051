"""Settings → Money: mileage rates, involvement and backfill rates, the backfill limit, which kinds of claim need a
receipt, the largest receipt, and when the Today page flags unpaid claims and full budget headings; with a way to
the budget headings.

Mileage rates above HMRC's are allowed, with a warning in words, since the extra is taxable.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import N_, _
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.mileage import MileageRates, rates_on, rates_warning
from partnerdesk.rules.payments import EXPENSE_CATEGORIES, PaymentRates
from partnerdesk.services.common.settings import SETTINGS
from partnerdesk.ui.ops import Writer
from partnerdesk.ui.settings.section import Section, note
from partnerdesk.ui.widgets.check_list import CheckList
from partnerdesk.ui.widgets.field_message import add_field_row
from partnerdesk.ui.widgets.money_edit import MoneyEdit

#: MileageRates field → what the box is called
MILEAGE_BOXES = {
    "car_first_pence": N_("Car or van, first miles"),
    "car_after_pence": N_("Car or van, after the threshold"),
    "motorcycle_pence": N_("Motorcycle"),
    "bicycle_pence": N_("Bicycle"),
    "passenger_pence": N_("Each passenger"),
}


def spin(name: str, lowest: int, highest: int, suffix: str = "") -> QSpinBox:
    """A whole-number box with a unit after the number."""
    box = QSpinBox()
    box.setRange(lowest, highest)
    box.setSuffix(suffix)
    box.setAccessibleName(name)
    box.setMinimumWidth(120)
    box.setMaximumWidth(160)
    return box


class MoneySection(Section):
    """The expenses settings. Only the set of mileage rates in force today is changed here; older sets stay."""

    title = N_("Money")
    code = "money"

    def __init__(self, writer: Writer, parent: QWidget | None = None):
        super().__init__(writer, parent)
        self.schedule: list[MileageRates] = []
        self.current = MileageRates()

        mileage = QGroupBox(_("Mileage (pence per mile)"))
        grid = self._group_form(mileage)
        self.mileage: dict[str, QSpinBox] = {}
        for field, name in MILEAGE_BOXES.items():
            self.mileage[field] = box = spin(name, 0, 500, "p")
            box.valueChanged.connect(self._warn)
            grid.addRow(name, box)
        self.threshold = spin(_("Car or van threshold (miles a tax year)"), 1, 100_000, " miles")
        self.threshold.setSingleStep(500)
        self.threshold.valueChanged.connect(self._warn)
        grid.addRow(_("Threshold per tax year"), self.threshold)
        self.warning = QLabel()
        self.warning.setObjectName("formSummary")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(_("Warning about mileage rates"))
        grid.addRow(self.warning)
        grid.addRow(self.message_for("mileage_rates", SETTINGS["mileage_rates"].label))

        time = QGroupBox(_("Involvement payments and backfill"))
        time_form = self._group_form(time)
        self.day_rate = MoneyEdit(_("Rate for a day"))
        self.half_day_rate = MoneyEdit(_("Rate for a half day"))
        time_form.addRow(_("A day"), self.day_rate)
        time_form.addRow(_("A half day"), self.half_day_rate)
        time_form.addRow(self.message_for("payment_rates", SETTINGS["payment_rates"].label))
        self.cap = QLineEdit()
        self.cap.setAccessibleName(_("Backfill limit per person per programme, in half days (blank: no limit)"))
        self.cap.setMaximumWidth(120)
        self.messages["backfill_cap_half_days"], *_rest = add_field_row(
            time_form, _("Backfill limit in half days"), self.cap)
        time_form.addRow(note(_("Per person per programme. Leave it blank for no limit.")))

        flags = QGroupBox(_("Receipts and the Today page"))
        flag_form = self._group_form(flags)
        flag_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # each label above its box: never squeezed
        self.limit = spin(SETTINGS["receipt_limit_mb"].label, 1, 50, " MB")
        self.unpaid = spin(SETTINGS["unpaid_flag_days"].label, 1, 365, " days")
        self.percent = spin(SETTINGS["budget_warning_percent"].label, 1, 100, "%")
        for text, key, box in ((_("Largest receipt"), "receipt_limit_mb", self.limit),
                               (_("Flag approved claims unpaid after"), "unpaid_flag_days", self.unpaid),
                               (_("Warn when a heading reaches"), "budget_warning_percent", self.percent)):
            self.messages[key], *_rest = add_field_row(flag_form, text, box)
        self.budgets = QPushButton(_("&Budget headings…"))
        self.budgets.setAccessibleName(_("Go to the budget headings on the Expenses page"))
        self.budgets.clicked.connect(lambda: self.go_to.emit("budgets"))
        row = QHBoxLayout()
        row.addWidget(self.budgets)
        row.addStretch()
        flag_form.addRow(row)

        self.receipts = CheckList(SETTINGS["receipt_categories"].label, EXPENSE_CATEGORIES, columns=3)
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(mileage)
        left.addStretch()
        right.addWidget(time)
        right.addWidget(flags)
        right.addStretch()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.column.addLayout(columns)
        self.column.addWidget(self.receipts)
        self.column.addWidget(self.message_for("receipt_categories", SETTINGS["receipt_categories"].label))
        self.column.addStretch()

    @staticmethod
    def _group_form(group: QGroupBox) -> QFormLayout:
        form = QFormLayout(group)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        return form

    def load(self, values: dict[str, Any]) -> None:
        self.schedule = [MileageRates.from_settings(item) for item in values["mileage_rates"]]
        self.current = rates_on(today_uk(), tuple(self.schedule))  # the set in force today is the one changed here
        for field, box in self.mileage.items():
            box.setValue(getattr(self.current, field))
        self.threshold.setValue(self.current.car_threshold_miles)
        rates = PaymentRates.from_settings(values["payment_rates"])
        self.day_rate.set_pence(rates.day_pence)
        self.half_day_rate.set_pence(rates.half_day_pence)
        cap = values["backfill_cap_half_days"]
        self.cap.setText("" if cap is None else str(cap))
        self.receipts.set_codes(values["receipt_categories"])
        self.limit.setValue(values["receipt_limit_mb"])
        self.unpaid.setValue(values["unpaid_flag_days"])
        self.percent.setValue(values["budget_warning_percent"])
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

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        problems = {}
        data: dict[str, Any] = {
            "backfill_cap_half_days": self.cap.text(),
            "receipt_categories": self.receipts.codes(),
            "receipt_limit_mb": self.limit.value(),
            "unpaid_flag_days": self.unpaid.value(),
            "budget_warning_percent": self.percent.value(),
        }
        try:
            rates = self.mileage_rates()
            data["mileage_rates"] = [
                rates.as_settings() if r.effective_from == self.current.effective_from else r.as_settings()
                for r in self.schedule
            ]
        except ValueError as why:
            problems["mileage_rates"] = str(why)
        money = [p for p in (self.day_rate.problem(), self.half_day_rate.problem()) if p]
        if money:
            problems["payment_rates"] = " ".join(money)
        else:
            data["payment_rates"] = {"day_pence": self.day_rate.pence(), "half_day_pence": self.half_day_rate.pence()}
        return data, problems
