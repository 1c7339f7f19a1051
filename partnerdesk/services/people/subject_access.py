"""Subject access: everything PartnerDesk holds about one person, gathered from every kind of record that refers to
them, for the exports in exports.subject_access (a spreadsheet with every field, and a readable PDF).

Rows are read through the plain tables (records.tables), every column of each, so a field added later is included
with no change here; tests/unit/test_subject_access.py fails when a new table links to people and is not gathered.
What is left out, and why:

* a receipt's file bytes (its name, type and size are listed; the file itself can be sent separately);
* confidential notes (wellbeing concerns, what was done, confidential notes; supervision notes), unless the person
  preparing the export confirms they are to be included: the exports record that in the audit log;
* the half-typed contents of unsaved forms about them, unless confidential notes are included (a check's draft can
  hold them); the draft itself, its form and when it was saved are always listed;
* other people: where a record also names someone else (a supervisor, the other person in a pair), only that
  person's record id is given, never their name.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Table, or_, select
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _
from partnerdesk.records import tables
from partnerdesk.rules import roles
from partnerdesk.services.common.access import require
from partnerdesk.services.common.errors import NotFound

#: Confidential columns by table; the same fields services.wellbeing.confidential guards (a test holds them equal).
CONFIDENTIAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "wellbeing_checks": ("concerns", "follow_up_action", "confidential_notes"),
    "supervision_sessions": ("notes",),
}

#: Each kind of record gathered, in the order the exports show them, with a heading people read.
TITLES: dict[str, str] = {
    "people": N_("Their details"),
    "person_roles": N_("Roles"),
    "memberships": N_("Seats on committees"),
    "attendance": N_("Meetings: invitations and attendance"),
    "meetings": N_("Meetings they were the contact for"),
    "meeting_actions": N_("Meeting actions they own"),
    "claims": N_("Expense claims"),
    "claim_lines": N_("Expense claim lines"),
    "receipts": N_("Receipts (file names)"),
    "claim_status_changes": N_("Expense claim history"),
    "wellbeing_checks": N_("Wellbeing checks"),
    "supervision_pairs": N_("Supervision: supervisors and supervisees"),
    "supervision_sessions": N_("Supervision sessions they attended"),
    "supervision_attendees": N_("Supervision attendance"),
    "supervision_actions": N_("Supervision actions they own"),
    "training_records": N_("Training"),
    "programme_applications": N_("Programme applications"),
    "programme_pairs": N_("Programme pairs"),
    "pair_activities": N_("Programme pair activities"),
    "poll_answers": N_("Programme poll answers"),
    "form_drafts": N_("Unsaved forms"),
    "today_snoozes": N_("Reminders put off on Today"),
    "audit_log": N_("Audit log entries about them"),
}


@dataclass
class Section:
    """One kind of record: its table, the columns given, and the rows (dicts by column name)."""

    table: Table
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The heading people read."""
        return _(TITLES[self.table.name])


@dataclass
class HeldAbout:
    """Everything held about one person (sections in TITLES' order, empty ones left out). described gives the
    organisation's own records that theirs refer to (a meeting, a committee, a course) in words, by id, so the PDF
    can say which meeting they attended rather than only its record number; never another person."""

    person_id: str
    confidential_included: bool
    sections: list[Section]
    described: dict[str, str] = field(default_factory=dict)

    @property
    def row_count(self) -> int:
        """How many records were gathered, of every kind."""
        return sum(len(section.rows) for section in self.sections)


