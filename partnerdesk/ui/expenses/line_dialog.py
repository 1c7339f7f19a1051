"""One line of a claim: what it is for, the day, and then by kind the miles, the days or half days, or the amount.

Mileage, involvement payments and backfill are worked out at the organisation's rates and shown as they are typed
(services.expenses.lines.preview_line), with the 10,000-mile threshold and the backfill limit explained in words.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.i18n import _
from partnerdesk.rules.mileage import VEHICLES, format_miles, tax_year_label, tax_year_of
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import BENEFITS_NOTE, EXPENSE_CATEGORIES, PAYMENTS_FOR_TIME, TIME_UNITS
from partnerdesk.services.common.errors import EditConflict, NotFound, ValidationError
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.claims import get_claim
from partnerdesk.services.expenses.lines import LinePreview, add_line, get_line, line_data, preview_line, update_line
from partnerdesk.ui.expenses.confirm import run_confirmed
from partnerdesk.ui.ops import Writer, changed_elsewhere_text
from partnerdesk.ui.widgets.choice_combo import ChoiceCombo
from partnerdesk.ui.widgets.date_edit import UkDateEdit
from partnerdesk.ui.widgets.field_message import FieldMessage, add_field_row
from partnerdesk.ui.widgets.money_edit import MoneyEdit

#: Which fields show for which kind of line (the rest are hidden).
_MILEAGE = ("miles", "vehicle", "passengers")
_TIME = ("unit", "count")


def mileage_words(preview: LinePreview, day: date | None) -> str:
    """The sum and, when the journey passes the 10,000-mile point, what that means, in words."""
    result = preview.mileage
    text = preview.working or ""
    if result is None or result.vehicle != "car_or_van" or day is None:
        return text
    year = tax_year_label(tax_year_of(day))
    if result.crosses_threshold:
        before = result.miles_this_tax_year_after - result.miles
        text += (_(
            "\nThis journey takes the car or van miles for the {year} tax year from {before} to "
            "{miles_this_tax_year_after}, past the threshold: the first {miles_at_first_rate} miles "
            "are paid at {first_rate_pence}p and the other {miles_at_after_rate} at the lower "
            "{after_rate_pence}p."
        ).format(
            year=year,
            before=format_miles(before),
            miles_this_tax_year_after=format_miles(result.miles_this_tax_year_after),
            miles_at_first_rate=format_miles(result.miles_at_first_rate),
            first_rate_pence=result.first_rate_pence,
            miles_at_after_rate=format_miles(result.miles_at_after_rate),
            after_rate_pence=result.after_rate_pence,
        ))
    elif result.miles_at_after_rate:
        text += _("\nThis person is past the threshold for the {year} tax year, so the lower rate applies.").format(
            year=year,
        )
    else:
        miles = format_miles(result.miles_this_tax_year_after)
        text += _("\n{miles} car or van miles in the {year} tax year, this journey included.").format(
            miles=miles,
            year=year,
        )
    return text


class LineDialog(QDialog):
    """Add (line_id None) or change a line of a claim; saving checks everything and asks about any warning."""

    def __init__(self, writer: Writer, claim_id: str, line_id: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.writer = writer
        self.claim_id = claim_id
        self.line_id = line_id
        self.opened_version: int | None = None  # of the line being changed, as read
        self.saved_id: str | None = None
        self.setWindowTitle(_("Change a line") if line_id else _("Add a line"))
        self.setMinimumWidth(560)
        self.widgets: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.captions: dict[str, QLabel] = {}
        self.holders: dict[str, QWidget] = {}

        form = QFormLayout()
        kinds = ChoiceCombo(EXPENSE_CATEGORIES, _("What the line is for"))
        self.category = self._row(form, _("&What for"), "category", kinds)
        self.day = self._row(form, _("&Day"), "day", UkDateEdit(_("The day of the expense")))
        self.description = self._row(form, _("D&escription"), "description", QLineEdit())
        self.description.setAccessibleName(_("Description"))
        self.description.setMaxLength(500)
        self.miles = self._row(form, _("&Miles"), "miles", QLineEdit())
        self.miles.setAccessibleName(_("Miles travelled"))
        self.miles.setPlaceholderText(_("for example 12.5"))
        self.miles.setMaximumWidth(160)
        self.vehicle = self._row(form, _("&Vehicle"), "vehicle", ChoiceCombo(VEHICLES, _("Vehicle")))
        self.passengers = self._row(form, _("&Passengers"), "passengers", QSpinBox())
        self.passengers.setRange(0, 8)
        self.passengers.setMaximumWidth(100)
        self.passengers.setAccessibleName(_("Passengers carried for work"))
        self.unit = self._row(form, _("Day or &half day"), "unit", ChoiceCombo(TIME_UNITS, _("Day or half day")))
        self.count = self._row(form, _("How &many"), "count", QSpinBox())
        self.count.setRange(1, 20)
        self.count.setMaximumWidth(100)
        self.count.setAccessibleName(_("How many days or half days"))
        self.amount = self._row(form, _("&Amount"), "amount", MoneyEdit(_("Amount in pounds")))

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName(_("What this line will pay"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName(_("Note about this kind of line"))
        self.general = FieldMessage(_("this line"))
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("&Save line"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.note)
        layout.addWidget(self.general)
        layout.addWidget(buttons)

        if line_id:
            self._load()
        else:  # most lines of a paper claim are for the day of the claim itself
            self.day.set_date(writer.read(lambda s: get_claim(s, claim_id).claim_date))
        self.category.currentIndexChanged.connect(self._kind_changed)
        for widget in (self.day, self.miles, self.amount):
            widget.textChanged.connect(self.show_preview)
        for widget in (self.vehicle, self.unit):
            widget.currentIndexChanged.connect(self.show_preview)
        for widget in (self.passengers, self.count):
            widget.valueChanged.connect(self.show_preview)
        self._kind_changed()

    def _row(self, form: QFormLayout, label: str, key: str, widget):
        self.messages[key], self.captions[key], self.holders[key] = add_field_row(form, label, widget)
        self.widgets[key] = widget
        return widget

    def _load(self) -> None:
        def read(session):
            line = get_line(session, self.line_id)
            return line_data(line), line.version

        data, self.opened_version = self.writer.read(read)
        self.category.set_code(data["category"])
        self.day.set_date(data["day"])
        self.description.setText(data["description"] or "")
        self.miles.setText(data["miles"] or "")
        self.vehicle.set_code(data["vehicle"] or "car_or_van")
        self.passengers.setValue(data["passengers"] or 0)
        self.unit.set_code(data["unit"] or "day")
        self.count.setValue(data["count"] or 1)
        self.amount.set_pence(data["amount"])

    def _kind_changed(self) -> None:
        category = self.category.code()
        shown = set(_MILEAGE if category == "mileage" else _TIME if category in PAYMENTS_FOR_TIME else ("amount",))
        for key in (*_MILEAGE, *_TIME, "amount"):
            self.holders[key].setVisible(key in shown)
            self.captions[key].setVisible(key in shown)
        if category in PAYMENTS_FOR_TIME:
            cap = self.writer.read(lambda s: get_setting(s, "backfill_cap_half_days"))
            limit = (
                ""
                if category != "backfill"
                else _("No limit on backfill is set.")
                if cap is None
                else _(
                    "Backfill is limited to {cap} half days per person on each programme (a day counts as two)."
                ).format(
                    cap=cap,
                )
            )
            self.note.setText(f"{limit}\n{_(BENEFITS_NOTE)}".strip())
        self.note.setVisible(category in PAYMENTS_FOR_TIME)
        self.show_preview()
        self.adjustSize()  # the fields shown differ by kind: fit them, neither squashed nor stretched

    def values(self) -> tuple[dict[str, Any], dict[str, str]]:
        """What is typed, as the service takes it, and messages for what could not even be read."""
        problems: dict[str, str] = {}
        try:
            day = self.day.date_value()
        except ValueError as why:
            day, problems["day"] = None, str(why)
        data: dict[str, Any] = {"category": self.category.code(), "day": day, "description": self.description.text()}
        category = data["category"]
        if category == "mileage":
            data.update(miles=self.miles.text(), vehicle=self.vehicle.code(), passengers=self.passengers.value())
        elif category in PAYMENTS_FOR_TIME:
            data.update(unit=self.unit.code(), count=self.count.value())
        else:
            try:
                data["amount"] = self.amount.pence()
            except ValueError as why:
                data["amount"], problems["amount"] = None, str(why)
        return data, problems

    def show_preview(self) -> None:
        """Work out what the line will pay as it is typed; say what is missing instead when it can't be."""
        data, problems = self.values()
        if problems:
            self.preview.setText("")
            return
        try:
            preview = self.writer.read(lambda s: preview_line(s, self.claim_id, data, self.line_id))
        except (ValidationError, NotFound) as why:
            messages = why.messages if isinstance(why, ValidationError) else {"": str(why)}
            wanted = {"miles", "count", "passengers"} if data["category"] != "mileage" or data.get("miles") else set()
            said = [text for key, text in messages.items() if key in wanted]
            self.preview.setText(" ".join(said))
            return
        text = _("This line pays {amount_pence}.").format(
            amount_pence=format_pounds(preview.amount_pence),
        )
        if data["category"] == "mileage":
            text += "\n" + mileage_words(preview, data["day"])
        elif preview.working:
            text += f" ({preview.working})"
        self.preview.setText(text)

    def show_problems(self, messages: dict[str, str]) -> None:
        for key, label in self.messages.items():
            label.show_message(messages.get(key))
        self.general.show_message(" ".join(text for key, text in messages.items() if key not in self.messages))
        first = next((key for key in self.widgets if key in messages), None)
        if first:
            self.widgets[first].setFocus()

    def save(self) -> None:
        """Check and save the line; stays open with messages by the fields if anything is wrong."""
        data, problems = self.values()
        if problems:
            self.show_problems(problems)
            return

        def work(session, confirmed):
            if self.line_id is None:
                return add_line(session, self.claim_id, data, confirmed=confirmed).id
            return update_line(session, self.line_id, data, confirmed=confirmed, version=self.opened_version).id

        note = _(BENEFITS_NOTE) if data["category"] in PAYMENTS_FOR_TIME else None
        try:
            saved = run_confirmed(self.writer, self, _("Check before adding"), work, note)
        except ValidationError as exc:
            self.show_problems(exc.messages)
            return
        except EditConflict as conflict:  # someone else changed the line: show theirs, so nothing is lost unseen
            QMessageBox.information(self, _("Changed by someone else"), changed_elsewhere_text(conflict))
            self._load()
            return
        if saved:
            self.saved_id = saved
            self.accept()
