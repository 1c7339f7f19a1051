"""What the programmes export and report show: every pair with its hours against commitment, and backfill totals per
programme participant. People are ids here; the export names them only when asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.programmes import Programme, ProgrammeApplication
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.expenses import LIVE
from partnerdesk.services.programmes.activities import (
    PairProgress,
    activities_of,
    backfill_for,
    programme_progress,
)
from partnerdesk.services.programmes.pairs import pairs_of
from partnerdesk.services.programmes.programmes import list_programmes


@dataclass(frozen=True)
class ProgrammeReport:
    """One programme's pairs with their progress, how many activities each logged, and backfill per participant."""

    programme: Programme
    pairs: list[PairProgress]
    activity_counts: dict[str, int]  # pair id → activities logged
    backfill: list[BackfillLine]


@dataclass(frozen=True)
class BackfillLine:
    """Backfill for one participant: half days logged, pence on live claims (draft to paid), and pence still due."""

    person_id: str
    half_days_earned: int
    claimed_pence: int
    due_pence: int


def _claimed(session: Session, programme_id: str) -> dict[str, int]:
    """Pence of backfill on live claims linked to the programme, by person."""
    c, lines = tables.claims, tables.claim_lines
    stmt = select(c.c.person_id, func.sum(lines.c.amount_pence)).select_from(
        lines.join(c, c.c.id == lines.c.claim_id)
    ).where(
        c.c.programme_id == programme_id, c.c.deleted_at.is_(None), c.c.status.in_(LIVE),
        lines.c.category == "backfill",
    ).group_by(c.c.person_id)  # fmt: skip
    return {person: int(total or 0) for person, total in session.execute(stmt)}


def programme_report(session: Session, programme: Programme, today: date | None = None) -> ProgrammeReport:
    """The report for one programme as of today."""
    today = today or today_uk()
    progress = programme_progress(session, programme.id, today)
    pairs = pairs_of(session, programme.id)
    counts: dict[str, int] = {p.id: 0 for p in pairs}
    for activity in activities_of(session, list(counts)):
        counts[activity.pair_id] += 1
    backfill = []
    if programme.backfill_side is not None:
        claimed = _claimed(session, programme.id)
        paired = {p.side_a_person_id if programme.backfill_side == "a" else p.side_b_person_id for p in pairs}
        applied = set(session.scalars(select(ProgrammeApplication.person_id).where(
            ProgrammeApplication.programme_id == programme.id, ProgrammeApplication.deleted_at.is_(None),
            ProgrammeApplication.side == programme.backfill_side)))  # fmt: skip
        for person_id in sorted(paired & applied):
            due = backfill_for(session, programme.id, person_id)
            backfill.append(BackfillLine(person_id, due.half_days_earned, claimed.get(person_id, 0), due.pence))
    return ProgrammeReport(programme, progress, counts, backfill)


def all_reports(session: Session, today: date | None = None) -> list[ProgrammeReport]:
    """The report for every programme not in the Bin."""
    return [programme_report(session, programme, today) for programme in list_programmes(session)]
