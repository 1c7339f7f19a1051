"""Supervision cadence and training renewal: when the next session is due, and whose training is missing or due.

Source: DOMAIN.md, Who is who (1:1 supervision every 4–6 weeks for peer support workers, configurable) and
Wellbeing and supervision (topics, mandatory training).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from partnerdesk.i18n import N_, _

# --- Supervision --------------------------------------------------------------------------------------------------

# A session is "due" from this many days before the latest suggested date, so Today gives a week's warning.
DUE_WINDOW_DAYS = 7


@dataclass(frozen=True)
class Cadence:
    """How often supervision should happen: the next session between min_days and max_days after the last one."""

    min_days: int
    max_days: int

    def __post_init__(self) -> None:
        whole = all(isinstance(days, int) and not isinstance(days, bool) for days in (self.min_days, self.max_days))
        if not whole or self.min_days < 1:
            raise ValueError(_("Supervision gaps are whole numbers of days, 1 or more."))
        if self.max_days < self.min_days:
            raise ValueError(_("The longest gap between supervision sessions can't be shorter than the shortest."))


# Every 4–6 weeks (DOMAIN.md). A default only: the organisation can change it in its settings.
PEER_SUPPORT_WORKER_CADENCE = Cadence(min_days=28, max_days=42)

# Role codes as in records.vocab.ROLES. Roles not listed have no required supervision cadence.
DEFAULT_CADENCES = {"peer_support_worker": PEER_SUPPORT_WORKER_CADENCE}


def cadence_for_role(role: str, settings: Mapping[str, Cadence] | None = None) -> Cadence | None:
    """The supervision cadence for a role: the organisation's setting if it has one, else the default, else None."""
    if settings is not None and role in settings:
        return settings[role]
    return DEFAULT_CADENCES.get(role)


def next_due(last_session: date, cadence: Cadence) -> tuple[date, date]:
    """The earliest and latest suggested dates for the next session (inclusive)."""
    return last_session + timedelta(days=cadence.min_days), last_session + timedelta(days=cadence.max_days)


def supervision_status(today: date, last_session: date | None, cadence: Cadence) -> str:
    """Where supervision stands: "not due", "due" (on or up to DUE_WINDOW_DAYS before the latest suggested date)
    or "overdue" (after it).

    With no session yet, the status is "due": pass the date the supervisor was named as last_session to have it
    turn "overdue" if the first session never happens.
    """
    if last_session is None:
        return "due"
    return status_by_due_date(today, next_due(last_session, cadence)[1])


def status_by_due_date(today: date, due_on: date) -> str:
    """Where supervision stands against a due date already agreed: "overdue" after it, "due" on it or up to
    DUE_WINDOW_DAYS before it, else "not due"."""
    if today > due_on:
        return "overdue"
    if today >= due_on - timedelta(days=DUE_WINDOW_DAYS):
        return "due"
    return _("not due")


def session_on_time(previous_session: date | None, session_on: date, cadence: Cadence) -> bool:
    """True when a session happened no later than the latest date suggested after the one before (or was the first)."""
    return previous_session is None or session_on <= next_due(previous_session, cadence)[1]


def pair_problem(supervisor_id: int, supervisee_id: int) -> str | None:
    """A plain reason a supervisor–supervisee pair can't be saved, or None."""
    if supervisor_id == supervisee_id:
        return _("Someone can't supervise themselves. Please choose a different supervisor.")
    return None


def session_date_problem(today: date, session_on: date, last_session: date | None, cadence: Cadence) -> str | None:
    """A plain reason a session date can't be saved, or None.

    A session may be booked ahead, but not for a day after the latest date the next one is due: that would
    quietly hide an overdue supervision. With no session yet, the limit counts from today.
    """
    if session_on <= today:
        return None
    latest = next_due(last_session if last_session is not None else today, cadence)[1]
    if session_on > latest:
        return _(
            "The session date is after the next due date ({latest:%d/%m/%Y}). Please pick that day or "
            "earlier."
        ).format(
            latest=latest,
        )
    return None


SESSION_TYPES = {
    "one_to_one": "1:1",
    "group": N_("Group"),
}

# Codes are what the database holds; labels are what people read.
SUPERVISION_TOPICS = {
    "wellbeing": N_("Managing mental health and wellbeing"),
    "caseload": N_("Caseload management"),
    "development": N_("Personal development planning, training and career progression"),
    "health_and_safety": N_("Health and safety"),
    "other": N_("Other"),
}

# --- Training -----------------------------------------------------------------------------------------------------

# Training is "expiring" this many days before it runs out, so Today gives a month's warning.
EXPIRING_WINDOW_DAYS = 30


class Course(NamedTuple):
    """A training course and how often it must be renewed (None: done once, never expires)."""

    name: str
    renewal_months: int | None


# The mandatory training in DOMAIN.md. The renewal periods are our own sensible defaults, not a legal requirement,
# and the organisation can edit them: three years for most courses, every year for data protection (the law and
# the ICO's advice change often), and none for peer support training, a qualification done once.
DEFAULT_COURSES = {
    "edi": Course(N_("Equality, Diversity and Inclusion"), 36),
    "safeguarding_adults": Course(N_("Safeguarding Adults"), 36),
    "safeguarding_children": Course(N_("Safeguarding Children"), 36),
    "gdpr": Course("GDPR", 12),
    "mental_health_awareness": Course(N_("Mental Health Awareness"), 36),
    "peer_support": Course(N_("Peer Support training"), None),
}


def add_months(day: date, months: int) -> date:
    """The same day of the month so many months on, or that month's last day if it is shorter (31 Jan + 1 → 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def renewal_months_problem(renewal_months: int | None) -> str | None:
    """A plain reason a renewal period can't be saved, or None. None itself means "never needs renewing"."""
    if renewal_months is None:
        return None
    if not isinstance(renewal_months, int) or isinstance(renewal_months, bool) or renewal_months < 1:
        return _("The renewal period must be a whole number of months, 1 or more, or left blank if it never expires.")
    return None


def training_expires_on(completed_on: date, renewal_months: int | None) -> date | None:
    """The last day the training is in date, or None if it never needs renewing.

    Done on 31 January with a 1-month renewal, it runs to 28 February (29th in a leap year).
    """
    problem = renewal_months_problem(renewal_months)
    if problem:
        raise ValueError(problem)
    if renewal_months is None:
        return None
    return add_months(completed_on, renewal_months)


def training_status(today: date, completed_on: date | None, renewal_months: int | None) -> str:
    """Where training stands: "missing" (never done), "expired", "expiring" (runs out within EXPIRING_WINDOW_DAYS)
    or "in date".

    Training is still in date on its expiry day and expired the day after.
    """
    if completed_on is None:
        return "missing"
    expires_on = training_expires_on(completed_on, renewal_months)
    if expires_on is None:
        return "in date"  # not words: a code, shown through the page's STATUS_WORDS
    if today > expires_on:
        return "expired"
    if (expires_on - today).days <= EXPIRING_WINDOW_DAYS:
        return "expiring"
    return "in date"  # not words: a code


def completed_on_problem(today: date, completed_on: date) -> str | None:
    """A plain reason a completion date can't be saved, or None: training can't be completed in the future."""
    if completed_on > today:
        return _("The training can't have been completed in the future. Please check the date.")
    return None
