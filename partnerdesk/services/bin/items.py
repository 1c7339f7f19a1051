"""The Bin: every kind of record that was deleted (people, organisations, committees, meetings, expense claims,
wellbeing checks, supervision pairs, training courses, and programmes with their applications, pairs, activities,
poll answers and themes), and restoring them.

People are listed through services.people.listing (PeopleFilter(in_bin=True)), which stays quick with 100,000 people;
this module lists the other kinds, which are few, and restores any kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records.base import utc_now
from partnerdesk.records.expenses import Claim
from partnerdesk.records.meetings import Meeting
from partnerdesk.records.people import Committee, Organisation, Person
from partnerdesk.records.supervision import SupervisionPair, TrainingCourse
from partnerdesk.records.wellbeing import WellbeingCheck
from partnerdesk.rules import roles
from partnerdesk.rules.dates import format_uk
from partnerdesk.rules.expenses import claim_reference
from partnerdesk.rules.meetings import uk_date
from partnerdesk.rules.money import format_pounds
from partnerdesk.rules.wellbeing import CHECK_CONTEXTS
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import NotFound, Problems
from partnerdesk.services.expenses.claims import restore_claim
from partnerdesk.services.meetings.meetings import restore_meeting
from partnerdesk.services.people.people import restore_person
from partnerdesk.services.programmes import binning
from partnerdesk.services.wellbeing.checks import restore_check

#: The kinds of record the Bin holds: code → what the worker sees.
KINDS = {"people": N_("People"), "organisations": N_("Organisations"), "committees": N_("Committees"),
         "meetings": N_("Meetings"),
         "claims": N_("Expense claims"), "checks": N_("Wellbeing checks"), "pairs": N_("Supervision pairs"),
         "courses": N_("Training courses"), **{kind: names[0] for kind, names in binning.KINDS.items()}}  # fmt: skip
#: One record of a kind, where taking the "s" off its name is not the word (the Bin page's count).
ONE = {kind: names[1] for kind, names in binning.KINDS.items()}
_MODELS = {"organisations": Organisation, "committees": Committee, "meetings": Meeting, "claims": Claim,
           "checks": WellbeingCheck, "pairs": SupervisionPair, "courses": TrainingCourse,
           **binning.MODELS}  # fmt: skip
#: Found by their date, reference or people rather than a name column.
_UNNAMED = (Claim, WellbeingCheck, SupervisionPair,
            *(model for kind, model in binning.MODELS.items() if kind != "programmes"))  # fmt: skip


@dataclass(frozen=True)
class BinRow:
    """One deleted record: what it is called, what it belongs to, and when it was deleted."""

    id: str
    name: str
    detail: str
    deleted_at: datetime


def _name_of(session: Session, person_id: str) -> str:
    person = session.get(Person, person_id)
    return person.full_name if person else _("someone no longer recorded")


def _describe(session: Session, record) -> tuple[str, str]:
    if isinstance(record, tuple(binning.MODELS.values())):
        return binning.describe(session, record)
    if isinstance(record, Organisation | TrainingCourse):
        return record.name, ""
    if isinstance(record, SupervisionPair):
        return (_("Supervised by {name_of} from {starts_on}").format(
            name_of=_name_of(session, record.supervisor_id),
            starts_on=format_uk(record.starts_on),
        ),
                _name_of(session, record.supervisee_id))
    if isinstance(record, Committee):
        return record.name, record.organisation.name
    if isinstance(record, Claim):
        return (f"{format_uk(record.claim_date)} {claim_reference(record.id)} {format_pounds(record.total_pence)}",
                record.person.full_name)
    if isinstance(record, WellbeingCheck):  # what kind of check and whose: never its confidential text
        when = format_uk(uk_date(record.checked_at))
        return (
            f"{when} {_(CHECK_CONTEXTS[record.context]) if record.context in CHECK_CONTEXTS else ''}",
            record.person.full_name,
        )
    day = uk_date(record.starts_at)
    return f"{format_uk(day)} {record.title}", record.committee.name if record.committee else ""


def binned(session: Session, kind: str, search: str = "", limit: int = 1000) -> list[BinRow]:
    """Deleted records of a kind (not people: see the module's note) whose name or what they belong to has every
    word of search, latest deleted first."""
    model: Any = _MODELS[kind]  # one of several record classes: named ones have title or name
    stmt = select(model).where(model.deleted_at.is_not(None))
    if model not in _UNNAMED:  # named records: the database narrows them down
        name = model.title if model is Meeting else model.name
        for word in search.split():
            stmt = stmt.where(name.icontains(word, autoescape=True))
    stmt = stmt.order_by(model.deleted_at.desc(), model.id).limit(limit)
    rows = [BinRow(r.id, *_describe(session, r), r.deleted_at) for r in session.scalars(stmt)]
    if model in _UNNAMED:  # claims, checks and pairs are found by their date, reference or people, worked out above
        words = search.lower().split()
        rows = [r for r in rows if all(w in f"{r.name} {r.detail}".lower() for w in words)]
    return rows


def restore(session: Session, kind: str, record_id: str) -> None:
    """Bring a record back from the Bin. A committee needs its organisation back first, and a meeting its committee,
    so nothing comes back pointing at something still deleted (ValidationError says which)."""
    require(roles.BIN_RESTORE)
    if kind == "people":
        restore_person(session, record_id)
        return
    if kind in binning.KINDS:
        binning.restore_programme_record(session, kind, record_id)
        return
    if kind in ("claims", "checks"):  # their own services redo what depends on them (mileage, for a claim)
        (restore_claim if kind == "claims" else restore_check)(session, record_id)
        return
    if kind == "meetings":
        meeting = session.get(Meeting, record_id)
        if meeting is not None and meeting.committee is not None and meeting.committee.deleted_at is not None:
            _refuse(_("Its committee, {name}, is in the Bin too: restore the committee first.").format(
                name=meeting.committee.name,
            ))
        restore_meeting(session, record_id)
        return
    record = session.get(_MODELS[kind], record_id)
    if record is None:
        raise NotFound(_("That record could not be found."))
    if isinstance(record, Committee) and record.organisation.deleted_at is not None:
        _refuse(_("Its organisation, {name}, is in the Bin too: restore the organisation first.").format(
            name=record.organisation.name,
        ))
    if isinstance(record, SupervisionPair):
        for person_id in (record.supervisee_id, record.supervisor_id):
            person = session.get(Person, person_id)
            if person is not None and person.deleted_at is not None:
                _refuse(_("{full_name} is in the Bin too: restore them from People first.").format(
                    full_name=person.full_name,
                ))
    record.deleted_at, record.updated_at = None, utc_now()
    session.flush()


def _refuse(message: str) -> None:
    problems = Problems()
    problems.add("", message)
    problems.raise_if_any()
