"""Subject access: everything held about one person, from every kind of record that refers to them, as a spreadsheet
(one sheet per kind, every field) and a readable PDF; confidential notes only when asked for, and always audited."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from partnerdesk.exports.subject_access import export_subject_access
from partnerdesk.records import tables
from partnerdesk.services.common import audit
from partnerdesk.services.common.errors import NotFound
from partnerdesk.services.expenses.receipts import add_receipt
from partnerdesk.services.people.subject_access import CONFIDENTIAL_COLUMNS, gather, gathered_tables
from partnerdesk.services.wellbeing.confidential import CONFIDENTIAL_FIELDS
from tests.builders import (
    TINY_PNG,
    add_check,
    add_claim,
    add_committee,
    add_invitations,
    add_line,
    add_meeting,
    add_membership,
    add_pair,
    add_person,
    add_session,
    new_store,
)
from tests.marker_check import MARKER

NAME = "Bronwen Ap-Iorwerth"


@pytest.fixture
def store(tmp_path):
    store = new_store(tmp_path)
    yield store
    store.close()


@pytest.fixture
def person(store) -> str:
    other = add_person(store, full_name="Someone Else Entirely")
    person = add_person(store, full_name=NAME, notes="Prefers morning calls")
    committee = add_committee(store)
    add_membership(store, person, committee, date(2025, 1, 1))
    meeting = add_meeting(store, committee)
    add_invitations(store, meeting, [person, other])
    add_check(store, person)  # confidential notes hold MARKER
    add_check(store, other, confidential_notes="Other person's notes")
    add_pair(store, other, person)
    add_session(store, other, [person], date(2025, 3, 3))
    claim = add_claim(store, person, notes="Train to the board")
    line = add_line(store, claim, description="Parking at the hospital")
    with store.transaction() as session:
        add_receipt(session, line, "parking-receipt.png", TINY_PNG)
    return person


def test_every_table_that_refers_to_a_person_is_gathered():
    referring = {child.name for child in tables.metadata.sorted_tables for fk in child.foreign_keys
                 if fk.column.table is tables.people}  # fmt: skip
    assert referring <= gathered_tables()


def test_the_confidential_columns_left_out_are_the_ones_the_confidentiality_point_guards():
    expected = {"wellbeing_checks": CONFIDENTIAL_FIELDS["wellbeing_check"],
                "supervision_sessions": CONFIDENTIAL_FIELDS["supervision_session"]}
    assert expected == CONFIDENTIAL_COLUMNS


def test_gathers_their_records_and_not_other_peoples(store, person):
    with store.reader() as session:
        held = gather(session, person)
    by_table = {section.table.name: section for section in held.sections}
    assert by_table["people"].rows[0]["full_name"] == NAME
    for kind in ("memberships", "attendance", "wellbeing_checks", "supervision_pairs", "supervision_sessions",
                 "claims", "claim_lines", "receipts", "person_roles"):
        assert len(by_table[kind].rows) == 1, kind
    assert "data" not in {column.name for column in by_table["receipts"].columns}  # the name, not the bytes
    assert "confidential_notes" not in by_table["wellbeing_checks"].rows[0]
    assert "notes" not in by_table["supervision_sessions"].rows[0]
    assert "Someone Else Entirely" not in repr(held.sections)


def test_the_spreadsheet_has_a_sheet_per_kind_with_every_field_and_is_audited(store, person, tmp_path):
    out = tmp_path / "sar.xlsx"
    with store.reader() as session:
        rows = export_subject_access(session, person, out)

    book = load_workbook(out, read_only=True)
    assert {"people", "memberships", "attendance", "wellbeing_checks", "claims", "receipts"} <= set(book.sheetnames)
    people = list(book["people"].values)
    assert people[0][:1] == ("full_name",) or "full_name" in people[0]
    assert NAME in people[1] and "Prefers morning calls" in people[1]
    receipts = list(book["receipts"].values)
    assert "parking-receipt.png" in receipts[1]
    everything = " ".join(str(cell) for sheet in book.worksheets for row in sheet.values for cell in row)
    assert MARKER not in everything
    book.close()
    with store.reader() as session:
        (entry,) = audit.list_entries(session, audit.AuditFilter(kind="subject_access"))
    assert entry["object_id"] == person
    assert entry["details"] == {"rows": rows, "confidential_included": False, "file_type": "xlsx"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_reads_as_a_document_and_holds_confidential_notes_only_when_confirmed(store, person, tmp_path):
    plain, full = tmp_path / "sar.pdf", tmp_path / "sar-with-notes.pdf"
    with store.reader() as session:
        export_subject_access(session, person, plain)
        export_subject_access(session, person, full, include_confidential=True)

    def text(path):
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    shown = text(plain)
    assert f"Everything we hold about {NAME}" in shown
    assert "Seats on committees" in shown and "Expense claims" in shown and "Wellbeing checks" in shown
    assert "Confidential notes are not included in this copy." in shown
    # Which committee and meeting, in words beside the record numbers (pdftotext may wrap a long table cell).
    flat = " ".join(shown.split())
    assert "Mental Health Committee (" in flat and re.search(r"Test Meeting \d+, 17/06/2031 \(", flat)
    assert "Someone Else Entirely" not in flat  # another person stays a record number
    assert MARKER not in shown
    assert MARKER in text(full)
    with store.reader() as session:
        entries = audit.list_entries(session, audit.AuditFilter(kind="subject_access"))
    assert [e["details"]["confidential_included"] for e in entries] == [True, False]


def test_someone_unknown_is_not_found(store):
    with pytest.raises(NotFound), store.reader() as session:
        gather(session, "nobody")


def test_the_command_line_writes_it_for_a_person_by_id(store, person, tmp_path, capsys):
    from partnerdesk import cli

    out = tmp_path / "person.pdf"
    store.close()
    assert cli.main(["--db", str(store.path), "export", "person", "--id", person, "--out", str(out)]) == 0
    assert out.exists() and "records to" in capsys.readouterr().out
    assert cli.main(["--db", str(store.path), "export", "person", "--out", str(out)]) == 1
    assert "--id" in capsys.readouterr().err
    reopened = new_store(tmp_path)
    try:
        with reopened.reader() as session:
            (entry,) = audit.list_entries(session, audit.AuditFilter(kind="subject_access"))
    finally:
        reopened.close()
    assert entry["details"]["file_type"] == "pdf"
