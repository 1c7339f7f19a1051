"""Reads the pairs and polls tabs share: people's names by id, and who applied to a programme on which side.

Names are for the screen only: never logged, never put in a message that could be."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records.people import Person
from partnerdesk.services.programmes.programmes import applications_for, live_programme


def names_of(session: Session, person_ids: set[str]) -> dict[str, str]:
    """Each person's name by id; someone erased since is "(removed)" rather than a blank."""
    if not person_ids:
        return {}
    rows = session.execute(select(Person.id, Person.full_name).where(Person.id.in_(person_ids)))
    found = {person_id: name for person_id, name in rows}
    return {person_id: found.get(person_id) or _("(removed)") for person_id in person_ids}


@dataclass(frozen=True)
class Participant:
    """Someone who applied to a programme: their id, name and side ("a" or "b")."""

    person_id: str
    name: str
    side: str


def participants(session: Session, programme_id: str) -> list[Participant]:
    """The programme's applicants (not withdrawn), by name."""
    applications = applications_for(session, programme_id)
    names = names_of(session, {a.person_id for a in applications})
    found = [Participant(a.person_id, names[a.person_id], a.side) for a in applications]
    return sorted(found, key=lambda p: p.name.casefold())


def side_names(session: Session, programme_id: str) -> tuple[str, str]:
    """The programme's names for its two sides ("Board member", "VCS leader")."""
    programme = live_programme(session, programme_id)
    return programme.side_a_name, programme.side_b_name
