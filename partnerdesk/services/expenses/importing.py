"""Importing expense claims from a spreadsheet (a claims log kept in Excel, or the Lines sheet of PartnerDesk's own
expenses export), through the shared import steps of services.common.importing.

One row is one thing claimed for (a claim line). Rows with the same claim reference make one claim; without a
reference column every row is a claim of its own. Each row is checked by the claim form's and the line form's own
rules (claims.clean_claim, lines.check_line): amounts as typed ("£12.50", "12.5", a number cell) become exact pence,
mileage is worked out from the miles at the organisation's rates. The person is found by email when the sheet has
one, otherwise by name; nobody is made up from a typing slip.

Claims come in as drafts or waiting for approval only: approving and paying is done in PartnerDesk, where it is
recorded who did it and when. A row with a problem keeps its whole claim out, so no claim arrives short of a line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import tables
from partnerdesk.records.base import new_id
from partnerdesk.records.expenses import Claim
from partnerdesk.records.people import Person
from partnerdesk.rules.expenses import financial_year_of
from partnerdesk.rules.mileage import VEHICLES
from partnerdesk.rules.payments import EXPENSE_CATEGORIES, TIME_UNITS
from partnerdesk.rules.typed_dates import read_date
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.importing import (
    Decision,
    Importer,
    ImportPlan,
    ImportReport,
    RowPlan,
    Rows,
    cell_text,
    cells,
    choice_codes,
    folded,
    problem_lines,
    skipped,
    summary,
    undo_batch,
)
from partnerdesk.services.common.importing import row_report as _row_report
from partnerdesk.services.expenses.claims import clean_claim, create_claim
from partnerdesk.services.expenses.lines import add_line, check_line
from partnerdesk.services.expenses.status import submit_claim

FIELDS: dict[str, str] = {
    "": N_("(leave out)"),
    "reference": N_("Claim reference"),
    "person": N_("Person's name"),
    "email": N_("Person's email"),
    "claim_date": N_("Claim date"),
    "day": N_("Date of the expense"),
    "category": N_("Kind of expense"),
    "amount": N_("Amount"),
    "description": N_("Description"),
    "budget_heading": N_("Budget heading"),
    "status": N_("Status"),
    "miles": N_("Miles"),
    "vehicle": N_("Vehicle"),
    "passengers": N_("Passengers"),
    "units": N_("Days or half days"),
    "notes": N_("Notes"),
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "reference": ("reference", "ref", "claimreference", "claimref", "claimno", "claimnumber", "claimid", "claim"),
    "person": ("person", "name", "fullname", "claimant", "payee", "who", "representative"),
    "email": ("email", "emailaddress", "personsemail"),
    "claim_date": ("claimdate", "dateclaimed", "claimedon", "submittedon"),
    "day": ("date", "day", "dateofexpense", "expensedate", "dateincurred", "dateofjourney"),
    "category": ("kind", "category", "type", "expensetype", "kindofexpense", "expense"),
    "amount": ("amount", "cost", "value", "amountgbp", "amountpounds", "sum", "price"),
    "description": ("description", "details", "whatfor", "purpose", "item"),
    "budget_heading": ("budgetheading", "budget", "heading", "costcode", "budgetline"),
    "status": ("status", "state"),
    "miles": ("miles", "mileage", "distance", "milestravelled", "distancemiles"),
    "vehicle": ("vehicle", "transport"),
    "passengers": ("passengers",),
    "units": ("daysorhalfdays", "days", "halfdays", "time"),
    "notes": ("notes", "note", "comments"),
}  # fmt: skip

_NEEDS = N_("No column is chosen for the amount or the kind of expense. Please choose which column holds them, then "
            "try again.")  # fmt: skip
#: The statuses a claim may arrive in, by the words a sheet uses for them.
_STATUSES = {"draft": "draft", "new": "draft", "notsubmitted": "draft", "submitted": "submitted",
             "waitingforapproval": "submitted", "toapprove": "submitted", "awaitingapproval": "submitted"}  # fmt: skip
_UNITS = re.compile(r"(\d+)\s*(?:×|x|\*)?\s*(.+)", re.IGNORECASE)


def field_label(name: str) -> str:
    """The words for a field in the worker's language ("Amount")."""
    names = {"person_id": "person", "budget_heading_id": "budget_heading", "unit": "units", "count": "units"}
    name = names.get(name, name)
    return _(FIELDS[name]) if name in FIELDS else name.replace("_", " ").capitalize()


