"""Deleting for good what is in the Bin: "Empty Bin", and the quiet sweep at start of whatever has been in the Bin
longer than the organisation's setting (bin_keep_days, 30 days unless changed).

A record goes with what hangs off it: for a person, their seats on committees, attendance, wellbeing checks,
supervision pairs and training records; for a meeting, its attendance and actions; and so on, found from the
schema's own links. A link that may be empty (a meeting's action owner, the worker on someone else's check, the
contact of an organisation) is emptied instead, so other people's records stay. Drafts and Today snoozes about a
deleted record go too, and the people search index loses its words (its trigger, then a merge of the index). A
person also goes from every programme application's "must not be matched with" list; a programme's pairs, their
activities, its poll and its themes go with it, while its backfill claims stay, keeping the programme's name.

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

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from partnerdesk.records import tables
from partnerdesk.records.base import utc_now
from partnerdesk.rules import roles
from partnerdesk.services.common import audit
from partnerdesk.services.common.access import housekeeping, require
from partnerdesk.services.common.removal import REMOVED_NAME, purge_rows, remove_details

__all__ = ["KIND_TABLES", "REMOVED_NAME", "Emptied", "cutoff", "empty_bin", "sweep_old", "table_kind", "waiting",
           "waiting_count"]

log = logging.getLogger(__name__)

#: The Bin's kinds (services.bin.items.KINDS) and the table each lives in.
KIND_TABLES = {
    "people": tables.people, "organisations": tables.organisations, "committees": tables.committees,
    "meetings": tables.meetings, "claims": tables.claims, "checks": tables.wellbeing_checks,
    "pairs": tables.supervision_pairs, "courses": tables.training_courses,
    "programmes": tables.programmes, "applications": tables.programme_applications,
    "programme_pairs": tables.programme_pairs, "activities": tables.pair_activities,
    "poll_answers": tables.poll_answers, "themes": tables.programme_themes,
}  # fmt: skip


@dataclass(frozen=True)
class Emptied:
    """What emptying the Bin did: records deleted for good, people whose details were removed (their claims are
    kept), and claims kept because they were sent for approval."""

    deleted: int = 0
    people_removed: int = 0
    claims_kept: int = 0


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


def empty_bin(session: Session, older_than: datetime | None = None, *, audit_as: str = "bin_emptied") -> Emptied:
    """Delete for good what is in the Bin (with older_than, only what was deleted before then); see the module's
    notes for what goes with each record and what finance records keep. The audit log records the counts (as
    audit_as: the automatic sweep is "bin_swept")."""
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
            purge_rows(session, table, ids)
        if people - with_claims:
            deleted += len(people - with_claims)
            purge_rows(session, tables.people, people - with_claims)
        if with_claims:
            removed = len(with_claims)
            remove_details(session, with_claims)
        if people:  # the search index keeps deleted words in its segments until they are merged
            connection.exec_driver_sql("INSERT INTO people_search (people_search) VALUES ('optimize')")
        session.expire_all()  # the ORM's copies of rows removed underneath it
    finally:
        connection.exec_driver_sql("PRAGMA secure_delete = OFF")
    log.info("bin emptied: %d deleted for good, %d people's details removed, %d claims kept", deleted, removed, kept)
    audit.record(session, audit_as, deleted=deleted, people_removed=removed, claims_kept=kept)
    return Emptied(deleted, removed, kept)


def cutoff(keep_days: int, now: datetime | None = None) -> datetime:
    """The moment before which a record in the Bin has been there longer than keep_days."""
    return (now or utc_now()) - timedelta(days=keep_days)


def sweep_old(session: Session, keep_days: int, now: datetime | None = None) -> Emptied:
    """Delete for good what has been in the Bin longer than keep_days (the start-up sweep). The organisation set the
    days, so the sweep runs whoever is signed in."""
    with housekeeping():
        return empty_bin(session, older_than=cutoff(keep_days, now), audit_as="bin_swept")


def table_kind(table: Table) -> str:
    """The Bin kind whose records live in table."""
    return next(kind for kind, known in KIND_TABLES.items() if known is table)


def _binned_claims(session: Session, older_than: datetime | None) -> set[str]:
    claims = tables.claims
    stmt = select(claims.c.id).where(claims.c.deleted_at.is_not(None))
    if older_than is not None:
        stmt = stmt.where(claims.c.deleted_at < older_than)
    return set(session.scalars(stmt))
