"""Putting a Today line off until a day ("snooze until…"): the line is hidden from the worker who snoozed it until
that day, then shows again by itself. Kept in the database (records.tables.today_snoozes), so a snooze survives a
restart, and per worker, so one worker putting a follow-up off never hides it from a colleague.

A line is named by its Today section (line_kind: "follow_ups", "actions"…) and what it is about (record_id).
Reading goes through records.tables on a plain connection: Today is the first screen (test_first_screen.py).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.types import current_user
from partnerdesk.rules.dates import format_uk
from partnerdesk.services.common.errors import ValidationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: A line can be put off for at most this long: a year on, whatever it was about has long needed looking at again.
LONGEST_SNOOZE_DAYS = 366

Key = tuple[str, str]  # (line kind, record id)


def snoozed_lines(db: Connection | Session, today: date, worker: str | None = None) -> dict[Key, date]:
    """The lines this worker (the signed-in one by default) has put off until after today, with the day each
    shows again."""
    s = tables.today_snoozes
    stmt = select(s.c.line_kind, s.c.record_id, s.c.until).where(
        s.c.worker == (worker or current_user()), s.c.until > today, s.c.deleted_at.is_(None)
    )
    return {(kind, record_id): until for kind, record_id, until in db.execute(stmt)}


def snooze_line(session: Session, line_kind: str, record_id: str, until: date, today: date) -> None:
    """Put a line off until a day after today (and within LONGEST_SNOOZE_DAYS); snoozing it again moves the day.
    ValidationError (field "until") for a day that has already come or is too far off."""
    from partnerdesk.records.today import TodaySnooze  # the ORM only when writing, not on the first screen

    if until <= today:
        raise ValidationError({"until": _("Please choose a day after today: the line shows again on that day.")})
    if until > today + timedelta(days=LONGEST_SNOOZE_DAYS):
        latest = format_uk(today + timedelta(days=LONGEST_SNOOZE_DAYS))
        raise ValidationError({"until": _("Please choose a day up to a year ahead (at the latest {latest}).").format(
            latest=latest,
        )})
    worker = current_user()
    found = session.scalars(
        select(TodaySnooze).where(
            TodaySnooze.line_kind == line_kind, TodaySnooze.record_id == record_id, TodaySnooze.worker == worker
        )
    ).one_or_none()
    if found is None:
        session.add(TodaySnooze(line_kind=line_kind, record_id=record_id, worker=worker, until=until))
    else:
        found.until, found.deleted_at = until, None
    session.flush()


def wake_line(session: Session, line_kind: str, record_id: str) -> None:
    """Show a snoozed line again now (for the signed-in worker)."""
    from partnerdesk.records.today import TodaySnooze

    for found in session.scalars(
        select(TodaySnooze).where(
            TodaySnooze.line_kind == line_kind, TodaySnooze.record_id == record_id,
            TodaySnooze.worker == current_user(),
        )
    ):  # fmt: skip
        session.delete(found)
    session.flush()
