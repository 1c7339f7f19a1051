"""The retention schedule's actions: what Today's "Records to review" list offers for each person on it.

A person who left long ago is erased with services.people.erasure (their claims kept for the accounts, without their
name); wellbeing checks older than the schedule keeps are removed for good here, with what hangs off them, the same
way (secure_delete on; the caller checkpoints the store). The audit log records both by ids and counts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common import audit
from partnerdesk.services.common.access import require
from partnerdesk.services.common.removal import purge_rows
from partnerdesk.services.common.settings import get_setting
from partnerdesk.services.people.today import years_before


def old_check_ids(session: Session, person_id: str, today: date | None = None) -> set[str]:
    """The person's wellbeing checks older than the organisation's retention_check_years."""
    w = tables.wellbeing_checks
    years = get_setting(session, "retention_check_years")
    cutoff = datetime.combine(years_before(today or today_uk(), years), time(), UTC)
    return set(session.scalars(select(w.c.id).where(w.c.person_id == person_id, w.c.checked_at < cutoff)))


def remove_old_checks(session: Session, person_id: str, today: date | None = None) -> int:
    """Remove for good the person's wellbeing checks older than the schedule keeps; returns how many went."""
    require(roles.BIN_EMPTY)
    doomed = old_check_ids(session, person_id, today)
    if not doomed:
        return 0
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        purge_rows(session, tables.wellbeing_checks, doomed)
        session.expire_all()
    finally:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
    audit.record(session, "old_records_removed", object_kind="person", object_id=person_id, removed=len(doomed))
    return len(doomed)
