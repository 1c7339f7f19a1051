"""Claim categories, involvement and backfill payments, and respecting how each person wants to be paid.

Payments for someone's time (involvement payments and backfill) count as earnings for welfare benefits, whatever form
they take; reimbursed expenses do not. So the app keeps the two apart, and warns before paying for time anyone who
has not said they are happy to be paid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.rules.money import MAX_PENCE, format_pounds

# The one wording of the note shown wherever payments are chosen or added (the person form, the claim form).
BENEFITS_NOTE = (
    N_("Payments for someone's time can affect welfare benefits, even when paid in vouchers. "
    "Paying back what they actually spent does not. Let the person choose, and respect their choice.")
)

# What a claim line can be for, as stored code → plain-English label. Codes never change once shipped.
EXPENSE_CATEGORIES = {
    "mileage": N_("Mileage"),
    "public_transport": N_("Public transport"),
    "taxi": N_("Taxi"),
    "parking": N_("Parking"),
    "subsistence": N_("Subsistence (food and drink)"),
    "care_cover": N_("Care or childcare cover"),
    "printing": N_("Printing"),
    "telephone": N_("Telephone"),
    "internet": N_("Internet"),
    "stationery": N_("Stationery"),
    "it_equipment": N_("IT equipment"),
    "software": N_("Software"),
    "training": N_("Training"),
    "conference": N_("Conference"),
    "involvement_payment": N_("Involvement payment"),
    "backfill": N_("Backfill (day or half day)"),
    "other": N_("Other"),
}

# The categories that pay for someone's time rather than paying back what they spent: earnings, for benefits.
PAYMENTS_FOR_TIME = frozenset({"involvement_payment", "backfill"})

# How a payment for time is measured, code → label. A day counts as two half days against a cap.
TIME_UNITS = {
    "day": N_("Day"),
    "half_day": N_("Half day"),
}
_HALF_DAYS_IN = {"day": 2, "half_day": 1}

# A sensible cap to suggest for a programme participant's backfill: 6 half days (buddying, in DOMAIN.md).
DEFAULT_CAP_HALF_DAYS = 6
# The most half days a cap can be set to: two years of a day a week. Just a bound against typing slips.
MAX_CAP_HALF_DAYS = 200
# The most days or half days on one claim line: a month of working days.
MAX_UNITS_PER_LINE = 20


def _is_whole(value: object) -> bool:
    # bool is a kind of int in Python; True days or True pence is always a mistake.
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class PaymentRates:
    """The organisation's rates for time, in pence, in force from effective_from. Defaults: £350 a day, £175 a half day.

    Raises ValueError with a plain-English message for a rate that is not a whole number of pence above zero and up
    to £100,000, or a half-day rate above the day rate.
    """

    day_pence: int = 35_000
    half_day_pence: int = 17_500
    # No national rate to date these from: the defaults hold for any day an organisation is likely to record.
    effective_from: date = date(2000, 1, 1)

    def __post_init__(self) -> None:
        for value, described in ((self.day_pence, _("The day rate")), (self.half_day_pence, _("The half-day rate"))):
            if not _is_whole(value) or not 0 < value <= MAX_PENCE:
                raise ValueError(_("{described} must be more than £0.00 and no more than {MAX_PENCE}.").format(
                    described=described,
                    MAX_PENCE=format_pounds(MAX_PENCE),
                ))
        if self.half_day_pence > self.day_pence:
            raise ValueError(_("The half-day rate can't be more than the day rate."))
        if not isinstance(self.effective_from, date):
            raise ValueError(_("Payment rates need the date they start from."))

    def rate(self, unit: str) -> int:
        """The rate in pence for one day or one half day."""
        _check_unit(unit)
        return self.day_pence if unit == "day" else self.half_day_pence

    def as_settings(self) -> dict[str, int | str]:
        """The rates as plain values for storing as settings (the date as ISO text)."""
        return {
            "day_pence": self.day_pence,
            "half_day_pence": self.half_day_pence,
            "effective_from": self.effective_from.isoformat(),
        }

    @classmethod
    def from_settings(cls, values: Mapping[str, int | str]) -> PaymentRates:
        """Rates back from stored settings; anything missing takes the default. Checked like any other rates."""
        unknown = sorted(set(values) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(_("Unknown payment setting: {join}.").format(join=', '.join(unknown)))
        given: dict[str, object] = dict(values)
        if "effective_from" in given:
            try:
                given["effective_from"] = date.fromisoformat(str(given["effective_from"]))
            except ValueError:
                raise ValueError(_("The date payment rates start from is not a real date.")) from None
        return cls(**given)  # type: ignore[arg-type]


DEFAULT_PAYMENT_RATES = PaymentRates()


def is_payment_for_time(category: str) -> bool:
    """True for involvement payments and backfill, which count as earnings; False for expenses paid back."""
    _check_category(category)
    return category in PAYMENTS_FOR_TIME


def time_payment_pence(unit: str, count: int, rates: PaymentRates = DEFAULT_PAYMENT_RATES) -> int:
    """What a number of days or half days pays: 3 days at the default rates is 105000 (£1,050.00)."""
    _check_count(count)
    return rates.rate(unit) * count


def half_days(unit: str, count: int) -> int:
    """How many half days a number of days or half days uses up against a cap: 3 days is 6 half days."""
    _check_unit(unit)
    _check_count(count)
    return _HALF_DAYS_IN[unit] * count


def half_days_left(cap_half_days: int | None, used_half_days: int) -> int | None:
    """How many half days a participant has left under their cap; None when there is no cap. Never below 0."""
    _check_used(used_half_days)
    if cap_half_days is None:
        return None
    _check_cap(cap_half_days)
    return max(0, cap_half_days - used_half_days)


def check_within_cap(cap_half_days: int | None, used_half_days: int, unit: str, count: int) -> None:
    """Refuse, with a plain-English ValueError, a payment that would take a participant over their cap.

    used_half_days is what they have already had on this programme. No cap (None) means no limit.
    """
    wanted = half_days(unit, count)
    left = half_days_left(cap_half_days, used_half_days)
    if cap_half_days is None or left is None or wanted <= left:
        return
    asked = _days(count) if unit == "day" else _half_days(count)
    if unit == "day":
        asked += f" ({_half_days(wanted)})"
    if left == 0:
        remaining = _("none are left")
    else:
        remaining = ngettext("only {count_words} is left", "only {count_words} are left", left).format(
            count_words=_half_days(left))
    raise ValueError(
        _(
            "This person can have up to {count_words} on this programme and {remaining}, so {asked} "
            "can't be added."
        ).format(
            count_words=_half_days(cap_half_days),
            remaining=remaining,
            asked=asked,
        )
    )


def payment_warning(preference: str | None, category: str, who: str = N_("This person")) -> str | None:
    """The warning to show before adding a claim line that goes against someone's payment preference, or None.

    preference is a code from vocab.PAYMENT_PREFERENCES, or None when nobody has asked yet. Paying for time warns
    unless they said they are happy to be paid; paying back expenses warns only if they asked for no payments at all.
    who names the person in the message ("Sam Jones asked for expenses only …").
    """
    _check_category(category)
    if preference not in (None, "paid", "expenses_only", "no_payments"):
        raise ValueError(_("{preference} is not a payment preference.").format(preference=preference))
    for_time = category in PAYMENTS_FOR_TIME
    check = _("Please check with them before adding it.")
    if preference == "paid" or (not for_time and preference != "no_payments"):
        return None
    if preference == "no_payments":
        if for_time:
            return _("{who} asked not to receive any payments. This payment is for their time. {check}").format(
                who=who,
                check=check,
            )
        return _("{who} asked not to receive any payments, not even expenses. {check}").format(
            who=who,
            check=check,
        )
    if preference == "expenses_only":
        return (
            _(
                "{who} asked for expenses only, not payments for their time. Payments for time can affect "
                "welfare benefits. {check}"
            ).format(
                who=who,
                check=check,
            )
        )
    return (
        _(
            "Nobody has asked {object_form} whether they want to be paid for their time. Payments for "
            "time can affect welfare benefits, so please ask them before adding this payment."
        ).format(
            object_form=_object_form(who),
        )
    )


def _object_form(who: str) -> str:
    # "This person" reads oddly mid-sentence ("Nobody has asked This person"), a name does not.
    return _("this person") if who == "This person" else who


def _days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count).format(count=count)


def _half_days(count: int) -> str:
    return ngettext("{count} half day", "{count} half days", count).format(count=count)


def _check_category(category: str) -> None:
    if category not in EXPENSE_CATEGORIES:
        raise ValueError(_("{category} is not a kind of claim. Please choose one from the list.").format(
            category=category,
        ))


def _check_unit(unit: str) -> None:
    if unit not in TIME_UNITS:
        raise ValueError(_("Payments for time are by the day or the half day."))


def _check_count(count: int) -> None:
    if not _is_whole(count) or not 0 < count <= MAX_UNITS_PER_LINE:
        raise ValueError(
            _("The number of days or half days must be a whole number from 1 to {MAX_UNITS_PER_LINE}.").format(
                MAX_UNITS_PER_LINE=MAX_UNITS_PER_LINE,
            )
        )


def _check_cap(cap: int) -> None:
    if not _is_whole(cap) or not 0 <= cap <= MAX_CAP_HALF_DAYS:
        raise ValueError(_("The limit must be a whole number of half days from 0 to {MAX_CAP_HALF_DAYS}.").format(
            MAX_CAP_HALF_DAYS=MAX_CAP_HALF_DAYS,
        ))


def _check_used(used: int) -> None:
    if not _is_whole(used) or used < 0:
        raise ValueError(_("The half days already paid must be a whole number, 0 or more."))
