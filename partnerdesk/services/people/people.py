"""Creating, changing, deleting to the Bin and restoring people."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import vocab as v
from partnerdesk.records.base import utc_now
from partnerdesk.records.people import Person, PersonRole
from partnerdesk.rules import contact, equality
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import Problems, check_version
from partnerdesk.services.common.lookup import found
from partnerdesk.services.common.text import blank_to_none, check_text

#: Free-text fields and their longest allowed length (matching the database columns).
TEXT_FIELDS = {
    "full_name": 200,
    "preferred_name": 120,
    "pronouns": 40,
    "email": 254,
    "phone": 40,
    "address_line1": 200,
    "address_line2": 200,
    "town": 120,
    "postcode": 10,
    "papers_format_details": 200,
    "access_needs_details": 2000,
    "language_other": 60,
    "consent_for": 2000,
    "interests": 4000,
    "notes": 20000,
}
CHOICE_FIELDS = {
    "status": v.STATUSES,
    "preferred_contact": v.CONTACT_METHODS,
    "papers_format": v.PAPER_FORMATS,
    "language": v.LANGUAGES,
    "payment_preference": v.PAYMENT_PREFERENCES,
    "consent_how": v.CONSENT_METHODS,
}
DATE_FIELDS = ("consent_given_on", "consent_review_on")
#: Equality monitoring answers (rules.equality): optional choices, never listed, reported only in aggregate.
EQUALITY_FIELDS = {question.field: question.choices for question in equality.QUESTIONS}
#: Every field a person form can send.
PERSON_FIELDS = (*TEXT_FIELDS, *CHOICE_FIELDS, *DATE_FIELDS, "roles", "access_needs", *EQUALITY_FIELDS)


def clean_person(data: dict[str, Any]) -> dict[str, Any]:
    """Check a person's details and return them tidied, or raise ValidationError saying what to fix."""
    problems = Problems()
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"Unknown person fields: {sorted(unknown)}")  # a programming slip, not user input
    out: dict[str, Any] = {key: blank_to_none(data.get(key)) for key in PERSON_FIELDS}
    # First, so that a hidden character is what the message by the field is about (the first message wins).
    check_text(out, problems)

    for field, longest in TEXT_FIELDS.items():
        if out[field] is not None and len(out[field]) > longest:
            problems.add(field, _("This is too long: please keep it to {longest} characters.").format(longest=longest))
    if not out["full_name"]:
        problems.add("full_name", _("Please give the person's name."))
    if out["email"] and (why := contact.email_problem(out["email"])):
        problems.add("email", why)
    if out["phone"] and (why := contact.phone_problem(out["phone"])):
        problems.add("phone", why)
    if out["postcode"]:
        if why := contact.postcode_problem(out["postcode"]):
            problems.add("postcode", why)
        else:
            out["postcode"] = contact.tidy_postcode(out["postcode"])

    out["status"] = out["status"] or "interested"
    out["language"] = out["language"] or "english"
    for field, vocabulary in CHOICE_FIELDS.items():
        if out[field] is not None and out[field] not in vocabulary:
            problems.add(field, _("Please pick one of the choices in the list."))

    for field, why in equality.answer_problems({field: out[field] for field in EQUALITY_FIELDS}).items():
        problems.add(field, why)

    out["roles"] = list(dict.fromkeys(out["roles"] or []))
    if any(role not in v.ROLES for role in out["roles"]):
        problems.add("roles", _("Please pick roles from the list."))
    out["access_needs"] = list(dict.fromkeys(out["access_needs"] or []))
    if any(need not in v.ACCESS_NEEDS for need in out["access_needs"]):
        problems.add("access_needs", _("Please pick needs from the list."))

    if out["papers_format"] == "other" and not out["papers_format_details"]:
        problems.add("papers_format_details", _("Please say which format they want papers in."))
    if "other" in out["access_needs"] and not out["access_needs_details"]:
        problems.add("access_needs_details", _("Please describe the other access or communication needs."))
    if out["language"] == "other" and not out["language_other"]:
        problems.add("language_other", _("Please say which language they prefer."))

    for field in DATE_FIELDS:
        if out[field] is not None and not isinstance(out[field], date):
            problems.add(field, _("Please type a date as day/month/year, for example 23/11/2026."))
    given, review = out["consent_given_on"], out["consent_review_on"]
    if isinstance(given, date):
        if given > today_uk():
            problems.add("consent_given_on", _("Consent can't be given on a date in the future."))
        if not out["consent_how"]:
            problems.add("consent_how", _("Please say how consent was given."))
        if isinstance(review, date) and review <= given:
            problems.add("consent_review_on", _("The review date must be after the date consent was given."))
    elif review is not None or out["consent_how"]:
        problems.add("consent_given_on", _("Please give the date consent was given."))

    problems.raise_if_any()
    return out


def _apply(person: Person, clean: dict[str, Any]) -> None:
    for key, value in clean.items():
        if key == "roles":
            wanted = set(value)
            person.roles = [r for r in person.roles if r.role in wanted] + [
                PersonRole(role=code) for code in value if code not in set(person.role_codes)
            ]
        else:
            setattr(person, key, value)


def create_person(session: Session, data: dict[str, Any]) -> Person:
    """Add a new person; raises ValidationError (and saves nothing) if the details are not right."""
    clean = clean_person(data)
    person = Person()
    _apply(person, clean)
    session.add(person)
    session.flush()
    return person


def get_person(session: Session, person_id: str) -> Person:
    """A person by id, including people in the Bin."""
    return found(session, Person, person_id, _("That person could not be found. They may have been erased."))


def update_person(session: Session, person_id: str, data: dict[str, Any], version: int | None = None) -> Person:
    """Change a person's details; raises ValidationError (and changes nothing) if they are not right.

    A form passes the version the person had when it was opened: if someone has saved different details since,
    EditConflict says which (and nothing changes)."""
    person = get_person(session, person_id)
    clean = clean_person(data)
    check_version(person, version, clean, person_data(person))
    _apply(person, clean)
    person.updated_at = utc_now()
    session.flush()
    return person


def person_data(person: Person) -> dict[str, Any]:
    """A person's details as the plain dict the form and clean_person use."""
    data = {key: getattr(person, key) for key in PERSON_FIELDS if key != "roles"}
    data["roles"] = person.role_codes
    data["access_needs"] = list(person.access_needs or [])
    return data


def delete_person(session: Session, person_id: str) -> None:
    """Move a person to the Bin (they can be restored)."""
    person = get_person(session, person_id)
    person.deleted_at = utc_now()


def restore_person(session: Session, person_id: str) -> None:
    """Bring a person back from the Bin."""
    person = get_person(session, person_id)
    person.deleted_at = None
    person.updated_at = utc_now()


def people_in_bin(session: Session) -> list[Person]:
    """Everyone in the Bin, most recently deleted first."""
    stmt = select(Person).where(Person.deleted_at.is_not(None)).order_by(Person.deleted_at.desc())
    return list(session.scalars(stmt))
