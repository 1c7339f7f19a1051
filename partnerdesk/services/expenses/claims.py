"""Expense claims themselves: creating and changing a claim's details, the Bin, and the record of status changes.

A claim's details travel as a plain dict (CLAIM_FIELDS), like the other forms. Its lines: services.expenses.lines.
Receipts: services.expenses.receipts. Submitting, approving, paying, rejecting and voiding:
services.expenses.status. Budget headings: services.expenses.budgets. The list: services.expenses.listing. The
Today page: services.expenses.today.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.records.base import current_user, utc_now
from partnerdesk.records.expenses import BudgetHeading, Claim, ClaimStatusChange
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.people import Person
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import DELETABLE, edit_problem, financial_year_label, financial_year_of
from partnerdesk.services.common.errors import Problems, ValidationError, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import tidy
from partnerdesk.services.expenses.claim_totals import recompute_mileage

#: Every field the claim form can send. programme_id links the claim to a programme (the backfill cap counts per
#: linked programme); programme is its name as text, kept in step with the link, or what was typed on a claim made
#: before programmes were records.
CLAIM_FIELDS = ("person_id", "meeting_id", "programme_id", "programme", "claim_date", "budget_heading_id", "notes")
_LONGEST = {"programme": 200, "notes": 20000}
DATE_MESSAGE = N_("Please type a date as day/month/year, for example 23/11/2026.")


def check_day(problems: Problems, field: str, value: Any, today: date, what: str) -> date | None:
    """A date that must be given and not be in the future; adds the problem (keyed by field) and returns None if not."""
    if value is None:
        problems.add(field, _("Please give the date of the {what}.").format(what=what))
        return None
    if not isinstance(value, date):
        problems.add(field, _(DATE_MESSAGE))
        return None
    if value > today:
        problems.add(field, _("The date of the {what} can't be in the future.").format(what=what))
        return None
    return value


def live_person(session: Session, person_id: str | None) -> Person | None:
    """The person with this id if they exist and are not in the Bin, else None."""
    person = session.get(Person, person_id) if person_id else None
    return None if person is None or person.deleted_at is not None else person


def clean_claim(session: Session, data: dict[str, Any], today: date | None = None,
                linked: str | None = None) -> dict[str, Any]:  # fmt: skip
    """Check a claim's details and return them tidied; raises ValidationError with a message per field. linked is
    the programme the claim is already linked to, which may stay linked even once that programme is in the Bin."""
    today = today or today_uk()
    problems = Problems()
    out = tidy(data, CLAIM_FIELDS, "claim")
    for field, longest in _LONGEST.items():
        if out[field] and len(out[field]) > longest:
            problems.add(field, _("This is too long: please keep it to {longest} characters.").format(longest=longest))
    if live_person(session, out["person_id"]) is None:
        problems.add("person_id", _("Please pick the person who is claiming."))
    if out["meeting_id"] is not None:
        meeting = session.get(Meeting, out["meeting_id"])
        if meeting is None or meeting.deleted_at is not None:
            problems.add("meeting_id", _("Please pick the meeting from the list."))
    if out["programme_id"] is not None:
        programmes = tables.programmes
        found = select(programmes.c.name).where(programmes.c.id == out["programme_id"])
        if out["programme_id"] != linked:
            found = found.where(programmes.c.deleted_at.is_(None))
        name = session.scalar(found)
        if name is None:
            problems.add("programme_id", _("Please pick the programme from the list."))
        else:
            out["programme"] = name  # so the list, its search and the claim form PDF show the programme's name
    claim_date = check_day(problems, "claim_date", out["claim_date"], today, "claim")
    if out["budget_heading_id"] is not None:
        heading = session.get(BudgetHeading, out["budget_heading_id"])
        if heading is None or heading.deleted_at is not None:
            problems.add("budget_heading_id", _("Please pick a budget heading from the list."))
        elif claim_date is not None and heading.financial_year != financial_year_of(claim_date):
            problems.add(
                "budget_heading_id",
                _(
                    "This heading is for {financial_year_label}, but the claim is dated in "
                    "{financial_year_label2}. Please pick a heading for that year."
                ).format(
                    financial_year_label=financial_year_label(heading.financial_year),
                    financial_year_label2=financial_year_label(financial_year_of(claim_date)),
                ),
            )
    problems.raise_if_any()
    return out


def record_change(session: Session, claim: Claim, to_status: str, reason: str | None = None) -> None:
    """Move a claim to a status, keeping the step (from, to, which worker, when, why) in its history."""
    session.add(
        ClaimStatusChange(
            claim_id=claim.id, from_status=claim.status,
            to_status=to_status, changed_by=current_user(), changed_at=utc_now(), reason=reason,
        )
    )  # fmt: skip
    claim.status = to_status
    claim.updated_at = utc_now()


def create_claim(session: Session, data: dict[str, Any], today: date | None = None) -> Claim:
    """Start a draft claim (no lines yet); raises ValidationError and saves nothing if the details are not right."""
    clean = clean_claim(session, data, today)
    claim = Claim(**clean, status="draft", total_pence=0, line_count=0, receipts_missing=0, category_mask=0)
    session.add(claim)
    session.flush()
    session.add(
        ClaimStatusChange(
            claim_id=claim.id, from_status=None, to_status="draft", changed_by=current_user(), changed_at=utc_now()
        )
    )
    session.flush()
    return claim


def get_claim(session: Session, claim_id: str) -> Claim:
    """A claim by id, including claims in the Bin; raises NotFound."""
    return found(session, Claim, claim_id, _("That claim could not be found. It may have been erased."))


def editable_claim(session: Session, claim_id: str) -> Claim:
    """A claim that can still be changed; raises ValidationError (key "") saying why not otherwise."""
    claim = get_claim(session, claim_id)
    if claim.deleted_at is not None:
        raise ValidationError({"": _("This claim is in the Bin. Restore it first to change it.")})
    why = edit_problem(claim.status)
    if why:
        raise ValidationError({"": why})
    return claim


def claim_data(claim: Claim) -> dict[str, Any]:
    """A claim's details as the plain dict the form and clean_claim use."""
    return {key: getattr(claim, key) for key in CLAIM_FIELDS}


