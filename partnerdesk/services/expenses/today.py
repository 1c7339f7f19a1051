"""The expenses part of the Today page: claims waiting for approval, approved claims still unpaid after the set
number of days (setting unpaid_flag_days, 14), and this financial year's budget headings at or above the warning
share of their allocation (setting budget_warning_percent, 90).

Reads records.tables, not the record classes: Today is the first screen and must not wait for SQLAlchemy's ORM to
import (tests/unit/test_first_screen.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Connection, select

from partnerdesk.records import tables
from partnerdesk.rules.expenses import HeadingSpend, financial_year_of
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.expenses.budgets import budget_view

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class TodayClaim(NamedTuple):
    """A claim on the Today page."""

    claim_id: str
    person_name: str
    claim_date: date
    total_pence: int
    receipts_missing: int
    since: datetime | None  # when it was submitted (waiting) or approved (unpaid); UTC


class ExpensesToday(NamedTuple):
    """Everything about expenses that the Today page shows."""

    waiting_for_approval: list[TodayClaim]  # longest waiting first
    approved_unpaid: list[TodayClaim]  # approved more than unpaid_flag_days ago, longest first
    headings_near_limit: list[HeadingSpend]  # fullest first


def _claims(
    db: Connection | Session, status: str, since_column, before: datetime | None, limit: int
) -> list[TodayClaim]:
    c, p = tables.claims, tables.people
    stmt = (
        select(c.c.id, p.c.full_name, c.c.claim_date, c.c.total_pence, c.c.receipts_missing, since_column)
        .select_from(c.join(p, p.c.id == c.c.person_id))
        .where(c.c.status == status, c.c.deleted_at.is_(None))
        .order_by(since_column, c.c.claim_date, c.c.id)
        .limit(limit)
    )
    if before is not None:
        stmt = stmt.where(since_column < before)
    return [TodayClaim(*row) for row in db.execute(stmt)]


def today_expenses(db: Connection | Session, today: date, limit: int = 200) -> ExpensesToday:
    """What the Today page shows about expenses, as seen on the UK date `today`."""
    c = tables.claims
    days = get_setting(db, "unpaid_flag_days")
    cutoff = datetime.combine(today - timedelta(days=days), time(0), UTC)
    threshold = get_setting(db, "budget_warning_percent")
    headings = [h for h in budget_view(db, financial_year_of(today)).headings if h.percent_used >= threshold]
    return ExpensesToday(
        _claims(db, "submitted", c.c.submitted_at, None, limit),
        _claims(db, "approved", c.c.approved_at, cutoff, limit),
        sorted(headings, key=lambda h: (-h.percent_used, h.name)),
    )