class _Lookups:
    """People by email and by name, budget headings by year and name, and the lines of claims already in
    PartnerDesk by person, day, kind and amount: read once for the whole sheet."""

    def __init__(self, session: Session) -> None:
        p, h = tables.people, tables.budget_headings
        self.by_email: dict[str, list[str]] = defaultdict(list)
        self.by_name: dict[str, list[str]] = defaultdict(list)
        stmt = select(p.c.id, p.c.full_name, p.c.email).where(p.c.deleted_at.is_(None))
        for person_id, name, email in session.execute(stmt):
            self.by_name[folded(name)].append(person_id)
            if email:
                self.by_email[email.strip().casefold()].append(person_id)
        self.headings: dict[tuple[int, str], str] = {}
        stmt = select(h.c.id, h.c.financial_year, h.c.name).where(h.c.deleted_at.is_(None))
        for heading_id, year, name in session.execute(stmt):
            self.headings[(year, folded(name))] = heading_id
        c, ln = tables.claims, tables.claim_lines
        self.lines: dict[tuple[Any, ...], Any] = {}
        stmt = (
            select(c.c.id, c.c.person_id, ln.c.day, ln.c.category, ln.c.amount_pence)
            .join(ln, ln.c.claim_id == c.c.id).where(c.c.deleted_at.is_(None))
        )  # fmt: skip
        for row in session.execute(stmt):
            self.lines.setdefault((row.person_id, row.day, row.category, row.amount_pence), row.id)

    def match(self, plan: RowPlan, amount: int) -> None:
        """Mark the row as a likely duplicate when the same person already claimed the same kind and amount for the
        same day (in PartnerDesk, or earlier in the sheet): importing a sheet twice must not pay twice."""
        d = plan.details or {}
        key = (d["claim"]["person_id"], d["line"]["day"], d["line"]["category"], amount)
        earlier = self.lines.get(key)
        if earlier is None:
            self.lines[key] = plan.row
            return
        plan.duplicate_of, plan.duplicate_row = (earlier, None) if isinstance(earlier, str) else (None, earlier)
        plan.why_duplicate = _("the same person, day, kind and amount")
        plan.decision = Decision.SKIP

    def person(self, found: dict[str, Any], problems: dict[str, str]) -> str | None:
        if "email" in found:
            ids = self.by_email.get(cell_text(found["email"]).casefold(), [])
        else:
            ids = self.by_name.get(folded(cell_text(found.get("person", ""))), [])
        if len(ids) == 1:
            return ids[0]
        problems["person_id"] = (
            _("Nobody in PartnerDesk has that name or email. Add the person first, or correct the name.")
            if not ids
            else _("More than one person in PartnerDesk has that name. Add a column with each person's email.")
        )
        return None