def update_claim(session: Session, claim_id: str, data: dict[str, Any], today: date | None = None,
                 version: int | None = None) -> Claim:
    """Change a draft or submitted claim's details; raises ValidationError and changes nothing if not allowed.
    A form passes the version it opened the claim at: EditConflict if different details were saved since."""
    claim = editable_claim(session, claim_id)
    clean = clean_claim(session, data, today, claim.programme_id)
    mine = dict(clean)
    if clean["programme_id"] is not None or claim.programme_id is not None:
        del mine["programme"]  # the name follows the link: a clash over the link is the one to show
    check_version(claim, version, mine, claim_data(claim))
    if clean["person_id"] != claim.person_id and claim.line_count:
        raise ValidationError({"person_id": _("This claim already has lines, so it can't move to someone else. "
                                            "Start a new claim for them instead.")})  # fmt: skip
    if clean["programme_id"] != claim.programme_id and _has_backfill(session, claim.id):
        # Its half days count against one programme's limit: moving them would skip the other's check.
        raise ValidationError({"programme_id": _("This claim has backfill lines counted against its programme's "
                                                 "limit, so its programme can't change. Delete those lines first, "
                                                 "or start a new claim.")})  # fmt: skip
    for key, value in clean.items():
        setattr(claim, key, value)
    claim.updated_at = utc_now()
    session.flush()
    return claim


def _has_backfill(session: Session, claim_id: str) -> bool:
    lines = tables.claim_lines
    return session.scalar(select(lines.c.id).where(lines.c.claim_id == claim_id, lines.c.category == "backfill")
                          .limit(1)) is not None  # fmt: skip


def delete_claim(session: Session, claim_id: str) -> None:
    """Move a claim to the Bin (it can be restored). Approved and paid claims can't be deleted, only made void."""
    claim = get_claim(session, claim_id)
    if claim.status not in DELETABLE:
        raise ValidationError({"": _("This claim is {status}, so it can't be deleted. Make it void instead.").format(
            status=claim.status,
        )})
    claim.deleted_at = utc_now()
    session.flush()
    recompute_mileage(session, claim.person_id)  # its miles no longer count towards the threshold


def restore_claim(session: Session, claim_id: str) -> None:
    """Bring a claim back from the Bin."""
    claim = get_claim(session, claim_id)
    claim.deleted_at = None
    claim.updated_at = utc_now()
    session.flush()
    recompute_mileage(session, claim.person_id)


def claims_in_bin(session: Session) -> list[Claim]:
    """Claims in the Bin, most recently deleted first."""
    return list(session.scalars(select(Claim).where(Claim.deleted_at.is_not(None)).order_by(Claim.deleted_at.desc())))


def claim_history(session: Session, claim_id: str) -> list[ClaimStatusChange]:
    """Every status change of a claim, oldest first: from, to, by which worker, when and why."""
    get_claim(session, claim_id)
    stmt = select(ClaimStatusChange).where(ClaimStatusChange.claim_id == claim_id)
    return list(session.scalars(stmt.order_by(ClaimStatusChange.changed_at, ClaimStatusChange.created_at)))
