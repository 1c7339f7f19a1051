"""The one place that decides whether confidential text may be shown: wellbeing and supervision notes.

Lists, summaries, Today items and exports never carry these fields (they select other columns, and
tests/unit/test_confidential.py checks). A worker sees them only by deliberately opening them, which calls
read_confidential_notes, and may_read_confidential decides: with nobody signed in, anyone at the computer (as before
accounts); otherwise coordinators, the note's author (created_by), and the person's supervisor — the supervisor
named on the session, or on a current supervision pair of the person checked or supervised — matched by the
account's name against the supervisor's name in People. Finance and read-only accounts never (rules.roles).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partnerdesk import actor
from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import current_user
from partnerdesk.records.supervision import SupervisionSession
from partnerdesk.records.wellbeing import WellbeingCheck
from partnerdesk.rules import roles
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common import audit
from partnerdesk.services.common.access import note_refusal
from partnerdesk.services.common.errors import NotAllowed as NotAllowed
from partnerdesk.services.common.errors import NotFound

#: Confidential fields, by kind of record. Nothing else may ever hold them.
CONFIDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    "wellbeing_check": ("concerns", "follow_up_action", "confidential_notes"),
    "supervision_session": ("notes",),
}
_RECORDS = {"wellbeing_check": WellbeingCheck, "supervision_session": SupervisionSession}


#: The area a kind of confidential record belongs to: a role that may not see the area never reads its notes.
_AREA = {"wellbeing_check": roles.WELLBEING_READ, "supervision_session": roles.SUPERVISION_READ}


def _supervisor_names(session: Session, kind: str, record: Any) -> set[str]:
    """The names (folded) of the supervisors of the people this record is about."""
    if kind == "wellbeing_check":
        people, named = [record.person_id], []
    else:
        people, named = [a.person_id for a in record.attendees], [record.supervisor_id]
    pairs, today = tables.supervision_pairs, today_uk()
    current = select(pairs.c.supervisor_id).where(
        pairs.c.supervisee_id.in_(people), pairs.c.deleted_at.is_(None), pairs.c.starts_on <= today,
        or_(pairs.c.ends_on.is_(None), pairs.c.ends_on >= today))  # fmt: skip
    ids = set(named) | set(session.scalars(current))
    names = session.scalars(select(tables.people.c.full_name).where(tables.people.c.id.in_(ids)))
    return {name.strip().casefold() for name in names if name}


def may_read_confidential(session: Session, kind: str, record: Any, reader: str) -> bool:
    """Whether reader (a name) may see the confidential text of this record.

    Nobody signed in: yes, once the notes are deliberately opened (as before accounts). Signed in: a role that may
    not see the record's area never; a coordinator always; otherwise only its author or the person's supervisor.
    """
    who = actor.current()
    if who is None:
        return True
    if not roles.may(who.role, _AREA[kind]):
        return False
    if roles.may(who.role, roles.CONFIDENTIAL_ANY) or record.created_by == reader:
        return True
    return reader.strip().casefold() in _supervisor_names(session, kind, record)


def _record(session: Session, kind: str, record_id: str) -> Any:
    if kind not in _RECORDS:
        raise ValueError(f"There are no confidential notes on {kind!r} records.")  # a programming slip
    record = session.get(_RECORDS[kind], record_id) if record_id else None
    if record is None:
        raise NotFound(_("That record could not be found. It may have been erased."))
    return record


def may_open(session: Session, kind: str, record_id: str | None) -> bool:
    """Whether the signed-in person could open this record's confidential notes (a new record's are their own), so
    the window offers the button only to them."""
    who = actor.current()
    if record_id is None:
        return who is None or roles.may(who.role, _AREA[kind])
    return may_read_confidential(session, kind, _record(session, kind, record_id), current_user())


def read_confidential_notes(
    session: Session, kind: str, record_id: str, *, reader: str | None = None, audited: bool = True
) -> dict[str, str | None]:
    """The confidential fields of one record (kind: "wellbeing_check" or "supervision_session"), by field name.

    Call this only when the worker has asked to see the notes, in a writing transaction: the opening goes in the
    audit log (by the record's id). audited=False only where the caller records it itself (an export's entry) or
    the database cannot be written (opened read-only). Raises NotFound, or NotAllowed when the reader (by default
    the signed-in worker) may not read them.
    """
    record = _record(session, kind, record_id)
    who = reader or current_user()
    if not may_read_confidential(session, kind, record, who):
        note_refusal(roles.CONFIDENTIAL_ANY)
        raise NotAllowed(_("These notes are confidential, and you are not one of the people who may read them."))
    if audited:
        audit.record(session, "confidential_opened", object_kind=kind, object_id=record_id)
    return {field: getattr(record, field) for field in CONFIDENTIAL_FIELDS[kind]}

