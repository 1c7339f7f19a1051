"""Importing people from a spreadsheet someone already keeps: check every row, find likely duplicates, then add
them all in one go, with an Undo for the whole import.

The file itself is read elsewhere (exports.importing turns it into rows of cell values); this module works on those
rows, so the window and the `partnerdesk import people` command share every decision. Rows are checked by the same
rules as the person form (people.clean_person), so an import can never hold details the form would refuse.

Steps: plan_import (heading row, column guess, a plan per row with its problems and any likely duplicate) →
the worker looks and may change a row's decision (add, skip, merge) → import_people (one transaction) →
undo_import puts the people that import added in the Bin.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from partnerdesk.i18n import N_, _, ngettext
from partnerdesk.records import tables
from partnerdesk.records.base import current_user, new_id, utc_now
from partnerdesk.rules import contact
from partnerdesk.rules.dates import today_uk
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.common.importing import (
    Decision,
    Importer,
    ImportPlan,
    ImportReport,
    RowPlan,
    Rows,
    folded,
    problem_lines,
    summary,
    undo_batch,
)
from partnerdesk.services.common.importing import row_report as _row_report
from partnerdesk.services.common.importing import skipped as _skipped
from partnerdesk.services.people.import_mapping import FIELDS, SYNONYMS, field_label, row_details
from partnerdesk.services.people.people import clean_person, get_person, person_data, update_person

__all__ = ["PEOPLE", "Decision", "ImportPlan", "ImportReport", "RowPlan", "headings_and_mapping", "import_people",
           "plan_import", "report_summary", "row_report", "undo_import"]  # fmt: skip

_NO_NAME = N_("No column is chosen for the person's name. Please choose which column holds the name, then try again.")


def headings_and_mapping(rows: Rows) -> tuple[int, list[Any], list[str]]:
    """Where the headings are (index into rows), the headings themselves and the guessed field for each column."""
    return PEOPLE.guess(rows)


def plan_import(session: Session, rows: Rows, mapping: Sequence[str] | None = None) -> ImportPlan:
    """Check every row below the headings (mapping: a field per column, or None to use the guess) and look for
    people already in PartnerDesk, or earlier in the sheet, that each row may be."""
    return PEOPLE.plan(session, rows, mapping)


def _plan_rows(session: Session, rows: Rows, mapping: list[str]) -> list[RowPlan]:
    known = _Known(session)
    committees = _committees(session) if "committees" in mapping else {}
    return [_plan_row(number, mapping, values, known, committees) for number, values in rows]


def _committees(session: Session) -> dict[str, list[str]]:
    """Committee ids (not in the Bin) by folded name: two with one name are told apart by the worker, not here."""
    c = tables.committees
    found: dict[str, list[str]] = defaultdict(list)
    for committee_id, name in session.execute(select(c.c.id, c.c.name).where(c.c.deleted_at.is_(None))):
        found[folded(name)].append(committee_id)
    return found


def _committee_ids(names: list[str], committees: dict[str, list[str]], problems: dict[str, str]) -> list[str]:
    # An unknown committee makes the whole row a problem (skipped): half a person, without the seats the sheet gives
    # them, would then come back as a "duplicate" when the worker fixes the name and imports the sheet again.
    ids = []
    for name in names:
        found = committees.get(folded(name), [])
        if len(found) != 1:
            problems["committees"] = (
                _("There is no committee called that in PartnerDesk. Add the committee first, or correct its name.")
                if not found
                else _("Two committees have that name. Rename one of them in PartnerDesk, then import again.")
            )
            return []
        ids.append(found[0])
    return list(dict.fromkeys(ids))


def _plan_row(
    number: int, mapping: Sequence[str], values: Sequence[Any], known: _Known, committees: dict[str, list[str]]
) -> RowPlan:
    data, problems = row_details(mapping, values)
    for name in problems:
        data.pop(name, None)
    committee_ids = _committee_ids(data.pop("committees", []), committees, problems)
    try:
        details = clean_person(data)
    except ValidationError as why:
        problems = {**why.messages, **problems}
        details = None
    if problems or details is None:
        return RowPlan(number, None, problem_lines(problems, field_label), decision=Decision.SKIP)
    details["committee_ids"] = committee_ids
    plan = RowPlan(number, details)
    known.match(plan)
    return plan


def _folded_name(name: str | None) -> str:
    # Accents, case and punctuation aside, first and last words: "Zoë  Müller-Jones" ~ "zoe mullerjones".
    words = folded(name).split()
    return f"{words[0]} {words[-1]}" if words else ""


class _Known:
    """The ways of recognising someone: email, phone digits, and name with postcode, for people in PartnerDesk
    (not in the Bin) and for the rows of the sheet seen so far."""

    def __init__(self, session: Session) -> None:
        people = tables.people
        self.emails: dict[str, Any] = {}
        self.phones: dict[str, Any] = {}
        self.names: dict[tuple[str, str], Any] = {}
        stmt = select(people.c.id, people.c.full_name, people.c.email, people.c.phone, people.c.postcode).where(
            people.c.deleted_at.is_(None)
        )
        for person_id, name, email, phone, postcode in session.execute(stmt):
            self._remember(person_id, name, email, phone, postcode)

    def _keys(self, name, email, phone, postcode) -> list[tuple[dict, Any, str]]:
        # Worked out once per row (a list, not a generator): matching and remembering both use them.
        folded_name = _folded_name(name)
        return [
            (self.emails, (email or "").strip().lower(), _("the same email address")),
            (self.names, (folded_name, postcode or "") if folded_name and postcode else "",
             _("a similar name and the same postcode")),
            (self.phones, contact.phone_digits(phone) if phone else "", _("the same phone number")),
        ]  # fmt: skip

    def _remember(self, who: Any, name, email, phone, postcode, keys: list | None = None) -> None:
        for found, key, _why in keys or self._keys(name, email, phone, postcode):
            if key:
                found.setdefault(key, who)

    def match(self, plan: RowPlan) -> None:
        """Mark the row as a likely duplicate if it looks like someone already seen: skipped unless the worker
        says otherwise when the email, or the name and postcode, match; added when only the phone number does
        (households and day centres share a landline: a sheet of 2,000 made-up people had 465 such rows)."""
        d = plan.details or {}
        # Email first, then name and postcode, then phone: the strongest likeness is the one reported.
        keys = self._keys(d["full_name"], d["email"], d["phone"], d["postcode"])
        for found, key, why in keys:
            who = found.get(key) if key else None
            if who is not None:
                if isinstance(who, int):
                    plan.duplicate_row = who
                else:
                    plan.duplicate_of = who
                plan.why_duplicate = why
                plan.decision = Decision.ADD if found is self.phones else Decision.SKIP
                break
        self._remember(plan.row, d["full_name"], d["email"], d["phone"], d["postcode"], keys)


def row_report(plan: ImportPlan) -> list[str]:
    """One plain line per row that will not simply be added: its problems, or who it looks like (ids, no values)."""
    return _row_report(plan, _("looks like someone already in PartnerDesk"), _("will be added as a new person"))


def import_people(session: Session, plan: ImportPlan) -> ImportReport:
    """Add (or merge) every valid row as its decision says, in the caller's one transaction; returns the report.

    The people added carry the import's batch id, so undo_import can put them all in the Bin.
    """
    batch = new_id()
    now = utc_now()
    # Who imported: asked once, not twice for each of ten thousand rows by the columns' defaults.
    who = current_user()
    stamp = {"created_at": now, "updated_at": now, "created_by": who, "updated_by": who}
    people_rows: list[dict[str, Any]] = []
    role_rows: list[dict[str, Any]] = []
    seats: list[tuple[str, str]] = []
    merged = 0
    for row in plan.rows:
        if row.details is None or row.decision is Decision.SKIP:
            continue
        committee_ids = row.details.get("committee_ids", [])
        details = {key: value for key, value in row.details.items() if key not in ("roles", "committee_ids")}
        if row.decision is Decision.MERGE and row.duplicate_of is not None:
            _merge(session, row.duplicate_of, details | {"roles": row.details["roles"]})
            seats.extend((row.duplicate_of, committee_id) for committee_id in committee_ids)
            merged += 1
            continue
        person_id = new_id()
        people_rows.append({**details, **stamp, "id": person_id, "import_batch": batch})
        role_rows.extend({"person_id": person_id, "role": role} for role in row.details["roles"])
        seats.extend((person_id, committee_id) for committee_id in committee_ids)
    # Bulk inserts: ten thousand rows in about a second, where adding each through the ORM took many.
    if people_rows:
        _insert_people(session, people_rows, batch)
    if role_rows:
        session.execute(insert(tables.person_roles), role_rows)
    _add_seats(session, seats, stamp)
    return ImportReport(batch, len(people_rows), merged, _skipped(plan, _("Looks like someone already there ({why}).")))


#: Below this many people the search index is kept up to date row by row, as for any other save.
_SET_BASED_SEARCH_FROM = 200


def _insert_people(session: Session, rows: list[dict[str, Any]], batch: str) -> None:
    """Add the people in one statement, and their words to the People search index in one more.

    SQLite's trigger adds each person's words as they are inserted: for 10,000 people that took 5.3 s of a 6 s
    insert, where one INSERT … SELECT for all of them took 0.4 s. So for a large import the trigger is set aside
    and put back inside the same transaction (SQLite's schema changes roll back with it), with the very text it
    indexes, read from the database itself so the two can never differ.
    """
    connection = session.connection()
    trigger = None
    if connection.dialect.name == "sqlite" and len(rows) >= _SET_BASED_SEARCH_FROM:
        trigger = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'people_search_insert'"
        ).scalar()
    marker = "VALUES (new.rowid,"  # not words
    if not trigger or marker not in trigger:
        session.execute(insert(tables.people), rows)
        return
    words = trigger[trigger.index(marker) + len(marker) : trigger.rindex(")")].replace("new.", "people.")
    connection.exec_driver_sql("DROP TRIGGER people_search_insert")
    session.execute(insert(tables.people), rows)
    connection.execute(
        text(f"INSERT INTO people_search (rowid, body) SELECT rowid, {words} FROM people WHERE import_batch = :batch"),
        {"batch": batch},
    )
    connection.exec_driver_sql(trigger)


def _add_seats(session: Session, seats: list[tuple[str, str]], stamp: dict[str, Any]) -> None:
    """Seats on the committees the sheet named, from today with no end date, unless the person already has a seat
    there that has not ended."""
    if not seats:
        return
    m = tables.memberships
    today: date = today_uk()
    people = list({person for person, _committee in seats})
    held: set[tuple[str, str]] = set()
    for start in range(0, len(people), 500):
        stmt = select(m.c.person_id, m.c.committee_id).where(
            m.c.person_id.in_(people[start : start + 500]),
            m.c.deleted_at.is_(None),
            (m.c.term_end.is_(None)) | (m.c.term_end >= today),
        )
        held.update((person, committee) for person, committee in session.execute(stmt))
    rows = [
        {**stamp, "id": new_id(), "person_id": person, "committee_id": committee, "term_start": today,
         "term_end": None, "is_backup": False}
        for person, committee in dict.fromkeys(seats) if (person, committee) not in held
    ]  # fmt: skip
    if rows:
        session.execute(insert(m), rows)


def _merge(session: Session, person_id: str, details: dict[str, Any]) -> None:
    """Fill in the details the person has no value for from the row; never overwrite what is already there."""
    current = person_data(get_person(session, person_id))
    for key, value in details.items():
        if key == "roles":
            current["roles"] = list(dict.fromkeys([*current["roles"], *value]))
        elif key == "access_needs":
            current["access_needs"] = list(dict.fromkeys([*current["access_needs"], *value]))
        elif current.get(key) in (None, "") and value not in (None, ""):
            current[key] = value
    update_person(session, person_id, current)


def undo_import(session: Session, batch: str) -> int:
    """Put everyone an import added (and not already in the Bin) in the Bin; returns how many.

    People merged into by the import keep their filled-in details: only additions are undone.
    """
    return undo_batch(session, tables.people, batch)


def report_summary(report: ImportReport) -> str:
    """The import's result in one plain sentence."""
    added = ngettext("{count:,} person added", "{count:,} people added", report.added).format(count=report.added)
    merged = ngettext("{count:,} merged", "{count:,} merged", report.merged).format(count=report.merged)
    return summary(report, added, merged)


PEOPLE = Importer(
    kind="people",
    fields=FIELDS,
    synonyms=SYNONYMS,
    needs=(("full_name", "first_name", "surname"), _NO_NAME),
    plan_rows=_plan_rows,
    commit=import_people,
    undo=undo_import,
    summary=report_summary,
    report=row_report,
)
