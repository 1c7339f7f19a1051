"""Claim lines and totals for exports and reports: lines with their claim's status and heading, and totals by kind
of line and by budget heading, split by where the claims are in the workflow.

Every figure is a sum of whole pence done by the database (integers), so no total drifts by a penny. Rejected and
void claims and claims in the Bin are left out of the totals; the claims and lines themselves are listed with
their status, so nothing disappears from the record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.rules.expenses import LIVE, financial_year_of
from partnerdesk.services.expenses.listing import ClaimFilter, where_claims

#: The statuses totals are split by, in workflow order (what the export's columns show).
TOTAL_STATUSES = ("paid", "approved", "submitted", "draft")

_c, _l, _h, _p = tables.claims, tables.claim_lines, tables.budget_headings, tables.people


@dataclass
class Total:
    """Pence by status for one category or heading, and how many lines or claims make it up."""

    key: str | None
    name: str
    count: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    allocation_pence: int | None = None  # headings only
    financial_year: int | None = None  # headings only

    @property
    def total_pence(self) -> int:
        """Every status added up (drafts included: they are money that may yet be claimed)."""
        return sum(self.by_status.values())


def lines_for_claims(session: Session, claim_ids: Sequence[str]) -> list:
    """The lines of these claims, by claim (in the order given) then date: named tuples with claim_id, day,
    category, description, amount_pence, miles_tenths, vehicle, passengers, time_unit, time_count, working."""
    stmt = select(
        _l.c.id, _l.c.claim_id, _l.c.day, _l.c.category, _l.c.description, _l.c.amount_pence, _l.c.miles_tenths,
        _l.c.vehicle, _l.c.passengers, _l.c.time_unit, _l.c.time_count, _l.c.working,
    ).where(_l.c.claim_id.in_(claim_ids)).order_by(_l.c.day, _l.c.position)  # fmt: skip
    place = {claim_id: i for i, claim_id in enumerate(claim_ids)}
    return sorted(session.execute(stmt), key=lambda row: place[row.claim_id])


def _live(flt: ClaimFilter) -> ClaimFilter:
    return ClaimFilter(**{**flt.__dict__, "statuses": tuple(s for s in (flt.statuses or LIVE) if s in LIVE)})


def totals_by_category(session: Session, flt: ClaimFilter, labels: dict[str, str]) -> list[Total]:
    """Line totals by kind of line (in the order of labels), split by claim status, for claims the filter matches."""
    stmt = (
        select(_l.c.category, _c.c.status, func.count(), func.sum(_l.c.amount_pence))
        .select_from(_l.join(_c, _c.c.id == _l.c.claim_id).join(_p, _p.c.id == _c.c.person_id))
        .where(where_claims(_live(flt), session.get_bind().dialect.name))
        .group_by(_l.c.category, _c.c.status)
    )
    found = {code: Total(code, name) for code, name in labels.items()}
    for category, status, count, pence in session.execute(stmt):
        total = found.setdefault(category, Total(category, category))
        total.count += count
        total.by_status[status] = total.by_status.get(status, 0) + int(pence)
    return [total for total in found.values() if total.count]


def _idle_headings(session: Session, flt: ClaimFilter):
    """Live headings in the period's financial years (every year when the period is open), for headings nothing
    has been claimed against: they belong on the budget sheet too, or a year's allocations do not add up."""
    stmt = select(_h.c.id, _h.c.financial_year, _h.c.name, _h.c.allocation_pence).where(_h.c.deleted_at.is_(None))
    if flt.budget_heading_id:
        stmt = stmt.where(_h.c.id == flt.budget_heading_id)
    if flt.date_from is not None:
        stmt = stmt.where(_h.c.financial_year >= financial_year_of(flt.date_from))
    if flt.date_to is not None:
        stmt = stmt.where(_h.c.financial_year <= financial_year_of(flt.date_to))
    return session.execute(stmt)


def totals_by_heading(session: Session, flt: ClaimFilter, *, every_heading: bool = False) -> list[Total]:
    """Claim totals by budget heading (by year, then name; claims with no heading last), split by status.

    every_heading also lists the headings of the period's financial years that have no claims, with nothing spent;
    it is left out when the filter picks claims by something other than dates (a person, a kind of line...)."""
    stmt = (
        select(_h.c.id, _h.c.financial_year, _h.c.name, _h.c.allocation_pence, _c.c.status, func.count(),
               func.sum(_c.c.total_pence))
        .select_from(_c.join(_p, _p.c.id == _c.c.person_id).outerjoin(_h, _h.c.id == _c.c.budget_heading_id))
        .where(where_claims(_live(flt), session.get_bind().dialect.name))
        .group_by(_h.c.id, _h.c.financial_year, _h.c.name, _h.c.allocation_pence, _c.c.status)
    )  # fmt: skip
    found: dict[str | None, Total] = {}
    order: dict[str | None, tuple] = {}
    for heading_id, year, name, allocation, status, count, pence in session.execute(stmt):
        total = found.setdefault(heading_id, Total(heading_id, name or _("No budget heading"), 0, {}, allocation, year))
        order[heading_id] = (heading_id is None, year or 0, (name or "").lower())
        total.count += count
        total.by_status[status] = total.by_status.get(status, 0) + int(pence)
    narrowed = any((flt.search, flt.person_id, flt.statuses, flt.category, flt.meeting_id, flt.receipts_missing_only))
    if every_heading and not narrowed and not flt.in_bin:
        for heading_id, year, name, allocation in _idle_headings(session, flt):
            if heading_id not in found:
                found[heading_id] = Total(heading_id, name, 0, {}, allocation, year)
                order[heading_id] = (False, year, name.lower())
    return [found[key] for key in sorted(found, key=lambda k: order[k])]
