"""Every organisation setting PartnerDesk knows: its key, the words people read, its default and the check a new
value must pass (services.common.settings reads and saves them).

To add a setting, add one SettingSpec to _SPECS (use whole_days or write a small checker like it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from partnerdesk.i18n import N_, _
from partnerdesk.records.vocab import ROLES
from partnerdesk.rules import disclosure
from partnerdesk.rules.mileage import DEFAULT_RATES, MileageRates
from partnerdesk.rules.payments import (
    DEFAULT_CAP_HALF_DAYS,
    DEFAULT_PAYMENT_RATES,
    EXPENSE_CATEGORIES,
    MAX_CAP_HALF_DAYS,
    PaymentRates,
)
from partnerdesk.rules.supervision import DEFAULT_CADENCES, Cadence
from partnerdesk.rules.wellbeing import SWEMWBS_ITEMS
from partnerdesk.services.common.errors import Problems
from partnerdesk.services.common.text import check_text

#: A checker takes what was typed or chosen and returns (the value to store, None) or (None, a plain message).
Checker = Callable[[Any], tuple[Any, str | None]]


class SettingSpec(NamedTuple):
    """One organisation setting: its key, what people read, its default and how to check a new value."""

    key: str
    label: str
    default: Any
    check: Checker
    help: str = ""


def whole_days(lowest: int = 0, highest: int = 90) -> Checker:
    """A checker for a number of whole days between lowest and highest (text such as "14" is accepted)."""
    message = _("Please give a whole number of days from {lowest} to {highest}.").format(
        lowest=lowest,
        highest=highest,
    )

    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            return None, message
        return value, None

    return check


def yes_or_no(value: Any) -> tuple[Any, str | None]:
    """A checker for a setting that is on or off."""
    if not isinstance(value, bool):
        return None, _("Please choose on or off.")
    return value, None


def swemwbs_wording(value: Any) -> tuple[Any, str | None]:
    """A checker for the organisation's own SWEMWBS item wording: all seven items, or none (scores only).

    PartnerDesk ships no wording (the licence does not allow it), so the organisation types the items from its own
    licensed copy.
    """
    if value is None or value == [] or value == ():
        return [], None
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return None, _("Please give the seven SWEMWBS items as a list, one item each.")
    items = [item.strip() if isinstance(item, str) else "" for item in value]
    if not any(items):
        return [], None
    if len(items) != SWEMWBS_ITEMS or not all(items):
        return None, _("Please type all seven SWEMWBS items from your licensed copy, or leave all seven blank.")
    if any(len(item) > 300 for item in items):
        return None, _("Each SWEMWBS item must be 300 characters or fewer.")
    return items, None


def role_codes(value: Any) -> tuple[Any, str | None]:
    """A checker for a list of role codes (records.vocab.ROLES)."""
    if isinstance(value, str) or not isinstance(value, list | tuple) or any(code not in ROLES for code in value):
        return None, _("Please pick roles from the list.")
    return sorted(set(value), key=list(ROLES).index), None


def cadences(value: Any) -> tuple[Any, str | None]:
    """A checker for supervision cadences: role code → [shortest, longest] days between sessions (up to a year)."""
    if not isinstance(value, dict):
        return None, _("Please give a shortest and longest gap in days for each role.")
    clean = {}
    for role, gap in value.items():
        if role not in ROLES:
            return None, _("Please pick roles from the list.")
        try:
            shortest, longest = (int(days) for days in gap)
            Cadence(shortest, longest)
        except (TypeError, ValueError) as why:
            message = str(why) if isinstance(why, ValueError) and "gap" in str(why) else ""
            return None, message or _("{value}: please give two whole numbers of days.").format(value=ROLES[role])
        if longest > 365:
            return None, _("{value}: the longest gap must be a year (365 days) or less.").format(value=ROLES[role])
        clean[role] = [shortest, longest]
    return clean, None


def whole_number(lowest: int, highest: int, unit: str, allow_none: bool = False) -> Checker:
    """A checker for a whole number of something between lowest and highest; None (or blank) too if allow_none."""
    message = _("Please give a whole number of {unit} from {lowest} to {highest}.").format(
        unit=_(unit),
        lowest=lowest,
        highest=highest,
    )
    if allow_none:
        message += _(" Leave it blank for no limit.")

    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str):
            value = value.strip()
            if value.isdigit():
                value = int(value)
            elif value == "" and allow_none:
                value = None
        if value is None and allow_none:
            return None, None
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            return None, message
        return value, None

    return check


def _mileage_schedule(value: Any) -> tuple[Any, str | None]:
    """Dated sets of mileage rates: a list of MileageRates (or their stored dicts), at least one, no date twice."""
    if isinstance(value, MileageRates):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        return None, _("Please give at least one set of mileage rates.")
    stored = []
    try:
        for item in value:
            rates = item if isinstance(item, MileageRates) else MileageRates.from_settings(item)
            stored.append(rates.as_settings())
    except (ValueError, TypeError) as why:
        return None, str(why)
    days = [item["effective_from"] for item in stored]
    if len(set(days)) != len(days):
        return None, _("Two sets of mileage rates start on the same day. Please remove one.")
    return sorted(stored, key=lambda item: item["effective_from"]), None


def _payment_rates(value: Any) -> tuple[Any, str | None]:
    try:
        rates = value if isinstance(value, PaymentRates) else PaymentRates.from_settings(value)
    except (ValueError, TypeError, AttributeError) as why:
        return None, str(why) if isinstance(why, ValueError) else _("Please give a day rate and a half-day rate.")
    return rates.as_settings(), None


def _categories(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list | tuple | set | frozenset) or any(c not in EXPENSE_CATEGORIES for c in value):
        return None, _("Please choose kinds of claim from the list.")
    return [code for code in EXPENSE_CATEGORIES if code in value], None  # the list's own order, no repeats


#: Kinds of claim that need a receipt unless the organisation says otherwise: everything a person paid for.
def _disclosure_rule(value: Any) -> tuple[Any, str | None]:
    """A checker for the disclosure rule of anonymised exports: one of rules.disclosure.RULES."""
    if value not in disclosure.RULES:
        return None, _("Please pick a rule for small numbers from the list.")
    return value, None


def organisation_name(value: Any) -> tuple[Any, str | None]:
    """A checker for the organisation's own name: blank, or up to 200 characters that can be saved."""
    text = value.strip() if isinstance(value, str) else value
    if text is None or text == "":
        return "", None
    if not isinstance(text, str):
        return None, _("Please type your organisation's name.")
    if len(text) > 200:
        return None, _("Please keep your organisation's name to 200 characters or fewer.")
    problems = Problems()
    check_text({"organisation_name": text}, problems)
    return (None, problems.messages["organisation_name"]) if problems.messages else (text, None)


