"""Names for the people and organisations a programme's lists show, read in one query each: loading every person as
a full record (with their roles and the rest) took about 2 s for a cohort of 60 a side."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.records.people import Organisation, Person


def people_names(session: Session, person_ids: Iterable[str]) -> dict[str, str]:
    """Each person's full name by id (people in the Bin too: a programme's history still names them)."""
    wanted = sorted({pid for pid in person_ids if pid})
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.full_name).where(Person.id.in_(wanted))).all())


def organisation_names(session: Session, organisation_ids: Iterable[str | None]) -> dict[str, str]:
    """Each organisation's name by id."""
    wanted = sorted({oid for oid in organisation_ids if oid})
    if not wanted:
        return {}
    return dict(session.execute(select(Organisation.id, Organisation.name).where(Organisation.id.in_(wanted)))
                .all())  # fmt: skip
