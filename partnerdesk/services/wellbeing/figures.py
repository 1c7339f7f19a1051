"""Anonymised figures for the wellbeing and supervision exports: counts and percentages, no names, no notes.

The figures here are exact; the exports apply disclosure control (rules.disclosure) when writing them.
Periods are London dates, both ends included; None means no limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.wellbeing import SWEMWBS_COLUMNS
from partnerdesk.rules import supervision as supervision_rules
from partnerdesk.rules import wellbeing as rules
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.wellbeing.supervision import cadence_for_roles, cadence_settings
from partnerdesk.services.wellbeing.supervision_due import roles_of, supervision_status_list
from partnerdesk.services.wellbeing.training import training_compliance


@dataclass(frozen=True)
class WellbeingFigures:
    checks_by_context: dict[str, int]  # every context code, 0 when none
    distress: int
    follow_ups_due: int  # follow-ups whose due date has come (or that are done)
    follow_ups_on_time: int
    people_with_two_scores: int  # people with two or more SWEMWBS scores in the period
    swemwbs_change_total: Decimal  # sum of (latest − first) over those people
    meaningful_better: int
    meaningful_worse: int

    @property
    def checks(self) -> int:
        return sum(self.checks_by_context.values())


@dataclass(frozen=True)
class SupervisionFigures:
    sessions_by_kind: dict[str, int]
    one_to_ones_with_earlier: int  # 1:1 sessions that had an earlier 1:1 to be on time after
    one_to_ones_on_time: int
    running_pairs: int
    overdue_now: int
    actions_agreed: int
    actions_done: int
    training: list[tuple[str, int, int]] = field(default_factory=list)  # (course, expected, in date)


def _moments(date_from: date | None, date_to: date | None):
    start = uk_moment(date_from, time(0)) if date_from else None
    end = uk_moment(date_to + timedelta(days=1), time(0)) if date_to else None
    return start, end


def wellbeing_figures(session: Session, date_from: date | None, date_to: date | None, today: date) -> WellbeingFigures:
    """The wellbeing figures for checks made in the period (live checks of live people)."""
    w, p = tables.wellbeing_checks, tables.people
    stmt = (
        select(w.c.person_id, w.c.context, w.c.distress, w.c.follow_up_needed, w.c.follow_up_due_on,
               w.c.follow_up_done_on, *(w.c[name] for name in SWEMWBS_COLUMNS))
        .select_from(w.join(p, p.c.id == w.c.person_id))
        .where(w.c.deleted_at.is_(None), p.c.deleted_at.is_(None))
        .order_by(w.c.person_id, w.c.checked_at)
    )  # fmt: skip
    start, end = _moments(date_from, date_to)
    if start is not None:
        stmt = stmt.where(w.c.checked_at >= start)
    if end is not None:
        stmt = stmt.where(w.c.checked_at < end)
    contexts: Counter[str] = Counter({code: 0 for code in rules.CHECK_CONTEXTS})
    distress = due = on_time = 0
    scores: dict[str, list[Decimal]] = {}
    for row in session.execute(stmt):
        values = row._mapping
        contexts[row.context] += 1
        distress += bool(row.distress)
        due_on = row.follow_up_due_on
        # Follow-ups not yet due are left out: they can't be late or on time yet.
        if row.follow_up_needed and due_on is not None and (row.follow_up_done_on is not None or due_on < today):
            due += 1
            on_time += rules.follow_up_on_time(row.follow_up_due_on, row.follow_up_done_on)
        answers = [values[name] for name in SWEMWBS_COLUMNS]
        if answers[0] is not None:
            scores.setdefault(row.person_id, []).append(rules.swemwbs_score(answers))
    changes = [(found[0], found[-1]) for found in scores.values() if len(found) >= 2]
    flags = Counter(rules.meaningful_change(first, latest) for first, latest in changes)
    return WellbeingFigures(
        dict(contexts), distress, due, on_time, len(changes), sum((b - a for a, b in changes), Decimal(0)),
        flags["better"], flags["worse"],
    )  # fmt: skip


def one_to_ones_on_time(session: Session, date_from: date | None, date_to: date | None) -> tuple[int, int]:
    """(1:1 sessions held in the period that followed an earlier 1:1 of the same supervisee, those of them held by
    the next due date agreed at the earlier one or, failing that, the cadence for the person's role)."""
    s, a = tables.supervision_sessions, tables.supervision_attendees
    # Every 1:1, in date order per supervisee, so each session in the period is judged against the one before.
    every = (
        select(a.c.person_id, s.c.id, s.c.held_on, s.c.next_due_on)
        .select_from(s.join(a, a.c.session_id == s.c.id))
        .where(s.c.kind == "one_to_one", s.c.deleted_at.is_(None))
        .order_by(a.c.person_id, s.c.held_on)
    )
    with_earlier = on_time = 0
    previous: dict[str, tuple[date, date | None]] = {}
    rows = list(session.execute(every))
    roles, settings = roles_of(session, list({row[0] for row in rows})), cadence_settings(session)
    for person_id, _session_id, held_on, next_due_on in rows:
        in_period = (date_from is None or held_on >= date_from) and (date_to is None or held_on <= date_to)
        if in_period and person_id in previous:
            last_on, agreed = previous[person_id]
            cadence = cadence_for_roles(roles[person_id], settings)
            due = agreed or supervision_rules.next_due(last_on, cadence)[1]
            with_earlier += 1
            on_time += held_on <= due
        previous[person_id] = (held_on, next_due_on)
    return with_earlier, on_time


def supervision_figures(
    session: Session, date_from: date | None, date_to: date | None, today: date
) -> SupervisionFigures:
    """The supervision figures for sessions held in the period, with pairs overdue and training as of today."""
    s = tables.supervision_sessions
    stmt = select(s.c.id, s.c.kind, s.c.held_on).where(s.c.deleted_at.is_(None))
    if date_from is not None:
        stmt = stmt.where(s.c.held_on >= date_from)
    if date_to is not None:
        stmt = stmt.where(s.c.held_on <= date_to)
    sessions = list(session.execute(stmt))
    kinds: Counter[str] = Counter({code: 0 for code in supervision_rules.SESSION_TYPES})
    kinds.update(row.kind for row in sessions)
    with_earlier, on_time = one_to_ones_on_time(session, date_from, date_to)
    statuses = supervision_status_list(session, today)
    act = tables.supervision_actions
    held = stmt.with_only_columns(s.c.id)  # the same sessions, as a subquery: no long list of ids
    actions = list(session.execute(select(act.c.done_on).where(act.c.deleted_at.is_(None), act.c.session_id.in_(held))))
    return SupervisionFigures(
        dict(kinds), with_earlier, on_time, len(statuses), sum(item.status == "overdue" for item in statuses),
        len(actions), sum(row.done_on is not None for row in actions), training_compliance(session, today),
    )  # fmt: skip
