"""What every import from a spreadsheet shares, whatever it brings in (people, meetings, expense claims): finding
the heading row, guessing which column holds which detail, a plan per row with its problems, the row report, and
putting a whole import back (Undo) by the batch id each record it added carries.

Each area describes its own import with an Importer (services.people.importing, services.meetings.importing,
services.expenses.importing): its fields and the headings people write for them, how a row is checked, how the
checked rows are added. The window's import dialog and `partnerdesk import KIND` work through that alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, update
from sqlalchemy.orm import Session

from partnerdesk.i18n import _, ngettext
from partnerdesk.records.base import utc_now

Rows = Sequence[tuple[int, Sequence[Any]]]

#: What exports.guard puts in front of text a spreadsheet would take for a formula ("'=1+1", "'+44 7700 900123").
_GUARDED = re.compile(r"'(?=\s*[=+\-@\t\r])")
#: Separators between several choices in one cell ("Carer representative; Back-up representative").
SEVERAL = re.compile(r"\s*[;,\n]\s*")


class Decision(StrEnum):
    """What happens to one row when the import runs."""

    ADD = "add"  # a new record
    SKIP = "skip"  # nothing
    MERGE = "merge"  # fill in the likely duplicate's empty details from this row (people only)


@dataclass
class RowPlan:
    """One row of the sheet (or, for claims, the rows of one claim): its details once checked, what is wrong with
    it, and whether it looks like a record already there."""

    row: int  # as the spreadsheet numbers it
    details: dict[str, Any] | None  # checked and tidied, or None when the row has problems
    problems: list[str] = field(default_factory=list)
    duplicate_of: str | None = None  # an existing record's id
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

    @property
    def going_in(self) -> int:
        """How many rows will be imported as things stand."""
        return sum(1 for row in self.rows if row.valid and row.decision is not Decision.SKIP)


@dataclass
class ImportReport:
    """What an import did. batch identifies it for Undo."""

    batch: str
    added: int
    merged: int
    skipped: list[tuple[int, str]]  # row number, why


@dataclass(frozen=True)
class Importer:
    """One kind of import: its fields (code → words, "" to leave a column out), the headings people write for
    each field (squashed: see squash), and the area's own steps."""

    kind: str
    fields: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]
    #: At least one of these fields must have a column, with the message to show when none has.
    needs: tuple[tuple[str, ...], str]
    plan_rows: Callable[[Session, Rows, list[str]], list[RowPlan]]
    commit: Callable[[Session, ImportPlan], ImportReport]
    undo: Callable[[Session, str], int]
    summary: Callable[[ImportReport], str]
    #: The row report: one plain line per row that will not simply be added.
    report: Callable[[ImportPlan], list[str]]
    #: Sheet names to open first when the file has them (the expenses export's lines are on "Lines").
    sheets: tuple[str, ...] = ()

    def field_for(self, heading: Any) -> str:
        """The field a heading most likely means, or "" when it means none of them."""
        key = squash(heading)
        return next((name for name, words in self.synonyms.items() if key in words), "")

    def guess(self, rows: Rows) -> tuple[int, list[Any], list[str]]:
        """Where the headings are (an index into rows), the headings and the guessed field for each column."""
        index = find_heading_row(rows, self.field_for)
        headings = list(rows[index][1]) if rows else []
        taken: set[str] = set()
        mapping = []
        for heading in headings:
            name = self.field_for(heading)
            mapping.append(name if name not in taken else "")  # a field goes to the first column that looks like it
            taken.add(name)
        return index, headings, mapping

    def plan(self, session: Session, rows: Rows, mapping: Sequence[str] | None = None) -> ImportPlan:
        """Check every row below the headings (mapping: a field per column, or None for the guess)."""
        from partnerdesk.services.common.errors import ValidationError

        index, headings, guessed = self.guess(rows)
        chosen = list(mapping) if mapping is not None else guessed
        needed, message = self.needs
        if not set(needed) & set(chosen):
            raise ValidationError({"": _(message)})
        plans = self.plan_rows(session, rows[index + 1 :], chosen)
        return ImportPlan(rows[index][0] if rows else 1, headings, chosen, plans)


def squash(heading: Any) -> str:
    """A heading reduced to lower-case letters and digits, so "E-mail Address" and "email address" match."""
    return re.sub(r"[^0-9a-z]", "", str(heading).lower()) if heading is not None else ""


