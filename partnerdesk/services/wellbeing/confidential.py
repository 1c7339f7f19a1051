"""The one place that decides whether confidential text may be shown: wellbeing and supervision notes.

Lists, summaries, Today items and exports never carry these fields (they select other columns, and
tests/unit/test_confidential.py checks). A worker sees them only by deliberately opening them, which calls
read_confidential_notes. When accounts and roles arrive, may_read_confidential is the only function to change:
only the people involved and named managers may read (DOMAIN.md, Wellbeing and supervision).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.base import current_user
from partnerdesk.records.supervision import SupervisionSession
from partnerdesk.records.wellbeing import WellbeingCheck
from partnerdesk.services.common import audit
from partnerdesk.services.common.errors import NotFound

#: Confidential fields, by kind of record. Nothing else may ever hold them.
CONFIDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    "wellbeing_check": ("concerns", "follow_up_action", "confidential_notes"),
    "supervision_session": ("notes",),
}
_RECORDS = {"wellbeing_check": WellbeingCheck, "supervision_session": SupervisionSession}


class NotAllowed(Exception):
    """The person asking may not read this confidential text; the message says so plainly."""


def may_read_confidential(session: Session, kind: str, record: Any, reader: str) -> bool:
    """Whether reader may see the confidential text of this record.

    Until accounts and roles exist every worker at the computer may, once they deliberately open the notes.
    Accounts will check here that reader is one of the people involved or a named manager.
    """
    return True


def _record(session: Session, kind: str, record_id: str) -> Any:
    if kind not in _RECORDS:
        raise ValueError(f"There are no confidential notes on {kind!r} records.")  # a programming slip
    record = session.get(_RECORDS[kind], record_id) if record_id else None
    if record is None:
        raise NotFound(_("That record could not be found. It may have been erased."))
    return record


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
        raise NotAllowed(_("These notes are confidential, and you are not one of the people who may read them."))
    if audited:
        audit.record(session, "confidential_opened", object_kind=kind, object_id=record_id)
    return {field: getattr(record, field) for field in CONFIDENTIAL_FIELDS[kind]}

