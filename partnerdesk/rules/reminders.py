"""What the Today page warns about, and how far ahead it looks."""

from __future__ import annotations

from datetime import date, timedelta

from partnerdesk.i18n import _

TERM_ENDING_WINDOW_DAYS = 60
CONSENT_REVIEW_WINDOW_DAYS = 30


def term_ending_window(today: date) -> tuple[date, date]:
    """Terms of office ending between these two dates (inclusive) are shown on Today."""
    return today, today + timedelta(days=TERM_ENDING_WINDOW_DAYS)


def consent_review_cutoff(today: date) -> date:
    """Consent reviews due on or before this date are shown on Today (overdue ones included)."""
    return today + timedelta(days=CONSENT_REVIEW_WINDOW_DAYS)


def days_until(today: date, when: date) -> str:
    """'today', 'in 3 days', '5 days ago' — for reminders people read at a glance."""
    delta = (when - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if delta > 0:
        return _("in {delta} days").format(delta=delta)
    return _("{value} days ago").format(value=-delta)
