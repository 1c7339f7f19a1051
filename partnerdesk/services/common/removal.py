"""Removing records for good, with what hangs off them: shared by emptying the Bin (services.bin.purge) and
erasing a person (services.people.erasure).

A record goes with what hangs off it, found from the schema's own links. A link that may be empty (a meeting's
action owner, the worker on someone else's check) is emptied instead, so other people's records stay. Drafts and
Today snoozes about a removed record go too. Callers turn SQLite's secure_delete on around the work and checkpoint
the write-ahead log afterwards (Store.checkpoint_after_erasure).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import JSON, Column, String, Table, delete, or_, select, update

from partnerdesk.i18n import N_
from partnerdesk.records import tables
from partnerdesk.records.base import utc_now

if TYPE_CHECKING:  # the People list reads REMOVED_NAME without loading the ORM
    from sqlalchemy.orm import Session

#: What a person's name becomes when they are removed but their expense claims must be kept.
REMOVED_NAME = N_("Removed person")
#: Finance records: never deleted through a link from something else (a person or a meeting).
FINANCE = frozenset({"claims", "claim_lines", "receipts", "claim_status_changes"})
#: People columns kept on a removed person: the shared columns and what is needed for the claims' sums.
_KEPT_PERSON_COLUMNS = frozenset({"id", "created_at", "updated_at", "created_by", "updated_by", "deleted_at",
                                  "version", "status", "full_name"})  # fmt: skip


def links_to(table: Table) -> list[tuple[Table, Column]]:
    """Every (table, column) whose column holds an id of a row in table."""
    return [(child, fk.parent) for child in tables.metadata.sorted_tables for fk in child.foreign_keys
            if fk.column.table is table]  # fmt: skip


def purge_rows(session: Session, table: Table, ids: set[str], *, keep_finance: bool = False) -> None:
    """Delete rows of table and, first, what hangs off them (keep_finance: all but finance records, and the rows
    themselves stay: for a person whose claims are kept)."""
    if not ids:
        return
    for child, column in links_to(table):
        if column.nullable:  # someone else's record that mentions it: keep the record, forget the link
            values: dict = {column.name: None}
            if "version" in child.c:  # so a form open on it sees it changed
                values["version"] = child.c.version + 1
            session.execute(update(child).where(column.in_(ids)).values(values))
        elif keep_finance and child.name in FINANCE:
            continue
        elif "id" in child.c:
            purge_rows(session, child, set(session.scalars(select(child.c.id).where(column.in_(ids)))))
        else:  # a plain link table (roles, who attended a supervision session)
            session.execute(delete(child).where(column.in_(ids)))
    _forget(session, ids)
    if table is tables.people:
        _forget_in_applications(session, ids)
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


def _forget_in_applications(session: Session, person_ids: set[str]) -> None:
    """Take these people off every programme application's "must not be matched with" list, which names people by
    id in a list the schema's links can't follow."""
    apps = tables.programme_applications
    for application_id, listed in session.execute(select(apps.c.id, apps.c.must_not_match)).all():
        kept = [person for person in listed or [] if person not in person_ids]
        if kept != list(listed or []):
            session.execute(update(apps).where(apps.c.id == application_id).values(
                must_not_match=kept, version=apps.c.version + 1))  # fmt: skip


def remove_details(session: Session, person_ids: set[str]) -> None:
    """Everything about these people but the record their claims point at, which loses every personal detail."""
    purge_rows(session, tables.people, person_ids, keep_finance=True)
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
