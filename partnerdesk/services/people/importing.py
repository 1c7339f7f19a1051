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

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext
from partnerdesk.records import tables
from partnerdesk.records.base import current_user, new_id, utc_now
from partnerdesk.rules import contact
from partnerdesk.services.common.errors import ValidationError
from partnerdesk.services.people.import_mapping import field_label, find_heading_row, guess_mapping, row_details
from partnerdesk.services.people.people import clean_person, get_person, person_data, update_person


class Decision(StrEnum):
    """What happens to one row when the import runs."""

    ADD = "add"  # a new person
    SKIP = "skip"  # nothing
    MERGE = "merge"  # fill in the likely duplicate's empty details from this row


@dataclass
class RowPlan:
    """One row of the sheet: its details once checked, what is wrong with it, and whether it looks like someone."""

    row: int  # as the spreadsheet numbers it
    details: dict[str, Any] | None  # checked and tidied, or None when the row has problems
    problems: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # an existing person's id
    duplicate_row: int | None = None  # an earlier row of this sheet
    why_duplicate: str = ""
    decision: Decision = Decision.ADD

    @property
    def valid(self) -> bool:
        """The row can be imported (it may still be skipped)."""
        return self.details is not None


@dataclass
class ImportPlan:
    """The whole sheet: which row holds the headings, the field each column goes to, and a plan for every row."""

    heading_row: int
    headings: list[Any]
    mapping: list[str]
    rows: list[RowPlan]


@dataclass
class ImportReport:
    """What an import did. batch identifies it for undo_import."""

    batch: str
    added: int
    merged: int
    skipped: list[tuple[int, str]]  # row number, why


def headings_and_mapping(rows: Sequence[tuple[int, Sequence[Any]]]) -> tuple[int, list[Any], list[str]]:
    """Where the headings are (index into rows), the headings themselves and the guessed field for each column."""
    index = find_heading_row(rows)
    headings = list(rows[index][1]) if rows else []
    return index, headings, guess_mapping(headings)


def plan_import(
    session: Session, rows: Sequence[tuple[int, Sequence[Any]]], mapping: Sequence[str] | None = None
) -> ImportPlan:
    """Check every row below the headings (mapping: a field per column, or None to use the guess) and look for
    people already in PartnerDesk, or earlier in the sheet, that each row may be."""
    index, headings, guessed = headings_and_mapping(rows)
    mapping = list(mapping) if mapping is not None else guessed
    if not any(name in ("full_name", "first_name", "surname") for name in mapping):
        raise ValidationError(
            {
                "": _(
                    "No column is chosen for the person's name. Please choose which column holds "
                    "the name, then try again."
                )
            }
        )
    known = _Known(session)
    plans = []
    for number, values in rows[index + 1 :]:
        plans.append(_plan_row(number, mapping, values, known))
    return ImportPlan(rows[index][0] if rows else 1, headings, mapping, plans)


def _plan_row(number: int, mapping: Sequence[str], values: Sequence[Any], known: _Known) -> RowPlan:
    data, problems = row_details(mapping, values)
    for name in problems:
        data.pop(name, None)
    try:
        details = clean_person(data)
    except ValidationError as why:
        problems = {**why.messages, **problems}
        details = None
    if problems:
        said = [f"{field_label(name)}: {message}" if name else message for name, message in problems.items()]
        return RowPlan(number, None, said, decision=Decision.SKIP)
    plan = RowPlan(number, details)
    known.match(plan)
    return plan


def _folded_name(name: str | None) -> str:
    # Accents, case and punctuation aside, first and last words: "Zoë  Müller-Jones" ~ "zoe mullerjones".
    plain = "".join(c for c in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(c)).casefold()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in plain.split()]
    words = [word for word in words if word]
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

    def _keys(self, name, email, phone, postcode):
        yield self.emails, (email or "").strip().lower(), _("the same email address")
        folded = _folded_name(name)
        yield (
            self.names,
            (folded, postcode or "") if folded and postcode else "",
            _("a similar name and the same postcode"),
        )
        yield self.phones, contact.phone_digits(phone) if phone else "", _("the same phone number")

    def _remember(self, who: Any, name, email, phone, postcode) -> None:
        for found, key, _why in self._keys(name, email, phone, postcode):
            if key:
                found.setdefault(key, who)

    def match(self, plan: RowPlan) -> None:
        """Mark the row as a likely duplicate if it looks like someone already seen: skipped unless the worker
        says otherwise when the email, or the name and postcode, match; added when only the phone number does
        (households and day centres share a landline: a sheet of 2,000 made-up people had 465 such rows)."""
        d = plan.details or {}
        # Email first, then name and postcode, then phone: the strongest likeness is the one reported.
        for found, key, why in self._keys(d["full_name"], d["email"], d["phone"], d["postcode"]):
            who = found.get(key) if key else None
            if who is not None:
                if isinstance(who, int):
                    plan.duplicate_row = who
                else:
                    plan.duplicate_of = who
                plan.why_duplicate = why
                plan.decision = Decision.ADD if found is self.phones else Decision.SKIP
                break
        self._remember(plan.row, d["full_name"], d["email"], d["phone"], d["postcode"])


