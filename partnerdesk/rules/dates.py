"""UK dates for people (23/11/2026); ISO dates in storage."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")
UK_DATE = "%d/%m/%Y"


def format_uk(value: date | None) -> str:
    """23/11/2026, or an empty string for no date."""
    return value.strftime(UK_DATE) if value else ""


def parse_uk(text: str) -> date:
    """Read a date typed the UK way (day/month/year; dashes, dots and two-digit years accepted).

    Raises ValueError with a plain-English message.
    """
    cleaned = text.strip().replace("-", "/").replace(".", "/")
    parts = cleaned.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("Please type the date as day/month/year, for example 23/11/2026.")
    day, month, year = (int(p) for p in parts)
    if len(parts[2]) == 2:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} is not a real date.") from None


def today_uk() -> date:
    """Today's date in the UK, whatever the computer's own time zone."""
    return datetime.now(UTC).astimezone(UK).date()


def format_moment_uk(moment: datetime | None) -> str:
    """A stored UTC moment shown as UK local time: 23/11/2026 14:05."""
    if moment is None:
        return ""
    return moment.astimezone(UK).strftime("%d/%m/%Y %H:%M")