def _line_data(found: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    """The line form's fields from a row's cells."""
    data: dict[str, Any] = {}
    text = {name: cell_text(value) for name, value in found.items()}
    if "category" in text:
        data["category"] = choice_codes(EXPENSE_CATEGORIES).get(text["category"].lower(), text["category"])
    for name in ("amount", "description", "miles", "passengers"):
        if name in text:
            data[name] = text[name]
    if "vehicle" in text:
        data["vehicle"] = choice_codes(VEHICLES).get(text["vehicle"].lower(), text["vehicle"])
    if "units" in text:
        # The export writes "2 × half day"; people write "2 half days" or "1 day".
        match = _UNITS.fullmatch(text["units"])
        unit = match[2].strip().lower().removesuffix("s") if match else ""
        data["count"] = match[1] if match else None
        data["unit"] = choice_codes(TIME_UNITS).get(unit, unit)
    return data


def _plan_row(session: Session, number: int, found: dict[str, Any], known: _Lookups) -> RowPlan:
    problems: dict[str, str] = {}
    dates = {}
    for name in ("day", "claim_date"):
        if name in found:
            try:
                dates[name] = read_date(found[name])
            except ValueError as why:
                problems[name] = str(why)
    day = dates.get("day", dates.get("claim_date"))
    status = _STATUSES.get(re.sub(r"[^a-z]", "", cell_text(found.get("status", "draft")).lower()))
    if status is None:
        problems["status"] = _(
            "PartnerDesk imports claims as drafts or waiting for approval only. Approve and pay them in PartnerDesk, "
            "or leave this row out."
        )
    person_id = known.person(found, problems)
    heading_id = None
    if "budget_heading" in found and day is not None:
        heading_id = known.headings.get((financial_year_of(day), folded(cell_text(found["budget_heading"]))))
        if heading_id is None:
            problems["budget_heading_id"] = _(
                "There is no budget heading with that name for the claim's financial year. Add it in PartnerDesk "
                "first, or correct its name."
            )
    line = _line_data(found, problems)
    line["day"] = day
    claim = {"person_id": person_id, "claim_date": dates.get("claim_date", day), "budget_heading_id": heading_id,
             "notes": cell_text(found["notes"]) if "notes" in found else None}  # fmt: skip
    amount = _check(session, claim, line, problems) if not problems else None
    if problems or amount is None:
        return RowPlan(number, None, problem_lines(problems, field_label), decision=Decision.SKIP)
    # Without a reference every row is a claim of its own (a key no cell can hold).
    reference: Any = cell_text(found["reference"]) if "reference" in found else ("row", number)
    plan = RowPlan(number, {"reference": reference, "status": status, "claim": claim, "line": line})
    known.match(plan, amount)
    return plan


def _check(session: Session, claim: dict[str, Any], line: dict[str, Any], problems: dict[str, str]) -> int | None:
    """The claim form's and line form's checks, without saving anything: the line's amount in pence, or None."""
    try:
        clean_claim(session, claim)
        person = session.get(Person, claim["person_id"])
        # check_line reads only these of a claim: the claim itself is made when the import runs.
        draft = SimpleNamespace(person_id=claim["person_id"], person=person, programme_id=None, programme=None)
        return check_line(session, cast(Claim, draft), line)[1].amount_pence
    except ValidationError as why:
        problems.update(why.messages)
        return None


def _plan_rows(session: Session, rows: Rows, mapping: list[str]) -> list[RowPlan]:
    known = _Lookups(session)
    plans = [_plan_row(session, number, cells(mapping, values), known) for number, values in rows]
    # One claim is one person's: a row naming someone else under the same reference is a slip in the sheet.
    first: dict[Any, RowPlan] = {}
    for plan in plans:
        if plan.details is not None:
            earlier = first.setdefault(plan.details["reference"], plan)
            who = plan.details["claim"]["person_id"]
            if earlier.details is not None and earlier.details["claim"]["person_id"] != who:
                plan.problems = [_("This row names a different person from row {row} of the same claim.").format(
                    row=earlier.row)]  # fmt: skip
                plan.details, plan.decision = None, Decision.SKIP
    # A claim comes in whole or not at all: one bad row keeps the other rows of its claim out too.
    bad: dict[str, int] = {}
    for plan, (_number, values) in zip(plans, rows, strict=True):
        if plan.details is None and "reference" in mapping:
            reference = cells(mapping, values).get("reference")
            if reference is not None:
                bad.setdefault(cell_text(reference), plan.row)
    for plan in plans:
        if plan.details is not None and plan.details["reference"] in bad:
            plan.problems = [_("Another row of the same claim (row {row}) has a problem.").format(
                row=bad[plan.details["reference"]])]  # fmt: skip
            plan.details, plan.decision = None, Decision.SKIP
    return plans


def plan_import(session: Session, rows: Rows, mapping: Sequence[str] | None = None) -> ImportPlan:
    """Check every row below the headings against the claim and line forms' rules; see the module's notes."""
    return CLAIMS.plan(session, rows, mapping)


def import_claims(session: Session, plan: ImportPlan) -> ImportReport:
    """Add a claim for each reference (with its lines in the sheet's order), in the caller's one transaction."""
    batch = new_id()
    claims: dict[str, list[dict[str, Any]]] = {}
    for row in plan.rows:
        if row.details is not None and row.decision is not Decision.SKIP:
            claims.setdefault(row.details["reference"], []).append(row.details)
    for lines in claims.values():
        first = lines[0]
        days = [line["claim"]["claim_date"] for line in lines]
        claim = create_claim(session, {**first["claim"], "claim_date": max(days)})
        claim.import_batch = batch
        for line in lines:
            # Confirmed: the sheet records what was claimed; the person's payment preference is shown on the claim.
            add_line(session, claim.id, line["line"], confirmed=True)
        if any(line["status"] == "submitted" for line in lines):
            submit_claim(session, claim.id, confirmed=True)
    session.flush()
    why = _("Looks like a claim already there ({why}).")
    return ImportReport(batch, len(claims), 0, skipped(plan, why))


def undo_import(session: Session, batch: str) -> int:
    """Put every claim an import added (and not already in the Bin) in the Bin; returns how many."""
    return undo_batch(session, tables.claims, batch)


def row_report(plan: ImportPlan) -> list[str]:
    """One plain line per row that will not be imported (row numbers and reasons, never values)."""
    return _row_report(plan, _("looks like a claim already in PartnerDesk"), _("will be added"))


def report_summary(report: ImportReport) -> str:
    """The import's result in one plain sentence."""
    added = ngettext("{count:,} claim added", "{count:,} claims added", report.added).format(count=report.added)
    return summary(report, added)


CLAIMS = Importer(
    kind="claims",
    fields=FIELDS,
    synonyms=SYNONYMS,
    needs=(("amount", "category"), _NEEDS),
    plan_rows=_plan_rows,
    commit=import_claims,
    undo=undo_import,
    summary=report_summary,
    report=row_report,
    sheets=(N_("Lines"),),
)
