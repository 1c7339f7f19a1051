"""Time and activities: logging a pair's meetings, progress against commitments per person and per pair (falling
behind), and backfill due from logged time, paid as claims through the expenses area.

An activity's details travel as a plain dict (ACTIVITY_FIELDS): held_on, kind (rules.programmes.ACTIVITY_KINDS),
time (hours typed as "1.5" or "1:30", or whole minutes as an int), attended ("both", "a" or "b") and notes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.programmes import PairActivity, Programme, ProgrammeApplication, ProgrammePair
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.programmes import (
    ACTIVITY_KINDS,
    ATTENDED,
    MINUTES_IN_DAY,
    Backfill,
    Progress,
    backfill_due,
    parse_duration,
    progress,
)
from partnerdesk.services.common.errors import Problems, ValidationError
from partnerdesk.services.common.settings import get_setting, payment_rates
from partnerdesk.services.common.text import tidy
from partnerdesk.services.expenses.claims import create_claim
from partnerdesk.services.expenses.lines import add_line, backfill_half_days_used
from partnerdesk.services.programmes.pairs import get_pair, pairs_of, pairs_of_person, programme_of
from partnerdesk.services.programmes.programmes import live_programme

ACTIVITY_FIELDS = ("held_on", "kind", "time", "attended", "notes")
_MOST_PER_LINE = 20  # the expenses area takes up to 20 days or half days on one claim line


def log_activity(session: Session, pair_id: str, data: dict[str, Any], today: date | None = None) -> PairActivity:
    """Log a pair's meeting or activity. Raises ValidationError (nothing saved) for a day outside the pair's time or
    in the future, a time that is not more than nothing, or more than 24 hours logged for the pair on one day."""
    today = today or today_uk()
    pair = get_pair(session, pair_id)
    problems = Problems()
    out = tidy(data, ACTIVITY_FIELDS, "activity")
    held_on = out["held_on"]
    if not isinstance(held_on, date):
        problems.add("held_on", _("Please type a date as day/month/year, for example 23/11/2026."))
    elif held_on > today:
        problems.add("held_on", _("The date of the activity can't be in the future."))
    elif held_on < pair.starts_on or (pair.ends_on is not None and held_on > pair.ends_on):
        problems.add("held_on", _("The pair was not together on that day. Please check the date."))
    if out["kind"] not in ACTIVITY_KINDS:
        problems.add("kind", _("Please pick the kind of activity from the list."))
    attended = out["attended"] or "both"
    if attended not in ATTENDED:
        problems.add("attended", _("Please say who attended: both, or one of them."))
    minutes = 0
    try:
        minutes = parse_duration(out["time"] if out["time"] is not None else "")
    except ValueError as why:
        problems.add("time", str(why))
    if minutes and isinstance(held_on, date):
        logged = session.scalar(select(func.coalesce(func.sum(PairActivity.minutes), 0)).where(
            PairActivity.pair_id == pair.id, PairActivity.held_on == held_on,
            PairActivity.deleted_at.is_(None))) or 0  # fmt: skip
        if logged + minutes > MINUTES_IN_DAY:
            problems.add("time", _("That would make more than 24 hours for this pair on one day. Please check the "
                                   "times logged for that day."))  # fmt: skip
    problems.raise_if_any()
    activity = PairActivity(pair_id=pair.id, held_on=held_on, kind=out["kind"], minutes=minutes, attended=attended,
                            notes=out["notes"])  # fmt: skip
    session.add(activity)
    session.flush()
    return activity


def activities_of(session: Session, pair_ids: list[str]) -> list[PairActivity]:
    """The activities of these pairs, oldest first."""
    if not pair_ids:
        return []
    stmt = select(PairActivity).where(PairActivity.pair_id.in_(pair_ids), PairActivity.deleted_at.is_(None))
    return list(session.scalars(stmt.order_by(PairActivity.held_on, PairActivity.created_at)))


def _side_of(pair: ProgrammePair, person_id: str) -> str:
    return "a" if pair.side_a_person_id == person_id else "b"


def _attended_by(activity: PairActivity, side: str) -> bool:
    return activity.attended in ("both", side)


@dataclass(frozen=True)
class PairProgress:
    """A pair's progress: each side's time against its commitment, the required activities still to do, and
    whether the pair is falling behind (either side, or activities late at the end)."""

    pair: ProgrammePair
    side_a: Progress
    side_b: Progress

    @property
    def behind(self) -> bool:
        """Either partner is falling behind their commitment."""
        return self.side_a.behind or self.side_b.behind


def pair_progress(session: Session, pair_id: str, today: date | None = None) -> PairProgress:
    """Progress for one pair, over the pair's own time (from its start to the programme's end)."""
    pair = get_pair(session, pair_id)
    return _progress_of(programme_of(session, pair), pair, activities_of(session, [pair.id]), today or today_uk())


def _progress_of(programme: Programme, pair: ProgrammePair, done: list[PairActivity], today: date) -> PairProgress:
    required = {item["kind"]: int(item["count"]) for item in programme.required_activities}
    kinds = Counter(a.kind for a in done)
    end = pair.ends_on or programme.ends_on
    sides = []
    for side, expected in (("a", programme.side_a_minutes), ("b", programme.side_b_minutes)):
        logged = sum(a.minutes for a in done if _attended_by(a, side))
        sides.append(progress(logged, expected, pair.starts_on, end, today, dict(kinds), required))
    return PairProgress(pair, sides[0], sides[1])


def programme_progress(session: Session, programme_id: str, today: date | None = None) -> list[PairProgress]:
    """Progress for every pair of a programme (finished ones too), oldest first."""
    programme = live_programme(session, programme_id)
    pairs = pairs_of(session, programme_id)
    done = activities_of(session, [p.id for p in pairs])
    today = today or today_uk()
    return [_progress_of(programme, pair, [a for a in done if a.pair_id == pair.id], today) for pair in pairs]


def person_progress(session: Session, programme_id: str, person_id: str, today: date | None = None) -> Progress:
    """One person's time on a programme across every pair they have been in (a re-matched partner keeps the time
    logged with their first partner), against their side's commitment over the programme's dates."""
    programme = live_programme(session, programme_id)
    pairs = pairs_of_person(session, programme_id, person_id)
    if not pairs:
        raise ValidationError({"person_id": _("This person has not been in a pair on this programme yet.")})
    side = _side_of(pairs[0], person_id)
    by_pair = {p.id: p for p in pairs}
    done = [a for a in activities_of(session, list(by_pair)) if _attended_by(a, _side_of(by_pair[a.pair_id],
                                                                                         person_id))]  # fmt: skip
    expected = programme.side_a_minutes if side == "a" else programme.side_b_minutes
    start = programme.starts_on or pairs[0].starts_on
    return progress(sum(a.minutes for a in done), expected, start, programme.ends_on, today or today_uk())


# ---------------------------------------------------------------------------------------------------- backfill


def backfill_for(session: Session, programme_id: str, person_id: str) -> Backfill:
    """Backfill due to a person on a programme's backfill side, from the time they logged, at the programme's rates
    and cap (the organisation's where the programme sets none), less what live claims already pay."""
    programme = live_programme(session, programme_id)
    if programme.backfill_side is None:
        raise ValidationError({"": _("This programme pays no backfill. Choose the side that is paid in its "
                                     "details first.")})  # fmt: skip
    side = session.scalar(select(ProgrammeApplication.side).where(
        ProgrammeApplication.programme_id == programme_id, ProgrammeApplication.person_id == person_id,
        ProgrammeApplication.deleted_at.is_(None)))  # fmt: skip
    if side != programme.backfill_side:
        raise ValidationError({"person_id": _("Backfill on this programme is only for the other side.")})
    pairs = pairs_of_person(session, programme_id, person_id)
    by_pair = {p.id: p for p in pairs}
    minutes = [a.minutes for a in activities_of(session, list(by_pair))
               if _attended_by(a, _side_of(by_pair[a.pair_id], person_id))]  # fmt: skip
    rates = payment_rates(session)
    cap = programme.backfill_cap_half_days
    if cap is None:
        cap = get_setting(session, "backfill_cap_half_days")
    return backfill_due(
        minutes, programme.minutes_per_half_day,
        programme.backfill_day_pence if programme.backfill_day_pence is not None else rates.day_pence,
        programme.backfill_half_day_pence if programme.backfill_half_day_pence is not None else rates.half_day_pence,
        cap, backfill_half_days_used(session, person_id, programme_id, None),
    )  # fmt: skip


def create_backfill_claim(session: Session, programme_id: str, person_id: str, claim_date: date, *,
                          confirmed: bool = False, today: date | None = None) -> str:  # fmt: skip
    """Make a draft claim paying the backfill due to a person, linked to the programme; returns its id.

    Raises ValidationError when nothing is due, and the expenses area's NeedsConfirmation (nothing saved) when paying
    for time goes against the person's payment preference, until confirmed=True.
    """
    programme = live_programme(session, programme_id)
    due = backfill_for(session, programme_id, person_id)
    if due.half_days_payable == 0:
        raise ValidationError({"": _("No backfill is due: every half day logged is paid or claimed already, or the "
                                     "limit is reached.")})  # fmt: skip
    claim = create_claim(session, {"person_id": person_id, "programme_id": programme.id, "claim_date": claim_date,
                                   "notes": _("Backfill for time on the programme.")}, today)  # fmt: skip
    lines = []
    days = due.days
    while days:
        count = min(days, _MOST_PER_LINE)
        lines.append({"unit": "day", "count": count})
        days -= count
    if due.half_days:
        lines.append({"unit": "half_day", "count": due.half_days})
    for line in lines:
        add_line(session, claim.id, {"category": "backfill", "day": claim_date, **line}, confirmed=confirmed,
                 today=today)  # fmt: skip
    return claim.id
