"""Spend against budget headings, read through records.tables so the Today page can ask without the ORM.

Spent means approved and paid claims; committed means submitted claims, waiting for approval (rules.expenses).
Drafts, rejected and void claims and claims in the Bin count for nothing. The budget view is one grouped query over
an index holding heading, status and total together, so it stays quick with tens of thousands of claims.
services.expenses.budgets (headings themselves, the over-budget warning) builds on these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from partnerdesk.records import tables
from partnerdesk.rules.expenses import COMMITTED, SPENT, HeadingSpend, financial_year_dates

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_h, _c = tables.budget_headings, tables.claims


@dataclass(frozen=True)
class BudgetView:
    """A financial year's budget: each heading's position (also the chart's data), and spend with no heading."""

    financial_year: int
    headings: list[HeadingSpend]
    no_heading_spent_pence: int
    no_heading_committed_pence: int

    @property
    def allocation_pence(self) -> int:
        """Every heading's allocation added up."""
        return sum(h.allocation_pence for h in self.headings)


def spend_sums(db: Connection | Session, where: list, exclude_claim_id: str | None = None) -> dict[str | None, list]:
    """(spent, committed) pence by heading id, for claims matching where (conditions on tables.claims)."""
    conditions = [*where, _c.c.deleted_at.is_(None), _c.c.status.in_(SPENT + COMMITTED)]
    if exclude_claim_id:
        conditions.append(_c.c.id != exclude_claim_id)
    stmt = (
        select(_c.c.budget_heading_id, _c.c.status, func.sum(_c.c.total_pence))
        .where(*conditions)
        .group_by(_c.c.budget_heading_id, _c.c.status)
    )
    found: dict[str | None, list[int]] = {}
    for heading_id, status, total in db.execute(stmt):
        found.setdefault(heading_id, [0, 0])[0 if status in SPENT else 1] += int(total or 0)
    return found


def heading_position(heading: Any, sums: dict[str | None, list[int]]) -> HeadingSpend:
    """One heading (anything with id, financial_year, name, allocation_pence) with its sums from spend_sums."""
    spent, committed = sums.get(heading.id, (0, 0))
    return HeadingSpend(heading.id, heading.financial_year, heading.name, heading.allocation_pence, spent, committed)


def budget_view(db: Connection | Session, financial_year: int) -> BudgetView:
    """Each heading of a financial year with its allocation, spent and committed money (the chart's data too), by
    name; and what claims dated in that year with no heading have spent and committed."""
    headings = db.execute(
        select(_h.c.id, _h.c.financial_year, _h.c.name, _h.c.allocation_pence)
        .where(_h.c.financial_year == financial_year, _h.c.deleted_at.is_(None))
        .order_by(func.lower(_h.c.name))
    ).all()
    sums = spend_sums(db, [_c.c.budget_heading_id.in_([h.id for h in headings])]) if headings else {}
    start, end = financial_year_dates(financial_year)
    loose = spend_sums(db, [_c.c.budget_heading_id.is_(None), _c.c.claim_date.between(start, end)])
    spent, committed = loose.get(None, [0, 0])
    return BudgetView(financial_year, [heading_position(h, sums) for h in headings], spent, committed)
