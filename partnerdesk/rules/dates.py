"""UK dates for people (23/11/2026); ISO dates in storage."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from partnerdesk.i18n import _

UK = ZoneInfo("Europe/London")
UK_DATE = "%d/%m/%Y"
# Day and month of one or two digits, year of two or four; ASCII digits only, so "1/1/5" or "²/1/2026" are refused.
_UK_DATE_TYPED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", re.ASCII)


def format_uk(value: date | None) -> str:
    """23/11/2026, or an empty string for no date."""
    # Not strftime: "%Y" does not pad years before 1000 on every platform, and the result must read back the same.
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}" if value else ""


def parse_uk(text: str) -> date:
    """Read a date typed the UK way (day/month/year; dashes, dots and two-digit years accepted).

    Raises ValueError with a plain-English message.
    """
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    match = _UK_DATE_TYPED.fullmatch(cleaned)
    if match is None:
        raise ValueError(_("Please type the date as day/month/year, for example 23/11/2026."))
    day, month, year = (int(p) for p in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("{text} is not a real date.").format(text=text.strip())) from None


def today_uk(now: datetime | None = None) -> date:
    """Today's date in the UK, whatever the computer's own time zone.

    now (timezone-aware) stands in for the current moment, so callers and tests can ask "what day was it then?".
    """
    if now is None:
        now = datetime.now(UTC)
    elif now.tzinfo is None:
        raise ValueError(_("A moment in time must carry its time zone"))
    return now.astimezone(UK).date()


def format_moment_uk(moment: datetime | None) -> str:
    """A stored UTC moment shown as UK local time: 23/11/2026 14:05."""
    if moment is None:
        return ""
    return moment.astimezone(UK).strftime("%d/%m/%Y %H:%M")
