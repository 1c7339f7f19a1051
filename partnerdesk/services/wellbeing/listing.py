"""Lists of wellbeing checks for the GUI: by person, by date, open follow-ups. Never any confidential text.

The queries name their columns one by one, and none of them is a confidential field (services.wellbeing.confidential),
so a list cannot leak a note even by mistake; has_notes only says whether there is something to open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.wellbeing import SWEMWBS_COLUMNS
from partnerdesk.rules import roles
from partnerdesk.rules import wellbeing as rules
from partnerdesk.rules.dates import today_uk
from partnerdesk.rules.meetings import uk_moment
from partnerdesk.services.common.access import own_only, require
from partnerdesk.services.wellbeing.confidential import CONFIDENTIAL_FIELDS

_w, _p = tables.wellbeing_checks, tables.people
_worker = tables.people.alias("worker")


@dataclass(frozen=True)
class CheckSummary:
    """One check as a list shows it: no concerns, notes or what was done (those are confidential)."""

    check_id: str
    person_id: str
    person_name: str
    checked_at: datetime  # UTC; show with rules.dates.format_moment_uk
    context: str  # rules.wellbeing.CHECK_CONTEXTS
    worker: str
    meeting_id: str | None
    quick_score: int | None
    swemwbs_metric: Decimal | None
    distress: bool
    follow_up_needed: bool
    follow_up_by: str | None
    follow_up_due_on: date | None
    follow_up_done_on: date | None
    follow_up_status: str | None  # rules.wellbeing.follow_up_status, None when no follow-up is needed
    has_notes: bool  # whether there is confidential text to open


def swemwbs_metric_of(answers: list[int | None]) -> Decimal | None:
    """The metric score of stored answers, or None when the scale was not used."""
    return None if answers[0] is None else rules.swemwbs_score(answers)


def summary_columns() -> list:
    """The columns a summary is built from (shared with the history and the Today queries)."""
    # Whether confidential text exists, never the text itself.
    has_notes = or_(*(_w.c[field].is_not(None) for field in CONFIDENTIAL_FIELDS["wellbeing_check"]))
    return [
        _w.c.id, _w.c.person_id, _p.c.full_name, _w.c.checked_at, _w.c.context, _worker.c.full_name.label("worker"),
        _w.c.worker_name, _w.c.meeting_id, _w.c.quick_score, *(_w.c[name] for name in SWEMWBS_COLUMNS),
        _w.c.distress, _w.c.follow_up_needed, _w.c.follow_up_by, _w.c.follow_up_due_on, _w.c.follow_up_done_on,
        has_notes.label("has_notes"),
    ]  # fmt: skip


def summary_from(row, today: date) -> CheckSummary:
    """A CheckSummary from a row of summary_columns()."""
    answers = [row[name] for name in SWEMWBS_COLUMNS]
    status = None
    if row.follow_up_needed and row.follow_up_due_on is not None:
        status = rules.follow_up_status(today, row.follow_up_due_on, row.follow_up_done_on)
    return CheckSummary(
        row.id, row.person_id, row.full_name, row.checked_at, row.context, row.worker or row.worker_name or "",
        row.meeting_id, row.quick_score, swemwbs_metric_of(answers), bool(row.distress), bool(row.follow_up_needed),
        row.follow_up_by, row.follow_up_due_on, row.follow_up_done_on, status, bool(row.has_notes),
    )  # fmt: skip


def summary_select():
    """SELECT summary_columns() over live checks of live people, joined to the worker."""
    joined = _w.join(_p, _p.c.id == _w.c.person_id).outerjoin(_worker, _worker.c.id == _w.c.worker_person_id)
    return select(*summary_columns()).select_from(joined).where(_w.c.deleted_at.is_(None), _p.c.deleted_at.is_(None))


def list_checks(
    session: Session,
    *,
    person_id: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    open_follow_ups: bool = False,
    today: date | None = None,
    limit: int = 500,
    offset: int = 0,
) -> list[CheckSummary]:
    """Checks not in the Bin, newest first. date_from / date_to are London dates, both included. open_follow_ups
    keeps only checks whose follow-up is still to do. today decides each follow-up's status (default: today)."""
    require(roles.WELLBEING_READ)
    today = today or today_uk()
    stmt = summary_select()
    if person_id is not None:
        stmt = stmt.where(_w.c.person_id == person_id)
    if (mine := own_only(roles.WELLBEING_READ)) is not None:
        stmt = stmt.where(_w.c.created_by == mine)  # a volunteer's list holds the checks they recorded
    if date_from is not None:
        stmt = stmt.where(_w.c.checked_at >= uk_moment(date_from, time(0)))
    if date_to is not None:
        stmt = stmt.where(_w.c.checked_at < uk_moment(date_to + timedelta(days=1), time(0)))
    if open_follow_ups:
        stmt = stmt.where(and_(_w.c.follow_up_needed.is_(True), _w.c.follow_up_done_on.is_(None)))
    stmt = stmt.order_by(_w.c.checked_at.desc(), _w.c.id).limit(limit).offset(offset)
    return [summary_from(row._mapping, today) for row in session.execute(stmt)]