def gather(session: Session, person_id: str, *, include_confidential: bool = False) -> HeldAbout:
    """Everything held about the person (see the module's notes). Raises NotFound when there is no such person."""
    require(roles.EXPORT_NAMED)
    if include_confidential:
        require(roles.CONFIDENTIAL_ANY)
    t = tables
    if session.execute(select(t.people.c.id).where(t.people.c.id == person_id)).first() is None:
        raise NotFound(_("That person could not be found. They may have been erased."))
    found: dict[str, list[dict[str, Any]]] = {}

    def take(table: Table, *conditions: Any) -> list[dict[str, Any]]:
        rows = [dict(row) for row in session.execute(select(table).where(or_(*conditions))).mappings()]
        found[table.name] = rows
        return rows

    def ids(rows: Iterable[dict[str, Any]], key: str = "id") -> list[Any]:
        return [row[key] for row in rows]

    take(t.people, t.people.c.id == person_id)
    take(t.person_roles, t.person_roles.c.person_id == person_id)
    take(t.memberships, t.memberships.c.person_id == person_id)
    take(t.attendance, t.attendance.c.person_id == person_id)
    take(t.meetings, t.meetings.c.contact_person_id == person_id)
    take(t.meeting_actions, t.meeting_actions.c.owner_person_id == person_id)
    # Only records about them: not the claims they approved, the checks they made of others, nor the sessions they
    # led (those are about other people).
    claims = take(t.claims, t.claims.c.person_id == person_id)
    lines = take(t.claim_lines, t.claim_lines.c.claim_id.in_(ids(claims)))
    take(t.receipts, t.receipts.c.line_id.in_(ids(lines)))
    take(t.claim_status_changes, t.claim_status_changes.c.claim_id.in_(ids(claims)))
    checks = take(t.wellbeing_checks, t.wellbeing_checks.c.person_id == person_id)
    take(t.supervision_pairs, t.supervision_pairs.c.supervisor_id == person_id,
         t.supervision_pairs.c.supervisee_id == person_id)  # fmt: skip
    attended = take(t.supervision_attendees, t.supervision_attendees.c.person_id == person_id)
    sessions = take(t.supervision_sessions, t.supervision_sessions.c.id.in_(ids(attended, "session_id")))
    take(t.supervision_actions, t.supervision_actions.c.owner_person_id == person_id)
    take(t.training_records, t.training_records.c.person_id == person_id)
    take(t.programme_applications, t.programme_applications.c.person_id == person_id)
    pairs = take(t.programme_pairs, t.programme_pairs.c.side_a_person_id == person_id,
                 t.programme_pairs.c.side_b_person_id == person_id)  # fmt: skip
    take(t.pair_activities, t.pair_activities.c.pair_id.in_(ids(pairs)))
    take(t.poll_answers, t.poll_answers.c.person_id == person_id)
    about = [person_id, *ids(checks), *ids(claims), *ids(sessions), *ids(pairs)]
    take(t.form_drafts, t.form_drafts.c.record_id.in_(about))
    found["form_drafts"] += [draft for draft in _drafts_naming(session, person_id)
                             if draft["id"] not in {row["id"] for row in found["form_drafts"]}]  # fmt: skip
    take(t.today_snoozes, *(t.today_snoozes.c.record_id.contains(record_id) for record_id in about))
    take(t.audit_log, t.audit_log.c.object_id.in_(about))
    sections = [_section(t.metadata.tables[name], found[name], include_confidential)
                for name in TITLES if found.get(name)]  # fmt: skip
    return HeldAbout(person_id, include_confidential, sections, _described(session, sections))


#: The organisation's own records that a person's records point at, described in words in the PDF.
_DESCRIBE = frozenset({"meetings", "committees", "organisations", "programmes", "training_courses",
                       "budget_headings"})  # fmt: skip


def _described(session: Session, sections: list[Section]) -> dict[str, str]:
    """The meetings, committees, courses, programmes, organisations and budget headings the sections refer to, in
    words by id ("Partnership Board, 17/06/2031"), read once per kind."""
    from partnerdesk.rules.dates import format_uk
    from partnerdesk.rules.meetings import uk_date

    wanted: dict[str, set[str]] = {}
    for section in sections:
        for column in section.columns:
            for key in column.foreign_keys:
                if key.column.table.name in _DESCRIBE:
                    wanted.setdefault(key.column.table.name, set()).update(
                        row[column.name] for row in section.rows if row[column.name])
    described: dict[str, str] = {}
    for name, ids in wanted.items():
        table = tables.metadata.tables[name]
        if name == "meetings":
            for record_id, title, starts_at in session.execute(
                    select(table.c.id, table.c.title, table.c.starts_at).where(table.c.id.in_(ids))):
                described[record_id] = f"{title}, {format_uk(uk_date(starts_at))}"
        else:
            rows = session.execute(select(table.c.id, table.c.name).where(table.c.id.in_(ids)))
            described.update({record_id: words for record_id, words in rows})
    return described



def _section(table: Table, rows: list[dict[str, Any]], include_confidential: bool) -> Section:
    hidden = set() if include_confidential else set(CONFIDENTIAL_COLUMNS.get(table.name, ()))
    if table.name == "form_drafts" and not include_confidential:
        hidden.add("payload")
    if table.name == "receipts":
        hidden.add("data")
    columns = [column for column in table.columns if column.name not in hidden]
    return Section(table, columns, [{c.name: row.get(c.name) for c in columns} for row in rows])


def _drafts_naming(session: Session, person_id: str) -> list[dict[str, Any]]:
    """Drafts of new records that hold the person's id (a new check for them, say)."""
    drafts = tables.form_drafts
    return [dict(row) for row in session.execute(select(drafts)).mappings()
            if person_id in json.dumps(row["payload"])]  # fmt: skip


def gathered_tables() -> set[str]:
    """The tables gather reads (the test compares them with every table that refers to a person)."""
    return set(TITLES)
