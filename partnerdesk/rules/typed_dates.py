"""Dates as people actually put them in spreadsheets: 23/11/2026, 23-11-26, 23 Nov 2026, 2026-11-23, or a cell that
holds an Excel day number (46349). Used when importing, where nobody chose the format in advance.

Always day first (this is a UK tool): 03/04/2026 is the 3rd of April, never the 4th of March.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from partnerdesk.i18n import _
from partnerdesk.rules.dates import parse_uk

_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_WORDY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]+([A-Za-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?", re.ASCII)
_SERIAL = re.compile(r"\d{4,5}(?:\.\d+)?", re.ASCII)
#: Excel's day 0 (its day numbers count from here, allowing for its imaginary 29 February 1900).
_EXCEL_EPOCH = date(1899, 12, 30)
#: Day numbers outside this range are not plausible dates for people's records (1927 to 2173).
_SERIALS = range(10_000, 100_000)


def _not_a_date() -> str:
    return _("This isn't a date PartnerDesk can read. Please write it as day/month/year, for example 23/11/2026.")


def _not_real() -> str:
    # Without the value typed: the import's row report names rows, never what is in them.
    return _("This is not a real date: please check the day and the month.")


def from_serial(number: float) -> date:
    """The date an Excel day number stands for (46349 → 23/11/2026); ValueError when it is not a likely date."""
    if int(number) not in _SERIALS:
        raise ValueError(_not_a_date())
    return _EXCEL_EPOCH + timedelta(days=int(number))


def read_date(value: object) -> date:
    """A date from whatever a spreadsheet cell held: a date, a date-and-time, a day number or typed text.

    Raises ValueError with a plain-English message when the value cannot be read as a date.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_serial(value)
    text = str(value).strip()
    if _SERIAL.fullmatch(text):
        return from_serial(float(text))
    if match := _ISO.fullmatch(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise ValueError(_not_real()) from None
    if match := _WORDY.fullmatch(text):
        month = _MONTHS.get(match[2].lower())
        if month is None:
            raise ValueError(_not_a_date())
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        try:
            return date(year, month, int(match[1]))
        except ValueError:
            raise ValueError(_not_real()) from None
    try:
        return parse_uk(text.split(" ")[0] if " " in text and ":" in text else text)
    except ValueError as why:
        if "not a real date" in str(why):
            raise ValueError(_not_real()) from None
        raise ValueError(_not_a_date()) from None


_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*([ap]\.?m\.?)?", re.ASCII | re.IGNORECASE)


def read_time(value: object) -> time:
    """A time of day from a spreadsheet cell: a time, a date-and-time, Excel's fraction of a day (0.4375) or typed
    text ("10:00", "10.30", "14:30:00", "2pm", "2.30 p.m."). Raises ValueError with a plain message otherwise."""
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    found = _TIME.fullmatch(str(value).strip())
    if found:
        hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()[:1]
        if half and not 1 <= hour <= 12:
            hour = 99  # "13pm" is no time at all
        elif half:
            hour = hour % 12 + (12 if half == "p" else 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    raise ValueError(_("This isn't a time PartnerDesk can read. Please write it as 10:00 or 14:30."))
