"""The Bin: every kind of record that was deleted (people, organisations, committees, meetings), and restoring them.

People are listed through services.people_list (PeopleFilter(in_bin=True)), which stays quick with 100,000 people;
this module lists the other kinds, which are few, and restores any kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records import Committee, Meeting, Organisation
from partnerdesk.records.base import utc_now
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.meetings import uk_date
from partnerdesk.services.errors import NotFound, Problems
from partnerdesk.services.meetings import restore_meeting
from partnerdesk.services.people import restore_person

#: The kinds of record the Bin holds: code → what the worker sees.
KINDS = {"people": "People", "organisations": "Organisations", "committees": "Committees", "meetings": "Meetings"}
_MODELS = {"organisations": Organisation, "committees": Committee, "meetings": Meeting}


@dataclass(frozen=True)
class BinRow:
    """One deleted record: what it is called, what it belongs to, and when it was deleted."""

    id: str
    name: str
    detail: str
    deleted_at: datetime


def _describe(record) -> tuple[str, str]:
    if isinstance(record, Organisation):
        return record.name, ""
    if isinstance(record, Committee):
        return record.name, record.organisation.name
    day = uk_date(record.starts_at)
    return f"{format_uk(day)} {record.title}", record.committee.name if record.committee else ""


def binned(session: Session, kind: str, search: str = "", limit: int = 1000) -> list[BinRow]:
    """Deleted organisations, committees or meetings whose name has every word of search, latest deleted first."""
    model = _MODELS[kind]
    name = model.title if model is Meeting else model.name
    stmt = select(model).where(model.deleted_at.is_not(None))
    for word in search.split():
        stmt = stmt.where(name.icontains(word, autoescape=True))
    stmt = stmt.order_by(model.deleted_at.desc(), model.id).limit(limit)
    return [BinRow(r.id, *_describe(r), r.deleted_at) for r in session.scalars(stmt)]


def restore(session: Session, kind: str, record_id: str) -> None:
    """Bring a record back from the Bin. A committee needs its organisation back first, and a meeting its committee,
    so nothing comes back pointing at something still deleted (ValidationError says which)."""
    if kind == "people":
        restore_person(session, record_id)
        return
    if kind == "meetings":
        meeting = session.get(Meeting, record_id)
        if meeting is not None and meeting.committee is not None and meeting.committee.deleted_at is not None:
            _refuse(f"Its committee, {meeting.committee.name}, is in the Bin too: restore the committee first.")
        restore_meeting(session, record_id)
        return
    record = session.get(_MODELS[kind], record_id)
    if record is None:
        raise NotFound("That record could not be found.")
    if isinstance(record, Committee) and record.organisation.deleted_at is not None:
        _refuse(f"Its organisation, {record.organisation.name}, is in the Bin too: restore the organisation first.")
    record.deleted_at, record.updated_at = None, utc_now()
    session.flush()


def _refuse(message: str) -> None:
    problems = Problems()
    problems.add("", message)
    problems.raise_if_any()
