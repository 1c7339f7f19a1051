"""The expenses export for the finance team: claims, lines, totals by kind of line and by budget heading, and a
payment run of approved claims still to pay.

Money is written from whole pence as exact pounds with a £ format (exports.xlsx), never through floating point.
The totals are sums done by the database over integers (services.expenses_totals), with rejected and void claims
left out; the claims and lines sheets list every claim not in the Bin, with its status.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.exports.audited import audited
from partnerdesk.exports.sheet_layout import fitted_sheet
from partnerdesk.exports.xlsx import Column, ExportError, Kind, xlsx_file
from partnerdesk.i18n import N_, _
from partnerdesk.records import vocab as v
from partnerdesk.rules import roles
from partnerdesk.rules.expenses import claim_reference, financial_year_label
from partnerdesk.rules.mileage import VEHICLES
from partnerdesk.rules.payments import EXPENSE_CATEGORIES, TIME_UNITS
from partnerdesk.services.common.access import require
from partnerdesk.services.expenses.listing import ClaimFilter, claims_page
from partnerdesk.services.expenses.totals import (
    TOTAL_STATUSES,
    Total,
    lines_for_claims,
    totals_by_category,
    totals_by_heading,
)

CHUNK = 500
_MONEY = Kind.MONEY_PENCE
CLAIM_COLUMNS = (
    Column(N_("Reference"), 14), Column(N_("Claim date"), 12, Kind.DATE), Column(N_("Person"), 26),
    Column(N_("Status"), 22), Column(N_("Budget heading"), 22), Column(N_("Financial year"), 10),
    Column(N_("Programme"), 22), Column(N_("Meeting"), 26), Column(N_("Lines"), 7, Kind.NUMBER),
    Column(N_("Total"), 12, _MONEY), Column(N_("Receipts missing"), 9, Kind.NUMBER),
    Column(N_("Approved on"), 12, Kind.DATE), Column(N_("Paid on"), 12, Kind.DATE), Column(N_("Payment reference"), 18),
)  # fmt: skip
LINE_COLUMNS = (
    Column(N_("Reference"), 14), Column(N_("Person"), 26), Column(N_("Status"), 22), Column(N_("Budget heading"), 22),
    Column(N_("Date"), 12, Kind.DATE), Column(N_("Kind"), 22), Column(N_("Description"), 34),
    Column(N_("Miles"), 8, Kind.NUMBER), Column(N_("Vehicle"), 12), Column(N_("Passengers"), 10, Kind.NUMBER),
    Column(N_("Days or half days"), 14), Column(N_("Worked out"), 36), Column(N_("Amount"), 12, _MONEY),
)  # fmt: skip
_STATUS_COLUMNS = tuple(Column(v.CLAIM_STATUSES[s], 16, _MONEY) for s in TOTAL_STATUSES)
CATEGORY_COLUMNS = (
    Column(N_("Kind"), 28),
    Column(N_("Lines"), 8, Kind.NUMBER),
    *_STATUS_COLUMNS,
    Column(N_("Total"), 14, _MONEY),
)
HEADING_COLUMNS = (
    Column(N_("Financial year"), 12), Column(N_("Budget heading"), 28), Column(N_("Allocation"), 14, _MONEY),
    Column(N_("Claims"), 8, Kind.NUMBER), *_STATUS_COLUMNS, Column(N_("Total"), 14, _MONEY),
)  # fmt: skip
PAYMENT_COLUMNS = (
    Column(N_("Payee"), 28), Column(N_("Amount"), 12, _MONEY), Column(N_("Reference"), 14),
    Column(N_("Claim date"), 12, Kind.DATE), Column(N_("Approved on"), 12, Kind.DATE), Column(N_("Budget heading"), 22),
)  # fmt: skip
SHEETS = (N_("Claims"), N_("Lines"), N_("By kind"), N_("By heading"), N_("Payment run"))


def _claim_row(claim: Any) -> list[Any]:
    year = financial_year_label(claim.financial_year) if claim.financial_year else None
    return [
        claim_reference(claim.id), claim.claim_date, claim.person, v.label(v.CLAIM_STATUSES, claim.status),
        claim.heading, year, claim.programme, claim.meeting, claim.line_count, claim.total_pence,
        claim.receipts_missing, claim.approved_at, claim.paid_on, claim.payment_reference,
    ]  # fmt: skip


def _line_row(claim: Any, line: Any) -> list[Any]:
    miles = None if line.miles_tenths is None else _miles(line.miles_tenths)
    units = f"{line.time_count} × {_(TIME_UNITS[line.time_unit]).lower()}" if line.time_unit else None
    return [
        claim_reference(claim.id), claim.person, v.label(v.CLAIM_STATUSES, claim.status), claim.heading, line.day,
        v.label(EXPENSE_CATEGORIES, line.category), line.description, miles,
        v.label(VEHICLES, line.vehicle) if line.vehicle else None, line.passengers or None, units, line.working,
        line.amount_pence,
    ]  # fmt: skip


def _miles(tenths: int) -> Decimal:
    return Decimal(tenths).scaleb(-1)  # exact: 125 tenths is 12.5 miles


def _status_values(total: Total) -> list[int]:
    return [total.by_status.get(status, 0) for status in TOTAL_STATUSES] + [total.total_pence]


def _claim_and_line_rows(session: Session, chunk: list[Any]) -> tuple[list[list[Any]], list[list[Any]]]:
    """The Claims and Lines sheets' rows for one chunk of claims."""
    if not chunk:
        return [], []
    by_id = {claim.id: claim for claim in chunk}
    lines = [_line_row(by_id[line.claim_id], line) for line in lines_for_claims(session, list(by_id))]
    return [_claim_row(claim) for claim in chunk], lines


