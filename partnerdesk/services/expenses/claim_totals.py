"""Keeping claims' figures right: each claim's total and missing receipts, and mileage across the 10,000-mile threshold.

Mileage depends on every earlier car or van journey the person claimed in the same tax year (6 April – 5 April), in
date order, across all their claims that still count (not rejected, void or in the Bin). So whenever a mileage line,
a claim's status or the Bin changes, the person's mileage for the tax years touched is worked out again with
rules.mileage.mileage_for_journeys. Lines on approved and paid claims keep the amount that was approved (their
miles still count towards the threshold); lines on drafts and submitted claims are brought up to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, case, func, literal, select, update
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules.expenses import EDITABLE, LIVE, category_mask
from partnerdesk.rules.mileage import Journey, MileageResult, mileage_for_journeys, tax_year_dates, tax_year_of
from partnerdesk.services.common.settings import get_setting, mileage_schedule

_c, _l, _r = tables.claims, tables.claim_lines, tables.receipts


def refresh_claims(session: Session, claim_ids: Iterable[str]) -> None:
    """Work out again each claim's total, number of lines and number of lines missing a required receipt."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    session.flush()
    required = get_setting(session, "receipt_categories")
    has_receipt = select(_r.c.id).where(_r.c.line_id == _l.c.id, _r.c.deleted_at.is_(None)).exists()
    # case(): a sum of true/false would be read back as one true/false, not a count.
    missing = func.sum(case((_l.c.category.in_(required) & ~has_receipt, 1), else_=0)) if required else literal(0)
    stmt = (
        select(_l.c.claim_id, func.sum(_l.c.amount_pence), func.count(), missing)
        .where(_l.c.claim_id.in_(ids))
        .group_by(_l.c.claim_id)
    )
    found = {row[0]: (int(row[1]), int(row[2]), int(row[3] or 0)) for row in session.execute(stmt)}
    kinds: dict[str, set[str]] = {}
    for claim_id, category in session.execute(select(_l.c.claim_id, _l.c.category).where(_l.c.claim_id.in_(ids))):
        kinds.setdefault(claim_id, set()).add(category)
    for claim_id in ids:
        total, count, lacking = found.get(claim_id, (0, 0, 0))
        mask = category_mask(kinds.get(claim_id, ()))
        session.execute(
            update(_c)
            .where(_c.c.id == claim_id)
            .values(total_pence=total, line_count=count, receipts_missing=lacking, category_mask=mask,
                    updated_at=utc_now())
        )  # fmt: skip
    session.expire_all()  # objects in the session must see the new figures


@dataclass(frozen=True)
class _Trip:
    line_id: str | None  # None for a line not saved yet (a preview)
    claim_id: str | None
    editable: bool
    journey: Journey


def _trips(session: Session, person_id: str, years: set[int] | None) -> list[_Trip]:
    """The person's mileage lines that count, in date order (same day: the order the claims and lines were made)."""
    conditions = [
        _c.c.person_id == person_id, _c.c.deleted_at.is_(None), _c.c.status.in_(LIVE), _l.c.category == "mileage",
        _l.c.miles_tenths.is_not(None),
    ]  # fmt: skip
    if years:
        start, end = tax_year_dates(min(years))[0], tax_year_dates(max(years))[1]
        conditions.append(and_(_l.c.day >= start, _l.c.day <= end))
    stmt = (
        select(_l.c.id, _l.c.claim_id, _c.c.status, _l.c.day, _l.c.vehicle, _l.c.miles_tenths, _l.c.passengers)
        .select_from(_l.join(_c, _c.c.id == _l.c.claim_id))
        .where(*conditions)
        .order_by(_l.c.day, _c.c.created_at, _c.c.id, _l.c.position, _l.c.id)
    )
    return [
        _Trip(row.id, row.claim_id, row.status in EDITABLE,
              Journey(row.day, row.vehicle, Decimal(row.miles_tenths) / 10, row.passengers or 0))
        for row in session.execute(stmt)
    ]  # fmt: skip


def preview_mileage(
    session: Session, person_id: str, journey: Journey, line_id: str | None = None
) -> MileageResult:
    """What a journey would pay as a new (or changed, when line_id is given) line, after the person's other
    journeys that tax year up to that day. Raises ValueError in plain words for bad miles, vehicle or passengers."""
    year = tax_year_of(journey.day)
    trips = [t for t in _trips(session, person_id, {year}) if t.line_id != line_id]
    # After every journey already claimed on the same day: a new line goes at the end of its day.
    place = sum(1 for t in trips if t.journey.day <= journey.day)
    trips.insert(place, _Trip(None, None, True, journey))
    return mileage_for_journeys([t.journey for t in trips], schedule=mileage_schedule(session))[place]


def recompute_mileage(session: Session, person_id: str, days: Iterable[date] = ()) -> None:
    """Work out again the amounts of a person's mileage lines on draft and submitted claims, in the tax years of
    days (every year when days is empty), and refresh the claims whose totals changed."""
    session.flush()
    years = {tax_year_of(day) for day in days} or None
    trips = _trips(session, person_id, years)
    if not trips:
        return
    results = mileage_for_journeys([t.journey for t in trips], schedule=mileage_schedule(session))
    editable_ids = [t.line_id for t in trips if t.editable]
    stmt = select(_l.c.id, _l.c.amount_pence, _l.c.working).where(_l.c.id.in_(editable_ids))
    current = {row.id: (row.amount_pence, row.working) for row in session.execute(stmt)}
    touched: set[str] = set()
    for trip, result in zip(trips, results, strict=True):
        if not trip.editable:
            continue
        working = result.explain()
        if current.get(trip.line_id) != (result.pence, working):
            session.execute(
                update(_l).where(_l.c.id == trip.line_id).values(amount_pence=result.pence, working=working)
            )
            if trip.claim_id is not None:
                touched.add(trip.claim_id)
    refresh_claims(session, touched)
