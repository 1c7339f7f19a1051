"""A person withdrawing their consent to be contacted: the day is kept on their record, invitations leave them out,
and Today stops asking for their consent review. Their records stay (withdrawing consent is not erasure: the
Data protection button's "Erase this person…" is). The audit log records it by id.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.people import Person
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common import audit
from partnerdesk.services.common.errors import NotFound, Problems
from partnerdesk.services.people.today import still_consents


def withdraw_consent(session: Session, person_id: str, on: date | None = None) -> Person:
    """Record that the person withdrew their consent on a day (today by default). Raises NotFound, or
    ValidationError for a day in the future."""
    person = session.get(Person, person_id) if person_id else None
    if person is None or person.deleted_at is not None:
        raise NotFound(_("That person could not be found. They may have been deleted or erased."))
    day = on or today_uk()
    problems = Problems()
    if day > today_uk():
        problems.add("consent_withdrawn_on", _("Consent cannot be withdrawn on a day that has not come yet."))
    problems.raise_if_any()
    person.consent_withdrawn_on = day  # the version goes up with the save (records.orm)
    session.flush()
    audit.record(session, "consent_withdrawn", object_kind="person", object_id=person_id)
    return person


def withdrew(session: Session, person_ids: list[str]) -> set[str]:
    """Those among person_ids who have withdrawn their consent to be contacted (and not given it again since)."""
    p = tables.people
    return set(session.scalars(select(p.c.id).where(p.c.id.in_(person_ids), ~still_consents(p))))