def row_report(plan: ImportPlan) -> list[str]:
    """One plain line per row that will not simply be added: its problems, or who it looks like (ids, no values)."""
    lines = []
    for row in plan.rows:
        if row.problems:
            lines.append(_("Row {row}: {problems}").format(row=row.row, problems=" ".join(row.problems)))
        elif row.duplicate_of is not None:
            lines.append(
                _("Row {row}: looks like someone already in PartnerDesk ({why}); {decision}.").format(
                    row=row.row, why=row.why_duplicate, decision=_decision_words(row.decision)
                )
            )
        elif row.duplicate_row is not None:
            lines.append(
                _("Row {row}: looks like row {other} ({why}); {decision}.").format(
                    row=row.row, other=row.duplicate_row, why=row.why_duplicate, decision=_decision_words(row.decision)
                )
            )
    return lines


def _decision_words(decision: Decision) -> str:
    return {
        Decision.ADD: _("will be added as a new person"),
        Decision.SKIP: _("will be skipped"),
        Decision.MERGE: _("their empty details will be filled in from this row"),
    }[decision]


def import_people(session: Session, plan: ImportPlan) -> ImportReport:
    """Add (or merge) every valid row as its decision says, in the caller's one transaction; returns the report.

    The people added carry the import's batch id, so undo_import can put them all in the Bin.
    """
    batch = new_id()
    now = utc_now()
    # Who imported: asked once, not twice for each of ten thousand rows by the columns' defaults.
    who = current_user()
    people_rows: list[dict[str, Any]] = []
    role_rows: list[dict[str, Any]] = []
    skipped: list[tuple[int, str]] = []
    merged = 0
    for row in plan.rows:
        if row.details is None:
            skipped.append((row.row, " ".join(row.problems)))
        elif row.decision is Decision.SKIP:
            skipped.append((row.row, _("Looks like someone already there ({why}).").format(why=row.why_duplicate)))
        elif row.decision is Decision.MERGE and row.duplicate_of is not None:
            _merge(session, row.duplicate_of, row.details)
            merged += 1
        else:
            person_id = new_id()
            details = {key: value for key, value in row.details.items() if key != "roles"}
            people_rows.append(
                {**details, "id": person_id, "import_batch": batch, "created_at": now, "updated_at": now,
                 "created_by": who, "updated_by": who}
            )
            role_rows.extend({"person_id": person_id, "role": role} for role in row.details["roles"])
    # Bulk inserts: ten thousand rows in about a second, where adding each through the ORM took many.
    if people_rows:
        session.execute(insert(tables.people), people_rows)
    if role_rows:
        session.execute(insert(tables.person_roles), role_rows)
    return ImportReport(batch, len(people_rows), merged, skipped)


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
    people = tables.people
    result = session.execute(
        update(people)
        .where(people.c.import_batch == batch, people.c.deleted_at.is_(None))
        .values(deleted_at=utc_now(), updated_at=utc_now(), version=people.c.version + 1)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def report_summary(report: ImportReport) -> str:
    """The import's result in one plain sentence."""
    added = ngettext("{count:,} person added", "{count:,} people added", report.added).format(count=report.added)
    merged = ngettext("{count:,} merged", "{count:,} merged", report.merged).format(count=report.merged)
    skipped = ngettext("{count:,} row skipped", "{count:,} rows skipped", len(report.skipped)).format(
        count=len(report.skipped)
    )
    return _("{added}, {merged}, {skipped}.").format(added=added, merged=merged, skipped=skipped)