#: Mileage is worked out from miles, and involvement and backfill payments are the organisation's own rates.
DEFAULT_RECEIPT_CATEGORIES = [c for c in EXPENSE_CATEGORIES if c not in ("mileage", "involvement_payment", "backfill")]

_SPECS = (
    SettingSpec(
        "organisation_name", N_("Your organisation's name"), "", organisation_name,
        N_("Your own organisation, as it should appear on what PartnerDesk prints."),
    ),
    SettingSpec("notice_days", N_("Notice of meetings (days)"), 14, whole_days(), N_("The least notice of a meeting.")),
    SettingSpec(
        "papers_days", N_("Papers before meetings (days)"), 7, whole_days(), N_("The least time to read papers.")
    ),
    SettingSpec(
        "invite_series_members", N_("Invite the committee's members to new meetings of a series automatically"), False,
        yes_or_no, N_("When meetings are added to a series, its committee's members are invited to them at once."),
    ),
    SettingSpec(
        "follow_up_working_days", N_("Follow-up after distress (working days)"), 1, whole_days(1, 10),
        N_("When a follow-up after distress is due, unless the worker picks a date: 1 is the next working day."),
    ),
    SettingSpec(
        "swemwbs_items", N_("SWEMWBS items (from your licensed copy)"), [], swemwbs_wording,
        N_("The seven SWEMWBS items as your organisation's licence gives them. Scores can be recorded without them."),
    ),
    SettingSpec(
        "supervision_cadences", N_("Supervision every (days, by role)"),
        {role: [c.min_days, c.max_days] for role, c in DEFAULT_CADENCES.items()}, cadences,
        N_("The shortest and longest gap between 1:1 supervision sessions for each role that needs supervision."),
    ),
    SettingSpec(
        "training_roles", N_("Roles that need the mandatory training"), ["peer_supporter", "peer_support_worker"],
        role_codes, N_("People with any of these roles are expected to complete every training course."),
    ),
    SettingSpec(
        "mileage_rates", N_("Mileage rates"), [DEFAULT_RATES.as_settings()], _mileage_schedule,
        N_("Pence per mile, dated; HMRC's approved rates unless you change them."),
    ),
    SettingSpec(
        "payment_rates", N_("Involvement and backfill rates"), DEFAULT_PAYMENT_RATES.as_settings(), _payment_rates,
        N_("What a day and a half day of someone's time is paid."),
    ),
    SettingSpec(
        "backfill_cap_half_days", N_("Backfill limit per participant (half days)"), DEFAULT_CAP_HALF_DAYS,
        whole_number(0, MAX_CAP_HALF_DAYS, N_("half days"), allow_none=True),
        N_("The most backfill one person can have on one programme. Blank for no limit."),
    ),
    SettingSpec(
        "receipt_categories", N_("Kinds of claim that need a receipt"), DEFAULT_RECEIPT_CATEGORIES, _categories,
        N_("A claim with one of these lines and no receipt is flagged."),
    ),
    SettingSpec(
        "receipt_limit_mb", N_("Largest receipt (MB)"), 5, whole_number(1, 50, "megabytes"),
        N_("Receipts are kept inside the database, so keep them small."),
    ),
    SettingSpec(
        "unpaid_flag_days", N_("Flag approved claims unpaid after (days)"), 14, whole_days(1, 365),
        N_("Approved claims not paid after this many days show on the Today page."),
    ),
    SettingSpec(
        "budget_warning_percent", N_("Warn when a budget heading reaches (%)"), 90,
        whole_number(1, 100, N_("per cent")),
        N_("Budget headings at or above this share of their allocation show on the Today page."),
    ),
    SettingSpec(
        "bin_keep_days", N_("Delete Bin items for good after (days)"), 30, whole_days(1, 3650),
        N_("Anything deleted is kept in the Bin this long, then deleted for good when PartnerDesk starts. Expense "
        "claims sent for approval are kept; a person with claims loses their details instead."),
    ),
    SettingSpec(
        "retention_left_years", N_("Review people who left more than (years) ago"), 6,
        whole_number(1, 50, N_("years")),
        N_("People whose status has been \"left\" this long (since their record last changed) are listed on Today "
           "for review: erase them, or keep them and change their record."),
    ),
    SettingSpec(
        "retention_check_years", N_("Review wellbeing checks older than (years)"), 6,
        whole_number(1, 50, N_("years")),
        N_("Wellbeing checks older than this are listed on Today, by person, for review: remove them for good."),
    ),
    SettingSpec(
        "lock_after_minutes", N_("Lock PartnerDesk after this many idle minutes"), 5,
        whole_number(0, 240, N_("minutes")),
        N_("On a shared computer, PartnerDesk covers its window after this long without use, so nobody passing can "
        "read it. 0 never locks."),
    ),
    SettingSpec(
        "disclosure_rule", N_("Small numbers in anonymised exports"), disclosure.DEFAULT_RULE, _disclosure_rule,
        N_("How anonymised figures hide counts that could point at someone: below a threshold (with enough other "
        "figures hidden that none can be worked out), or NHS Digital style (1 to 7 hidden, others rounded to 5)."),
    ),
    SettingSpec(
        "disclosure_threshold", N_("Smallest count shown in anonymised exports"), disclosure.DEFAULT_THRESHOLD,
        whole_number(2, 50, "people"), N_("Counts from 1 up to one below this are hidden (with the threshold rule)."),
    ),
)  # fmt: skip
#: Every setting the app knows, by key.
SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in _SPECS}
