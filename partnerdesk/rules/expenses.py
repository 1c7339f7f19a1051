"""Rules for expense claims: the approval workflow, financial years, receipt file types and budget warnings.

Pure functions: no database, no Qt. Money is whole pence (rules.money).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from partnerdesk.i18n import N_, _
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.payments import EXPENSE_CATEGORIES

#: Which status a claim may move to from each status. Void is the only way out for a paid claim.
TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "void"}),
    "submitted": frozenset({"approved", "rejected", "draft", "void"}),
    "approved": frozenset({"paid", "void"}),
    "paid": frozenset({"void"}),
    "rejected": frozenset({"draft", "void"}),
    "void": frozenset(),
}
#: Claims whose lines can still be changed: once approved, the money agreed must not move under the approver.
EDITABLE = frozenset({"draft", "submitted"})
#: Claims that can go to the Bin. Approved and paid claims are part of the accounts: void them instead.
DELETABLE = frozenset({"draft", "submitted", "rejected", "void"})
#: Claims that count at all (towards the mileage threshold, backfill caps and budgets).
LIVE = ("draft", "submitted", "approved", "paid")
#: Budget spend: approved and paid money is spent; submitted claims are committed (likely to be spent).
SPENT = ("approved", "paid")
COMMITTED = ("submitted",)

_STATUS_WORDS = {
    "draft": N_("a draft"),
    "submitted": N_("waiting for approval"),
    "approved": "approved",
    "paid": "paid",
    "rejected": "rejected",
    "void": "void",
}


def transition_problem(current: str, wanted: str) -> str | None:
    """Why a claim can't move from current to wanted status, in plain English, or None when it can."""
    if wanted in TRANSITIONS.get(current, frozenset()):
        return None
    if current == "void":
        return _("This claim is void, so it can't be changed.")
    if current == "paid":
        return _("This claim has been paid, so it can only be made void (with a reason).")
    return _("A claim that is {current} can't be made {wanted}.").format(
        current=_(_STATUS_WORDS[current]) if current in _STATUS_WORDS else current,
        wanted=_(_STATUS_WORDS[wanted]) if wanted in _STATUS_WORDS else wanted,
    )


def edit_problem(status: str) -> str | None:
    """Why a claim with this status can't be edited, or None when it can."""
    if status in EDITABLE:
        return None
    if status == "paid":
        return _("This claim has been paid, so it can't be changed. Make it void (with a reason) if it was wrong.")
    if status == "approved":
        return _("This claim has been approved, so it can't be changed. Make it void (with a reason) if it is wrong.")
    if status == "rejected":
        return _("This claim was rejected. Re-open it as a draft to change it.")
    return _("This claim is void, so it can't be changed.")


def financial_year_of(day: date) -> int:
    """The financial year (April to March) a day falls in, named by the year it starts: 1/4/2026–31/3/2027 is 2026."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int) -> str:
    """How a financial year is written: 2026 → "2026–27" (with an en dash)."""
    return f"{year}\u2013{(year + 1) % 100:02d}"


def financial_year_dates(year: int) -> tuple[date, date]:
    """The first and last day of a financial year: 2026 → (1/4/2026, 31/3/2027)."""
    return date(year, 4, 1), date(year + 1, 3, 31)


# File signatures ("magic bytes") of what a receipt may be: photos, scans and PDFs. The name a file was given is
# not trusted: a renamed program would otherwise be stored as a "receipt".
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"%PDF-", "application/pdf"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


def receipt_type(data: bytes) -> str | None:
    """The content type of a receipt file from its first bytes (PNG, JPEG, GIF, TIFF, WebP, HEIC or PDF), or None."""
    for signature, content_type in _SIGNATURES:
        if data.startswith(signature):
            return content_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"heif"):
        return "image/heic"  # iPhone photos
    return None


def receipt_problem(data: bytes, limit_bytes: int) -> str | None:
    """Why a file can't be kept as a receipt (empty, too large, not an image or PDF), or None when it can."""
    if not data:
        return _("This file is empty. Please choose the photo or scan of the receipt.")
    if len(data) > limit_bytes:
        return (
            _(
                "This file is {megabytes}, and receipts can be at most {megabytes2}. Please take a smaller "
                "photo or scan."
            ).format(
                megabytes=_megabytes(len(data)),
                megabytes2=_megabytes(limit_bytes),
            )
        )
    if receipt_type(data) is None:
        return _("Receipts must be a photo (PNG, JPEG, GIF, TIFF, WebP or HEIC) or a PDF. This file is neither.")
    return None


def _megabytes(size: int) -> str:
    return _("{value:.1f} MB").format(value=size / 1_048_576)  # for a message only: no money is involved


class HeadingSpend(NamedTuple):
    """One budget heading's position: its allocation, what is spent (approved, paid) and committed (submitted)."""

    heading_id: str
    financial_year: int
    name: str
    allocation_pence: int
    spent_pence: int
    committed_pence: int

    @property
    def used_pence(self) -> int:
        """Spent and committed together: what the heading will have paid once waiting claims are approved."""
        return self.spent_pence + self.committed_pence

    @property
    def remaining_pence(self) -> int:
        """What is left once waiting claims are paid (negative when over budget)."""
        return self.allocation_pence - self.used_pence

    @property
    def percent_used(self) -> int:
        """Spent and committed as a whole percentage of the allocation, rounded down (0 allocation: 100 if used)."""
        if self.allocation_pence <= 0:
            return 100 if self.used_pence > 0 else 0
        return self.used_pence * 100 // self.allocation_pence


def over_budget_warning(spend: HeadingSpend, adding_pence: int) -> str | None:
    """The warning to show when adding a claim of adding_pence would take a heading over its allocation, or None."""
    after = spend.used_pence + adding_pence
    if adding_pence <= 0 or after <= spend.allocation_pence:
        return None
    return (
        _(
            "This claim would take the budget heading {name} ({financial_year_label}) over its "
            "allocation of {allocation_pence}: {after} would be spent or waiting, {value} over."
        ).format(
            name=spend.name,
            financial_year_label=financial_year_label(spend.financial_year),
            allocation_pence=format_pounds(spend.allocation_pence),
            after=format_pounds(after),
            value=format_pounds(after - spend.allocation_pence),
        )
    )


def claim_reference(claim_id: str) -> str:
    """The short reference for a claim on forms, payment runs and bank statements: "EXP-" and its id's first 8
    characters, upper case (ids are random, so these are as good as unique for one organisation)."""
    # The same in every language: it is quoted on bank statements and between colleagues who may read PartnerDesk in
    # Welsh and English.
    return f"EXP-{claim_id[:8].upper()}"


# Bits are given in the order categories were first shipped; a new category must take the next free bit.
_CATEGORY_BITS = {code: 1 << place for place, code in enumerate(EXPENSE_CATEGORIES)}


def category_bit(category: str) -> int:
    """The bit that stands for one kind of line in a claim's category_mask."""
    return _CATEGORY_BITS[category]


def category_mask(categories: Iterable[str]) -> int:
    """The mask for a claim with lines of these kinds."""
    mask = 0
    for category in categories:
        mask |= _CATEGORY_BITS[category]
    return mask
