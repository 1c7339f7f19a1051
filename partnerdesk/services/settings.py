"""Organisation settings kept in the database, so they travel with the data: notice and papers periods, and the
expenses settings (mileage and payment rates, backfill cap, receipts, flags and budget warnings).

Every setting has a default here; a row in the settings table exists only once someone changes it.
To add a setting, add one line to SETTINGS (use whole_days or write a small checker like it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records import Setting
from partnerdesk.records.base import utc_now
from partnerdesk.rules.mileage import DEFAULT_RATES, MileageRates
from partnerdesk.rules.payments import (
    DEFAULT_CAP_HALF_DAYS,
    DEFAULT_PAYMENT_RATES,
    EXPENSE_CATEGORIES,
    MAX_CAP_HALF_DAYS,
    PaymentRates,
)
from partnerdesk.services.errors import Problems

#: A checker takes what was typed or chosen and returns (the value to store, None) or (None, a plain message).
Checker = Callable[[Any], tuple[Any, str | None]]


@dataclass(frozen=True)
class SettingSpec:
    """One organisation setting: its key, what people read, its default and how to check a new value."""

    key: str
    label: str
    default: Any
    check: Checker
    help: str = ""


def whole_days(lowest: int = 0, highest: int = 90) -> Checker:
    """A checker for a number of whole days between lowest and highest (text such as "14" is accepted)."""
    message = f"Please give a whole number of days from {lowest} to {highest}."

    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not lowest <= value <= highest:
            return None, message
        return value, None

    return check


def whole_number(lowest: int, highest: int, unit: str, allow_none: bool = False) -> Checker:
    """A checker for a whole number of something between lowest and highest; None (or blank) too if allow_none."""
    message = f"Please give a whole number of {unit} from {lowest} to {highest}."
    if allow_none:
        message += " Leave it blank for no limit."

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
        return None, "Please give at least one set of mileage rates."
    stored = []
    try:
        for item in value:
            rates = item if isinstance(item, MileageRates) else MileageRates.from_settings(item)
            stored.append(rates.as_settings())
    except (ValueError, TypeError) as why:
        return None, str(why)
    days = [item["effective_from"] for item in stored]
    if len(set(days)) != len(days):
        return None, "Two sets of mileage rates start on the same day. Please remove one."
    return sorted(stored, key=lambda item: item["effective_from"]), None


def _payment_rates(value: Any) -> tuple[Any, str | None]:
    try:
        rates = value if isinstance(value, PaymentRates) else PaymentRates.from_settings(value)
    except (ValueError, TypeError, AttributeError) as why:
        return None, str(why) if isinstance(why, ValueError) else "Please give a day rate and a half-day rate."
    return rates.as_settings(), None


def _categories(value: Any) -> tuple[Any, str | None]:
    if not isinstance(value, list | tuple | set | frozenset) or any(c not in EXPENSE_CATEGORIES for c in value):
        return None, "Please choose kinds of claim from the list."
    return [code for code in EXPENSE_CATEGORIES if code in value], None  # the list's own order, no repeats


#: Kinds of claim that need a receipt unless the organisation says otherwise: everything a person paid for.
#: Mileage is worked out from miles, and involvement and backfill payments are the organisation's own rates.
DEFAULT_RECEIPT_CATEGORIES = [c for c in EXPENSE_CATEGORIES if c not in ("mileage", "involvement_payment", "backfill")]

_SPECS = (
    SettingSpec("notice_days", "Notice of meetings (days)", 14, whole_days(), "The least notice of a meeting."),
    SettingSpec("papers_days", "Papers before meetings (days)", 7, whole_days(), "The least time to read papers."),
    SettingSpec(
        "mileage_rates", "Mileage rates", [DEFAULT_RATES.as_settings()], _mileage_schedule,
        "Pence per mile, dated; HMRC's approved rates unless you change them.",
    ),
    SettingSpec(
        "payment_rates", "Involvement and backfill rates", DEFAULT_PAYMENT_RATES.as_settings(), _payment_rates,
        "What a day and a half day of someone's time is paid.",
    ),
    SettingSpec(
        "backfill_cap_half_days", "Backfill limit per participant (half days)", DEFAULT_CAP_HALF_DAYS,
        whole_number(0, MAX_CAP_HALF_DAYS, "half days", allow_none=True),
        "The most backfill one person can have on one programme. Blank for no limit.",
    ),
    SettingSpec(
        "receipt_categories", "Kinds of claim that need a receipt", DEFAULT_RECEIPT_CATEGORIES, _categories,
        "A claim with one of these lines and no receipt is flagged.",
    ),
    SettingSpec(
        "receipt_limit_mb", "Largest receipt (MB)", 5, whole_number(1, 50, "megabytes"),
        "Receipts are kept inside the database, so keep them small.",
    ),
    SettingSpec(
        "unpaid_flag_days", "Flag approved claims unpaid after (days)", 14, whole_days(1, 365),
        "Approved claims not paid after this many days show on the Today page.",
    ),
    SettingSpec(
        "budget_warning_percent", "Warn when a budget heading reaches (%)", 90, whole_number(1, 100, "per cent"),
        "Budget headings at or above this share of their allocation show on the Today page.",
    ),
)  # fmt: skip
#: Every setting the app knows, by key.
SETTINGS: dict[str, SettingSpec] = {spec.key: spec for spec in _SPECS}


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise KeyError(f"There is no setting called {key!r}") from None  # a programming slip, not user input


def _row(session: Session, key: str) -> Setting | None:
    return session.scalars(select(Setting).where(Setting.key == key)).one_or_none()


def get_setting(session: Session, key: str) -> Any:
    """A setting's current value: the organisation's own, or the default if nobody has changed it."""
    spec = _spec(key)
    row = _row(session, key)
    return spec.default if row is None else row.value


def all_settings(session: Session) -> dict[str, Any]:
    """Every setting's current value, by key, in the order of SETTINGS."""
    saved = {row.key: row.value for row in session.scalars(select(Setting))}
    return {key: saved.get(key, spec.default) for key, spec in SETTINGS.items()}


def set_setting(session: Session, key: str, value: Any) -> Any:
    """Change a setting; returns the value stored. Raises ValidationError (keyed by the setting's key) if the value
    is not allowed, and then nothing is changed."""
    spec = _spec(key)
    clean, message = spec.check(value)
    problems = Problems()
    if message:
        problems.add(key, message)
    problems.raise_if_any()
    row = _row(session, key)
    if row is None:
        session.add(Setting(key=key, value=clean))
    else:
        row.value = clean
        row.updated_at = utc_now()
    session.flush()
    return clean


def reset_setting(session: Session, key: str) -> None:
    """Put a setting back to its default."""
    _spec(key)
    row = _row(session, key)
    if row is not None:
        session.delete(row)
        session.flush()


def mileage_schedule(session: Session) -> tuple[MileageRates, ...]:
    """The organisation's dated mileage rates, oldest first (for rules.mileage.rates_on)."""
    return tuple(MileageRates.from_settings(item) for item in get_setting(session, "mileage_rates"))


def payment_rates(session: Session) -> PaymentRates:
    """The organisation's rates for a day and a half day of someone's time."""
    return PaymentRates.from_settings(get_setting(session, "payment_rates"))
