"""Erasing a person for good (the right to erasure): they and everything that hangs off them go, except what the
organisation must keep for its accounts, which loses everything that could name them.

What goes: the person, their roles, seats on committees, invitations and attendance, wellbeing checks, supervision
pairs, their 1:1 supervision sessions (and their place in group ones), training, programme applications, pairs and
their activities, poll answers, the drafts and Today snoozes about any of these, and their words in the people
search index. Where someone else's record only mentions them (the contact of a meeting, the owner of an action, the
worker on another person's check) the mention goes, and so does the name, phone and email typed beside it; the
record stays.

What is kept, and why: expense claims that were sent for approval or paid are finance records (HMRC and the
charity's auditors can ask for them for six years). They keep their dates, amounts, categories, mileage working,
budget heading, status and payment date, and lose their notes, line descriptions, reasons typed when rejected or
voided, payment references and receipts (a receipt often shows a name and address). Their link to the person
must point somewhere, so it points at a blank record named "Removed person" that holds no detail at all and is in
no list: the amounts still add up per claim, and nobody can be named. Draft claims, never sent, simply go.

The work runs with SQLite's secure_delete on, so removed rows are overwritten in the file; the caller then
checkpoints the write-ahead log (Store.checkpoint_after_erasure). Backups made before keep the person until they
age out: the window says so before anyone confirms. The audit log records the erasure by id and counts only.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from partnerdesk.i18n import _
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules import roles
from partnerdesk.services.common import audit
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.common.removal import REMOVED_NAME, purge_rows, remove_details

log = logging.getLogger(__name__)

#: Typed details that sit beside a link to a person on someone else's record: they go when the link does.
_TYPED_BESIDE = {
    (tables.meetings, "contact_person_id"): ("contact_name", "contact_phone", "contact_email"),
    (tables.meeting_actions, "owner_person_id"): ("owner_name",),
    (tables.supervision_actions, "owner_person_id"): ("owner_name",),
    (tables.wellbeing_checks, "worker_person_id"): ("worker_name",),
}
#: Free text on finance records that are kept: emptied, since it may name or describe the person.
_CLAIM_TEXT = ("notes", "rejected_reason", "void_reason", "payment_reference")


@dataclass(frozen=True)
class Erased:
    """What erasing did: rows removed and rows anonymised (kept, without anything naming the person), by table."""

    removed: dict[str, int] = field(default_factory=dict)
    anonymised: dict[str, int] = field(default_factory=dict)

    @property
    def removed_count(self) -> int:
        """Every row removed, of every kind."""
        return sum(self.removed.values())

    @property
    def anonymised_count(self) -> int:
        """Every row kept without the person's details."""
        return sum(self.anonymised.values())


def erase_person(session: Session, person_id: str) -> Erased:
    """Erase one person for good (see the module's notes for what goes and what the accounts keep).

    Raises NotFound when there is no such person. Call it in a writing transaction, then checkpoint the store.
    """
    require(roles.BIN_EMPTY)
    people = tables.people
    row = session.execute(select(people.c.full_name).where(people.c.id == person_id)).first()
    if row is None:
        raise NotFound(_("That person could not be found. They may have been erased already."))
    before = _counts(session)
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        _forget_drafts_naming(session, person_id, row.full_name)
        for (table, link), typed in _TYPED_BESIDE.items():
            session.execute(update(table).where(table.c[link] == person_id).values(dict.fromkeys(typed)))
        kept_claims = set(session.scalars(select(tables.claims.c.id).where(
            tables.claims.c.person_id == person_id, tables.claims.c.status != "draft")))  # fmt: skip
        drafts = set(session.scalars(select(tables.claims.c.id).where(
            tables.claims.c.person_id == person_id, tables.claims.c.status == "draft")))  # fmt: skip
        purge_rows(session, tables.claims, drafts)
        attendees = tables.supervision_attendees
        sessions = set(session.scalars(select(attendees.c.session_id).where(attendees.c.person_id == person_id)))
        anonymised = _anonymise_claims(session, kept_claims)
        if kept_claims:
            remove_details(session, {person_id})
            session.execute(update(people).where(people.c.id == person_id, people.c.deleted_at.is_(None))
                            .values(deleted_at=utc_now()))  # fmt: skip
            anonymised["people"] = 1
        else:
            purge_rows(session, people, {person_id})
        # A session left with nobody in it was theirs alone (1:1): its notes are about them.
        alone = sessions - set(session.scalars(select(attendees.c.session_id).where(
            attendees.c.session_id.in_(list(sessions)))))  # fmt: skip
        purge_rows(session, tables.supervision_sessions, alone)
        # The search indexes keep removed words in their segments until they are merged.
        connection.exec_driver_sql("INSERT INTO people_search (people_search) VALUES ('optimize')")
        connection.exec_driver_sql("INSERT INTO claims_search (claims_search) VALUES ('optimize')")
        session.expire_all()  # the ORM's copies of rows removed underneath it
    finally:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
    after = _counts(session)
    removed = {name: before[name] - after.get(name, 0) for name in before if before[name] > after.get(name, 0)}
    erased = Erased(removed, {name: count for name, count in anonymised.items() if count})
    audit.record(session, "person_erased", object_kind="person", object_id=person_id,
                 removed=erased.removed_count, anonymised=erased.anonymised_count)  # fmt: skip
    log.info("person %s erased: %d rows removed, %d kept anonymised", person_id, erased.removed_count,
             erased.anonymised_count)  # fmt: skip
    return erased


def is_erased_placeholder(full_name: str) -> bool:
    """Whether a person record is the blank one erased people's kept claims point at."""
    return full_name == REMOVED_NAME


def _counts(session: Session) -> dict[str, int]:
    return {table.name: int(session.execute(select(func.count()).select_from(table)).scalar_one())
            for table in tables.metadata.sorted_tables if table.name != "audit_log"}  # fmt: skip


def _anonymise_claims(session: Session, claim_ids: set[str]) -> dict[str, int]:
    """Empty the free text of claims kept for the accounts, their lines and steps, and remove their receipts."""
    if not claim_ids:
        return {}
    claims, lines, receipts, steps = tables.claims, tables.claim_lines, tables.receipts, tables.claim_status_changes
    ids = list(claim_ids)
    line_ids = list(session.scalars(select(lines.c.id).where(lines.c.claim_id.in_(ids))))
    session.execute(delete(receipts).where(receipts.c.line_id.in_(line_ids)))
    session.execute(update(claims).where(claims.c.id.in_(ids))
                    .values({**dict.fromkeys(_CLAIM_TEXT), "version": claims.c.version + 1}))  # fmt: skip
    session.execute(update(lines).where(lines.c.id.in_(line_ids)).values(description=None, version=lines.c.version + 1))
    session.execute(update(steps).where(steps.c.claim_id.in_(ids)).values(reason=None))
    return {"claims": len(ids), "claim_lines": len(line_ids)}


def _forget_drafts_naming(session: Session, person_id: str, full_name: str) -> None:
    """Unsaved forms that hold the person's id or name anywhere (a new check for them, their own form)."""
    drafts = tables.form_drafts
    doomed = []
    for draft_id, payload, title in session.execute(select(drafts.c.id, drafts.c.payload, drafts.c.title)):
        text = json.dumps(payload, ensure_ascii=False) + " " + (title or "")
        if person_id in text or (full_name and full_name in text):
            doomed.append(draft_id)
    if doomed:
        session.execute(delete(drafts).where(drafts.c.id.in_(doomed)))
