"""A claim's journey: draft → submitted → approved (by whom, when) → paid (date, method, reference); rejected with a
reason (and re-opened as a draft); void with a reason. A paid claim can only be made void.

Every step is kept in the claim's history (services.expenses.record_change) with the worker and the moment. Steps
that deserve a second look (a missing receipt, going over budget) raise NeedsConfirmation until confirmed=True.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.expenses import Claim
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import LIVE, transition_problem
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import Problems, ValidationError, confirm_or_stop
from partnerdesk.services.common.text import text_problem
from partnerdesk.services.expenses.budgets import claim_budget_warning
from partnerdesk.services.expenses.claim_totals import recompute_mileage
from partnerdesk.services.expenses.claims import DATE_MESSAGE, get_claim, live_person, record_change


def _claim_for(session: Session, claim_id: str, wanted: str) -> Claim:
    claim = get_claim(session, claim_id)
    if claim.deleted_at is not None:
        raise ValidationError({"": _("This claim is in the Bin. Restore it first.")})
    why = transition_problem(claim.status, wanted)
    if why:
        raise ValidationError({"": why})
    return claim


def _reason(reason: str | None, field: str, what: str) -> str:
    text = (reason or "").strip()
    problems = Problems()
    if not text:
        problems.add(field, _("Please say why the claim is {what}.").format(what=what))
    elif len(text) > 500:
        problems.add(field, _("This is too long: please keep it to 500 characters."))
    elif why := text_problem(field, text):
        problems.add(field, why)
    problems.raise_if_any()
    return text


def claim_warnings(session: Session, claim: Claim) -> list[str]:
    """What to confirm before submitting or approving: missing receipts, and going over the budget heading."""
    warnings = []
    if claim.receipts_missing:
        warnings.append(ngettext("1 line needs a receipt and has none attached.",
                                 "{count} lines need receipts and have none attached.",
                                 claim.receipts_missing).format(count=claim.receipts_missing))  # fmt: skip
    over = claim_budget_warning(session, claim)
    if over:
        warnings.append(over)
    return warnings


def _move(session: Session, claim: Claim, to_status: str, reason: str | None = None) -> Claim:
    was_live = claim.status in LIVE
    record_change(session, claim, to_status, reason)
    session.flush()
    if was_live != (to_status in LIVE):  # its miles start or stop counting towards the threshold
        recompute_mileage(session, claim.person_id)
    return claim


def submit_claim(session: Session, claim_id: str, *, confirmed: bool = False) -> Claim:
    """Send a draft for approval. Needs at least one line; missing receipts and going over budget need confirming
    (a receipt may follow by post: the claim stays flagged until it comes)."""
    claim = _claim_for(session, claim_id, "submitted")
    if not claim.line_count:
        raise ValidationError({"": _("Please add at least one line before sending the claim for approval.")})
    confirm_or_stop(claim_warnings(session, claim), confirmed)
    claim.submitted_at = utc_now()
    return _move(session, claim, "submitted")


def approve_claim(session: Session, claim_id: str, approver_id: str | None, *, confirmed: bool = False) -> Claim:
    """Approve a submitted claim on behalf of the person who approved it (picked by the worker), never the claimant.

    Raises ValidationError (key approved_by_id) for no approver or the claimant themselves; NeedsConfirmation until
    confirmed=True for missing receipts or going over budget.
    """
    require(roles.EXPENSES_APPROVE)
    claim = _claim_for(session, claim_id, "approved")
    problems = Problems()
    if live_person(session, approver_id) is None:
        problems.add("approved_by_id", _("Please pick the person who approved the claim."))
    elif approver_id == claim.person_id:
        problems.add("approved_by_id", _("Nobody can approve their own claim. Please pick someone else."))
    problems.raise_if_any()
    confirm_or_stop(claim_warnings(session, claim), confirmed)
    claim.approved_by_id, claim.approved_at = approver_id, utc_now()
    return _move(session, claim, "approved")


def reject_claim(session: Session, claim_id: str, reason: str | None) -> Claim:
    """Turn down a submitted claim, saying why (the person is told the reason)."""
    require(roles.EXPENSES_APPROVE)
    claim = _claim_for(session, claim_id, "rejected")
    claim.rejected_reason = _reason(reason, "rejected_reason", "rejected")
    return _move(session, claim, "rejected", claim.rejected_reason)


def reopen_claim(session: Session, claim_id: str) -> Claim:
    """Put a submitted or rejected claim back to draft, so it can be corrected and sent again."""
    claim = _claim_for(session, claim_id, "draft")
    claim.submitted_at = None
    return _move(session, claim, "draft")


def mark_paid(
    session: Session, claim_id: str, paid_on: Any, method: str | None, reference: str | None = None,
    today: date | None = None,
) -> Claim:  # fmt: skip
    """Record that an approved claim was paid: the date, how (vocab.PAYMENT_METHODS) and the bank or cheque reference.

    Raises ValidationError for a missing or future date, a date before approval, or no method.
    """
    require(roles.EXPENSES_PAY)
    claim = _claim_for(session, claim_id, "paid")
    problems = Problems()
    if not isinstance(paid_on, date):
        problems.add("paid_on", _("Please give the date it was paid.") if paid_on is None else DATE_MESSAGE)
    elif paid_on > (today or today_uk()):
        problems.add("paid_on", _("The date it was paid can't be in the future."))
    elif claim.approved_at and paid_on < claim.approved_at.date():
        problems.add("paid_on", _("A claim can't be paid before it was approved."))
    if method not in v.PAYMENT_METHODS:
        problems.add("payment_method", _("Please pick how it was paid."))
    reference = (reference or "").strip() or None
    if reference and len(reference) > 100:
        problems.add("payment_reference", _("This is too long: please keep it to 100 characters."))
    elif why := text_problem("payment_reference", reference):
        problems.add("payment_reference", why)
    problems.raise_if_any()
    claim.paid_on, claim.payment_method, claim.payment_reference = paid_on, method, reference
    return _move(session, claim, "paid")


def void_claim(session: Session, claim_id: str, reason: str | None) -> Claim:
    """Make a claim void, saying why. It stays on record (and in the accounts' history) but counts for nothing."""
    require(roles.EXPENSES_APPROVE)
    claim = _claim_for(session, claim_id, "void")
    claim.void_reason = _reason(reason, "void_reason", "void")
    return _move(session, claim, "void", claim.void_reason)
