"""Money as people type and read it (£1,050.00), held as a whole number of pence.

Amounts are always integer pence, never floats: 0.1 + 0.2 is not 0.3 in floating point, and a claim that drifts by a
penny is a claim the finance team has to chase. Nothing in this module touches a float.
"""

from __future__ import annotations

import re
from decimal import Decimal

from partnerdesk.i18n import _

# The largest single amount anyone can type: £100,000.00. Far above any claim line, backfill or budget allocation a
# small organisation makes, so reaching it almost always means a slip (an extra nought, a pasted account number).
MAX_PENCE = 10_000_000

# Pounds with optional thousands commas (1,050 but not 1,05) and optional pence after a full stop. ASCII digits only,
# so look-alike digits from other scripts are refused rather than misread.
_POUNDS = re.compile(r"(?P<whole>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?P<fraction>\d*))?", re.ASCII)
# "50p": a whole number of pence, written the way people say it.
_PENCE = re.compile(r"(?P<pence>\d+)\s*p", re.ASCII | re.IGNORECASE)
# "12,50": a decimal comma, as typed on European keyboards. Refused with its own message, not read as £1,250.
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}", re.ASCII)
_MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, the real minus sign, and the en dash word processors swap in
# More digits than this in the pounds can only be too large, and reading them as a number would be pointless work.
_MOST_POUND_DIGITS = 12


def parse_pounds(text: str, *, allow_zero: bool = False) -> int:
    """Read an amount of money typed by a person and give it back in pence.

    Accepts "12", "12.5", "12.50", ".50", "£1,050.00", " £3 " and "50p". Refuses, with a plain-English ValueError:
    an empty box, anything that isn't a number, more than two decimal places, a negative amount, zero (unless
    allow_zero is true) and anything over £100,000.00 (MAX_PENCE), which is always a slip in this app.
    """
    cleaned = text.strip()
    if not cleaned:
        raise ValueError(_("Please type an amount, for example 12.50."))

    # A minus sign may come before or after the pound sign: "-£3" and "£-3" both mean minus three pounds.
    negative = False
    rest = cleaned
    if rest[0] in _MINUS_SIGNS:
        negative, rest = True, rest[1:].lstrip()
    had_pound_sign = rest.startswith("£")
    if had_pound_sign:
        rest = rest[1:].lstrip()
    if not negative and rest and rest[0] in _MINUS_SIGNS:
        negative, rest = True, rest[1:].lstrip()

    pence = _read_pence(rest, cleaned, had_pound_sign)

    if pence == 0:
        # "-0" is just zero: no point telling someone it is negative.
        if not allow_zero:
            raise ValueError(_("The amount must be more than £0.00."))
        return 0
    if negative:
        raise ValueError(_("Amounts can't be negative. Please type the amount without a minus sign."))
    if pence > MAX_PENCE:
        raise ValueError(_("Amounts over {MAX_PENCE} can't be entered. Please check the figure.").format(
            MAX_PENCE=format_pounds(MAX_PENCE),
        ))
    return pence


def _read_pence(rest: str, typed: str, had_pound_sign: bool) -> int:
    """The pence in what is left once signs are stripped; typed is the whole entry, for the message."""
    pence_only = _PENCE.fullmatch(rest)
    if pence_only and not had_pound_sign:
        digits = pence_only.group("pence").lstrip("0") or "0"
        return MAX_PENCE + 1 if len(digits) > _MOST_POUND_DIGITS else int(digits)

    if _DECIMAL_COMMA.fullmatch(rest):
        raise ValueError(_("Please use a full stop for pence, for example 12.50."))
    match = _POUNDS.fullmatch(rest)
    whole = match.group("whole").replace(",", "") if match else ""
    fraction = match.group("fraction") if match else None
    if match is None or not (whole or fraction):
        raise ValueError(
            _("{typed} is not an amount of money. Please type pounds and pence, for example 12.50.").format(
                typed=typed,
            )
        )
    if fraction is not None and len(fraction) > 2:
        raise ValueError(_("Amounts can't have more than 2 decimal places (pence)."))

    whole = whole.lstrip("0")
    if len(whole) > _MOST_POUND_DIGITS:
        return MAX_PENCE + 1  # certainly too large; the caller says so
    return int(whole or "0") * 100 + int((fraction or "").ljust(2, "0"))


def format_pounds(pence: int) -> str:
    """Pence as people read money: 105000 → "£1,050.00", -350 → "-£3.50"."""
    _require_pence(pence)
    pounds, pennies = divmod(abs(pence), 100)
    sign = "-" if pence < 0 else ""
    return f"{sign}£{pounds:,}.{pennies:02d}"


def pence_to_decimal(pence: int) -> Decimal:
    """Pence as an exact Decimal of pounds with two places (350 → Decimal("3.50")), for spreadsheet cells."""
    _require_pence(pence)
    return Decimal(pence).scaleb(-2)


def decimal_to_pence(pounds: Decimal) -> int:
    """An exact Decimal of pounds back to pence (Decimal("3.5") → 350), for reading spreadsheets back.

    Raises ValueError if the amount has a fraction of a penny or is not a finite number: nothing is rounded here.
    """
    if not isinstance(pounds, Decimal):
        raise TypeError(f"Expected a Decimal, got {type(pounds).__name__}")
    if not pounds.is_finite():
        raise ValueError(_("{pounds} is not an amount of money.").format(pounds=pounds))
    pence = pounds.scaleb(2)
    if pence != pence.to_integral_value():
        raise ValueError(_("£{pounds} has a fraction of a penny.").format(pounds=pounds))
    return int(pence)


def _require_pence(pence: int) -> None:
    # bool is a kind of int in Python, and True pence is always a mistake; a float here would be the bug we prevent.
    if not isinstance(pence, int) or isinstance(pence, bool):
        raise TypeError(f"Money is a whole number of pence, not {type(pence).__name__}")
