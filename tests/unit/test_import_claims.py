"""Importing expense claims from a spreadsheet: people found by email or name, amounts as typed to exact pence,
rows of one claim together, bad rows reported (with their whole claim), PartnerDesk's own export read back, Undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from partnerdesk.exports.expenses import export_expenses
from partnerdesk.exports.importing.reading import read_grid
from partnerdesk.records import tables
from partnerdesk.services.expenses.importing import CLAIMS, import_claims, plan_import, row_report, undo_import
from tests.builders import add_claim, add_heading, add_line, add_person, new_store

MARKER = "Marker Treuliau Ŷd 4c1"


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _claims(store) -> list[tuple]:
    c, p, h, ln = tables.claims, tables.people, tables.budget_headings, tables.claim_lines
    with store.reader() as session:
        claims = session.execute(
            select(c.c.id, p.c.full_name, c.c.claim_date, c.c.status, h.c.name, c.c.total_pence)
            .join(p, p.c.id == c.c.person_id).outerjoin(h, h.c.id == c.c.budget_heading_id)
            .where(c.c.deleted_at.is_(None)).order_by(c.c.claim_date, c.c.total_pence)
        ).all()  # fmt: skip
        out = []
        for claim_id, *rest in claims:
            lines = session.execute(
                select(ln.c.day, ln.c.category, ln.c.description, ln.c.amount_pence, ln.c.miles_tenths)
                .where(ln.c.claim_id == claim_id).order_by(ln.c.position)
            ).all()  # fmt: skip
            out.append((*rest, [tuple(line) for line in lines]))
        return out


def test_columns_people_write_for_claims_are_guessed():
    headings = ["Claim ref", "Claimant", "Date", "Expense type", "Cost", "Details", "Budget"]
    assert CLAIMS.guess([(1, headings)])[2] == [
        "reference", "person", "day", "category", "amount", "description", "budget_heading"
    ]  # fmt: skip


def test_a_claims_log_imports_its_good_claims_reports_the_rest_and_undo_bins_them(store, tmp_path):
    add_person(store, full_name="Ffion Jones", email="ffion@example.org")
    add_person(store, full_name="Twm Twin", email="twm1@example.org")
    add_person(store, full_name="Twm Twin", email="twm2@example.org")
    add_heading(store, "Engagement", 2026)
    path = _csv(
        tmp_path,
        "Ref,Name,Date,Kind,Amount,Description,Budget heading,Status\n"
        f"A1,Ffion Jones,01/05/2026,Parking,£12.50,{MARKER},Engagement,Submitted\n"
        "A1,ffion jones,02/05/2026,Printing,3,,Engagement,Submitted\n"
        "A2,Ffion Jones,3 May 2026,Taxi,1050.505,,,\n"
        "A2,Ffion Jones,3 May 2026,Parking,2.00,,,\n"
        "A3,Twm Twin,03/05/2026,Parking,2,,,\n"
        "A4,Nobody Known,03/05/2026,Parking,2,,,\n"
        "A5,Ffion Jones,03/05/2026,Parking,2,,,Paid\n"
        "A6,Ffion Jones,04/05/2026,Parking,12.5,,,new\n",
    )
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        lines = row_report(plan)
        report = import_claims(session, plan)
    assert lines[0].startswith("Row 4: Amount: ") and len(lines) == 5
    assert lines[1] == "Row 5: Another row of the same claim (row 4) has a problem."
    assert lines[2] == (
        "Row 6: Person's name: More than one person in PartnerDesk has that name. Add a column with each person's "
        "email."
    )
    assert lines[3].startswith("Row 7: Person's name: Nobody in PartnerDesk has that name")
    assert lines[4].startswith("Row 8: Status: PartnerDesk imports claims as drafts or waiting for approval only.")
    assert not any(MARKER in line for line in lines)
    assert (report.added, [row for row, _why in report.skipped]) == (2, [4, 5, 6, 7, 8])
    assert _claims(store) == [
        ("Ffion Jones", date(2026, 5, 2), "submitted", "Engagement", 1550,
         [(date(2026, 5, 1), "parking", MARKER, 1250, None), (date(2026, 5, 2), "printing", None, 300, None)]),
        ("Ffion Jones", date(2026, 5, 4), "draft", None, 1250, [(date(2026, 5, 4), "parking", None, 1250, None)]),
    ]  # fmt: skip
    with store.transaction() as session:
        again = plan_import(session, read_grid(path).rows)
        assert [(row.row, row.why_duplicate) for row in again.rows if row.duplicate_of] == [
            (2, "the same person, day, kind and amount"), (3, "the same person, day, kind and amount"),
            (9, "the same person, day, kind and amount"),
        ]  # importing the sheet again would not pay twice
        assert import_claims(session, again).added == 0
        assert undo_import(session, report.batch) == 2
    assert _claims(store) == []


def test_people_are_found_by_email_when_the_sheet_has_one(store, tmp_path):
    add_person(store, full_name="Twm Twin", email="twm1@example.org")
    second = add_person(store, full_name="Twm Twin", email="twm2@example.org")
    path = _csv(tmp_path, "Email,Date,Kind,Amount\nTWM2@example.org,01/05/2026,Parking,4\n")
    with store.transaction() as session:
        plan = plan_import(session, read_grid(path).rows)
        assert plan.rows[0].details["claim"]["person_id"] == second


def test_partnerdesks_own_expenses_export_imports_back_from_its_lines_sheet(store, tmp_path):
    ffion = add_person(store, full_name="Ffion Jones", email="ffion@example.org")
    add_heading(store, "Engagement", 2026)
    first = add_claim(store, ffion, date(2026, 5, 2))
    add_line(store, first, "parking", date(2026, 5, 1), amount="12.50", description=MARKER)
    add_line(store, first, "mileage", date(2026, 5, 2), miles="12.5")
    second = add_claim(store, ffion, date(2026, 6, 1))
    add_line(store, second, "involvement_payment", date(2026, 6, 1), unit="half_day", count=2)
    out = tmp_path / "expenses.xlsx"
    with store.reader() as session:
        export_expenses(session, out)
    other = new_store(tmp_path, "other.sqlite3")
    try:
        add_person(other, full_name="Ffion Jones", email="ffion@example.org")
        grid = read_grid(out, CLAIMS.sheets[0])
        with other.transaction() as session:
            plan = plan_import(session, grid.rows)
            assert [row.problems for row in plan.rows] == [[], [], []]
            assert import_claims(session, plan).added == 2
        assert _claims(other) == _claims(store)
    finally:
        other.close()


def test_rows_of_one_claim_naming_different_people_keep_the_claim_out(store, tmp_path):
    add_person(store, full_name="Ffion Jones")
    add_person(store, full_name="Bryn Owen")
    path = _csv(tmp_path, "Ref,Name,Date,Kind,Amount\nA1,Ffion Jones,01/05/2026,Parking,4\n"
                          "A1,Bryn Owen,01/05/2026,Parking,4\n")  # fmt: skip
    with store.reader() as session:
        lines = row_report(plan_import(session, read_grid(path).rows))
    assert lines == [
        "Row 2: Another row of the same claim (row 3) has a problem.",
        "Row 3: This row names a different person from row 2 of the same claim.",
    ]