def find_heading_row(rows: Rows, field_for: Callable[[Any], str], search: int = 20) -> int:
    """The index (into rows) of the heading row: the one among the first rows with most recognised headings.

    Sheets often start with a title or a blank line or two, so the heading row is not always the first.
    """
    best, best_score = 0, 0
    for index, (_number, values) in enumerate(rows[:search]):
        score = len({field_for(value) for value in values if isinstance(value, str)} - {""})
        if score > best_score:
            best, best_score = index, score
    return best


def cells(mapping: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    """The non-empty cells of a row by field (the first column wins when two go to the same field)."""
    found: dict[str, Any] = {}
    for name, value in zip(mapping, values, strict=False):
        if name and value is not None and value != "" and name not in found:
            found[name] = value
    return found


def cell_text(value: Any) -> str:
    """A cell as the text typed into it (whole numbers without ".0"; PartnerDesk's formula guard taken off)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text[1:] if _GUARDED.match(text) else text


def choice_codes(vocabulary: dict[str, str]) -> dict[str, str]:
    """A lookup from a choice's code or words, any case, to its code ("Other (say which)" is written "Other")."""
    found = {code.lower(): code for code in vocabulary}
    found.update({label.removesuffix(" (say which)").lower(): code for code, label in vocabulary.items()})
    found.update({_(label).removesuffix(" (say which)").lower(): code for code, label in vocabulary.items()})
    return found


def folded(name: str | None) -> str:
    """A name with case, accents, punctuation and extra spaces aside ("Zoë  Müller-Jones" → "zoe mullerjones")."""
    if not name:
        return ""
    if name.isascii():
        # Most names: the same answer as below by one regular expression (ten thousand rows are folded twice over).
        return " ".join(_NOT_ASCII_WORD.sub("", name.lower()).split())
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()
    words = ["".join(ch for ch in word if ch.isalnum()) for word in plain.split()]
    return " ".join(word for word in words if word)


_NOT_ASCII_WORD = re.compile(r"[^0-9a-z\s]")


def problem_lines(problems: dict[str, str], label: Callable[[str], str]) -> list[str]:
    """A row's problems as the row report says them ("Email: This doesn't look like…")."""
    return [f"{label(name)}: {message}" if name else message for name, message in problems.items()]


def skipped(plan: ImportPlan, why_duplicate: str) -> list[tuple[int, str]]:
    """Every row the import leaves out, with why (its problems, or why_duplicate filled with its likeness)."""
    out = []
    for row in plan.rows:
        if row.details is None:
            out.append((row.row, " ".join(row.problems)))
        elif row.decision is Decision.SKIP:
            said = why_duplicate.format(why=row.why_duplicate) if row.why_duplicate else _("Left out by choice.")
            out.append((row.row, said))
    return out


def summary(report: ImportReport, *done: str) -> str:
    """The import's result in one plain sentence: what was done (already in words), then the rows skipped."""
    left = ngettext("{count:,} row skipped", "{count:,} rows skipped", len(report.skipped)).format(
        count=len(report.skipped)
    )
    return _("{done}, {skipped}.").format(done=", ".join(done), skipped=left)


def undo_batch(session: Session, table: Table, batch: str) -> int:
    """Put every record of table that an import added (and not already in the Bin) in the Bin; returns how many."""
    result = session.execute(
        update(table)
        .where(table.c.import_batch == batch, table.c.deleted_at.is_(None))
        .values(deleted_at=utc_now(), updated_at=utc_now(), version=table.c.version + 1)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def row_report(plan: ImportPlan, already: str, added: str) -> list[str]:
    """One plain line per row that will not simply be added: its problems, or what it looks like (row numbers, no
    values). already: how this kind says "looks like … already in PartnerDesk"; added: "will be added as …"."""
    lines = []
    for row in plan.rows:
        decision = added if row.decision is Decision.ADD else _decision_words(row.decision)
        if row.problems:
            lines.append(_("Row {row}: {problems}").format(row=row.row, problems=" ".join(row.problems)))
        elif row.duplicate_of is not None:
            lines.append(
                _("Row {row}: {already} ({why}); {decision}.").format(
                    row=row.row, already=already, why=row.why_duplicate, decision=decision
                )
            )
        elif row.duplicate_row is not None:
            lines.append(
                _("Row {row}: looks like row {other} ({why}); {decision}.").format(
                    row=row.row, other=row.duplicate_row, why=row.why_duplicate, decision=decision
                )
            )
    return lines


def _decision_words(decision: Decision) -> str:
    return {
        Decision.SKIP: _("will be skipped"),
        Decision.MERGE: _("their empty details will be filled in from this row"),
    }.get(decision, "")
