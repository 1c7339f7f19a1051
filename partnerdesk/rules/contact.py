"""Checking and tidying contact details typed by people: email, UK phone numbers and postcodes."""

from __future__ import annotations

import re

from partnerdesk.i18n import _

# Deliberately forgiving: we only catch obvious slips (missing @, spaces, no dot in the domain);
# the real test of an email address is whether mail arrives.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

# The official UK postcode pattern (BS 7666), plus the special case GIR 0AA.
_POSTCODE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY])"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)


def email_problem(value: str) -> str | None:
    """A plain-English reason the email address looks wrong, or None if it looks fine."""
    if not _EMAIL.match(value):
        return _("This doesn't look like an email address. It should look like name@example.org.")
    return None


def phone_digits(value: str) -> str:
    """Just the digits of a phone number, with +44 (or 0044) turned into a leading 0.

    The common "+44 (0)29 …" way of writing a number keeps a single leading 0.
    """
    digits = re.sub(r"\D", "", value)
    if value.strip().startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits[2:].removeprefix("0")
    elif digits.startswith("0044"):
        digits = "0" + digits[4:].removeprefix("0")
    return digits


def phone_problem(value: str) -> str | None:
    """A plain-English reason the phone number looks wrong, or None if it is a UK number of the right length."""
    if re.search(r"[^\d\s()+\-]", value):
        return _("A phone number can only contain numbers, spaces, brackets, + and -.")
    digits = phone_digits(value)
    if not digits.startswith("0") or len(digits) not in (10, 11):
        return _("Please give a UK phone number of 10 or 11 digits, starting with 0 (or +44).")
    return None


def tidy_postcode(value: str) -> str:
    """A postcode in capitals with one space before the last three characters (cf101aa → CF10 1AA)."""
    compact = re.sub(r"\s+", "", value).upper()
    if len(compact) > 3:
        return compact[:-3] + " " + compact[-3:]
    return compact


def postcode_problem(value: str) -> str | None:
    """A plain-English reason the postcode is not a UK postcode, or None if it is."""
    if not _POSTCODE.match(tidy_postcode(value)):
        return _("This isn't a UK postcode. It should look like CF10 1AA or M1 1AE.")
    return None
