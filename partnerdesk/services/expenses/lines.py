"""Claim lines: adding, changing and removing what a claim is for, with the amount worked out where the organisation
sets the rate (mileage, involvement payments, backfill) and typed where the person paid (everything else).

A line's details travel as a plain dict (LINE_FIELDS): category, day, description, and then by category
  mileage:                  miles (text such as "12.5"), vehicle (rules.mileage.VEHICLES), passengers (0–8)
  involvement_payment,
  backfill:                 unit ("day" or "half_day") and count
  anything else:            amount (text such as "12.50", or whole pence as an int)
Anything that goes against the person's payment preference comes back as warnings: saving then needs confirmed=True
(services.errors.NeedsConfirmation). preview_line tells the form what a line will pay before it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.records.expenses import Claim, ClaimLine
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import LIVE
from partnerdesk.rules.mileage import VEHICLES, Journey, MileageResult, parse_miles
from partnerdesk.rules.money import MAX_PENCE, format_pounds, parse_pounds
from partnerdesk.rules.payments import (
    EXPENSE_CATEGORIES,
    PAYMENTS_FOR_TIME,
    TIME_UNITS,
    PaymentRates,
    check_within_cap,
    half_days,
    payment_warning,
    time_payment_pence,
)
from partnerdesk.services.common.errors import Problems, check_row_version, confirm_or_stop
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.settings import get_setting, payment_rates
from partnerdesk.services.common.text import tidy
from partnerdesk.services.expenses.claim_totals import preview_mileage, recompute_mileage, refresh_claims
from partnerdesk.services.expenses.claims import check_day, editable_claim

#: Every field the line form can send.
LINE_FIELDS = ("category", "day", "description", "amount", "miles", "vehicle", "passengers", "unit", "count")


@dataclass(frozen=True)
class LinePreview:
    """What a line will pay, how that was worked out, and the warnings to confirm before saving it."""

    amount_pence: int
    working: str | None
    warnings: list[str]
    mileage: MileageResult | None = None


def _whole(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def backfill_half_days_used(session: Session, person_id: str, programme_id: str | None, programme: str | None,
                            line_id: str | None = None) -> int:
    """Half days of backfill the person has had on a programme, on claims that count, leaving out line_id.

    Claims linked to a programme count by the link (migration 0012 linked every claim with a typed programme); a
    claim with only typed text (the claim form still types it) counts with unlinked claims of the same text.
    """
    lines, claims = tables.claim_lines, tables.claims
    if programme_id is not None:
        same = claims.c.programme_id == programme_id
    else:
        typed = claims.c.programme.is_(None) if programme is None else claims.c.programme == programme
        same = claims.c.programme_id.is_(None) & typed
    units = select(lines.c.time_unit, func.sum(lines.c.time_count)).select_from(
        lines.join(claims, claims.c.id == lines.c.claim_id)
    ).where(
        claims.c.person_id == person_id, claims.c.deleted_at.is_(None), claims.c.status.in_(LIVE),
        lines.c.category == "backfill", lines.c.id != (line_id or ""), same,
    ).group_by(lines.c.time_unit)  # fmt: skip
    return sum(half_days(unit, int(count)) for unit, count in session.execute(units) if count)


def _backfill_terms(session: Session, claim: Claim) -> tuple[PaymentRates, int | None]:
    """The rates and cap for backfill on this claim: its programme's own where it sets them, else the organisation's."""
    rates, cap = payment_rates(session), get_setting(session, "backfill_cap_half_days")
    if claim.programme_id is None:
        return rates, cap
    p = tables.programmes.c
    row = session.execute(select(p.backfill_day_pence, p.backfill_half_day_pence, p.backfill_cap_half_days)
                          .where(p.id == claim.programme_id)).one_or_none()  # fmt: skip
    if row is None:
        return rates, cap
    day, half, own_cap = row
    if day is not None or half is not None:
        rates = PaymentRates(day if day is not None else rates.day_pence,
                             half if half is not None else rates.half_day_pence, rates.effective_from)  # fmt: skip
    return rates, own_cap if own_cap is not None else cap


def _check_mileage(out: dict[str, Any], problems: Problems) -> None:
    out["vehicle"] = out["vehicle"] or "car_or_van"
    if out["vehicle"] not in VEHICLES:
        problems.add("vehicle", _("Please pick a car or van, a motorcycle or a bicycle."))
    passengers = 0 if out["passengers"] is None else _whole(out["passengers"])
    if passengers is None or not 0 <= passengers <= 8:
        problems.add("passengers", _("Passengers must be a whole number from 0 to 8."))
    elif passengers and out["vehicle"] != "car_or_van":
        problems.add("passengers", _("Passenger payments are only for cars and vans."))
    out["passengers"] = passengers
    if out["miles"] is None:
        problems.add("miles", _("Please give the miles travelled, for example 12.5."))
        return
    try:
        out["miles"] = parse_miles(str(out["miles"]))
    except ValueError as why:
        problems.add("miles", str(why))


def _check_time(session: Session, claim: Claim, out: dict[str, Any], line_id: str | None, problems: Problems) -> None:
    if out["unit"] not in TIME_UNITS:
        problems.add("unit", _("Please choose a day or a half day."))
        return
    count = _whole(out["count"])
    if count is None or not 1 <= count <= 20:
        problems.add("count", _("Please give how many, a whole number from 1 to 20."))
        return
    out["count"] = count
    if out["category"] != "backfill":
        out["amount"] = time_payment_pence(out["unit"], count, payment_rates(session))
    else:
        rates, cap = _backfill_terms(session, claim)
        out["amount"] = time_payment_pence(out["unit"], count, rates)
        used = backfill_half_days_used(session, claim.person_id, claim.programme_id, claim.programme, line_id)
        try:
            check_within_cap(cap, used, out["unit"], count)
        except ValueError as why:
            problems.add("count", str(why))


def _check_amount(out: dict[str, Any], problems: Problems) -> None:
    amount = out["amount"]
    if isinstance(amount, str):
        try:
            out["amount"] = parse_pounds(amount)
        except ValueError as why:
            problems.add("amount", str(why))
    elif amount is None:
        problems.add("amount", _("Please type the amount, for example 12.50."))
    elif isinstance(amount, bool) or not isinstance(amount, int):
        problems.add("amount", _("Please type the amount in pounds and pence, for example 12.50."))
    elif not 0 < amount <= MAX_PENCE:
        problems.add("amount", _("The amount must be more than £0.00 and no more than {MAX_PENCE}.").format(
            MAX_PENCE=format_pounds(MAX_PENCE),
        ))


def check_line(
    session: Session, claim: Claim, data: dict[str, Any], line_id: str | None = None, today: date | None = None
) -> tuple[dict[str, Any], LinePreview]:
    """Check a line's details for a claim; returns them tidied and what the line will pay (with its warnings).

    Raises ValidationError with a message per field when something is wrong.
    """
    problems = Problems()
    out = tidy(data, LINE_FIELDS, _("claim line"))
    category = out["category"]
    if category not in EXPENSE_CATEGORIES:
        problems.add("category", _("Please pick what this line is for."))
    day = check_day(problems, "day", out["day"], today or today_uk(), "expense")
    if out["description"] and len(out["description"]) > 500:
        problems.add("description", _("This is too long: please keep it to 500 characters."))
    if category == "other" and not out["description"]:
        problems.add("description", _("Please say what this is for."))
    mileage = None
    if category == "mileage":
        _check_mileage(out, problems)
        # Any field already refused stops the preview: the rates would raise on an unknown vehicle.
        if day is not None and not {"miles", "passengers", "vehicle"} & set(problems.messages):
            journey = Journey(day, out["vehicle"], out["miles"], out["passengers"])
            mileage = preview_mileage(session, claim.person_id, journey, line_id)
            out["amount"] = mileage.pence
    elif category in PAYMENTS_FOR_TIME:
        _check_time(session, claim, out, line_id, problems)
    elif category is not None:
        _check_amount(out, problems)
    problems.raise_if_any()
    person = claim.person
    warning = payment_warning(person.payment_preference, category, person.full_name)
    working = mileage.explain() if mileage else None
    if category in PAYMENTS_FOR_TIME:
        rate = format_pounds(payment_rates(session).rate(out["unit"]))
        working = _("{count} × {lower} at {rate}").format(
            count=out['count'],
            lower=_(TIME_UNITS[out['unit']]).lower(),
            rate=rate,
        )
    return out, LinePreview(out["amount"], working, [warning] if warning else [], mileage)


def preview_line(
    session: Session, claim_id: str, data: dict[str, Any], line_id: str | None = None, today: date | None = None
) -> LinePreview:
    """What a line would pay and the warnings it would need confirmed, without saving anything."""
    return check_line(session, editable_claim(session, claim_id), data, line_id, today)[1]


def _columns(out: dict[str, Any], preview: LinePreview) -> dict[str, Any]:
    """What a checked line puts in each of its columns (bar the working, which follows from them)."""
    is_mileage, for_time = out["category"] == "mileage", out["category"] in PAYMENTS_FOR_TIME
    return {
        "category": out["category"], "day": out["day"], "description": out["description"],
        "amount_pence": preview.amount_pence,
        "miles_tenths": int(Decimal(out["miles"]) * 10) if is_mileage else None,
        "vehicle": out["vehicle"] if is_mileage else None,
        "passengers": out["passengers"] if is_mileage else None,
        "time_unit": out["unit"] if for_time else None,
        "time_count": out["count"] if for_time else None,
    }  # fmt: skip


def _apply(line: ClaimLine, out: dict[str, Any], preview: LinePreview) -> None:
    for key, value in _columns(out, preview).items():
        setattr(line, key, value)
    line.working = preview.working


def add_line(
    session: Session, claim_id: str, data: dict[str, Any], *, confirmed: bool = False, today: date | None = None
) -> ClaimLine:
    """Add a line to a draft or submitted claim. Raises ValidationError (nothing saved) for bad details, and
    NeedsConfirmation until confirmed=True when it goes against the person's payment preference."""
    claim = editable_claim(session, claim_id)
    out, preview = check_line(session, claim, data, today=today)
    confirm_or_stop(preview.warnings, confirmed)
    last = session.scalar(select(func.coalesce(func.max(ClaimLine.position), -1)).where(ClaimLine.claim_id == claim.id))
    position = (last if last is not None else -1) + 1  # coalesce never gives None; the type checker can't know
    line = ClaimLine(claim_id=claim.id, position=position)
    _apply(line, out, preview)
    session.add(line)
    _settle(session, claim, {line.day})
    return line