def _whole_sheet(workbook: Any, title: str, columns: Any, rows: list[list[Any]]) -> None:
    """A small sheet written in one go, its widths fitted to all of its rows."""
    sheet = fitted_sheet(workbook, title, columns, rows)
    for row in rows:
        sheet.append(row)
    sheet.finish()


@audited("expenses")
def export_expenses(
    session: Session, path: Path, *, date_from: date | None = None, date_to: date | None = None
) -> int:
    """Write claims dated from date_from to date_to (both included; None for no limit), not in the Bin, to an xlsx
    file at path with the sheets in SHEETS. Returns how many claims were written. Raises ExportError when date_from
    is after date_to or the file can't be saved."""
    require(roles.EXPORT_NAMED)
    if date_from is not None and date_to is not None and date_from > date_to:
        raise ExportError(_("The 'from' date is after the 'to' date. Please swap them or choose other dates."))
    flt = ClaimFilter(date_from=date_from, date_to=date_to, sort="claim_date", descending=False)
    with xlsx_file(path) as workbook:
        chunk = claims_page(session, flt, offset=0, limit=CHUNK)
        claim_rows, line_rows = _claim_and_line_rows(session, chunk)
        # The first chunk is the sample both sheets' widths are fitted to.
        claims = fitted_sheet(workbook, _(SHEETS[0]), CLAIM_COLUMNS, claim_rows)
        lines = fitted_sheet(workbook, _(SHEETS[1]), LINE_COLUMNS, line_rows)
        offset = len(chunk)
        while claim_rows:
            for row in claim_rows:
                claims.append(row)
            for row in line_rows:
                lines.append(row)
            chunk = claims_page(session, flt, offset=offset, limit=CHUNK) if len(chunk) == CHUNK else []
            offset += len(chunk)
            claim_rows, line_rows = _claim_and_line_rows(session, chunk)
        lines.finish()

        kind_rows = [[total.name, total.count, *_status_values(total)]
                     for total in totals_by_category(session, flt, EXPENSE_CATEGORIES)]  # fmt: skip
        _whole_sheet(workbook, _(SHEETS[2]), CATEGORY_COLUMNS, kind_rows)
        heading_rows = []
        for total in totals_by_heading(session, flt, every_heading=True):
            year = financial_year_label(total.financial_year) if total.financial_year else None
            heading_rows.append([year, total.name, total.allocation_pence, total.count, *_status_values(total)])
        _whole_sheet(workbook, _(SHEETS[3]), HEADING_COLUMNS, heading_rows)

        unpaid = ClaimFilter(date_from=date_from, date_to=date_to, statuses=("approved",), sort="person",
                             descending=False)  # fmt: skip
        offset, payments = 0, None
        while chunk := claims_page(session, unpaid, offset=offset, limit=CHUNK):
            offset += len(chunk)
            rows = [[claim.person, claim.total_pence, claim_reference(claim.id), claim.claim_date, claim.approved_at,
                     claim.heading] for claim in chunk]  # fmt: skip
            payments = payments or fitted_sheet(workbook, _(SHEETS[4]), PAYMENT_COLUMNS, rows)
            for row in rows:
                payments.append(row)
        (payments or fitted_sheet(workbook, _(SHEETS[4]), PAYMENT_COLUMNS, [])).finish()
        return claims.finish()
