"""Organisations, the committees they run, and people's seats on those committees."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Committee, Membership, Organisation
from partnerdesk.services.common.errors import NotFound, Problems, check_version
from partnerdesk.services.common.text import text_problem
from partnerdesk.services.people.people import get_person


def _name(problems: Problems, name: str | None, what: str) -> str:
    name = (name or "").strip()
    if not name:
        problems.add("name", _("Please give the {what}'s name.").format(what=what))
    elif len(name) > 200:
        problems.add("name", _("This is too long: please keep it to 200 characters."))
    elif why := text_problem("name", name):
        problems.add("name", why)
    return name


def _notes(problems: Problems, notes: str | None) -> str | None:
    notes = (notes or "").strip() or None
    if why := text_problem("notes", notes):
        problems.add("notes", why)
    return notes


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation not in the Bin, by name."""
    stmt = select(Organisation).where(Organisation.deleted_at.is_(None)).order_by(Organisation.name)
    return list(session.scalars(stmt))


def save_organisation(
    session: Session, name: str, kind: str, notes: str | None = None, organisation_id: str | None = None,
    version: int | None = None,
) -> Organisation:
    """Create an organisation, or change one when organisation_id is given. A form passes the version it opened
    the organisation at: EditConflict if different details were saved since."""
    problems = Problems()
    name = _name(problems, name, "organisation")
    notes = _notes(problems, notes)
    if kind not in v.ORGANISATION_KINDS:
        problems.add("kind", _("Please pick what kind of organisation this is."))
    problems.raise_if_any()
    if organisation_id:
        organisation = session.get(Organisation, organisation_id)
        if organisation is None:
            raise NotFound(_("That organisation could not be found."))
        check_version(organisation, version, {"name": name, "kind": kind, "notes": notes},
                      {"name": organisation.name, "kind": organisation.kind, "notes": organisation.notes})
        organisation.updated_at = utc_now()
    else:
        organisation = Organisation()
        session.add(organisation)
    organisation.name, organisation.kind, organisation.notes = name, kind, notes
    session.flush()
    return organisation


def delete_organisation(session: Session, organisation_id: str) -> None:
    """Move an organisation to the Bin; refused while it still runs committees."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("That organisation could not be found."))
    problems = Problems()
    if any(c.deleted_at is None for c in organisation.committees):
        problems.add("", _("{name} still runs committees. Delete or move those first.").format(
            name=organisation.name,
        ))
    problems.raise_if_any()
    organisation.deleted_at = utc_now()


def list_committees(session: Session) -> list[Committee]:
    """Every committee not in the Bin, by organisation and then name."""
    stmt = (
        select(Committee)
        .join(Committee.organisation)
        .where(Committee.deleted_at.is_(None))
        .order_by(Organisation.name, Committee.name)
    )
    return list(session.scalars(stmt))


def save_committee(
    session: Session, organisation_id: str, name: str, notes: str | None = None, committee_id: str | None = None,
    version: int | None = None,
) -> Committee:
    """Create a committee, board or group, or change one when committee_id is given. A form passes the version it
    opened the committee at: EditConflict if different details were saved since."""
    problems = Problems()
    name = _name(problems, name, "committee")
    notes = _notes(problems, notes)
    organisation = session.get(Organisation, organisation_id) if organisation_id else None
    if organisation is None or organisation.deleted_at is not None:
        problems.add("organisation_id", _("Please pick the organisation that runs this committee."))
    problems.raise_if_any()
    if committee_id:
        committee = session.get(Committee, committee_id)
        if committee is None:
            raise NotFound(_("That committee could not be found."))
        check_version(committee, version, {"name": name, "organisation_id": organisation_id, "notes": notes},
                      {"name": committee.name, "organisation_id": committee.organisation_id, "notes": committee.notes})
        committee.updated_at = utc_now()
    else:
        committee = Committee()
        session.add(committee)
    committee.organisation_id, committee.name = organisation_id, name
    committee.notes = notes
    session.flush()
    return committee


def delete_committee(session: Session, committee_id: str) -> None:
    """Move a committee to the Bin."""
    committee = session.get(Committee, committee_id)
    if committee is None:
        raise NotFound(_("That committee could not be found."))
    committee.deleted_at = utc_now()


def check_term(problems: Problems, term_start: date | None, term_end: date | None) -> None:
    """A term of office needs a start, and cannot end before it starts."""
    if term_start is None:
        problems.add("term_start", _("Please give the date the term of office starts."))
    elif term_end is not None and term_end < term_start:
        problems.add("term_end", _("The term of office can't end before it starts."))


def save_membership(
    session: Session,
    person_id: str,
    committee_id: str,
    term_start: date | None,
    term_end: date | None = None,
    is_backup: bool = False,
    membership_id: str | None = None,
) -> Membership:
    """Give a person a seat on a committee for a term of office (or change that seat)."""
    problems = Problems()
    get_person(session, person_id)
    committee = session.get(Committee, committee_id) if committee_id else None
    if committee is None or committee.deleted_at is not None:
        problems.add("committee_id", _("Please pick a committee."))
    check_term(problems, term_start, term_end)
    problems.raise_if_any()
    assert term_start is not None  # check_term refused a missing start
    if membership_id:
        membership = session.get(Membership, membership_id)
        if membership is None:
            raise NotFound(_("That seat could not be found."))
        membership.updated_at = utc_now()
    else:
        membership = Membership(person_id=person_id)
        session.add(membership)
    membership.committee_id, membership.term_start, membership.term_end = committee_id, term_start, term_end
    membership.is_backup = is_backup
    session.flush()
    return membership


def remove_membership(session: Session, membership_id: str) -> None:
    """Take a seat off a person (kept in the Bin, so history is not lost)."""
    membership = session.get(Membership, membership_id)
    if membership is None:
        raise NotFound(_("That seat could not be found."))
    membership.deleted_at = utc_now()


def person_memberships(session: Session, person_id: str) -> list[Membership]:
    """A person's seats on committees, current and past, newest term first."""
    stmt = (
        select(Membership)
        .where(Membership.person_id == person_id, Membership.deleted_at.is_(None))
        .order_by(Membership.term_start.desc())
    )
    return list(session.scalars(stmt))
