"""The expenses export and claim form as the finance team gets them: totals checked against an independent sum of
the lines sheet, the payment run, typed text kept harmless, and the PDF's words."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import openpyxl

from partnerdesk.cli import main
from partnerdesk.exports.claim_pdf import write_claim_form
from partnerdesk.services.expenses.status import approve_claim, submit_claim
from tests.builders import add_claim, add_heading, add_line, add_person


def _setup(store):
    sam = add_person(store, full_name="Łukasz Wójcik", payment_preference="paid")
    boss = add_person(store, full_name="Ceri Jones")
    heading = add_heading(store, "Engagement", 2026, "1,000")
    approved = add_claim(store, sam, budget_heading_id=heading, programme="=HYPERLINK(\"x\")")
    add_line(store, approved, "public_transport", amount="23.40", description="Train to Tŷ Gwyn")
    add_line(store, approved, "mileage", miles="12.5", description="Home to station")
    add_line(store, approved, "backfill", unit="half_day", count=2)
    draft = add_claim(store, sam, day=date(2026, 6, 1))
    add_line(store, draft, "parking", day=date(2026, 6, 1), amount="3.10")
    with store.transaction() as session:
        submit_claim(session, approved, confirmed=True)
        approve_claim(session, approved, boss, confirmed=True)
    return approved


def _pence(value) -> int:
    return int(Decimal(str(value)) * 100)


def test_the_export_totals_match_an_independent_sum_of_the_lines(store, tmp_path, capsys):
    approved = _setup(store)
    out = tmp_path / "expenses.xlsx"
    assert main(["--db", str(store.engine.url.database), "export", "expenses", "--out", str(out)]) == 0
    assert "Wrote 2 claims" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    lines = list(book["Lines"].iter_rows(min_row=2, values_only=True))
    independent = sum(_pence(row[-1]) for row in lines)
    assert independent == 2340 + 563 + 35000 + 310
    by_kind = list(book["By kind"].iter_rows(min_row=2, values_only=True))
    assert sum(_pence(row[-1]) for row in by_kind) == independent
    by_heading = list(book["By heading"].iter_rows(min_row=2, values_only=True))
    assert {row[1]: _pence(row[-1]) for row in by_heading} == {"Engagement": 2340 + 563 + 35000,
                                                                 "No budget heading": 310}  # fmt: skip
    claims = list(book["Claims"].iter_rows(min_row=2, values_only=True))
    assert sum(_pence(row[9]) for row in claims) == independent
    assert claims[0][6].startswith("'=")  # typed text never runs as a formula
    assert book["Claims"]["J2"].number_format == "£#,##0.00"
    run = list(book["Payment run"].iter_rows(min_row=2, values_only=True))
    assert [(row[0], _pence(row[1])) for row in run] == [("Łukasz Wójcik", 2340 + 563 + 35000)]
    assert run[0][2] == f"EXP-{approved[:8].upper()}"


def test_export_dates_choose_claims_and_bad_dates_are_refused(store, tmp_path, capsys):
    _setup(store)
    out = tmp_path / "june.xlsx"
    db = str(store.engine.url.database)
    assert main(["--db", db, "export", "expenses", "--out", str(out), "--from", "01/06/2026"]) == 0
    assert len(list(openpyxl.load_workbook(out)["Claims"].iter_rows(min_row=2))) == 1
    assert main(["--db", db, "export", "expenses", "--out", str(out), "--from", "2026-07-01", "--to", "1/6/2026"]) == 1
    assert "after" in capsys.readouterr().err


def test_the_claim_form_pdf_shows_the_lines_totals_and_declaration(store, tmp_path):
    approved = _setup(store)
    pdf = tmp_path / "claim.pdf"
    with store.reader() as session:
        write_claim_form(session, approved, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for words in ("Łukasz Wójcik", "Train to Tŷ Gwyn", "£23.40", "£5.63", "£350.00", "£379.03", "Declaration",
                  "Signature", "Ceri Jones", "12.5 miles at 45p"):  # fmt: skip
        assert words in text


def test_the_budget_sheet_lists_headings_with_no_claims_so_allocations_add_up(store, tmp_path):
    from partnerdesk.exports.expenses import export_expenses

    _setup(store)
    add_heading(store, "Training", 2026, "500")  # nothing claimed against it yet
    add_heading(store, "Old", 2023, "900")  # another year, outside the period
    out = tmp_path / "expenses.xlsx"
    with store.reader() as session:
        export_expenses(session, out, date_from=date(2026, 4, 1), date_to=date(2027, 3, 31))
    by_heading = list(openpyxl.load_workbook(out)["By heading"].iter_rows(min_row=2, values_only=True))
    rows = {row[1]: row for row in by_heading}
    assert set(rows) == {"Engagement", "Training", "No budget heading"}
    assert rows["Training"][0] == "2026–27" and _pence(rows["Training"][2]) == 50000
    assert rows["Training"][3] == 0 and _pence(rows["Training"][-1]) == 0
    assert sum(_pence(row[2]) for row in by_heading if row[2] is not None) == 150000
