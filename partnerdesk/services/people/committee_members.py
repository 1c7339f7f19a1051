"""Giving several people a seat on one committee at once, from a selection in the People list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext
from partnerdesk.records.people import Committee, Membership, Person
from partnerdesk.services.common.errors import Problems
from partnerdesk.services.people.organisations import check_term


@dataclass(frozen=True)
class MembersAdded:
    """What adding several people to a committee did."""

    added: int  # people given a seat
    already: int  # people with a seat on the committee for (part of) that term already: left as they were
    missing: int  # people moved to the Bin or erased since they were picked: skipped


def _has_seat(session: Session, person_id: str, committee_id: str, term_start: date, term_end: date | None) -> bool:
    """Whether the person holds a seat on the committee at any time during the new term."""
    stmt = select(Membership.id).where(
        Membership.person_id == person_id,
        Membership.committee_id == committee_id,
        Membership.deleted_at.is_(None),
        or_(Membership.term_end.is_(None), Membership.term_end >= term_start),
    )
    if term_end is not None:
        stmt = stmt.where(Membership.term_start <= term_end)
    return session.scalars(stmt.limit(1)).first() is not None


def add_people_to_committee(
    session: Session,
    person_ids: list[str],
    committee_id: str | None,
    term_start: date | None,
    term_end: date | None = None,
    is_backup: bool = False,
) -> MembersAdded:
    """Give each person a seat on the committee for the term (a full member, or a back-up representative).

    People who already hold a seat there during the term are skipped and counted, so nobody gets two seats.
    Raises ValidationError ("committee_id", "term_start", "term_end", "person_ids") and changes nothing when the
    committee or the term is not right or nobody was picked.
    """
    problems = Problems()
    committee = session.get(Committee, committee_id) if committee_id else None
    if committee is None or committee.deleted_at is not None:
        problems.add("committee_id", _("Please pick a committee."))
    check_term(problems, term_start, term_end)
    if not person_ids:
        problems.add("person_ids", _("Please pick at least one person in the list first."))
    problems.raise_if_any()
    assert term_start is not None and committee_id is not None  # checked above
    added = already = missing = 0
    for person_id in dict.fromkeys(person_ids):
        person = session.get(Person, person_id)
        if person is None or person.deleted_at is not None:
            missing += 1
        elif _has_seat(session, person_id, committee_id, term_start, term_end):
            already += 1
        else:
            session.add(Membership(person_id=person_id, committee_id=committee_id, term_start=term_start,
                                   term_end=term_end, is_backup=is_backup))
            added += 1
    session.flush()
    return MembersAdded(added, already, missing)


def describe_added(result: MembersAdded, committee: str) -> str:
    """What adding did, in words: "Added 5 people to the Mental Health Committee (2 were already members)."."""
    text = ngettext("Added {n} person to {committee}.", "Added {n} people to {committee}.", result.added).format(
        n=result.added, committee=committee)
    if result.already:
        text += " " + ngettext("{n} was already a member, so was left as they were.",
                               "{n} were already members, so were left as they were.", result.already
                               ).format(n=result.already)
    if result.missing:
        text += " " + ngettext("{n} could not be found (moved to the Bin meanwhile).",
                               "{n} could not be found (moved to the Bin meanwhile).", result.missing
                               ).format(n=result.missing)
    return text