def get_line(session: Session, line_id: str) -> ClaimLine:
    """A claim line by id; raises NotFound."""
    return found(session, ClaimLine, line_id, _("That claim line could not be found. It may have been removed."))


def line_data(line: ClaimLine) -> dict[str, Any]:
    """A line's details as the plain dict the form and check_line use."""
    miles = None if line.miles_tenths is None else str(Decimal(line.miles_tenths) / 10)
    amount = None if line.category == "mileage" or line.category in PAYMENTS_FOR_TIME else line.amount_pence
    return {
        "category": line.category, "day": line.day, "description": line.description, "amount": amount,
        "miles": miles, "vehicle": line.vehicle, "passengers": line.passengers, "unit": line.time_unit,
        "count": line.time_count,
    }  # fmt: skip


def update_line(
    session: Session, line_id: str, data: dict[str, Any], *, confirmed: bool = False, today: date | None = None,
    version: int | None = None,
) -> ClaimLine:
    """Change a line on a draft or submitted claim; errors and warnings as add_line. A form passes the version it
    read the line at: EditConflict if someone saved different details since."""
    line = get_line(session, line_id)
    claim = editable_claim(session, line.claim_id)
    old_day = line.day
    out, preview = check_line(session, claim, data, line_id, today)
    check_row_version(line, version, _columns(out, preview))
    confirm_or_stop(preview.warnings, confirmed)
    _apply(line, out, preview)
    line.updated_at = utc_now()
    _settle(session, claim, {old_day, line.day})
    return line


