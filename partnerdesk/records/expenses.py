"""Expense claims: the claim, its lines, receipts (stored in the database), every status change, and budget headings.

Money is whole pence. Miles are whole tenths of a mile (12.5 miles is 125), so nothing is ever a float.
A claim keeps its total and how many required receipts are missing as columns, kept up to date by
services.expenses.lines in the same transaction as every line change, so the list and the budget view never add up
lines on the fly. Codes (status, category, vehicle, unit, payment method) come from records.vocab and rules.payments.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from partnerdesk.records.base import Base, RecordMixin, UTCDateTime
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.people import Person


class BudgetHeading(RecordMixin, Base):
    """A budget heading for one financial year (April to March), named by the year it starts: 2026 is 2026–27."""

    __tablename__ = "budget_headings"

    financial_year: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    allocation_pence: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("financial_year", "name"),)


class Claim(RecordMixin, Base):
    """One person's expense claim: what it is for, where it is in the approval workflow, and its running total."""

    __tablename__ = "claims"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    meeting_id: Mapped[str | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))
    # Typed text until programmes are records of their own (issue: programmes); the backfill cap counts per
    # person per programme name.
    programme: Mapped[str | None] = mapped_column(String(200))
    claim_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="draft")  # vocab.CLAIM_STATUSES
    budget_heading_id: Mapped[str | None] = mapped_column(ForeignKey("budget_headings.id"))
    notes: Mapped[str | None] = mapped_column(Text)

    # Kept up to date with the lines (services.expenses.lines.refresh_claim), for quick lists and budgets.
    total_pence: Mapped[int] = mapped_column(Integer, default=0)
    line_count: Mapped[int] = mapped_column(Integer, default=0)
    receipts_missing: Mapped[int] = mapped_column(Integer, default=0)
    # One bit per kind of line on the claim (rules.expenses.category_bit), so "claims with mileage" reads an index.
    category_mask: Mapped[int] = mapped_column(Integer, default=0)

    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    approved_by_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_method: Mapped[str | None] = mapped_column(String(20))  # vocab.PAYMENT_METHODS
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    rejected_reason: Mapped[str | None] = mapped_column(String(500))
    void_reason: Mapped[str | None] = mapped_column(String(500))

    person: Mapped[Person] = relationship(foreign_keys=[person_id], lazy="joined")
    approved_by: Mapped[Person | None] = relationship(foreign_keys=[approved_by_id])
    meeting: Mapped[Meeting | None] = relationship()
    budget_heading: Mapped[BudgetHeading | None] = relationship(lazy="joined")
    lines: Mapped[list[ClaimLine]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="(ClaimLine.day, ClaimLine.position)"
    )
    history: Mapped[list[ClaimStatusChange]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", order_by="ClaimStatusChange.changed_at"
    )

    # "Covering" indexes hold every column a query needs, so counting and adding up claims reads only the index:
    # the list's count and total by date, status and missing receipts; the budget view by heading and status.
    __table_args__ = (
        Index(
            "ix_claims_live_date", "deleted_at", "claim_date", "status", "total_pence", "receipts_missing",
            "category_mask",
        ),
        Index("ix_claims_status_date", "status", "claim_date"),
        Index("ix_claims_person_date", "person_id", "claim_date"),
        Index("ix_claims_heading_status", "budget_heading_id", "status", "deleted_at", "claim_date", "total_pence"),
        Index("ix_claims_total", "total_pence"),
        Index("ix_claims_meeting_id", "meeting_id"),
    )


class ClaimLine(RecordMixin, Base):
    """One thing claimed for: a category, a day, a description and an amount in pence.

    Mileage lines also hold the miles (in tenths), the vehicle and passengers, and how the amount was worked out;
    involvement and backfill lines hold the unit (day or half day) and how many.
    """

    __tablename__ = "claim_lines"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)  # the order typed, for lines on the same day
    category: Mapped[str] = mapped_column(String(30))  # rules.payments.EXPENSE_CATEGORIES
    day: Mapped[date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(String(500))
    amount_pence: Mapped[int] = mapped_column(Integer)
    miles_tenths: Mapped[int | None] = mapped_column(Integer)
    vehicle: Mapped[str | None] = mapped_column(String(20))  # rules.mileage.VEHICLES
    passengers: Mapped[int | None] = mapped_column(Integer)
    working: Mapped[str | None] = mapped_column(String(300))  # "10 miles at 45p, 5 miles at 25p: £5.75"
    time_unit: Mapped[str | None] = mapped_column(String(10))  # rules.payments.TIME_UNITS
    time_count: Mapped[int | None] = mapped_column(Integer)

    claim: Mapped[Claim] = relationship(back_populates="lines")
    receipts: Mapped[list[Receipt]] = relationship(
        back_populates="line", cascade="all, delete-orphan", order_by="Receipt.created_at"
    )

    # By category then claim: "claims with a mileage line" reads only this index.
    __table_args__ = (
        Index("ix_claim_lines_claim_id", "claim_id"),
        Index("ix_claim_lines_category", "category", "claim_id"),
    )


class Receipt(RecordMixin, Base):
    """A receipt (image or PDF) for a claim line, kept inside the database so backups cover it."""

    __tablename__ = "receipts"

    line_id: Mapped[str] = mapped_column(ForeignKey("claim_lines.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(60))
    size_bytes: Mapped[int] = mapped_column(Integer)
    # Deferred: listing a claim's receipts must not read megabytes of images.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))

    line: Mapped[ClaimLine] = relationship(back_populates="receipts")

    __table_args__ = (Index("ix_receipts_line_id", "line_id"),)


class ClaimStatusChange(RecordMixin, Base):
    """One step in a claim's life: from which status to which, by which worker, when and why."""

    __tablename__ = "claim_status_changes"

    claim_id: Mapped[str] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_by: Mapped[str] = mapped_column(String(120))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(500))

    claim: Mapped[Claim] = relationship(back_populates="history")

    __table_args__ = (Index("ix_claim_status_changes_claim_id", "claim_id"),)
