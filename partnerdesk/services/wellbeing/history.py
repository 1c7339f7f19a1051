"""A person's wellbeing over time, for the history list and its trend chart: the quick answer, ONS4 and SWEMWBS
scores at each check, and whether their SWEMWBS score has changed meaningfully since the first one.

Scores are worked out here from the raw answers by rules.wellbeing. No confidential text is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.wellbeing import ONS4_COLUMNS, SWEMWBS_COLUMNS
from partnerdesk.rules import roles
from partnerdesk.rules import wellbeing as rules
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.access import own_only, require


@dataclass(frozen=True)
class HistoryPoint:
    """One check on the chart. Scales not used at that check are None."""

    check_id: str
    checked_at: datetime  # UTC
    day: date  # the London date, for the chart's axis
    context: str
    quick_score: int | None
    ons4: dict[str, int] | None  # question code → 0–10
    ons4_bands: dict[str, str] | None  # question code → "low", "medium", …
    swemwbs_raw: int | None  # 7–35
    swemwbs_metric: Decimal | None  # the published metric score; chart and compare this one


@dataclass(frozen=True)
class WellbeingHistory:
    """A person's checks, oldest first, and the SWEMWBS change since their first score."""

    person_id: str
    points: list[HistoryPoint]
    swemwbs_first: Decimal | None
    swemwbs_latest: Decimal | None
    swemwbs_change: Decimal | None  # latest minus first; None with fewer than two scores
    meaningful_change: str | None  # "better" or "worse" when the change is meaningful (rules.wellbeing)
    copyright: str | None  # SWEMWBS_COPYRIGHT, to show wherever the scores are shown; None without any score


def wellbeing_history(session: Session, person_id: str) -> WellbeingHistory:
    """Every live check of a person with its scores, oldest first, and the meaningful-change flag."""
    require(roles.WELLBEING_READ)
    w = tables.wellbeing_checks
    columns = [w.c.id, w.c.checked_at, w.c.context, w.c.quick_score, *(w.c[c] for c in ONS4_COLUMNS.values()),
               *(w.c[c] for c in SWEMWBS_COLUMNS)]  # fmt: skip
    stmt = select(*columns).where(w.c.person_id == person_id, w.c.deleted_at.is_(None)).order_by(w.c.checked_at, w.c.id)
    if (mine := own_only(roles.WELLBEING_READ)) is not None:
        stmt = stmt.where(w.c.created_by == mine)  # a volunteer sees the checks they recorded
    points = []
    for row in session.execute(stmt):
        values = row._mapping
        answered = {code: values[column] for code, column in ONS4_COLUMNS.items()}
        ons4 = answered if answered["life_satisfaction"] is not None else None
        answers = [values[column] for column in SWEMWBS_COLUMNS]
        raw = rules.swemwbs_raw(answers) if answers[0] is not None else None
        points.append(
            HistoryPoint(
                row.id, row.checked_at, today_uk(row.checked_at), row.context, row.quick_score, ons4,
                rules.ons4_bands(ons4) if ons4 else None, raw, rules.swemwbs_metric(raw) if raw else None,
            )
        )  # fmt: skip
    scored = [point.swemwbs_metric for point in points if point.swemwbs_metric is not None]
    first = scored[0] if scored else None
    latest = scored[-1] if scored else None
    change = flag = None
    if len(scored) >= 2:
        change = scored[-1] - scored[0]
        flag = rules.meaningful_change(scored[0], scored[-1])
    return WellbeingHistory(person_id, points, first, latest, change, flag, rules.SWEMWBS_COPYRIGHT if scored else None)
