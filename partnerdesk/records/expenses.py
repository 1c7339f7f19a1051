"""Expense claims: the claim, its lines, receipts (stored in the database), every status change, and budget headings
(tables: records.tables).

Money is whole pence. Miles are whole tenths of a mile (12.5 miles is 125), so nothing is ever a float. A claim keeps
its total and how many required receipts are missing as columns, kept up to date by services.expenses.lines in the
same transaction as every line change. Codes (status, category, vehicle, unit, payment method) come from
records.vocab and rules.payments.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Mapped, deferred, relationship

from partnerdesk.records import tables
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.orm import Record
from partnerdesk.records.people import Person


class BudgetHeading(Record):
    """A budget heading for one financial year (April to March), named by the year it starts: 2026 is 2026–27."""

    __table__ = tables.budget_headings

    financial_year: Mapped[int]
    name: Mapped[str]
    allocation_pence: Mapped[int]
    notes: Mapped[str | None]


class Claim(Record):
    """One person's expense claim: what it is for, where it is in the approval workflow, and its running total."""

    __table__ = tables.claims

    person_id: Mapped[str]
    meeting_id: Mapped[str | None]
    programme: Mapped[str | None]
    programme_id: Mapped[str | None]
    claim_date: Mapped[date]
    status: Mapped[str]
    budget_heading_id: Mapped[str | None]
    notes: Mapped[str | None]
    total_pence: Mapped[int]
    line_count: Mapped[int]
    receipts_missing: Mapped[int]
    category_mask: Mapped[int]
    submitted_at: Mapped[datetime | None]
    approved_by_id: Mapped[str | None]
    approved_at: Mapped[datetime | None]
    paid_on: Mapped[date | None]
    payment_method: Mapped[str | None]
    payment_reference: Mapped[str | None]
    rejected_reason: Mapped[str | None]
    void_reason: Mapped[str | None]
    import_batch: Mapped[str | None]

    person: Mapped[Person] = relationship(foreign_keys=[tables.claims.c.person_id], lazy="joined")
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[tables.claims.c.approved_by_id])
    meeting: Mapped[Meeting | None] = relationship()
    budget_heading: Mapped[BudgetHeading | None] = relationship(lazy="joined")
    lines: Mapped[list[ClaimLine]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="(ClaimLine.day, ClaimLine.position)"
    )
    history: Mapped[list[ClaimStatusChange]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimStatusChange.changed_at"
    )


class ClaimLine(Record):
    """One thing claimed for: a category, a day, a description and an amount in pence.

    Mileage lines also hold the miles (in tenths), the vehicle and passengers, and how the amount was worked out;
    involvement and backfill lines hold the unit (day or half day) and how many.
    """

    __table__ = tables.claim_lines

    claim_id: Mapped[str]
    position: Mapped[int]
    category: Mapped[str]
    day: Mapped[date]
    description: Mapped[str | None]
    amount_pence: Mapped[int]
    miles_tenths: Mapped[int | None]
    vehicle: Mapped[str | None]
    passengers: Mapped[int | None]
    working: Mapped[str | None]
    time_unit: Mapped[str | None]
    time_count: Mapped[int | None]

    claim: Mapped[Claim] = relationship(back_populates="lines")
    receipts: Mapped[list[Receipt]] = relationship(
        back_populates="line", cascade="all, delete-orphan", order_by="Receipt.created_at"
    )


class Receipt(Record):
    """A receipt (image or PDF) for a claim line, kept inside the database so backups cover it."""

    __table__ = tables.receipts

    line_id: Mapped[str]
    filename: Mapped[str]
    content_type: Mapped[str]
    size_bytes: Mapped[int]
    # Deferred: listing a claim's receipts must not read megabytes of images.
    data: Mapped[bytes] = deferred(tables.receipts.c.data)

    line: Mapped[ClaimLine] = relationship(back_populates="receipts")


class ClaimStatusChange(Record):
    """One step in a claim's life: from which status to which, by which worker, when and why."""

    __table__ = tables.claim_status_changes

    claim_id: Mapped[str]
    from_status: Mapped[str | None]
    to_status: Mapped[str]
    changed_by: Mapped[str]
    changed_at: Mapped[datetime]
    reason: Mapped[str | None]

    claim: Mapped[Claim] = relationship(back_populates="history")
