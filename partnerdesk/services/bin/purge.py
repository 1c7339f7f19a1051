"""Deleting for good what is in the Bin: "Empty Bin", and the quiet sweep at start of whatever has been in the Bin
longer than the organisation's setting (bin_keep_days, 30 days unless changed).

A record goes with what hangs off it: for a person, their seats on committees, attendance, wellbeing checks,
supervision pairs and training records; for a meeting, its attendance and actions; and so on, found from the
schema's own links. A link that may be empty (a meeting's action owner, the worker on someone else's check, the
contact of an organisation) is emptied instead, so other people's records stay. Drafts and Today snoozes about a
deleted record go too, and the people search index loses its words (its trigger, then a merge of the index).

Expense claims are finance records the organisation must keep, so:

* a claim in the Bin is deleted for good only while it is a draft (never sent for approval); a claim that was sent
  (waiting, rejected or void) stays in the Bin;
* a person with any claim is not deleted: everything else about them goes, and their name, contact details and
  notes are removed from the record their claims point at, so the amounts are kept and nobody can be named.

The work runs with SQLite's secure_delete on, so the deleted rows' bytes are overwritten in the file rather than
left in free pages (callers checkpoint the write-ahead log afterwards: see Store.checkpoint_after_erasure).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import JSON, Column, String, Table, delete, or_, select, update
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules import roles
from partnerdesk.services.common.access import housekeeping, require

log = logging.getLogger(__name__)

#: What a person's name becomes when they are removed but their expense claims must be kept.
REMOVED_NAME = N_("Removed person")
#: Finance records: never deleted through a link from something else (a person or a meeting).
FINANCE = frozenset({"claims", "claim_lines", "receipts", "claim_status_changes"})
#: The Bin's kinds (services.bin.items.KINDS) and the table each lives in.
KIND_TABLES = {
    "people": tables.people, "organisations": tables.organisations, "committees": tables.committees,
    "meetings": tables.meetings, "claims": tables.claims, "checks": tables.wellbeing_checks,
    "pairs": tables.supervision_pairs, "courses": tables.training_courses,
}  # fmt: skip
#: People columns kept on a removed person: the shared columns and what is needed for the claims' sums.
_KEPT_PERSON_COLUMNS = frozenset({"id", "created_at", "updated_at", "created_by", "updated_by", "deleted_at",
                                  "version", "status", "full_name"})  # fmt: skip


@dataclass(frozen=True)
class Emptied:
    """What emptying the Bin did: records deleted for good, people whose details were removed (their claims are
    kept), and claims kept because they were sent for approval."""

    deleted: int = 0
    people_removed: int = 0
    claims_kept: int = 0


def _links_to(table: Table) -> list[tuple[Table, Column]]:
    """Every (table, column) whose column holds an id of a row in table."""
    return [(child, fk.parent) for child in tables.metadata.sorted_tables for fk in child.foreign_keys
            if fk.column.table is table]  # fmt: skip


def _sendable_claims(session: Session, ids: Iterable[str]) -> set[str]:
    """Claims among ids that were sent for approval (not drafts): finance records, so kept."""
    claims = tables.claims
    return set(session.scalars(select(claims.c.id).where(claims.c.id.in_(list(ids)), claims.c.status != "draft")))


def waiting(session: Session, older_than: datetime | None = None) -> dict[str, set[str]]:
    """The ids in the Bin that emptying it would deal with, by kind; with older_than, only those deleted before it.

    Claims sent for approval and people already removed (kept for their claims) are left out: they stay.
    """
    found: dict[str, set[str]] = {}
    for kind, table in KIND_TABLES.items():
        stmt = select(table.c.id).where(table.c.deleted_at.is_not(None))
        if older_than is not None:
            stmt = stmt.where(table.c.deleted_at < older_than)
        if kind == "claims":
            stmt = stmt.where(table.c.status == "draft")
        if kind == "people":
            stmt = stmt.where(table.c.full_name != REMOVED_NAME)
        ids = set(session.scalars(stmt))
        if ids:
            found[kind] = ids
    return found


def waiting_count(session: Session) -> int:
    """How many records Empty Bin would delete (or, for people with claims, remove the details of)."""
    return sum(len(ids) for ids in waiting(session).values())


def empty_bin(session: Session, older_than: datetime | None = None) -> Emptied:
    """Delete for good what is in the Bin (with older_than, only what was deleted before then); see the module's
    notes for what goes with each record and what finance records keep."""
    require(roles.BIN_EMPTY)
    found = waiting(session, older_than)
    kept = len(_binned_claims(session, older_than)) - len(found.get("claims", ()))
    if not found:
        return Emptied(claims_kept=kept)
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        deleted, removed = 0, 0
        people = found.pop("people", set())
        with_claims = set(session.scalars(select(tables.claims.c.person_id).where(
            tables.claims.c.person_id.in_(list(people)))))  # fmt: skip
        for table in (KIND_TABLES[kind] for kind in found):
            ids = found[table_kind(table)]
            deleted += len(ids)
            _purge(session, table, ids)
        if people - with_claims:
            deleted += len(people - with_claims)
            _purge(session, tables.people, people - with_claims)
        if with_claims:
            removed = len(with_claims)
            _remove_details(session, with_claims)
        if people:  # the search index keeps deleted words in its segments until they are merged
            connection.exec_driver_sql("INSERT INTO people_search (people_search) VALUES ('optimize')")
        session.expire_all()  # the ORM's copies of rows removed underneath it
    finally:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
    log.info("bin emptied: %d deleted for good, %d people's details removed, %d claims kept", deleted, removed, kept)
    return Emptied(deleted, removed, kept)


def cutoff(keep_days: int, now: datetime | None = None) -> datetime:
    """The moment before which a record in the Bin has been there longer than keep_days."""
    return (now or utc_now()) - timedelta(days=keep_days)


def sweep_old(session: Session, keep_days: int, now: datetime | None = None) -> Emptied:
    """Delete for good what has been in the Bin longer than keep_days (the start-up sweep). The organisation set the
    days, so the sweep runs whoever is signed in."""
    with housekeeping():
        return empty_bin(session, older_than=cutoff(keep_days, now))


def table_kind(table: Table) -> str:
    """The Bin kind whose records live in table."""
    return next(kind for kind, known in KIND_TABLES.items() if known is table)


def _binned_claims(session: Session, older_than: datetime | None) -> set[str]:
    claims = tables.claims
    stmt = select(claims.c.id).where(claims.c.deleted_at.is_not(None))
    if older_than is not None:
        stmt = stmt.where(claims.c.deleted_at < older_than)
    return set(session.scalars(stmt))


def _purge(session: Session, table: Table, ids: set[str], *, keep_finance: bool = False) -> None:
    """Delete rows of table and, first, what hangs off them (keep_finance: all but finance records, and the rows
    themselves stay: for a person whose claims are kept)."""
    if not ids:
        return
    for child, column in _links_to(table):
        if column.nullable:  # someone else's record that mentions it: keep the record, forget the link
            values: dict = {column.name: None}
            if "version" in child.c:  # so a form open on it sees it changed
                values["version"] = child.c.version + 1
            session.execute(update(child).where(column.in_(ids)).values(values))
        elif keep_finance and child.name in FINANCE:
            continue
        elif "id" in child.c:
            _purge(session, child, set(session.scalars(select(child.c.id).where(column.in_(ids)))))
        else:  # a plain link table (roles, who attended a supervision session)
            session.execute(delete(child).where(column.in_(ids)))
    _forget(session, ids)
    if not keep_finance:
        session.execute(delete(table).where(table.c.id.in_(ids)))


def _forget(session: Session, ids: set[str]) -> None:
    """Drafts and Today snoozes about these records (they hold no link the schema knows about)."""
    drafts, snoozes = tables.form_drafts, tables.today_snoozes
    session.execute(delete(drafts).where(drafts.c.record_id.in_(ids)))
    for record_id in ids:  # a snooze may be about a pair of records, "id:id"
        session.execute(delete(snoozes).where(or_(
            snoozes.c.record_id == record_id, snoozes.c.record_id.startswith(f"{record_id}:"),
            snoozes.c.record_id.endswith(f":{record_id}"))))  # fmt: skip


def _remove_details(session: Session, person_ids: set[str]) -> None:
    """Everything about these people but the record their claims point at, which loses every personal detail."""
    _purge(session, tables.people, person_ids, keep_finance=True)
    people = tables.people
    blank: dict = {"full_name": REMOVED_NAME, "version": people.c.version + 1, "updated_at": utc_now()}
    for column in people.c:
        if column.name in _KEPT_PERSON_COLUMNS:
            continue
        if column.nullable:
            blank[column.name] = None
        elif isinstance(column.type, JSON):
            blank[column.name] = []  # access needs and the like
        elif isinstance(column.type, String):
            default = getattr(column.default, "arg", "")  # language goes back to "english"
            blank[column.name] = default if isinstance(default, str) else ""
    session.execute(update(people).where(people.c.id.in_(person_ids)).values(blank))