def remove_line(session: Session, line_id: str) -> None:
    """Take a line (and its receipts) off a draft or submitted claim, for good: the claim itself is what goes to the
    Bin."""
    line = get_line(session, line_id)
    claim = editable_claim(session, line.claim_id)
    day = line.day
    session.delete(line)
    _settle(session, claim, {day})


def _settle(session: Session, claim: Claim, days: set[date]) -> None:
    """After a line changes: mileage for the person's tax years touched, then the claim's own figures."""
    session.flush()
    recompute_mileage(session, claim.person_id, days)
    refresh_claims(session, [claim.id])


def claim_lines(session: Session, claim_id: str) -> list[ClaimLine]:
    """A claim's lines in date order (same day: the order added)."""
    stmt = select(ClaimLine).where(ClaimLine.claim_id == claim_id).order_by(ClaimLine.day, ClaimLine.position)
    return list(session.scalars(stmt))


def lines_missing_receipts(session: Session, claim_id: str) -> list[ClaimLine]:
    """The lines of a claim whose kind needs a receipt (setting receipt_categories) and that have none."""
    required = set(get_setting(session, "receipt_categories"))
    return [
        line for line in claim_lines(session, claim_id)
        if line.category in required and not any(r.deleted_at is None for r in line.receipts)
    ]  # fmt: skip

